/* Distributed runs: the MPI layer under the sweep primitive (sfhet/sweep.h). Every rank runs the same
 * program; sweeps hand points out across ranks and gather the results, so every rank ends with the
 * same arrays; only rank 0 writes outputs. Without MPI (a build with SFHET_MPI=OFF, or a process not
 * started by mpirun) these are single-process no-ops. Calls marked collective must be made by every
 * rank in the same order. */
#ifndef SFHET_PAR_H
#define SFHET_PAR_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

/* Starts MPI when the process was launched by an MPI launcher (mpirun sets its environment) and MPI is
 * built in; otherwise does nothing. argc/argv may be NULL. Collective. Returns a status. */
int sfhet_par_init(int *argc, char ***argv);

/* Ends MPI if sfhet_par_init started it (idempotent). Collective. */
void sfhet_par_finalize(void);

/* 1 when the library was built with MPI, else 0. */
int sfhet_par_built(void);

/* This process's rank (0 without MPI) and the number of ranks (1 without MPI). */
int sfhet_par_rank(void);
int sfhet_par_size(void);

/* 1 on the rank that writes outputs (rank 0; always 1 without MPI). */
int sfhet_par_is_root(void);

/* Element-wise sum of x[n] over all ranks, result on every rank. Collective. Returns a status. */
int sfhet_par_sum(double *x, size_t n);

/* Reproducible sum over all ranks: sum[k] = the sum over every rank's rows r of terms[r * n + k] (this
 * rank's nrows x n terms), computed exactly in 128-bit fixed point (quantum 2^-86 of the column's largest
 * |term|) and rounded once, so it is the same, to the last bit, however the rows are spread over ranks
 * and in whatever order (NaN when a term is not finite). Collective. Returns a status. */
int sfhet_par_sum_exact(const double *terms, size_t nrows, size_t n, double *sum);

/* The minimum of *i over all ranks (SIZE_MAX: none; indices from INT_MAX on count as none). Collective. */
int sfhet_par_min_index(size_t *i);

/* Copies bytes of buf from rank 0 to every rank. Collective. Returns a status. */
int sfhet_par_bcast(void *buf, size_t bytes);

SFHET_API_END

#endif
