/* Internal interface of the MPI layer (src/par/, built only with SFHET_MPI). */
#ifndef SFHET_PAR_INT_H
#define SFHET_PAR_INT_H

#include "sfhet/sweep.h"

/* 1 when MPI gave MPI_THREAD_SERIALIZED (rank 0 then computes while a thread hands out points). */
int par_threaded(void);

/* sfhet_sweep_map_dist on more than one rank (par_sweep.c). Collective. */
int par_sweep_map(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads, const sfhet_progress *progress,
                  int *status, const sfhet_sweep_out *outs, size_t nouts);

#endif
