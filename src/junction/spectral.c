/* Spectral path of the junction engine. On a lattice of spacing h the junction integrals at the lags
 * V_D = Vo + D h are cross-correlations of lattice arrays (spectral_build.c), done by FFT. Then, all in
 * the frequency domain of the lag sequence:
 *  - the lock-in first harmonic and the Gaussian response are multiplications by their exact Fourier
 *    transforms (kernels.c); G(V) is analytic in |Im V| < a_V >= 2a (a = min(Γ1, Γ2, πkT) the strip of
 *    the energy integrands; a_V = min(Γ1+Γ2, Γi+πkT, 2πkT)), so the band-limited convolution is as
 *    accurate as the lattice itself;
 *  - the biases need not lie on the lattice: the trigonometric interpolant is evaluated at them by a
 *    chirp-z transform (czt.c), and d/dV is a multiplication by iω.
 * The spacing therefore depends on (a, tolerance) only: h is taken from a fixed geometric ladder
 * (ratio 2^(1/8)), so nearby parameter values (a fit's iterations) share h, transform sizes and cached
 * kernels, and the work grows monotonically with the number of biases.
 * Error estimate: the sums over every second node (spacing 2h) come from the same spectra with side A's
 * spectrum shifted by the Nyquist frequency (one extra inverse transform). For the trapezoid rule on an
 * integrand analytic in the strip a, err(h)/err(2h) ≈ exp(−πa/h) (Trefethen & Weideman, SIAM Rev. 56, 385
 * (2014)), so err(h) ≈ |G_h − G_2h| exp(−πa/h); the estimate takes 16× that (tests: within a factor
 * 14 of the true error and never below it on a grid of T, Γ, lock-in and bias step), plus the
 * interpolation (aliasing) error from the spectrum's top quarter and the thermal-window truncation.
 * Refinement aims at the tolerance: from err(h) = K exp(−2πa/h) fitted to the estimate, the next spacing
 * is the ladder value that brings the estimate to half the tolerance. */
#include "junction/spectral.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/czt.h"
#include "junction/fftcorr.h"
#include "junction/grid.h"
#include "junction/kernels.h"
#include "junction/lattice.h"
#include "junction/spectral_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

int junction_spectral_mode = 1;

#define WIN_EXTRA 14.0      /* thermal window: kT (ln(1/tol) + WIN_EXTRA), as the direct path */
#define SAFETY 16.0         /* estimate = SAFETY e2 exp(−πa/h) */
#define MAX_PASSES 6
#define MAX_NODES 2097152.0 /* largest transform (2^21) */
#define LADDER 8.0          /* ladder: h = 2^(−k/LADDER) meV */
#define GUARD 4             /* lags beyond the needed range on each side */

/* ---------------------------------------------------------------- geometry */

int junction_uniform(const double *V, size_t n, double *d) {
  if (n < 2) return 0;
  *d = (V[n - 1] - V[0]) / (double)(n - 1);
  if (!(*d > 0.0) || !isfinite(*d)) return 0;
  for (size_t i = 0; i < n; i++)
    if (fabs(V[i] - (V[0] + (double)i * *d)) > 1e-9 * *d) return 0;
  return 1;
}

/* Largest ladder value 2^(−k/LADDER) <= h. */
static double ladder(double h) {
  double k = ceil(-LADDER * log2(h) - 1e-9);
  return exp2(-k / LADDER);
}

/* Bias strip half-width of analyticity of G(V) (pinches of the integrands' singularities). */
static double bias_strip(const sfhet_junction *j) {
  double pk = M_PI * SFHET_KB_MEV * j->T, g1 = j->dos1->width(j->p1);
  if (j->kind == SFHET_JUNCTION_NIS) return g1 + pk;
  double g2 = junction_dos2(j)->width(j->p2);
  return fmin(fmin(g1 + g2, 2.0 * pk), fmin(g1, g2) + pk);
}

static void channels(const sfhet_junction *j, spec_geom *g) { g->nch = junction_channels(j, g->w, g->f); }

/* Geometry for spacing h and the lag range [vlo, vhi]; SFHET_CONTINUE when the transform is too long. */
static int geometry(const sfhet_junction *j, double h, double vlo, double vhi, double tol, spec_geom *g) {
  memset(g, 0, sizeof *g);
  g->sis = j->kind == SFHET_JUNCTION_SIS;
  channels(j, g);
  g->h = h;
  g->kT = SFHET_KB_MEV * j->T;
  g->W = g->kT * (log(1.0 / tol) + WIN_EXTRA);
  g->a = junction_strip(j);
  g->aV = bias_strip(j);
  g->T = lat_taper(1e-3 * tol, g->taper, SPEC_TAPER_MAX);
  double extent = (vhi - vlo + fabs(vlo) + fabs(vhi) + 2.0 * g->W) / h; /* bounds nd + nA: checked */
  if (!(extent < MAX_NODES)) return SFHET_CONTINUE;                     /* before any conversion */
  double o = 2.0 * floor(vlo / (2.0 * h)) - 2.0 * GUARD; /* Vo / h, even */
  g->Vo = o * h;
  g->nd = (size_t)ceil((vhi - g->Vo) / h) + GUARD + 1;
  double vtop = g->Vo + (double)(g->nd - 1) * h;
  long T = (long)g->T;
  if (g->sis) {
    g->a0 = (long)floor((fmin(0.0, -vtop) - g->W) / h) - T;
    long end = (long)ceil((fmax(0.0, -g->Vo) + g->W) / h) + T;
    g->nA = (size_t)(end - g->a0 + 1);
  } else {
    long Q = (long)ceil(g->W / h) + T;
    g->a0 = -Q;
    g->nA = (size_t)(2 * Q + 1);
  }
  g->b0 = g->a0 + (long)o;
  g->nB = g->nA + g->nd - 1;
  g->L = junction_fft_size(g->nB);
  return (double)g->L < MAX_NODES ? SFHET_OK : SFHET_CONTINUE;
}

/* Output positions x0 + i r (lag units) of the biases v0 + i d. */
static void positions(spec_geom *g, double v0, double d, size_t n) {
  g->n = n;
  g->x0 = (v0 - g->Vo) / g->h;
  g->r = n > 1 ? d / g->h : 0.0;
  double rx = round(g->x0), rr = round(g->r);
  g->onlat = fabs(g->x0 - rx) < 1e-9 && fabs(g->r - rr) < 1e-9 * (1.0 + rr);
  if (g->onlat) g->x0 = rx, g->r = rr;
}

/* ---------------------------------------------------------------- outputs */

int spec_output(sfhet_junction_ws *ws, const spec_geom *g, const fftw_complex *Y, const double *mult, int deriv,
                double *y) {
  if (!g->onlat)
    SFHET_TRY(junction_czt(ws, g->L, Y, mult, deriv, g->h, g->x0, g->r, g->n, y));
  else {
    size_t J = g->L / 2, last = (size_t)g->x0 + (g->n - 1) * (size_t)g->r;
    fftw_complex *Z = spec_alloc(ws, g);
    double *buf = junction_arena(ws, (last + 1) * sizeof *buf), ws_ = 2.0 * M_PI / ((double)g->L * g->h);
    if (!Z || !buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    for (size_t i = 0; i <= J; i++) {
      double m = mult ? mult[i] : 1.0, re = m * Y[i][0], im = m * Y[i][1], w = ws_ * (double)i;
      Z[i][0] = deriv ? -w * im : re;
      Z[i][1] = deriv ? w * re : im;
    }
    if (junction_fft_c2r(ws, g->L, Z, buf, last + 1)) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
    for (size_t i = 0; i < g->n; i++) y[i] = buf[(size_t)g->x0 + i * (size_t)g->r] / (double)g->L;
  }
  for (size_t i = 0; i < g->n; i++) y[i] *= g->h;
  return SFHET_OK;
}

/* out[i] = max of x over [i − w, i + w] ∩ [0, n) by van Herk / Gil–Werman: maxima of blocks of 2w + 1
 * from their start (g) and to their end (sfx, scratch of n), a window spanning at most two blocks. */
static void sliding_max(const double *x, size_t n, size_t w, double *g, double *sfx) {
  size_t b = 2 * w + 1;
  for (size_t i = 0; i < n; i++) g[i] = (i % b == 0 || x[i] > g[i - 1]) ? x[i] : g[i - 1];
  for (size_t i = n; i-- > 0;) sfx[i] = (i % b == b - 1 || i == n - 1 || x[i] > sfx[i + 1]) ? x[i] : sfx[i + 1];
  for (size_t i = n; i-- > 0;) { /* right to left: g[k] (k >= i) is still the block prefix maximum */
    size_t k = i + w < n ? i + w : n - 1;
    size_t j = i >= w ? i - w : 0;
    double m = i < w ? g[k] : ((j / b == k / b || sfx[j] > g[k]) ? sfx[j] : g[k]);
    sfx[i] = m; /* sfx[i] is not needed once i − w < i: reuse it for the result */
  }
  memcpy(g, sfx, n * sizeof *g);
}

/* Interpolation (aliasing) error at the lags: the band-limited interpolant between lattice lags misses
 * the spectrum beyond the Nyquist frequency π/h. G is analytic in |Im V| < a_V, so its spectrum decays
 * like exp(−a_V ω): the part beyond π/h is q/(1 − q) of the top quarter band [3π/4h, π/h], q =
 * exp(−a_V π/(4h)). That band, transformed back (one inverse transform), is localised where G is sharp;
 * its envelope (the largest magnitude within ±4 lags) times 2 q/(1 − q) is the estimate (0 when the
 * biases are lattice lags). */
static int alias_error(sfhet_junction_ws *ws, const spec_geom *g, const fftw_complex *Y, const double *K,
                       double *al, double *t) {
  size_t J = g->L / 2, nd = g->nd;
  memset(al, 0, nd * sizeof *al);
  if (g->onlat) return SFHET_OK;
  fftw_complex *Z = spec_alloc(ws, g);
  if (!Z) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 3 * J / 4; i <= J; i++)
    for (int c = 0; c < 2; c++) Z[i][c] = (K ? K[i] : 1.0) * Y[i][c];
  if (junction_fft_c2r(ws, g->L, Z, t, nd)) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  double q = exp(-g->aV * M_PI / (4.0 * g->h)), f = 2.0 * q / (1.0 - q) * g->h / (double)g->L;
  for (size_t D = 0; D < nd; D++) t[D] = f * fabs(t[D]);
  double *sfx = junction_arena(ws, nd * sizeof *sfx);
  if (!sfx) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sliding_max(t, nd, 4, al, sfx);
  return SFHET_OK;
}

/* Per-bias estimate: the largest lattice estimate among the nodes next to each bias. */
static void bias_errors(const spec_geom *g, const double *e, double *Ge) {
  for (size_t i = 0; i < g->n; i++) {
    double x = g->x0 + (double)i * g->r, m = 0.0;
    long k = (long)floor(x);
    for (long D = k - 1; D <= k + 2; D++)
      if (D >= 0 && D < (long)g->nd) m = fmax(m, e[D]);
    Ge[i] = m;
  }
}

/* The last accepted pass, kept (with its arrays in the arena) so that a call with the same junction,
 * biases and tolerance (the fit's Jacobian after its residuals) reuses the spectra. */
typedef struct {
  int valid, wantI;
  sfhet_junction j;
  double key[5];
  spec_geom g;
  spec_arrays s;
  fftw_complex *Y;
  const double *K;
  double *e;
} spec_memo;

static spec_memo *memo_of(sfhet_junction_ws *ws) {
  if (!ws->memo) ws->memo = calloc(1, sizeof(spec_memo));
  return ws->memo;
}

/* Outputs of o from an accepted pass (geometry g, arrays s, G spectrum Y, kernel K, lag errors e). */
static int outputs(const sfhet_junction *j, const spec_out *o, const spec_geom *g, const spec_arrays *s,
                   fftw_complex *Y, const double *K, const double *e, sfhet_junction_ws *ws) {
  if (o->G) SFHET_TRY(spec_output(ws, g, Y, K, 0, o->G));
  if (o->G_err) bias_errors(g, e, o->G_err);
  if (o->dGdV) SFHET_TRY(spec_output(ws, g, Y, K, 1, o->dGdV));
  if (o->Icur) {
    fftw_complex *C = spec_alloc(ws, g);
    if (!C) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    spec_combine(g, s, 0, 1, C);
    SFHET_TRY(spec_output(ws, g, C, NULL, 0, o->Icur));
  }
  if (o->nk) SFHET_TRY(spec_derivs(j, g, s, K, o, ws));
  return SFHET_OK;
}

/* One pass at spacing h: spectra, error estimate; on success (estimate within tol) the outputs. */
typedef struct {
  const sfhet_junction *j;
  const spec_out *o;
  double v0, d, tol, vlo, vhi;
  size_t n;
} pass_in;

/* Positive smoothing of the error envelope over the lock-in and Gaussian extent: the every-second-node
 * error alternates in sign from lag to lag (its phase advances by π per lag), so the frequency-domain
 * average would cancel it, while the spacing-h error does not alternate. A box average over
 * ±(vac + 2.5σ) times the ratio of the kernel's peak to its mean over the box (4/π for the semicircle,
 * 2 when a Gaussian is present) bounds the kernel's weighted average of a positive sequence. */
static int envelope(sfhet_junction_ws *ws, const spec_geom *g, double vac, double sigma, double *e) {
  long M = (long)ceil((vac + 2.5 * sigma) / g->h);
  if (M < 1) return SFHET_OK;
  size_t nd = g->nd;
  double *c = junction_arena(ws, (nd + 1) * sizeof *c), f = (sigma > 0.0 ? 2.0 : 4.0 / M_PI) / (double)(2 * M + 1);
  if (!c) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  c[0] = 0.0;
  for (size_t D = 0; D < nd; D++) c[D + 1] = c[D] + e[D]; /* prefix sums */
  for (size_t D = 0; D < nd; D++) {
    long lo = (long)D - M, hi = (long)D + M; /* beyond the ends: the end values */
    double s = c[(size_t)(hi < (long)nd ? hi + 1 : (long)nd)] - c[(size_t)(lo > 0 ? lo : 0)];
    if (lo < 0) s += (double)(-lo) * e[0];
    if (hi >= (long)nd) s += (double)(hi - (long)nd + 1) * e[nd - 1];
    e[D] = f * s;
  }
  ws->work.mac += 2.0 * (double)nd;
  return SFHET_OK;
}

/* e(D): error estimate at the lags (SAFETY exp(−πa/h) h |C_alt(D)|, averaged like G, plus the window
 * truncation), G(D) at the lags, and emax = max e/(|G| + 1e-3) over the data lags (plus aliasing). */
static int lattice_error(sfhet_junction_ws *ws, const spec_geom *g, const fftw_complex *Y, const fftw_complex *Ya,
                         const double *K, const sfhet_junction *j, double *al, double tol, double *e,
                         double *Gl, double lo, double hi, double *emax) {
  fftw_complex *Z = spec_alloc(ws, g);
  if (!Z) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t J = g->L / 2;
  for (size_t i = 0; i <= J; i++)
    for (int c = 0; c < 2; c++) Z[i][c] = (K ? K[i] : 1.0) * Y[i][c];
  if (junction_fft_c2r(ws, g->L, Z, Gl, g->nd) || junction_fft_c2r(ws, g->L, Ya, e, g->nd))
    SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  double rho = SAFETY * exp(-M_PI * g->a / g->h), trunc = 10.0 * exp(-g->W / g->kT);
  for (size_t D = 0; D < g->nd; D++) {
    Gl[D] *= g->h / (double)g->L;
    e[D] = rho * fabs(e[D]) * g->h / (double)g->L;
  }
  if (K) SFHET_TRY(envelope(ws, g, j->vac, j->sigma_inst, e));
  double *t = junction_arena(ws, g->nd * sizeof *t);
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  SFHET_TRY(alias_error(ws, g, Y, K, al, t));
  for (size_t D = 0; D < g->nd; D++) e[D] += trunc * (fabs(Gl[D]) + 1.0) + al[D] + 5e-2 * tol * (fabs(Gl[D]) + 1e-3);
  *emax = 0.0; /* over the cells [D, D+1] of the data range: what bias_errors gives a bias in the cell */
  for (size_t D = 1; D + 2 < g->nd; D++) {
    double v = g->Vo + (double)D * g->h;
    if (v < lo - g->h || v > hi) continue;
    double m = fmax(fmax(e[D - 1], e[D]), fmax(e[D + 1], e[D + 2]));
    *emax = fmax(*emax, m / (fmin(fabs(Gl[D]), fabs(Gl[D + 1])) + 1e-3));
  }
  return SFHET_OK;
}

static void memo_key(const pass_in *in, double *key) {
  key[0] = in->v0, key[1] = in->d, key[2] = in->tol, key[3] = (double)in->n, key[4] = in->o->smooth;
}

static int pass(const pass_in *in, double h, double *emax, int *done, sfhet_junction_ws *ws) {
  const sfhet_junction *j = in->j;
  const spec_out *o = in->o;
  spec_geom g;
  int st = geometry(j, h, in->vlo, in->vhi, in->tol, &g);
  if (st) return st;
  positions(&g, in->v0, in->d, in->n);
  spec_memo *m = memo_of(ws);
  if (m) m->valid = 0;
  junction_arena_reset(ws);
  ws->work.evals += 1.0;
  spec_arrays s;
  int wantI = o->Icur != NULL && g.sis;
  SFHET_TRY(spec_build(j, &g, wantI, &s, ws));
  fftw_complex *Y = spec_alloc(ws, &g), *Ya = spec_alloc(ws, &g);
  double *e = junction_arena(ws, 3 * g.nd * sizeof *e), *Gl = e ? e + g.nd : NULL, *al = e ? Gl + g.nd : NULL;
  if (!Y || !Ya || !e) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  const double *K = NULL;
  if (o->smooth && (j->vac > 0.0 || j->sigma_inst > 0.0)) {
    K = junction_khat(ws, g.L, h, j->vac, j->sigma_inst);
    if (!K) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  spec_combine(&g, &s, 0, 0, Y);
  spec_combine(&g, &s, 1, 0, Ya);
  double lo = in->v0, hi = in->v0 + (double)(in->n - 1) * in->d;
  SFHET_TRY(lattice_error(ws, &g, Y, Ya, K, j, al, in->tol, e, Gl, lo, hi, emax));
  if (*emax > in->tol && !ws->fix_h) return SFHET_OK;
  *done = 1;
  ws->last_h = h;
  if (m) {
    m->valid = 1, m->wantI = wantI, m->j = *j, m->g = g, m->s = s, m->Y = Y, m->K = K, m->e = e;
    memo_key(in, m->key);
  }
  spec_out oo = *o;
  if (!g.sis) oo.Icur = NULL;
  return outputs(j, &oo, &g, &s, Y, K, e, ws);
}

/* Outputs from the kept pass when it is the same evaluation (SFHET_CONTINUE otherwise). */
static int from_memo(const pass_in *in, sfhet_junction_ws *ws) {
  spec_memo *m = ws->memo;
  double key[5];
  memo_key(in, key);
  if (!m || !m->valid || ws->fix_h > 0.0 || memcmp(key, m->key, sizeof key) != 0 ||
      memcmp(&m->j, in->j, sizeof m->j) != 0 || (in->o->Icur && m->g.sis && !m->wantI))
    return SFHET_CONTINUE;
  spec_out oo = *in->o;
  if (!m->g.sis) oo.Icur = NULL;
  return outputs(in->j, &oo, &m->g, &m->s, m->Y, m->K, m->e, ws);
}

/* ---------------------------------------------------------------- driver */

/* G(−V) = G(V) exactly for NIS with P = 0 and an even DOS, SIS with identical electrodes and P = 0. */
static int symmetric_junction(const sfhet_junction *j) {
  if (j->P != 0.0) return 0;
  if (j->kind == SFHET_JUNCTION_NIS) return !j->dos1->even || j->dos1->even(j->p1);
  const sfhet_dos_info *m2 = junction_dos2(j);
  if (m2 != j->dos1) return 0;
  for (size_t k = 0; k < m2->n_params; k++)
    if (j->p1[k] != j->p2[k]) return 0;
  return 1;
}

/* Derivative columns that keep G(V) even: tied DOS parameters and the measurement ones but P. */
static int symmetric_columns(const sfhet_junction *j, const spec_out *o) {
  size_t n1 = j->dos1->n_params, n2 = j->kind == SFHET_JUNCTION_SIS ? junction_dos2(j)->n_params : 0;
  for (size_t c = 0; c < o->nk; c++) {
    size_t k = o->kidx[c];
    if (k < n1 && n2 && !j->follow[k]) return 0;
    if (k >= n1 && k < n1 + n2) return 0;
    if (k == n1 + n2 + JUNCTION_NMEAS - 1) return 0; /* P */
  }
  return 1;
}

static double smoothing_extent(const sfhet_junction *j, int smooth) {
  return smooth ? j->vac + 8.5 * j->sigma_inst : 0.0;
}

/* Prefactor K of err(h) = K exp(−2πa/h) expected before measuring it: it grows with the coherence-peak
 * strength; K = 10 (1 + E/a)^0.6, E the largest gap edge, matches K ~ 30 (Γ = 80 µeV, Δ = 0.86 meV) and
 * ~300 (Γ = 2 µeV) measured. Only the first spacing depends on it. */
static double k_start(const sfhet_junction *j, double a) {
  double e[16], E = 0.0;
  size_t ne = j->dos1->edges(j->p1, e, 8);
  if (j->kind == SFHET_JUNCTION_SIS) ne += junction_dos2(j)->edges(j->p2, e + ne, 8);
  for (size_t i = 0; i < ne; i++) E = fmax(E, fabs(e[i]));
  return 10.0 * pow(1.0 + E / a, 0.6);
}

/* First spacing: the estimate SAFETY·K exp(−2πa/h) at the tolerance, on the ladder. */
static double first_h(const sfhet_junction *j, double a, double tol) {
  return ladder(2.0 * M_PI * a / log(fmax(SAFETY * k_start(j, a) / tol, 4.0)));
}

double junction_first_spacing(const sfhet_junction *j, double tol) { return first_h(j, junction_strip(j), tol); }

/* Next spacing aimed at half the tolerance from the estimate emax at h. */
double junction_next_spacing(double a, double h, double emax, double tol) {
  double K = emax * exp(2.0 * M_PI * a / h), t = 2.0 * M_PI * a / log(fmax(2.0 * K / tol, 2.0));
  t = fmin(fmax(t, h / 3.0), 0.93 * h);
  return ladder(t);
}

static int run(const sfhet_junction *j, double v0, double d, size_t n, double tol, const spec_out *o,
               sfhet_junction_ws *ws) {
  double a = junction_strip(j), Ms = smoothing_extent(j, o->smooth), emax = 0.0;
  pass_in in = {j, o, v0, d, tol, v0 - Ms, v0 + (double)(n - 1) * d + Ms, n};
  int st = from_memo(&in, ws);
  if (st != SFHET_CONTINUE) return st;
  double h = ws->fix_h > 0.0 ? ws->fix_h : first_h(j, a, tol);
  for (int p = 0; p < MAX_PASSES; p++) {
    int done = 0;
    st = pass(&in, h, &emax, &done, ws);
    if (st || done) return st;
    h = junction_next_spacing(a, h, emax, tol);
  }
  SFHET_ERROR(SFHET_ENOCONV, "junction: estimated relative error %.2g of G exceeds the requested %.2g; "
              "try a larger --accuracy", emax, tol);
}

/* Outputs of o for biases first..n−1 into a half-size copy, then mirrored (G, dG even; I, dG/dV odd). */
static int run_half(const sfhet_junction *j, const double *V, size_t n, size_t first, double d, double tol,
                    const spec_out *o, sfhet_junction_ws *ws) {
  size_t m = n - first, nk = o->nk;
  double *buf = junction_ws_buf(ws, 1, 5 * m + m * (nk ? nk : 1)); /* the lattice paths' scratch: free here */
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  spec_out h = *o;
  h.G = o->G ? buf : NULL, h.G_err = o->G_err ? buf + m : NULL, h.Icur = o->Icur ? buf + 2 * m : NULL;
  h.dGdV = o->dGdV ? buf + 3 * m : NULL, h.dG = nk ? buf + 5 * m : NULL, h.ld = nk;
  int st = run(j, V[first], d, m, tol, &h, ws);
  for (size_t i = 0; i < n && !st; i++) {
    size_t q = i >= first ? i - first : n - 1 - i - first;
    double s = i >= first ? 1.0 : -1.0;
    if (o->G) o->G[i] = h.G[q];
    if (o->G_err) o->G_err[i] = h.G_err[q];
    if (o->Icur) o->Icur[i] = s * h.Icur[q];
    if (o->dGdV) o->dGdV[i] = s * h.dGdV[q];
    for (size_t c = 0; c < nk; c++) o->dG[i * o->ld + c] = h.dG[q * nk + c];
  }
  return st;
}

void junction_spectral_forget(sfhet_junction_ws *ws) {
  spec_memo *m = ws->memo;
  if (m) m->valid = 0;
}

int junction_spectral(const sfhet_junction *j, const double *V, size_t n, double tol, const spec_out *o,
                      sfhet_junction_ws *ws) {
  if (!junction_spectral_mode || n == 0) return n == 0 ? SFHET_OK : SFHET_CONTINUE;
  double d = 1.0;
  if (n > 1 && !junction_uniform(V, n, &d)) return SFHET_CONTINUE;
  if (!(junction_strip(j) > 0.0)) return SFHET_CONTINUE;
  int sym = n >= 4 && symmetric_junction(j) && symmetric_columns(j, o);
  for (size_t i = 0; i < n / 2 && sym; i++) sym = fabs(V[i] + V[n - 1 - i]) <= 1e-9 * d;
  if (sym) return run_half(j, V, n, n / 2, d, tol, o, ws);
  return run(j, V[0], d, n, tol, o, ws);
}

/* ---------------------------------------------------------------- cost estimates */

/* Work units: one DOS sample ~ 12 FFT units (n log2 n), one direct multiply-add ~ 0.5. */
#define DOS_UNITS 12.0
#define MAC_UNITS 0.5

double junction_spectral_cost(const sfhet_junction *j, const double *V, size_t n, double tol, int smooth) {
  double d = 1.0;
  if (!junction_spectral_mode || n == 0 || (n > 1 && !junction_uniform(V, n, &d))) return INFINITY;
  double a = junction_strip(j);
  if (!(a > 0.0)) return INFINITY;
  double Ms = smoothing_extent(j, smooth), lo = V[0], hi = V[n - 1];
  if (n >= 4 && symmetric_junction(j)) lo = fmax(lo, 0.0);
  spec_geom g;
  if (geometry(j, first_h(j, a, tol), lo - Ms, hi + Ms, tol, &g)) return INFINITY;
  double L = (double)g.L, ntr = g.sis ? 4.0 * g.nch + 2.0 : 4.0, nczt = 2.0 * (L / 2 + (double)n);
  double dos = g.sis ? (double)(g.nA + g.nB) : (double)g.nB;
  return ntr * L * log2(L) + nczt * log2(nczt) + DOS_UNITS * dos * (double)g.nch;
}

double junction_direct_cost(const sfhet_junction *j, const double *V, size_t n, size_t nq, double tol) {
  double a = junction_strip(j);
  if (!(a > 0.0)) return INFINITY;
  double kT = SFHET_KB_MEV * j->T, W = kT * (log(1.0 / tol) + WIN_EXTRA), h = first_h(j, a, tol), c = 0.0;
  for (size_t i = 0; i < n; i++) {
    double win = (j->kind == SFHET_JUNCTION_SIS ? fabs(V[i]) : 0.0) + 2.0 * W;
    c += win / h * (j->kind == SFHET_JUNCTION_SIS ? DOS_UNITS + 4.0 * MAC_UNITS : MAC_UNITS + 1.0);
  }
  return c * (double)nq + (j->kind == SFHET_JUNCTION_NIS ? DOS_UNITS * 2.0 * W / h * (double)n : 0.0);
}
