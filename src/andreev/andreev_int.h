/* Internal to src/andreev: the workspace (Gauss-Legendre nodes) and shared complex helpers. */
#ifndef SFHET_ANDREEV_INT_H
#define SFHET_ANDREEV_INT_H

#include <complex.h>
#include <stddef.h>

#include "sfhet/andreev.h"

#define ANDREEV_GL 16                     /* Gauss-Legendre nodes per panel */
#define ANDREEV_THETA_PANELS_MIN 8        /* panels of the angle average over (-π/2, π/2) */
#define ANDREEV_THETA_PANELS_MAX 256
#define ANDREEV_NTHETA_MAX (ANDREEV_GL * ANDREEV_THETA_PANELS_MAX)
#define ANDREEV_S_PANELS 2                /* panels of the transmission average, s in (0, 1) */
#define ANDREEV_NS (ANDREEV_GL * ANDREEV_S_PANELS)

struct sfhet_andreev_ws {
  double gl_x[ANDREEV_GL], gl_w[ANDREEV_GL]; /* reference nodes and weights on (-1, 1) */
  size_t n_theta;                            /* angle nodes in use */
  double theta[ANDREEV_NTHETA_MAX], theta_w[ANDREEV_NTHETA_MAX]; /* on (-π/2, π/2) */
  double wn[ANDREEV_NTHETA_MAX], sn[ANDREEV_NTHETA_MAX];          /* tk scratch: weights, σ_N(θ) */
  double s[ANDREEV_NS], s_w[ANDREEV_NS];     /* nodes on (0, 1), weights summing to 1 */
};

/* Sets ws->theta to np (clamped to the limits) equal Gauss-Legendre panels over (-π/2, π/2). */
void andreev_theta_panels(sfhet_andreev_ws *ws, size_t np);

/* sqrt(z - d) sqrt(z + d): the branch that keeps the Dynes DOS z/Ω even and positive. */
static inline double complex andreev_omega(double complex z, double d) {
  return csqrt(z - d) * csqrt(z + d);
}

/* The caller's workspace, or a temporary one in *tmp (freed by the caller); NULL if out of memory. */
sfhet_andreev_ws *andreev_ws_or_tmp(sfhet_andreev_ws *ws, sfhet_andreev_ws **tmp);

#endif
