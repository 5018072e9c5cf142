/* Fit of one spectrum: the lsq problem over the configured parameters, with multiple starts, an
 * optional iterative sigma clip, and one evaluation budget and time limit for all of it. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

#define CLIP_ROUNDS 10

typedef struct {
  const sfhet_fit_config *c;
  const sfhet_fit_data *d;
  void *ws;
  double *up, *dn; /* 2n scratch for the Jacobian */
} spec_ctx;

static int spec_f(const double *p, double *model, void *ctx) {
  spec_ctx *s = ctx;
  return sfhet_fit_eval(s->c, p, s->d->x, s->d->n, model, s->ws);
}

/* Columns of the nuisance parameters that enter linearly, y = gnn*G + bg0 + bg1*x: analytic
 * (gnn from the model at p, evaluated once). */
static int linear_columns(spec_ctx *s, const double *p, int *want, double *jac) {
  size_t n = s->d->n, np = s->c->np, m = s->c->model->np;
  if (want[m + 1]) {
    SFHET_TRY(spec_f(p, s->up, s));
    for (size_t i = 0; i < n; i++) jac[i * np + m + 1] = (s->up[i] - p[m + 2] - p[m + 3] * s->d->x[i]) / p[m + 1];
  }
  for (size_t i = 0; i < n; i++) {
    if (want[m + 2]) jac[i * np + m + 2] = 1.0;
    if (want[m + 3]) jac[i * np + m + 3] = s->d->x[i];
  }
  want[m + 1] = want[m + 2] = want[m + 3] = 0;
  return SFHET_OK;
}

/* Model columns from the model's own derivatives (taken at x − V0, scaled by gnn; the V0 column from
 * dG/dx); nothing when the model declines (SFHET_CONTINUE). */
static int model_columns(spec_ctx *s, const double *p, int *want, double *jac) {
  const sfhet_fit_model *mod = s->c->model;
  size_t n = s->d->n, np = s->c->np, m = mod->np;
  double V0 = p[m], gnn = p[m + 1], *xs = s->up, *dx = want[m] ? s->dn : NULL;
  for (size_t i = 0; i < n; i++) xs[i] = s->d->x[i] - V0;
  int st = mod->deriv(mod, p, want, xs, n, jac, np, dx, fit_ws_model(s->ws));
  if (st == SFHET_CONTINUE) return SFHET_OK;
  SFHET_TRY(st);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < m; k++)
      if (want[k]) jac[i * np + k] *= gnn;
    if (dx) jac[i * np + m] = -gnn * dx[i];
  }
  for (size_t k = 0; k <= m; k++) want[k] = 0;
  return SFHET_OK;
}

/* The columns known in closed form; the engine takes the others by central differences with steps of
 * 1e-3 of each parameter's size (fit_options). */
static int spec_df(const double *p, int *want, double *jac, void *ctx) {
  spec_ctx *s = ctx;
  if (s->c->model->deriv) SFHET_TRY(model_columns(s, p, want, jac));
  if (p[s->c->model->np + 1] != 0) SFHET_TRY(linear_columns(s, p, want, jac));
  return SFHET_OK;
}

void fit_options(const sfhet_fit_config *c, double noise, int have_sigma, sfhet_lsq_options *o) {
  memset(o, 0, sizeof *o);
  /* 1e-3: large enough that the model's quadrature error (relative 1e-5 inside fits) does not swamp
   * the derivative, small enough that the O(h^2) truncation error stays ~1e-4 relative near peaks */
  o->fd_step = 1e-3;
  o->loss = c->loss;
  o->loss_scale = (c->loss_scale > 0 ? c->loss_scale : 1.0) * (have_sigma ? 1.0 : noise);
  o->monitor = c->monitor;
  o->monitor_ctx = c->monitor_ctx;
}

/* A spectrum's fit: the data kept by the clip, and what its fits have spent. */
typedef struct {
  const sfhet_fit_config *c;
  const sfhet_fit_data *d;
  void *ws;
  double *buf;          /* x, y, sigma of the kept points, then 2n scratch */
  unsigned char *rej;   /* n: 1 for points left out */
  sfhet_fit_data kept;
  double noise, t0;
  size_t evals;
} spec_job;

/* Budget and time left for the next engine run; 0 when nothing is left. */
static int budget_left(const spec_job *j, sfhet_lsq_options *o) {
  const sfhet_fit_config *c = j->c;
  if (c->max_evals) {
    if (j->evals >= c->max_evals) return 0;
    o->max_evals = c->max_evals - j->evals;
  }
  if (c->time_limit > 0) {
    o->time_limit = c->time_limit - (lsq_now() - j->t0);
    if (o->time_limit <= 0) return 0;
  }
  return 1;
}

/* Copies the engine's result into r. */
static void take_result(const spec_job *j, const sfhet_lsq_param *par, const sfhet_lsq_result *lr, int st,
                        sfhet_fit_result *r) {
  const sfhet_fit_config *c = j->c;
  memset(r, 0, sizeof *r);
  size_t nf = 0;
  for (size_t k = 0; k < c->np; k++) {
    r->value[k] = par[k].value;
    r->err[k] = par[k].free ? par[k].err : 0.0;
    r->at_bound[k] = par[k].free ? par[k].at_bound : 0;
    if (par[k].free) r->free_idx[nf++] = k;
  }
  r->n_free = nf;
  r->n_points = j->kept.n;
  r->n_rejected = j->d->n - j->kept.n;
  r->chi2 = lr->chi2;
  r->chi2_red = lr->chi2_red;
  r->n_iter = lr->n_iter;
  r->converged = lr->converged && st == SFHET_OK;
  r->errors_scaled = lr->errors_scaled;
  r->status = st;
  r->stopped = lr->stopped;
  r->cond = lr->cond;
  r->unidentified = lr->unidentified ? (int)r->free_idx[lr->unidentified - 1] + 1 : 0;
  r->n_evals = j->evals;
  snprintf(r->reason, sizeof r->reason, "%s", lr->reason[0] ? lr->reason : sfhet_last_error());
  if (lr->stopped == SFHET_LSQ_STOP_TIME)
    snprintf(r->reason, sizeof r->reason, "stopped: time limit of %g s reached (%zu model evaluations)",
             c->time_limit, j->evals);
  else if (lr->stopped == SFHET_LSQ_STOP_EVALS)
    snprintf(r->reason, sizeof r->reason, "stopped: %zu model evaluations (the evaluation budget)", j->evals);
  for (size_t i = 0; lr->corr && i < nf * nf; i++) r->corr[i] = lr->corr[i];
}

/* A result for a fit that could not start: nothing left of the budget, or an input error. */
static int no_fit(const spec_job *j, const double *p0, int stopped, int st, sfhet_fit_result *r) {
  sfhet_lsq_result lr;
  sfhet_lsq_param par[SFHET_FIT_MAX_PARAMS];
  memset(&lr, 0, sizeof lr);
  for (size_t k = 0; k < j->c->np; k++)
    par[k] = (sfhet_lsq_param){j->c->name[k], p0[k], 0, 0, j->c->free[k], 0, NAN, 0};
  lr.stopped = stopped;
  lr.chi2 = lr.chi2_red = stopped ? NAN : INFINITY;
  take_result(j, par, &lr, st, r);
  if (!stopped) r->chi2 = INFINITY;
  return st;
}

/* One run of the engine from p0 on the kept points. */
static int fit_once(spec_job *j, const double *p0, sfhet_fit_result *r) {
  const sfhet_fit_config *c = j->c;
  sfhet_lsq_param par[SFHET_FIT_MAX_PARAMS];
  double scale[SFHET_FIT_MAX_PARAMS];
  int open[SFHET_FIT_MAX_PARAMS];
  fit_param_scales(c, &j->kept, p0, scale);
  for (size_t k = 0; k < c->np; k++) {
    par[k] = (sfhet_lsq_param){c->name[k], p0[k], c->lo[k], c->hi[k], c->free[k], scale[k], 0.0, 0};
    open[k] = fit_param_open(c, k);
  }
  spec_ctx sc = {c, &j->kept, j->ws, j->buf + 3 * j->d->n, j->buf + 4 * j->d->n};
  sfhet_lsq_problem pb = {j->kept.n, j->kept.y, j->kept.sigma, spec_f, NULL, &sc, c->max_iter, c->xtol, 0, 0};
  sfhet_lsq_options o;
  fit_options(c, j->noise, j->kept.sigma != NULL, &o);
  o.pdf = spec_df;
  o.open = open;
  if (!budget_left(j, &o)) {
    int stop = c->max_evals && j->evals >= c->max_evals ? SFHET_LSQ_STOP_EVALS : SFHET_LSQ_STOP_TIME;
    return no_fit(j, p0, stop, SFHET_ENOCONV, r);
  }
  sfhet_lsq_result lr;
  int st = sfhet_lsq_fit_opt(&pb, &o, par, c->np, &lr);
  j->evals += lr.n_evals;
  if (st != SFHET_OK && st != SFHET_ENOCONV) {
    sfhet_lsq_result_free(&lr);
    no_fit(j, p0, 0, st, r);
    snprintf(r->reason, sizeof r->reason, "%s", sfhet_last_error());
    return st;
  }
  take_result(j, par, &lr, st, r);
  sfhet_lsq_result_free(&lr);
  return st;
}

/* The kept points (rej[i] == 0) into j->kept. */
static void compact(spec_job *j) {
  size_t n = j->d->n, m = 0;
  double *x = j->buf, *y = x + n, *s = y + n;
  for (size_t i = 0; i < n; i++) {
    if (j->rej[i]) continue;
    x[m] = j->d->x[i], y[m] = j->d->y[i];
    if (j->d->sigma) s[m] = j->d->sigma[i];
    m++;
  }
  j->kept = (sfhet_fit_data){x, y, j->d->sigma ? s : NULL, m};
}

/* One clip round at the result r: residuals of all points, the median and 1.4826 MAD of the kept
 * ones, every point beyond clip x that spread out. Returns how many flags changed (0 when the cut
 * would leave too few points). */
static size_t clip_round(spec_job *j, const sfhet_fit_result *r) {
  size_t n = j->d->n, m = 0, changed = 0, left = 0;
  double *res = j->buf + 3 * n, *tmp = res + n;
  if (sfhet_fit_eval(j->c, r->value, j->d->x, n, res, j->ws)) return 0;
  j->evals++;
  for (size_t i = 0; i < n; i++) {
    res[i] = (j->d->y[i] - res[i]) / (j->d->sigma ? j->d->sigma[i] : 1.0);
    if (!j->rej[i]) tmp[m++] = res[i];
  }
  if (m < 3) return 0;
  double med = fit_median(tmp, m);
  for (size_t i = 0; i < m; i++) tmp[i] = fabs(tmp[i] - med);
  double cut = j->c->clip * 1.4826 * fit_median(tmp, m);
  for (size_t i = 0; i < n; i++) left += fabs(res[i] - med) <= cut;
  if (!(cut > 0) || left <= r->n_free + 2) return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char out = fabs(res[i] - med) > cut;
    changed += out != j->rej[i];
    j->rej[i] = out;
  }
  return changed;
}

/* Clip rounds from the result r until the rejected set no longer changes, refitting each time. */
static int clip_loop(spec_job *j, sfhet_fit_result *r) {
  int st = r->status;
  for (int round = 0; j->c->clip > 0 && round < CLIP_ROUNDS && !r->stopped; round++) {
    if (r->status != SFHET_OK && r->status != SFHET_ENOCONV) break;
    if (clip_round(j, r) == 0) break;
    compact(j);
    double p[SFHET_FIT_MAX_PARAMS];
    memcpy(p, r->value, j->c->np * sizeof *p);
    st = fit_once(j, p, r);
  }
  return st;
}

/* A random start around p for start number s (deterministic for a seed). */
static void perturb(const sfhet_fit_config *c, const double *p, gsl_rng *rng, double *q) {
  for (size_t k = 0; k < c->np; k++) {
    q[k] = p[k];
    if (!c->free[k]) continue;
    double u = 2.0 * gsl_rng_uniform(rng) - 1.0, v = p[k];
    int wide = k < c->model->np && (c->model->info[k].flags & SFHET_PARAM_WIDE);
    if (isfinite(c->lo[k]) && isfinite(c->hi[k]) && v == 0)
      v = c->lo[k] + (c->hi[k] - c->lo[k]) * gsl_rng_uniform(rng);
    else if (v != 0)
      v *= exp((wide ? 1.5 : 0.3) * u);
    else
      v = 0.1 * u;
    double w = c->hi[k] - c->lo[k];
    if (isfinite(c->lo[k]) && v <= c->lo[k]) v = c->lo[k] + (isfinite(w) ? 1e-3 * w : 1e-3 * fabs(p[k]) + 1e-9);
    if (isfinite(c->hi[k]) && v >= c->hi[k]) v = c->hi[k] - (isfinite(w) ? 1e-3 * w : 1e-3 * fabs(p[k]) + 1e-9);
    q[k] = v;
  }
}

static int better(const sfhet_fit_result *a, const sfhet_fit_result *b) {
  if ((a->status == SFHET_OK) != (b->status == SFHET_OK)) return a->status == SFHET_OK;
  return a->chi2 < b->chi2;
}

/* The extra random starts on the kept points; the best result stays in r. */
static void extra_starts(spec_job *j, const double *start, sfhet_fit_result *r) {
  const sfhet_fit_config *c = j->c;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng) return;
  gsl_rng_set(rng, c->seed);
  double q[SFHET_FIT_MAX_PARAMS];
  for (int s = 1; s < c->starts && !r->stopped; s++) {
    sfhet_fit_result t;
    perturb(c, start, rng, q);
    fit_once(j, q, &t);
    if (t.stopped) r->stopped = t.stopped; /* the budget is spent: keep the best so far */
    if (better(&t, r)) *r = t;
  }
  r->n_evals = j->evals;
  gsl_rng_free(rng);
}

static int job_init(spec_job *j, const sfhet_fit_config *c, const sfhet_fit_data *d, void *ws) {
  memset(j, 0, sizeof *j);
  j->c = c, j->d = d, j->ws = ws, j->t0 = lsq_now();
  size_t n = d->n ? d->n : 1;
  j->buf = malloc(5 * n * sizeof *j->buf);
  j->rej = calloc(n, 1);
  if (!j->buf || !j->rej) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  compact(j);
  j->noise = fit_noise_level(d);
  if (!(j->noise > 0)) j->noise = 1e-6 * fmax(fabs(sfhet_fit_large_bias_level(d)), 1e-300);
  return SFHET_OK;
}

/* The library's message for a final status. */
static int report(const sfhet_fit_result *r) {
  if (r->status == SFHET_OK) return SFHET_OK;
  if (r->status != SFHET_ENOCONV) SFHET_ERROR(r->status, "%s", r->reason);
  if (r->stopped)
    SFHET_ERROR(SFHET_ENOCONV, "fit: %s; try better start values, fewer free parameters or data points, "
                "or a larger --max-evals / --time-limit", r->reason);
  if (r->unidentified)
    SFHET_ERROR(SFHET_ENOCONV, "fit: %s; hold the parameter(s) named fixed (leave them out of --free) or "
                "fit data that constrain them", r->reason);
  SFHET_ERROR(SFHET_ENOCONV, "fit: %s; try --starts 20, other start values, or fewer free parameters",
              r->reason);
}

int sfhet_fit_spectrum(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p0,
                       sfhet_fit_result *r, void *ws) {
  double start[SFHET_FIT_MAX_PARAMS];
  spec_job j;
  int st = job_init(&j, c, d, ws);
  if (p0)
    memcpy(start, p0, c->np * sizeof *start);
  else
    sfhet_fit_auto_start(c, d, start);
  if (!st) st = fit_once(&j, start, r);
  if (!st || st == SFHET_ENOCONV) st = clip_loop(&j, r);
  if (st == SFHET_EDATA || st == SFHET_EINVAL || st == SFHET_ENOMEM) {
    free(j.buf), free(j.rej);
    return st;
  }
  if (c->starts > 1 && !r->stopped && (c->all_starts || !fit_result_plausible(r, &j.kept))) {
    double before = r->chi2;
    extra_starts(&j, start, r);
    if (r->chi2 < before) clip_loop(&j, r);
  }
  fit_order_sides(c, &j.kept, start, r, ws);
  r->n_evals = j.evals;
  if (c->rejected && c->rejected[0]) memcpy(c->rejected[0], j.rej, d->n);
  free(j.buf), free(j.rej);
  return report(r);
}
