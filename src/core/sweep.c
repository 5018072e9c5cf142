/* OpenMP map over parameter points with deterministic output and a progress callback. */
#include "sfhet/sweep.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"

int sfhet_sweep_threads(void) { return omp_get_max_threads(); }

int sfhet_sweep_map(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads,
                    const sfhet_progress *progress, int *status) {
  if (n == 0) return SFHET_OK;
  size_t first_bad = n;
  int first_status = SFHET_OK;
  char first_msg[512] = "";
  size_t done = 0;
  int nt = nthreads > 0 ? nthreads : omp_get_max_threads();
  omp_lock_t lock; /* an unnamed lock: a named critical section would be an exported symbol */
  omp_init_lock(&lock);
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
  for (size_t i = 0; i < n; i++) {
    int st = fn(i, ctx);
    if (status) status[i] = st;
    omp_set_lock(&lock);
    if (st != SFHET_OK && i < first_bad) {
      first_bad = i;
      first_status = st;
      strncpy(first_msg, sfhet_last_error(), sizeof first_msg - 1);
    }
    done++;
    if (progress && progress->fn) progress->fn(done, n, progress->ctx);
    omp_unset_lock(&lock);
  }
  omp_destroy_lock(&lock);
  if (first_status != SFHET_OK)
    SFHET_ERROR(first_status, "point %zu of %zu: %s", first_bad + 1, n, first_msg);
  return SFHET_OK;
}
