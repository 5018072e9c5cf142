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

/* Per-channel DOS of one electrode at E (up, down halves; total in up with one channel) and dN/dE. */
static void dos_at(const sfhet_dos_info *m, const double *p, double E, double *n, double *dn, double step) {
  double tot, up, dw;
  m->eval(p, &E, 1, &tot, &up, &dw);
  n[0] = up, n[1] = dw;
  if (!dn) return;
  double Ep = E + step, Em = E - step, u1, d1, u2, d2;
  m->eval(p, &Ep, 1, &tot, &u1, &d1);
  m->eval(p, &Em, 1, &tot, &u2, &d2);
  dn[0] = (u1 - u2) / (Ep - Em), dn[1] = (d1 - d2) / (Ep - Em);
}

typedef struct {
  const sfhet_junction *j;
  double V, step;
  int deriv; /* 0: N1 N2 (current), 1: N1 N2' (conductance) */
} cold_arg;

static double sis_integrand(double E, void *arg) {
  const cold_arg *a = arg;
  const sfhet_junction *j = a->j;
  double n1[2], n2[2], d2[2];
  dos_at(j->dos1, j->p1, E, n1, NULL, 0.0);
  dos_at(junction_dos2(j), j->p2, E + a->V, n2, a->deriv ? d2 : NULL, a->step);
  const double *b = a->deriv ? d2 : n2;
  return 2.0 * ((1.0 + j->P) * n1[0] * b[0] + (1.0 - j->P) * n1[1] * b[1]);
}

static double nis_integrand(double E, void *arg) {
  const cold_arg *a = arg;
  double n[2];
  dos_at(a->j->dos1, a->j->p1, E, n, NULL, 0.0);
  return (1.0 + a->j->P) * n[0] + (1.0 - a->j->P) * n[1];
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
    cold_arg a = {j, v, 0.0, 0};
    if (j->kind == SFHET_JUNCTION_NIS) {
      double n2[2];
      dos_at(j->dos1, j->p1, v, n2, NULL, 0.0);
      g = (1.0 + j->P) * n2[0] + (1.0 - j->P) * n2[1];
      gsl_function F = {nis_integrand, &a};
      if (I) SFHET_TRY(integrate(&F, j, v, fmin(0.0, v), fmax(0.0, v), rel, &c, &ce, ws));
      if (v < 0.0) c = -c;
    } else {
      const sfhet_dos_info *m2 = junction_dos2(j);
      double s = v >= 0.0 ? 1.0 : -1.0, lo = fmin(0.0, -v), hi = fmax(0.0, -v), n1[2], n2[2];
      a.step = 1e-5 * fmax(m2->width(j->p2), 1e-12);
      gsl_function F = {sis_integrand, &a};
      if (I) {
        SFHET_TRY(integrate(&F, j, v, lo, hi, rel, &c, &ce, ws));
        c *= s;
      }
      if (G || G_err) {
        a.deriv = 1;
        SFHET_TRY(integrate(&F, j, v, lo, hi, rel, &g, &ge, ws));
        double zero = 0.0;
        dos_at(j->dos1, j->p1, -v, n1, NULL, 0.0);
        dos_at(m2, j->p2, zero, n2, NULL, 0.0);
        g = s * g + 2.0 * ((1.0 + j->P) * n1[0] * n2[0] + (1.0 - j->P) * n1[1] * n2[1]);
      }
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
