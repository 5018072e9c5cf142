/* The T → 0 limit of the junction integrals, used when the thermal smearing is far below the requested
 * accuracy (kT/a below 0.04 sqrt(tol), a the smallest DOS feature scale: Sommerfeld's correction
 * (π²/6)(kT)² ∂² is then below 1e-2 tol), where the Fermi functions become steps narrower than any
 * lattice or quadrature could resolve (T = 1e-300 K used to give G = 0):
 *   NIS: G(V) = Ñ(V),  I(V) = ∫_0^V Ñ(E) dE,  Ñ = (1 + P) N↑ + (1 − P) N↓;
 *   SIS: I(V) = s Σ_σ w_σ ∫_{E∈(−V,0)} N1σ(E) N2σ(E + V) dE (s = sign V), and its derivative
 *        G(V) = Σ_σ w_σ [N1σ(−V) N2σ(0) + s ∫_{(−V,0)} N1σ(E) N2σ'(E + V) dE]
 * (the step f(E) − f(E + V) differentiated at its edge E = −V gives the first term). The integrals are
 * GSL QAGP with breakpoints at every DOS edge inside the interval. */
#include "junction/cold.h"
#include "junction/channels.h"

#include <gsl/gsl_errno.h>
#include <math.h>

#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

/* Feature scale of one electrode at energy E: its strip half-width, or for a BCS-like model (width 0)
 * the distance of E from its nearest edge. */
static double scale_at(const sfhet_dos_info *m, const double *p, double E) {
  double w = m->width(p);
  if (w > 0.0) return w;
  double e[16], d = INFINITY;
  size_t ne = m->edges(p, e, 16);
  for (size_t i = 0; i < ne; i++) d = fmin(d, fabs(E - e[i]));
  return d;
}

int junction_is_cold(const sfhet_junction *j, const double *V, size_t n, double tol) {
  double kT = SFHET_KB_MEV * j->T, lim = 0.04 * sqrt(tol);
  for (size_t i = 0; i < n; i++) {
    double s = j->kind == SFHET_JUNCTION_NIS ? scale_at(j->dos1, j->p1, V[i])
                                              : fmin(fmin(scale_at(j->dos1, j->p1, 0.0), scale_at(j->dos1, j->p1, -V[i])),
                                                     fmin(scale_at(junction_dos2(j), j->p2, V[i]),
                                                          scale_at(junction_dos2(j), j->p2, 0.0)));
    if (!(kT <= lim * s)) return 0;
  }
  return n > 0;
}

typedef struct {
  const sfhet_junction *j;
  double V, step;
  int deriv; /* 0: N1 N2 (current), 1: N1 N2' (conductance) */
  int nch, st;
  double w[JUNCTION_MAXCH], f[3];
} cold_arg;

/* Channels of one electrode at E (and dN/dE unless dn is NULL); an error is kept in a. */
static int dos_at(cold_arg *a, const sfhet_dos_info *m, const double *p, double E, double *n, double *dn) {
  int st = junction_dos_point(m, p, a->nch, a->f, E, a->step, n, dn);
  if (st && !a->st) a->st = st;
  return st;
}

/* Σ_ch w_ch x_ch y_ch. */
static double channel_sum(const cold_arg *a, const double *x, const double *y) {
  double s = 0.0;
  for (int ch = 0; ch < a->nch; ch++) s += a->w[ch] * x[ch] * y[ch];
  return s;
}

static double sis_integrand(double E, void *arg) {
  cold_arg *a = arg;
  const sfhet_junction *j = a->j;
  double n1[JUNCTION_MAXCH], n2[JUNCTION_MAXCH], d2[JUNCTION_MAXCH];
  if (dos_at(a, j->dos1, j->p1, E, n1, NULL) || dos_at(a, junction_dos2(j), j->p2, E + a->V, n2, a->deriv ? d2 : NULL))
    return NAN;
  return channel_sum(a, n1, a->deriv ? d2 : n2);
}

static double nis_integrand(double E, void *arg) {
  cold_arg *a = arg;
  double n[JUNCTION_MAXCH];
  if (dos_at(a, a->j->dos1, a->j->p1, E, n, NULL)) return NAN;
  return junction_nis_weight(a->nch, a->j->P, n);
}

/* ∫_lo^hi F by QAGP with breakpoints at the edges of electrode 1 (at E) and of electrode 2 (at E + V). */
static int integrate(gsl_function *F, const sfhet_junction *j, double V, double lo, double hi, double rel,
                     double *val, double *err, sfhet_junction_ws *ws) {
  double e[32], pts[40];
  size_t ne = j->dos1->edges(j->p1, e, 16), np = 0;
  if (j->kind == SFHET_JUNCTION_SIS) {
    size_t n2 = junction_dos2(j)->edges(j->p2, e + ne, 16);
    for (size_t i = ne; i < ne + n2; i++) e[i] -= V;
    ne += n2;
  }
  pts[np++] = lo;
  for (size_t i = 0; i < ne; i++)
    if (e[i] > lo && e[i] < hi) pts[np++] = e[i];
  pts[np++] = hi;
  for (size_t a = 1; a < np; a++) /* insertion sort, then drop duplicates */
    for (size_t b = a; b > 0 && pts[b] < pts[b - 1]; b--) {
      double t = pts[b];
      pts[b] = pts[b - 1], pts[b - 1] = t;
    }
  size_t m = 1;
  for (size_t i = 1; i < np; i++)
    if (pts[i] > pts[m - 1]) pts[m++] = pts[i];
  *val = *err = 0.0;
  if (m < 2) return SFHET_OK;
  ws->work.quad += 1.0;
  int st = gsl_integration_qagp(F, pts, m, 1e-14, rel, JUNCTION_QAG_LIMIT, ws->qag, val, err);
  if (st && st != GSL_EROUND)
    SFHET_ERROR(SFHET_ENOCONV, "T -> 0 limit at V = %g mV: quadrature failed (%s); try a larger --gamma or "
                "--accuracy", V, gsl_strerror(st));
  return SFHET_OK;
}

/* Sommerfeld bound of the neglected thermal correction relative to G: (π²/6)(kT/a)² with a the scale. */
static double thermal_bound(const sfhet_junction *j, double V) {
  double kT = SFHET_KB_MEV * j->T, a = scale_at(j->dos1, j->p1, j->kind == SFHET_JUNCTION_NIS ? V : 0.0);
  if (j->kind == SFHET_JUNCTION_SIS) a = fmin(a, fmin(scale_at(j->dos1, j->p1, -V), scale_at(junction_dos2(j), j->p2, 0.0)));
  return M_PI * M_PI / 6.0 * (kT / a) * (kT / a) * 10.0;
}

int junction_cold(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                  double tol, sfhet_junction_ws *ws) {
  double rel = 1e-2 * tol;
  for (size_t i = 0; i < n; i++) {
    double v = V[i], g = 0.0, ge = 0.0, c = 0.0, ce = 0.0;
    cold_arg a = {j, v, 0.0, 0, 0, SFHET_OK, {0}, {0}};
    a.nch = junction_channels(j, a.w, a.f);
    if (j->kind == SFHET_JUNCTION_NIS) {
      double n2[JUNCTION_MAXCH];
      dos_at(&a, j->dos1, j->p1, v, n2, NULL);
      SFHET_TRY(a.st);
      g = junction_nis_weight(a.nch, j->P, n2);
      gsl_function F = {nis_integrand, &a};
      if (I) SFHET_TRY(integrate(&F, j, v, fmin(0.0, v), fmax(0.0, v), rel, &c, &ce, ws));
      if (v < 0.0) c = -c;
    } else {
      const sfhet_dos_info *m2 = junction_dos2(j);
      double s = v >= 0.0 ? 1.0 : -1.0, lo = fmin(0.0, -v), hi = fmax(0.0, -v), n1[JUNCTION_MAXCH],
             n2[JUNCTION_MAXCH];
      a.step = 1e-5 * fmax(m2->width(j->p2), 1e-12);
      gsl_function F = {sis_integrand, &a};
      if (I) {
        SFHET_TRY(integrate(&F, j, v, lo, hi, rel, &c, &ce, ws));
        c *= s;
      }
      if (G || G_err) {
        a.deriv = 1;
        SFHET_TRY(integrate(&F, j, v, lo, hi, rel, &g, &ge, ws));
        dos_at(&a, j->dos1, j->p1, -v, n1, NULL);
        dos_at(&a, m2, j->p2, 0.0, n2, NULL);
        g = s * g + channel_sum(&a, n1, n2);
      }
      SFHET_TRY(a.st);
    }
    if (G) G[i] = g;
    if (I) I[i] = c;
    if (G_err) G_err[i] = ge + thermal_bound(j, v) * (fabs(g) + 1e-3) + 1e-2 * tol * (fabs(g) + 1e-3);
    if (!isfinite(g) || !isfinite(c))
      SFHET_ERROR(SFHET_ENOCONV, "T -> 0 limit at V = %g mV is not finite (a bias at a BCS gap edge); move "
                  "the bias or give --gamma > 0", v);
  }
  return SFHET_OK;
}
