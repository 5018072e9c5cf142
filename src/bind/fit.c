/* The bound function fit: one spectrum, or a sweep of spectra (given split by counts or in long format
 * with a sweep value per row) fitted in parallel, with optional shared parameters (global fit); the
 * data are cleaned and checked as sfhet fit cleans and checks a file, and the fit runs through the same
 * library calls with the same configuration, so it gives the CLI's numbers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_fit.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

/* Spectra in one buffer: spectrum i at offset off[i], n[i] points after cleaning. */
typedef struct {
  size_t m, total;
  size_t *off, *n;
  double *x, *y, *sigma, *s;
  sfhet_clean_info info;
} fit_spectra;

static void spectra_free(fit_spectra *d) {
  free(d->off), free(d->n), free(d->x), free(d->y), free(d->sigma), free(d->s);
  memset(d, 0, sizeof *d);
}

static int spectra_alloc(fit_spectra *d, size_t m, size_t total, int with_sigma) {
  d->m = m, d->total = total;
  size_t t = total ? total : 1, mm = m ? m : 1;
  d->off = calloc(mm, sizeof *d->off), d->n = calloc(mm, sizeof *d->n), d->s = calloc(mm, sizeof *d->s);
  d->x = malloc(t * sizeof *d->x), d->y = malloc(t * sizeof *d->y);
  d->sigma = with_sigma ? malloc(t * sizeof *d->sigma) : NULL;
  if (!d->off || !d->n || !d->s || !d->x || !d->y || (with_sigma && !d->sigma))
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return SFHET_OK;
}

/* Copies row `row` of the input to position k of the buffers. */
static void put_row(fit_spectra *d, size_t k, size_t row, const double *x, const double *y, const double *sg) {
  d->x[k] = x[row], d->y[k] = y[row];
  if (sg) d->sigma[k] = sg[row];
}

/* Long format: one spectrum per value of the sweep array, rows in input order (sfhet fit --sweep). */
static int split_by_sweep(fit_spectra *d, const double *sw, size_t N, const double *x, const double *y,
                          const double *sg) {
  sfhet_groups g;
  SFHET_TRY(sfhet_groups_make(sw, N, 1e-9, &g));
  int st = spectra_alloc(d, g.n, N - g.dropped, sg != NULL);
  d->info.dropped = g.dropped;
  for (size_t i = 0, k = 0; i < g.n && !st; i++) {
    d->s[i] = g.value[i], d->off[i] = k, d->n[i] = g.count[i];
    for (size_t j = 0; j < g.count[i]; j++, k++) put_row(d, k, g.row[g.start[i] + j], x, y, sg);
  }
  sfhet_groups_free(&g);
  return st;
}

/* Spectra of counts[i] consecutive rows each (a 2-D array), or one spectrum without counts. */
static int split_by_counts(fit_spectra *d, const double *cnt, size_t m, size_t N, const double *x,
                           const double *y, const double *sg) {
  size_t sum = 0;
  for (size_t i = 0; i < m; i++) {
    if (!(cnt[i] >= 0 && cnt[i] == floor(cnt[i]) && cnt[i] <= (double)N))
      SFHET_ERROR(SFHET_EINVAL, "n[%zu]: %g is not a point count", i, cnt[i]);
    sum += (size_t)cnt[i];
  }
  if (cnt && sum != N) SFHET_ERROR(SFHET_EINVAL, "n: counts add up to %zu, but V has %zu values", sum, N);
  SFHET_TRY(spectra_alloc(d, cnt ? m : 1, N, sg != NULL));
  for (size_t i = 0, k = 0; i < d->m; i++) {
    d->s[i] = NAN, d->off[i] = k, d->n[i] = cnt ? (size_t)cnt[i] : N;
    for (size_t j = 0; j < d->n[i]; j++, k++) put_row(d, k, k, x, y, sg);
  }
  return SFHET_OK;
}

/* Sorts, merges repeated biases and drops non-finite rows in every spectrum; checks as sfhet fit. */
static int clean_and_check(fit_spectra *d, size_t nfree) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < d->m; i++) {
    size_t o = d->off[i];
    sfhet_clean_info ci;
    SFHET_TRY(sfhet_xy_clean(d->x + o, d->y + o, d->sigma ? d->sigma + o : NULL, &d->n[i], &ci));
    d->info.dropped += ci.dropped, d->info.merged += ci.merged;
    for (size_t k = 0; k < d->n[i]; k++) lo = fmin(lo, d->y[o + k]), hi = fmax(hi, d->y[o + k]);
    for (size_t k = 0; d->sigma && k < d->n[i]; k++)
      if (!(d->sigma[o + k] > 0)) SFHET_ERROR(SFHET_EDATA, "sigma: %g at V = %g mV is not > 0", d->sigma[o + k], d->x[o + k]);
  }
  if (!(hi > lo)) SFHET_ERROR(SFHET_EDATA, "G is constant or has no finite values: nothing to fit");
  for (size_t i = 0; i < d->m; i++) {
    const double *x = d->x + d->off[i];
    if (d->n[i] < 3 || !(x[d->n[i] - 1] > x[0]))
      SFHET_ERROR(SFHET_EDATA, "spectrum %zu: %zu distinct biases (need at least 3)", i, d->n[i]);
    if (d->n[i] <= nfree)
      SFHET_ERROR(SFHET_EDATA, "spectrum %zu: %zu data points for %zu free parameters; need more points than "
                  "parameters", i, d->n[i], nfree);
  }
  return SFHET_OK;
}

static int load_spectra(bind_args *a, const bind_fit_setup *f, fit_spectra *d, int *sweep) {
  const double *x, *y, *sg, *cnt, *sw;
  size_t N, ny, ns, m, nw;
  SFHET_TRY(bind_array(a, "V", BIND_REQUIRED, &x, &N));
  SFHET_TRY(bind_array(a, "G", BIND_REQUIRED, &y, &ny));
  SFHET_TRY(bind_array(a, "sigma", 0, &sg, &ns));
  SFHET_TRY(bind_array(a, "n", 0, &cnt, &m));
  SFHET_TRY(bind_array(a, "sweep", 0, &sw, &nw));
  if (ny != N) SFHET_ERROR(SFHET_EINVAL, "fit: V has %zu values but G has %zu", N, ny);
  if (sg && ns != N) SFHET_ERROR(SFHET_EINVAL, "fit: V has %zu values but sigma has %zu", N, ns);
  if (sw && nw != N) SFHET_ERROR(SFHET_EINVAL, "fit: V has %zu values but sweep has %zu", N, nw);
  if (cnt && sw) SFHET_ERROR(SFHET_EUSAGE, "fit: give either n (counts) or sweep (long format), not both");
  *sweep = cnt || sw;
  if (f->any_shared && !*sweep) SFHET_ERROR(SFHET_EUSAGE, "shared needs a sweep (several spectra)");
  SFHET_TRY(sw ? split_by_sweep(d, sw, N, x, y, sg) : split_by_counts(d, cnt, m, N, x, y, sg));
  size_t nfree = 0;
  for (size_t k = 0; k < f->cfg.np; k++) nfree += f->cfg.free[k] && !f->shared[k];
  return clean_and_check(d, nfree);
}

static sfhet_fit_data spectrum(const fit_spectra *d, size_t i) {
  size_t o = d->off[i];
  return (sfhet_fit_data){d->x + o, d->y + o, d->sigma ? d->sigma + o : NULL, d->n[i]};
}

/* Warnings sfhet fit prints: rows skipped or averaged, data not normalised while gnn is held. */
static int data_warnings(const bind_fit_setup *f, const fit_spectra *d, sfhet_bind_res *r) {
  if (d->info.dropped)
    SFHET_TRY(bind_res_string(r, "warning", "skipped %zu row%s with missing or non-finite values", d->info.dropped,
                              d->info.dropped == 1 ? "" : "s"));
  if (d->info.merged)
    SFHET_TRY(bind_res_string(r, "warning", "averaged %zu row%s with a repeated bias value", d->info.merged,
                              d->info.merged == 1 ? "" : "s"));
  int kg = sfhet_fit_index(&f->cfg, "gnn");
  if (f->cfg.free[kg]) return SFHET_OK;
  sfhet_fit_data d0 = spectrum(d, 0);
  double level = sfhet_fit_large_bias_level(&d0), want = f->cfg.value[kg];
  if (fabs(level / want - 1) > 0.3)
    SFHET_TRY(bind_res_string(r, "warning", "the data at large bias are at %.4g, not near gnn = %g: free gnn, "
                              "or normalise the data", level, want));
  return SFHET_OK;
}

/* With a clip: per spectrum a flag array the fit marks the points it leaves out in (cfg.rejected). */
static int alloc_rejected(bind_fit_setup *f, const fit_spectra *d, unsigned char ***rej) {
  *rej = NULL;
  if (!(f->cfg.clip > 0)) return SFHET_OK;
  unsigned char **p = calloc(d->m, sizeof *p);
  if (!p) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  *rej = p;
  for (size_t i = 0; i < d->m; i++)
    if (!(p[i] = calloc(d->n[i] ? d->n[i] : 1, 1))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  f->cfg.rejected = p;
  return SFHET_OK;
}

static void free_rejected(unsigned char **rej, size_t m) {
  for (size_t i = 0; rej && i < m; i++) free(rej[i]);
  free(rej);
}

/* The warnings sfhet fit prints after fitting: points the clip left out, fits worse than the noise. */
static int fit_warnings(const bind_fit_setup *f, const fit_spectra *d, const sfhet_fit_result *res,
                        sfhet_bind_res *r) {
  size_t out = 0, all = 0, bad = 0, worst = 0;
  double wv = 0.0;
  for (size_t i = 0; i < d->m; i++) {
    out += res[i].n_rejected, all += d->n[i];
    sfhet_fit_data di = spectrum(d, i);
    double v = res[i].status == SFHET_OK ? sfhet_fit_misfit(&res[i], &di) : 0.0;
    if (v > 4.0) bad++;
    if (v > wv) wv = v, worst = i;
  }
  if (out)
    SFHET_TRY(bind_res_string(r, "warning", "clip %g: left out %zu of %zu points (the result's rejected flags "
                              "list them)", f->cfg.clip, out, all));
  if (bad && d->m == 1)
    SFHET_TRY(bind_res_string(r, "warning", "the model does not describe the data: chi2_red is %.3g times what "
                              "the noise explains; check the fixed parameters (T, vac, ...) and the model", wv));
  else if (bad)
    SFHET_TRY(bind_res_string(r, "warning", "%zu of %zu spectra fit worse than their noise (worst: spectrum %zu, "
                              "chi2_red %.3g times what the noise explains); check the fixed parameters and the "
                              "model", bad, d->m, worst, wv));
  return SFHET_OK;
}

static int fit_single(const bind_fit_setup *f, const fit_spectra *d, sfhet_fit_result *res) {
  void *ws = sfhet_fit_ws_alloc(&f->cfg);
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_fit_data d0 = spectrum(d, 0);
  int st = sfhet_fit_spectrum(&f->cfg, &d0, NULL, res, ws);
  sfhet_fit_ws_free(&f->cfg, ws);
  return st;
}

/* Sweep fit (and global fit of the shared parameters); spectra that fail while others converge are
 * reported by a warning and converged = 0, as sfhet fit does. */
static int fit_sweep(const bind_fit_setup *f, const fit_spectra *d, int threads, sfhet_fit_result *res,
                     double *chi2g, sfhet_bind_res *r) {
  sfhet_fit_data *dd = malloc(d->m * sizeof *dd);
  if (!dd) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < d->m; i++) dd[i] = spectrum(d, i);
  int st = sfhet_fit_sweep(&f->cfg, dd, d->m, threads, NULL, res);
  size_t bad = 0, stop = d->m;
  for (size_t i = 0; i < d->m; i++) {
    bad += res[i].status != SFHET_OK;
    if (res[i].stopped && (stop == d->m || strncmp(res[stop].reason, "stopped", 7) != 0)) stop = i;
  }
  if (stop < d->m) { /* a budget or time limit reached is no result, even for one spectrum (as sfhet fit) */
    SFHET_REPORT(st = SFHET_ENOCONV, "fit: spectrum %zu (sweep = %g): %s; try better start values, fewer free "
                 "parameters or data points, or a larger max_evals / time_limit", stop + 1, d->s[stop],
                 res[stop].reason);
  } else if (bad && bad < d->m) {
    st = bind_res_string(r, "warning", "%zu of %zu spectra did not converge (converged = 0): %s", bad, d->m,
                         sfhet_last_error());
    sfhet_clear_error();
  }
  if (!st) st = fit_warnings(f, d, res, r);
  if (!st && f->any_shared) st = sfhet_fit_global(&f->cfg, f->shared, dd, d->m, res, chi2g, threads);
  free(dd);
  return st;
}

/* Per-spectrum numbers of the results: m rows each. */
static int result_stats(const sfhet_fit_result *res, size_t m, size_t np, sfhet_bind_res *r) {
  static const char *const names[] = {"chi2", "chi2_red", "n_points", "n_free", "n_iter", "converged",
                                      "errors_scaled", "status", "n_evals", "n_rejected", "condition_number",
                                      "stopped"};
  enum { NSTAT = sizeof names / sizeof names[0] };
  double *col[NSTAT], *val, *err, *bnd, *corr;
  for (size_t c = 0; c < NSTAT; c++) SFHET_TRY(bind_res_array(r, names[c], m, 1, &col[c]));
  SFHET_TRY(bind_res_array(r, "value", m, np, &val));
  SFHET_TRY(bind_res_array(r, "err", m, np, &err));
  SFHET_TRY(bind_res_array(r, "at_bound", m, np, &bnd));
  SFHET_TRY(bind_res_array(r, "corr", m, np * np, &corr)); /* full np x np per spectrum, NaN off the free ones */
  for (size_t i = 0; i < m; i++) {
    const sfhet_fit_result *q = &res[i];
    double v[NSTAT] = {q->chi2, q->chi2_red, (double)q->n_points, (double)q->n_free, (double)q->n_iter,
                       q->converged, q->errors_scaled, q->status, (double)q->n_evals, (double)q->n_rejected,
                       q->cond, q->stopped};
    for (size_t c = 0; c < NSTAT; c++) col[c][i] = v[c];
    for (size_t k = 0; k < np; k++)
      val[i * np + k] = q->value[k], err[i * np + k] = q->err[k], bnd[i * np + k] = q->at_bound[k];
    double *C = corr + i * np * np;
    for (size_t k = 0; k < np * np; k++) C[k] = NAN;
    for (size_t a = 0; a < q->n_free; a++)
      for (size_t b = 0; b < q->n_free; b++) C[q->free_idx[a] * np + q->free_idx[b]] = q->corr[a * q->n_free + b];
    SFHET_TRY(bind_res_string(r, "reason", "%s", q->reason));
  }
  return SFHET_OK;
}

/* The cleaned data actually fitted (spectra concatenated) and the fitted model at those biases. */
static int result_curves(const bind_fit_setup *f, const fit_spectra *d, const sfhet_fit_result *res,
                         sfhet_bind_res *r) {
  size_t tot = 0;
  for (size_t i = 0; i < d->m; i++) tot += d->n[i];
  double *V, *G, *S = NULL, *Y, *n, *s, *R = NULL;
  SFHET_TRY(bind_res_array(r, "V", tot, 1, &V));
  SFHET_TRY(bind_res_array(r, "G", tot, 1, &G));
  if (d->sigma) SFHET_TRY(bind_res_array(r, "sigma", tot, 1, &S));
  SFHET_TRY(bind_res_array(r, "curve", tot, 1, &Y));
  if (f->cfg.rejected) SFHET_TRY(bind_res_array(r, "rejected", tot, 1, &R));
  SFHET_TRY(bind_res_array(r, "n", d->m, 1, &n));
  SFHET_TRY(bind_res_array(r, "sweep", d->m, 1, &s));
  void *ws = sfhet_fit_ws_alloc(&f->cfg);
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = SFHET_OK;
  for (size_t i = 0, k = 0; i < d->m && !st; k += d->n[i], i++) {
    size_t o = d->off[i], ni = d->n[i];
    memcpy(V + k, d->x + o, ni * sizeof *V), memcpy(G + k, d->y + o, ni * sizeof *G);
    if (S) memcpy(S + k, d->sigma + o, ni * sizeof *S);
    for (size_t j = 0; R && j < ni; j++) R[k + j] = f->cfg.rejected[i][j];
    n[i] = (double)ni, s[i] = d->s[i];
    st = sfhet_fit_eval(&f->cfg, res[i].value, d->x + o, ni, Y + k, ws);
  }
  sfhet_fit_ws_free(&f->cfg, ws);
  return st;
}

/* Caveats of the model for the fitted values (sfhet fit prints them as warnings). */
static int result_notes(const bind_fit_setup *f, const sfhet_fit_result *res, size_t m, sfhet_bind_res *r) {
  for (size_t i = 0; i < m; i++) {
    const char *note = f->model.note && res[i].status == SFHET_OK ? f->model.note(&f->model, res[i].value) : NULL;
    SFHET_TRY(bind_res_string(r, "note", "%s", note ? note : ""));
  }
  return SFHET_OK;
}

static int fit_and_report(bind_args *a, bind_fit_setup *f, const fit_spectra *d, int sweep, sfhet_bind_res *r) {
  long threads;
  SFHET_TRY(bind_int(a, "threads", 0, 0, 1024, &threads));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(data_warnings(f, d, r));
  sfhet_fit_result *res = calloc(d->m, sizeof *res);
  if (!res) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double chi2g = NAN;
  unsigned char **rej;
  int st = alloc_rejected(f, d, &rej);
  if (!st) st = sweep ? fit_sweep(f, d, (int)threads, res, &chi2g, r) : fit_single(f, d, res);
  if (!st && !sweep) st = fit_warnings(f, d, res, r);
  if (!st) st = bind_fit_setup_describe(f, r);
  if (!st) st = result_stats(res, d->m, f->cfg.np, r);
  if (!st) st = result_curves(f, d, res, r);
  if (!st) st = result_notes(f, res, d->m, r);
  if (!st) st = bind_res_scalar(r, "chi2_red_global", chi2g);
  if (!st) st = bind_res_scalar(r, "loss_scale", f->cfg.loss_scale);
  if (!st) st = bind_res_string(r, "loss", "%s", f->loss);
  free_rejected(rej, d->m);
  f->cfg.rejected = NULL;
  free(res);
  return st;
}

static int run_fit(bind_args *a, sfhet_bind_res *r) {
  bind_fit_setup *f = calloc(1, sizeof *f);
  fit_spectra d;
  memset(&d, 0, sizeof d);
  if (!f) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int sweep = 0, st = bind_fit_setup_make(a, f);
  if (!st) st = load_spectra(a, f, &d, &sweep);
  if (!st) st = fit_and_report(a, f, &d, sweep, r);
  spectra_free(&d);
  free(f);
  return st;
}

const bind_fn bind_fn_fit = {
    .name = "fit",
    .summary = "fits a junction model to one spectrum or a sweep (sfhet fit): values, errors, correlations, "
               "chi2_red, converged, the cleaned data and the model curve",
    .args = "junction (nis|sis, required), model, model2, the junction's parameters (T required) and V0, gnn, "
            "bg0, bg1 (start or fixed values), free, shared, starts (3), seed (1), loss (linear|soft_l1|huber|"
            "cauchy), loss_scale (1), clip, max_evals (20000), time_limit (300 s), threads (0: all), arrays V "
            "[mV], G, sigma, and n (points per spectrum) or sweep (a sweep value per row)",
    .run = run_fit};
