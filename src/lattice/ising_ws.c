/* Workspace of the Ising lattice model: a small cache of k-meshes (kept apart from the band and mesh
 * code so that neither depends on the other's file). */
#include <omp.h>
#include <stdlib.h>

#include "lattice/ising_internal.h"
#include "sfhet/error.h"

sfhet_ising_ws *sfhet_ising_ws_alloc(void) { return calloc(1, sizeof(sfhet_ising_ws)); }

void sfhet_ising_ws_free(sfhet_ising_ws *ws) {
  if (!ws) return;
  for (int i = 0; i < ISING_MESH_CACHE; i++) ising_mesh_free(&ws->mesh[i]);
  free(ws);
}

int ising_ws_mesh(sfhet_ising_ws *ws, const sfhet_ising_model *m, double scale, const ising_mesh **mesh) {
  int pick = 0;
  for (int i = 0; i < ISING_MESH_CACHE; i++) {
    if (ising_mesh_matches(&ws->mesh[i], m, scale)) {
      ws->used[i] = ++ws->clock;
      *mesh = &ws->mesh[i];
      return SFHET_OK;
    }
    if (!ws->mesh[pick].valid) continue; /* an empty slot is taken first */
    if (!ws->mesh[i].valid || ws->used[i] < ws->used[pick]) pick = i;
  }
  SFHET_TRY(ising_mesh_build(&ws->mesh[pick], m, scale));
  ws->used[pick] = ++ws->clock;
  *mesh = &ws->mesh[pick];
  return SFHET_OK;
}

int ising_ws_set_alloc(int nthreads, ising_ws_set *set) {
  set->n = nthreads > 0 ? nthreads : sfhet_sweep_threads();
  set->ws = calloc((size_t)set->n, sizeof *set->ws);
  int st = set->ws ? SFHET_OK : SFHET_ENOMEM;
  for (int k = 0; !st && k < set->n; k++)
    if (!(set->ws[k] = sfhet_ising_ws_alloc())) st = SFHET_ENOMEM;
  if (st) {
    ising_ws_set_free(set);
    SFHET_ERROR(st, "ising: out of memory");
  }
  return SFHET_OK;
}

sfhet_ising_ws *ising_ws_set_mine(const ising_ws_set *set) { return set->ws[omp_get_thread_num() % set->n]; }

void ising_ws_set_free(ising_ws_set *set) {
  for (int k = 0; set->ws && k < set->n; k++) sfhet_ising_ws_free(set->ws[k]);
  free(set->ws);
  set->ws = NULL;
}
