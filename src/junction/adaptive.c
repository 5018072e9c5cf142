/* Per-bias adaptive quadrature (GSL QAGP with breakpoints at the DOS edges). Slow but robust: used for
 * BCS electrodes (Γ = 0), whose square-root edges defeat the uniform grids of grid.c. */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "junction/adaptive.h"
#include "junction/channels.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define WIN_KT 40.0 /* thermal window half-width in units of kT (exp(-40) ~ 4e-18) */

typedef struct {
  const sfhet_junction *j;
  double V, kT;
  int want_G, nch, st;
  double w[JUNCTION_MAXCH], f[3];
} integrand;

double junction_fermi(double x, double kT) {
  return x >= 0 ? exp(-x / kT) / (1.0 + exp(-x / kT)) : 1.0 / (1.0 + exp(x / kT));
}

double junction_mdfermi(double x, double kT) {
  double e = exp(-fabs(x) / kT);
  return e / (kT * (1.0 + e) * (1.0 + e));
}

/* One electrode's channels (and dN/dE with step > 0) at E; an error is kept for the caller and NaN
 * returned to the quadrature. */
static int dos_ch(integrand *a, const sfhet_dos_info *m, const double *p, double E, double step, double *N,
                  double *dN) {
  int st = junction_dos_point(m, p, a->nch, a->f, E, step, N, dN);
  if (st && !a->st) a->st = st;
  return st;
}

static double nis_integrand(double E, void *arg) {
  integrand *a = arg;
  double N[JUNCTION_MAXCH];
  if (dos_ch(a, a->j->dos1, a->j->p1, E, 0.0, N, NULL)) return NAN;
  double n = junction_nis_weight(a->nch, a->j->P, N);
  if (a->want_G) return n * junction_mdfermi(E - a->V, a->kT);
  return n * (junction_fermi(E - a->V, a->kT) - junction_fermi(E, a->kT));
}

static double sis_integrand(double E, void *arg) {
  integrand *a = arg;
  const sfhet_junction *j = a->j;
  const sfhet_dos_info *m2 = junction_dos2(j);
  double N1[JUNCTION_MAXCH], N2[JUNCTION_MAXCH], dN2[JUNCTION_MAXCH], x = E + a->V, s = 0.0;
  double step = 1e-5 * m2->width(j->p2);
  if (!(step > 0.0)) step = 1e-9;
  if (dos_ch(a, j->dos1, j->p1, E, step, N1, NULL) ||
      dos_ch(a, m2, j->p2, x, step, N2, a->want_G ? dN2 : NULL))
    return NAN;
  double df = junction_fermi(E, a->kT) - junction_fermi(x, a->kT), mf = junction_mdfermi(x, a->kT);
  for (int ch = 0; ch < a->nch; ch++)
    s += a->w[ch] * N1[ch] * (a->want_G ? dN2[ch] * df + N2[ch] * mf : N2[ch] * df);
  return s;
}

/* Sorted breakpoints inside [lo, hi] (lo and hi included): the DOS edges, and the Fermi edges (E = 0,
 * and E = −V for SIS or E = V for NIS) with nodes at ±4 kT and ±16 kT around them, so that thermal
 * kernels much narrower than the interval (T -> 0) are not missed by the Gauss–Kronrod rules. */
static size_t breakpoints(const sfhet_junction *j, double V, double kT, double lo, double hi, double *pts) {
  double e[32];
  size_t n = j->dos1->edges(j->p1, e, 8), np = 0;
  if (j->kind == SFHET_JUNCTION_SIS) {
    size_t n2 = junction_dos2(j)->edges(j->p2, e + n, 8);
    for (size_t i = n; i < n + n2; i++) e[i] -= V;
    n += n2;
  }
  double fe[2] = {0.0, j->kind == SFHET_JUNCTION_SIS ? -V : V}, off[5] = {0.0, -4.0, 4.0, -16.0, 16.0};
  for (int f = 0; f < 2; f++)
    for (int k = 0; k < 5; k++) e[n++] = fe[f] + off[k] * kT;
  pts[np++] = lo;
  for (size_t i = 0; i < n; i++)
    if (e[i] > lo && e[i] < hi) pts[np++] = e[i];
  pts[np++] = hi;
  for (size_t a = 1; a < np; a++) /* insertion sort */
    for (size_t b = a; b > 0 && pts[b] < pts[b - 1]; b--) {
      double t = pts[b];
      pts[b] = pts[b - 1];
      pts[b - 1] = t;
    }
  size_t m = 1;
  for (size_t i = 1; i < np; i++)
    if (pts[i] > pts[m - 1]) pts[m++] = pts[i];
  return m;
}

int junction_adaptive_point(const sfhet_junction *j, double V, int want_G, double rel_tol, double *value,
                            double *err, sfhet_junction_ws *ws) {
  integrand a = {j, V, SFHET_KB_MEV * j->T, want_G, 0, SFHET_OK, {0}, {0}};
  a.nch = junction_channels(j, a.w, a.f);
  double w = WIN_KT * a.kT, lo, hi, pts[48];
  if (j->kind == SFHET_JUNCTION_NIS && want_G) {
    lo = V - w;
    hi = V + w;
  } else {
    lo = fmin(0.0, j->kind == SFHET_JUNCTION_SIS ? -V : V) - w;
    hi = fmax(0.0, j->kind == SFHET_JUNCTION_SIS ? -V : V) + w;
  }
  size_t np = breakpoints(j, V, a.kT, lo, hi, pts);
  gsl_function F = {j->kind == SFHET_JUNCTION_NIS ? nis_integrand : sis_integrand, &a};
  int st = gsl_integration_qagp(&F, pts, np, 1e-13, rel_tol, JUNCTION_QAG_LIMIT, ws->qag, value, err);
  SFHET_TRY(a.st);
  if (st && st != GSL_EROUND)
    SFHET_ERROR(SFHET_ENOCONV, "adaptive quadrature at V = %g mV failed (%s); try a larger --gamma or "
                "--accuracy", V, gsl_strerror(st));
  return SFHET_OK;
}
