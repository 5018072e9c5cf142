/* Internal to src/andreev: the workspace (Gauss-Legendre nodes) and shared complex helpers. */
#ifndef SFHET_ANDREEV_INT_H
#define SFHET_ANDREEV_INT_H

#include <math.h>
#include <stddef.h>

#include "sfhet/andreev.h"

#define ANDREEV_GL 16                     /* Gauss-Legendre nodes per panel */
#define ANDREEV_THETA_PANELS_MIN 8        /* panels of the angle average over (-π/2, π/2) */
#define ANDREEV_THETA_PANELS_MAX 256
#define ANDREEV_NTHETA_MAX (ANDREEV_GL * ANDREEV_THETA_PANELS_MAX)
#define ANDREEV_S_PANELS 2                /* panels of the transmission average, s in (0, 1) */
#define ANDREEV_NS (ANDREEV_GL * ANDREEV_S_PANELS)

/* The models' descriptors and parameter tables (the point-contact adapters of pc_dos.c share them). */
extern const sfhet_andreev_info sfhet_andreev_btk, sfhet_andreev_tk;
extern const sfhet_param_info andreev_btk_params[SFHET_BTK_NP], andreev_tk_params[SFHET_TK_NP];

/* Sets ws->theta to np (clamped to the limits) equal Gauss-Legendre panels over (-π/2, π/2). */
void andreev_theta_panels(sfhet_andreev_ws *ws, size_t np);

/* Complex numbers in real arithmetic for the inner loops (C99 complex multiplication and csqrt call
 * library routines that handle infinities; these kernels only see finite values). */
typedef struct {
  double re, im;
} andreev_cx;

static inline andreev_cx acx(double re, double im) { return (andreev_cx){re, im}; }
static inline andreev_cx acx_add(andreev_cx a, andreev_cx b) { return acx(a.re + b.re, a.im + b.im); }
static inline andreev_cx acx_scale(andreev_cx a, double s) { return acx(s * a.re, s * a.im); }
static inline andreev_cx acx_conj(andreev_cx a) { return acx(a.re, -a.im); }
static inline double acx_abs2(andreev_cx a) { return a.re * a.re + a.im * a.im; }

static inline andreev_cx acx_mul(andreev_cx a, andreev_cx b) {
  return acx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

static inline andreev_cx acx_div(andreev_cx a, andreev_cx b) {
  return acx_scale(acx_mul(a, acx_conj(b)), 1.0 / acx_abs2(b));
}

/* Principal square root (branch cut on the negative real axis, side from the sign of the zero
 * imaginary part, as csqrt), without cancellation on either half plane. */
static inline andreev_cx acx_sqrt(andreev_cx z) {
  double m = sqrt(z.re * z.re + z.im * z.im);
  if (m == 0.0) return acx(0.0, z.im);
  if (z.re >= 0.0) {
    double r = sqrt(0.5 * (m + z.re));
    return acx(r, z.im / (2.0 * r));
  }
  double i = copysign(sqrt(0.5 * (m - z.re)), z.im);
  return acx(z.im / (2.0 * i), i);
}

/* Ω = sqrt(z - d) sqrt(z + d) for z = E + i g: the branch that keeps the Dynes DOS z/Ω even and
 * positive. */
static inline andreev_cx andreev_omega(double E, double g, double d) {
  return acx_mul(acx_sqrt(acx(E - d, g)), acx_sqrt(acx(E + d, g)));
}

struct sfhet_andreev_ws {
  double gl_x[ANDREEV_GL], gl_w[ANDREEV_GL]; /* reference nodes and weights on (-1, 1) */
  size_t n_theta;                            /* angle nodes in use */
  double theta[ANDREEV_NTHETA_MAX], theta_w[ANDREEV_NTHETA_MAX]; /* on (-π/2, π/2) */
  /* tk per-angle scratch: weights cosθ σ_N w, σ_N(θ), |Δ+|, |Δ-|, e^{iφ} */
  double wn[ANDREEV_NTHETA_MAX], sn[ANDREEV_NTHETA_MAX], ap[ANDREEV_NTHETA_MAX], am[ANDREEV_NTHETA_MAX];
  andreev_cx ph[ANDREEV_NTHETA_MAX];
  double s[ANDREEV_NS], s_w[ANDREEV_NS];     /* nodes on (0, 1), weights summing to 1 */
};

/* The caller's workspace, or a temporary one in *tmp (freed by the caller); NULL if out of memory. */
sfhet_andreev_ws *andreev_ws_or_tmp(sfhet_andreev_ws *ws, sfhet_andreev_ws **tmp);

#endif
