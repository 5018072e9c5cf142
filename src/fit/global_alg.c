/* The small dense algebra of the block least squares (global_int.h): the Schur complement of a
 * spectrum's local block, its local step and its locals' variances, by LAPACK Cholesky (dpotrf/dpotrs). */
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "fit/global_int.h"

#define NMAX SFHET_FIT_MAX_PARAMS

/* Damping diagonal of A (n x n): its diagonal, floored at 1e-12 of the largest (a column without effect
 * still gets a damped step). */
static double damp(size_t n, const double *A, size_t a) {
  double big = 0;
  for (size_t c = 0; c < n; c++) big = fmax(big, A[c * n + c]);
  return fmax(A[a * n + a], 1e-12 * big + 1e-300);
}

/* Ad = A + mu D (D: diag(A) floored, or the given dg), frozen rows/columns the identity, factorised in
 * place (Cholesky, n x n). Nonzero when not positive definite. */
static int factor(size_t n, const double *A, const double *dg, double mu, const int *fl, double *Ad) {
  for (size_t a = 0; a < n; a++)
    for (size_t b = 0; b < n; b++) {
      int fz = fl && (fl[a] || fl[b]);
      Ad[a * n + b] = fz ? (a == b) : A[a * n + b];
    }
  for (size_t a = 0; a < n; a++)
    if (!(fl && fl[a])) Ad[a * n + a] += mu * (dg ? dg[a] : damp(n, A, a));
  if (n == 0) return 0;
  /* Ad is symmetric: column-major 'U' (no transposing copy in LAPACKE) leaves U = L' in its lower
   * row-major triangle */
  return LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'U', (lapack_int)n, Ad, (lapack_int)n) != 0;
}

/* x <- Vd^-1 x for nrhs right-hand sides stored as rows of x (nrhs x nl). */
static void solve_rows(size_t nl, const double *Vd, double *x, size_t nrhs) {
  if (nl == 0 || nrhs == 0) return;
  LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'U', (lapack_int)nl, (lapack_int)nrhs, Vd, (lapack_int)nl, x,
                      (lapack_int)nl); /* rows of x are the columns of a column-major nl x nrhs */
}

/* The blocks with frozen locals' columns zeroed: W (ns x nl) and gb. */
static void masked(const glob_ctx *g, const double *W, const double *gb, const int *fl, double *Wm, double *gbm) {
  size_t ns = g->ns, nl = g->nl;
  for (size_t a = 0; a < ns; a++)
    for (size_t b = 0; b < nl; b++) Wm[a * nl + b] = fl && fl[b] ? 0 : W[a * nl + b];
  for (size_t b = 0; b < nl; b++) gbm[b] = fl && fl[b] ? 0 : gb[b];
}

int glob_schur(const glob_ctx *g, const glob_blocks *b, double mu, const int *fl, int err, double *Si,
               double *ri, double *qi) {
  size_t ns = g->ns, nl = g->nl;
  const double *U = err ? b->Ue : b->U, *W = err ? b->We : b->W, *V = err ? b->Ve : b->V;
  double Vd[NMAX * NMAX], Wm[NMAX * NMAX], Y[NMAX * NMAX], gbm[NMAX], y[NMAX];
  if (factor(nl, V, NULL, mu, fl, Vd)) return 1;
  masked(g, W, b->gb, fl, Wm, gbm);
  memcpy(Y, Wm, ns * nl * sizeof *Y); /* rows of Y: Vd^-1 W' columns */
  solve_rows(nl, Vd, Y, ns);
  memcpy(y, gbm, nl * sizeof *y);
  solve_rows(nl, Vd, y, 1);
  double q = 0;
  for (size_t c = 0; c < nl; c++) q += gbm[c] * y[c];
  for (size_t a = 0; a < ns; a++) {
    double r = b->ga[a];
    for (size_t c = 0; c < nl; c++) r -= Wm[a * nl + c] * y[c];
    ri[a] = r;
    for (size_t e = 0; e < ns; e++) {
      double s = U[a * ns + e];
      for (size_t c = 0; c < nl; c++) s -= Wm[a * nl + c] * Y[e * nl + c];
      Si[a * ns + e] = s;
    }
  }
  *qi = q;
  return 0;
}

int glob_local_step(const glob_ctx *g, const glob_blocks *b, double mu, const int *fl, const double *ds,
                    double *dl, double *pred) {
  size_t ns = g->ns, nl = g->nl;
  double Vd[NMAX * NMAX], Wm[NMAX * NMAX], gbm[NMAX];
  if (factor(nl, b->V, NULL, mu, fl, Vd)) return 1;
  masked(g, b->W, b->gb, fl, Wm, gbm);
  for (size_t c = 0; c < nl; c++) {
    double v = gbm[c];
    for (size_t a = 0; a < ns; a++) v += Wm[a * nl + c] * ds[a];
    dl[c] = -v;
  }
  solve_rows(nl, Vd, dl, 1);
  double pr = 0;
  for (size_t c = 0; c < nl; c++) {
    if (fl && fl[c]) dl[c] = 0;
    pr += -gbm[c] * dl[c] + mu * damp(nl, b->V, c) * dl[c] * dl[c];
  }
  *pred = pr;
  return 0;
}

int glob_local_var(const glob_ctx *g, const glob_blocks *b, const int *fl, const double *Css, double *var) {
  size_t ns = g->ns, nl = g->nl;
  double Vd[NMAX * NMAX], Wm[NMAX * NMAX], Y[NMAX * NMAX], e[NMAX], gbm[NMAX];
  if (factor(nl, b->Ve, NULL, 0.0, fl, Vd)) return 1;
  masked(g, b->We, b->gb, fl, Wm, gbm);
  memcpy(Y, Wm, ns * nl * sizeof *Y);
  solve_rows(nl, Vd, Y, ns); /* Y[a][c] = (Vd^-1 W')[c][a] */
  for (size_t c = 0; c < nl; c++) {
    memset(e, 0, nl * sizeof *e);
    e[c] = 1;
    solve_rows(nl, Vd, e, 1);
    double v = e[c];
    for (size_t a = 0; a < ns; a++)
      for (size_t d = 0; d < ns; d++) v += Y[a * nl + c] * Css[a * ns + d] * Y[d * nl + c];
    var[c] = fl && fl[c] ? NAN : v;
  }
  return 0;
}

int glob_solve_shared(size_t ns, const double *S, const double *dg, double mu, const int *fl, const double *r,
                      double *ds) {
  double Sd[NMAX * NMAX];
  if (factor(ns, S, dg, mu, fl, Sd)) return 1;
  for (size_t a = 0; a < ns; a++) ds[a] = fl && fl[a] ? 0 : -r[a];
  solve_rows(ns, Sd, ds, 1);
  for (size_t a = 0; a < ns; a++)
    if (fl && fl[a]) ds[a] = 0;
  return 0;
}

int glob_invert_shared(size_t ns, const double *S, const int *fl, double *C) {
  double Sd[NMAX * NMAX];
  if (factor(ns, S, NULL, 0.0, fl, Sd)) return 1;
  for (size_t a = 0; a < ns; a++) {
    double *e = C + a * ns;
    memset(e, 0, ns * sizeof *e);
    e[a] = 1;
    solve_rows(ns, Sd, e, 1);
  }
  for (size_t a = 0; a < ns; a++)
    for (size_t b = 0; b < ns; b++)
      if (fl && (fl[a] || fl[b])) C[a * ns + b] = 0;
  return 0;
}
