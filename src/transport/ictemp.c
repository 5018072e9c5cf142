/* Critical current near Tc, Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2) (seed 004, Sec. 2.2 and Fig. 5b; near Tc
 * the Ginzburg-Landau depairing law ~ (1 - T/Tc)^(3/2)), and its fit. */
#include <math.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "sfhet/transport.h"

const sfhet_param_info sfhet_ict_params[SFHET_ICT_NP] = {
    {"Ic0", "I_c0", SFHET_DIM_CURRENT, 1.0, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "zero-temperature critical current"},
    {"Tc", "T_c", SFHET_DIM_TEMPERATURE, 10.0, 0.0, 1e4, SFHET_PARAM_LO_OPEN, "critical temperature"},
};

double sfhet_ic_of_T(double Ic0, double Tc, double T) {
  double t = T / Tc, u = 1.0 - t * t;
  return u > 0 ? Ic0 * u * sqrt(u) : 0.0;
}

typedef struct {
  const double *T;
  size_t n;
} ict_ctx;

static int ict_f(const double *p, double *m, void *vc) {
  const ict_ctx *c = vc;
  for (size_t i = 0; i < c->n; i++) m[i] = sfhet_ic_of_T(p[0], p[1], c->T[i]);
  return SFHET_OK;
}

static int ict_df(const double *p, const int *want, double *jac, void *vc) {
  (void)want;
  const ict_ctx *c = vc;
  for (size_t i = 0; i < c->n; i++) {
    double t = c->T[i] / p[1], u = 1.0 - t * t;
    jac[2 * i] = u > 0 ? u * sqrt(u) : 0.0;
    jac[2 * i + 1] = u > 0 ? p[0] * 1.5 * sqrt(u) * 2.0 * t * t / p[1] : 0.0;
  }
  return SFHET_OK;
}

/* The usable points: T, |Ic| and (when every one has a positive finite error) sigma; returns the count
 * and sets *weighted. */
static size_t ict_points(const double *T, const double *Ic, const double *sigma, size_t n, double *x,
                         double *y, double *s, int *weighted) {
  size_t m = 0;
  *weighted = sigma != NULL;
  for (size_t i = 0; i < n; i++) {
    if (isnan(T[i]) || isnan(Ic[i])) continue;
    x[m] = T[i], y[m] = fabs(Ic[i]), s[m] = sigma ? sigma[i] : NAN;
    if (!(s[m] > 0) || !isfinite(s[m])) *weighted = 0;
    m++;
  }
  return m;
}

int sfhet_ict_fit(const double *T, const double *Ic, const double *sigma, size_t n,
                  sfhet_ict_fit_result *res) {
  double *x = malloc((3 * n + 3) * sizeof *x);
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "Ic(T) fit: out of memory");
  double *y = x + n + 1, *sg = y + n + 1, tmax = 0, imax = 0;
  int weighted;
  size_t m = ict_points(T, Ic, sigma, n, x, y, sg, &weighted);
  for (size_t i = 0; i < m; i++) tmax = fmax(tmax, x[i]), imax = fmax(imax, y[i]);
  if (m < 3) {
    free(x);
    SFHET_ERROR(SFHET_EDATA, "Ic(T) fit: %zu points, need at least 3", m);
  }
  ict_ctx c = {x, m};
  sfhet_lsq_problem pb = {m, y, weighted ? sg : NULL, ict_f, ict_df, &c, 300, 0, 0, 0};
  static const double tf[] = {1.05, 1.3, 2.0};
  sfhet_lsq_param best[2] = {{0}, {0}};
  double bchi = INFINITY;
  int bconv = -1, st = SFHET_OK;
  for (size_t k = 0; k < 3; k++) {
    sfhet_lsq_param par[2] = {{"Ic0", 1.2 * imax, 0.0, INFINITY, 1, imax, 0, 0},
                              {"Tc", tf[k] * tmax, 0.0, 1e4, 1, tmax, 0, 0}};
    sfhet_lsq_result r;
    int s = sfhet_lsq_fit(&pb, par, 2, &r);
    if (s && s != SFHET_ENOCONV) continue;
    if (r.converged > bconv || (r.converged == bconv && r.chi2 < bchi)) {
      best[0] = par[0], best[1] = par[1], bchi = r.chi2, bconv = r.converged;
      res->chi2_red = r.chi2_red;
    }
    sfhet_lsq_result_free(&r);
  }
  free(x);
  if (bconv < 0) SFHET_ERROR(SFHET_EFAILED, "Ic(T) fit failed from every start");
  sfhet_clear_error();
  /* with given errors: scaled by the Birge ratio only when the scatter exceeds them */
  double scale = weighted ? sqrt(fmax(1.0, res->chi2_red)) : 1.0;
  res->Ic0 = best[0].value, res->Ic0_err = best[0].err * scale;
  res->Tc = best[1].value, res->Tc_err = best[1].err * scale;
  res->n_used = m;
  res->converged = bconv;
  res->weighted = weighted;
  if (!bconv) st = SFHET_ENOCONV;
  if (st) SFHET_ERROR(st, "Ic(T) fit did not converge; check that the family decreases towards Tc");
  return SFHET_OK;
}
