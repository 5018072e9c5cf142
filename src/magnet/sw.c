/* Stoner-Wohlfarth particle: E/M = (H_K/2) sin^2(theta) - H.m, easy axis z (Stoner & Wohlfarth 1948;
 * seed 003 eq. 9 with K = M H_K / 2). */
#include <math.h>

#include "sfhet/error.h"
#include "sfhet/magnet.h"

static const sfhet_param_info sw_params[] = {
    {"HK", "H_K", SFHET_DIM_FIELD, 1.0, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "anisotropy field H_K = 2K/M_s (easy axis z)"},
};

static int sw_build(const double *p, size_t layers, sfhet_mag_system *s) {
  (void)layers;
  SFHET_TRY(sfhet_mag_init(s, 1));
  s->K[0] = 0.5 * p[0];
  return SFHET_OK;
}

const sfhet_mag_model sfhet_mag_model_sw = {
    "sw", "single Stoner-Wohlfarth particle", "Stoner & Wohlfarth 1948; seed 003 eq. 9", 1, sw_params,
    0.0, sw_build};

double sfhet_sw_astroid(double psi_deg) {
  double psi = psi_deg * M_PI / 180.0;
  double c = pow(fabs(cos(psi)), 2.0 / 3.0), s = pow(fabs(sin(psi)), 2.0 / 3.0);
  return pow(c + s, -1.5);
}
