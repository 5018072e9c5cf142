/* Workspace of the Ising lattice model: a small cache of k-meshes (kept apart from the band and mesh
 * code so that neither depends on the other's file). */
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
    if (!ws->mesh[i].valid ? ws->mesh[pick].valid : ws->mesh[pick].valid && ws->used[i] < ws->used[pick])
      pick = i;
  }
  SFHET_TRY(ising_mesh_build(&ws->mesh[pick], m, scale));
  ws->used[pick] = ++ws->clock;
  *mesh = &ws->mesh[pick];
  return SFHET_OK;
}
