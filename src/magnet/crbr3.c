/* CrBr3 monolayer/few-layer magnet (seed 000, Extended Data Fig. 2): a Stoner-Wohlfarth macrospin with
 * out-of-plane easy axis, H_K = in-plane saturation field (~0.35 T), and reversal by nucleation at the
 * measured coercive field (~10 mT << H_K) modelled by the Kondorsky criterion |H| cos(angle) >= H_n. */
#include <math.h>

#include "sfhet/error.h"
#include "sfhet/magnet.h"

static const sfhet_param_info crbr3_params[] = {
    {"HK", "H_K", SFHET_DIM_FIELD, 0.35, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "anisotropy field = in-plane saturation field (seed 000: 0.3-0.4 T)"},
    {"Hn", "H_n", SFHET_DIM_FIELD, 0.010, 0.0, INFINITY, 0,
     "nucleation (coercive) field along the easy axis (seed 000: ~10 mT; 0 = coherent SW)"},
};

static int crbr3_build(const double *p, size_t layers, sfhet_mag_system *s) {
  (void)layers;
  SFHET_TRY(sfhet_mag_init(s, 1));
  s->K[0] = 0.5 * p[0];
  s->nucleation = p[1];
  return SFHET_OK;
}

/* Default loop: +-1.5 H_K (in-plane saturation at H_K; the easy-axis loop switches at H_n < H_K). */
static double crbr3_field_scale(const double *p, size_t layers) {
  (void)layers;
  return 1.5 * p[0];
}

const sfhet_mag_model sfhet_mag_model_crbr3 = {
    .name = "crbr3",
    .summary = "CrBr3: out-of-plane macrospin with nucleation-limited coercivity",
    .reference = "seed 000 Extended Data Fig. 2",
    .n_params = sizeof crbr3_params / sizeof crbr3_params[0],
    .params = crbr3_params,
    .psi_default = 0.0,
    .flags = 0,
    .chi_param = -1,
    .energy_unit = "T (per unit moment)",
    .build = crbr3_build,
    .field_scale = crbr3_field_scale,
};
