/* Bounded nonlinear least squares on top of gsl_multifit_nlinear, in scaled variables: each free
 * parameter is measured in its typical size s (p = s u without bounds, smooth transforms with them) and
 * the residuals in the data's spread, so that GSL's steps and stopping tests are the same whatever the
 * units of the data and the parameters. */
#include "sfhet/lsq.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/lsq_int.h"
#include "sfhet/error.h"

#define REJECT 1e8 /* internal residual of a trial point the model cannot evaluate */

double lsq_clamp_value(double lo, double hi, int open, double s, double p) {
  double m = 1e-9 * s;
  if (open & SFHET_LSQ_LO_OPEN) lo += fmax(m, 1e-12 * fabs(lo));
  if (open & SFHET_LSQ_HI_OPEN) hi -= fmax(m, 1e-12 * fabs(hi));
  return fmin(fmax(p, lo), hi);
}

/* Keeps p inside [lo, hi], off an open bound by 1e-9 of the parameter's size. */
static double clamp(const lsq_ctx *c, size_t j, double p) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  return lsq_clamp_value(q->lo, q->hi, c->opt->open ? c->opt->open[c->idx[j]] : 0, c->s[j], p);
}

/* p(u) for free parameter j. */
static double to_p(const lsq_ctx *c, size_t j, double u) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  int hl = isfinite(q->lo), hh = isfinite(q->hi);
  double s = c->s[j], v;
  if (hl && hh) v = q->lo + 0.5 * (q->hi - q->lo) * (sin(u) + 1.0);
  else if (hl) v = q->lo + s * (sqrt(u * u + 1.0) - 1.0);
  else if (hh) v = q->hi - s * (sqrt(u * u + 1.0) - 1.0);
  else v = s * u;
  return clamp(c, j, v);
}

/* dp/du for free parameter j. */
static double dp_du(const lsq_ctx *c, size_t j, double u) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  int hl = isfinite(q->lo), hh = isfinite(q->hi);
  if (hl && hh) return 0.5 * (q->hi - q->lo) * cos(u);
  if (hl) return c->s[j] * u / sqrt(u * u + 1.0);
  if (hh) return -c->s[j] * u / sqrt(u * u + 1.0);
  return c->s[j];
}

/* u(p), the inverse of to_p. */
static double to_u(const lsq_ctx *c, size_t j, double p) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  int hl = isfinite(q->lo), hh = isfinite(q->hi);
  if (hl && hh) return asin(fmax(-1.0, fmin(1.0, 2.0 * (p - q->lo) / (q->hi - q->lo) - 1.0)));
  if (hl || hh) {
    double r = (hl ? p - q->lo : q->hi - p) / c->s[j] + 1.0;
    return sqrt(fmax(r * r - 1.0, 0.0));
  }
  return p / c->s[j];
}

static void set_full(lsq_ctx *c, const gsl_vector *u) {
  for (size_t j = 0; j < c->nfree; j++) c->p[c->idx[j]] = to_p(c, j, gsl_vector_get(u, j));
}

double lsq_residual(const lsq_ctx *c, size_t i, double model) {
  double r = model - c->pb->y[i];
  return c->pb->sigma ? r / c->pb->sigma[i] : r;
}

/* The model at c->p into c->model, with non-finite values an error. */
static int model_values(lsq_ctx *c) {
  c->have_model = 0;
  SFHET_TRY(lsq_eval(c, c->p, c->model));
  for (size_t i = 0; i < c->n; i++)
    if (!isfinite(lsq_residual(c, i, c->model[i]))) {
      if (c->trial) return SFHET_EFAILED; /* rejected quietly */
      SFHET_ERROR(SFHET_EFAILED, "fit: the model gave a non-finite value at data point %zu", i + 1);
    }
  memcpy(c->pm, c->p, c->np * sizeof *c->p);
  c->have_model = 1;
  return SFHET_OK;
}

/* Internal residuals (loss-transformed r) / rs at the current c->p. A trial point the model cannot
 * evaluate gets huge residuals, so that the trust region rejects the step and shrinks. */
static int residuals(lsq_ctx *c, gsl_vector *f) {
  int st = model_values(c);
  if (c->stop) return GSL_EBADFUNC;
  if (st && c->trial && st != SFHET_ENOMEM) {
    c->fail_iter = c->iter + 1;
    gsl_vector_set_all(f, REJECT);
    return GSL_SUCCESS;
  }
  if (st) {
    if (!c->status) c->status = st;
    return GSL_EBADFUNC;
  }
  for (size_t i = 0; i < c->n; i++) {
    double w, ft = lsq_loss_residual(c->opt->loss, c->fs, lsq_residual(c, i, c->model[i]), &w);
    gsl_vector_set(f, i, ft / c->rs);
  }
  return GSL_SUCCESS;
}

/* Whether the trial point c->p moves a free parameter by more than STEP_CAP times its size (its typical
 * size or its accepted value) from the last accepted point. Such a step is rejected without evaluating
 * the model: a weak start column can otherwise aim the first steps 10^4 sizes away, where the model may
 * be slow (a DOS with a huge scattering rate) or undefined. The trust region then shrinks to sane steps. */
#define STEP_CAP 10.0
static int step_too_long(const lsq_ctx *c) {
  if (!c->trial) return 0;
  for (size_t j = 0; j < c->nfree; j++) {
    size_t k = c->idx[j];
    if (fabs(c->p[k] - c->pacc[k]) > STEP_CAP * fmax(c->s[j], fabs(c->pacc[k]))) return 1;
  }
  return 0;
}

static void accept_point(lsq_ctx *c, const gsl_vector *u) {
  set_full(c, u);
  memcpy(c->pacc, c->p, c->np * sizeof *c->p);
}

static int gsl_f(const gsl_vector *u, void *params, gsl_vector *f) {
  lsq_ctx *c = params;
  set_full(c, u);
  if (step_too_long(c)) {
    gsl_vector_set_all(f, REJECT);
    return GSL_SUCCESS;
  }
  return residuals(c, f);
}

/* Jacobian of the internal residuals in u: the p-space model Jacobian times 1/sigma, the loss's
 * d f~/dr, dp/du and 1/rs. */
static int gsl_df(const gsl_vector *u, void *params, gsl_matrix *J) {
  lsq_ctx *c = params;
  const sfhet_lsq_problem *pb = c->pb;
  set_full(c, u);
  int st = lsq_model_at_p(c);
  if (!st) st = lsq_jacobian_p(c, c->idx, c->nfree, J);
  if (st) {
    if (!c->status && !c->stop) c->status = st;
    return GSL_EBADFUNC;
  }
  double *d = c->scratch; /* free after the Jacobian */
  for (size_t j = 0; j < c->nfree; j++) d[j] = dp_du(c, j, gsl_vector_get(u, j)) / c->rs;
  for (size_t i = 0; i < c->n; i++) {
    double r = lsq_residual(c, i, c->model[i]), w;
    lsq_loss_residual(c->opt->loss, c->fs, r, &w);
    if (pb->sigma) w /= pb->sigma[i];
    for (size_t j = 0; j < c->nfree; j++) gsl_matrix_set(J, i, j, gsl_matrix_get(J, i, j) * w * d[j]);
  }
  return GSL_SUCCESS;
}

/* Natural size of a parameter from its start value and bounds (0: none). */
static double natural_scale(const sfhet_lsq_param *q) {
  if (q->scale > 0) return q->scale;
  if (q->value != 0) return fabs(q->value);
  if (isfinite(q->lo) && isfinite(q->hi)) return 0.5 * (q->hi - q->lo);
  if (isfinite(q->lo) && q->value != q->lo) return fabs(q->value - q->lo);
  if (isfinite(q->hi) && q->value != q->hi) return fabs(q->hi - q->value);
  return 0.0;
}

/* Residual scale: 1 with sigmas, else the spread of y about its mean (its rms if constant). */
static double residual_scale(const sfhet_lsq_problem *pb) {
  if (pb->sigma || pb->n == 0) return 1.0;
  double mean = 0.0, var = 0.0, ms = 0.0;
  for (size_t i = 0; i < pb->n; i++) mean += pb->y[i] / (double)pb->n;
  for (size_t i = 0; i < pb->n; i++) {
    var += (pb->y[i] - mean) * (pb->y[i] - mean) / (double)pb->n;
    ms += pb->y[i] * pb->y[i] / (double)pb->n;
  }
  double s = var > 1e-20 * ms ? sqrt(var) : sqrt(ms);
  return s > 0 && isfinite(s) ? s : 1.0;
}

static int check_param(const sfhet_lsq_param *q) {
  if (!isfinite(q->value)) SFHET_ERROR(SFHET_EINVAL, "fit: start value of '%s' is not finite", q->name);
  if (!q->free) return SFHET_OK;
  if (q->value < q->lo || q->value > q->hi)
    SFHET_ERROR(SFHET_EINVAL, "fit: start value %g of '%s' is outside its bounds [%g, %g]", q->value,
                q->name, q->lo, q->hi);
  if (!(q->lo < q->hi))
    SFHET_ERROR(SFHET_EINVAL, "fit: bounds of '%s' leave no room ([%g, %g])", q->name, q->lo, q->hi);
  return SFHET_OK;
}

static int setup(lsq_ctx *c, const sfhet_lsq_problem *pb, const sfhet_lsq_options *opt,
                 sfhet_lsq_param *par, size_t np) {
  static const sfhet_lsq_options defaults;
  memset(c, 0, sizeof *c);
  c->pb = pb, c->opt = opt ? opt : &defaults, c->par = par, c->np = np, c->n = pb->n;
  size_t n = pb->n ? pb->n : 1;
  c->idx = malloc(np * sizeof *c->idx);
  c->p = malloc(3 * np * sizeof *c->p);
  c->s = malloc(np * sizeof *c->s);
  c->want = malloc(np * sizeof *c->want);
  c->model = malloc(5 * n * sizeof *c->model);
  int anydf = pb->df || c->opt->pdf;
  c->jac = anydf ? malloc(n * np * sizeof *c->jac) : NULL;
  if (!c->idx || !c->p || !c->s || !c->want || !c->model || (anydf && !c->jac))
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  c->pm = c->p + np, c->pacc = c->p + 2 * np, c->col = c->model + n, c->scratch = c->model + 2 * n;
  c->rs = residual_scale(pb);
  c->fs = c->opt->loss_scale > 0 ? c->opt->loss_scale : 1.0;
  for (size_t k = 0; k < np; k++) {
    sfhet_lsq_param *q = &par[k];
    q->err = 0.0;
    q->at_bound = 0;
    SFHET_TRY(check_param(q));
    c->p[k] = q->value;
    if (!q->free) continue;
    c->s[c->nfree] = natural_scale(q);
    c->idx[c->nfree++] = k;
  }
  return SFHET_OK;
}

static void teardown(lsq_ctx *c) {
  free(c->idx);
  free(c->p);
  free(c->s);
  free(c->want);
  free(c->model);
  free(c->jac);
}

/* Start vector in u space, nudged off exact bounds (where dp/du = 0). */
static void start_u(lsq_ctx *c, gsl_vector *u) {
  for (size_t j = 0; j < c->nfree; j++) {
    sfhet_lsq_param *q = &c->par[c->idx[j]];
    double v = q->value;
    if (isfinite(q->lo) && isfinite(q->hi)) {
      double w = q->hi - q->lo;
      v = fmin(fmax(v, q->lo + 1e-6 * w), q->hi - 1e-6 * w);
    } else if (isfinite(q->lo) && v <= q->lo + 1e-3 * c->s[j]) {
      v = q->lo + 1e-3 * c->s[j];
    } else if (isfinite(q->hi) && v >= q->hi - 1e-3 * c->s[j]) {
      v = q->hi - 1e-3 * c->s[j];
    }
    gsl_vector_set(u, j, to_u(c, j, v));
  }
}

static void describe_stop(const lsq_ctx *c, int gst, int info, size_t max_iter, sfhet_lsq_result *r) {
  if (c->stop == SFHET_LSQ_STOP_EVALS)
    snprintf(r->reason, sizeof r->reason, "stopped: %zu model evaluations (the evaluation budget)", c->evals);
  else if (c->stop == SFHET_LSQ_STOP_TIME)
    snprintf(r->reason, sizeof r->reason, "stopped: time limit of %g s reached after %zu model evaluations",
             c->opt->time_limit, c->evals);
  else if (gst == GSL_SUCCESS && info == 1)
    snprintf(r->reason, sizeof r->reason, "converged: step size below xtol");
  else if (gst == GSL_SUCCESS && info == 2)
    snprintf(r->reason, sizeof r->reason, "converged: gradient below gtol");
  else if (gst == GSL_ENOPROG && r->converged)
    snprintf(r->reason, sizeof r->reason, "converged: at a stationary point, no step reduces chi^2");
  else if (gst == GSL_ENOPROG)
    snprintf(r->reason, sizeof r->reason, "not converged: no step reduces chi^2 away from a minimum");
  else if (r->n_iter >= max_iter)
    snprintf(r->reason, sizeof r->reason, "not converged: %zu iterations (the maximum)", max_iter);
  else
    snprintf(r->reason, sizeof r->reason, "not converged: %s", gsl_strerror(gst));
}

/* Σ (y/σ)² of the data. */
static double data_norm2(const lsq_ctx *c) {
  const sfhet_lsq_problem *pb = c->pb;
  double t = 0.0;
  for (size_t i = 0; i < pb->n; i++) {
    double v = pb->sigma ? pb->y[i] / pb->sigma[i] : pb->y[i];
    t += v * v;
  }
  return t;
}

/* After GSL_ENOPROG (no step reduces chi^2): a minimum if the Gauss-Newton step that remains would
 * lower chi^2 by less than 1e-6 of chi^2/dof, i.e. move no parameter by more than ~0.001 of its error.
 * (Scale invariant, unlike a raw gradient test.) Also a minimum when the residuals are at rounding level,
 * chi^2 <= 1e-16 Σ (y/σ)² (relative 1e-8, far below any measurement and the forward models' accuracy:
 * noise-free data fitted from the truth, where the Jacobian's
 * own rounding decides the step). */
static int stationary(gsl_multifit_nlinear_workspace *w, const lsq_ctx *c, size_t dof) {
  gsl_matrix *J = gsl_multifit_nlinear_jac(w);
  gsl_vector *f = gsl_multifit_nlinear_residual(w);
  size_t p = J->size2;
  gsl_matrix *A = gsl_matrix_alloc(p, p);
  gsl_vector *g = gsl_vector_alloc(p), *d = gsl_vector_alloc(p);
  int ok = 0;
  if (A && g && d) {
    double chi2, dchi2;
    gsl_blas_ddot(f, f, &chi2);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, J, J, 0.0, A);
    gsl_blas_dgemv(CblasTrans, 1.0, J, f, 0.0, g);
    /* parameters pinned at a bound are at a constrained optimum, those without effect (a zero
     * column) cannot move chi^2: leave both out of the test */
    for (size_t k = 0; k < p; k++) {
      if (!lsq_near_bound(c, k, c->p[c->idx[k]]) && gsl_matrix_get(A, k, k) > 0) continue;
      gsl_vector_set(g, k, 0.0);
      for (size_t l = 0; l < p; l++) gsl_matrix_set(A, k, l, 0.0), gsl_matrix_set(A, l, k, 0.0);
      gsl_matrix_set(A, k, k, 1.0);
    }
    if (gsl_linalg_cholesky_decomp1(A) == GSL_SUCCESS && gsl_linalg_cholesky_solve(A, g, d) == 0) {
      gsl_blas_ddot(g, d, &dchi2);
      ok = dchi2 <= 1e-6 * fmax(chi2 / (double)(dof ? dof : 1), 1e-300);
    }
    ok = ok || chi2 <= 1e-16 * data_norm2(c); /* residuals at the model's own precision (noise-free data) */
  }
  gsl_matrix_free(A);
  gsl_vector_free(g);
  gsl_vector_free(d);
  return ok;
}

/* The init / iterate / test loop. Returns the GSL status of the last step; *info from the test. */
static int iterate(gsl_multifit_nlinear_workspace *w, size_t max_iter, lsq_ctx *c, size_t *iter,
                   int *info) {
  const sfhet_lsq_problem *pb = c->pb;
  double xtol = pb->xtol > 0 ? pb->xtol : 1e-10, gtol = pb->gtol > 0 ? pb->gtol : 1e-10;
  double ftol = pb->ftol > 0 ? pb->ftol : 1e-12;
  *info = 0;
  for (*iter = 0; *iter < max_iter; (*iter)++) {
    c->iter = *iter;
    int s = gsl_multifit_nlinear_iterate(w);
    if (s) return s;
    accept_point(c, w->x);
    double nrm = gsl_blas_dnrm2(w->f) * c->rs;
    c->chi2 = nrm * nrm;
    if (gsl_multifit_nlinear_test(xtol, gtol, ftol, info, w) == GSL_SUCCESS) {
      (*iter)++;
      return GSL_SUCCESS;
    }
  }
  return GSL_EMAXITER;
}

/* "delta = 0.5, gamma = 1e-06": the free parameters at c->p. */
static void point_text(const lsq_ctx *c, char *buf, size_t size) {
  size_t u = 0;
  buf[0] = '\0';
  for (size_t j = 0; j < c->nfree && u < size; j++)
    u += (size_t)snprintf(buf + u, size - u, "%s%s = %.6g", j ? ", " : "", c->par[c->idx[j]].name,
                          c->p[c->idx[j]]);
}

/* A model failure at an accepted point: the model's own input errors are the fit's failure (exit 1). */
static int model_failure(const lsq_ctx *c, int st) {
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "fit: out of memory");
  if (sfhet_status_exit_code(st) != 2) return st; /* the model's message stands */
  char pt[200], msg[300];
  point_text(c, pt, sizeof pt);
  snprintf(msg, sizeof msg, "%s", sfhet_last_error());
  SFHET_ERROR(SFHET_EFAILED, "fit: the model cannot be evaluated at %s (%s); try other start values or "
              "hold some parameters fixed", pt, msg);
}

/* Values (and chi^2) of the last accepted point after a stop (the start if there is none); no errors. */
static void take_stopped(lsq_ctx *c, gsl_multifit_nlinear_workspace *w, int inited, sfhet_lsq_result *res) {
  res->chi2 = res->chi2_red = NAN;
  if (inited) {
    set_full(c, w->x);
    double nrm = gsl_blas_dnrm2(w->f) * c->rs;
    res->chi2 = nrm * nrm;
    res->chi2_red = res->dof ? res->chi2 / (double)res->dof : NAN;
  }
  for (size_t j = 0; j < c->nfree; j++) {
    sfhet_lsq_param *q = &c->par[c->idx[j]];
    if (inited) q->value = c->p[c->idx[j]];
    q->err = NAN;
  }
  res->stopped = c->stop;
  res->converged = 0;
}

/* The summary at the final point: chi^2, convergence, errors, identifiability. */
static int finish(lsq_ctx *c, gsl_multifit_nlinear_workspace *w, int gst, int info, size_t max_iter,
                  sfhet_lsq_result *res) {
  set_full(c, w->x);
  for (size_t j = 0; j < c->nfree; j++) c->par[c->idx[j]].value = c->p[c->idx[j]];
  if (residuals(c, w->f)) return c->stop ? SFHET_ENOCONV : c->status ? c->status : SFHET_EFAILED;
  double nrm = gsl_blas_dnrm2(w->f) * c->rs;
  res->chi2 = nrm * nrm;
  res->chi2_red = res->dof ? res->chi2 / (double)res->dof : NAN;
  res->errors_scaled = (c->pb->sigma == NULL || c->opt->loss != SFHET_LOSS_LINEAR) && res->dof > 0;
  res->converged = gst == GSL_SUCCESS || (gst == GSL_ENOPROG && stationary(w, c, res->dof));
  describe_stop(c, gst, info, max_iter, res);
  /* small steps because trial points beyond were rejected: a wall, not a minimum, unless stationary */
  int wall = c->fail_iter && c->fail_iter + 3 > res->n_iter;
  if (res->converged && gst == GSL_SUCCESS && wall && !stationary(w, c, res->dof)) {
    res->converged = 0;
    snprintf(res->reason, sizeof res->reason, "not converged: stuck where the model cannot be evaluated "
             "(trial steps beyond were rejected)");
  }
  return lsq_uncertainties(c, res);
}

/* The GSL run from the start values: init, then the iteration (trial points may be rejected). */
static int run(lsq_ctx *c, gsl_multifit_nlinear_workspace *w, size_t max_iter, sfhet_lsq_result *res) {
  gsl_vector *u0 = gsl_vector_alloc(c->nfree);
  if (!u0) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  gsl_multifit_nlinear_fdf fdf = {gsl_f, gsl_df, NULL, c->n, c->nfree, c, 0, 0, 0};
  int info = 0, inited = 0, gst = GSL_EFAILED, st = lsq_probe_scales(c);
  if (!st) {
    start_u(c, u0);
    gst = gsl_multifit_nlinear_init(u0, &fdf, w);
    inited = gst == GSL_SUCCESS;
    double nrm = inited ? gsl_blas_dnrm2(w->f) * c->rs : NAN;
    c->chi2 = nrm * nrm;
  }
  if (inited) accept_point(c, w->x);
  c->trial = 1;
  if (inited) gst = iterate(w, max_iter, c, &res->n_iter, &info);
  c->trial = 0;
  gsl_vector_free(u0);
  if (!c->stop && !st && !c->status && inited) st = finish(c, w, gst, info, max_iter, res);
  if (c->stop) {
    take_stopped(c, w, inited, res);
    describe_stop(c, gst, info, max_iter, res);
    return SFHET_ENOCONV;
  }
  if (!st) st = c->status;
  if (!st && !inited) SFHET_ERROR(SFHET_EFAILED, "fit: the iteration could not start (%s)", gsl_strerror(gst));
  return st ? model_failure(c, st) : SFHET_OK;
}

int sfhet_lsq_fit(const sfhet_lsq_problem *pb, sfhet_lsq_param *par, size_t np, sfhet_lsq_result *res) {
  return sfhet_lsq_fit_opt(pb, NULL, par, np, res);
}

int sfhet_lsq_fit_opt(const sfhet_lsq_problem *pb, const sfhet_lsq_options *opt, sfhet_lsq_param *par,
                      size_t np, sfhet_lsq_result *res) {
  memset(res, 0, sizeof *res);
  res->cond = NAN;
  lsq_ctx c;
  int st = setup(&c, pb, opt, par, np);
  if (!st && pb->n < c.nfree)
    SFHET_REPORT(st = SFHET_EDATA, "fit: %zu data points for %zu free parameters", pb->n, c.nfree);
  if (!st && c.nfree == 0) SFHET_REPORT(st = SFHET_EINVAL, "fit: no free parameters");
  if (st) {
    teardown(&c);
    return st;
  }
  c.t0 = lsq_now();
  res->n_free = c.nfree;
  res->dof = pb->n > c.nfree ? pb->n - c.nfree : 0;
  size_t max_iter = pb->max_iter ? pb->max_iter : 200;
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
  fp.trs = gsl_multifit_nlinear_trs_lmaccel;
  gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, pb->n, c.nfree);
  st = w ? run(&c, w, max_iter, res) : SFHET_ENOMEM;
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "fit: out of memory");
  if (st == SFHET_ENOCONV && (res->stopped || c.stop))
    SFHET_REPORT(st, "fit: %s; try better start values, fewer free parameters or data points, or a larger "
                 "evaluation budget or time limit", res->reason);
  else if (st == SFHET_OK && !res->converged)
    SFHET_REPORT(st = SFHET_ENOCONV, "fit: %s; try other start values, --starts, or fewer free parameters",
                 res->reason);
  res->n_evals = c.evals;
  res->elapsed = lsq_now() - c.t0;
  gsl_multifit_nlinear_free(w);
  teardown(&c);
  return st;
}

void sfhet_lsq_result_free(sfhet_lsq_result *res) {
  if (!res) return;
  free(res->corr);
  res->corr = NULL;
}
