/* Chooses the integrator for the raw junction integrals: adaptive quadrature per bias (first version). */
#include <math.h>

#include "junction/adaptive.h"
#include "junction/core.h"
#include "sfhet/error.h"

int junction_core(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                  double tol, sfhet_junction_ws *ws) {
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
