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

const sfhet_mag_model sfhet_mag_model_crbr3 = {
    "crbr3", "CrBr3: out-of-plane macrospin with nucleation-limited coercivity",
    "seed 000 Extended Data Fig. 2", 2, crbr3_params, 0.0, crbr3_build};
