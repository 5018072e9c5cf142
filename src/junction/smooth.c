/* Lock-in / instrument averaging on one fine bias grid. G_raw is analytic in the strip |Im V| < a, so a
 * degree-7 interpolant on spacing hb has error ~ C (hb/a)^8 (C = O(1)); the next Newton term (one more
 * node) estimates it, and hb is halved until that estimate is below tol/4 of |G| (at most twice). The
 * lattice integrator returns G_raw at every grid bias from one set of DOS samples and FFT correlations,
 * so the cost is about that of one plain evaluation instead of one per quadrature node. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/core.h"
#include "junction/smooth.h"
#include "junction/ws_int.h"
#include "sfhet/error.h"

#define NP 8            /* interpolation points */
#define MARGIN 6        /* grid nodes beyond the needed range on each side */
#define HB_START 0.2
#define MAX_REFINE 2

int junction_smooth_mode = 1;

/* Lagrange interpolation at x (grid units, relative to node k0) through nodes k0 .. k0+m−1 of g. */
static double lagrange(const double *g, double x, int m) {
  double sum = 0.0;
  for (int i = 0; i < m; i++) {
    double l = 1.0;
    for (int q = 0; q < m; q++)
      if (q != i) l *= (x - q) / (double)(i - q);
    sum += l * g[i];
  }
  return sum;
}

/* Interpolated value and error estimate at bias x on the grid k hb, k = kmin .. (g, e: values, errors). */
static void interp(const double *g, const double *e, long kmin, double hb, double x, double *val,
                   double *eint, double *elat) {
  double u = x / hb - (double)kmin;
  long k = (long)floor(u), k0 = k - NP / 2 + 1;        /* nodes k0 .. k0+NP−1 around x */
  double t = u - (double)k0, v8 = lagrange(g + k0, t, NP);
  int left = t < NP / 2.0 - 0.5;                        /* ninth node on the nearer side */
  double v9 = left ? lagrange(g + k0 - 1, t + 1.0, NP + 1) : lagrange(g + k0, t, NP + 1);
  *val = v8;
  *eint = 2.0 * fabs(v9 - v8); /* the next Newton term, doubled: it is asymptotic, not a bound */
  *elat = fmax(e[k], e[k + 1]);
}

/* Grid buffer: 3 arrays of nf doubles (biases, G, G errors) from the workspace. */
static double *grid_buf(sfhet_junction_ws *ws, size_t nf) {
  if (3 * nf > ws->scap) {
    double *b = realloc(ws->sbuf, 3 * nf * sizeof *b);
    if (!b) return NULL;
    ws->sbuf = b;
    ws->scap = 3 * nf;
  }
  return ws->sbuf;
}

/* One attempt at spacing hb: fills G, G_err; *emax receives the largest relative interpolation error
 * (the lattice error is already below tol). */
static int attempt(const sfhet_junction *j, const double *V, size_t n, const double *s, const double *w,
                   size_t nq, double hb, long kmin, size_t nf, double tol, double *G, double *G_err,
                   double *emax, sfhet_junction_ws *ws) {
  double *Vf = grid_buf(ws, nf);
  if (!Vf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *Gf = Vf + nf, *Ef = Gf + nf;
  for (size_t k = 0; k < nf; k++) Vf[k] = (double)(kmin + (long)k) * hb;
  SFHET_TRY(junction_core(j, Vf, nf, Gf, NULL, Ef, tol, ws));
  *emax = 0.0;
  for (size_t i = 0; i < n; i++) {
    double g = 0.0, e = 0.0, ei = 0.0;
    for (size_t q = 0; q < nq; q++) { /* the weights are positive */
      double v, eint, elat;
      interp(Gf, Ef, kmin, hb, V[i] + s[q], &v, &eint, &elat);
      g += w[q] * v;
      ei += w[q] * eint;
      e += w[q] * (eint + elat);
    }
    G[i] = g;
    if (G_err) G_err[i] = e;
    *emax = fmax(*emax, ei / (fabs(g) + 1e-3));
  }
  return SFHET_OK;
}

int junction_smooth_grid(const sfhet_junction *j, const double *V, size_t n, const double *s, const double *w,
                         size_t nq, double a, double tol, double *G, double *G_err, int *done,
                         sfhet_junction_ws *ws) {
  *done = 0;
  if (!junction_smooth_mode || !(a > 0.0) || n == 0 || !G) return SFHET_OK;
  double xmin = INFINITY, xmax = -INFINITY, smin = INFINITY, smax = -INFINITY;
  for (size_t i = 0; i < n; i++) xmin = fmin(xmin, V[i]), xmax = fmax(xmax, V[i]);
  for (size_t q = 0; q < nq; q++) smin = fmin(smin, s[q]), smax = fmax(smax, s[q]);
  xmin += smin, xmax += smax;
  double hb = HB_START * a;
  for (int r = 0; r <= MAX_REFINE; r++, hb *= 0.5) {
    long kmin = (long)floor(xmin / hb) - MARGIN, kmax = (long)ceil(xmax / hb) + MARGIN;
    size_t nf = (size_t)(kmax - kmin + 1);
    if ((double)nf > 4.0 * (double)n * (double)nq + 64.0) return SFHET_OK; /* direct path is cheaper */
    double emax;
    int st = attempt(j, V, n, s, w, nq, hb, kmin, nf, tol, G, G_err, &emax, ws);
    if (st == SFHET_ENOCONV) return SFHET_OK; /* let the direct path try (and report) */
    SFHET_TRY(st);
    if (emax <= 0.25 * tol) {
      *done = 1;
      return SFHET_OK;
    }
  }
  return SFHET_OK;
}
