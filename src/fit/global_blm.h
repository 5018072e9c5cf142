/* State of the block Levenberg-Marquardt of a global fit (global_block.c, global_cov.c; not installed). */
#ifndef SFHET_GLOBAL_BLM_H
#define SFHET_GLOBAL_BLM_H

#include "fit/global_int.h"

#define BLM_NMAX SFHET_FIT_MAX_PARAMS

typedef struct {
  const glob_ctx *g;
  sfhet_lsq_param *par;
  int rank, size;
  size_t *own, nown;    /* this rank's spectra: i = rank, rank + size, ... */
  double *mem;          /* m block records (glob_blocks_size each; only own ones filled) */
  glob_blocks *B;       /* m */
  double *rows;         /* nown x q terms of one reduction */
  size_t *bad;          /* nown: failure flags of the last pass */
  double *slot;         /* m x (2 + 3 nl): the gathered per-spectrum results */
  glob_scratch **scr;   /* one per thread */
  double *x, *xt, *dl;  /* npg, npg, nl per thread */
  int *frz;             /* npg: parameters held on a bound */
  double *chi2i;        /* m: chi2raw of each spectrum at x (filled at the end) */
  double S[BLM_NMAX * BLM_NMAX], r[BLM_NMAX], ga[BLM_NMAX], dg[BLM_NMAX], qs;
  double chi2, psi2, curv, clip;
  double evals;         /* model evaluations, counted as evaluations of all spectra (the budget's unit) */
  size_t dof;
  double t0;
} blm;

/* Spectrum index of global column col >= ns. */
static inline size_t blm_spectrum(const blm *b, size_t col) { return (col - b->g->ns) / b->g->nl; }

/* Whether this rank owns spectrum i. */
static inline int blm_owns(const blm *b, size_t i) { return (int)(i % (size_t)b->size) == b->rank; }

/* -1 / +1 when global parameter col with value v sits on its lower / upper bound (lsq_cov.c's rule). */
int blm_on_bound(const blm *b, size_t col, double v);

/* The reduced shared system at damping mu from the iteration's (err = 0) or the covariance's blocks,
 * with the locals flagged in fl held, into b->S, b->r, b->qs. 1 + a spectrum whose local block is
 * singular, or 0. */
size_t blm_schur(blm *b, double mu, int err, const int *fl, int *st);

/* Errors at the final point (global_cov.c): values, errors and bound flags of every parameter into
 * b->par on every rank, each spectrum's chi2raw into b->chi2i, lr's summary. */
int blm_finish(blm *b, sfhet_lsq_result *lr);

#endif
