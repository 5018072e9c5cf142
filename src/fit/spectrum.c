/* Fit of one spectrum: the lsq problem over the configured parameters, with multiple starts. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

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
 * (gnn from the model at p, evaluated once). Returns the status. */
static int linear_columns(spec_ctx *s, const double *p, const int *want, double *jac) {
  size_t n = s->d->n, np = s->c->np, m = s->c->model->np;
  if (want[m + 1]) {
    SFHET_TRY(spec_f(p, s->up, s));
    for (size_t i = 0; i < n; i++) jac[i * np + m + 1] = (s->up[i] - p[m + 2] - p[m + 3] * s->d->x[i]) / p[m + 1];
  }
  for (size_t i = 0; i < n; i++) {
    if (want[m + 2]) jac[i * np + m + 2] = 1.0;
    if (want[m + 3]) jac[i * np + m + 3] = s->d->x[i];
  }
  return SFHET_OK;
}

/* Model columns from the model's own derivatives (taken at x − V0, scaled by gnn; the V0 column from
 * dG/dx); *done = 0 when the model declines (SFHET_CONTINUE). */
static int model_columns(spec_ctx *s, const double *p, const int *want, double *jac, int *done) {
  const sfhet_fit_model *mod = s->c->model;
  size_t n = s->d->n, np = s->c->np, m = mod->np;
  double V0 = p[m], gnn = p[m + 1], *xs = s->up, *dx = want[m] ? s->dn : NULL;
  for (size_t i = 0; i < n; i++) xs[i] = s->d->x[i] - V0;
  int st = mod->deriv(mod, p, want, xs, n, jac, np, dx, fit_ws_model(s->ws));
  *done = st == SFHET_OK;
  if (st == SFHET_CONTINUE) return SFHET_OK;
  SFHET_TRY(st);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < m; k++)
      if (want[k]) jac[i * np + k] *= gnn;
    if (dx) jac[i * np + m] = -gnn * dx[i];
  }
  return SFHET_OK;
}

/* Other columns by central differences with a step of 1e-3 of the parameter's size (at least 1e-5):
 * large enough that the model's quadrature error (relative 1e-5 inside fits) does not swamp the
 * derivative, small enough that the O(h^2) truncation error stays ~1e-4 relative near peaks of width
 * ~0.1 meV. */
static int spec_df(const double *p, const int *want, double *jac, void *ctx) {
  spec_ctx *s = ctx;
  size_t n = s->d->n, np = s->c->np, m = s->c->model->np;
  double q[SFHET_FIT_MAX_PARAMS];
  memcpy(q, p, np * sizeof *q);
  if (p[m + 1] != 0) SFHET_TRY(linear_columns(s, p, want, jac));
  int done = 0;
  if (s->c->model->deriv) SFHET_TRY(model_columns(s, p, want, jac, &done));
  for (size_t k = done ? m + 1 : 0; k < np; k++) {
    if (!want[k] || (p[m + 1] != 0 && k > m)) continue;
    double h = 1e-3 * fmax(fabs(p[k]), 1e-2);
    q[k] = p[k] + h;
    SFHET_TRY(spec_f(q, s->up, ctx));
    q[k] = p[k] - h;
    SFHET_TRY(spec_f(q, s->dn, ctx));
    q[k] = p[k];
    for (size_t i = 0; i < n; i++) jac[i * np + k] = (s->up[i] - s->dn[i]) / (2 * h);
  }
  return SFHET_OK;
}

/* Copies the engine's result into r. */
static void take_result(const sfhet_fit_config *c, const sfhet_lsq_param *par, const sfhet_lsq_result *lr,
                        size_t n, int st, sfhet_fit_result *r) {
  memset(r, 0, sizeof *r);
  size_t nf = 0;
  for (size_t k = 0; k < c->np; k++) {
    r->value[k] = par[k].value;
    r->err[k] = par[k].free ? par[k].err : 0.0;
    r->at_bound[k] = par[k].free ? par[k].at_bound : 0;
    if (par[k].free) r->free_idx[nf++] = k;
  }
  r->n_free = nf;
  r->n_points = n;
  r->chi2 = lr->chi2;
  r->chi2_red = lr->chi2_red;
  r->n_iter = lr->n_iter;
  r->converged = lr->converged && st == SFHET_OK;
  r->errors_scaled = lr->errors_scaled;
  r->status = st;
  snprintf(r->reason, sizeof r->reason, "%s", lr->reason[0] ? lr->reason : sfhet_last_error());
  for (size_t i = 0; lr->corr && i < nf * nf; i++) r->corr[i] = lr->corr[i];
}

/* One run of the engine from p0. */
static int fit_once(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p0,
                    sfhet_fit_result *r, void *ws) {
  sfhet_lsq_param par[SFHET_FIT_MAX_PARAMS];
  for (size_t k = 0; k < c->np; k++)
    par[k] = (sfhet_lsq_param){c->name[k], p0[k], c->lo[k], c->hi[k], c->free[k], 0.0, 0.0, 0};
  spec_ctx sc = {c, d, ws, malloc(2 * d->n * sizeof(double)), NULL};
  if (!sc.up) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  sc.dn = sc.up + d->n;
  sfhet_lsq_problem pb = {d->n, d->y, d->sigma, spec_f, spec_df, &sc, c->max_iter, c->xtol, 0, 0};
  sfhet_lsq_result lr;
  int st = sfhet_lsq_fit(&pb, par, c->np, &lr);
  free(sc.up);
  if (st != SFHET_OK && st != SFHET_ENOCONV) {
    sfhet_lsq_result_free(&lr);
    memset(r, 0, sizeof *r);
    r->status = st;
    r->chi2 = INFINITY;
    snprintf(r->reason, sizeof r->reason, "%s", sfhet_last_error());
    return st;
  }
  take_result(c, par, &lr, d->n, st, r);
  sfhet_lsq_result_free(&lr);
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

int sfhet_fit_spectrum(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p0,
                       sfhet_fit_result *r, void *ws) {
  double start[SFHET_FIT_MAX_PARAMS], q[SFHET_FIT_MAX_PARAMS];
  if (p0)
    memcpy(start, p0, c->np * sizeof *start);
  else
    sfhet_fit_auto_start(c, d, start);
  int st = fit_once(c, d, start, r, ws);
  if (st == SFHET_EDATA || st == SFHET_EINVAL || st == SFHET_ENOMEM) return st;
  int more = c->starts > 1 && (c->all_starts || !fit_result_plausible(r, d));
  gsl_rng *rng = more ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
  if (rng) gsl_rng_set(rng, c->seed);
  for (int s = 1; rng && s < c->starts; s++) {
    sfhet_fit_result t;
    perturb(c, start, rng, q);
    fit_once(c, d, q, &t, ws);
    if (better(&t, r)) *r = t;
  }
  gsl_rng_free(rng);
  fit_order_sides(c, d, start, r, ws);
  if (r->status != SFHET_OK && r->status != SFHET_ENOCONV)
    SFHET_ERROR(r->status, "%s", r->reason);
  if (r->status == SFHET_ENOCONV)
    SFHET_ERROR(SFHET_ENOCONV, "fit: %s; try --starts 20, other start values, or fewer free parameters",
                r->reason);
  return r->status;
}
