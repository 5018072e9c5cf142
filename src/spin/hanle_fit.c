/* Fit of non-local Hanle curves: R_NL(B) = bg + amp K(B)/K(0), with K the kernel of seed 001 eq. 3
 * (or eq. 4 with Bv), so amp = R_NL(0) - bg and R0 = amp/K(0). D, tau and Bv are fitted as logarithms
 * (positive by construction, well scaled); errors follow by linear propagation with the covariance. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "sfhet/spin.h"

enum { P_AMP, P_LND, P_LNTAU, P_BG, P_LNBV, P_N };

typedef struct {
  const double *B;
  size_t n;
  double L_nm, g;
  int vortex;
} hfit_ctx;

/* D, tau, Bv of parameter vector p; SFHET_EFAILED if a trial step made them non-finite. */
static int hfit_unpack(const double *p, const hfit_ctx *c, double *D, double *tau, double *Bv) {
  *D = exp(p[P_LND]), *tau = exp(p[P_LNTAU]), *Bv = c->vortex ? exp(p[P_LNBV]) : 0.0;
  if (!isfinite(*D) || !isfinite(*tau) || !isfinite(*Bv) || !(*D > 0) || !(*tau > 0) ||
      !isfinite(p[P_AMP]) || !isfinite(p[P_BG]))
    SFHET_ERROR(SFHET_EFAILED, "hanle fit: a step left the domain of D and tau");
  return SFHET_OK;
}

/* Vortex weight a_v = 1 - exp(-|B|/Bv) (1 without the vortex term). */
static double vortex_weight(const hfit_ctx *c, double B, double Bv) {
  return c->vortex ? -expm1(-fabs(B) / Bv) : 1.0;
}

/* bg + amp [(1 - a_v) + a_v K(B)/K(0)], with the ratio formed without K(0) (no underflow). */
static int hfit_model(const double *p, double *model, void *vctx) {
  hfit_ctx *c = vctx;
  double D, tau, Bv, L = c->L_nm * 1e-9;
  SFHET_TRY(hfit_unpack(p, c, &D, &tau, &Bv));
  for (size_t i = 0; i < c->n; i++) {
    double a = vortex_weight(c, c->B[i], Bv);
    double r = sfhet_hanle_ratio(L, D, tau, sfhet_larmor(c->g, c->B[i]));
    model[i] = p[P_BG] + p[P_AMP] * ((1.0 - a) + a * r);
  }
  return SFHET_OK;
}

/* K(omega)/K(0) and the derivatives of K(omega)/K(0)... per unit K(0): with f = exp(-L sqrt(s/D)) /
 * (2 sqrt(D s)), d ln f / d ln D = (L sqrt(s/D) - 1)/2 and d ln f / d ln tau = (L/sqrt(s D) + 1/s)/(2 tau).
 * Writes rho = Re f/f0, rD = Re(f cD)/f0, rT = Re(f cT)/f0; f0 = f(omega = 0) never formed. */
static void kernel_d(double L, double D, double tau, double omega, double *rho, double *rD, double *rT) {
  double complex s = 1.0 / tau - I * omega, q = csqrt(s / D), r = csqrt(D * s);
  double s0 = 1.0 / tau, q0 = sqrt(s0 / D), r0 = sqrt(D * s0);
  double complex f = cexp(-L * (q - q0)) * r0 / r;
  *rho = creal(f);
  *rD = creal(f * 0.5 * (L * q - 1.0));
  *rT = creal(f * (L / r + 1.0 / s) / (2.0 * tau));
}

/* Analytic Jacobian of hfit_model (all columns), from the ratios only. */
static int hfit_jac(const double *p, const int *want, double *jac, void *vctx) {
  (void)want;
  hfit_ctx *c = vctx;
  double D, tau, Bv, L = c->L_nm * 1e-9, one, cD0, cT0;
  SFHET_TRY(hfit_unpack(p, c, &D, &tau, &Bv));
  kernel_d(L, D, tau, 0.0, &one, &cD0, &cT0);
  for (size_t i = 0; i < c->n; i++) {
    double rho, rD, rT, a = 1.0, dadl = 0.0;
    kernel_d(L, D, tau, sfhet_larmor(c->g, c->B[i]), &rho, &rD, &rT);
    if (c->vortex) {
      double x = fabs(c->B[i]) / Bv;
      a = -expm1(-x), dadl = -x * exp(-x);
    }
    /* V/K0 = (1 - a) + a rho; d(V/K0)/dlnD = a rD + (1 - a) cD0 - (V/K0) cD0 */
    double v = (1 - a) + a * rho;
    double *j = jac + i * P_N;
    j[P_AMP] = v;
    j[P_LND] = p[P_AMP] * ((1 - a) * cD0 + a * rD - v * cD0);
    j[P_LNTAU] = p[P_AMP] * ((1 - a) * cT0 + a * rT - v * cT0);
    j[P_BG] = 1.0;
    j[P_LNBV] = c->vortex ? p[P_AMP] * (rho - 1.0) * dadl : 0.0;
    for (int k = 0; k < P_N; k++)
      if (!isfinite(j[k])) SFHET_ERROR(SFHET_EFAILED, "hanle fit: non-finite Jacobian");
  }
  return SFHET_OK;
}

/* Start values of background and amplitude from the data. */
static void data_starts(const double *B, const double *R, size_t n, int fit_bg, double *bg,
                        double *amp) {
  size_t i0 = 0;
  double bmax = 0;
  for (size_t i = 0; i < n; i++) {
    if (fabs(B[i]) < fabs(B[i0])) i0 = i;
    bmax = fmax(bmax, fabs(B[i]));
  }
  double sum = 0;
  size_t cnt = 0;
  for (size_t i = 0; i < n && fit_bg; i++)
    if (fabs(B[i]) >= 0.8 * bmax) sum += R[i], cnt++;
  *bg = cnt ? sum / (double)cnt : 0.0;
  *amp = R[i0] - *bg;
  if (*amp == 0) *amp = 1e-3;
}

static void setup_par(sfhet_lsq_param *par, const sfhet_hanle_fit_opts *o, double amp, double bg,
                      double D, double tau, double Bv) {
  sfhet_lsq_param init[P_N] = {
      {"amplitude", amp, -INFINITY, INFINITY, 1, fabs(amp), 0, 0},
      {"ln_D", log(D), log(1e-9), log(10.0), 1, 1.0, 0, 0},
      {"ln_tau", log(tau), log(1e-15), log(1.0), 1, 1.0, 0, 0},
      {"background", bg, -INFINITY, INFINITY, o->fit_bg, fmax(fabs(amp), fabs(bg)), 0, 0},
      {"ln_Bv", log(Bv > 0 ? Bv : 1.0), log(1e-5), log(1e3), o->fit_bv, 1.0, 0, 0},
  };
  for (int k = 0; k < P_N; k++) par[k] = init[k];
}

/* One fit from given starts; keeps the best (converged first, then lowest chi2) in best/bres. A start
 * whose fit fails for any reason but memory is skipped (issue 15: a bad start must not abort). */
static int try_start(const sfhet_lsq_problem *pb, const sfhet_lsq_param *start, sfhet_lsq_param *best,
                     sfhet_lsq_result *bres, int *have) {
  sfhet_lsq_param par[P_N];
  for (int k = 0; k < P_N; k++) par[k] = start[k];
  sfhet_lsq_result r;
  int st = sfhet_lsq_fit(pb, par, P_N, &r);
  if (st == SFHET_ENOMEM) return st;
  if ((st && st != SFHET_ENOCONV) || !isfinite(r.chi2)) {
    sfhet_lsq_result_free(&r);
    sfhet_clear_error();
    return SFHET_OK;
  }
  int better = !*have || (r.converged && !bres->converged) ||
               (r.converged == bres->converged && r.chi2 < bres->chi2);
  if (better) {
    if (*have) sfhet_lsq_result_free(bres);
    *bres = r;
    for (int k = 0; k < P_N; k++) best[k] = par[k];
    *have = 1;
  } else {
    sfhet_lsq_result_free(&r);
  }
  return SFHET_OK;
}

/* Covariance of free parameters a and b (indices into par) from the result. */
static double cov_of(const sfhet_lsq_param *par, const sfhet_lsq_result *r, int a, int b) {
  int ia = -1, ib = -1, j = 0;
  for (int k = 0; k < P_N; k++) {
    if (!par[k].free) continue;
    if (k == a) ia = j;
    if (k == b) ib = j;
    j++;
  }
  if (ia < 0 || ib < 0) return 0.0;
  return r->corr[ia * (int)r->n_free + ib] * par[a].err * par[b].err;
}

/* B0 of the standard curve at the fitted D, tau, with its error from central differences in ln D and
 * ln tau and their covariance; NaN with the vortex term or when the curve does not change sign. */
static void sign_change_field(const sfhet_lsq_param *par, const sfhet_lsq_result *r, const hfit_ctx *c,
                              sfhet_hanle_fit_result *o) {
  double L = c->L_nm * 1e-9, h = 1e-4, b[4];
  o->B0 = o->B0_err = NAN;
  if (c->vortex || sfhet_hanle_sign_change(L, o->D, o->tau, c->g, &o->B0)) {
    o->B0 = NAN;
    sfhet_clear_error();
    return;
  }
  double D[4] = {o->D * exp(h), o->D * exp(-h), o->D, o->D};
  double T[4] = {o->tau, o->tau, o->tau * exp(h), o->tau * exp(-h)};
  for (int k = 0; k < 4; k++)
    if (sfhet_hanle_sign_change(L, D[k], T[k], c->g, &b[k])) {
      sfhet_clear_error();
      return;
    }
  double gD = (b[0] - b[1]) / (2 * h), gT = (b[2] - b[3]) / (2 * h);
  double var = gD * gD * par[P_LND].err * par[P_LND].err + gT * gT * par[P_LNTAU].err * par[P_LNTAU].err +
               2 * gD * gT * cov_of(par, r, P_LND, P_LNTAU);
  o->B0_err = sqrt(fmax(var, 0.0));
}

static void fill_result(const sfhet_lsq_param *par, const sfhet_lsq_result *r, const hfit_ctx *c,
                        sfhet_hanle_fit_result *o) {
  o->amp = par[P_AMP].value;
  o->amp_err = par[P_AMP].err;
  o->D = exp(par[P_LND].value);
  o->D_err = o->D * par[P_LND].err;
  o->tau = exp(par[P_LNTAU].value);
  o->tau_err = o->tau * par[P_LNTAU].err;
  o->bg = par[P_BG].value;
  o->bg_err = par[P_BG].err;
  o->Bv = c->vortex ? exp(par[P_LNBV].value) : 0.0;
  o->Bv_err = c->vortex ? o->Bv * par[P_LNBV].err : 0.0;
  double sD = par[P_LND].err, sT = par[P_LNTAU].err, cDT = cov_of(par, r, P_LND, P_LNTAU);
  o->corr_D_tau = (sD > 0 && sT > 0) ? cDT / (sD * sT) : NAN;
  o->lambda = sfhet_spin_length(o->D, o->tau);
  o->lambda_err = o->lambda * 0.5 * sqrt(fmax(sD * sD + sT * sT + 2 * cDT, 0.0));
  /* R0 = amp / K(0); ln K(0) = -L/lambda - ln 2 - ln D/2 + ln tau/2 (NaN if it overflows). */
  double L = c->L_nm * 1e-9, x = L / o->lambda;
  double lnK0 = -x - log(2.0) - 0.5 * log(o->D) + 0.5 * log(o->tau);
  o->R0 = o->amp * exp(-lnK0);
  if (!isfinite(o->R0)) o->R0 = NAN;
  double g[3] = {1.0 / o->amp, -(0.5 * x - 0.5), -(0.5 * x + 0.5)};
  int idx[3] = {P_AMP, P_LND, P_LNTAU};
  double var = 0;
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++) var += g[a] * g[b] * cov_of(par, r, idx[a], idx[b]);
  o->R0_err = fabs(o->R0) * sqrt(fmax(var, 0.0));
  if (isnan(par[P_AMP].err) || isnan(sD) || isnan(sT)) o->R0_err = o->lambda_err = NAN;
  sign_change_field(par, r, c, o);
  o->chi2_red = r->chi2_red;
  o->converged = r->converged;
}

static int run_starts(const sfhet_lsq_problem *pb, const sfhet_hanle_fit_opts *o, double amp,
                      double bg, sfhet_lsq_param *best, sfhet_lsq_result *bres, int *have) {
  static const double taus[] = {1e-12, 1e-11, 1e-10, 1e-9, 1e-8};
  static const double lam_over_L[] = {0.3, 0.7, 1.5, 3.0};
  static const double bvs[] = {0.03, 0.3, 3.0};
  int user = o->D0 > 0 && o->tau0 > 0;
  size_t nt = user ? 1 : 5, nl = user ? 1 : 4, nb = (o->fit_bv && !(o->Bv0 > 0)) ? 3 : 1;
  double L = o->L_nm * 1e-9;
  for (size_t it = 0; it < nt; it++)
    for (size_t il = 0; il < nl; il++)
      for (size_t ib = 0; ib < nb; ib++) {
        double tau = user ? o->tau0 : taus[it];
        double lam = lam_over_L[il] * L, D = user ? o->D0 : fmin(fmax(lam * lam / tau, 2e-9), 5.0);
        double Bv = nb > 1 ? bvs[ib] : o->Bv0;
        sfhet_lsq_param start[P_N];
        setup_par(start, o, amp, bg, D, tau, Bv);
        SFHET_TRY(try_start(pb, start, best, bres, have));
      }
  return SFHET_OK;
}

int sfhet_hanle_fit(const double *B, const double *R, size_t n, const sfhet_hanle_fit_opts *o,
                    sfhet_hanle_fit_result *res) {
  size_t nfree = 3 + (o->fit_bg ? 1 : 0) + (o->fit_bv ? 1 : 0);
  if (n < nfree + 2)
    SFHET_ERROR(SFHET_EDATA, "hanle fit: %zu data points for %zu free parameters (need at least %zu)",
                n, nfree, nfree + 2);
  if (!(o->L_nm > 0) || !(o->g > 0)) SFHET_ERROR(SFHET_EINVAL, "hanle fit: --L and --g must be > 0");
  hfit_ctx c = {B, n, o->L_nm, o->g, o->fit_bv || o->Bv0 > 0};
  for (size_t i = 0; o->sigma && i < n; i++)
    if (!(o->sigma[i] > 0) || !isfinite(o->sigma[i]))
      SFHET_ERROR(SFHET_EDATA, "hanle fit: sigma of point %zu is not a positive number", i + 1);
  sfhet_lsq_problem pb = {n, R, o->sigma, hfit_model, hfit_jac, &c, 400, 0, 0, 0};
  double bg, amp;
  data_starts(B, R, n, o->fit_bg, &bg, &amp);
  sfhet_lsq_param best[P_N];
  sfhet_lsq_result bres;
  int have = 0;
  int st = run_starts(&pb, o, amp, bg, best, &bres, &have);
  if (!st && !have)
    SFHET_REPORT(st = SFHET_EFAILED, "hanle fit: the model could not be evaluated at any start; "
                                     "check the units of --L and of the field column");
  if (st) {
    if (have) sfhet_lsq_result_free(&bres);
    return st;
  }
  sfhet_clear_error();
  res->n_points = n;
  fill_result(best, &bres, &c, res);
  int conv = bres.converged;
  char reason[128];
  snprintf(reason, sizeof reason, "%s", bres.reason);
  sfhet_lsq_result_free(&bres);
  if (!conv)
    SFHET_ERROR(SFHET_ENOCONV, "hanle fit: %s; try start values --D and --tau, or fix --Bv", reason);
  return SFHET_OK;
}
