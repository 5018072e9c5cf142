/* sfhet device --fit: reads a measured map (long format B_T,[direction,]V_mV,G[,sigma]), one spectrum per
 * run of rows with the same field and direction, in file order (the sweep order of the magnet), and
 * fits it with sfhet_device_fit (global least squares over all spectra). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_device.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

void device_fit_options(cli_spec *s) {
  cli_set_group(s, "fit (--fit)");
  cli_add(s, "fit", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit the map --data for the --free parameters");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "measured map: columns B_T, V_mV, G (direction optional)");
  cli_add(s, "free", CLI_STR, SFHET_DIM_NONE, NULL, "fitted parameters, e.g. lambda,eta,HK,gamma0,gnn");
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma errors of G (default: none)");
  cli_add(s, "max-evals", CLI_INT, SFHET_DIM_NONE, "5000", "most evaluations of the map");
  cli_add(s, "time-limit", CLI_QTY, SFHET_DIM_TIME, "600", "most seconds of the fit");
  cli_add(s, "numeric-jacobian", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "no caches, plain differences of the forward model (slow; the benchmark's baseline)");
  cli_add(s, "curves", CLI_STR, SFHET_DIM_NONE, NULL, "write B_T,direction,V_mV,G,G_fit at the fitted values");
  cli_set_group(s, NULL);
}

/* A map read from a file: spectra as runs of equal (B, direction). */
typedef struct {
  sfhet_table *t;
  sfhet_device_rows r;
} map_data;

static void map_free(map_data *m) {
  sfhet_table_free(m->t);
  sfhet_device_rows_free(&m->r);
}

static int has_col(const sfhet_table *t, const char *name) {
  for (size_t c = 0; c < sfhet_table_ncols(t); c++)
    if (!strcmp(sfhet_table_colname(t, c), name)) return 1;
  return 0;
}

static int read_map(const cli_spec *s, map_data *m) {
  memset(m, 0, sizeof *m);
  const char *path = cli_str(s, "data");
  if (!path) return cli_usage_error("--data: --fit needs a measured map");
  SFHET_TRY(sfhet_table_read(path, &m->t));
  size_t n = sfhet_table_nrows(m->t);
  if (n == 0) SFHET_ERROR(SFHET_EDATA, "--data %s: no data rows", path);
  const double *B, *V, *G, *dir = NULL, *sg = NULL;
  SFHET_TRY(sfhet_table_get(m->t, "B_T", "--data", &B));
  SFHET_TRY(sfhet_table_get(m->t, "V_mV", "--data", &V));
  SFHET_TRY(sfhet_table_get(m->t, "G", "--data", &G));
  if (has_col(m->t, "direction")) SFHET_TRY(sfhet_table_get(m->t, "direction", "--data", &dir));
  if (cli_str(s, "sigma")) SFHET_TRY(sfhet_table_get(m->t, cli_str(s, "sigma"), "--sigma", &sg));
  for (size_t r = 0; r < n; r++)
    if (!isfinite(B[r]) || !isfinite(V[r]) || !isfinite(G[r]) || (sg && !(sg[r] > 0.0)))
      SFHET_ERROR(SFHET_EDATA, "%s:%zu: a missing or non-finite value (or sigma <= 0)", path,
                  sfhet_table_line(m->t, r));
  char what[4200];
  snprintf(what, sizeof what, "--data %s", path);
  return sfhet_device_rows_split(B, dir, V, G, sg, n, what, &m->r);
}

static void monitor(size_t iter, size_t evals, double chi2, double elapsed, void *ctx) {
  const cli_spec *s = ctx;
  static double last = 0;
  if (s->quiet || elapsed < 1.0 || elapsed - last < 0.5) return;
  last = elapsed;
  fprintf(stderr, "%sdevice fit: iteration %zu, %zu evaluations, chi2 %.6g, %.0f s%s", isatty(2) ? "\r" : "",
          iter, evals, chi2, elapsed, isatty(2) ? "" : "\n");
}

/* The fit's warnings, printed (unless --quiet) and kept for the JSON document. */
typedef struct {
  char msg[3][256];
  int n;
} fit_warnings;

static void warn(const cli_spec *s, fit_warnings *w, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(const cli_spec *s, fit_warnings *w, const char *fmt, ...) {
  char b[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(b, sizeof b, fmt, ap);
  va_end(ap);
  cli_warn(s, "%s", b);
  if (w->n < 3) memcpy(w->msg[w->n++], b, sizeof b);
}

static void write_json(FILE *fp, const sfhet_device_fit_result *r, size_t nf, const fit_warnings *w) {
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  for (size_t a = 0; a < r->n_free; a++) {
    size_t k = r->free_idx[a];
    char key[48];
    snprintf(key, sizeof key, "%s_err", sfhet_device_params[k].name);
    sfhet_json_number(&j, sfhet_device_params[k].name, r->value[k]);
    if (r->at_bound[k] || !isfinite(r->err[k])) sfhet_json_null(&j, key);
    else sfhet_json_number(&j, key, r->err[k]);
  }
  sfhet_json_number_or_null(&j, "chi2_red", r->chi2_red);
  sfhet_json_number_or_null(&j, "chi2", r->chi2);
  sfhet_json_int(&j, "n_points", (long long)r->n_points);
  sfhet_json_int(&j, "n_spectra", (long long)nf);
  sfhet_json_int(&j, "n_free", (long long)r->n_free);
  sfhet_json_int(&j, "n_iter", (long long)r->n_iter);
  sfhet_json_int(&j, "n_evals", (long long)r->n_evals);
  sfhet_json_int(&j, "n_column_maps", (long long)r->n_column_maps);
  sfhet_json_bool(&j, "converged", r->converged);
  sfhet_json_bool(&j, "errors_scaled", r->errors_scaled);
  sfhet_json_string(&j, "reason", r->reason);
  sfhet_json_array_begin(&j, "warnings");
  for (int k = 0; k < w->n; k++) sfhet_json_string(&j, NULL, w->msg[k]);
  sfhet_json_array_end(&j);
  sfhet_json_object_begin(&j, "fixed");
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    int fr = 0;
    for (size_t a = 0; a < r->n_free; a++) fr |= r->free_idx[a] == k;
    if (!fr) sfhet_json_number(&j, sfhet_device_params[k].name, r->value[k]);
  }
  sfhet_json_object_end(&j);
  sfhet_json_object_begin(&j, "units");
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++)
    sfhet_json_string(&j, sfhet_device_params[k].name, sfhet_dim_unit(sfhet_device_params[k].dim));
  sfhet_json_object_end(&j);
  const char *names[SFHET_DEVICE_NPARAMS];
  for (size_t a = 0; a < r->n_free; a++) names[a] = sfhet_device_params[r->free_idx[a]].name;
  cli_json_correlation(&j, names, r->n_free, r->corr);
  sfhet_json_end(&j);
}

static void write_text(FILE *fp, const sfhet_device_fit_result *r) {
  for (size_t a = 0; a < r->n_free; a++) {
    size_t k = r->free_idx[a];
    const char *u = sfhet_dim_unit(sfhet_device_params[k].dim);
    fprintf(fp, "%-8s = %.8g +- %.3g %s%s\n", sfhet_device_params[k].name, r->value[k], r->err[k], u,
            r->at_bound[k] ? " (at a bound)" : "");
  }
  fprintf(fp, "chi2_red = %.6g, n_points = %zu, n_evals = %zu, converged = %s (%s)\n", r->chi2_red, r->n_points,
          r->n_evals, r->converged ? "true" : "false", r->reason);
}

/* The fitted map beside the data: B_T,direction,V_mV,G,G_fit. */
static int write_curves(const cli_spec *s, const map_data *m, const double *p, sfhet_device_ws *ws) {
  size_t n = 0;
  for (size_t i = 0; i < m->r.nf; i++) n += m->r.nv[i];
  double *c = malloc(5 * n * sizeof *c);
  if (!c) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int rc = sfhet_device_model(p, &m->r.d, c + 4 * n, NULL, ws);
  for (size_t i = 0, r = 0; i < m->r.nf && !rc; i++)
    for (size_t k = 0; k < m->r.nv[i]; k++, r++)
      c[r] = m->r.f[i].B, c[n + r] = m->r.f[i].dir, c[2 * n + r] = m->r.V[i][k], c[3 * n + r] = m->r.G[i][k];
  const char *names[] = {"B_T", "direction", "V_mV", "G", "G_fit"};
  sfhet_outfile out;
  if (!rc) rc = sfhet_outfile_open(&out, cli_str(s, "curves"));
  if (!rc) {
    cli_meta(s, out.fp);
    rc = sfhet_csv_header(out.fp, names, 5);
    for (size_t r = 0; r < n && !rc; r++) rc = sfhet_csv_row(out.fp, (double[]){c[r], c[n + r], c[2 * n + r], c[3 * n + r], c[4 * n + r]}, 5);
    if (rc) sfhet_outfile_abort(&out);
    else rc = sfhet_outfile_commit(&out);
  }
  free(c);
  return rc;
}

int device_run_fit(cli_spec *s) {
  sfhet_device_fit_config c;
  sfhet_device_fit_config_init(&c);
  SFHET_TRY(device_read_params(s, c.p));
  if (!cli_str(s, "free")) return cli_usage_error("--free: --fit needs the fitted parameters, e.g. --free lambda,eta,HK,gamma0");
  SFHET_TRY(sfhet_device_fit_set_free(&c, cli_str(s, "free"), "--free"));
  long me;
  SFHET_TRY(cli_int(s, "max-evals", &me));
  if (me < 1 || me > 100000000) return cli_usage_error("--max-evals: must be 1..1e8");
  c.max_evals = (size_t)me;
  SFHET_TRY(cli_qty(s, "time-limit", &c.time_limit));
  if (!(c.time_limit > 0.0)) return cli_usage_error("--time-limit: must be > 0 s");
  c.numeric = cli_flag(s, "numeric-jacobian");
  c.monitor = monitor, c.monitor_ctx = s;
  map_data m;
  fit_warnings w = {.n = 0};
  int rc = read_map(s, &m);
  if (!rc && c.free[SFHET_DEVICE_HK] && !sfhet_device_covers_hk(&m.r.d, c.p[SFHET_DEVICE_HK]))
    warn(s, &w, "--data: no field reaches the start --HK %g T (max |B| below it): H_K is unconstrained beyond a lower "
             "bound; its error is not meaningful", c.p[SFHET_DEVICE_HK]);
  sfhet_device_ws *ws = rc ? NULL : sfhet_device_ws_alloc(s->threads);
  if (!rc && !ws) SFHET_REPORT(rc = SFHET_ENOMEM, "out of memory");
  sfhet_device_fit_result r;
  if (!rc) rc = sfhet_device_fit(&c, &m.r.d, &r, ws);
  if (!s->quiet && isatty(2)) fputc('\n', stderr);
  int fitted = rc == SFHET_OK || rc == SFHET_ENOCONV;
  if (fitted && c.free[SFHET_DEVICE_HK] && !sfhet_device_covers_hk(&m.r.d, r.value[SFHET_DEVICE_HK]))
    warn(s, &w, "--data: the fields do not reach the fitted H_K = %g T: H_K is unconstrained (only a lower bound)",
             r.value[SFHET_DEVICE_HK]);
  if (fitted && c.free[SFHET_DEVICE_HK] && isfinite(r.err[SFHET_DEVICE_HK]) &&
      sfhet_device_hk_gap_to_field(&m.r.d, r.value[SFHET_DEVICE_HK]) < 2.0 * r.err[SFHET_DEVICE_HK])
    warn(s, &w, "--data: the fitted H_K = %g T lies within 2 errors of an applied field, where m(B) saturates with a "
             "kink: the H_K error is only indicative (chi^2 is not quadratic there)", r.value[SFHET_DEVICE_HK]);
  if (fitted && cli_str(s, "curves")) {
    int cr = write_curves(s, &m, r.value, ws);
    if (cr) rc = cr;
  }
  if (fitted && rc != SFHET_EIO) {
    sfhet_outfile out;
    int orc = cli_out_open(s, &out);
    if (!orc) {
      if (s->json) write_json(out.fp, &r, m.r.nf, &w);
      else write_text(out.fp, &r);
      orc = sfhet_outfile_commit(&out);
    }
    if (orc) rc = orc;
    else if (rc == SFHET_ENOCONV)
      SFHET_REPORT(rc, "device fit did not converge (%s): try other start values, fewer --free parameters or a "
                   "larger --max-evals / --time-limit", r.reason);
  }
  sfhet_device_ws_free(ws);
  map_free(&m);
  return rc;
}
