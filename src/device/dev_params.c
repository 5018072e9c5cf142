/* Parameters of the device chain (sfhet/device.h): the one table that drives the library, the CLI
 * options, --help and the fit. */
#include <math.h>
#include <stdio.h>

#include "sfhet/device.h"
#include "sfhet/error.h"

const sfhet_param_info sfhet_device_params[SFHET_DEVICE_NPARAMS] = {
    [SFHET_DEVICE_TC0] = {"Tc0", "T_c0", SFHET_DIM_TEMPERATURE, 5.66, 0.0, 1e3, SFHET_PARAM_LO_OPEN,
                          "critical temperature of the clean superconductor (5.66 K: Δ0 = 0.86 meV)"},
    [SFHET_DEVICE_T] = {"T", "T", SFHET_DIM_TEMPERATURE, 1.5, 0.0, 1e3, SFHET_PARAM_LO_OPEN, "temperature"},
    [SFHET_DEVICE_LAMBDA] = {"lambda", "λ", SFHET_DIM_ENERGY, 0.1, 0.0, 1e2, 0,
                             "interfacial exchange energy, b = λ m (also as a field: λ[T] = λ/μB)"},
    [SFHET_DEVICE_HK] = {"HK", "H_K", SFHET_DIM_FIELD, 0.35, 0.0, 1e2, SFHET_PARAM_LO_OPEN,
                         "CrBr3 anisotropy field = in-plane saturation field (seed 000: 0.3-0.4 T)"},
    [SFHET_DEVICE_HN] = {"Hn", "H_n", SFHET_DIM_FIELD, 0.010, 0.0, 1e2, SFHET_PARAM_NOFIT,
                         "CrBr3 nucleation (coercive) field along c (seed 000: ~10 mT)"},
    [SFHET_DEVICE_G] = {"g", "g", SFHET_DIM_NONE, 2.0, 0.0, 100.0, 0,
                        "g factor of the applied field's Zeeman energy (g/2) μB B on the electrodes"},
    [SFHET_DEVICE_DSO] = {"dso", "Δso", SFHET_DIM_ENERGY, 12.0, 0.0, 1e4, 0, "Ising spin-orbit field"},
    [SFHET_DEVICE_ETA] = {"eta", "η", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0, "scalar (potential) disorder rate"},
    [SFHET_DEVICE_ETA_X] = {"eta_x", "η_x", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                            "rate of magnetic defects with frozen spins along x"},
    [SFHET_DEVICE_ETA_Y] = {"eta_y", "η_y", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                            "rate of magnetic defects with frozen spins along y"},
    [SFHET_DEVICE_ETA_Z] = {"eta_z", "η_z", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
                            "rate of magnetic defects with frozen spins along z"},
    [SFHET_DEVICE_GAMMA0] = {"gamma0", "Γ0", SFHET_DIM_ENERGY, 0.08, 0.0, 1e2, SFHET_PARAM_LO_OPEN | SFHET_PARAM_WIDE,
                             "Dynes broadening (inhomogeneous; DOS only, not pair breaking; seed 000: 80 µeV)"},
    [SFHET_DEVICE_VAC] = {"vac", "V_ac", SFHET_DIM_VOLTAGE, 0.0, 0.0, 1e2, 0, "lock-in excitation (peak amplitude)"},
    [SFHET_DEVICE_P] = {"P", "P", SFHET_DIM_NONE, 0.0, -1.0, 1.0, 0, "barrier spin polarisation along the magnet direction m"},
    [SFHET_DEVICE_V0] = {"V0", "V_0", SFHET_DIM_VOLTAGE, 0.0, -1e2, 1e2, 0, "bias offset: G(V - V0)"},
    [SFHET_DEVICE_GNN] = {"gnn", "G_nn", SFHET_DIM_NONE, 1.0, 0.0, 1e6, SFHET_PARAM_LO_OPEN,
                          "normal-state conductance scale"},
    [SFHET_DEVICE_BG0] = {"bg0", "bg_0", SFHET_DIM_NONE, 0.0, -1e6, 1e6, 0, "background offset"},
    [SFHET_DEVICE_BG1] = {"bg1", "bg_1", SFHET_DIM_NONE, 0.0, -1e6, 1e6, 0, "background slope [1/mV]"},
};

int sfhet_device_check(const double *p) {
  char what[32];
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    snprintf(what, sizeof what, "--%s", sfhet_device_params[k].name);
    SFHET_TRY(sfhet_param_check(&sfhet_device_params[k], p[k], what));
  }
  return SFHET_OK;
}
