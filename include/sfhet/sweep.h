/* Parallel sweeps: map a computation over n parameter points with OpenMP. Each point writes its own
 * results by index, so output order never depends on scheduling. */
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

/* Number of threads a sweep with nthreads = 0 would use. */
int sfhet_sweep_threads(void);

SFHET_API_END

#endif
