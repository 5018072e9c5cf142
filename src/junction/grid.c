/* Junction integrals on uniform energy lattices. The integrands are analytic in a strip of half-width
 * a = min(Γ1, Γ2, πkT) around the real axis and decay exponentially outside the thermal window, so the
 * trapezoid rule with spacing h converges like exp(−2πa/h) (Trefethen & Weideman, SIAM Rev. 56, 385
 * (2014)); the sum over every second node (spacing 2h) gives the error estimate.
 *   NIS: G(V) = ∫ Ñ(E) k_T(E − V) dE,      I(V) = ∫ Ñ(E) [f(E − V) − f(E)] dE,   Ñ = (1+P)N↑ + (1−P)N↓
 *   SIS: I(V) = Σ_σ w_σ ∫ N1σ(E) N2σ(E+V) [f(E) − f(E+V)] dE,  w_σ = 2(1 ± P)  (1 channel if unpolarised)
 *        G(V) = Σ_σ w_σ ∫ N1σ(E) [N2σ'(E+V)(f(E) − f(E+V)) + N2σ(E+V) k_T(E+V)] dE  (dI/dV exactly)
 * with k_T = −∂f/∂E. Biases that lie on one lattice V = base + idx·h (a uniform bias grid, h dividing
 * its step) share their DOS samples; other biases get their own lattice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/adaptive.h"
#include "junction/fastdos.h"
#include "junction/fftcorr.h"
#include "junction/grid.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define WIN_EXTRA 14.0 /* thermal window: kT (ln(1/tol) + WIN_EXTRA) */

double junction_strip(const sfhet_junction *j) {
  double a = M_PI * SFHET_KB_MEV * j->T;
  a = fmin(a, junction_dos_width(j->dos1, j->p1));
  if (j->kind == SFHET_JUNCTION_SIS) a = fmin(a, junction_dos_width(junction_dos2(j), j->p2));
  return a;
}

typedef struct {
  const sfhet_junction *j;
  double h, kT, W;
  int nch;          /* channels: 1 (unpolarised sum) or 2 (spin up, down) */
  double w[2];      /* channel weights */
  int wantG, wantI;
} ctx;

/* Samples per channel of one electrode's DOS at x_l = base + l h, l = l0 .. l0+n−1, and (dN not NULL)
 * dN/dE: closed form for Dynes/Zeeman, otherwise a central difference with a step far below every
 * feature (1e-5 a; the difference of the actual abscissae is the denominator). tmp: 5 n doubles. */
static int dos_samples(const ctx *c, const sfhet_dos_info *m, const double *p, double base, long l0,
                       size_t n, double *x, double **out, double **dN, double *tmp) {
  for (size_t i = 0; i < n; i++) x[i] = base + (double)(l0 + (long)i) * c->h;
  if (junction_fast_dos(m, p, x, n, c->nch, out, dN)) return SFHET_OK;
  double *xs = tmp + 4 * n;
  if (c->nch == 1)
    SFHET_TRY(m->eval(p, x, n, out[0], NULL, NULL));
  else
    SFHET_TRY(m->eval(p, x, n, tmp, out[0], out[1]));
  if (!dN) return SFHET_OK;
  double d = 1e-5 * junction_strip(c->j), *Np[2] = {tmp, tmp + n}, *Nm[2] = {tmp + 2 * n, tmp + 3 * n};
  for (int sgn = 0; sgn < 2; sgn++) {
    double **o = sgn ? Nm : Np;
    for (size_t i = 0; i < n; i++) xs[i] = x[i] + (sgn ? -d : d);
    SFHET_TRY(c->nch == 1 ? m->eval(p, xs, n, o[0], NULL, NULL) : m->eval(p, xs, n, dN[0], o[0], o[1]));
  }
  for (size_t i = 0; i < n; i++) {
    double den = (x[i] + d) - (x[i] - d);
    for (int ch = 0; ch < c->nch; ch++) dN[ch][i] = (Np[ch][i] - Nm[ch][i]) / den;
  }
  return SFHET_OK;
}

/* Collapses NIS channels into Ñ = (1+P)N↑ + (1−P)N↓ in out[0]. */
static void nis_weighted(const ctx *c, double **N, size_t n) {
  if (c->nch == 1) return;
  for (size_t i = 0; i < n; i++) N[0][i] = (1.0 + c->j->P) * N[0][i] + (1.0 - c->j->P) * N[1][i];
}

/* ---------------------------------------------------------------- NIS */

/* One lattice group of NIS biases: V[q] = base + idx[q] h for q in who[0..ng). */
static int nis_group(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng,
                     double base, double *G, double *G2, double *I, double *buf) {
  double h = c->h, kT = c->kT, vmax = 0.0;
  long kw = (long)ceil(c->W / h), imin = idx[who[0]], imax = imin;
  for (size_t g = 0; g < ng; g++) {
    long i = idx[who[g]];
    imin = i < imin ? i : imin;
    imax = i > imax ? i : imax;
    vmax = fmax(vmax, fabs(V[who[g]]));
  }
  long kI = c->wantI ? (long)ceil((vmax + c->W) / h) : kw;
  long l0 = imin - kI;
  size_t nl = (size_t)(imax + kI - l0 + 1), nk = (size_t)(2 * kI + 1);
  double *x = buf, *N[2] = {buf + nl, buf + 2 * nl}, *fB = buf + 3 * nl, *tmp = buf + 4 * nl;
  double *K = buf + 9 * nl, *fK = K + nk;
  SFHET_TRY(dos_samples(c, c->j->dos1, c->j->p1, base, l0, nl, x, N, NULL, tmp));
  nis_weighted(c, N, nl);
  for (long k = -kI; k <= kI; k++) {
    K[k + kI] = junction_mdfermi((double)k * h, kT);
    fK[k + kI] = junction_fermi((double)k * h, kT);
  }
  if (c->wantI)
    for (size_t i = 0; i < nl; i++) fB[i] = junction_fermi(x[i], kT);
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g];
    const double *Nq = N[0] + (idx[q] - l0), *fq = fB + (idx[q] - l0);
    if (c->wantG) {
      double s = 0.0, s2 = 0.0;
      for (long k = -kw; k <= kw; k++) {
        double t = Nq[k] * K[k + kI];
        s += t;
        if (!(k & 1)) s2 += t;
      }
      G[q] = h * s;
      G2[q] = 2.0 * h * s2;
    }
    if (c->wantI) { /* E = V + k h: f(E − V) = fK[k], f(E) = fq[k] */
      long k0 = (long)floor((fmin(0.0, V[q]) - V[q] - c->W) / h);
      long k1 = (long)ceil((fmax(0.0, V[q]) - V[q] + c->W) / h);
      k0 = k0 < -kI ? -kI : k0;
      k1 = k1 > kI ? kI : k1;
      double s = 0.0;
      for (long k = k0; k <= k1; k++) s += Nq[k] * (fK[k + kI] - fq[k]);
      I[q] = h * s;
    }
  }
  return SFHET_OK;
}

static size_t nis_buf_size(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng) {
  long kw = (long)ceil(c->W / c->h), imin = idx[who[0]], imax = imin;
  double vmax = 0.0;
  for (size_t g = 0; g < ng; g++) {
    imin = idx[who[g]] < imin ? idx[who[g]] : imin;
    imax = idx[who[g]] > imax ? idx[who[g]] : imax;
    vmax = fmax(vmax, fabs(V[who[g]]));
  }
  long kI = c->wantI ? (long)ceil((vmax + c->W) / c->h) : kw;
  return 9 * (size_t)(imax - imin + 2 * kI + 1) + 2 * (size_t)(2 * kI + 1);
}

/* ---------------------------------------------------------------- SIS */

/* First electrode on the lattice k h, k = kA .. kA+nA−1 (shared by all groups), per channel:
 * a1 = N1 f, a2 = N1. */
typedef struct {
  long kA;
  size_t nA;
  double *a1[2], *a2[2];
} side_a;

#define SIDE_A_SIZE 11 /* doubles per node */
#define SIDE_B_SIZE 19

static void sis_extent_a(const ctx *c, const double *V, size_t n, long *kA, size_t *nA) {
  double vmin = 0.0, vmax = 0.0;
  for (size_t i = 0; i < n; i++) vmin = fmin(vmin, V[i]), vmax = fmax(vmax, V[i]);
  *kA = (long)floor((-vmax - c->W) / c->h);
  *nA = (size_t)((long)ceil((-vmin + c->W) / c->h) - *kA + 1);
}

static int sis_side_a(const ctx *c, const double *V, size_t n, side_a *A, double *buf) {
  sis_extent_a(c, V, n, &A->kA, &A->nA);
  size_t nA = A->nA;
  double *x = buf, *tmp = buf + nA;                  /* tmp: 5 nA */
  for (int ch = 0; ch < 2; ch++) {
    A->a1[ch] = buf + (6 + ch) * nA;
    A->a2[ch] = buf + (8 + ch) * nA;
  }
  SFHET_TRY(dos_samples(c, c->j->dos1, c->j->p1, 0.0, A->kA, nA, x, A->a2, NULL, tmp));
  for (size_t i = 0; i < nA; i++) {
    double f = junction_fermi(x[i], c->kT);
    for (int ch = 0; ch < c->nch; ch++) A->a1[ch][i] = A->a2[ch][i] * f;
  }
  return SFHET_OK;
}

/* Window of E = k h for bias v: [min(0, −v) − W, max(0, −v) + W], clipped to side A. */
static void sis_window(const ctx *c, const side_a *A, double v, long *k0, long *k1) {
  *k0 = (long)floor((fmin(0.0, -v) - c->W) / c->h);
  *k1 = (long)ceil((fmax(0.0, -v) + c->W) / c->h);
  if (*k0 < A->kA) *k0 = A->kA;
  if (*k1 > A->kA + (long)A->nA - 1) *k1 = A->kA + (long)A->nA - 1;
}

/* Second electrode on base + l h, l = l0 .. l0+nB−1, per channel: b1 = N2', b2 = N2 k_T − N2' f,
 * b3 = N2, b4 = N2 f; then G ∝ Σ a1 b1 + a2 b2 and I ∝ Σ a1 b3 − a2 b4. */
typedef struct {
  long l0;
  size_t nB;
  double *b[4][2];
} side_b;

static void sis_extent_b(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                         size_t ng, long *l0, size_t *nB) {
  long lmin = 0, lmax = 0;
  for (size_t g = 0; g < ng; g++) {
    long k0, k1, i = idx[who[g]];
    sis_window(c, A, V[who[g]], &k0, &k1);
    lmin = (g == 0 || k0 + i < lmin) ? k0 + i : lmin;
    lmax = (g == 0 || k1 + i > lmax) ? k1 + i : lmax;
  }
  *l0 = lmin;
  *nB = (size_t)(lmax - lmin + 1);
}

/* Fills side B on l = l0 .. l0+nB−1 (B->l0, B->nB set by the caller). */
static int sis_side_b(const ctx *c, double base, side_b *B, double *buf) {
  size_t nB = B->nB;
  double *x = buf, *tmp = buf + nB;                  /* tmp: 5 nB */
  for (int q = 0; q < 4; q++)
    for (int ch = 0; ch < 2; ch++) B->b[q][ch] = buf + (size_t)(6 + 2 * q + ch) * nB;
  double **N2 = B->b[2], **dN2 = B->b[0];
  SFHET_TRY(dos_samples(c, junction_dos2(c->j), c->j->p2, base, B->l0, nB, x, N2, dN2, tmp));
  for (size_t i = 0; i < nB; i++) {
    double f = junction_fermi(x[i], c->kT), k = junction_mdfermi(x[i], c->kT);
    for (int ch = 0; ch < c->nch; ch++) {
      B->b[1][ch][i] = N2[ch][i] * k - dN2[ch][i] * f;
      B->b[3][ch][i] = N2[ch][i] * f;
    }
  }
  return SFHET_OK;
}

/* Σ_k p[k] q[k+i] + r[k] s[k+i] over k0..k1, all nodes (*all) and even k only (*even). */
static void pair_sums(const double *p, const double *q, const double *r, const double *s, long k0, long k1,
                      double *all, double *even) {
  double e0 = 0.0, e1 = 0.0, o0 = 0.0, o1 = 0.0;
  long k = k0;
  if (k & 1) {
    o0 += p[k] * q[k] + r[k] * s[k];
    k++;
  }
  for (; k + 3 <= k1; k += 4) {
    e0 += p[k] * q[k] + r[k] * s[k];
    o0 += p[k + 1] * q[k + 1] + r[k + 1] * s[k + 1];
    e1 += p[k + 2] * q[k + 2] + r[k + 2] * s[k + 2];
    o1 += p[k + 3] * q[k + 3] + r[k + 3] * s[k + 3];
  }
  for (; k <= k1; k++) {
    double t = p[k] * q[k] + r[k] * s[k];
    if (k & 1)
      o0 += t;
    else
      e0 += t;
  }
  *even = e0 + e1;
  *all = e0 + e1 + o0 + o1;
}

static int sis_group(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                     size_t ng, double base, double *G, double *G2, double *I, double *buf) {
  side_b B;
  sis_extent_b(c, A, V, idx, who, ng, &B.l0, &B.nB);
  SFHET_TRY(sis_side_b(c, base, &B, buf));
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g];
    long k0, k1, i = idx[q];
    sis_window(c, A, V[q], &k0, &k1);
    double tg = 0.0, tg2 = 0.0, ti = 0.0;
    for (int ch = 0; ch < c->nch; ch++) {
      const double *a1 = A->a1[ch] - A->kA, *a2 = A->a2[ch] - A->kA;
      const double *b[4];
      for (int m = 0; m < 4; m++) b[m] = B.b[m][ch] - B.l0 + i;
      double all, even;
      if (c->wantG) {
        pair_sums(a1, b[0], a2, b[1], k0, k1, &all, &even);
        tg += c->w[ch] * all;
        tg2 += c->w[ch] * even;
      }
      if (c->wantI) {
        double s = 0.0;
        for (long k = k0; k <= k1; k++) s += a1[k] * b[2][k] - a2[k] * b[3][k];
        ti += c->w[ch] * s;
      }
    }
    if (G) G[q] = c->h * tg;
    if (G2) G2[q] = 2.0 * c->h * tg2;
    if (I) I[q] = c->h * ti;
  }
  return SFHET_OK;
}

/* ---------------------------------------------------------------- SIS by FFT */

int junction_fft_mode = -1;

/* Smallest 2^a 3^b 5^c >= n. */
static size_t nice_size(size_t n) {
  for (size_t L = n;; L++) {
    size_t m = L;
    while (m % 2 == 0) m /= 2;
    while (m % 3 == 0) m /= 3;
    while (m % 5 == 0) m /= 5;
    if (m == 1) return L;
  }
}

static void group_lags(const long *idx, const size_t *who, size_t ng, long *imin, long *imax) {
  *imin = *imax = idx[who[0]];
  for (size_t g = 0; g < ng; g++) {
    *imin = idx[who[g]] < *imin ? idx[who[g]] : *imin;
    *imax = idx[who[g]] > *imax ? idx[who[g]] : *imax;
  }
}

/* Whether correlations by FFT beat the direct window sums for this group. */
static int use_fft(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                   size_t ng) {
  if (junction_fft_mode >= 0) return junction_fft_mode && ng > 1;
  if (ng < 2) return 0;
  long imin, imax;
  group_lags(idx, who, ng, &imin, &imax);
  double direct = 0.0, L = (double)(A->nA + (size_t)(imax - imin));
  for (size_t g = 0; g < ng; g++) {
    long k0, k1;
    sis_window(c, A, V[who[g]], &k0, &k1);
    direct += (double)(k1 - k0 + 1);
  }
  double nfft = c->wantI ? 11.0 : 8.0; /* transforms per channel */
  if (c->wantI) direct *= 2.0;         /* the current doubles the direct sums */
  return direct > nfft * L * log2(L);  /* break-even measured at 401 and 4001 biases, 1.5 K and 50 mK */
}

static int sis_group_fft(const ctx *c, const side_a *A, const long *idx, const size_t *who, size_t ng,
                         double base, double *G, double *G2, double *I, double *buf, sfhet_junction_ws *ws) {
  long imin, imax;
  group_lags(idx, who, ng, &imin, &imax);
  side_b B;
  B.l0 = A->kA + imin;
  B.nB = A->nA + (size_t)(imax - imin);
  size_t nd = (size_t)(imax - imin + 1), nA = A->nA;
  SFHET_TRY(sis_side_b(c, base, &B, buf));
  if (junction_fft_setup(ws, nice_size(B.nB))) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  double *even = buf + SIDE_B_SIZE * B.nB, *full = even + nA, *half = full + nd, *cur = half + nd;
  double *sg = cur + nd, *sg2 = sg + nd, *si = sg2 + nd;
  memset(sg, 0, 3 * nd * sizeof *sg);
  for (int ch = 0; ch < c->nch; ch++) {
    for (int m = 0; m < 2; m++) {
      const double *a = m ? A->a2[ch] : A->a1[ch];
      junction_fft_forward(ws, m, a, nA);
      for (size_t i = 0; i < nA; i++) even[i] = ((A->kA + (long)i) & 1) ? 0.0 : a[i];
      junction_fft_forward(ws, 2 + m, even, nA);
    }
    for (int m = 0; m < (c->wantI ? 4 : 2); m++) junction_fft_forward(ws, 4 + m, B.b[m][ch], B.nB);
    static const int ga[] = {0, 1}, gb[] = {4, 5}, ea[] = {2, 3}, ia[] = {0, 1}, ib[] = {6, 7};
    static const double plus[] = {1.0, 1.0}, pm[] = {1.0, -1.0};
    junction_fft_corr(ws, 2, ga, gb, plus, full, nd);
    junction_fft_corr(ws, 2, ea, gb, plus, half, nd);
    for (size_t d = 0; d < nd; d++) sg[d] += c->w[ch] * full[d], sg2[d] += c->w[ch] * half[d];
    if (c->wantI) {
      junction_fft_corr(ws, 2, ia, ib, pm, cur, nd);
      for (size_t d = 0; d < nd; d++) si[d] += c->w[ch] * cur[d];
    }
  }
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g], d = (size_t)(idx[q] - imin);
    if (G) G[q] = c->h * sg[d];
    if (G2) G2[q] = 2.0 * c->h * sg2[d];
    if (I) I[q] = c->h * si[d];
  }
  return SFHET_OK;
}

/* ---------------------------------------------------------------- driver */

/* Relative error of the spacing-h sum from the relative difference e2 between the h and 2h sums. The
 * trapezoid error decays like C exp(−2πa/h), so err(h) ≈ err(2h)²/C whatever the effective strip; once
 * the 2h sum is itself in the exponential regime (e2 <= 1e-2) we take C >= min(0.1, sqrt(e2)), i.e.
 * err(h) <= max(10 e2², e2^1.5); before that, e2 itself. (In the tests C >= 0.03 was seen, and the
 * actual errors stay below this estimate.) The thermal-window truncation adds ~1e-10 tol. */
static double error_estimate(double e2) {
  return e2 <= 1e-2 ? fmax(10.0 * e2 * e2, e2 * sqrt(e2)) + 1e-15 : e2;
}

/* Lattice groups: a uniform bias grid is one group (h divides its step); otherwise one per bias. */
static size_t make_groups(const double *V, size_t n, double h, long *idx, double *base) {
  if (n >= 2) {
    double d = (V[n - 1] - V[0]) / (double)(n - 1);
    int uni = d != 0.0;
    for (size_t i = 0; i < n && uni; i++) uni = fabs(V[i] - (V[0] + (double)i * d)) <= 1e-9 * fabs(d);
    if (uni) {
      long m = (long)ceil(fabs(d) / h - 1e-9);
      for (size_t i = 0; i < n; i++) idx[i] = (long)i * m * (d > 0 ? 1 : -1);
      base[0] = V[0];
      return 1;
    }
  }
  for (size_t i = 0; i < n; i++) {
    idx[i] = 0;
    base[i] = V[i];
  }
  return n;
}

/* Grid spacing actually used: the bias step divided by an integer when the grid is uniform. */
static double lattice_h(const double *V, size_t n, size_t ngroups, double h) {
  if (ngroups != 1 || n < 2) return h;
  double d = fabs(V[n - 1] - V[0]) / (double)(n - 1);
  return d / ceil(d / h - 1e-9);
}

static void init_ctx(ctx *c, const sfhet_junction *j, double h, int wantG, int wantI, double tol) {
  c->j = j;
  c->h = h;
  c->kT = SFHET_KB_MEV * j->T;
  c->W = c->kT * (log(1.0 / tol) + WIN_EXTRA);
  const sfhet_dos_info *m2 = junction_dos2(j);
  int spin = j->dos1->spin_resolved || (j->kind == SFHET_JUNCTION_SIS && m2->spin_resolved);
  c->nch = spin || j->P != 0.0 ? 2 : 1;
  c->w[0] = c->nch == 1 ? 1.0 : 2.0 * (1.0 + j->P);
  c->w[1] = 2.0 * (1.0 - j->P);
  c->wantG = wantG;
  c->wantI = wantI;
}

int junction_grid(const sfhet_junction *j, const double *V, size_t n, double h, double *G, double *I,
                  double *G_err, double *err_max, sfhet_junction_ws *ws) {
  ctx c;
  double tol = j->rel_tol > 0.0 ? j->rel_tol : 1e-4;
  int wantG = G || G_err;
  long *idx = malloc(n * (sizeof *idx + 3 * sizeof(double) + sizeof(size_t)));
  if (!idx) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *base = (double *)(idx + n), *Gh = base + n, *G2 = Gh + n;
  size_t *who = (size_t *)(G2 + n);
  size_t ngr = make_groups(V, n, h, idx, base);
  init_ctx(&c, j, lattice_h(V, n, ngr, h), wantG, I != NULL, tol);
  for (size_t i = 0; i < n; i++) who[i] = i;
  size_t per = ngr == 1 ? n : 1;
  int st = SFHET_OK;
  side_a A;
  memset(&A, 0, sizeof A);
  if (j->kind == SFHET_JUNCTION_SIS) {
    sis_extent_a(&c, V, n, &A.kA, &A.nA);
    double *buf = junction_ws_buf(ws, 1, SIDE_A_SIZE * A.nA);
    st = buf ? sis_side_a(&c, V, n, &A, buf) : SFHET_ENOMEM;
  }
  for (size_t g = 0; g < ngr && !st; g++) {
    const size_t *w = who + g * per;
    if (j->kind == SFHET_JUNCTION_NIS) {
      double *buf = junction_ws_buf(ws, 0, nis_buf_size(&c, V, idx, w, per));
      st = buf ? nis_group(&c, V, idx, w, per, base[g], Gh, G2, I, buf) : SFHET_ENOMEM;
    } else {
      long l0, imin, imax;
      size_t nB;
      if (use_fft(&c, &A, V, idx, w, per)) {
        group_lags(idx, w, per, &imin, &imax);
        nB = A.nA + (size_t)(imax - imin);
        double *buf = junction_ws_buf(ws, 0, SIDE_B_SIZE * nB + A.nA + 6 * (size_t)(imax - imin + 1));
        st = buf ? sis_group_fft(&c, &A, idx, w, per, base[g], Gh, G2, I, buf, ws) : SFHET_ENOMEM;
        continue;
      }
      sis_extent_b(&c, &A, V, idx, w, per, &l0, &nB);
      double *buf = junction_ws_buf(ws, 0, SIDE_B_SIZE * nB);
      st = buf ? sis_group(&c, &A, V, idx, w, per, base[g], Gh, G2, I, buf) : SFHET_ENOMEM;
    }
  }
  double emax = 0.0;
  for (size_t i = 0; i < n && !st && wantG; i++) {
    double sc = fabs(Gh[i]) + 1e-3, e = error_estimate(fabs(Gh[i] - G2[i]) / sc) * sc;
    e += 10.0 * exp(-c.W / c.kT) * (fabs(Gh[i]) + 1.0); /* window truncation, ~1e-5 tol */
    if (G) G[i] = Gh[i];
    if (G_err) G_err[i] = e;
    emax = fmax(emax, e / sc);
  }
  free(idx);
  if (st == SFHET_ENOMEM) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  *err_max = emax;
  return st;
}
