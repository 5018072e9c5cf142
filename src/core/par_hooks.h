/* The collectives under sfhet_par_sum_exact and sfhet_par_min_index (src/core/par_exact.c): from
 * src/par/par.c with MPI, single-process no-ops from src/core/par_serial.c without. Not installed. */
#ifndef SFHET_PAR_HOOKS_H
#define SFHET_PAR_HOOKS_H

#include <stddef.h>

__extension__ typedef __int128 par_i128;

/* Element-wise maximum of v[n] over the ranks, in place on every rank. */
int par_hook_max_int(int *v, size_t n);

/* Element-wise sum of v[n] over the ranks (exact: integers), in place on every rank. */
int par_hook_sum_i128(par_i128 *v, size_t n);

#endif
