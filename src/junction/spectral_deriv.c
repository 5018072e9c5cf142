/* Parameter derivatives of the spectral path at the accepted lattice (spectral.c):
 *  - DOS parameters with a closed-form dN/dp (the model's dparam): by linearity of the lattice sums.
 *    SIS, first electrode: Σ ∂(N1 f) N2' + ∂N1 (N2 k_T − N2' f), the pairs of G with side A differentiated.
 *    Second electrode: ∂G/∂p = d/dV ∂I/∂p with ∂I/∂p = Σ (N1 f) ∂N2 − N1 ∂(N2 f) (no ∂N2' needed), d/dV a
 *    multiplication by iω. Both electrodes the same even model with tied parameters: E -> −E − V maps
 *    one electrode's term onto the other's, so ∂G/∂p = 2 × the first electrode's.
 *    NIS: Σ k_T ∂Ñ.
 *  - every other parameter (T, vac, sigma_inst, P, models without dparam): central differences of the
 *    lattice sums on the same lattice (same spacing, windows and transform length), which are smooth in
 *    the parameters (no change of lattice between the two evaluations), step 1e-3 max(|p|, 0.01);
 *    one-sided second order next to a bound.
 * The zero-bias-peak parameters do not enter the lattice sums (zero here; eval adds their terms). */
#include <math.h>
#include <string.h>

#include "junction/kernels.h"
#include "junction/lattice.h"
#include "junction/spectral_int.h"
#include "sfhet/error.h"

static double *dalloc(sfhet_junction_ws *ws, size_t n) { return junction_arena(ws, n * sizeof(double)); }

/* Z += c · conj(A) B (c real). */
static void add_pair(fftw_complex *Z, const fftw_complex *A, const fftw_complex *B, double c, size_t J) {
  for (size_t i = 0; i <= J; i++) {
    double ar = A[i][0], ai = -A[i][1], br = B[i][0], bi = B[i][1];
    Z[i][0] += c * (ar * br - ai * bi);
    Z[i][1] += c * (ar * bi + ai * br);
  }
}

/* Whether model m is even for p and for p with parameter k moved by ±1e-3 (so ∂N/∂p_k is even). */
static int even_around(const sfhet_dos_info *m, const double *p, size_t k) {
  if (!m->even) return 1;
  double q[SFHET_DOS_MAX_PARAMS];
  memcpy(q, p, sizeof q);
  int ok = m->even(q);
  for (int s = -1; s <= 1 && ok; s += 2) {
    q[k] = p[k] + s * 1e-3 * fmax(fabs(p[k]), 1e-2);
    ok = m->even(q);
  }
  return ok;
}

/* dN/dp for several parameters of one electrode at once (one closed-form call evaluates the model's
 * root once for all of them), made on first use. */
typedef struct {
  const sfhet_dos_info *m;
  const double *p;
  long a0;
  size_t n, nk, k[SFHET_DOS_MAX_PARAMS];
  int done, st;
  double *d[JUNCTION_MAXCH];
} dn_batch;

/* dN/dp_k of model m on n nodes from a0, per channel (SFHET_CONTINUE without a closed form); from the
 * batch b when it covers k. */
static int dn(const spec_geom *g, dn_batch *b, const sfhet_dos_info *m, const double *p, size_t k, long a0,
              size_t n, double **out, sfhet_junction_ws *ws) {
  size_t q = b ? b->nk : 0;
  for (size_t i = 0; b && i < b->nk; i++)
    if (b->k[i] == k) q = i;
  if (b && q < b->nk && b->m == m && b->p == p && b->a0 == a0 && b->n == n) {
    if (!b->done) {
      b->done = 1;
      for (int ch = 0; ch < g->nch; ch++)
        if (!(b->d[ch] = dalloc(ws, n * b->nk))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
      b->st = lat_dparam(m, p, g->nch, g->f, g->h, a0, n, b->k, b->nk, b->d, ws);
    }
    if (b->st == SFHET_OK) {
      for (int ch = 0; ch < g->nch; ch++) out[ch] = b->d[ch] + q * n;
      return SFHET_OK;
    }
  }
  for (int ch = 0; ch < g->nch; ch++)
    if (!(out[ch] = dalloc(ws, n))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return lat_dparam(m, p, g->nch, g->f, g->h, a0, n, &k, 1, out, ws);
}

/* First-electrode part (SIS): Σ_ch w conj(∂A1) B1 + conj(∂A2) B2, times c. */
static int side1(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, size_t k, double c,
                 fftw_complex *Z, dn_batch *b, sfhet_junction_ws *ws) {
  double *d[JUNCTION_MAXCH], *x = dalloc(ws, g->nA);
  fftw_complex *P = spec_alloc_raw(ws, g), *Q = spec_alloc_raw(ws, g);
  if (!x || !P || !Q) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = dn(g, b, j->dos1, j->p1, k, g->a0, g->nA, d, ws);
  if (st) return st;
  for (int ch = 0; ch < g->nch; ch++) {
    for (size_t i = 0; i < g->nA; i++) x[i] = d[ch][i] * s->fA[i];
    SFHET_TRY(spec_transform(ws, g, x, g->nA, P));
    memcpy(x, d[ch], g->nA * sizeof *x);
    SFHET_TRY(spec_transform(ws, g, x, g->nA, Q));
    add_pair(Z, P, s->B1[ch], c * g->w[ch], g->L / 2);
    add_pair(Z, Q, s->B2[ch], c * g->w[ch], g->L / 2);
  }
  return SFHET_OK;
}

/* Second-electrode part (SIS): iω Σ_ch w [conj(A1) ∂C1 − conj(A2) ∂C2], ∂C1 = ∂N2, ∂C2 = ∂N2 f. */
static int side2(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, size_t k, fftw_complex *Z,
                 dn_batch *b, sfhet_junction_ws *ws) {
  double *d[JUNCTION_MAXCH], *x = dalloc(ws, g->nB);
  fftw_complex *P = spec_alloc_raw(ws, g), *Q = spec_alloc_raw(ws, g), *T = spec_alloc(ws, g);
  if (!x || !P || !Q || !T) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = dn(g, b + 1, junction_dos2(j), j->p2, k, g->b0, g->nB, d, ws);
  if (st) return st;
  size_t J = g->L / 2;
  for (int ch = 0; ch < g->nch; ch++) {
    memcpy(x, d[ch], g->nB * sizeof *x);
    SFHET_TRY(spec_transform(ws, g, x, g->nB, P));
    for (size_t i = 0; i < g->nB; i++) x[i] = d[ch][i] * s->fB[i];
    SFHET_TRY(spec_transform(ws, g, x, g->nB, Q));
    add_pair(T, s->A1[ch], P, g->w[ch], J);
    add_pair(T, s->A2[ch], Q, -g->w[ch], J);
  }
  double w0 = 2.0 * M_PI / ((double)g->L * g->h);
  for (size_t i = 0; i <= J; i++) { /* Z += i ω T */
    double w = w0 * (double)i;
    Z[i][0] -= w * T[i][1];
    Z[i][1] += w * T[i][0];
  }
  return SFHET_OK;
}

/* NIS: conj(A1) ∂B with ∂B = (1 + P) ∂N↑ + (1 − P) ∂N↓ (or ∂N). */
static int nis_part(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, size_t k, fftw_complex *Z,
                    dn_batch *b, sfhet_junction_ws *ws) {
  double *d[JUNCTION_MAXCH];
  fftw_complex *P = spec_alloc_raw(ws, g);
  if (!P) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = dn(g, b + 1, j->dos1, j->p1, k, g->b0, g->nB, d, ws);
  if (st) return st;
  if (g->nch == 2)
    for (size_t i = 0; i < g->nB; i++) d[0][i] = (1.0 + j->P) * d[0][i] + (1.0 - j->P) * d[1][i];
  SFHET_TRY(spec_transform(ws, g, d[0], g->nB, P));
  add_pair(Z, s->A1[0], P, 1.0, g->L / 2);
  return SFHET_OK;
}

/* Both electrodes the same even model at the same values, and parameter k keeps it even. */
static int same_even(const sfhet_junction *j, const spec_geom *g, size_t k) {
  size_t n1 = j->dos1->n_params;
  return g->nch == 1 && memcmp(j->p1, j->p2, n1 * sizeof(double)) == 0 && even_around(j->dos1, j->p1, k);
}

/* The batches of closed-form dN/dp (side A: first electrode, side B: second, or NIS's one) for the
 * columns of o. */
static void batches(const sfhet_junction *j, const spec_geom *g, const spec_out *o, dn_batch *b) {
  size_t n1 = j->dos1->n_params, n2 = g->sis ? junction_dos2(j)->n_params : 0;
  memset(b, 0, 2 * sizeof *b);
  b[0] = (dn_batch){j->dos1, j->p1, g->a0, g->nA, 0, {0}, 0, 0, {NULL}};
  b[1] = (dn_batch){g->sis ? junction_dos2(j) : j->dos1, g->sis ? j->p2 : j->p1, g->b0, g->nB, 0, {0}, 0, 0,
                    {NULL}};
  for (size_t c = 0; c < o->nk; c++) {
    size_t k = o->kidx[c];
    if (k >= n1 + n2) continue;
    if (!g->sis) {
      b[1].k[b[1].nk++] = k;
      continue;
    }
    if (k >= n1) {
      b[1].k[b[1].nk++] = k - n1;
      continue;
    }
    b[0].k[b[0].nk++] = k;
    if (j->follow[k] && junction_dos2(j) == j->dos1 && !same_even(j, g, k)) b[1].k[b[1].nk++] = k;
  }
}

/* Closed-form column of junction parameter k into Z (unsmoothed); SFHET_CONTINUE when not available. */
static int analytic(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, size_t k, fftw_complex *Z,
                    dn_batch *b, sfhet_junction_ws *ws) {
  size_t n1 = j->dos1->n_params, n2 = g->sis ? junction_dos2(j)->n_params : 0;
  if (k >= n1 + n2) return SFHET_CONTINUE;
  if (!g->sis) return nis_part(j, g, s, k, Z, b, ws);
  if (k >= n1) return side2(j, g, s, k - n1, Z, b, ws);
  int tied = j->follow[k] && junction_dos2(j) == j->dos1;
  if (!tied) return side1(j, g, s, k, 1.0, Z, b, ws);
  if (same_even(j, g, k)) return side1(j, g, s, k, 2.0, Z, b, ws);
  int st = side1(j, g, s, k, 1.0, Z, b, ws);
  return st ? st : side2(j, g, s, k, Z, b, ws);
}

/* Z += c · (smoothed lattice spectrum of j with parameter k at value x). */
static int term(const sfhet_junction *j, const spec_geom *g, size_t k, double x, double c, fftw_complex *Z,
                sfhet_junction_ws *ws) {
  sfhet_junction jj = *j;
  SFHET_TRY(sfhet_junction_set_index(&jj, k, x));
  spec_geom gg = *g; /* the same lattice and channels; the weights follow P, the frame the spin axis */
  double w[JUNCTION_MAXCH];
  junction_channels(&jj, w, gg.f);
  junction_weights(gg.nch, jj.P, gg.w);
  g = &gg;
  spec_arrays s;
  SFHET_TRY(spec_build(&jj, g, 0, &s, ws));
  fftw_complex *Y = spec_alloc(ws, g);
  const double *K = jj.vac > 0.0 || jj.sigma_inst > 0.0 ? junction_khat(ws, g->L, g->h, jj.vac, jj.sigma_inst) : NULL;
  if (!Y || ((jj.vac > 0.0 || jj.sigma_inst > 0.0) && !K)) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  spec_combine(g, &s, 0, 0, Y);
  for (size_t i = 0; i <= g->L / 2; i++)
    for (int q = 0; q < 2; q++) Z[i][q] += c * (K ? K[i] : 1.0) * Y[i][q];
  return SFHET_OK;
}

/* Finite-difference column on the frozen lattice (smoothing included) into Z. */
static int frozen_fd(const sfhet_junction *j, const spec_geom *g, size_t k, int smooth, fftw_complex *Z,
                     sfhet_junction_ws *ws) {
  const sfhet_param_info *p = sfhet_junction_param(j, k);
  if (!p) SFHET_ERROR(SFHET_EINVAL, "junction parameter index %zu out of range", k);
  if (p->flags & SFHET_PARAM_INTEGER)
    SFHET_ERROR(SFHET_EINVAL, "--%s: an integer parameter has no derivative", p->name);
  sfhet_junction jj = *j;
  if (!smooth) jj.vac = jj.sigma_inst = 0.0;
  double x;
  SFHET_TRY(sfhet_junction_get(&jj, p->name, &x));
  double h = 1e-3 * fmax(fabs(x), 0.01);
  int lo_ok = x - h > p->lo, hi_ok = x + 2.0 * h < p->hi;
  if (lo_ok && x + h < p->hi) {
    SFHET_TRY(term(&jj, g, k, x + h, 0.5 / h, Z, ws));
    return term(&jj, g, k, x - h, -0.5 / h, Z, ws);
  }
  if (!lo_ok && !hi_ok) SFHET_ERROR(SFHET_ERANGE, "--%s: no room for a derivative inside its bounds", p->name);
  double s = lo_ok ? -1.0 : 1.0; /* (−3 G0 + 4 G1 − G2) / (2h) in the direction s */
  SFHET_TRY(term(&jj, g, k, x, -1.5 * s / h, Z, ws));
  SFHET_TRY(term(&jj, g, k, x + s * h, 2.0 * s / h, Z, ws));
  return term(&jj, g, k, x + 2.0 * s * h, -0.5 * s / h, Z, ws);
}

int spec_derivs(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, const double *K,
                const spec_out *o, sfhet_junction_ws *ws) {
  size_t nz = j->dos1->n_params + (g->sis ? junction_dos2(j)->n_params : 0) + 3; /* zbp_amp, zbp_sigma */
  double *col = dalloc(ws, g->n);
  if (!col) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  dn_batch b[2];
  batches(j, g, o, b);
  for (size_t c = 0; c < o->nk; c++) {
    size_t k = o->kidx[c];
    fftw_complex *Z = spec_alloc(ws, g);
    if (!Z) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    const double *mult = K;
    int st = k == nz || k == nz + 1 ? SFHET_OK : analytic(j, g, s, k, Z, b, ws);
    if (st == SFHET_CONTINUE) {
      memset(Z, 0, spec_slot(g) * sizeof *Z);
      st = frozen_fd(j, g, k, o->smooth, Z, ws);
      mult = NULL;
    }
    SFHET_TRY(st);
    SFHET_TRY(spec_output(ws, g, Z, mult, 0, col));
    for (size_t i = 0; i < g->n; i++) o->dG[i * o->ld + c] = col[i];
  }
  return SFHET_OK;
}
