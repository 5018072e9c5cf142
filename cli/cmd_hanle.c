/* sfhet hanle: non-local Hanle precession curves (seed 001 Methods eqs. 3-4) and their fit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"
#include "sfhet/table.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "hanle",
                "hanle --L L --D D --tau TAU --B RANGE [--g G] [--Bv BV]  |  hanle --data FILE --x B --y R --L L",
                "Non-local spin-valve signal versus out-of-plane field, R_NL(B) = R0 int dt\n"
                "(4 pi D t)^(-1/2) exp(-L^2/4Dt) exp(-t/tau) cos(omega_L t), omega_L = g muB B/hbar\n"
                "(seed 001 eq. 3), evaluated in closed form; with --Bv the vortex-modified form (eq. 4).\n"
                "Output B_T,R_NL for R0 = 1 (R_NL in s/m; scale with --R0 in ohm m/s); --json gives\n"
                "lambda_s_m = sqrt(D tau), B_sign_change_T (first zero of eq. 3) and the curve. With\n"
                "--data: fit amplitude, D, tau (and --fit-bg, --fit-Bv) at fixed L and g from a grid of\n"
                "starts (failed starts skipped) or --D/--tau as the start; the fit also reports\n"
                "B_sign_change_T with its error (seed 001: 0.125 T at L = 0.8 um). See docs/spin.md.");
  cli_add_params(s, sfhet_hanle_params, SFHET_HANLE_NP);
  cli_add(s, "B", CLI_RANGE, SFHET_DIM_FIELD, "-0.6:0.6:241", "out-of-plane fields");
  cli_add(s, "R0", CLI_QTY, SFHET_DIM_NONE, "1", "prefactor R0 of eq. 3 [ohm m/s]");
  cli_add(s, "config", CLI_STR, SFHET_DIM_NONE, "parallel",
          "injector/detector alignment: parallel (+) or antiparallel (-)");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "fit this R_NL(B) data file (fields in T, R in ohm)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "1", "field column (name or 1-based index)");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "2", "non-local resistance column");
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL,
          "column of one-sigma errors of R (default: errors scaled by sqrt(chi2_red))");
  cli_add(s, "fit-bg", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit a constant background");
  cli_add_plot_options(s, "R_NL(B) (with --data: the data with errors and the fitted curve)");
  cli_add(s, "fit-Bv", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit the vortex field Bv of eq. 4 (--Bv: start)");
}

static int forward(const cli_spec *s, const double *p) {
  double R0, sign;
  const char *cfg = cli_str(s, "config");
  if (strcmp(cfg, "parallel") == 0) sign = 1.0;
  else if (strcmp(cfg, "antiparallel") == 0) sign = -1.0;
  else return cli_usage_error("--config: '%s' is not parallel or antiparallel", cfg);
  SFHET_TRY(cli_qty(s, "R0", &R0));
  sfhet_range B;
  SFHET_TRY(cli_range(s, "B", &B));
  double *R = malloc(B.n * sizeof *R);
  int st = R ? sfhet_hanle_eval(p, B.v, B.n, R) : SFHET_ENOMEM;
  for (size_t i = 0; !st && i < B.n; i++) R[i] *= sign * R0;
  if (!st && !s->json) {
    const char *names[] = {"B_T", "R_NL"};
    const double *cols[] = {B.v, R};
    plot_table_spec ps = {.title = "Hanle curve", .x = 0, .y = {1}, .ny = 1, .ylabel = "R_NL (Ω)"};
    st = cli_plot_table(s, &ps, names, cols, B.n);
    if (!st) st = cli_write_table(s, names, 2, cols, B.n);
  } else if (!st) {
    sfhet_outfile out;
    st = cli_out_open(s, &out);
    if (!st) {
      sfhet_json j;
      sfhet_json_begin(&j, out.fp, 2);
      sfhet_json_number(&j, "lambda_s_m", sfhet_spin_length(p[SFHET_HANLE_D], p[SFHET_HANLE_TAU]));
      double B0;
      int sc = p[SFHET_HANLE_BV] == 0 && !sfhet_hanle_sign_change(p[SFHET_HANLE_L] * 1e-9, p[SFHET_HANLE_D],
                                                                 p[SFHET_HANLE_TAU], p[SFHET_HANLE_G], &B0);
      sfhet_clear_error();
      sfhet_json_bool(&j, "sign_change", sc);
      if (sc) sfhet_json_number(&j, "B_sign_change_T", B0);
      sfhet_json_array_begin(&j, "B_T");
      for (size_t i = 0; i < B.n; i++) sfhet_json_number(&j, NULL, B.v[i]);
      sfhet_json_array_end(&j);
      sfhet_json_array_begin(&j, "R_NL");
      for (size_t i = 0; i < B.n; i++) sfhet_json_number(&j, NULL, R[i]);
      sfhet_json_array_end(&j);
      sfhet_json_end(&j);
      st = sfhet_outfile_commit(&out);
    }
  }
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "hanle: out of memory");
  free(R);
  sfhet_range_free(&B);
  return st;
}

typedef struct {
  const char *key, *unit;
  double v, e;
} outval;

static void write_fit(const cli_spec *s, const sfhet_hanle_fit_result *r, FILE *fp) {
  const outval v[] = {
      {"amplitude", "ohm", r->amp, r->amp_err},  {"R0", "ohm_m_s", r->R0, r->R0_err},
      {"D", "m2_s", r->D, r->D_err},             {"tau", "s", r->tau, r->tau_err},
      {"background", "ohm", r->bg, r->bg_err},   {"Bv", "T", r->Bv, r->Bv_err},
      {"lambda_s", "m", r->lambda, r->lambda_err},
      {"B_sign_change", "T", r->B0, r->B0_err},
  };
  const char *cfg = r->amp >= 0 ? "parallel" : "antiparallel";
  size_t nv = sizeof v / sizeof v[0] - (isnan(r->B0) ? 1 : 0); /* B0 only when the curve changes sign */
  for (size_t k = 0; k < nv; k++)
    if (isnan(v[k].e))
      cli_warn(s, "hanle fit: %s has no error (a fitted parameter ended at a bound)", v[k].key);
  if (isnan(r->R0))
    cli_warn(s, "hanle fit: R0 = amplitude/K(0) overflows (lambda_s << L); amplitude is the result");
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, fp, 2);
    char key[64];
    for (size_t k = 0; k < nv; k++) {
      snprintf(key, sizeof key, "%s_%s", v[k].key, v[k].unit);
      sfhet_json_number(&j, key, v[k].v);
      snprintf(key, sizeof key, "%s_err_%s", v[k].key, v[k].unit);
      sfhet_json_number(&j, key, v[k].e);
    }
    sfhet_json_bool(&j, "sign_change", !isnan(r->B0));
    sfhet_json_number(&j, "corr_D_tau", r->corr_D_tau);
    sfhet_json_string(&j, "configuration", cfg);
    sfhet_json_number(&j, "chi2_red", r->chi2_red);
    sfhet_json_int(&j, "n_points", (long long)r->n_points);
    sfhet_json_bool(&j, "converged", r->converged);
    sfhet_json_end(&j);
    return;
  }
  fprintf(fp, "# sfhet hanle fit (%s configuration), %zu points, chi2_red %.6g\n", cfg, r->n_points,
          r->chi2_red);
  for (size_t k = 0; k < nv; k++)
    fprintf(fp, "%-14s %-15.10g +- %-12.6g %s\n", v[k].key, v[k].v, v[k].e, v[k].unit);
}

/* The data (with errors) and amp K(B)/K(0) + background of the fit. */
static int plot_fit(const cli_spec *s, const double *p, const double *B, const double *R, const double *sig,
                    size_t n, const sfhet_hanle_fit_result *r) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  enum { M = 400 };
  double q[SFHET_HANLE_NP], c[2 * M + 1], lo = INFINITY, hi = -INFINITY, zero = 0, k0;
  memcpy(q, p, sizeof q);
  q[SFHET_HANLE_D] = r->D, q[SFHET_HANLE_TAU] = r->tau, q[SFHET_HANLE_BV] = r->Bv;
  for (size_t i = 0; i < n; i++) lo = fmin(lo, B[i]), hi = fmax(hi, B[i]);
  for (size_t i = 0; i < M; i++) c[i] = lo + (hi - lo) * (double)i / (M - 1);
  SFHET_TRY(sfhet_hanle_eval(q, c, M, c + M));
  SFHET_TRY(sfhet_hanle_eval(q, &zero, 1, &k0));
  for (size_t i = 0; i < M; i++) c[M + i] = r->amp * c[M + i] / k0 + r->bg;
  static char tt[96];
  snprintf(tt, sizeof tt, "fit: λs = %.3g m, τ = %.3g s", r->lambda, r->tau);
  plot_panel pp;
  memset(&pp, 0, sizeof pp);
  pp.title = "Hanle fit", pp.xlabel = "B_T", pp.ylabel = "R_NL (Ω)", pp.weight = 1;
  plot_add(&pp, sig ? "data ± σ" : "data", B, R, sig, n, sig ? PLOT_ERRORBARS : PLOT_POINTS);
  plot_add(&pp, tt, c, c + M, NULL, M, PLOT_LINES);
  return plot_write_opts(path, &pp, 1, "--plot", &po);
}

static int fit(const cli_spec *s, const double *p) {
  sfhet_table *t = NULL;
  const double *B, *R, *sig = NULL;
  SFHET_TRY(sfhet_table_read(cli_str(s, "data"), &t));
  int st = sfhet_table_get(t, cli_str(s, "x"), "--x", &B);
  if (!st) st = sfhet_table_get(t, cli_str(s, "y"), "--y", &R);
  if (!st && cli_str(s, "sigma")) st = sfhet_table_get(t, cli_str(s, "sigma"), "--sigma", &sig);
  sfhet_hanle_fit_opts o = {p[SFHET_HANLE_L], p[SFHET_HANLE_G],
                            cli_given(s, "D") ? p[SFHET_HANLE_D] : 0.0,
                            cli_given(s, "tau") ? p[SFHET_HANLE_TAU] : 0.0,
                            cli_flag(s, "fit-bg"), cli_flag(s, "fit-Bv"), p[SFHET_HANLE_BV], sig};
  double bmax = 0;
  for (size_t i = 0; !st && i < sfhet_table_nrows(t); i++) bmax = fmax(bmax, fabs(B[i]));
  if (bmax > 30.0)
    cli_warn(s, "--x: fields up to %g are read in tesla (is the column in mT?)", bmax);
  sfhet_hanle_fit_result r;
  if (!st) st = sfhet_hanle_fit(B, R, sfhet_table_nrows(t), &o, &r);
  if (!st) st = plot_fit(s, p, B, R, sig, sfhet_table_nrows(t), &r);
  sfhet_table_free(t);
  if (st) return st;
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  write_fit(s, &r, out.fp);
  return sfhet_outfile_commit(&out);
}

/* Options that belong to the other mode are a usage error, not silently ignored. */
static int check_mode(const cli_spec *s, int fitting) {
  static const char *curve_only[] = {"B", "R0", "config"},
                    *fit_only[] = {"x", "y", "sigma", "fit-bg", "fit-Bv"};
  const char *const *bad = fitting ? curve_only : fit_only;
  size_t n = fitting ? 3 : 5;
  for (size_t k = 0; k < n; k++)
    if (cli_given(s, bad[k]))
      return cli_usage_error("--%s %s", bad[k],
                             fitting ? "is for the model curve; with --data the fields come from the file"
                                     : "needs --data (a fit)");
  return SFHET_OK;
}

static int run_hanle(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  double p[SFHET_HANLE_NP];
  SFHET_TRY(cli_params(&s, sfhet_hanle_params, SFHET_HANLE_NP, p));
  SFHET_TRY(check_mode(&s, cli_str(&s, "data") != NULL));
  return cli_str(&s, "data") ? fit(&s, p) : forward(&s, p);
}

const cli_command cli_cmd_hanle = {"hanle", "Hanle spin precession curves and fits (seed 001 eqs. 3-4)",
                                   run_hanle};
