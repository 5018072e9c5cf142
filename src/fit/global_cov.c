/* Errors of a global fit at its final point (global_blm.h): the undamped normal equations by blocks,
 * Cov(s) = kappa S^-1 for the shared parameters and Cov(l_i) = kappa [V_i^-1 + Y_i S^-1 Y_i'],
 * Y_i = V_i^-1 W_i', for each spectrum's locals, kappa as in the engine (lsq_cov.c); parameters on a bound
 * are flagged and left out; singular blocks, a condition number of the shared columns beyond 1e7 and
 * absurd errors are reported as "not converged" with the reason. */
#include <gsl/gsl_eigen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/global_blm.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

#define NMAX BLM_NMAX
#define COND_MAX 1e7   /* as lsq_cov.c */
#define REL_ERR_MAX 1e3

/* Variance factor of the covariance: chi2_red when the errors are scaled, 1 with sigmas; for a robust
 * loss Huber's [sum psi^2 / dof] / [mean psi']^2 times mean psi'_clipped (as lsq_cov.c). */
static double kappa(const blm *b, const sfhet_lsq_result *lr) {
  const glob_ctx *g = b->g;
  if (g->c->loss == SFHET_LOSS_LINEAR) return lr->errors_scaled ? lr->chi2_red : 1.0;
  return lsq_robust_kappa(b->psi2, b->curv, b->clip, (double)g->ntot, b->dof);
}

/* "not converged: <what>" (the first problem found), as lsq_cov.c reports one. */
static void flag(sfhet_lsq_result *lr, const char *what) {
  if (lr->unidentified) return;
  lr->unidentified = 1;
  lr->converged = 0;
  snprintf(lr->reason, sizeof lr->reason, "not converged: %.110s", what);
}

/* Condition number of the shared columns once the locals are projected out: sqrt of the eigenvalue
 * ratio of the Schur complement normalised by the columns' norms (b->dg). */
static double shared_cond(const blm *b, const int *fl) {
  size_t ns = b->g->ns, m = 0, id[NMAX];
  for (size_t a = 0; a < ns; a++)
    if (!fl[a]) id[m++] = a;
  if (m == 0) return 1.0;
  gsl_matrix *A = gsl_matrix_alloc(m, m);
  gsl_vector *L = gsl_vector_alloc(m);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(m);
  double cond = NAN;
  if (A && L && w) {
    for (size_t a = 0; a < m; a++)
      for (size_t c = 0; c < m; c++)
        gsl_matrix_set(A, a, c, b->S[id[a] * ns + id[c]] / sqrt(b->dg[id[a]] * b->dg[id[c]]));
    if (!gsl_eigen_symm(A, L, w)) {
      double lo = gsl_vector_min(L), hi = gsl_vector_max(L);
      cond = lo > 0 ? sqrt(hi / lo) : INFINITY;
    }
  }
  gsl_matrix_free(A);
  gsl_vector_free(L);
  gsl_eigen_symm_free(w);
  return cond;
}

/* Shared errors from C = kappa S^-1 (S the error blocks' Schur complement); at_bound flags into fl. */
static int shared_errors(blm *b, sfhet_lsq_result *lr, double k, int *fl, double *C) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns;
  for (size_t col = 0; col < g->npg; col++) {
    fl[col] = col < ns || blm_owns(b, blm_spectrum(b, col)) ? blm_on_bound(b, col, b->x[col]) : 0;
  }
  int st;
  size_t bad = blm_schur(b, 0.0, 1, fl, &st);
  SFHET_TRY(st);
  char what[128];
  if (bad) {
    snprintf(what, sizeof what, "the data do not determine the local parameters of spectrum %zu", bad);
    flag(lr, what);
  }
  if (glob_invert_shared(ns, b->S, fl, C)) {
    flag(lr, "the data do not determine the shared parameters");
    for (size_t a = 0; a < ns * ns; a++) C[a] = NAN;
  }
  double cond = shared_cond(b, fl);
  lr->cond = cond;
  if (!(cond <= COND_MAX)) {
    snprintf(what, sizeof what, "the data do not determine the shared parameters separately (condition "
             "number %.2g)", cond);
    flag(lr, what);
  }
  for (size_t a = 0; a < ns; a++) {
    b->par[a].value = b->x[a], b->par[a].at_bound = fl[a];
    b->par[a].err = fl[a] ? NAN : sqrt(k * C[a * ns + a]);
  }
  return SFHET_OK;
}

/* Locals' values, errors and bound flags and each spectrum's chi2raw, gathered from their ranks (each
 * slot has one contributor, so the sum over ranks copies it). */
static int local_errors(blm *b, sfhet_lsq_result *lr, double k, const int *fl, const double *C) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, nl = g->nl, q = 2 + 3 * nl;
  memset(b->slot, 0, g->m * q * sizeof *b->slot);
  for (size_t j = 0; j < b->nown; j++) {
    size_t i = b->own[j], c0 = ns + i * nl;
    double *s = b->slot + i * q, var[NMAX];
    int sing = glob_local_var(g, &b->B[i], fl + c0, C, var);
    s[0] = sing, s[1] = b->B[i].chi2raw;
    for (size_t c = 0; c < nl; c++)
      s[2 + c] = b->x[c0 + c], s[2 + nl + c] = sing ? NAN : sqrt(k * var[c]), s[2 + 2 * nl + c] = fl[c0 + c];
  }
  SFHET_TRY(sfhet_par_sum(b->slot, g->m * q));
  for (size_t i = 0; i < g->m; i++) {
    const double *s = b->slot + i * q;
    if (s[0] != 0) {
      char what[100];
      snprintf(what, sizeof what, "the data do not determine the local parameters of spectrum %zu", i + 1);
      flag(lr, what);
    }
    b->chi2i[i] = s[1];
    for (size_t c = 0; c < nl; c++) {
      sfhet_lsq_param *p = &b->par[ns + i * nl + c];
      p->value = b->x[ns + i * nl + c] = s[2 + c], p->err = s[2 + nl + c], p->at_bound = (int)s[2 + 2 * nl + c];
    }
  }
  return SFHET_OK;
}

/* Errors that exceed 1e3 times the parameter's size are no measurement (as lsq_cov.c). */
static void absurd_errors(const blm *b, sfhet_lsq_result *lr) {
  for (size_t col = 0; col < b->g->npg; col++) {
    const sfhet_lsq_param *p = &b->par[col];
    if (!(isfinite(p->err) && p->err > REL_ERR_MAX * fmax(fabs(p->value), b->g->scale[col]))) continue;
    char what[140];
    snprintf(what, sizeof what, "the error of %s (%.3g) is over 1000 times its size", p->name, p->err);
    flag(lr, what);
  }
}

int blm_finish(blm *b, sfhet_lsq_result *lr) {
  const glob_ctx *g = b->g;
  lr->chi2 = b->chi2;
  lr->dof = b->dof;
  lr->chi2_red = b->dof ? b->chi2 / (double)b->dof : NAN;
  lr->errors_scaled = (!g->have_sigma || g->c->loss != SFHET_LOSS_LINEAR) && b->dof > 0;
  lr->n_evals = (size_t)b->evals;
  lr->n_free = 0, lr->corr = NULL;
  double k = kappa(b, lr), C[NMAX * NMAX];
  int *fl = malloc(g->npg * sizeof *fl);
  if (!fl) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  int st = shared_errors(b, lr, k, fl, C);
  if (!st) st = local_errors(b, lr, k, fl, C);
  if (!st && lr->converged) absurd_errors(b, lr);
  free(fl);
  if (lr->stopped) {
    lr->converged = 0;
    for (size_t col = 0; col < g->npg; col++) b->par[col].err = NAN;
  }
  lr->elapsed = lsq_now() - b->t0;
  return st;
}

