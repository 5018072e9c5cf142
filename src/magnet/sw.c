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

/* Default loop: +-1.5 H_K (past the largest switching field H_K). */
static double sw_field_scale(const double *p, size_t layers) {
  (void)layers;
  return 1.5 * p[0];
}

const sfhet_mag_model sfhet_mag_model_sw = {
    .name = "sw",
    .summary = "single Stoner-Wohlfarth particle",
    .reference = "Stoner & Wohlfarth 1948; seed 003 eq. 9",
    .n_params = sizeof sw_params / sizeof sw_params[0],
    .params = sw_params,
    .psi_default = 0.0,
    .flags = 0,
    .chi_param = -1,
    .energy_unit = "T (per unit moment)",
    .build = sw_build,
    .field_scale = sw_field_scale,
};

double sfhet_sw_astroid(double psi_deg) {
  double psi = psi_deg * M_PI / 180.0;
  double c = pow(fabs(cos(psi)), 2.0 / 3.0), s = pow(fabs(sin(psi)), 2.0 / 3.0);
  return pow(c + s, -1.5);
}
