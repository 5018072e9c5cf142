/* Halperin-Nelson resistance above the BKT transition, R = R0 exp(-a (T/T_BKT - 1)^(-1/2))
 * (B. I. Halperin, D. R. Nelson, J. Low Temp. Phys. 36, 599 (1979); seed 001 Ext. Data 3d), and its fit. */
#include <math.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "sfhet/transport.h"

const sfhet_param_info sfhet_hn_params[SFHET_HN_NP] = {
    {"R0", "R_0", SFHET_DIM_RESISTANCE, 1000.0, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "Halperin-Nelson prefactor"},
    {"a", "a", SFHET_DIM_NONE, 1.0, 0.0, 1e3, SFHET_PARAM_LO_OPEN, "Halperin-Nelson constant a"},
    {"T_BKT", "T_BKT", SFHET_DIM_TEMPERATURE, 5.0, 0.0, 1e4, SFHET_PARAM_LO_OPEN,
     "BKT transition temperature"},
};

double sfhet_hn_resistance(const double *p, double T) {
  double t = T / p[SFHET_HN_TBKT] - 1.0;
  if (t <= 0) return 0.0;
  return p[SFHET_HN_R0] * exp(-p[SFHET_HN_A] / sqrt(t));
}

typedef struct {
  const double *T;
  size_t n;
} hn_ctx;

static int hn_f(const double *p, double *m, void *vc) {
  const hn_ctx *c = vc;
  for (size_t i = 0; i < c->n; i++) m[i] = sfhet_hn_resistance(p, c->T[i]);
  return SFHET_OK;
}

/* Keeps the usable points; returns their count. */
static size_t select_points(const double *T, const double *R, size_t n, double Tmin, double Tmax,
                            double rfrac, double *x, double *y) {
  double rmax = -INFINITY;
  for (size_t i = 0; i < n; i++)
    if ((Tmin <= 0 || T[i] >= Tmin) && (Tmax <= 0 || T[i] <= Tmax)) rmax = fmax(rmax, R[i]);
  double lim = (rfrac > 0 ? rfrac : 1.0) * rmax;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if ((Tmin > 0 && T[i] < Tmin) || (Tmax > 0 && T[i] > Tmax) || R[i] > lim || !(T[i] > 0)) continue;
    x[m] = T[i], y[m] = R[i], m++;
  }
  return m;
}

/* Onset temperature: the lowest T whose R exceeds 2% of the largest R used. */
static double onset(const double *x, const double *y, size_t m) {
  double rmax = 0, t0 = INFINITY, tmax = 0;
  for (size_t i = 0; i < m; i++) rmax = fmax(rmax, y[i]), tmax = fmax(tmax, x[i]);
  for (size_t i = 0; i < m; i++)
    if (y[i] > 0.02 * rmax && x[i] < t0) t0 = x[i];
  return isfinite(t0) && t0 < tmax ? t0 : 0.9 * tmax;
}

static int hn_multistart(const sfhet_lsq_problem *pb, const double *x, const double *y, size_t m,
                         sfhet_lsq_param *best, sfhet_lsq_result *bres, int *have) {
  static const double tfrac[] = {0.85, 0.95, 0.99}, as[] = {0.3, 1.0, 3.0};
  double t0 = onset(x, y, m), tmax = 0, rtop = 0;
  for (size_t i = 0; i < m; i++)
    if (x[i] > tmax) tmax = x[i], rtop = y[i];
  for (size_t it = 0; it < 3; it++)
    for (size_t ia = 0; ia < 3; ia++) {
      double tb = tfrac[it] * t0, a = as[ia];
      double r0 = fmax(rtop, 1e-12) * exp(fmin(a / sqrt(fmax(tmax / tb - 1.0, 1e-6)), 50.0));
      sfhet_lsq_param par[SFHET_HN_NP] = {{"R0", r0, 0.0, INFINITY, 1, r0, 0, 0},
                                          {"a", a, 0.0, 1e3, 1, a, 0, 0},
                                          {"T_BKT", tb, 0.0, tmax, 1, 0.1 * tb, 0, 0}};
      sfhet_lsq_result r;
      int st = sfhet_lsq_fit(pb, par, SFHET_HN_NP, &r);
      if (st && st != SFHET_ENOCONV && st != SFHET_EFAILED) return st;
      int ok = !st || st == SFHET_ENOCONV;
      if (ok && (!*have || (r.converged && !bres->converged) ||
                 (r.converged == bres->converged && r.chi2 < bres->chi2))) {
        if (*have) sfhet_lsq_result_free(bres);
        *bres = r, *have = 1;
        for (int k = 0; k < SFHET_HN_NP; k++) best[k] = par[k];
      } else if (ok) {
        sfhet_lsq_result_free(&r);
      }
    }
  return SFHET_OK;
}

int sfhet_hn_fit(const double *T, const double *R, size_t n, double Tmin, double Tmax, double rfrac,
                 sfhet_hn_fit_result *res) {
  double *x = malloc((2 * n + 2) * sizeof *x);
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "bkt --rt: out of memory");
  double *y = x + n + 1;
  size_t m = select_points(T, R, n, Tmin, Tmax, rfrac, x, y);
  if (m < 6) {
    free(x);
    SFHET_ERROR(SFHET_EDATA, "bkt --rt: %zu usable R(T) points after --Tmin/--Tmax/--Rfrac, need at least 6",
                m);
  }
  hn_ctx c = {x, m};
  sfhet_lsq_problem pb = {m, y, NULL, hn_f, NULL, &c, 400, 0, 0, 0};
  sfhet_lsq_param best[SFHET_HN_NP];
  sfhet_lsq_result bres;
  int have = 0, st = hn_multistart(&pb, x, y, m, best, &bres, &have);
  free(x);
  if (!st && !have) SFHET_REPORT(st = SFHET_EFAILED, "bkt --rt: the fit failed from every start");
  if (st) {
    if (have) sfhet_lsq_result_free(&bres);
    return st;
  }
  sfhet_clear_error();
  for (int k = 0; k < SFHET_HN_NP; k++) res->p[k] = best[k].value, res->err[k] = best[k].err;
  res->chi2_red = bres.chi2_red;
  res->n_used = m;
  res->converged = bres.converged;
  sfhet_lsq_result_free(&bres);
  if (!res->converged)
    SFHET_ERROR(SFHET_ENOCONV, "bkt --rt: the Halperin-Nelson fit did not converge; "
                               "restrict the window with --Tmin/--Tmax or --Rfrac");
  return SFHET_OK;
}
