/* The single-process sfhet/par.h of a build without MPI (SFHET_MPI=OFF): one rank, no-op collectives. */
#include "core/par_hooks.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

int sfhet_par_init(int *argc, char ***argv) {
  (void)argc, (void)argv;
  return SFHET_OK;
}
void sfhet_par_finalize(void) {}
int sfhet_par_built(void) { return 0; }
int sfhet_par_rank(void) { return 0; }
int sfhet_par_size(void) { return 1; }
int sfhet_par_is_root(void) { return 1; }
int sfhet_par_sum(double *x, size_t n) {
  (void)x, (void)n;
  return SFHET_OK;
}
int sfhet_par_bcast(void *buf, size_t bytes) {
  (void)buf, (void)bytes;
  return SFHET_OK;
}
int par_hook_max_int(int *v, size_t n) {
  (void)v, (void)n;
  return SFHET_OK;
}
int par_hook_sum_i128(par_i128 *v, size_t n) {
  (void)v, (void)n;
  return SFHET_OK;
}
