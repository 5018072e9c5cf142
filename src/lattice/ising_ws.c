/* Workspace of the Ising lattice model: the cached k-meshes (kept apart from the band and mesh code so
 * that neither depends on the other's file). */
#include <stdlib.h>

#include "lattice/ising_internal.h"

sfhet_ising_ws *sfhet_ising_ws_alloc(void) { return calloc(1, sizeof(sfhet_ising_ws)); }

void sfhet_ising_ws_free(sfhet_ising_ws *ws) {
  if (!ws) return;
  ising_mesh_free(&ws->mesh);
  ising_mesh_free(&ws->tcmesh);
  free(ws);
}
