/* Bound spin transport: Hanle curves and their fit (sfhet hanle). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

/* +1 for the parallel, -1 for the antiparallel injector/detector configuration. */
static int config_sign(bind_args *a, double *sign) {
  const char *cfg = bind_str(a, "config", "parallel");
  if (strcmp(cfg, "parallel") == 0) return *sign = 1.0, SFHET_OK;
  if (strcmp(cfg, "antiparallel") == 0) return *sign = -1.0, SFHET_OK;
  SFHET_ERROR(SFHET_EUSAGE, "config: '%s' is not parallel or antiparallel", cfg);
}

static int run_hanle(bind_args *a, sfhet_bind_res *r) {
  double p[SFHET_HANLE_NP], R0, one = 1.0, sign;
  const double *B;
  size_t n;
  SFHET_TRY(bind_params(a, sfhet_hanle_params, SFHET_HANLE_NP, p));
  SFHET_TRY(bind_qty(a, "R0", SFHET_DIM_NONE, &one, &R0));
  SFHET_TRY(config_sign(a, &sign));
  SFHET_TRY(bind_array(a, "B", BIND_REQUIRED | BIND_FINITE, &B, &n));
  SFHET_TRY(bind_done(a));
  double *R;
  SFHET_TRY(bind_res_copy(r, "B_T", B, n));
  SFHET_TRY(bind_res_array(r, "R_NL", n, 1, &R));
  if (n) SFHET_TRY(sfhet_hanle_eval(p, B, n, R));
  for (size_t i = 0; i < n; i++) R[i] *= sign * R0;
  SFHET_TRY(bind_res_scalar(r, "lambda_s_m", sfhet_spin_length(p[SFHET_HANLE_D], p[SFHET_HANLE_TAU])));
  double B0; /* the standard curve's first sign change, as sfhet hanle --json reports it */
  int sc = p[SFHET_HANLE_BV] == 0 && !sfhet_hanle_sign_change(p[SFHET_HANLE_L] * 1e-9, p[SFHET_HANLE_D],
                                                             p[SFHET_HANLE_TAU], p[SFHET_HANLE_G], &B0);
  sfhet_clear_error();
  SFHET_TRY(bind_res_scalar(r, "sign_change", sc));
  return sc ? bind_res_scalar(r, "B_sign_change_T", B0) : SFHET_OK;
}

const bind_fn bind_fn_hanle = {
    .name = "hanle",
    .summary = "non-local Hanle curve R_NL(B) (sfhet hanle): B_T, R_NL, lambda_s_m, sign_change, B_sign_change_T",
    .args = "L [nm], D [m^2/s], tau [s], g, Bv [T], R0 [ohm m/s] (default 1), config parallel|antiparallel, "
            "array B [T]",
    .run = run_hanle};

/* The fit's values under the CLI's JSON keys, and warnings for values without an error. */
static int hanle_fit_result(const sfhet_hanle_fit_result *f, sfhet_bind_res *r) {
  const struct {
    const char *key, *unit;
    double v, e;
  } v[] = {
      {"amplitude", "ohm", f->amp, f->amp_err}, {"R0", "ohm_m_s", f->R0, f->R0_err}, {"D", "m2_s", f->D, f->D_err},
      {"tau", "s", f->tau, f->tau_err},         {"background", "ohm", f->bg, f->bg_err},
      {"Bv", "T", f->Bv, f->Bv_err},            {"lambda_s", "m", f->lambda, f->lambda_err},
      {"B_sign_change", "T", f->B0, f->B0_err},
  };
  char key[64];
  size_t nv = sizeof v / sizeof v[0] - (isnan(f->B0) ? 1 : 0); /* B0 only when the curve changes sign */
  for (size_t k = 0; k < nv; k++) {
    snprintf(key, sizeof key, "%s_%s", v[k].key, v[k].unit);
    SFHET_TRY(bind_res_scalar(r, key, v[k].v));
    snprintf(key, sizeof key, "%s_err_%s", v[k].key, v[k].unit);
    SFHET_TRY(bind_res_scalar(r, key, v[k].e));
    if (isnan(v[k].e))
      SFHET_TRY(bind_res_string(r, "warning", "hanle fit: %s has no error (a fitted parameter ended at a bound)",
                                v[k].key));
  }
  if (isnan(f->R0))
    SFHET_TRY(bind_res_string(r, "warning", "hanle fit: R0 = amplitude/K(0) overflows (lambda_s << L); "
                              "amplitude is the result"));
  SFHET_TRY(bind_res_scalar(r, "sign_change", !isnan(f->B0)));
  SFHET_TRY(bind_res_scalar(r, "corr_D_tau", f->corr_D_tau));
  SFHET_TRY(bind_res_string(r, "configuration", "%s", f->amp >= 0 ? "parallel" : "antiparallel"));
  SFHET_TRY(bind_res_scalar(r, "chi2_red", f->chi2_red));
  SFHET_TRY(bind_res_scalar(r, "n_points", (double)f->n_points));
  return bind_res_scalar(r, "converged", f->converged);
}

static int run_hanle_fit(bind_args *a, sfhet_bind_res *r) {
  double p[SFHET_HANLE_NP];
  const double *B, *R, *sg;
  size_t n, nr, ns;
  int bg, bv;
  SFHET_TRY(bind_params(a, sfhet_hanle_params, SFHET_HANLE_NP, p));
  SFHET_TRY(bind_flag(a, "fit_bg", &bg));
  SFHET_TRY(bind_flag(a, "fit_Bv", &bv));
  SFHET_TRY(bind_array(a, "B", BIND_REQUIRED | BIND_FINITE, &B, &n));
  SFHET_TRY(bind_array(a, "R", BIND_REQUIRED | BIND_FINITE, &R, &nr));
  SFHET_TRY(bind_array(a, "sigma", BIND_FINITE, &sg, &ns));
  SFHET_TRY(bind_done(a));
  if (nr != n || (sg && ns != n)) SFHET_ERROR(SFHET_EINVAL, "hanle_fit: B, R (and sigma) must have the same length");
  sfhet_hanle_fit_opts o = {p[SFHET_HANLE_L], p[SFHET_HANLE_G], bind_given(a, "D") ? p[SFHET_HANLE_D] : 0.0,
                            bind_given(a, "tau") ? p[SFHET_HANLE_TAU] : 0.0, bg, bv, p[SFHET_HANLE_BV], sg};
  double bmax = 0;
  for (size_t i = 0; i < n; i++) bmax = fmax(bmax, fabs(B[i]));
  if (bmax > 30.0) SFHET_TRY(bind_res_string(r, "warning", "B: fields up to %g are read in tesla (in mT?)", bmax));
  sfhet_hanle_fit_result f;
  SFHET_TRY(sfhet_hanle_fit(B, R, n, &o, &f));
  return hanle_fit_result(&f, r);
}

const bind_fn bind_fn_hanle_fit = {
    .name = "hanle_fit",
    .summary = "fit of amplitude, D, tau (background, Bv) to R_NL(B) data (sfhet hanle --data)",
    .args = "arrays B [T], R [ohm], sigma [ohm]; L [nm], g (fixed), D, tau (start values when given), "
            "fit_bg, fit_Bv, Bv (start or fixed)",
    .run = run_hanle_fit};

static int run_tmr(bind_args *a, sfhet_bind_res *r) {
  double P1 = NAN, P2, t, P;
  int inverse = bind_given(a, "tmr");
  if (inverse && bind_given(a, "P2")) SFHET_ERROR(SFHET_EUSAGE, "P2: give either P1 and P2, or tmr [and P1]");
  if (!inverse && (!bind_given(a, "P1") || !bind_given(a, "P2")))
    SFHET_ERROR(SFHET_EUSAGE, "P1 and P2 are required (or tmr to invert)");
  if (bind_given(a, "P1")) SFHET_TRY(bind_qty(a, "P1", SFHET_DIM_NONE, NULL, &P1));
  if (!inverse) SFHET_TRY(bind_qty(a, "P2", SFHET_DIM_NONE, NULL, &P2));
  if (inverse) SFHET_TRY(bind_qty(a, "tmr", SFHET_DIM_NONE, NULL, &t));
  SFHET_TRY(bind_done(a));
  if (inverse) {
    SFHET_TRY(sfhet_tmr_polarization(t, P1, &P));
    return bind_res_scalar(r, isnan(P1) ? "P" : "P2", P);
  }
  SFHET_TRY(sfhet_tmr_julliere(P1, P2, &t));
  SFHET_TRY(bind_res_scalar(r, "TMR", t));
  return bind_res_scalar(r, "TMR_percent", 100.0 * t);
}

const bind_fn bind_fn_tmr = {
    .name = "tmr", .summary = "Julliere TMR = 2 P1 P2/(1 - P1 P2) and its inverse (sfhet tmr): TMR, TMR_percent, or P/P2",
    .args = "P1, P2; or tmr (a ratio) [and P1]", .run = run_tmr};
