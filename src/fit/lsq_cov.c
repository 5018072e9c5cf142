/* Errors of a finished fit and whether they mean anything: the covariance from the singular value
 * decomposition of the column-normalised Jacobian (robust losses: the robust Jacobian and its variance
 * factor), parameters without effect on the model, near-degenerate combinations (condition number) and
 * absurd relative errors, each reported as "not converged" with the parameters named. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/lsq_int.h"
#include "sfhet/error.h"

#define COND_MAX 1e7    /* cond(J) beyond this: cond(J^T J) > 1e14, the covariance is rounding noise */
#define REL_ERR_MAX 1e3 /* an error this many times the parameter's size is no measurement */
#define NO_EFFECT 1e-10 /* a change by the parameter's size moves the model by < this of the data */

int lsq_bound_side(double lo, double hi, double s, double v) {
  double tol_lo = 1e-7 * fmax(fabs(lo), fmax(s, fabs(v))), tol_hi = 1e-7 * fmax(fabs(hi), fmax(s, fabs(v)));
  if (isfinite(lo) && isfinite(hi)) tol_lo = tol_hi = 1e-7 * (hi - lo);
  if (isfinite(lo) && v - lo <= tol_lo) return -1;
  if (isfinite(hi) && hi - v <= tol_hi) return 1;
  return 0;
}

int lsq_near_bound(const lsq_ctx *c, size_t j, double v) {
  const sfhet_lsq_param *q = &c->par[c->idx[j]];
  return lsq_bound_side(q->lo, q->hi, c->s[j], v);
}

double lsq_robust_kappa(double psi2, double curv_raw, double clip, double n, size_t dof) {
  double mean = curv_raw > 0 ? curv_raw / n : clip / n;
  return psi2 / (double)(dof ? dof : 1) * (clip / n) / (mean * mean);
}

/* Flags parameters at a bound; the interior free ones into cols (full indices), their free positions
 * into pos; returns how many. */
static size_t flag_bounds(lsq_ctx *c, size_t *cols, size_t *pos) {
  size_t m = 0;
  for (size_t j = 0; j < c->nfree; j++) {
    sfhet_lsq_param *q = &c->par[c->idx[j]];
    q->at_bound = lsq_near_bound(c, j, q->value);
    if (!q->at_bound) cols[m] = c->idx[j], pos[m++] = j;
  }
  return m;
}

/* Rows weighted to residual units (1/sigma) and, for a robust loss, by sqrt(psi') (the robust Jacobian,
 * psi' clipped at 1e-10 as in scipy); returns the variance factor kappa that multiplies (J^T J)^-1.
 * Linear loss: chi2_red without sigma, 1 with. Robust losses, with or without sigma: Huber's estimate
 * [sum psi^2 / (n - p)] / [mean psi']^2 of the M-estimator's variance (Huber, Robust Statistics 1981,
 * sec. 7.6), times mean psi'_clipped because J_r^T J_r ~ mean psi'_clipped x J^T J. */
static double weight_rows(const lsq_ctx *c, gsl_matrix *J, const sfhet_lsq_result *res) {
  const sfhet_lsq_problem *pb = c->pb;
  sfhet_lsq_loss loss = c->opt->loss;
  double sum_psi2 = 0.0, sum_curv = 0.0, sum_clip = 0.0;
  for (size_t i = 0; i < c->n; i++) {
    double r = lsq_residual(c, i, c->model[i]), w = pb->sigma ? 1.0 / pb->sigma[i] : 1.0;
    if (loss != SFHET_LOSS_LINEAR) {
      double psi = lsq_loss_psi(loss, c->fs, r), cv = lsq_loss_curvature(loss, c->fs, r);
      sum_psi2 += psi * psi, sum_curv += lsq_loss_curvature_raw(loss, c->fs, r), sum_clip += cv;
      w *= sqrt(cv);
    }
    gsl_vector_view row = gsl_matrix_row(J, i);
    gsl_vector_scale(&row.vector, w);
  }
  if (loss == SFHET_LOSS_LINEAR) return res->errors_scaled ? res->chi2_red : 1.0;
  return lsq_robust_kappa(sum_psi2, sum_curv, sum_clip, (double)c->n, res->dof);
}

/* Scratch of the covariance: interior columns, their free positions, norms, dead flags. */
typedef struct {
  size_t m, *cols, *pos, *live;
  double *d;
  int *dead;
  int flagged; /* a reason was set */
} cov_job;

/* "not converged: <what>" into the reason, naming free parameter j: the first problem found wins, and
 * it replaces a plain iteration failure (which a parameter the data do not determine explains). */
static void flag(cov_job *q, sfhet_lsq_result *res, size_t j, const char *what) {
  if (q->flagged) return;
  q->flagged = 1;
  res->unidentified = (int)j + 1;
  res->converged = 0;
  snprintf(res->reason, sizeof res->reason, "not converged: %.110s", what);
}

/* Zero (or negligible) columns: parameters without effect. Fills the column norms. */
static void no_effect(lsq_ctx *c, const gsl_matrix *J, cov_job *q, sfhet_lsq_result *res) {
  double ref = c->rs * sqrt((double)c->n);
  for (size_t a = 0; a < q->m; a++) {
    gsl_vector_const_view col = gsl_matrix_const_column(J, a);
    q->d[a] = gsl_blas_dnrm2(&col.vector);
    q->dead[a] = !(q->d[a] * c->s[q->pos[a]] > NO_EFFECT * ref) || !isfinite(q->d[a]);
    if (!q->dead[a]) continue;
    char what[120];
    snprintf(what, sizeof what, "%s has no effect on the model (unidentifiable)",
             c->par[q->cols[a]].name);
    flag(q, res, q->pos[a], what);
  }
}

/* Names of the parameters that carry the weakest direction (|v_a| > 0.3) of the live columns. */
static void weak_names(const lsq_ctx *c, const gsl_matrix *V, size_t kmin, const cov_job *q, size_t ml,
                       char *buf, size_t size) {
  size_t u = 0;
  buf[0] = '\0';
  for (size_t a = 0; a < ml && u < size; a++)
    if (fabs(gsl_matrix_get(V, a, kmin)) > 0.3)
      u += (size_t)snprintf(buf + u, size - u, "%s%s", u ? ", " : "", c->par[q->cols[q->live[a]]].name);
}

/* cov = kappa D^-1 (Jn^T Jn)^-1 D^-1 over the live columns from the eigen decomposition of the
 * normal matrix of the column-normalised Jacobian Jn = J D^-1; the condition number of Jn. */
static int eigen_cov(const lsq_ctx *c, const gsl_matrix *Jn, size_t ml, double kappa, cov_job *q,
                     gsl_matrix *cov, sfhet_lsq_result *res) {
  gsl_matrix *A = gsl_matrix_alloc(ml, ml), *V = gsl_matrix_alloc(ml, ml);
  gsl_vector *L = gsl_vector_alloc(ml);
  gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(ml);
  int st = (A && V && L && w) ? SFHET_OK : SFHET_ENOMEM;
  if (!st) gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, Jn, 0.0, A);
  if (!st && gsl_eigen_symmv(A, L, V, w)) st = SFHET_EFAILED;
  if (!st) {
    size_t kmin = gsl_vector_min_index(L);
    double lmin = gsl_vector_get(L, kmin), lmax = gsl_vector_max(L);
    res->cond = lmin > 0 ? sqrt(lmax / lmin) : INFINITY;
    for (size_t a = 0; a < ml; a++)
      for (size_t b = 0; b < ml; b++) {
        double v = 0.0;
        for (size_t k = 0; k < ml; k++)
          v += gsl_matrix_get(V, a, k) * gsl_matrix_get(V, b, k) / gsl_vector_get(L, k);
        size_t ia = q->live[a], ib = q->live[b];
        gsl_matrix_set(cov, ia, ib, kappa * v / (q->d[ia] * q->d[ib]));
      }
    if (!(res->cond <= COND_MAX)) {
      char names[80], what[160];
      size_t big = 0;
      for (size_t a = 1; a < ml; a++)
        if (fabs(gsl_matrix_get(V, a, kmin)) > fabs(gsl_matrix_get(V, big, kmin))) big = a;
      weak_names(c, V, kmin, q, ml, names, sizeof names);
      snprintf(what, sizeof what, "the data do not determine %s separately (condition number %.2g)",
               names, res->cond);
      flag(q, res, q->pos[q->live[big]], what);
    }
  }
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(L);
  gsl_eigen_symmv_free(w);
  return st;
}

/* Covariance of the live (effective) columns; cov is m x m over all interior columns (dead: NaN). */
static int live_cov(lsq_ctx *c, const gsl_matrix *J, cov_job *q, double kappa, gsl_matrix *cov,
                    sfhet_lsq_result *res) {
  size_t ml = 0;
  for (size_t a = 0; a < q->m; a++)
    if (!q->dead[a]) q->live[ml++] = a;
  gsl_matrix_set_all(cov, NAN);
  if (ml == 0) return SFHET_OK;
  gsl_matrix *Jn = gsl_matrix_alloc(c->n, ml);
  if (!Jn) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t i = 0; i < c->n; i++)
    for (size_t b = 0; b < ml; b++) gsl_matrix_set(Jn, i, b, gsl_matrix_get(J, i, q->live[b]) / q->d[q->live[b]]);
  int st = eigen_cov(c, Jn, ml, kappa, q, cov, res);
  gsl_matrix_free(Jn);
  return st;
}

/* Errors and correlations of the interior columns from cov; flags absurd relative errors. */
static void take_errors(lsq_ctx *c, const gsl_matrix *cov, cov_job *q, sfhet_lsq_result *res) {
  size_t nf = c->nfree;
  for (size_t a = 0; a < q->m; a++) {
    size_t j = q->pos[a];
    sfhet_lsq_param *p = &c->par[q->cols[a]];
    double e = sqrt(gsl_matrix_get(cov, a, a));
    p->err = isfinite(e) ? e : NAN;
    for (size_t b = 0; b < q->m; b++) {
      double den = sqrt(gsl_matrix_get(cov, a, a) * gsl_matrix_get(cov, b, b));
      res->corr[j * nf + q->pos[b]] = den > 0 && isfinite(den) ? gsl_matrix_get(cov, a, b) / den : NAN;
    }
    if (isfinite(e) && e > REL_ERR_MAX * fmax(fabs(p->value), c->s[j])) {
      char what[140];
      snprintf(what, sizeof what, "the error of %s (%.3g) is over 1000 times its size", p->name, e);
      flag(q, res, j, what);
    }
  }
}

static int job_alloc(cov_job *q, size_t nf) {
  memset(q, 0, sizeof *q);
  q->cols = malloc(3 * (nf ? nf : 1) * sizeof *q->cols);
  q->d = malloc((nf ? nf : 1) * sizeof *q->d);
  q->dead = malloc((nf ? nf : 1) * sizeof *q->dead);
  if (!q->cols || !q->d || !q->dead) return SFHET_ENOMEM;
  q->pos = q->cols + nf;
  q->live = q->pos + nf;
  return SFHET_OK;
}

static void job_free(cov_job *q) {
  free(q->cols);
  free(q->d);
  free(q->dead);
}

int lsq_uncertainties(lsq_ctx *c, sfhet_lsq_result *res) {
  size_t nf = c->nfree;
  cov_job q;
  int bad = job_alloc(&q, nf);
  res->corr = malloc((nf ? nf * nf : 1) * sizeof *res->corr);
  if (!res->corr || bad) {
    job_free(&q);
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  }
  for (size_t i = 0; i < nf * nf; i++) res->corr[i] = NAN;
  for (size_t j = 0; j < nf; j++) c->par[c->idx[j]].err = NAN;
  res->cond = NAN;
  q.m = flag_bounds(c, q.cols, q.pos);
  gsl_matrix *J = q.m ? gsl_matrix_alloc(c->n, q.m) : NULL, *cov = q.m ? gsl_matrix_alloc(q.m, q.m) : NULL;
  int st = !q.m ? SFHET_OK : (J && cov) ? lsq_model_at_p(c) : SFHET_ENOMEM;
  if (q.m && !st) st = lsq_jacobian_p(c, q.cols, q.m, J);
  if (q.m && !st) {
    double kappa = weight_rows(c, J, res);
    no_effect(c, J, &q, res);
    st = live_cov(c, J, &q, kappa, cov, res);
  }
  if (q.m && !st) take_errors(c, cov, &q, res);
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "fit: out of memory");
  gsl_matrix_free(J);
  gsl_matrix_free(cov);
  job_free(&q);
  return st;
}
