/* Model evaluations of the least-squares engine: the evaluation budget and wall-clock limit, the
 * p-space Jacobian (the problem's df where it gives columns, central differences kept inside the bounds
 * for the rest) and the scales of parameters that have no natural size. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "fit/fit_int.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"

double lsq_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int lsq_eval(lsq_ctx *c, const double *p, double *out) {
  const sfhet_lsq_problem *pb = c->pb;
  const sfhet_lsq_options *o = c->opt;
  double el = lsq_now() - c->t0;
  if (!c->stop && o->max_evals && c->evals >= o->max_evals) c->stop = SFHET_LSQ_STOP_EVALS;
  if (!c->stop && o->time_limit > 0 && el >= o->time_limit) c->stop = SFHET_LSQ_STOP_TIME;
  if (c->stop) return SFHET_ENOCONV;
  c->evals++;
  int st = pb->f(p, out, pb->ctx);
  if (o->monitor) o->monitor(c->iter, c->evals, c->chi2, lsq_now() - c->t0, o->monitor_ctx);
  return st;
}

int lsq_model_at_p(lsq_ctx *c) {
  if (c->have_model && memcmp(c->pm, c->p, c->np * sizeof *c->p) == 0) return SFHET_OK;
  c->have_model = 0;
  SFHET_TRY(lsq_eval(c, c->p, c->model));
  memcpy(c->pm, c->p, c->np * sizeof *c->p);
  c->have_model = 1;
  return SFHET_OK;
}

/* Whether p + t lies inside [lo, hi], with a margin that keeps rounding off the bounds. */
static int inside(double p, double t, double lo, double hi) {
  double q = p + t, m = 1e-9 * fabs(t);
  return q - m > lo && q + m < hi;
}

typedef struct {
  fit_values_fn *f;
  void *ctx;
  double *p;
  size_t k, n;
} fd_job;

/* The values at p[k] + t into out. */
static int at(const fd_job *j, double t, double *out) {
  double p0 = j->p[j->k];
  j->p[j->k] = p0 + t;
  int st = j->f(j->p, out, j->ctx);
  j->p[j->k] = p0;
  return st;
}

/* Central difference with step h. */
static int central(const fd_job *j, double h, double *col, double *up, double *dn) {
  SFHET_TRY(at(j, h, up));
  SFHET_TRY(at(j, -h, dn));
  for (size_t i = 0; i < j->n; i++) col[i] = (up[i] - dn[i]) / (2.0 * h);
  return SFHET_OK;
}

/* Second-order one-sided difference towards sign(h): (-3 f0 + 4 f(h) - f(2h)) / (2h). */
static int one_sided(const fd_job *j, double h, const double *f0, double *col, double *up, double *dn) {
  SFHET_TRY(at(j, h, up));
  SFHET_TRY(at(j, 2.0 * h, dn));
  for (size_t i = 0; i < j->n; i++) col[i] = (-3.0 * f0[i] + 4.0 * up[i] - dn[i]) / (2.0 * h);
  return SFHET_OK;
}

int fit_fd_column(fit_values_fn *f, void *ctx, double *p, size_t k, double lo, double hi, double h,
                  size_t n, const double *f0, double *col, double *scratch) {
  fd_job j = {f, ctx, p, k, n};
  double *up = scratch, *dn = scratch + n, *f0b = scratch + 2 * n, v = p[k];
  if (!(h > 0) || !isfinite(h)) h = 1e-8 * fmax(fabs(v), 1.0);
  int st = SFHET_EFAILED;
  if (inside(v, h, lo, hi) && inside(v, -h, lo, hi)) {
    st = central(&j, h, col, up, dn);
    if (st == SFHET_OK) return st;
  }
  /* one-sided: forward, backward, then a quarter of the wider side of a narrow interval */
  double t[3], wide = fmax(hi - v, v - lo);
  size_t nt = 0;
  if (inside(v, 2.0 * h, lo, hi)) t[nt++] = h;
  if (inside(v, -2.0 * h, lo, hi)) t[nt++] = -h;
  if (nt == 0 && wide > 0 && isfinite(wide)) t[nt++] = hi - v >= v - lo ? 0.25 * wide : -0.25 * wide;
  if (nt > 0 && !f0) {
    SFHET_TRY(f(p, f0b, ctx));
    f0 = f0b;
  }
  for (size_t a = 0; a < nt; a++) {
    st = one_sided(&j, t[a], f0, col, up, dn);
    if (st == SFHET_OK) return st;
  }
  return st;
}

/* The engine's model, counted, as a fit_values_fn. */
static int counted(const double *p, double *out, void *ctx) { return lsq_eval(ctx, p, out); }

/* Central-difference step of full parameter k: fd_step of max(|p_k|, its scale). */
static double step_of(const lsq_ctx *c, size_t k) {
  double sc = c->par[k].scale;
  for (size_t j = 0; j < c->nfree; j++)
    if (c->idx[j] == k) sc = c->s[j];
  double rel = c->opt->fd_step > 0 ? c->opt->fd_step : 1e-5;
  return rel * fmax(fabs(c->p[k]), sc > 0 ? sc : 0.0);
}

/* Columns df did not give, by differences. */
static int fd_columns(lsq_ctx *c, const size_t *cols, size_t nc, gsl_matrix *J) {
  const double *f0 = NULL;
  for (size_t j = 0; j < nc; j++) {
    size_t k = cols[j];
    if (!c->want[k]) continue;
    if (!f0) {
      SFHET_TRY(lsq_model_at_p(c));
      f0 = c->model;
    }
    const sfhet_lsq_param *q = &c->par[k];
    SFHET_TRY(fit_fd_column(counted, c, c->p, k, q->lo, q->hi, step_of(c, k), c->n, f0, c->col, c->scratch));
    for (size_t i = 0; i < c->n; i++) gsl_matrix_set(J, i, j, c->col[i]);
  }
  return SFHET_OK;
}

int lsq_jacobian_p(lsq_ctx *c, const size_t *cols, size_t nc, gsl_matrix *J) {
  const sfhet_lsq_problem *pb = c->pb;
  for (size_t k = 0; k < c->np; k++) c->want[k] = 0;
  for (size_t j = 0; j < nc; j++) c->want[cols[j]] = 1;
  if (pb->df || c->opt->pdf) {
    if (pb->df) {
      SFHET_TRY(pb->df(c->p, c->want, c->jac, pb->ctx)); /* every wanted column */
      for (size_t k = 0; k < c->np; k++) c->want[k] = 0;
    } else {
      SFHET_TRY(c->opt->pdf(c->p, c->want, c->jac, pb->ctx));
    }
    for (size_t j = 0; j < nc; j++) {
      size_t k = cols[j];
      if (c->want[k]) continue;
      for (size_t i = 0; i < c->n; i++) gsl_matrix_set(J, i, j, c->jac[i * c->np + k]);
    }
  }
  return fd_columns(c, cols, nc, J);
}

int lsq_probe_scales(lsq_ctx *c) {
  double rs = c->rs > 0 ? c->rs : 1.0;
  for (size_t j = 0; j < c->nfree; j++) {
    if (c->s[j] > 0) continue;
    size_t k = c->idx[j];
    const sfhet_lsq_param *q = &c->par[k];
    double s = 1.0, h = 1e-6 * fmax(fabs(c->p[k]), 1.0);
    SFHET_TRY(lsq_model_at_p(c));
    for (int round = 0; round < 8; round++) { /* the change of p_k that moves the model by ~rs */
      SFHET_TRY(fit_fd_column(counted, c, c->p, k, q->lo, q->hi, h, c->n, c->model, c->col, c->scratch));
      double nrm = 0.0;
      for (size_t i = 0; i < c->n; i++) {
        double w = c->pb->sigma ? c->col[i] / c->pb->sigma[i] : c->col[i];
        nrm += w * w;
      }
      nrm = sqrt(nrm / (double)c->n);
      if (!(nrm > 0) || !isfinite(nrm)) {
        h *= 1e3;
        continue;
      }
      s = rs / nrm;
      if (h <= 1e-3 * s && h >= 1e-9 * s) break;
      h = 1e-6 * s;
    }
    c->s[j] = s;
  }
  return SFHET_OK;
}
