/* The joint stage of a global fit: Levenberg-Marquardt on the block-sparse problem of ns shared
 * parameters and nl locals per spectrum. Each spectrum gives its normal-equation blocks (global_spec.c);
 * its locals are eliminated by the Schur complement (global_alg.c), so only the shared parameters'
 * ns x ns system is summed over the spectra. Under MPI the spectra are dealt out to the ranks (spectrum i
 * to rank i mod N) and that system is reduced across them by sfhet_par_sum_exact, an exact fixed-point
 * sum, so the numbers are the same, to the last bit, for any number of ranks or threads. Marquardt
 * damping mu diag(J'J) with Nielsen's update (Madsen, Nielsen & Tingleff, "Methods for non-linear least
 * squares problems", 2004, sec. 3.2); bounds by clipping the step, with parameters on a bound that the
 * gradient pushes outwards held there. Converged when the Gauss-Newton step that remains lowers chi^2 by
 * less than 1e-6 chi^2/dof (the engine's stationarity test, lsq.c), or after steps below xtol once that
 * decrement is below 1e-2 chi^2/dof; errors in global_cov.c. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/global_blm.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

#define NMAX BLM_NMAX
#define MU_MAX 1e20 /* damping beyond this: no step lowers chi^2 */

/* Sums the q columns of this rank's rows over all ranks into tot; the first spectrum over all ranks
 * whose pass failed (b->bad) into *first (SIZE_MAX: none). */
static int reduce(blm *b, size_t q, double *tot, size_t *first) {
  SFHET_TRY(sfhet_par_sum_exact(b->rows, b->nown, q, tot));
  *first = SIZE_MAX;
  for (size_t j = 0; j < b->nown && *first == SIZE_MAX; j++)
    if (b->bad[j]) *first = b->own[j];
  return sfhet_par_min_index(first);
}

/* The model failure of spectrum i, reproduced on every rank for its status and message. */
static int spectrum_failed(blm *b, size_t i) {
  int st = glob_spec_blocks(b->g, b->x, i, b->scr[0], &b->B[i]);
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "fit: out of memory");
  char msg[300];
  snprintf(msg, sizeof msg, "%s", st ? sfhet_last_error() : "the model failed on another rank");
  SFHET_ERROR(st == SFHET_OK || sfhet_status_exit_code(st) == 2 ? SFHET_EFAILED : st, "global fit: spectrum "
              "%zu: %s; try other start values or hold some parameters fixed", i + 1, msg);
}

/* Blocks of every own spectrum at b->x; the sums over all spectra. */
static int point(blm *b) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, q = 5 + 2 * ns, first;
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t j = 0; j < b->nown; j++) {
    glob_blocks *B = &b->B[b->own[j]];
    double *s = b->rows + j * q;
    b->bad[j] = glob_spec_blocks(g, b->x, b->own[j], b->scr[omp_get_thread_num()], B) != SFHET_OK;
    s[0] = B->chi2, s[1] = B->psi2, s[2] = B->curv, s[3] = B->clip, s[4] = B->evals;
    for (size_t a = 0; a < ns; a++) s[5 + a] = B->ga[a], s[5 + ns + a] = B->U[a * ns + a];
    if (b->bad[j]) memset(s, 0, q * sizeof *s);
  }
  double t[5 + 2 * NMAX];
  SFHET_TRY(reduce(b, q, t, &first));
  if (first != SIZE_MAX) return spectrum_failed(b, first);
  b->chi2 = t[0], b->psi2 = t[1], b->curv = t[2], b->clip = t[3], b->evals += t[4] / (double)g->m;
  memcpy(b->ga, t + 5, ns * sizeof *t);
  memcpy(b->dg, t + 5 + ns, ns * sizeof *t);
  return SFHET_OK;
}

int blm_on_bound(const blm *b, size_t col, double v) {
  const glob_ctx *g = b->g;
  return lsq_bound_side(g->lo[col], g->hi[col], g->scale[col], v);
}

/* Parameters on a bound that the descent direction -gradient pushes outwards are held (shared ones on
 * every rank, locals by their spectrum's rank). */
static void freeze(blm *b) {
  const glob_ctx *g = b->g;
  memset(b->frz, 0, g->npg * sizeof *b->frz);
  for (size_t col = 0; col < g->npg; col++) {
    if (col >= g->ns && !blm_owns(b, blm_spectrum(b, col))) continue;
    double grad = col < g->ns ? b->ga[col] : b->B[blm_spectrum(b, col)].gb[(col - g->ns) % g->nl];
    int side = blm_on_bound(b, col, b->x[col]);
    b->frz[col] = (side < 0 && grad > 0) || (side > 0 && grad < 0);
  }
}

size_t blm_schur(blm *b, double mu, int err, const int *fl, int *st) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, q = 1 + ns * ns + ns, first;
#pragma omp parallel for schedule(dynamic, 8) num_threads(g->nthreads)
  for (size_t j = 0; j < b->nown; j++) {
    size_t i = b->own[j];
    double *s = b->rows + j * q;
    b->bad[j] = glob_schur(g, &b->B[i], mu, fl + ns + i * g->nl, err, s + 1, s + 1 + ns * ns, &s[0]) != 0;
    if (b->bad[j]) memset(s, 0, q * sizeof *s);
  }
  double t[1 + NMAX * NMAX + NMAX];
  *st = reduce(b, q, t, &first);
  b->qs = t[0];
  memcpy(b->S, t + 1, ns * ns * sizeof *t);
  memcpy(b->r, t + 1 + ns * ns, ns * sizeof *t);
  return *st || first == SIZE_MAX ? 0 : first + 1;
}

/* The chi^2 reduction the remaining undamped Gauss-Newton step promises: g'(J'J)^-1 g, by blocks. */
static int decrement(blm *b, double *dec) {
  size_t ns = b->g->ns;
  double ds[NMAX], mu = 0;
  int st;
  if (blm_schur(b, mu, 0, b->frz, &st) && !st) blm_schur(b, mu = 1e-9, 0, b->frz, &st);
  SFHET_TRY(st);
  *dec = INFINITY;
  if (glob_solve_shared(ns, b->S, b->dg, mu, b->frz, b->r, ds)) return SFHET_OK;
  *dec = b->qs;
  for (size_t a = 0; a < ns; a++) *dec -= b->r[a] * ds[a];
  return SFHET_OK;
}

/* p inside its bounds, off an open bound by 1e-9 of its size (the engine's clamp). */
static double clamp(const blm *b, size_t col, double v) {
  const glob_ctx *g = b->g;
  return lsq_clamp_value(g->lo[col], g->hi[col], g->open[col], g->scale[col], v);
}

/* The trial point x + (ds, dl_i): its chi^2 and the predicted reduction (sums over all spectra);
 * *failed when the model fails at it (a rejected step). */
static int trial(blm *b, double mu, const double *ds, double *chi2t, double *pred, int *failed) {
  const glob_ctx *g = b->g;
  size_t ns = g->ns, nl = g->nl, q = 3, first;
  memcpy(b->xt, b->x, g->npg * sizeof *b->x);
  for (size_t a = 0; a < ns; a++) b->xt[a] = clamp(b, a, b->x[a] + ds[a]);
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t j = 0; j < b->nown; j++) {
    size_t i = b->own[j], c0 = ns + i * nl;
    double *s = b->rows + j * q, *dl = b->dl + (size_t)omp_get_thread_num() * (nl ? nl : 1);
    b->bad[j] = glob_local_step(g, &b->B[i], mu, b->frz + c0, ds, dl, &s[1]) != 0;
    for (size_t c = 0; c < nl && !b->bad[j]; c++) b->xt[c0 + c] = clamp(b, c0 + c, b->x[c0 + c] + dl[c]);
    if (!b->bad[j]) b->bad[j] = glob_spec_chi2(g, b->xt, i, b->scr[omp_get_thread_num()], &s[0]) != SFHET_OK;
    if (b->bad[j]) s[0] = s[1] = 0;
    s[2] = 1;
  }
  double t[3];
  SFHET_TRY(reduce(b, q, t, &first));
  b->evals += t[2] / (double)g->m;
  *chi2t = t[0], *pred = t[1], *failed = first != SIZE_MAX;
  for (size_t a = 0; a < ns; a++) *pred += -b->ga[a] * ds[a] + mu * b->dg[a] * ds[a] * ds[a];
  return SFHET_OK;
}

/* Whether the accepted step moved every parameter by less than xtol of its size (all ranks agree). */
static int small_step(const blm *b, int *small) {
  const glob_ctx *g = b->g;
  double xtol = g->c->xtol > 0 ? g->c->xtol : 1e-10;
  size_t big = SIZE_MAX;
  for (size_t col = 0; col < g->npg && big == SIZE_MAX; col++) {
    if (col >= g->ns && !blm_owns(b, blm_spectrum(b, col))) continue;
    if (fabs(b->xt[col] - b->x[col]) > xtol * (fabs(b->x[col]) + xtol * g->scale[col])) big = col;
  }
  SFHET_TRY(sfhet_par_min_index(&big));
  *small = big == SIZE_MAX;
  return SFHET_OK;
}

/* The budget: evaluations (the same on every rank) and the time limit (rank 0's clock decides). */
static int budget_spent(const blm *b, sfhet_lsq_result *lr, int *spent) {
  const sfhet_fit_config *c = b->g->c;
  size_t stop = SIZE_MAX;
  if (c->max_evals && b->evals >= (double)c->max_evals) stop = SFHET_LSQ_STOP_EVALS;
  else if (c->time_limit > 0 && sfhet_par_is_root() && lsq_now() - b->t0 > c->time_limit) stop = SFHET_LSQ_STOP_TIME;
  SFHET_TRY(sfhet_par_min_index(&stop)); /* rank 0's decision, or the same on all */
  *spent = stop != SIZE_MAX;
  if (!*spent) return SFHET_OK;
  lr->stopped = stop == SFHET_LSQ_STOP_EVALS ? SFHET_LSQ_STOP_EVALS : SFHET_LSQ_STOP_TIME;
  if (lr->stopped == SFHET_LSQ_STOP_EVALS)
    snprintf(lr->reason, sizeof lr->reason, "stopped: %.0f evaluations of all spectra (the evaluation budget)", b->evals);
  else
    snprintf(lr->reason, sizeof lr->reason, "stopped: time limit of %g s reached after %.0f evaluations of all "
             "spectra", c->time_limit, b->evals);
  return SFHET_OK;
}

/* One damped step from x: raises mu until chi^2 falls. *took 1: accepted (in b->xt), 0: no step lowers
 * chi^2, -1: the budget is spent. */
static int step(blm *b, double *mu, double *nu, sfhet_lsq_result *lr, int *took) {
  double ds[NMAX], chi2t, pred;
  int st, failed, spent;
  while (*mu < MU_MAX) {
    failed = blm_schur(b, *mu, 0, b->frz, &st) != 0;
    SFHET_TRY(st);
    if (!failed) failed = glob_solve_shared(b->g->ns, b->S, b->dg, *mu, b->frz, b->r, ds);
    if (!failed) SFHET_TRY(trial(b, *mu, ds, &chi2t, &pred, &failed));
    if (!failed && chi2t < b->chi2) {
      double rho = pred > 0 ? (b->chi2 - chi2t) / pred : 1.0, t = 2.0 * rho - 1.0;
      *mu *= fmax(1.0 / 3.0, 1.0 - t * t * t), *nu = 2.0;
      *took = 1;
      return SFHET_OK;
    }
    *mu *= *nu, *nu *= 2.0;
    SFHET_TRY(budget_spent(b, lr, &spent));
    if (spent) return *took = -1, SFHET_OK;
  }
  *took = 0;
  return SFHET_OK;
}

/* The iteration: a point, the stationarity test, a step. lr->converged and reason set. */
static int iterate(blm *b, sfhet_lsq_result *lr) {
  const sfhet_fit_config *c = b->g->c;
  size_t max_iter = c->max_iter ? c->max_iter : 200;
  double mu = 1e-3, nu = 2.0, dec;
  int tiny = 0, spent, took;
  for (size_t it = 0;; it++) {
    SFHET_TRY(point(b));
    lr->n_iter = it;
    if (c->monitor) c->monitor(it, (size_t)b->evals, b->chi2, lsq_now() - b->t0, c->monitor_ctx);
    double red = fmax(b->chi2 / (double)(b->dof ? b->dof : 1), 1e-300);
    freeze(b);
    SFHET_TRY(decrement(b, &dec));
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
    SFHET_TRY(budget_spent(b, lr, &spent));
    if (spent) return SFHET_OK;
    SFHET_TRY(step(b, &mu, &nu, lr, &took));
    if (took < 0) return SFHET_OK;
    if (took == 0) {
      snprintf(lr->reason, sizeof lr->reason, "not converged: no step reduces chi^2 away from a minimum");
      return SFHET_OK;
    }
    SFHET_TRY(small_step(b, &tiny));
    memcpy(b->x, b->xt, b->g->npg * sizeof *b->x);
  }
}

static int alloc(blm *b, const glob_ctx *g, sfhet_lsq_param *par, double *chi2i) {
  memset(b, 0, sizeof *b);
  b->g = g, b->par = par, b->chi2i = chi2i;
  b->rank = sfhet_par_rank(), b->size = sfhet_par_size();
  size_t ns = g->ns, nl = g->nl, K = glob_blocks_size(g), q = ns * ns + 2 * ns + 8;
  b->nown = g->m / (size_t)b->size + ((size_t)b->rank < g->m % (size_t)b->size);
  b->own = malloc((b->nown + 1) * sizeof *b->own);
  b->bad = malloc((b->nown + 1) * sizeof *b->bad);
  b->rows = malloc((b->nown + 1) * q * sizeof *b->rows);
  b->mem = malloc(g->m * K * sizeof *b->mem);
  b->slot = malloc(g->m * (2 + 3 * nl) * sizeof *b->slot);
  b->B = malloc(g->m * sizeof *b->B);
  b->scr = calloc((size_t)g->nthreads, sizeof *b->scr);
  b->x = malloc((2 * g->npg + (size_t)g->nthreads * (nl ? nl : 1)) * sizeof *b->x);
  b->frz = malloc(g->npg * sizeof *b->frz);
  if (!b->own || !b->bad || !b->rows || !b->mem || !b->slot || !b->B || !b->scr || !b->x || !b->frz)
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t j = 0; j < b->nown; j++) b->own[j] = (size_t)b->rank + j * (size_t)b->size;
  b->xt = b->x + g->npg, b->dl = b->xt + g->npg;
  for (size_t i = 0; i < g->m; i++) glob_blocks_bind(g, b->mem + i * K, &b->B[i]);
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
  free(b->own), free(b->bad), free(b->rows), free(b->mem), free(b->slot), free(b->B), free(b->x), free(b->frz);
}

int glob_block_fit(const glob_ctx *g, sfhet_lsq_param *par, sfhet_lsq_result *lr, double *chi2i) {
  blm b;
  memset(lr, 0, sizeof *lr);
  lr->cond = NAN;
  int st = alloc(&b, g, par, chi2i);
  if (!st) st = iterate(&b, lr);
  if (!st) st = blm_finish(&b, lr);
  release(&b);
  if (st) return st;
  return lr->converged ? SFHET_OK : SFHET_ENOCONV;
}
