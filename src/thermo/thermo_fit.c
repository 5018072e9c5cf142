/* Fits of the thermodynamic models with the one bounded least-squares engine (sfhet_lsq_fit):
 * BCS Δ(T) → (Tc, Δ0); orbital AG Tc(B) → (D, Tc0) and ξ_GL(0); Ising Bc2(T) → (λ, Tc0).
 * Start values come from coarse grid scans of chi²; errors from the covariance (lsq.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

typedef struct {
  const double *x, *y, *sigma;
  size_t n;
  double d_nm;
  sfhet_field_orient o;
} fit_data;

static int check_data(const fit_data *d, size_t min_n, int x_positive, const char *xname) {
  if (d->n < min_n)
    SFHET_ERROR(SFHET_EDATA, "fit: %zu data points, need at least %zu", d->n, min_n);
  for (size_t i = 0; i < d->n; i++) {
    if (!isfinite(d->x[i]) || !isfinite(d->y[i]))
      SFHET_ERROR(SFHET_EDATA, "fit: point %zu is not finite", i + 1);
    if (x_positive && !(d->x[i] > 0))
      SFHET_ERROR(SFHET_EDATA, "fit: point %zu: %s must be > 0, got %g", i + 1, xname, d->x[i]);
    if (d->sigma && !(d->sigma[i] > 0))
      SFHET_ERROR(SFHET_EDATA, "fit: point %zu: sigma must be > 0, got %g", i + 1, d->sigma[i]);
  }
  return SFHET_OK;
}

static double chi2_of(const fit_data *d, sfhet_lsq_fn *f, const double *p, double *m) {
  if (f(p, m, (void *)d)) return INFINITY;
  double s = 0;
  for (size_t i = 0; i < d->n; i++) {
    double r = (m[i] - d->y[i]) / (d->sigma ? d->sigma[i] : 1.0);
    s += r * r;
  }
  return s;
}

static int run_fit(const fit_data *d, sfhet_lsq_fn *f, sfhet_lsq_param *par, size_t np,
                   sfhet_thermo_fit_result *res) {
  sfhet_lsq_problem pb = {d->n, d->y, d->sigma, f, NULL, (void *)d, 0, 0, 0, 0};
  sfhet_lsq_result r;
  int st = sfhet_lsq_fit(&pb, par, np, &r);
  memset(res, 0, sizeof *res);
  for (size_t k = 0; k < np; k++) {
    res->p[k].value = par[k].value;
    res->p[k].err = par[k].free ? (par[k].at_bound ? NAN : par[k].err) : 0.0;
  }
  if (r.corr && r.n_free == 2 && par[0].free && par[1].free && isfinite(r.corr[1])) res->corr01 = r.corr[1];
  res->chi2_red = r.chi2_red;
  res->n_points = d->n;
  res->converged = r.converged;
  sfhet_lsq_result_free(&r);
  return st;
}

/* ---- BCS gap: p = {Tc, Δ0} ---- */

static int gap_model(const double *p, double *m, void *ctx) {
  const fit_data *d = ctx;
  for (size_t i = 0; i < d->n; i++) SFHET_TRY(sfhet_bcs_gap(d->x[i], p[0], p[1], &m[i]));
  return SFHET_OK;
}

int sfhet_gap_fit(const double *T, const double *delta, const double *sigma, size_t n,
                  sfhet_thermo_fit_result *res) {
  fit_data d = {T, delta, sigma, n, 0, 0};
  SFHET_TRY(check_data(&d, 3, 1, "T"));
  double dmax = 0, tpos = 0;
  for (size_t i = 0; i < n; i++) {
    dmax = fmax(dmax, delta[i]);
    if (delta[i] > 0) tpos = fmax(tpos, T[i]);
  }
  if (!(dmax > 0)) SFHET_ERROR(SFHET_EDATA, "fit: no point with a positive gap");
  double *m = malloc(n * sizeof *m), best = INFINITY, tc0 = tpos;
  if (!m) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (int k = 0; k <= 60; k++) { /* Tc from max(T with Δ > 0) to 4x that */
    double p[2] = {tpos * (1.0 + 0.05 * k), dmax}, c = chi2_of(&d, gap_model, p, m);
    if (c < best) best = c, tc0 = p[0];
  }
  free(m);
  sfhet_lsq_param par[2] = {{"Tc", tc0, 0, INFINITY, 1, 0, 0, 0}, {"delta0", dmax, 0, INFINITY, 1, 0, 0, 0}};
  return run_fit(&d, gap_model, par, 2, res);
}

/* ---- Orbital AG: p = {D, Tc0} ---- */

static int orbital_model(const double *p, double *m, void *ctx) {
  const fit_data *d = ctx;
  for (size_t i = 0; i < d->n; i++) SFHET_TRY(sfhet_orbital_tc(p[1], d->x[i], p[0], d->d_nm, d->o, &m[i]));
  return SFHET_OK;
}

double sfhet_xi_gl0(double D, double Tc0) {
  return sqrt(M_PI * SFHET_HBAR * D / (8.0 * SFHET_KB_SI * Tc0)) * 1e9;
}

int sfhet_orbital_fit(const double *B, const double *Tc, const double *sigma, size_t n, double d_nm,
                      sfhet_field_orient o, double Tc0_fixed, sfhet_thermo_fit_result *res) {
  fit_data d = {B, Tc, sigma, n, d_nm, o};
  SFHET_TRY(check_data(&d, Tc0_fixed > 0 ? 2 : 3, 0, "B"));
  if (o == SFHET_FIELD_PARALLEL && !(d_nm > 0))
    SFHET_ERROR(SFHET_EINVAL, "--thickness: must be > 0 for a parallel field, got %g nm", d_nm);
  double tmax = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(Tc[i] > 0)) SFHET_ERROR(SFHET_EDATA, "fit: point %zu: Tc must be > 0, got %g K", i + 1, Tc[i]);
    tmax = fmax(tmax, Tc[i]);
  }
  double tc0 = Tc0_fixed > 0 ? Tc0_fixed : tmax, best = INFINITY, D0 = 1e-4;
  double *m = malloc(n * sizeof *m);
  if (!m) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (int k = 0; k <= 80; k++) { /* D from 1e-8 to 1e0 m^2/s, log grid */
    double p[2] = {pow(10.0, -8.0 + 0.1 * k), tc0}, c = chi2_of(&d, orbital_model, p, m);
    if (c < best) best = c, D0 = p[0];
  }
  free(m);
  sfhet_lsq_param par[2] = {{"D", D0, 0, INFINITY, 1, 0, 0, 0},
                            {"Tc0", tc0, 0, INFINITY, Tc0_fixed > 0 ? 0 : 1, 0, 0, 0}};
  int st = run_fit(&d, orbital_model, par, 2, res);
  double D = res->p[0].value, T0 = res->p[1].value, xi = sfhet_xi_gl0(D, T0);
  /* ξ ∝ sqrt(D/Tc0): first-order error propagation with the D–Tc0 correlation */
  double a = res->p[0].err / D, b = res->p[1].err / T0;
  double rel = 0.5 * sqrt(fmax(a * a + b * b - 2.0 * res->corr01 * a * b, 0.0));
  res->p[2].value = xi;
  res->p[2].err = xi * rel;
  return st;
}

/* ---- Ising: p = {λ, Tc0}, model B = h/μB ---- */

static int ising_model(const double *p, double *m, void *ctx) {
  const fit_data *d = ctx;
  for (size_t i = 0; i < d->n; i++) {
    SFHET_TRY(sfhet_ising_hc2(p[1], p[0], d->x[i], &m[i]));
    m[i] /= SFHET_MU_B_MEV;
  }
  return SFHET_OK;
}

int sfhet_ising_fit(const double *T, const double *B, const double *sigma, size_t n, double Tc0_fixed,
                    sfhet_thermo_fit_result *res) {
  fit_data d = {T, B, sigma, n, 0, 0};
  SFHET_TRY(check_data(&d, Tc0_fixed > 0 ? 2 : 3, 1, "T"));
  double tmax = 0;
  for (size_t i = 0; i < n; i++) tmax = fmax(tmax, T[i]);
  double *m = malloc(n * sizeof *m), best = INFINITY, l0 = 1.0, t0 = tmax;
  if (!m) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (int j = 0; j <= (Tc0_fixed > 0 ? 0 : 8); j++) {
    double tc = Tc0_fixed > 0 ? Tc0_fixed : tmax * (1.0 + 0.05 * j);
    for (int k = 0; k <= 40; k++) { /* λ from 0.01 to 100 kTc0 */
      double p[2] = {SFHET_KB_MEV * tc * pow(10.0, -2.0 + 0.1 * k), tc};
      double c = chi2_of(&d, ising_model, p, m);
      if (c < best) best = c, l0 = p[0], t0 = tc;
    }
  }
  free(m);
  sfhet_lsq_param par[2] = {{"lambda", l0, 0, INFINITY, 1, 0, 0, 0},
                            {"Tc0", t0, 0, INFINITY, Tc0_fixed > 0 ? 0 : 1, 0, 0, 0}};
  return run_fit(&d, ising_model, par, 2, res);
}
