/* Internals of the global fit of a sweep (global.c, global_spec.c, global_block.c; not installed). */
#ifndef SFHET_GLOBAL_INT_H
#define SFHET_GLOBAL_INT_H

#include "sfhet/fit.h"
#include "sfhet/lsq.h"

/* The joint problem: ns shared parameters (one value for all spectra) and nl local ones per spectrum;
 * the global vector is [shared..., spectrum 0's locals, spectrum 1's locals, ...] (npg entries). */
typedef struct {
  const sfhet_fit_config *c;
  const sfhet_fit_data *d;
  size_t m, ns, nl, npg, ntot, nmax;
  size_t S[SFHET_FIT_MAX_PARAMS], L[SFHET_FIT_MAX_PARAMS]; /* shared and local parameter indices */
  const sfhet_fit_result *base; /* fixed values per spectrum */
  void **ws;                /* one model workspace per thread */
  int nthreads;
  int have_sigma;           /* every spectrum has sigmas */
  double noise;             /* loss scale without sigmas: the median noise level */
  double *scale;            /* npg typical sizes (finite-difference steps) */
  double *lo, *hi;          /* npg bounds */
  int *open;                /* npg open-bound flags */
} glob_ctx;

/* Normal-equation blocks of one spectrum i at a point of the joint problem, for rows f~ (loss-transformed
 * residuals) with Jacobian J = [A B] (A: its ns shared columns, B: its nl local ones): U = A'A, W = A'B,
 * V = B'B, ga = A'f~, gb = B'f~; Ue, We, Ve the same with the rows of the covariance (sqrt psi' for a
 * robust loss; they point at U, W, V for the linear loss). Row-major. */
typedef struct {
  double *U, *W, *V, *ga, *gb, *Ue, *We, *Ve;
  double chi2;    /* sum f~^2 (the iteration's chi^2) */
  double chi2raw; /* sum r^2 of the plain residuals r = (model - y) / sigma */
  double psi2, curv, clip; /* sums of psi(r)^2, psi'(r) raw and clipped (robust covariance) */
  double evals;   /* model evaluations spent */
} glob_blocks;

/* Scratch of one thread for glob_spec_blocks (glob_scratch_alloc / _free). */
typedef struct glob_scratch glob_scratch;
glob_scratch *glob_scratch_alloc(const glob_ctx *g);
void glob_scratch_free(glob_scratch *s);

/* Full parameter vector p of spectrum i from the global vector pg. */
void glob_unpack(const glob_ctx *g, const double *pg, size_t i, double *p);

/* Doubles one glob_blocks needs (glob_blocks_bind lays them out from mem). */
size_t glob_blocks_size(const glob_ctx *g);
void glob_blocks_bind(const glob_ctx *g, double *mem, glob_blocks *b);

/* Spectrum i at pg: its residuals, its Jacobian columns by central differences (step 1e-3 of each
 * parameter's size, inside the bounds) and the blocks. A model failure returns its status. */
int glob_spec_blocks(const glob_ctx *g, const double *pg, size_t i, glob_scratch *s, glob_blocks *b);

/* Spectrum i's chi^2 (sum f~^2) at pg. Status as above. */
int glob_spec_chi2(const glob_ctx *g, const double *pg, size_t i, glob_scratch *s, double *chi2);

/* Damped Schur complement of spectrum i's local block: with Vd = V + mu diag(V) (floored), the rows and
 * columns of frozen locals (fl[nl], NULL: none) removed, Si = U - W Vd^-1 W' (ns x ns), ri = ga - W Vd^-1
 * gb (ns), *qi = gb' Vd^-1 gb. err: use the error blocks. Returns nonzero when Vd is not positive definite. */
int glob_schur(const glob_ctx *g, const glob_blocks *b, double mu, const int *fl, int err, double *Si,
               double *ri, double *qi);

/* Local step of spectrum i for the shared step ds: dl = -Vd^-1 (gb + W' ds) (frozen locals: 0), and its
 * part of the predicted chi^2 reduction, *pred = -gb'dl + mu dl' diag(V) dl. */
int glob_local_step(const glob_ctx *g, const glob_blocks *b, double mu, const int *fl, const double *ds,
                    double *dl, double *pred);

/* Shared step of the reduced system: (S + mu diag(dg)) ds = -r, frozen entries 0. Nonzero if singular. */
int glob_solve_shared(size_t ns, const double *S, const double *dg, double mu, const int *fl, const double *r,
                      double *ds);

/* C = S^-1 with frozen rows and columns 0 (ns x ns). Nonzero if S is not positive definite. */
int glob_invert_shared(size_t ns, const double *S, const int *fl, double *C);

/* Variance of spectrum i's locals given the shared covariance Css (ns x ns, frozen rows zero) from the
 * error blocks: diag(Ve^-1 + Y Css Y'), Y = Ve^-1 We' (frozen locals: NaN). Nonzero if Ve is singular. */
int glob_local_var(const glob_ctx *g, const glob_blocks *b, const int *fl, const double *Css, double *var);

/* The joint fit by a block Levenberg-Marquardt (global_block.c): par[npg] updated in place, the summary in
 * lr (corr NULL), each spectrum's chi2raw in chi2i[m]. Under MPI the spectra are dealt out to the ranks
 * and the shared parameters' normal equations reduced; every rank ends with the same par. */
int glob_block_fit(const glob_ctx *g, sfhet_lsq_param *par, sfhet_lsq_result *lr, double *chi2i);

#endif
