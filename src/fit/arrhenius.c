/* Arrhenius activation energy and spin lifetime from broadening (seed 000, Fig. 1e and Methods). */
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>

#include "sfhet/analysis.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

int sfhet_arrhenius(const double *T, const double *G, size_t n, double Tmin, double Tmax,
                    sfhet_arrhenius_result *r) {
  double *u = malloc((n ? n : 1) * sizeof *u), *l = malloc((n ? n : 1) * sizeof *l);
  if (!u || !l) {
    free(u), free(l);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  size_t m = 0;
  int st = SFHET_OK;
  for (size_t i = 0; i < n; i++) {
    if (!(T[i] >= Tmin && T[i] <= Tmax) || !isfinite(G[i])) continue;
    if (T[i] <= 0 || G[i] <= 0) {
      SFHET_REPORT(st = SFHET_EDATA, "arrhenius: row %zu: T = %g K and G = %g must both be positive",
                   i + 1, T[i], G[i]);
      break;
    }
    u[m] = 1.0 / (SFHET_KB_MEV * T[i]);
    l[m++] = log(G[i]);
  }
  if (!st && m < 3)
    SFHET_REPORT(st = SFHET_EDATA, "arrhenius: %zu points in the window [%g, %g] K; need at least 3",
                 m, Tmin, Tmax);
  if (!st) {
    double c0, c1, c00, c01, c11, ss;
    gsl_fit_linear(u, 1, l, 1, m, &c0, &c1, &c00, &c01, &c11, &ss);
    double var = ss / (double)(m - 2); /* gsl_fit_linear's covariance is already scaled by it */
    r->Ea = -c1;
    r->Ea_err = sqrt(c11);
    r->lnG_inf = c0;
    r->lnG_inf_err = sqrt(c00);
    r->chi2_red = var;
    r->n = m;
    if (!isfinite(r->Ea))
      SFHET_REPORT(st = SFHET_EDATA, "arrhenius: all temperatures in the window are equal");
  }
  free(u), free(l);
  return st;
}

int sfhet_spin_lifetime(double gs, double gs_err, double g0, double g0_err, double *rate,
                        double *rate_err, double *tau, double *tau_err) {
  sfhet_spin_rate_result r;
  SFHET_TRY(sfhet_spin_rate(gs, gs_err, g0, g0_err, SFHET_COMBINE_QUADRATURE, &r));
  *rate = r.rate, *rate_err = r.rate_err, *tau = r.tau, *tau_err = r.tau_err;
  return SFHET_OK;
}
