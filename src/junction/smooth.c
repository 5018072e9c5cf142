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
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define NP 8            /* interpolation points (weights8's barycentric weights) */
#define MARGIN 6        /* grid nodes beyond the needed range on each side */
/* largest bias spacing in units of a (uniform data: the largest divisor of the step below it) */
#define HB_START 0.3
#define MAX_REFINE 2
#define MAX_GRID 1e6     /* largest fine grid (5 doubles per node); beyond it the per-node path */
#define NOT_WORTH (-1) /* attempt(): the fine grid would cost more than the per-node path */

int junction_smooth_mode = 1;

/* Weights L[0..7] of degree-7 interpolation at t in [0, 7] through uniform nodes 0..7 (barycentric
 * form); returns |Π (t − i)|, the factor of the next Newton term. */
static double weights8(double t, double *L) {
  static const double b[NP] = {1, -7, 21, -35, 35, -21, 7, -1}; /* (−1)^i C(7, i) */
  double den = 0.0, prod = 1.0;
  for (int i = 0; i < NP; i++) {
    double d = t - (double)i;
    prod *= d;
    if (d == 0.0) { /* on a node */
      for (int q = 0; q < NP; q++) L[q] = q == i;
      return 0.0;
    }
    L[i] = b[i] / d;
    den += L[i];
  }
  for (int i = 0; i < NP; i++) L[i] /= den;
  return fabs(prod);
}

/* G_raw on the fine grid x0 + (kmin + k) hb, k = 0 .. nf−1, with lattice errors and |8th differences|. */
typedef struct {
  double x0, hb;
  long kmin;
  size_t nf;
  double *G, *E, *D8;
} fine_grid;

/* Position of bias x on the grid: node k (x between nodes k and k+1) and t = offset from node k − 3. */
static long locate(const fine_grid *f, double x, double *t) {
  double u = (x - f->x0) / f->hb - (double)f->kmin;
  long k = (long)floor(u);
  *t = u - (double)(k - NP / 2 + 1);
  return k;
}

/* The error estimate is twice the next Newton term, d8 ω(t) / 8! (asymptotic, hence the factor 2), with
 * the ninth node on either side (D8[k]: the larger of the two); el: the lattice error there (E[k]). */
static double interp_err(const fine_grid *f, long k, double w8, double *el) {
  *el = f->E[k];
  return 2.0 * w8 / 40320.0 * f->D8[k];
}

/* a[k] = max(a[k], a[k+1]): the larger of a cell's two end values, stored at its left node. */
static void cell_max(double *a, size_t nf) {
  for (size_t k = 0; k + 1 < nf; k++) a[k] = a[k + 1] > a[k] ? a[k + 1] : a[k];
}

/* |Σ_i (−1)^i C(8, i) g[k − 4 + i]| at every node k with a full stencil (0 elsewhere). */
static void eighth_differences(const double *g, size_t nf, double *d8) {
  static const double c[9] = {1, -8, 28, -56, 70, -56, 28, -8, 1};
  for (size_t k = 0; k < nf; k++) {
    double s = 0.0;
    if (k >= 4 && k + 4 < nf)
      for (int i = 0; i < 9; i++) s += c[i] * g[k - 4 + (size_t)i];
    d8[k] = fabs(s);
  }
}

/* Σ_q w_q G(V_i + s_q) for any biases: 8-point interpolation per node. Returns the largest relative
 * interpolation error estimate. */
static double apply_general(const fine_grid *f, const double *V, size_t n, const double *s, const double *w,
                            size_t nq, double *G, double *G_err) {
  double emax = 0.0;
  for (size_t i = 0; i < n; i++) {
    double g = 0.0, e = 0.0, ei = 0.0;
    for (size_t q = 0; q < nq; q++) { /* the weights are positive */
      double t, L[NP], el, v = 0.0;
      long k = locate(f, V[i] + s[q], &t);
      double w8 = weights8(t, L), eint = interp_err(f, k, w8, &el);
      for (int m = 0; m < NP; m++) v += L[m] * f->G[k - NP / 2 + 1 + m];
      g += w[q] * v;
      ei += w[q] * eint;
      e += w[q] * (eint + el);
    }
    G[i] = g;
    if (G_err) G_err[i] = e;
    emax = fmax(emax, ei / (fabs(g) + 1e-3));
  }
  return emax;
}

/* The same for uniform biases V_i = V_0 + i m hb (grid anchored at V_0): every node has the same
 * fractional position at every bias, so the nodes' interpolation weights add up to one fixed kernel. */
static double apply_uniform(const fine_grid *f, long m, size_t n, const double *s, const double *w, size_t nq,
                            double *G, double *G_err, double *kern, long *kq, double *c8) {
  long omin = 0, omax = 0;
  double L[NP], t;
  for (size_t q = 0; q < nq; q++) { /* node q's cell, relative to the bias's grid index */
    kq[q] = locate(f, f->x0 + s[q], &t) + f->kmin;
    omin = q == 0 || kq[q] < omin ? kq[q] : omin;
    omax = q == 0 || kq[q] > omax ? kq[q] : omax;
  }
  omin -= NP / 2 - 1, omax += NP / 2;
  memset(kern, 0, (size_t)(omax - omin + 1) * sizeof *kern);
  for (size_t q = 0; q < nq; q++) {
    locate(f, f->x0 + s[q], &t);
    c8[q] = w[q] * 2.0 / 40320.0 * weights8(t, L);
    for (int j = 0; j < NP; j++) kern[kq[q] - NP / 2 + 1 + j - omin] += w[q] * L[j];
  }
  double emax = 0.0;
  for (size_t i = 0; i < n; i++) {
    long b = (long)i * m - f->kmin; /* grid index of V_i */
    const double *g = f->G + b + omin;
    double v = 0.0, e = 0.0, ei = 0.0;
    for (long o = 0; o <= omax - omin; o++) v += kern[o] * g[o];
    for (size_t q = 0; q < nq; q++) {
      long k = b + kq[q];
      ei += c8[q] * f->D8[k];
      e += w[q] * f->E[k];
    }
    G[i] = v;
    if (G_err) G_err[i] = e + ei;
    emax = fmax(emax, ei / (fabs(v) + 1e-3));
  }
  return emax;
}

/* Step m (in grid spacings) when V is uniform with a step that hb divides (hb adjusted), else 0. */
static long uniform_step(const double *V, size_t n, double *hb) {
  if (n < 2) return 0;
  double d = (V[n - 1] - V[0]) / (double)(n - 1);
  if (!(d > 0.0) || !(d / *hb < MAX_GRID)) return 0; /* range-checked before converting to long */
  for (size_t i = 0; i < n; i++)
    if (fabs(V[i] - (V[0] + (double)i * d)) > 1e-9 * d) return 0;
  long m = (long)ceil(d / *hb - 1e-9);
  *hb = d / (double)m;
  return m;
}

/* Whether the fine grid (one lattice, FFT correlations: ~20 nf log2 nf operations) beats the per-node
 * path (n nq biases that share no lattice, each a window sum over ~2W/hb nodes, W the thermal window). */
static int worth_it(const sfhet_junction *j, size_t nf, size_t n, size_t nq, double hb, double tol) {
  double W = SFHET_KB_MEV * j->T * (log(1.0 / tol) + 14.0), fine = 20.0 * (double)nf * log2((double)nf + 2.0);
  return fine <= (double)n * (double)nq * (2.0 * W / hb + 8.0);
}

/* One attempt at spacing hb: fills G, G_err; *emax receives the largest relative interpolation error
 * (the lattice error is already below tol). */
static int attempt(const sfhet_junction *j, const double *V, size_t n, const double *s, const double *w,
                   size_t nq, double hb, double xmin, double xmax, double tol, double *G, double *G_err,
                   double *emax, sfhet_junction_ws *ws) {
  fine_grid f;
  long m = uniform_step(V, n, &hb);
  f.hb = hb;
  f.x0 = m ? V[0] : 0.0;
  if (!((xmax - xmin) / hb <= MAX_GRID)) return NOT_WORTH; /* e.g. Γ → 0 in a fit's trial step */
  if (!(fabs(xmin - f.x0) / hb < 1e15 && fabs(xmax - f.x0) / hb < 1e15)) /* grid indices fit a long */
    return NOT_WORTH;
  f.kmin = (long)floor((xmin - f.x0) / hb) - MARGIN;
  f.nf = (size_t)((long)ceil((xmax - f.x0) / hb) + MARGIN - f.kmin + 1);
  if (!worth_it(j, f.nf, n, nq, hb, tol)) return NOT_WORTH;
  double *Vf = junction_ws_grow(&ws->sbuf, &ws->scap, 5 * f.nf + 2 * nq);
  if (!Vf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  f.G = Vf + f.nf, f.E = f.G + f.nf, f.D8 = f.E + f.nf;
  for (size_t k = 0; k < f.nf; k++) Vf[k] = f.x0 + (double)(f.kmin + (long)k) * hb;
  SFHET_TRY(junction_core(j, Vf, f.nf, f.G, NULL, f.E, tol, ws));
  eighth_differences(f.G, f.nf, f.D8);
  cell_max(f.D8, f.nf);
  cell_max(f.E, f.nf);
  double *kern = f.D8 + f.nf, *c8 = kern + f.nf;
  *emax = m ? apply_uniform(&f, m, n, s, w, nq, G, G_err, kern, (long *)(c8 + nq), c8)
            : apply_general(&f, V, n, s, w, nq, G, G_err);
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
    double emax = INFINITY;
    int st = attempt(j, V, n, s, w, nq, hb, xmin, xmax, tol, G, G_err, &emax, ws);
    if (st == SFHET_ENOCONV || st == NOT_WORTH) return SFHET_OK; /* the direct path tries (and reports) */
    SFHET_TRY(st);
    if (emax <= 0.25 * tol) {
      *done = 1;
      return SFHET_OK;
    }
  }
  return SFHET_OK;
}
