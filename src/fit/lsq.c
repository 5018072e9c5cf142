/* Bounded nonlinear least squares on top of gsl_multifit_nlinear. */
#include "sfhet/lsq.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"

typedef struct {
  const sfhet_lsq_problem *pb;
  sfhet_lsq_param *par;
  size_t np, nfree;
  size_t *idx;   /* free parameter indices */
  double *p;     /* full parameter vector */
  double *model; /* n model values */
  double *s;     /* transform scale per free parameter */
  double *jac;   /* n * np analytic Jacobian buffer (when df is given) */
  int *want;     /* np flags for df */
  int status;    /* first model error */
  int trial;     /* inside the iteration: points are trial steps that may be rejected */
} lsq_ctx;

/* p(u) for free parameter j, with bound handling. */
static double to_p(const lsq_ctx *c, size_t j, double u) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  int hl = isfinite(q->lo), hh = isfinite(q->hi);
  if (hl && hh) return q->lo + 0.5 * (q->hi - q->lo) * (sin(u) + 1.0);
  if (hl) return q->lo + c->s[j] * (sqrt(u * u + 1.0) - 1.0);
  if (hh) return q->hi - c->s[j] * (sqrt(u * u + 1.0) - 1.0);
  return u;
}

/* dp/du for free parameter j. */
static double dp_du(const lsq_ctx *c, size_t j, double u) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  int hl = isfinite(q->lo), hh = isfinite(q->hi);
  if (hl && hh) return 0.5 * (q->hi - q->lo) * cos(u);
  if (hl) return c->s[j] * u / sqrt(u * u + 1.0);
  if (hh) return -c->s[j] * u / sqrt(u * u + 1.0);
  return 1.0;
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
  return p;
}

static void set_full(lsq_ctx *c, const gsl_vector *u) {
  for (size_t j = 0; j < c->nfree; j++) c->p[c->idx[j]] = to_p(c, j, gsl_vector_get(u, j));
}

/* Residuals (model - y)/sigma at the current full parameter vector. */
static int residuals(lsq_ctx *c, gsl_vector *f) {
  const sfhet_lsq_problem *pb = c->pb;
  int st = pb->f(c->p, c->model, pb->ctx);
  if (st == SFHET_ENOCONV && c->trial) {
    /* a trial step where the model cannot reach its accuracy (e.g. a near-divergent integral):
     * huge residuals make the trust region reject the step and shrink, instead of failing the fit */
    for (size_t i = 0; i < pb->n; i++)
      gsl_vector_set(f, i, 1e6 * (pb->sigma ? 1.0 : 1.0 + fabs(pb->y[i])));
    return GSL_SUCCESS;
  }
  if (st) {
    if (!c->status) c->status = st;
    return GSL_EBADFUNC;
  }
  for (size_t i = 0; i < pb->n; i++) {
    double r = c->model[i] - pb->y[i];
    if (pb->sigma) r /= pb->sigma[i];
    if (!isfinite(r)) {
      if (!c->status) {
        c->status = SFHET_EFAILED;
        SFHET_REPORT(SFHET_EFAILED, "the model gave a non-finite value at data point %zu", i + 1);
      }
      return GSL_EBADFUNC;
    }
    gsl_vector_set(f, i, r);
  }
  return GSL_SUCCESS;
}

static int gsl_f(const gsl_vector *u, void *params, gsl_vector *f) {
  lsq_ctx *c = params;
  set_full(c, u);
  return residuals(c, f);
}

/* Analytic Jacobian in u space from the user's p-space Jacobian. */
static int gsl_df(const gsl_vector *u, void *params, gsl_matrix *J) {
  lsq_ctx *c = params;
  const sfhet_lsq_problem *pb = c->pb;
  set_full(c, u);
  for (size_t k = 0; k < c->np; k++) c->want[k] = c->par[k].free != 0; /* every free column */
  int st = pb->df(c->p, c->want, c->jac, pb->ctx);
  if (st) {
    if (!c->status) c->status = st;
    return GSL_EBADFUNC;
  }
  for (size_t i = 0; i < pb->n; i++) {
    double w = pb->sigma ? 1.0 / pb->sigma[i] : 1.0;
    for (size_t j = 0; j < c->nfree; j++)
      gsl_matrix_set(J, i, j, w * c->jac[i * c->np + c->idx[j]] * dp_du(c, j, gsl_vector_get(u, j)));
  }
  return GSL_SUCCESS;
}

/* p-space Jacobian of the weighted residuals for the listed columns (central differences or df). */
static int jacobian_p(lsq_ctx *c, const size_t *cols, size_t nc, gsl_matrix *J) {
  const sfhet_lsq_problem *pb = c->pb;
  size_t n = pb->n;
  if (pb->df) {
    for (size_t k = 0; k < c->np; k++) c->want[k] = 0;
    for (size_t j = 0; j < nc; j++) c->want[cols[j]] = 1;
    SFHET_TRY(pb->df(c->p, c->want, c->jac, pb->ctx));
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < nc; j++)
        gsl_matrix_set(J, i, j, c->jac[i * c->np + cols[j]] / (pb->sigma ? pb->sigma[i] : 1.0));
    return SFHET_OK;
  }
  double *up = malloc(2 * n * sizeof *up);
  if (!up) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  double *dn = up + n;
  int st = SFHET_OK;
  for (size_t j = 0; j < nc && !st; j++) {
    size_t k = cols[j];
    double p0 = c->p[k], sc = c->par[k].scale > 0 ? c->par[k].scale : fmax(fabs(p0), 1e-6);
    double h = 1e-5 * sc;
    c->p[k] = p0 + h;
    st = pb->f(c->p, up, pb->ctx);
    c->p[k] = p0 - h;
    if (!st) st = pb->f(c->p, dn, pb->ctx);
    c->p[k] = p0;
    for (size_t i = 0; i < n && !st; i++)
      gsl_matrix_set(J, i, j, (up[i] - dn[i]) / (2 * h) / (pb->sigma ? pb->sigma[i] : 1.0));
  }
  free(up);
  return st;
}

/* Flags parameters at a bound; returns how many free parameters remain interior. */
/* -1 / +1 if free parameter j with value v sits at its lower / upper bound, else 0. */
static int near_bound(const lsq_ctx *c, size_t j, double v) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  double tol_lo = 1e-7 * fmax(fabs(q->lo), fmax(c->s[j], fabs(v)));
  double tol_hi = 1e-7 * fmax(fabs(q->hi), fmax(c->s[j], fabs(v)));
  if (isfinite(q->lo) && isfinite(q->hi)) tol_lo = tol_hi = 1e-7 * (q->hi - q->lo);
  if (isfinite(q->lo) && v - q->lo <= tol_lo) return -1;
  if (isfinite(q->hi) && q->hi - v <= tol_hi) return 1;
  return 0;
}

static size_t flag_bounds(lsq_ctx *c, size_t *interior) {
  size_t m = 0;
  for (size_t j = 0; j < c->nfree; j++) {
    sfhet_lsq_param *q = &c->par[c->idx[j]];
    q->at_bound = near_bound(c, j, q->value);
    if (!q->at_bound) interior[m++] = c->idx[j];
  }
  return m;
}

/* Covariance of the interior free parameters; fills err and the correlation matrix. */
static int uncertainties(lsq_ctx *c, sfhet_lsq_result *res) {
  size_t nf = c->nfree, n = c->pb->n;
  size_t *cols = malloc((nf ? nf : 1) * sizeof *cols);
  res->corr = malloc((nf ? nf * nf : 1) * sizeof *res->corr);
  if (!cols || !res->corr) {
    free(cols);
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  }
  for (size_t i = 0; i < nf * nf; i++) res->corr[i] = NAN;
  size_t m = flag_bounds(c, cols);
  for (size_t j = 0; j < nf; j++) c->par[c->idx[j]].err = NAN;
  int st = SFHET_OK;
  if (m > 0) {
    gsl_matrix *J = gsl_matrix_alloc(n, m), *cov = gsl_matrix_alloc(m, m);
    st = (J && cov) ? jacobian_p(c, cols, m, J) : SFHET_ENOMEM;
    if (!st) gsl_multifit_nlinear_covar(J, 1e-12, cov);
    double scale = res->errors_scaled ? res->chi2_red : 1.0;
    for (size_t a = 0; a < m && !st; a++) {
      c->par[cols[a]].err = sqrt(scale * gsl_matrix_get(cov, a, a));
    }
    for (size_t a = 0; a < m && !st; a++)
      for (size_t b = 0; b < m; b++) {
        size_t ja = 0, jb = 0;
        while (c->idx[ja] != cols[a]) ja++;
        while (c->idx[jb] != cols[b]) jb++;
        double d = sqrt(gsl_matrix_get(cov, a, a) * gsl_matrix_get(cov, b, b));
        res->corr[ja * nf + jb] = d > 0 ? gsl_matrix_get(cov, a, b) / d : NAN;
      }
    gsl_matrix_free(J);
    gsl_matrix_free(cov);
  }
  free(cols);
  return st;
}

static int setup(lsq_ctx *c, const sfhet_lsq_problem *pb, sfhet_lsq_param *par, size_t np) {
  memset(c, 0, sizeof *c);
  c->pb = pb;
  c->par = par;
  c->np = np;
  c->idx = malloc(np * sizeof *c->idx);
  c->p = malloc(np * sizeof *c->p);
  c->s = malloc(np * sizeof *c->s);
  c->want = malloc(np * sizeof *c->want);
  c->model = malloc(pb->n * sizeof *c->model);
  c->jac = pb->df ? malloc(pb->n * np * sizeof *c->jac) : NULL;
  if (!c->idx || !c->p || !c->s || !c->want || !c->model || (pb->df && !c->jac))
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t k = 0; k < np; k++) {
    sfhet_lsq_param *q = &par[k];
    q->err = 0.0;
    q->at_bound = 0;
    if (!isfinite(q->value))
      SFHET_ERROR(SFHET_EINVAL, "fit: start value of '%s' is not finite", q->name);
    if (q->free && (q->value < q->lo || q->value > q->hi))
      SFHET_ERROR(SFHET_EINVAL, "fit: start value %g of '%s' is outside its bounds [%g, %g]",
                  q->value, q->name, q->lo, q->hi);
    if (q->free && !(q->lo < q->hi))
      SFHET_ERROR(SFHET_EINVAL, "fit: bounds of '%s' leave no room ([%g, %g])", q->name, q->lo, q->hi);
    c->p[k] = q->value;
    if (!q->free) continue;
    size_t j = c->nfree++;
    c->idx[j] = k;
    double d = isfinite(q->lo) ? q->value - q->lo : isfinite(q->hi) ? q->hi - q->value : 0.0;
    c->s[j] = q->scale > 0 ? q->scale : fmax(fmax(fabs(d), fabs(q->value)), 1e-6);
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

/* Start vector in u space, nudged off exact bounds. */
static void start_u(lsq_ctx *c, gsl_vector *u) {
  for (size_t j = 0; j < c->nfree; j++) {
    sfhet_lsq_param *q = &c->par[c->idx[j]];
    double v = q->value;
    if (isfinite(q->lo) && isfinite(q->hi)) {
      double w = q->hi - q->lo;
      v = fmin(fmax(v, q->lo + 1e-6 * w), q->hi - 1e-6 * w);
    } else if (isfinite(q->lo) && v <= q->lo) {
      v = q->lo + 1e-3 * c->s[j];
    } else if (isfinite(q->hi) && v >= q->hi) {
      v = q->hi - 1e-3 * c->s[j];
    }
    gsl_vector_set(u, j, to_u(c, j, v));
  }
}

static void describe_stop(int gst, int info, size_t iter, size_t max_iter, sfhet_lsq_result *r) {
  if (gst == GSL_SUCCESS && info == 1)
    snprintf(r->reason, sizeof r->reason, "converged: step size below xtol");
  else if (gst == GSL_SUCCESS && info == 2)
    snprintf(r->reason, sizeof r->reason, "converged: gradient below gtol");
  else if (gst == GSL_ENOPROG && r->converged)
    snprintf(r->reason, sizeof r->reason, "converged: at a stationary point, no step reduces chi^2");
  else if (gst == GSL_ENOPROG)
    snprintf(r->reason, sizeof r->reason, "not converged: no step reduces chi^2 away from a minimum");
  else if (iter >= max_iter)
    snprintf(r->reason, sizeof r->reason, "not converged: %zu iterations (the maximum)", max_iter);
  else
    snprintf(r->reason, sizeof r->reason, "not converged: %s", gsl_strerror(gst));
}

/* After GSL_ENOPROG (no step reduces chi^2): a minimum if the Gauss-Newton step that remains would
 * lower chi^2 by less than 1e-6 of chi^2/dof, i.e. move no parameter by more than ~0.001 of its error.
 * (Scale invariant, unlike a raw gradient test.) */
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
    /* parameters pinned at a bound are at a constrained optimum: leave them out of the test */
    for (size_t k = 0; k < p; k++) {
      if (!near_bound(c, k, c->p[c->idx[k]])) continue;
      gsl_vector_set(g, k, 0.0);
      for (size_t l = 0; l < p; l++) gsl_matrix_set(A, k, l, 0.0), gsl_matrix_set(A, l, k, 0.0);
      gsl_matrix_set(A, k, k, 1.0);
    }
    if (gsl_linalg_cholesky_decomp1(A) == GSL_SUCCESS && gsl_linalg_cholesky_solve(A, g, d) == 0) {
      gsl_blas_ddot(g, d, &dchi2);
      ok = dchi2 <= 1e-6 * fmax(chi2 / (double)(dof ? dof : 1), 1e-300);
    }
  }
  gsl_matrix_free(A);
  gsl_vector_free(g);
  gsl_vector_free(d);
  return ok;
}

/* The init / iterate / test loop. Returns the GSL status of the last step; *info from the test. */
static int iterate(gsl_multifit_nlinear_workspace *w, size_t max_iter, const sfhet_lsq_problem *pb,
                   size_t *iter, int *info) {
  double xtol = pb->xtol > 0 ? pb->xtol : 1e-10, gtol = pb->gtol > 0 ? pb->gtol : 1e-10;
  double ftol = pb->ftol > 0 ? pb->ftol : 1e-12;
  int gst = GSL_CONTINUE;
  *info = 0;
  for (*iter = 0; *iter < max_iter; (*iter)++) {
    int s = gsl_multifit_nlinear_iterate(w);
    if (s) return s;
    gst = gsl_multifit_nlinear_test(xtol, gtol, ftol, info, w);
    if (gst == GSL_SUCCESS) {
      (*iter)++;
      return GSL_SUCCESS;
    }
  }
  return GSL_EMAXITER;
}

int sfhet_lsq_fit(const sfhet_lsq_problem *pb, sfhet_lsq_param *par, size_t np, sfhet_lsq_result *res) {
  memset(res, 0, sizeof *res);
  lsq_ctx c;
  int st = setup(&c, pb, par, np);
  if (!st && pb->n < c.nfree)
    SFHET_REPORT(st = SFHET_EDATA, "fit: %zu data points for %zu free parameters", pb->n, c.nfree);
  if (!st && c.nfree == 0) SFHET_REPORT(st = SFHET_EINVAL, "fit: no free parameters");
  if (st) {
    teardown(&c);
    return st;
  }
  size_t n = pb->n, max_iter = pb->max_iter ? pb->max_iter : 200;
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
  fp.trs = gsl_multifit_nlinear_trs_lmaccel;
  gsl_multifit_nlinear_workspace *w =
      gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, c.nfree);
  gsl_vector *u0 = gsl_vector_alloc(c.nfree);
  gsl_multifit_nlinear_fdf fdf = {gsl_f, pb->df ? gsl_df : NULL, NULL, n, c.nfree, &c, 0, 0, 0};
  int info = 0, gst = GSL_EFAILED;
  size_t iter = 0;
  if (!w || !u0) st = SFHET_ENOMEM;
  if (!st) {
    start_u(&c, u0);
    gst = gsl_multifit_nlinear_init(u0, &fdf, w);
    c.trial = 1;
    if (!gst) gst = iterate(w, max_iter, pb, &iter, &info);
    c.trial = 0;
    if (c.status) st = c.status;
  }
  if (!st) {
    set_full(&c, w->x);
    for (size_t j = 0; j < c.nfree; j++) par[c.idx[j]].value = c.p[c.idx[j]];
    st = residuals(&c, w->f) ? (c.status ? c.status : SFHET_EFAILED) : SFHET_OK;
  }
  if (!st) {
    double chi2;
    gsl_blas_ddot(w->f, w->f, &chi2);
    res->chi2 = chi2;
    res->n_free = c.nfree;
    res->n_iter = iter;
    res->dof = n > c.nfree ? n - c.nfree : 0;
    res->chi2_red = res->dof ? chi2 / (double)res->dof : NAN;
    res->errors_scaled = pb->sigma == NULL && res->dof > 0;
    res->converged = gst == GSL_SUCCESS || (gst == GSL_ENOPROG && stationary(w, &c, res->dof));
    describe_stop(gst, info, iter, max_iter, res);
    st = uncertainties(&c, res);
    if (!st && !res->converged) {
      SFHET_REPORT(SFHET_ENOCONV, "fit: %s; try other start values, --starts, or fewer free parameters",
                   res->reason);
      st = SFHET_ENOCONV;
    }
  } else if (st == SFHET_ENOMEM) {
    SFHET_REPORT(st, "fit: out of memory");
  }
  gsl_vector_free(u0);
  gsl_multifit_nlinear_free(w);
  teardown(&c);
  return st;
}

void sfhet_lsq_result_free(sfhet_lsq_result *res) {
  if (!res) return;
  free(res->corr);
  res->corr = NULL;
}
