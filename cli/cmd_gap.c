/* sfhet gap: weak-coupling BCS Δ(T), optionally scaled to a given Δ0, and the fit of (Tc, Δ0) to
 * measured gaps (docs/thermo.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/table.h"
#include "sfhet/thermo.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "gap", "gap --Tc TC --T RANGE [--delta0 D0] | gap --fit --data F --x T_COL --y DELTA_COL",
                "Weak-coupling BCS gap Delta(T) from the Matsubara gap equation (relative accuracy better than 1e-9),\n"
                "columns T_K,Delta_meV. With --delta0 the whole curve is multiplied so that Delta(0) = D0;\n"
                "Tc stays the given value (the shape is the weak-coupling one, not a strong-coupling model).\n"
                "--fit fits Delta(T) = Delta0 y(T/Tc)/y(0) to measured gaps: JSON keys Tc_K, Tc_err_K,\n"
                "delta0_meV, delta0_err_meV, chi2_red, n_points, converged (errors scaled by sqrt(chi2_red)\n"
                "unless --sigma gives the data errors). Equations: docs/thermo.md.");
  cli_add(s, "Tc", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "critical temperature (required without --fit)");
  s->opt[s->n - 1].param = sfhet_thermo_param("Tc"); /* bounds, no default */
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, NULL, "temperatures (required without --fit)");
  cli_add_params(s, sfhet_thermo_param("delta0"), 1);
  cli_add(s, "fit", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit Tc and Delta0 to the data file instead");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file for --fit (CSV/TSV/whitespace)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "T_K", "temperature column [K] (name or 1-based index)");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "Delta_meV", "gap column [meV]");
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma gap errors [meV] (optional)");
  cli_add_plot_options(s, "Delta(T) (with --fit: the data with errors and the fitted curve)");
}

static int forward(const cli_spec *s) {
  double Tc, d0;
  if (!cli_given(s, "Tc")) return cli_usage_error("--Tc is required (e.g. --Tc 7.2K)");
  SFHET_TRY(cli_qty(s, "Tc", &Tc));
  SFHET_TRY(cli_qty(s, "delta0", &d0));
  if (!cli_given(s, "T")) return cli_usage_error("--T is required (e.g. --T 0:%g:41)", Tc);
  sfhet_range T;
  SFHET_TRY(cli_range(s, "T", &T));
  double *D = malloc((T.n ? T.n : 1) * sizeof *D);
  int st = D ? SFHET_OK : SFHET_ENOMEM;
  for (size_t i = 0; i < T.n && !st; i++) {
    if (!(T.v[i] >= 0)) st = cli_usage_error("--T: temperatures must be >= 0, got %g K", T.v[i]);
    else st = sfhet_bcs_gap(T.v[i], Tc, d0, &D[i]);
  }
  if (!st) {
    const char *names[] = {"T_K", "Delta_meV"};
    const double *cols[] = {T.v, D};
    plot_table_spec ps = {.title = "weak-coupling BCS gap", .x = 0, .y = {1}, .ny = 1};
    st = cli_plot_table(s, &ps, names, cols, T.n);
    if (!st) st = cli_write_table(s, names, 2, cols, T.n);
  }
  free(D);
  sfhet_range_free(&T);
  return st;
}

/* Reads x, y and optional sigma columns; each T must be > 0, each sigma > 0 (errors name file:line). */
static int read_xy(const cli_spec *s, sfhet_table *t, const double **x, const double **y,
                   const double **sig) {
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "x"), "--x", x));
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "y"), "--y", y));
  *sig = NULL;
  if (cli_str(s, "sigma")) SFHET_TRY(sfhet_table_get(t, cli_str(s, "sigma"), "--sigma", sig));
  size_t n = sfhet_table_nrows(t);
  for (size_t i = 0; i < n; i++) {
    const char *f = sfhet_table_name(t);
    size_t line = sfhet_table_line(t, i);
    if (!((*x)[i] > 0)) SFHET_ERROR(SFHET_EDATA, "%s:%zu: temperature must be > 0 K, got %g", f, line, (*x)[i]);
    if (!((*y)[i] >= 0)) SFHET_ERROR(SFHET_EDATA, "%s:%zu: gap must be >= 0 meV, got %g", f, line, (*y)[i]);
    if (*sig && !((*sig)[i] > 0))
      SFHET_ERROR(SFHET_EDATA, "%s:%zu: sigma must be > 0, got %g", f, line, (*sig)[i]);
  }
  if (n < 3) SFHET_ERROR(SFHET_EDATA, "%s: %zu data rows, the fit needs at least 3", sfhet_table_name(t), n);
  return SFHET_OK;
}

static int print_fit(const cli_spec *s, const sfhet_thermo_fit_result *r) {
  const cli_scalar v[] = {
      {"Tc", "K", r->p[0].value, r->p[0].err, CLI_NUM},
      {"delta0", "meV", r->p[1].value, r->p[1].err, CLI_NUM},
      {"delta0_over_kTc", "", r->p[1].value / (SFHET_KB_MEV * r->p[0].value), NAN, CLI_NUM},
      {"chi2_red", "", r->chi2_red, NAN, CLI_NUM},
      {"n_points", "", (double)r->n_points, NAN, CLI_COUNT},
      {"converged", "", r->converged, NAN, CLI_BOOL},
  };
  return cli_write_scalars(s, v, sizeof v / sizeof v[0]);
}

/* The data (with errors) and the fitted Delta(T) from 0 to Tc. */
static int plot_fit(const cli_spec *s, const double *x, const double *y, const double *sig, size_t n,
                    const sfhet_thermo_fit_result *r) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  enum { M = 200 };
  double c[2 * M];
  int st = SFHET_OK;
  for (size_t i = 0; i < M && !st; i++) {
    c[i] = r->p[0].value * (double)i / (M - 1);
    st = sfhet_bcs_gap(c[i], r->p[0].value, r->p[1].value, &c[M + i]);
  }
  static char tt[96];
  snprintf(tt, sizeof tt, "BCS fit: Tc = %.3g K, Δ0 = %.3g meV", r->p[0].value, r->p[1].value);
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = "gap fit", p.xlabel = "T_K", p.ylabel = "Delta_meV", p.weight = 1;
  plot_add(&p, sig ? "data ± σ" : "data", x, y, sig, n, sig ? PLOT_ERRORBARS : PLOT_POINTS);
  plot_add(&p, tt, c, c + M, NULL, M, PLOT_LINES);
  return st ? st : plot_write_opts(path, &p, 1, "--plot", &po);
}

static int fit(const cli_spec *s) {
  const char *path = cli_str(s, "data");
  if (!path) return cli_usage_error("--fit needs --data FILE");
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_read(path, &t));
  const double *x, *y, *sig;
  int st = read_xy(s, t, &x, &y, &sig);
  sfhet_thermo_fit_result r;
  if (!st) st = sfhet_gap_fit(x, y, sig, sfhet_table_nrows(t), &r);
  if (!st) st = plot_fit(s, x, y, sig, sfhet_table_nrows(t), &r);
  if (!st) st = print_fit(s, &r);
  sfhet_table_free(t);
  return st;
}

static int run_gap(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  return cli_flag(&s, "fit") ? fit(&s) : forward(&s);
}

const cli_command cli_cmd_gap = {"gap", "weak-coupling BCS gap Delta(T) and its fit (Tc, Delta0)", run_gap};
