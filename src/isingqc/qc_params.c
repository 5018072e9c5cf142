/* The parameter table of the isingqc model (DOS model `isingqc` and the `sfhet isingqc` commands). */
#include <math.h>
#include <stdio.h>

#include "sfhet/error.h"
#include "sfhet/isingqc.h"

const sfhet_param_info sfhet_isingqc_params[SFHET_ISINGQC_NPARAMS] = {
    [SFHET_ISINGQC_DELTA] = {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "singlet gap (order parameter)"},
    [SFHET_ISINGQC_GAMMA] = {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE,
                             "Dynes broadening (E -> E + iΓ); > 0 makes junctions and fits fast (interpolated DOS)"},
    [SFHET_ISINGQC_DSO] = {"dso", "Δso", SFHET_DIM_ENERGY, 12.0, 0.0, 1e4, 0,
                           "Ising spin-orbit field (seed 002: 20 Tc)"},
    [SFHET_ISINGQC_B] = {"b", "b", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                         "exchange energy b = μB·B (spin splitting 2b; λex/2 of seed 002)"},
    [SFHET_ISINGQC_THETA] = {"theta", "θ", SFHET_DIM_ANGLE, 90.0, 0.0, 180.0, 0,
                             "polar angle of b from the c axis (90: in plane)"},
    [SFHET_ISINGQC_PHI] = {"phi", "φ", SFHET_DIM_ANGLE, 0.0, -360.0, 360.0, 0, "azimuth of b from x"},
    [SFHET_ISINGQC_ETA] = {"eta", "η", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0, "scalar (potential) disorder rate"},
    [SFHET_ISINGQC_ETA_X] = {"eta_x", "η_x", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                             "rate of magnetic defects with frozen spins along x"},
    [SFHET_ISINGQC_ETA_Y] = {"eta_y", "η_y", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                             "rate of magnetic defects with frozen spins along y"},
    [SFHET_ISINGQC_ETA_Z] = {"eta_z", "η_z", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                             "rate of magnetic defects with frozen spins along z"},
    [SFHET_ISINGQC_SOC] = {"soc", "", SFHET_DIM_NONE, 0.0, 0.0, 1.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
                           "spin-orbit sectors: 0 valleys ±Δso, 1 Γ pocket Δso cos 3φ"},
    [SFHET_ISINGQC_AXIS] = {"axis", "", SFHET_DIM_NONE, 0.0, 0.0, 3.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
                            "spin axis of N_up/N_down and of P: 0 along b, 1 along c, 2 e_theta, 3 e_phi"},
};

int sfhet_isingqc_check(const double *p) {
  char what[32];
  for (size_t k = 0; k < SFHET_ISINGQC_NPARAMS; k++) {
    snprintf(what, sizeof what, "--%s", sfhet_isingqc_params[k].name);
    SFHET_TRY(sfhet_param_check(&sfhet_isingqc_params[k], p[k], what));
  }
  return SFHET_OK;
}
