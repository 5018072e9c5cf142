/* Arrhenius activation energy (seed 000, Fig. 1e) and the quadrature rule of the spin lifetime. */
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>

#include "fit/arrhenius_int.h"
#include "sfhet/analysis.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

size_t arrhenius_window(const double *T, const double *G, const double *sigma, size_t n, double Tmin,
                        double Tmax, double *t, double *l, double *sl, size_t *skipped) {
  size_t m = 0;
  *skipped = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(T[i] >= Tmin && T[i] <= Tmax) || !isfinite(G[i])) continue;
    double s = sigma ? sigma[i] / G[i] : 1.0;
    if (T[i] <= 0 || G[i] <= 0 || !(s > 0) || !isfinite(s)) {
      (*skipped)++;
      continue;
    }
    t[m] = T[i], l[m] = log(G[i]), sl[m++] = s;
  }
  return m;
}

int sfhet_arrhenius_weighted(const double *T, const double *G, const double *sigma, size_t n,
                             double Tmin, double Tmax, sfhet_arrhenius_result *r) {
  double *u = malloc(3 * (n ? n : 1) * sizeof *u);
  if (!u) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *l = u + (n ? n : 1), *w = l + (n ? n : 1);
  size_t m = arrhenius_window(T, G, sigma, n, Tmin, Tmax, u, l, w, &r->n_skipped);
  for (size_t i = 0; i < m; i++) u[i] = 1.0 / (SFHET_KB_MEV * u[i]), w[i] = 1.0 / (w[i] * w[i]);
  int st = SFHET_OK;
  if (m < 3)
    SFHET_REPORT(st = SFHET_EDATA, "arrhenius: %zu points with T > 0 and G > 0 in the window [%g, %g] K; "
                 "need at least 3", m, Tmin, Tmax);
  if (!st) {
    double c0, c1, c00, c01, c11, ss;
    if (sigma) gsl_fit_wlinear(u, 1, w, 1, l, 1, m, &c0, &c1, &c00, &c01, &c11, &ss);
    else gsl_fit_linear(u, 1, l, 1, m, &c0, &c1, &c00, &c01, &c11, &ss);
    /* gsl_fit_linear's covariance is already scaled by ss/(m - 2); gsl_fit_wlinear's is not (the
     * weights are the inverse variances, so chi^2 = ss tests them) */
    r->chi2_red = ss / (double)(m - 2);
    r->Ea = -c1;
    r->Ea_err = sqrt(c11);
    r->lnG_inf = c0;
    r->lnG_inf_err = sqrt(c00);
    r->n = m;
    if (!isfinite(r->Ea))
      SFHET_REPORT(st = SFHET_EDATA, "arrhenius: all temperatures in the window are equal");
  }
  free(u);
  return st;
}

int sfhet_arrhenius(const double *T, const double *G, size_t n, double Tmin, double Tmax,
                    sfhet_arrhenius_result *r) {
  return sfhet_arrhenius_weighted(T, G, NULL, n, Tmin, Tmax, r);
}

int sfhet_spin_lifetime(double gs, double gs_err, double g0, double g0_err, double *rate,
                        double *rate_err, double *tau, double *tau_err) {
  sfhet_spin_rate_result r;
  SFHET_TRY(sfhet_spin_rate(gs, gs_err, g0, g0_err, SFHET_COMBINE_QUADRATURE, &r));
  *rate = r.rate, *rate_err = r.rate_err, *tau = r.tau, *tau_err = r.tau_err;
  return SFHET_OK;
}
