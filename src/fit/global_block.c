/* The joint stage of a global fit: Levenberg-Marquardt on the block-sparse problem of ns shared
 * parameters and nl locals per spectrum. Each spectrum gives its normal-equation blocks (global_spec.c);
 * its locals are eliminated by the Schur complement (global_alg.c), so only the shared parameters'
 * ns x ns system is summed over the spectra. Under MPI the spectra are dealt out to the ranks (spectrum i
 * to rank i mod N) and that system is reduced across them: every rank puts its spectra's terms in their
 * slots of one array, MPI_Allreduce sums it (each slot has one contributor, so the sum is exact) and
 * every rank adds the slots in spectrum order, so the numbers do not depend on the number of ranks or
 * threads. Marquardt damping mu diag(J'J) with Nielsen's update (Madsen, Nielsen & Tingleff, "Methods for
 * non-linear least squares problems", 2004, sec. 3.2); bounds by clipping the step, with parameters on
 * a bound that the gradient pushes outwards held there. Converged when the Gauss-Newton step that remains
 * lowers chi^2 by less than 1e-6 chi^2/dof (the engine's stationarity test, lsq.c) or the step is below
 * xtol; errors from the undamped normal equations at the final point (the block inverse), scaled as in the
 * engine (lsq_cov.c). */
#include <gsl/gsl_eigen.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/global_int.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

#define NMAX SFHET_FIT_MAX_PARAMS
#define MU_MAX 1e20    /* damping beyond this: no step lowers chi^2 */
#define COND_MAX 1e7   /* as lsq_cov.c */
#define REL_ERR_MAX 1e3

typedef struct {
  const glob_ctx *g;
  sfhet_lsq_param *par;
  int rank, size;
  size_t K, q;          /* doubles per block record; per reduction slot */
  double *mem, *slot;   /* m * K; m * q */
  glob_blocks *B;       /* m (owned ones filled) */
  glob_scratch **scr;   /* one per thread */
  double *x, *xt, *dl;  /* npg, npg, nl per thread */
  int *frz;             /* npg frozen flags */
  double *chi2i;        /* m: chi2raw of each spectrum at x */
  double S[NMAX * NMAX], r[NMAX], ga[NMAX], dg[NMAX], qs;
  double chi2, psi2, curv, clip;
  double evals;         /* model evaluations, counted as evaluations of all spectra (the budget's unit) */
  size_t dof;
  double t0;
} blm;

static int owns(const blm *b, size_t i) { return (int)(i % (size_t)b->size) == b->rank; }

/* Sums the slots over the ranks; the first failing spectrum (status in slot field 0) or m. */
static size_t reduce(blm *b, size_t q) {
  const glob_ctx *g = b->g;
  if (sfhet_par_sum(b->slot, g->m * q)) return g->m + 1;
  for (size_t i = 0; i < g->m; i++)
    if (b->slot[i * q] != 0) return i;
  return g->m;
}

/* out[k] = sum over spectra of slot field f0 + k, in spectrum order. */
static void total(const blm *b, size_t q, size_t f0, size_t n, double *out) {
  memset(out, 0, n * sizeof *out);
  for (size_t i = 0; i < b->g->m; i++)
    for (size_t k = 0; k < n; k++) out[k] += b->slot[i * q + f0 + k];
}

/* The model failure of spectrum i (reproduced here when another rank met it, for its message). */
static int spectrum_failed(blm *b, size_t i, int st) {
  const glob_ctx *g = b->g;
  if (i > g->m) SFHET_ERROR(SFHET_EFAILED, "MPI: reduction failed");
  if (!owns(b, i)) glob_spec_blocks(g, b->x, i, b->scr[0], &b->B[i]);
  char msg[300];
  snprintf(msg, sizeof msg, "%s", sfhet_last_error());
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "fit: out of memory");
  SFHET_ERROR(sfhet_status_exit_code(st) == 2 ? SFHET_EFAILED : st, "global fit: spectrum %zu: %s; try "
              "other start values or hold some parameters fixed", i + 1, msg);
}

/* Blocks of every owned spectrum at b->x; the sums over all spectra. */
static int point(blm *b) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, q = 7 + 2 * ns;
  memset(b->slot, 0, g->m * q * sizeof *b->slot);
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t i = 0; i < g->m; i++) {
    if (!owns(b, i)) continue;
    glob_blocks *B = &b->B[i];
    double *s = b->slot + i * q;
    s[0] = glob_spec_blocks(g, b->x, i, b->scr[omp_get_thread_num()], B);
    s[1] = B->chi2, s[2] = B->chi2raw, s[3] = B->psi2, s[4] = B->curv, s[5] = B->clip, s[6] = B->evals;
    for (size_t a = 0; a < ns; a++) s[7 + a] = B->ga[a], s[7 + ns + a] = B->U[a * ns + a];
  }
  size_t bad = reduce(b, q);
  if (bad < g->m || bad > g->m) return spectrum_failed(b, bad, bad < g->m ? (int)b->slot[bad * q] : 0);
  double t[7];
  total(b, q, 1, 6, t + 1);
  b->chi2 = t[1], b->psi2 = t[3], b->curv = t[4], b->clip = t[5], b->evals += t[6] / (double)g->m;
  total(b, q, 7, ns, b->ga);
  total(b, q, 7 + ns, ns, b->dg);
  for (size_t i = 0; i < g->m; i++) b->chi2i[i] = b->slot[i * q + 2];
  return SFHET_OK;
}

/* -1 / +1 when global parameter col with value v sits on its lower / upper bound (lsq_cov.c's rule). */
static int on_bound(const blm *b, size_t col, double v) {
  const glob_ctx *g = b->g;
  double lo = g->lo[col], hi = g->hi[col], s = g->scale[col];
  double tl = 1e-7 * fmax(fabs(lo), fmax(s, fabs(v))), th = 1e-7 * fmax(fabs(hi), fmax(s, fabs(v)));
  if (isfinite(lo) && isfinite(hi)) tl = th = 1e-7 * (hi - lo);
  if (isfinite(lo) && v - lo <= tl) return -1;
  if (isfinite(hi) && hi - v <= th) return 1;
  return 0;
}

/* Parameters on a bound that the descent direction -gradient pushes outwards are held. */
static void freeze(blm *b) {
  const glob_ctx *g = b->g;
  for (size_t col = 0; col < g->npg; col++) {
    b->frz[col] = 0;
    size_t i = col < g->ns ? 0 : (col - g->ns) / g->nl;
    if (col >= g->ns && !owns(b, i)) continue;
    double grad = col < g->ns ? b->ga[col] : b->B[i].gb[(col - g->ns) % g->nl];
    int side = on_bound(b, col, b->x[col]);
    b->frz[col] = (side < 0 && grad > 0) || (side > 0 && grad < 0);
  }
}

/* The reduced shared system at damping mu (err: the covariance's blocks, frozen: at_bound flags) into
 * b->S, b->r, b->qs. Nonzero when a spectrum's local block is singular (its index + 1). */
static size_t schur(blm *b, double mu, int err, const int *fl) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, q = 2 + ns * ns + ns;
  memset(b->slot, 0, g->m * q * sizeof *b->slot);
#pragma omp parallel for schedule(dynamic, 8) num_threads(g->nthreads)
  for (size_t i = 0; i < g->m; i++) {
    if (!owns(b, i)) continue;
    double *s = b->slot + i * q;
    s[0] = glob_schur(g, &b->B[i], mu, fl + g->ns + i * g->nl, err, s + 2, s + 2 + ns * ns, &s[1]);
  }
  size_t bad = reduce(b, q);
  total(b, q, 1, 1, &b->qs);
  total(b, q, 2, ns * ns, b->S);
  total(b, q, 2 + ns * ns, ns, b->r);
  return bad < g->m ? bad + 1 : 0;
}

/* The chi^2 reduction the remaining undamped Gauss-Newton step promises: g'(J'J)^-1 g, by blocks. */
static double decrement(blm *b) {
  size_t ns = b->g->ns;
  double ds[NMAX], mu = 0;
  if (schur(b, mu, 0, b->frz)) schur(b, mu = 1e-9, 0, b->frz);
  if (glob_solve_shared(ns, b->S, b->dg, mu, b->frz, b->r, ds)) return INFINITY;
  double dec = b->qs;
  for (size_t a = 0; a < ns; a++) dec -= b->r[a] * ds[a];
  return dec;
}

/* p inside its bounds, off an open bound by 1e-9 of its size (the engine's clamp). */
static double clamp(const blm *b, size_t col, double v) {
  const glob_ctx *g = b->g;
  double lo = g->lo[col], hi = g->hi[col], m = 1e-9 * g->scale[col];
  if (g->open[col] & SFHET_LSQ_LO_OPEN) lo += fmax(m, 1e-12 * fabs(lo));
  if (g->open[col] & SFHET_LSQ_HI_OPEN) hi -= fmax(m, 1e-12 * fabs(hi));
  return fmin(fmax(v, lo), hi);
}

/* The trial point x + (ds, dl_i) and its chi^2 and predicted reduction (sums over spectra). Nonzero when
 * the model fails at it (a rejected step). */
static int trial(blm *b, double mu, const double *ds, double *chi2t, double *pred) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, nl = g->nl, q = 4;
  memcpy(b->xt, b->x, g->npg * sizeof *b->x);
  for (size_t a = 0; a < ns; a++) b->xt[a] = clamp(b, a, b->x[a] + ds[a]);
  memset(b->slot, 0, g->m * q * sizeof *b->slot);
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t i = 0; i < g->m; i++) {
    if (!owns(b, i)) continue;
    double *s = b->slot + i * q, *dl = b->dl + (size_t)omp_get_thread_num() * (nl ? nl : 1), raw;
    size_t c0 = ns + i * nl;
    s[0] = glob_local_step(g, &b->B[i], mu, b->frz + c0, ds, dl, &s[2]) ? SFHET_EFAILED : SFHET_OK;
    for (size_t c = 0; c < nl && !s[0]; c++) b->xt[c0 + c] = clamp(b, c0 + c, b->x[c0 + c] + dl[c]);
    if (!s[0]) s[0] = glob_spec_chi2(g, b->xt, i, b->scr[omp_get_thread_num()], &s[1], &raw);
    s[3] = 1;
  }
  size_t bad = reduce(b, q);
  double t[3];
  total(b, q, 1, 3, t);
  b->evals += t[2] / (double)g->m;
  *chi2t = t[0], *pred = t[1];
  for (size_t a = 0; a < ns; a++) *pred += -b->ga[a] * ds[a] + mu * b->dg[a] * ds[a] * ds[a];
  return bad != g->m;
}

/* Whether the accepted step moved every parameter by less than xtol of its size. */
static int small_step(const blm *b) {
  const glob_ctx *g = b->g;
  double xtol = g->c->xtol > 0 ? g->c->xtol : 1e-10;
  int small = 1;
  for (size_t col = 0; col < g->npg; col++) {
    size_t i = col < g->ns ? 0 : (col - g->ns) / g->nl;
    if (col >= g->ns && !owns(b, i)) continue;
    small &= fabs(b->xt[col] - b->x[col]) <= xtol * (fabs(b->x[col]) + xtol * g->scale[col]);
  }
  double v = small ? 0 : 1;
  if (b->size > 1) sfhet_par_sum(&v, 1);
  return v == 0;
}

/* The budget: evaluations (the same on every rank) and the time limit (rank 0's clock decides). */
static int budget_spent(const blm *b, sfhet_lsq_result *lr) {
  const sfhet_fit_config *c = b->g->c;
  double stop = 0;
  if (c->max_evals && b->evals >= (double)c->max_evals) stop = SFHET_LSQ_STOP_EVALS;
  else if (c->time_limit > 0 && sfhet_par_is_root() && lsq_now() - b->t0 > c->time_limit) stop = SFHET_LSQ_STOP_TIME;
  if (b->size > 1) sfhet_par_sum(&stop, 1); /* rank 0's decision, or the same on all */
  if (stop == 0) return 0;
  lr->stopped = stop == SFHET_LSQ_STOP_EVALS ? SFHET_LSQ_STOP_EVALS : SFHET_LSQ_STOP_TIME;
  if (lr->stopped == SFHET_LSQ_STOP_EVALS)
    snprintf(lr->reason, sizeof lr->reason, "stopped: %.0f evaluations of all spectra (the evaluation budget)", b->evals);
  else
    snprintf(lr->reason, sizeof lr->reason, "stopped: time limit of %g s reached after %.0f evaluations of all spectra",
             c->time_limit, b->evals);
  return 1;
}

/* One damped step from x: tries mu, raising it until chi^2 falls. 1: accepted, 0: no step lowers chi^2,
 * -1: the budget is spent. */
static int step(blm *b, double *mu, double *nu, sfhet_lsq_result *lr) {
  double ds[NMAX], chi2t, pred;
  while (*mu < MU_MAX) {
    int fail = schur(b, *mu, 0, b->frz) != 0;
    if (!fail && glob_solve_shared(b->g->ns, b->S, b->dg, *mu, b->frz, b->r, ds)) fail = 1;
    if (!fail) fail = trial(b, *mu, ds, &chi2t, &pred);
    if (!fail && chi2t < b->chi2) {
      double rho = pred > 0 ? (b->chi2 - chi2t) / pred : 1.0, t = 2.0 * rho - 1.0;
      *mu *= fmax(1.0 / 3.0, 1.0 - t * t * t), *nu = 2.0;
      return 1;
    }
    *mu *= *nu, *nu *= 2.0;
    if (budget_spent(b, lr)) return -1;
  }
  return 0;
}

/* The iteration: a point, the stationarity test, a step. Returns a status; lr->converged and reason. */
static int iterate(blm *b, sfhet_lsq_result *lr) {
  const sfhet_fit_config *c = b->g->c;
  size_t max_iter = c->max_iter ? c->max_iter : 200;
  double mu = 1e-3, nu = 2.0;
  int tiny = 0;
  for (size_t it = 0;; it++) {
    SFHET_TRY(point(b));
    lr->n_iter = it;
    if (c->monitor) c->monitor(it, (size_t)b->evals, b->chi2, lsq_now() - b->t0, c->monitor_ctx);
    double red = fmax(b->chi2 / (double)(b->dof ? b->dof : 1), 1e-300);
    freeze(b);
    double dec = decrement(b);
    if (dec <= 1e-6 * red || (tiny && dec <= 1e-2 * red)) {
      lr->converged = 1;
      snprintf(lr->reason, sizeof lr->reason, dec <= 1e-6 * red ? "converged: at a stationary point, no "
               "step lowers chi^2 by 1e-6 of chi^2/dof" : "converged: step size below xtol");
      return SFHET_OK;
    }
    if (it >= max_iter) {
      snprintf(lr->reason, sizeof lr->reason, "not converged: %zu iterations (the maximum)", max_iter);
      return SFHET_OK;
    }
    if (budget_spent(b, lr)) return SFHET_OK;
    int s = step(b, &mu, &nu, lr);
    if (s < 0) return SFHET_OK;
    if (s == 0) {
      snprintf(lr->reason, sizeof lr->reason, "not converged: no step reduces chi^2 away from a minimum");
      return SFHET_OK;
    }
    tiny = small_step(b);
    memcpy(b->x, b->xt, b->g->npg * sizeof *b->x);
  }
}

/* Variance factor of the covariance: chi2_red when the errors are scaled, 1 with sigmas; for a robust
 * loss Huber's [sum psi^2 / dof] / [mean psi']^2 times mean psi'_clipped (as lsq_cov.c). */
static double kappa(const blm *b, const sfhet_lsq_result *lr) {
  const glob_ctx *g = b->g;
  if (g->c->loss == SFHET_LOSS_LINEAR) return lr->errors_scaled ? lr->chi2_red : 1.0;
  double n = (double)g->ntot, mean = b->curv > 0 ? b->curv / n : b->clip / n;
  return b->psi2 / (double)(b->dof ? b->dof : 1) * (b->clip / n) / (mean * mean);
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
    size_t i = col < ns ? 0 : (col - ns) / g->nl;
    fl[col] = col < ns || owns(b, i) ? on_bound(b, col, b->x[col]) : 0;
  }
  size_t bad = schur(b, 0.0, 1, fl);
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

/* Locals' values, errors and bound flags of every spectrum, gathered from their ranks. */
static int local_errors(blm *b, sfhet_lsq_result *lr, double k, const int *fl, const double *C) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, nl = g->nl, q = 1 + 3 * nl;
  memset(b->slot, 0, g->m * q * sizeof *b->slot);
  for (size_t i = 0; i < g->m; i++) {
    if (!owns(b, i)) continue;
    double *s = b->slot + i * q, var[NMAX];
    size_t c0 = ns + i * nl;
    int sing = glob_local_var(g, &b->B[i], fl + c0, C, var);
    s[0] = sing;
    for (size_t c = 0; c < nl; c++)
      s[1 + c] = b->x[c0 + c], s[1 + nl + c] = sing ? NAN : sqrt(k * var[c]), s[1 + 2 * nl + c] = fl[c0 + c];
  }
  size_t bad = reduce(b, q);
  if (bad < g->m) {
    char what[100];
    snprintf(what, sizeof what, "the data do not determine the local parameters of spectrum %zu", bad + 1);
    flag(lr, what);
  }
  for (size_t i = 0; i < g->m; i++)
    for (size_t c = 0; c < nl; c++) {
      sfhet_lsq_param *p = &b->par[ns + i * nl + c];
      const double *s = b->slot + i * q;
      p->value = b->x[ns + i * nl + c] = s[1 + c], p->err = s[1 + nl + c], p->at_bound = (int)s[1 + 2 * nl + c];
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

/* The summary and the errors at the final point. */
static int finish(blm *b, sfhet_lsq_result *lr) {
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

static int alloc(blm *b, const glob_ctx *g, sfhet_lsq_param *par, double *chi2i) {
  memset(b, 0, sizeof *b);
  b->g = g, b->par = par, b->chi2i = chi2i;
  b->rank = sfhet_par_rank(), b->size = sfhet_par_size();
  b->K = glob_blocks_size(g);
  size_t ns = g->ns, nl = g->nl, q = ns * ns + 3 * ns + 3 * nl + 8;
  b->q = q;
  b->mem = malloc(g->m * b->K * sizeof *b->mem);
  b->slot = malloc(g->m * q * sizeof *b->slot);
  b->B = malloc(g->m * sizeof *b->B);
  b->scr = calloc((size_t)g->nthreads, sizeof *b->scr);
  b->x = malloc((2 * g->npg + (size_t)g->nthreads * (nl ? nl : 1)) * sizeof *b->x);
  b->frz = malloc(g->npg * sizeof *b->frz);
  if (!b->mem || !b->slot || !b->B || !b->scr || !b->x || !b->frz) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  b->xt = b->x + g->npg, b->dl = b->xt + g->npg;
  for (size_t i = 0; i < g->m; i++) glob_blocks_bind(g, b->mem + i * b->K, &b->B[i]);
  for (int t = 0; t < g->nthreads; t++)
    if (!(b->scr[t] = glob_scratch_alloc(g))) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t col = 0; col < g->npg; col++) b->x[col] = clamp(b, col, par[col].value);
  b->dof = g->ntot > g->npg ? g->ntot - g->npg : 0;
  b->t0 = lsq_now();
  return SFHET_OK;
}

static void release(blm *b) {
  for (int t = 0; b->scr && t < b->g->nthreads; t++) glob_scratch_free(b->scr[t]);
  free(b->scr);
  free(b->mem), free(b->slot), free(b->B), free(b->x), free(b->frz);
}

int glob_block_fit(const glob_ctx *g, sfhet_lsq_param *par, sfhet_lsq_result *lr, double *chi2i) {
  blm b;
  memset(lr, 0, sizeof *lr);
  lr->cond = NAN;
  int st = alloc(&b, g, par, chi2i);
  if (!st) st = iterate(&b, lr);
  if (!st) st = finish(&b, lr);
  release(&b);
  if (st) return st;
  return lr->converged ? SFHET_OK : SFHET_ENOCONV;
}
