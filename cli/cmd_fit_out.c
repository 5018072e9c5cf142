/* sfhet fit: output of results (JSON, tables, curves, plots). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_fit.h"
#include "sfhet/table.h"
#include "plot.h"
#include "sfhet/andreev.h"
#include "sfhet/error.h"

void fit_colname(const fit_job *f, size_t k, int err, char *buf, size_t size) {
  const sfhet_param_info *q = k < f->model.np ? &f->model.info[k] : &sfhet_fit_nuisance_params()[k - f->model.np];
  sfhet_param_column(q, err, buf, size);
}

static const char *unit_of(const fit_job *f, size_t k) {
  const sfhet_param_info *q = k < f->model.np ? &f->model.info[k] : &sfhet_fit_nuisance_params()[k - f->model.np];
  return sfhet_dim_unit(q->dim);
}

static const char *bound_text(int b) { return b < 0 ? "lower" : b > 0 ? "upper" : NULL; }

void fit_write_json(const fit_job *f, const sfhet_fit_result *r, FILE *fp) {
  const sfhet_fit_config *c = &f->cfg;
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_string(&j, "junction", sfhet_pc_kernel(f->fj.j.dos1) ? "pc" : f->fj.j.kind == SFHET_JUNCTION_SIS ? "sis" : "nis");
  sfhet_json_string(&j, "model", f->fj.j.dos1->name);
  for (size_t a = 0; a < r->n_free; a++) {
    size_t k = r->free_idx[a];
    char key[80];
    snprintf(key, sizeof key, "%s_err", c->name[k]);
    sfhet_json_number(&j, c->name[k], r->value[k]);
    if (r->at_bound[k]) sfhet_json_null(&j, key); /* no error at a bound (docs/fit.md) */
    else sfhet_json_number(&j, key, r->err[k]);
  }
  sfhet_json_number(&j, "chi2_red", r->chi2_red);
  sfhet_json_number(&j, "chi2", r->chi2);
  sfhet_json_int(&j, "n_points", (long long)r->n_points);
  sfhet_json_int(&j, "n_free", (long long)r->n_free);
  sfhet_json_int(&j, "n_iter", (long long)r->n_iter);
  sfhet_json_bool(&j, "converged", r->converged);
  sfhet_json_string(&j, "reason", r->reason);
  sfhet_json_bool(&j, "errors_scaled", r->errors_scaled);
  sfhet_json_string(&j, "loss", cli_str(&f->s, "loss"));
  sfhet_json_number(&j, "loss_scale", c->loss_scale);
  sfhet_json_int(&j, "n_rejected", (long long)r->n_rejected);
  sfhet_json_int(&j, "n_evals", (long long)r->n_evals);
  sfhet_json_number_or_null(&j, "condition_number", r->cond); /* null: every free parameter at a bound */
  const char *note = f->model.note ? f->model.note(&f->model, r->value) : NULL;
  if (note) sfhet_json_string(&j, "note", note);
  sfhet_json_object_begin(&j, "at_bound");
  for (size_t a = 0; a < r->n_free; a++)
    if (r->at_bound[r->free_idx[a]])
      sfhet_json_string(&j, c->name[r->free_idx[a]], bound_text(r->at_bound[r->free_idx[a]]));
  sfhet_json_object_end(&j);
  sfhet_json_object_begin(&j, "fixed");
  for (size_t k = 0; k < c->np; k++)
    if (!c->free[k]) sfhet_json_number(&j, c->name[k], r->value[k]);
  sfhet_json_object_end(&j);
  sfhet_json_object_begin(&j, "units");
  for (size_t k = 0; k < c->np; k++) sfhet_json_string(&j, c->name[k], unit_of(f, k));
  sfhet_json_object_end(&j);
  const char *names[SFHET_FIT_MAX_PARAMS];
  for (size_t a = 0; a < r->n_free; a++) names[a] = c->name[r->free_idx[a]];
  cli_json_correlation(&j, names, r->n_free, r->corr);
  sfhet_json_end(&j);
}

void fit_write_text(const fit_job *f, const sfhet_fit_result *r, FILE *fp) {
  const sfhet_fit_config *c = &f->cfg;
  fprintf(fp, "%-12s %-18s %-18s %s\n", "parameter", "value", "error", "unit");
  for (size_t a = 0; a < r->n_free; a++) {
    size_t k = r->free_idx[a];
    char err[40];
    if (r->at_bound[k])
      snprintf(err, sizeof err, "(at %s bound)", bound_text(r->at_bound[k]));
    else
      snprintf(err, sizeof err, "%.6g", r->err[k]);
    fprintf(fp, "%-12s %-18.10g %-18s %s\n", c->name[k], r->value[k], err, unit_of(f, k));
  }
  fprintf(fp, "chi2_red %.6g, %zu points, %zu free parameters, %zu iterations, %s\n", r->chi2_red,
          r->n_points, r->n_free, r->n_iter, r->reason);
}

/* Model of spectrum i at its data points (malloc'ed). */
static int model_curve(const fit_job *f, size_t i, const sfhet_fit_result *r, double **y) {
  *y = malloc(f->ds.n[i] * sizeof **y);
  void *ws = sfhet_fit_ws_alloc(&f->cfg);
  int st = (*y && ws) ? sfhet_fit_eval(&f->cfg, r->value, f->ds.x[i], f->ds.n[i], *y, ws) : SFHET_ENOMEM;
  sfhet_fit_ws_free(&f->cfg, ws);
  if (st) free(*y), *y = NULL;
  return st;
}

int fit_write_curves(const fit_job *f, const sfhet_fit_result *r, const char *path) {
  const sfhet_dataset *ds = &f->ds;
  int sweep = cli_spectra_sweep(&f->s);
  sfhet_outfile out;
  SFHET_TRY(sfhet_outfile_open(&out, path));
  cli_meta(&f->s, out.fp);
  const char *names[6] = {ds->sname, ds->xname, "G_data", "G_model", "residual", "rejected"};
  size_t ncol = 5 - (size_t)!sweep + (f->rej != NULL); /* the rejected column with --clip */
  int st = sfhet_csv_header(out.fp, names + !sweep, ncol);
  for (size_t i = 0; i < ds->m && !st; i++) {
    double *y;
    st = model_curve(f, i, &r[i], &y);
    for (size_t k = 0; k < ds->n[i] && !st; k++) {
      double row[6] = {ds->s[i], ds->x[i][k], ds->y[i][k], y[k], ds->y[i][k] - y[k], f->rej ? f->rej[i][k] : 0};
      st = sfhet_csv_row(out.fp, row + !sweep, ncol);
    }
    free(y);
  }
  if (st) {
    sfhet_outfile_abort(&out);
    return st;
  }
  return sfhet_outfile_commit(&out);
}

int fit_plot_single(const fit_job *f, const sfhet_fit_result *r, const char *path) {
  double *y, *res;
  SFHET_TRY(model_curve(f, 0, r, &y));
  size_t n = f->ds.n[0];
  res = malloc(n * sizeof *res);
  if (!res) {
    free(y);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t k = 0; k < n; k++) res[k] = f->ds.y[0][k] - y[k];
  char title[256];
  size_t u = (size_t)snprintf(title, sizeof title, "fit:");
  for (size_t a = 0; a < r->n_free && u < sizeof title; a++) {
    size_t k = r->free_idx[a];
    u += (size_t)snprintf(title + u, sizeof title - u, " %s = %.4g ± %.2g %s", f->cfg.name[k], r->value[k],
                          r->err[k], unit_of(f, k));
  }
  plot_panel p[2];
  memset(p, 0, sizeof p);
  p[0] = (plot_panel){title, "", f->ds.yname, {{0}}, 0, 2.0, 0};
  plot_add(&p[0], "data", f->ds.x[0], f->ds.y[0], NULL, n, PLOT_POINTS);
  plot_add(&p[0], "model", f->ds.x[0], y, NULL, n, PLOT_LINES);
  p[1] = (plot_panel){"residual", f->ds.xname, "data - model", {{0}}, 0, 1.0, 1};
  plot_add(&p[1], "", f->ds.x[0], res, NULL, n, PLOT_POINTS);
  const char *ignored;
  plot_opts o;
  int st = cli_plot_opts(&f->s, &ignored, &o);
  if (!st) st = plot_write_opts(path, p, 2, "--plot", &o);
  free(y), free(res);
  return st;
}

static size_t sweep_columns(const fit_job *f, size_t *idx) {
  size_t m = 0;
  for (size_t k = 0; k < f->cfg.np; k++)
    if (f->cfg.free[k]) idx[m++] = k;
  return m;
}

int fit_write_sweep(const fit_job *f, const sfhet_fit_result *r) {
  size_t idx[SFHET_FIT_MAX_PARAMS], nk = sweep_columns(f, idx), m = f->ds.m;
  size_t d = f->ds.dir != NULL; /* a direction column after the sweep column when both occur */
  size_t ncol = 1 + d + 3 * nk + 3 + (f->rej != NULL); /* n_rejected with --clip */
  if (ncol > 64) SFHET_ERROR(SFHET_EINVAL, "--free: too many parameters for one table");
  static char names[64][80];
  const char *np[64];
  double *buf = malloc(ncol * (m ? m : 1) * sizeof *buf);
  const double *cols[64];
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t c0 = 1 + d; /* first parameter column */
  snprintf(names[0], 80, "%s", f->ds.sname);
  if (d) snprintf(names[1], 80, "direction");
  for (size_t a = 0; a < nk; a++) {
    fit_colname(f, idx[a], 0, names[c0 + 2 * a], 80);
    fit_colname(f, idx[a], 1, names[c0 + 1 + 2 * a], 80);
  }
  for (size_t a = 0; a < nk; a++) snprintf(names[c0 + 2 * nk + a], 80, "%s_at_bound", f->cfg.name[idx[a]]);
  snprintf(names[c0 + 3 * nk], 80, "chi2_red");
  snprintf(names[c0 + 1 + 3 * nk], 80, "converged");
  snprintf(names[c0 + 2 + 3 * nk], 80, "n_points");
  if (f->rej) snprintf(names[c0 + 3 + 3 * nk], 80, "n_rejected");
  for (size_t c = 0; c < ncol; c++) np[c] = names[c], cols[c] = buf + c * m;
  for (size_t i = 0; i < m; i++) {
    buf[i] = f->ds.s[i];
    if (d) buf[m + i] = f->ds.dir[i];
    for (size_t a = 0; a < nk; a++) {
      buf[(c0 + 2 * a) * m + i] = r[i].value[idx[a]];
      buf[(c0 + 1 + 2 * a) * m + i] = r[i].err[idx[a]];
      buf[(c0 + 2 * nk + a) * m + i] = r[i].at_bound[idx[a]];
    }
    buf[(c0 + 3 * nk) * m + i] = r[i].chi2_red;
    buf[(c0 + 1 + 3 * nk) * m + i] = r[i].status == SFHET_OK;
    buf[(c0 + 2 + 3 * nk) * m + i] = (double)r[i].n_points;
    if (f->rej) buf[(c0 + 3 + 3 * nk) * m + i] = (double)r[i].n_rejected;
  }
  int st = cli_write_table(&f->s, np, ncol, cols, m);
  free(buf);
  return st;
}

/* The truth line of parameter column lab (e.g. "delta_meV") from the --plot-truth table t (a synth
 * --truth file: the sweep column and <p>_<unit> columns); nothing when t lacks the column. */
static void add_truth(const fit_job *f, sfhet_table *t, const char *lab, plot_panel *p) {
  size_t cs, cp;
  const double *x, *y;
  if (!t || sfhet_table_find(t, f->ds.sname, "--plot-truth", &cs) || sfhet_table_find(t, lab, "--plot-truth", &cp) ||
      sfhet_table_column(t, cs, SFHET_MISSING_ERROR, &x, NULL) ||
      sfhet_table_column(t, cp, SFHET_MISSING_ERROR, &y, NULL)) {
    sfhet_clear_error();
    return;
  }
  plot_add(p, "truth", x, y, NULL, sfhet_table_nrows(t), PLOT_LINES);
}

/* The fitted values of one parameter, one series per sweep direction (rows: up, then down). */
static void add_fitted(const fit_job *f, const double *val, const double *err, plot_panel *p) {
  size_t m = f->ds.m, k = 0;
  if (!f->ds.dir) {
    plot_add(p, "fit ± 1σ", f->ds.s, val, err, m, PLOT_ERRORBARS);
    return;
  }
  while (k < m && f->ds.dir[k] > 0) k++;
  plot_add(p, "up sweep ± 1σ", f->ds.s, val, err, k, PLOT_ERRORBARS);
  plot_add(p, "down sweep ± 1σ", f->ds.s + k, val + k, err + k, m - k, PLOT_ERRORBARS);
}

int fit_plot_sweep(const fit_job *f, const sfhet_fit_result *r, const char *path) {
  size_t idx[SFHET_FIT_MAX_PARAMS], nk = sweep_columns(f, idx), m = f->ds.m, np = 0;
  plot_panel *p = calloc(nk + 1, sizeof *p);
  double *v = malloc(2 * nk * (m ? m : 1) * sizeof *v), *y0 = NULL, *y1 = NULL;
  static char lab[SFHET_FIT_MAX_PARAMS][80];
  int st = (p && v) ? SFHET_OK : SFHET_ENOMEM;
  sfhet_table *truth = NULL;
  const char *tp = cli_str(&f->s, "plot-truth");
  if (!st && tp) st = sfhet_table_read(tp, &truth);
  for (size_t a = 0; a < nk && !st; a++) {
    if (f->shared[idx[a]]) continue;
    double *val = v + 2 * a * m, *err = val + m;
    for (size_t i = 0; i < m; i++) val[i] = r[i].value[idx[a]], err[i] = r[i].err[idx[a]];
    fit_colname(f, idx[a], 0, lab[a], sizeof lab[a]);
    p[np] = (plot_panel){NULL, f->ds.sname, lab[a], {{0}}, 0, 1.0, 0};
    add_fitted(f, val, err, &p[np]);
    add_truth(f, truth, lab[a], &p[np++]);
  }
  size_t e = m - 1; /* the other end of the (first) sweep */
  while (f->ds.dir && e > 0 && f->ds.dir[e] < 0) e--;
  if (!st) st = model_curve(f, 0, &r[0], &y0);
  if (!st) st = model_curve(f, e, &r[e], &y1);
  if (!st) {
    static char t0[96], t1[96];
    snprintf(t0, sizeof t0, "data %s = %g", f->ds.sname, f->ds.s[0]);
    snprintf(t1, sizeof t1, "data %s = %g", f->ds.sname, f->ds.s[e]);
    p[np] = (plot_panel){"first and last spectrum with the fitted model", f->ds.xname, f->ds.yname,
                         {{0}}, 0, 1.4, 0};
    plot_add(&p[np], t0, f->ds.x[0], f->ds.y[0], NULL, f->ds.n[0], PLOT_POINTS);
    plot_add(&p[np], "model", f->ds.x[0], y0, NULL, f->ds.n[0], PLOT_LINES);
    plot_add(&p[np], t1, f->ds.x[e], f->ds.y[e], NULL, f->ds.n[e], PLOT_POINTS);
    plot_add(&p[np++], "model", f->ds.x[e], y1, NULL, f->ds.n[e], PLOT_LINES);
    const char *ignored;
    plot_opts o;
    st = cli_plot_opts(&f->s, &ignored, &o);
    if (!st) st = plot_write_opts(path, p, np, "--plot", &o);
  }
  sfhet_table_free(truth);
  free(p), free(v), free(y0), free(y1);
  return st;
}

