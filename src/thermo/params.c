/* The named parameters of the thermodynamic models: one table for the CLI options, bounds and fits. */
#include <math.h>
#include <string.h>

#include "sfhet/thermo.h"

const sfhet_param_info sfhet_thermo_params[] = {
    {"Tc", "Tc", SFHET_DIM_TEMPERATURE, 7.0, 0.0, 1e4, SFHET_PARAM_LO_OPEN, "critical temperature"},
    {"Tc0", "Tc0", SFHET_DIM_TEMPERATURE, 7.0, 0.0, 1e4, SFHET_PARAM_LO_OPEN,
     "critical temperature without pair breaking"},
    {"delta0", "Δ0", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0,
     "zero-temperature gap the BCS curve is scaled to (0: weak-coupling pi e^-gamma kB Tc)"},
    {"D", "D", SFHET_DIM_DIFFUSION, 1e-4, 0.0, 1.0, SFHET_PARAM_LO_OPEN, "electronic diffusion constant"},
    {"thickness", "d", SFHET_DIM_LENGTH, 10.0, 0.0, 1e6, SFHET_PARAM_LO_OPEN, "film thickness"},
    {"lambda", "λ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e4, 0,
     "Ising spin-orbit field (spin levels shifted by +-lambda)"},
};

const size_t sfhet_thermo_n_params = sizeof sfhet_thermo_params / sizeof sfhet_thermo_params[0];

const sfhet_param_info *sfhet_thermo_param(const char *name) {
  int k = sfhet_param_find(sfhet_thermo_params, sfhet_thermo_n_params, name);
  return k < 0 ? NULL : &sfhet_thermo_params[k];
}
