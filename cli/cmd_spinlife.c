/* sfhet spinlife: quasiparticle spin lifetime from the broadening change (seed 000 Methods), from values
 * given on the command line or read from a fit --sweep parameter table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"
#include "sfhet/table.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "spinlife",
                "spinlife --gamma-s GS --gamma-0 G0 [--gamma-s-err E --gamma-0-err E] [--combine RULE] [--json]"
                "  |  spinlife --params FILE --at B0,BS [--sweep COL] [--param gamma]",
                "Spin (quasiparticle) lifetime from the Dynes broadening under in-plane saturation, Gs,\n"
                "and at zero field, G0 (seed 000). --combine linear: hbar/tau = Gs - G0 (Lorentzian widths\n"
                "of independent processes add; the paper's '~20 ps from a ~40 ueV change' is this rule);\n"
                "--combine quadrature (default): hbar/tau = sqrt(Gs^2 - G0^2) (seed 000 Methods' formula,\n"
                "for a G0 that is inhomogeneous, Gaussian-like broadening). Errors are propagated to first\n"
                "order (Gs, G0 independent). --params FILE reads G0 and Gs and their errors from a table\n"
                "such as the output of fit --sweep (columns <param>_meV, <param>_err_meV) at the sweep\n"
                "values --at B0,BS (units from the sweep column name, e.g. B_T: 0T,1T). --json: rate_meV,\n"
                "rate_err_meV, tau_s, tau_err_s, combine, gamma_s_meV, gamma_0_meV (+ _err). See\n"
                "docs/analysis.md.");
  cli_add(s, "gamma-s", CLI_QTY, SFHET_DIM_ENERGY, NULL, "broadening under in-plane saturation");
  cli_add(s, "gamma-0", CLI_QTY, SFHET_DIM_ENERGY, NULL, "broadening at zero field");
  cli_add(s, "gamma-s-err", CLI_QTY, SFHET_DIM_ENERGY, "0", "standard error of --gamma-s");
  cli_add(s, "gamma-0-err", CLI_QTY, SFHET_DIM_ENERGY, "0", "standard error of --gamma-0");
  cli_add(s, "combine", CLI_STR, SFHET_DIM_NONE, "quadrature",
          "linear (Gs - G0) or quadrature (sqrt(Gs^2 - G0^2))");
  cli_add(s, "params", CLI_STR, SFHET_DIM_NONE, NULL, "parameter table to read G0 and Gs from (fit --sweep)");
  cli_add(s, "at", CLI_STR, SFHET_DIM_NONE, NULL, "sweep values of G0 and Gs in --params, e.g. 0T,1T");
  cli_add(s, "sweep", CLI_STR, SFHET_DIM_NONE, "1", "sweep column of --params (name or 1-based index)");
  cli_add(s, "sweep-tol", CLI_STR, SFHET_DIM_NONE, NULL,
          "rows of --params whose sweep values lie within this are one point (jittery readbacks; 5mT)");
  cli_add(s, "direction", CLI_STR, SFHET_DIM_NONE, NULL,
          "direction column of --params: only the rows of --branch are used (else both are averaged)");
  cli_add(s, "branch", CLI_STR, SFHET_DIM_NONE, "up", "with --direction: up or down");
  cli_add(s, "param", CLI_STR, SFHET_DIM_NONE, "gamma",
          "fitted parameter read from --params: columns <param>_meV and <param>_err_meV");
}

/* Column of a parameter table: NAME_meV (or NAME), and its error column NAME_err_meV (or NAME_err). */
static int find_param_cols(sfhet_table *t, const char *name, size_t *cv, size_t *ce, int *have_err) {
  char a[96], b[96];
  snprintf(a, sizeof a, "%s_meV", name);
  if (sfhet_table_find(t, a, "--param", cv)) {
    sfhet_clear_error();
    SFHET_TRY(sfhet_table_find(t, name, "--param", cv));
  }
  snprintf(a, sizeof a, "%s_err_meV", name);
  snprintf(b, sizeof b, "%s_err", name);
  *have_err = !sfhet_table_find(t, a, "--param", ce) || !sfhet_table_find(t, b, "--param", ce);
  sfhet_clear_error();
  return SFHET_OK;
}

/* Value and error at sweep value v: the group of rows nearest v (inverse-variance mean if several). */
static int value_at(const cli_spec *s, const sfhet_groups *g, double tol, const double *sw, const double *val,
                    const double *err, double v, const char *swname, double *x, double *dx) {
  long k = sfhet_groups_find(g, v, fmax(1e-9 * fmax(fabs(v), 1.0), tol));
  if (k < 0)
    SFHET_ERROR(SFHET_EDATA, "--at: no row of --params at %s = %g", swname, v);
  double sw_sum = 0, w_sum = 0, plain = 0;
  size_t m = g->count[k];
  for (size_t i = 0; i < m; i++) {
    size_t r = g->row[g->start[k] + i];
    double e = err ? err[r] : 0.0, w = e > 0 ? 1.0 / (e * e) : 0.0;
    if (!isfinite(val[r]) || (err && !(e >= 0)))
      SFHET_ERROR(SFHET_EDATA, "--params: the row at %s = %g has no finite value and error", swname, sw[r]);
    sw_sum += w * val[r], w_sum += w, plain += val[r];
  }
  int weighted = w_sum > 0 && isfinite(w_sum);
  *x = weighted ? sw_sum / w_sum : plain / (double)m;
  *dx = weighted ? 1.0 / sqrt(w_sum) : (err ? err[g->row[g->start[k]]] : 0.0);
  if (m > 1) cli_warn(s, "--params: %zu rows at %s = %g (both sweep directions?) averaged", m, swname, v);
  if (fabs(g->value[k] - v) > fmax(1e-9 * fmax(fabs(v), 1.0), tol))
    cli_warn(s, "--at: %g is not in --params; using the nearest row, %s = %g", v, swname, g->value[k]);
  return SFHET_OK;
}

/* The two sweep values of --at in the unit of the sweep column. */
static int parse_at(const char *text, const char *swname, double *v) {
  const char *comma = text ? strchr(text, ',') : NULL;
  if (!comma || strchr(comma + 1, ','))
    return cli_usage_error("--at: give two sweep values, zero field first (e.g. 0T,1T)");
  char first[64];
  size_t len = (size_t)(comma - text);
  if (len >= sizeof first) return cli_usage_error("--at: value too long");
  memcpy(first, text, len), first[len] = '\0';
  SFHET_TRY(sfhet_parse_quantity(first, sfhet_colname_dim(swname), "--at", &v[0]));
  return sfhet_parse_quantity(comma + 1, sfhet_colname_dim(swname), "--at", &v[1]);
}

/* With --direction: a copy of the sweep values with the rows of the other branch set to NaN. */
static int branch_rows(const cli_spec *s, sfhet_table *t, const double *sw, double **keep) {
  *keep = NULL;
  if (!cli_str(s, "direction")) return SFHET_OK;
  const char *br = cli_str(s, "branch");
  int want = strcmp(br, "up") == 0 ? 1 : strcmp(br, "down") == 0 ? -1 : 0;
  if (!want) return cli_usage_error("--branch: '%s' is not up or down", br);
  const double *d;
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "direction"), "--direction", &d));
  size_t n = sfhet_table_nrows(t);
  if (!(*keep = malloc((n ? n : 1) * sizeof **keep))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) (*keep)[i] = (d[i] > 0) - (d[i] < 0) == want ? sw[i] : NAN;
  return SFHET_OK;
}

/* Rows grouped by sweep value (within --sweep-tol). */
static int sweep_groups(const cli_spec *s, sfhet_table *t, const double *sw, const char *swname, sfhet_groups *g,
                        double *tol) {
  const char *tt = cli_str(s, "sweep-tol");
  *tol = 0;
  if (!tt) return sfhet_groups_make(sw, sfhet_table_nrows(t), 1e-9, g);
  SFHET_TRY(sfhet_parse_quantity(tt, sfhet_colname_dim(swname), "--sweep-tol", tol));
  if (!(*tol >= 0)) return cli_usage_error("--sweep-tol: %s is negative", tt);
  return sfhet_groups_make_tol(sw, sfhet_table_nrows(t), *tol, g);
}

/* Gs, G0 and errors from the parameter table of --params. */
static int read_params(const cli_spec *s, double *gs, double *es, double *g0, double *e0) {
  sfhet_table *t;
  SFHET_TRY(sfhet_table_read(cli_str(s, "params"), &t));
  size_t cs, cv, ce = 0;
  int have_err = 0;
  const double *sw, *val, *err = NULL;
  sfhet_groups g = {0};
  double at[2];
  int st = sfhet_table_find(t, cli_str(s, "sweep"), "--sweep", &cs);
  if (!st) st = find_param_cols(t, cli_str(s, "param"), &cv, &ce, &have_err);
  if (!st && sfhet_table_nrows(t) == 0)
    SFHET_REPORT(st = SFHET_EDATA, "%s: no data rows", sfhet_table_name(t));
  if (!st) st = sfhet_table_column(t, cs, SFHET_MISSING_ERROR, &sw, NULL);
  if (!st) st = sfhet_table_column(t, cv, SFHET_MISSING_NAN, &val, NULL);
  if (!st && have_err) st = sfhet_table_column(t, ce, SFHET_MISSING_NAN, &err, NULL);
  if (!st && !have_err)
    cli_warn(s, "--params: no column %s_err_meV; the errors are taken as 0", cli_str(s, "param"));
  if (!st) st = parse_at(cli_str(s, "at"), sfhet_table_colname(t, cs), at);
  double *keep = NULL;
  if (!st) st = branch_rows(s, t, sw, &keep);
  double tol = 0;
  if (!st) st = sweep_groups(s, t, keep ? keep : sw, sfhet_table_colname(t, cs), &g, &tol);
  free(keep);
  const char *swname = st ? "" : sfhet_table_colname(t, cs);
  if (!st) st = value_at(s, &g, tol, sw, val, err, at[0], swname, g0, e0);
  if (!st) st = value_at(s, &g, tol, sw, val, err, at[1], swname, gs, es);
  sfhet_groups_free(&g);
  sfhet_table_free(t);
  return st;
}

static int check_mode(const cli_spec *s) {
  int table = cli_str(s, "params") != NULL;
  static const char *direct[] = {"gamma-s", "gamma-0", "gamma-s-err", "gamma-0-err"};
  static const char *fromfile[] = {"at", "sweep", "param", "sweep-tol", "direction"};
  for (size_t k = 0; k < 4 && table; k++)
    if (cli_given(s, direct[k])) return cli_usage_error("--%s does not go with --params", direct[k]);
  for (size_t k = 0; k < 5 && !table; k++)
    if (cli_given(s, fromfile[k])) return cli_usage_error("--%s needs --params", fromfile[k]);
  if (table && !cli_str(s, "at")) return cli_usage_error("--params needs --at B0,BS");
  if (!table && (!cli_given(s, "gamma-s") || !cli_given(s, "gamma-0")))
    return cli_usage_error("--gamma-s and --gamma-0 are required (or --params FILE --at B0,BS)");
  return SFHET_OK;
}

static void write_result(const cli_spec *s, FILE *fp, const double *g, sfhet_spin_combine c,
                         const sfhet_spin_rate_result *r) {
  if (!s->json) {
    fprintf(fp, "hbar/tau = %.6g +- %.3g meV, tau = %.6g +- %.3g ps (%s; Gs = %.6g +- %.3g, G0 = %.6g +- %.3g meV)\n",
            r->rate, r->rate_err, r->tau * 1e12, r->tau_err * 1e12, sfhet_spin_combine_name(c), g[0], g[1],
            g[2], g[3]);
    return;
  }
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_number(&j, "rate_meV", r->rate);
  sfhet_json_number(&j, "rate_err_meV", r->rate_err);
  sfhet_json_number(&j, "tau_s", r->tau);
  sfhet_json_number(&j, "tau_err_s", r->tau_err);
  sfhet_json_string(&j, "combine", sfhet_spin_combine_name(c));
  sfhet_json_number(&j, "gamma_s_meV", g[0]);
  sfhet_json_number(&j, "gamma_s_err_meV", g[1]);
  sfhet_json_number(&j, "gamma_0_meV", g[2]);
  sfhet_json_number(&j, "gamma_0_err_meV", g[3]);
  sfhet_json_end(&j);
}

static int run_spinlife(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  SFHET_TRY(check_mode(&s));
  sfhet_spin_combine c;
  SFHET_TRY(sfhet_spin_combine_parse(cli_str(&s, "combine"), &c));
  double g[4]; /* Gs, its error, G0, its error [meV] */
  if (cli_str(&s, "params")) {
    SFHET_TRY(read_params(&s, &g[0], &g[1], &g[2], &g[3]));
  } else {
    SFHET_TRY(cli_qty(&s, "gamma-s", &g[0]));
    SFHET_TRY(cli_qty(&s, "gamma-0", &g[2]));
    SFHET_TRY(cli_qty(&s, "gamma-s-err", &g[1]));
    SFHET_TRY(cli_qty(&s, "gamma-0-err", &g[3]));
    if (g[1] < 0 || g[3] < 0) return cli_usage_error("--gamma-s-err/--gamma-0-err must be >= 0");
  }
  sfhet_spin_rate_result r;
  SFHET_TRY(sfhet_spin_rate(g[0], g[1], g[2], g[3], c, &r));
  if (r.rate_err > r.rate)
    cli_warn(&s, "the error of hbar/tau (%g meV) exceeds it (%g meV): the lifetime is not determined",
             r.rate_err, r.rate);
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(&s, &out));
  write_result(&s, out.fp, g, c, &r);
  return sfhet_outfile_commit(&out);
}

const cli_command cli_cmd_spinlife = {"spinlife",
                                      "spin lifetime from broadening: hbar/tau = Gs - G0 or sqrt(Gs^2 - G0^2)",
                                      run_spinlife};
