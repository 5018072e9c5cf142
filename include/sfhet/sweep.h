/* Parallel sweeps: map a computation over n parameter points with OpenMP threads and, under mpirun,
 * across MPI ranks (sfhet/par.h). Each point writes its own results by index, so output order never
 * depends on scheduling. */
#ifndef SFHET_SWEEP_H
#define SFHET_SWEEP_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

/* Computes point `index`; writes results into caller-owned arrays at that index; returns a status. */
typedef int sfhet_sweep_fn(size_t index, void *ctx);

/* Progress callback: done of total points finished (called from one thread at a time). */
typedef void sfhet_progress_fn(size_t done, size_t total, void *ctx);

/* Optional progress reporter. */
typedef struct {
  sfhet_progress_fn *fn;
  void *ctx;
} sfhet_progress;

/* Runs fn for every index in [0, n) on nthreads threads (0: OpenMP default). All points are computed;
 * status[i] (if non-NULL) receives each point's status. Returns SFHET_OK, or the status of the lowest
 * failing index, re-reported as "point i: message". */
int sfhet_sweep_map(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads,
                    const sfhet_progress *progress, int *status);

/* One result array of a distributed sweep: point i writes bytes [i*stride, (i+1)*stride) of base,
 * clipped to size (0: n*stride); with offset (n+1 entries) point i writes [offset[i], offset[i+1]). */
typedef struct {
  void *base;
  size_t stride, size;
  const size_t *offset;
} sfhet_sweep_out;

/* sfhet_sweep_map across MPI ranks when there are several (collective: every rank calls it with the
 * same n and outs). Points are handed out dynamically by rank 0 (which computes too), each rank uses
 * nthreads threads; every point's bytes of outs[nouts] (and status) are gathered, so on return every
 * rank holds the complete arrays, exactly as a single-process run fills them. fn must write only its
 * own bytes of outs and depend only on its index. Progress is reported on rank 0. With one rank: the
 * same as sfhet_sweep_map. Returns SFHET_OK or the lowest failing point's status (same on every rank). */
int sfhet_sweep_map_dist(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads,
                         const sfhet_progress *progress, int *status, const sfhet_sweep_out *outs,
                         size_t nouts);

/* Number of threads a sweep with nthreads = 0 would use. */
int sfhet_sweep_threads(void);

SFHET_API_END

#endif
