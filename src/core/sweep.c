/* OpenMP map over parameter points with deterministic output and a progress callback; the distributed
 * variant hands over to src/par/ when MPI runs several ranks. */
#include "sfhet/sweep.h"

#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/par.h"
#ifdef SFHET_WITH_MPI
#include "par/par_int.h"
#endif

int sfhet_sweep_threads(void) { return omp_get_max_threads(); }

int sfhet_sweep_map(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads,
                    const sfhet_progress *progress, int *status) {
  if (n == 0) return SFHET_OK;
  size_t first_bad = n;
  int first_status = SFHET_OK;
  char first_msg[512] = "";
  size_t done = 0;
  int nt = nthreads > 0 ? nthreads : omp_get_max_threads();
  /* A POSIX mutex guards the shared record (not a named OpenMP critical: that is an exported symbol;
   * and ThreadSanitizer understands pthread locks, not libgomp's). */
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
  for (size_t i = 0; i < n; i++) {
    int st = fn(i, ctx);
    if (status) status[i] = st;
    pthread_mutex_lock(&lock);
    if (st != SFHET_OK && i < first_bad) {
      first_bad = i;
      first_status = st;
      strncpy(first_msg, sfhet_last_error(), sizeof first_msg - 1);
    }
    done++;
    if (progress && progress->fn) progress->fn(done, n, progress->ctx);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock); /* the region's end is a barrier; the lock makes that visible to TSan */
  int bad = first_status;
  pthread_mutex_unlock(&lock);
  pthread_mutex_destroy(&lock);
  if (bad == SFHET_OK) return SFHET_OK;
  SFHET_ERROR(first_status, "point %zu of %zu: %s", first_bad + 1, n, first_msg);
}

int sfhet_sweep_map_dist(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads,
                         const sfhet_progress *progress, int *status, const sfhet_sweep_out *outs,
                         size_t nouts) {
#ifdef SFHET_WITH_MPI
  if (sfhet_par_size() > 1) return par_sweep_map(n, fn, ctx, nthreads, progress, status, outs, nouts);
#endif
  (void)outs, (void)nouts;
  return sfhet_sweep_map(n, fn, ctx, nthreads, progress, status);
}
