/* Chooses the integrator for the raw junction integrals: uniform lattices (grid.c) refined until the
 * estimated error meets the tolerance, or per-bias adaptive quadrature (adaptive.c) when an electrode is
 * BCS-like (Γ = 0) or the lattice would be unreasonably fine. */
#include <math.h>
#include <stdlib.h>

#include "junction/adaptive.h"
#include "junction/core.h"
#include "junction/grid.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAX_NODES 4e6   /* largest lattice before falling back to adaptive quadrature */
#define H_START 0.45     /* first spacing in units of the strip half-width a */
#define MAX_HALVINGS 4

static int adaptive_all(const sfhet_junction *j, const double *V, size_t n, double *G, double *I,
                        double *G_err, double tol, sfhet_junction_ws *ws) {
  for (size_t i = 0; i < n; i++) {
    double v, e;
    if (G || G_err) {
      SFHET_TRY(junction_adaptive_point(j, V[i], 1, tol * 1e-2, &v, &e, ws));
      if (G) G[i] = v;
      if (G_err) G_err[i] = e;
    }
    if (I) SFHET_TRY(junction_adaptive_point(j, V[i], 0, tol * 1e-2, &I[i], &e, ws));
  }
  return SFHET_OK;
}

/* Lattice extent estimate: bias span plus thermal windows, in nodes of spacing h. */
static double lattice_nodes(const sfhet_junction *j, const double *V, size_t n, double h, double tol) {
  double vmin = 0.0, vmax = 0.0, W = SFHET_KB_MEV * j->T * (log(1.0 / tol) + 14.0);
  for (size_t i = 0; i < n; i++) vmin = fmin(vmin, V[i]), vmax = fmax(vmax, V[i]);
  return (vmax - vmin + 2.0 * W) / h;
}

int junction_core(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                  double tol, sfhet_junction_ws *ws) {
  if (n == 0) return SFHET_OK;
  double a = junction_strip(j), h = H_START * a;
  if (!(a > 0.0) || lattice_nodes(j, V, n, h, tol) > MAX_NODES)
    return adaptive_all(j, V, n, G, I, G_err, tol, ws);
  double emax = 0.0;
  for (int k = 0; k <= MAX_HALVINGS; k++, h *= 0.5) {
    if (lattice_nodes(j, V, n, h, tol) > MAX_NODES) break;
    SFHET_TRY(junction_grid(j, V, n, h, G, I, G_err, &emax, ws));
    if (emax <= tol || !(G || G_err)) return SFHET_OK;
  }
  SFHET_ERROR(SFHET_ENOCONV, "junction: estimated relative error %.2g of G exceeds the requested %.2g; "
              "try a larger --accuracy", emax, tol);
}
