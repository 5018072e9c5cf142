/* sfhet arrhenius: activation energy from ln G versus 1/T (seed 000 Fig. 1e), or Δ0 itself from an SIS
 * model of the zero-bias conductance G(0, T). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/constants.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "arrhenius",
                "arrhenius --data FILE --x T_COL --y G_COL [--sigma COL] [--Tmin T1 --Tmax T2] "
                "[--model sis --Tc TC --gamma G [--fit-gamma]] --json",
                "Thermally activated conductance G = G_inf exp(-Ea/(kB T)): a least-squares line of ln G\n"
                "against 1/(kB T) over Tmin <= T <= Tmax gives Ea with its standard error from the\n"
                "scatter, or from --sigma (one-sigma errors of G; then chi2_red tests them). Seed 000\n"
                "Fig. 1e: Ea = 0.72 meV from the zero-bias conductance below 6 K. Rows with T <= 0 or\n"
                "G <= 0 are skipped with a warning. --model sis fits the SIS zero-bias conductance\n"
                "G_N g(0; Delta(T), Gamma, T) (two Dynes electrodes, weak-coupling BCS Delta(T) scaled\n"
                "to Delta0, critical temperature --Tc) and gives Delta0 itself: the plain slope is\n"
                "0.1-0.2 meV below Delta0 (docs/analysis.md). --json: Ea_meV, Ea_err_meV, lnG_inf,\n"
                "lnG_inf_err, n_points, n_skipped (+ delta0_meV, delta0_err_meV, gamma_meV, G_N for\n"
                "sis). Temperatures in K.");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "T_K", "temperature column (K)");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "G", "conductance column (e.g. the zero-bias G)");
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma errors of G (default: scatter)");
  cli_add(s, "Tmin", CLI_QTY, SFHET_DIM_TEMPERATURE, "0", "lowest temperature used");
  cli_add(s, "Tmax", CLI_QTY, SFHET_DIM_TEMPERATURE, "1e9", "highest temperature used");
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, "line", "line (Arrhenius) or sis (model fit of Delta0)");
  cli_add(s, "Tc", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "critical temperature (--model sis)");
  cli_add(s, "gamma", CLI_QTY, SFHET_DIM_ENERGY, NULL,
          "Dynes broadening of both electrodes (--model sis; seed 000: 80 ueV)");
  cli_add(s, "fit-gamma", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit --gamma too (--model sis; --gamma: start)");
  cli_add(s, "delta0", CLI_QTY, SFHET_DIM_ENERGY, NULL, "start value of Delta0 (default 1.2 Ea)");
  cli_add_plot_options(s, "ln G against 1/T with errors and the Arrhenius line");
}

/* Arrhenius plot: ln G (errors sigma/G) against 1/T, the fitted line over the window. */
static int plot_arrh(const cli_spec *s, const double *T, const double *G, const double *sig, size_t n,
                     const sfhet_arrhenius_result *r, double tmin, double tmax) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  double *b = malloc((3 * n + 1) * sizeof *b), lx[2] = {INFINITY, -INFINITY}, ly[2];
  if (!b) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(T[i] > 0 && G[i] > 0)) continue;
    b[m] = 1 / T[i], b[n + m] = log(G[i]), b[2 * n + m] = sig ? sig[i] / G[i] : 0;
    if (T[i] >= tmin && T[i] <= tmax) lx[0] = fmin(lx[0], b[m]), lx[1] = fmax(lx[1], b[m]);
    m++;
  }
  for (int k = 0; k < 2; k++) ly[k] = r->lnG_inf - r->Ea * lx[k] / SFHET_KB_MEV;
  static char tt[96];
  snprintf(tt, sizeof tt, "Ea = %.4g ± %.2g meV", r->Ea, r->Ea_err);
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = "Arrhenius plot", p.xlabel = "1/T (1/K)", p.ylabel = "ln G", p.weight = 1;
  plot_add(&p, sig ? "data ± σ" : "data", b, b + n, sig ? b + 2 * n : NULL, m, sig ? PLOT_ERRORBARS : PLOT_POINTS);
  plot_add(&p, tt, lx, ly, NULL, 2, PLOT_LINES);
  int st = plot_write_opts(path, &p, 1, "--plot", &po);
  free(b);
  return st;
}

static void json_line(sfhet_json *j, const sfhet_arrhenius_result *r) {
  sfhet_json_number(j, "Ea_meV", r->Ea);
  sfhet_json_number(j, "Ea_err_meV", r->Ea_err);
  sfhet_json_number(j, "lnG_inf", r->lnG_inf);
  sfhet_json_number(j, "lnG_inf_err", r->lnG_inf_err);
}

static int write_line(const cli_spec *s, FILE *fp, const sfhet_arrhenius_result *r, double tmin,
                      double tmax) {
  if (!s->json) {
    fprintf(fp, "Ea = %.6g +- %.3g meV (%zu points, %g..%g K)\n", r->Ea, r->Ea_err, r->n, tmin, tmax);
    return SFHET_OK;
  }
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_string(&j, "model", "line");
  json_line(&j, r);
  sfhet_json_number(&j, cli_str(s, "sigma") ? "chi2_red" : "residual_var", r->chi2_red);
  sfhet_json_int(&j, "n_points", (long long)r->n);
  sfhet_json_int(&j, "n_skipped", (long long)r->n_skipped);
  sfhet_json_end(&j);
  return SFHET_OK;
}

static int write_sis(const cli_spec *s, FILE *fp, const sfhet_arrhenius_sis_result *r, double Tc) {
  if (!s->json) {
    fprintf(fp, "Delta0 = %.6g +- %.3g meV, gamma = %.4g +- %.3g meV, G_N = %.6g +- %.3g (%zu points, "
                "chi2_red %.4g); plain Arrhenius Ea = %.6g +- %.3g meV\n",
            r->delta0, r->delta0_err, r->gamma, r->gamma_err, r->GN, r->GN_err, r->n, r->chi2_red,
            r->line.Ea, r->line.Ea_err);
    return SFHET_OK;
  }
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_string(&j, "model", "sis");
  sfhet_json_number(&j, "delta0_meV", r->delta0);
  sfhet_json_number(&j, "delta0_err_meV", r->delta0_err);
  sfhet_json_number(&j, "gamma_meV", r->gamma);
  sfhet_json_number(&j, "gamma_err_meV", r->gamma_err);
  sfhet_json_number(&j, "G_N", r->GN);
  sfhet_json_number(&j, "G_N_err", r->GN_err);
  sfhet_json_number(&j, "Tc_K", Tc);
  json_line(&j, &r->line);
  sfhet_json_number(&j, "chi2_red", r->chi2_red);
  sfhet_json_int(&j, "n_points", (long long)r->n);
  sfhet_json_int(&j, "n_skipped", (long long)r->n_skipped);
  sfhet_json_bool(&j, "converged", r->converged);
  sfhet_json_end(&j);
  return SFHET_OK;
}

/* Options that only the SIS model takes, and the model's required ones. */
static int check_model(const cli_spec *s, int sis) {
  static const char *only[] = {"Tc", "gamma", "fit-gamma", "delta0"};
  for (size_t k = 0; k < 4 && !sis; k++)
    if (cli_given(s, only[k])) return cli_usage_error("--%s goes with --model sis", only[k]);
  if (sis && (!cli_given(s, "Tc") || !cli_given(s, "gamma")))
    return cli_usage_error("--model sis needs --Tc and --gamma (the Dynes broadening of the spectra)");
  return SFHET_OK;
}

static int fit_sis(const cli_spec *s, const double *T, const double *G, const double *sig, size_t n,
                   double tmin, double tmax, FILE **fp_out, sfhet_outfile *out) {
  sfhet_arrhenius_sis_opts o = {0};
  SFHET_TRY(cli_qty(s, "Tc", &o.Tc));
  SFHET_TRY(cli_qty(s, "gamma", &o.gamma));
  if (cli_given(s, "delta0")) SFHET_TRY(cli_qty(s, "delta0", &o.delta0));
  o.fit_gamma = cli_flag(s, "fit-gamma");
  sfhet_arrhenius_sis_result r;
  SFHET_TRY(sfhet_arrhenius_sis(T, G, sig, n, tmin, tmax, &o, &r));
  SFHET_TRY(plot_arrh(s, T, G, sig, n, &r.line, tmin, tmax));
  if (r.n_skipped)
    cli_warn(s, "arrhenius: %zu row(s) with T <= 0 or G <= 0 skipped", r.n_skipped);
  SFHET_TRY(cli_out_open(s, out));
  *fp_out = out->fp;
  return write_sis(s, out->fp, &r, o.Tc);
}

static int run_arrhenius(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  if (!cli_str(&s, "data")) return cli_usage_error("--data is required");
  const char *model = cli_str(&s, "model");
  int sis = strcmp(model, "sis") == 0;
  if (!sis && strcmp(model, "line") != 0) return cli_usage_error("--model: '%s' is not line or sis", model);
  SFHET_TRY(check_model(&s, sis));
  double tmin, tmax;
  SFHET_TRY(cli_qty(&s, "Tmin", &tmin));
  SFHET_TRY(cli_qty(&s, "Tmax", &tmax));
  if (!(tmin < tmax)) return cli_usage_error("--Tmin (%g K) must be below --Tmax (%g K)", tmin, tmax);
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_read(cli_str(&s, "data"), &t));
  size_t cx, cy, cs = 0;
  const double *T, *G, *sig = NULL;
  st = sfhet_table_find(t, cli_str(&s, "x"), "--x", &cx);
  if (!st) st = sfhet_table_find(t, cli_str(&s, "y"), "--y", &cy);
  if (!st && cli_str(&s, "sigma")) st = sfhet_table_find(t, cli_str(&s, "sigma"), "--sigma", &cs);
  if (!st) st = sfhet_table_column(t, cx, SFHET_MISSING_NAN, &T, NULL);
  if (!st) st = sfhet_table_column(t, cy, SFHET_MISSING_NAN, &G, NULL);
  if (!st && cli_str(&s, "sigma")) st = sfhet_table_column(t, cs, SFHET_MISSING_NAN, &sig, NULL);
  size_t n = sfhet_table_nrows(t);
  sfhet_outfile out;
  FILE *fp = NULL;
  if (!st && sis) {
    st = fit_sis(&s, T, G, sig, n, tmin, tmax, &fp, &out);
  } else if (!st) {
    sfhet_arrhenius_result r;
    st = sfhet_arrhenius_weighted(T, G, sig, n, tmin, tmax, &r);
    if (!st && r.n_skipped)
      cli_warn(&s, "arrhenius: %zu row(s) with T <= 0 or G <= 0 skipped", r.n_skipped);
    if (!st) st = plot_arrh(&s, T, G, sig, n, &r, tmin, tmax);
    if (!st) st = cli_out_open(&s, &out);
    if (!st) fp = out.fp, st = write_line(&s, out.fp, &r, tmin, tmax);
  }
  if (fp) st = st ? (sfhet_outfile_abort(&out), st) : sfhet_outfile_commit(&out);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_arrhenius = {"arrhenius", "activation energy from ln G versus 1/T; Delta0 from an SIS model",
                                       run_arrhenius};
