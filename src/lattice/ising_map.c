/* Phase diagram Δ(T, J, θ) on a grid through sfhet_sweep_map: each point is a pure function of its
 * index (its own self-consistent solve; a workspace per thread only caches meshes), so the result does
 * not depend on the thread count or on how points are distributed (ready for MPI ranks). */

#include "lattice/ising_gap.h"
#include "sfhet/error.h"

typedef struct {
  const sfhet_ising_model *m;
  const double *T, *J, *theta;
  size_t nJ, nth;
  double *delta;
  ising_ws_set set;
} map_ctx;

static int map_point(size_t i, void *v) {
  map_ctx *c = v;
  size_t it = i / (c->nJ * c->nth), iJ = (i / c->nth) % c->nJ, ia = i % c->nth;
  sfhet_ising_field f = {c->J[iJ], c->theta[ia], 0};
  sfhet_ising_gap_result r;
  SFHET_TRY(sfhet_ising_gap(c->m, c->T[it], f, &r, ising_ws_set_mine(&c->set)));
  c->delta[i] = r.sol[0].delta;
  return SFHET_OK;
}

int sfhet_ising_gap_map(const sfhet_ising_model *m, const double *T, size_t nT, const double *J,
                        size_t nJ, const double *theta, size_t nth, double *delta, int nthreads,
                        const sfhet_progress *progress) {
  map_ctx c = {m, T, J, theta, nJ, nth, delta, {NULL, 0}};
  SFHET_TRY(ising_ws_set_alloc(nthreads, &c.set));
  int st = sfhet_sweep_map_dist(nT * nJ * nth, map_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{delta, sizeof *delta, 0, NULL}}, 1);
  ising_ws_set_free(&c.set);
  return st;
}
