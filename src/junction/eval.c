/* Junction conductance: the raw NIS/SIS integrals (core.c) averaged over the lock-in excitation
 * (Gauss–Chebyshev nodes of the semicircle weight) and a Gaussian instrument response, plus the
 * optional zero-bias peak (seed 001 eq. 1). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/core.h"
#include "junction/smooth.h"
#include "junction/spectral.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAX_NODES 4096

/* Strip half-width [mV] in which G(V) is analytic: the smallest broadening (Γ, πkT). */
static double g_strip(const sfhet_junction *j) {
  double a = M_PI * SFHET_KB_MEV * j->T, g1 = j->dos1->width(j->p1);
  if (g1 > 0.0) a = fmin(a, g1);
  if (j->kind == SFHET_JUNCTION_SIS) {
    double g2 = junction_dos2(j)->width(j->p2);
    if (g2 > 0.0) a = fmin(a, g2);
  }
  return a;
}

/* Lock-in nodes: G_meas(V) = ∫ G(V+v) (2/(π Vac²)) sqrt(Vac² − v²) dv by n-point Gauss–Chebyshev of the
 * second kind, exact up to exp(-2n·asinh-like rate) for G analytic in a strip of half-width a. */
static size_t lockin_nodes(double vac, double a, double tol, double *s, double *w) {
  if (vac <= 0.0) {
    s[0] = 0.0;
    w[0] = 1.0;
    return 1;
  }
  double b = 0.8 * a / vac, m = log(100.0 / tol) / (2.0 * asinh(b)); /* log ρ, ρ = b + sqrt(1 + b²) */
  size_t n = m < 254.0 ? (size_t)ceil(m) + 2 : 256; /* compared in double before converting */
  for (size_t i = 1; i <= n; i++) {
    double t = (double)i * M_PI / (double)(n + 1), st = sin(t);
    s[i - 1] = vac * cos(t);
    w[i - 1] = 2.0 / (double)(n + 1) * st * st;
  }
  return n;
}

/* Gaussian nodes: trapezoid on ±8.5σ with spacing below a/3 and σ/1.2 (exponentially accurate). */
static size_t gauss_nodes(double sigma, double a, double *s, double *w, size_t max) {
  if (sigma <= 0.0) {
    s[0] = 0.0;
    w[0] = 1.0;
    return 1;
  }
  double h = fmin(a / 3.0, sigma / 1.2), L = 8.5 * sigma, nh = ceil(L / h);
  size_t half = nh < (double)((max - 1) / 2) ? (size_t)nh : (max - 1) / 2; /* compared before converting */
  h = L / (double)half;
  double sum = 0.0;
  for (size_t i = 0; i <= 2 * half; i++) {
    double v = ((double)i - (double)half) * h;
    s[i] = v;
    w[i] = exp(-0.5 * v * v / (sigma * sigma));
    sum += w[i];
  }
  for (size_t i = 0; i <= 2 * half; i++) w[i] /= sum;
  return 2 * half + 1;
}

/* Combined shift/weight nodes of lock-in and instrument broadening; returns their count. */
static size_t smoothing_nodes(const sfhet_junction *j, double tol, double *s, double *w) {
  double s1[256], w1[256], s2[1024], w2[1024], a = g_strip(j);
  size_t n1 = lockin_nodes(j->vac, a, tol, s1, w1);
  size_t n2 = gauss_nodes(j->sigma_inst, a, s2, w2, MAX_NODES / n1 < 1024 ? MAX_NODES / n1 : 1024);
  size_t n = 0;
  for (size_t a1 = 0; a1 < n1; a1++)
    for (size_t a2 = 0; a2 < n2; a2++, n++) {
      s[n] = s1[a1] + s2[a2];
      w[n] = w1[a1] * w2[a2];
    }
  return n;
}

static void add_zbp(const sfhet_junction *j, const double *V, size_t n, double *G, double *I) {
  if (j->zbp_amp == 0.0) return;
  double sg = j->zbp_sigma;
  for (size_t i = 0; i < n; i++) { /* u = V/σ, not V²/σ²: finite (0 or 1) for σ down to the smallest double */
    double u = V[i] / sg;
    if (G) G[i] += j->zbp_amp * exp(-0.5 * u * u);
    if (I) I[i] += j->zbp_amp * sg * sqrt(M_PI / 2.0) * erf(u / M_SQRT2);
  }
}

static int smoothed(const sfhet_junction *j, const double *V, size_t n, double *G, double *G_err,
                    double tol, sfhet_junction_ws *ws) {
  double *s = junction_ws_grow(&ws->qbuf, &ws->qcap, 2 * MAX_NODES + 3 * n), *w = s ? s + MAX_NODES : NULL;
  double *buf = w ? w + MAX_NODES : NULL;
  int st = !s ? SFHET_ENOMEM : SFHET_OK;
  size_t nq = st ? 0 : smoothing_nodes(j, tol, s, w);
  int done = 0;
  if (!st && G) st = junction_smooth_grid(j, V, n, s, w, nq, g_strip(j), tol, G, G_err, &done, ws);
  if (done || st) nq = 0;
  if (G && !done) memset(G, 0, n * sizeof *G);
  if (G_err && !done) memset(G_err, 0, n * sizeof *G_err);
  for (size_t q = 0; q < nq && !st; q++) {
    double *Vq = buf, *Gq = buf + n, *Eq = buf + 2 * n;
    for (size_t i = 0; i < n; i++) Vq[i] = V[i] + s[q];
    st = junction_core(j, Vq, n, Gq, NULL, Eq, tol, ws);
    for (size_t i = 0; i < n && !st; i++) {
      if (G) G[i] += w[q] * Gq[i];
      if (G_err) G_err[i] += w[q] * Eq[i];
    }
  }
  if (st == SFHET_ENOMEM) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return st;
}

/* Largest energy scale of the junction [meV]: gap edges, broadenings, thermal window, averaging extents. */
static double energy_scale(const sfhet_junction *j) {
  double e[32], s = 1.0 + 40.0 * SFHET_KB_MEV * j->T + j->vac + 8.5 * j->sigma_inst;
  size_t ne = j->dos1->edges(j->p1, e, 16);
  s = fmax(s, j->dos1->width(j->p1));
  if (j->kind == SFHET_JUNCTION_SIS) {
    ne += junction_dos2(j)->edges(j->p2, e + ne, 16);
    s = fmax(s, junction_dos2(j)->width(j->p2));
  }
  for (size_t i = 0; i < ne; i++) s = fmax(s, fabs(e[i]));
  return s;
}

/* Bias beyond which the normal-state limit G = 1, I = V is within the accuracy: the corrections are
 * ~ (s/V)² for the energy scale s, below 1e-2 tol for |V| > 10 s/sqrt(tol). Far out the integrals cannot
 * be done anyway (E + V loses E; the DOS formulas overflow). */
static double far_bias(const sfhet_junction *j) {
  double tol = j->rel_tol > 0.0 ? j->rel_tol : 1e-4;
  return 10.0 * energy_scale(j) / sqrt(tol);
}

static int eval_near(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                     sfhet_junction_ws *ws);

/* Biases beyond far_bias get the normal-state limit (plus the zero-bias peak); the rest as usual. */
static int eval_split(const sfhet_junction *j, const double *V, size_t n, double far, double *G, double *I,
                      double *G_err, sfhet_junction_ws *ws) {
  size_t m = 0;
  double *buf = malloc(4 * n * sizeof *buf), *Vn = buf, *Gn = buf + n, *In = buf + 2 * n, *En = buf + 3 * n;
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    if (fabs(V[i]) < far) Vn[m++] = V[i];
  int st = m ? eval_near(j, Vn, m, G ? Gn : NULL, I ? In : NULL, G_err ? En : NULL, ws) : SFHET_OK;
  for (size_t i = 0, k = 0; i < n && !st; i++) {
    int near = fabs(V[i]) < far;
    if (G) G[i] = near ? Gn[k] : 1.0;
    if (I) I[i] = near ? In[k] : V[i];
    double q = energy_scale(j) / V[i];
    if (G_err) G_err[i] = near ? En[k] : 2.0 * q * q;
    if (!near) add_zbp(j, V + i, 1, G ? G + i : NULL, I ? I + i : NULL);
    k += (size_t)near;
  }
  free(buf);
  return st;
}

/* Every output finite, or a failure naming the first bias where it is not. */
static int finite_outputs(const double *V, size_t n, const double *G, const double *I, const double *G_err) {
  for (size_t i = 0; i < n; i++)
    if ((G && !isfinite(G[i])) || (I && !isfinite(I[i])) || (G_err && !isfinite(G_err[i])))
      SFHET_ERROR(SFHET_ENOCONV, "junction: the result at V = %g mV is not finite; these parameter values are "
                  "outside what the integrals can resolve (try a larger --gamma, --T or --accuracy)", V[i]);
  return SFHET_OK;
}

int sfhet_junction_eval(const sfhet_junction *j, const double *V, size_t n, double *G, double *I,
                        double *G_err, sfhet_junction_ws *ws) {
  SFHET_TRY(sfhet_junction_check(j));
  for (size_t i = 0; i < n; i++)
    if (!isfinite(V[i])) SFHET_ERROR(SFHET_ERANGE, "--V: bias values must be finite");
  double far = far_bias(j);
  int any_far = 0;
  for (size_t i = 0; i < n; i++) any_far |= fabs(V[i]) >= far;
  SFHET_TRY(any_far ? eval_split(j, V, n, far, G, I, G_err, ws) : eval_near(j, V, n, G, I, G_err, ws));
  return finite_outputs(V, n, G, I, G_err);
}

static int eval_near(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                     sfhet_junction_ws *ws) {
  double tol = j->rel_tol > 0.0 ? j->rel_tol : 1e-4;
  int plain = j->vac == 0.0 && j->sigma_inst == 0.0;
  if (!plain && (G || G_err) && n >= 4 && junction_smooth_mode) { /* averages in the frequency domain */
    spec_out o = {G, G_err, j->kind == SFHET_JUNCTION_SIS ? I : NULL, NULL, NULL, 0, 0, NULL, 1};
    int st = junction_spectral(j, V, n, tol, &o, ws);
    if (st == SFHET_OK) {
      if (I && j->kind == SFHET_JUNCTION_NIS) SFHET_TRY(junction_core(j, V, n, NULL, I, NULL, tol, ws));
      add_zbp(j, V, n, G, I);
      return SFHET_OK;
    }
    if (st != SFHET_CONTINUE) return st;
  }
  if (plain) {
    SFHET_TRY(junction_core(j, V, n, G, I, G_err, tol, ws));
  } else {
    if (G || G_err) SFHET_TRY(smoothed(j, V, n, G, G_err, tol, ws));
    if (I) SFHET_TRY(junction_core(j, V, n, NULL, I, NULL, tol, ws));
  }
  add_zbp(j, V, n, G, I);
  return SFHET_OK;
}
