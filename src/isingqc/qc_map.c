/* Phase diagram Δ(T, b, θ) of the quasiclassical model on a grid through sfhet_sweep_map_dist: each
 * point is its own sfhet_isingqc_gap solve (the lowest free energy), a pure function of its index, so
 * the map does not depend on the thread count or on how points are dealt out to MPI ranks. */
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/sweep.h"

typedef struct {
  const double *p, *T, *b, *theta;
  double Tc0;
  size_t nb, nth;
  double *delta;
} map_ctx;

static int map_point(size_t i, void *v) {
  const map_ctx *c = v;
  size_t it = i / (c->nb * c->nth), ib = (i / c->nth) % c->nb, ia = i % c->nth;
  double p[SFHET_ISINGQC_NPARAMS];
  memcpy(p, c->p, sizeof p);
  p[SFHET_ISINGQC_B] = c->b[ib], p[SFHET_ISINGQC_THETA] = c->theta[ia];
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_isingqc_gap_result r;
  int st = sfhet_isingqc_check(p);
  if (!st) st = sfhet_isingqc_gap(p, c->Tc0, c->T[it], &r, ws);
  if (!st) c->delta[i] = r.n ? r.sol[0].delta : 0.0;
  sfhet_isingqc_ws_free(ws);
  return st;
}

int sfhet_isingqc_gap_map(const double *p, double Tc0, const double *T, size_t nT, const double *b, size_t nb,
                          const double *theta, size_t nth, double *delta, int nthreads,
                          const sfhet_progress *progress) {
  map_ctx c = {p, T, b, theta, Tc0, nb, nth, delta};
  return sfhet_sweep_map_dist(nT * nb * nth, map_point, &c, nthreads, progress, NULL,
                              (sfhet_sweep_out[]){{delta, sizeof *delta, 0, NULL}}, 1);
}
