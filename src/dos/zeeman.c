/* Zeeman-split Dynes DOS: N_σ(E) = ½ N_Dynes(E − σh), σ = +1 (up), −1 (down); N = N_up + N_down
 * (Meservey & Tedrow, Phys. Rep. 238, 173 (1994), sec. 3 with ζ = b_so = 0; seed 000 Methods). */
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info zeeman_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "superconducting gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0, "Dynes broadening (quasiparticle lifetime)"},
    {"h", "h", SFHET_DIM_ENERGY, 0.0, -1e3, 1e3, 0,
     "Zeeman splitting: spin-up DOS shifted by +h (h = μ_B B for g = 2)"},
};

static int zeeman_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                       double *N_down) {
  for (size_t i = 0; i < n; i++) {
    double up = 0.5 * sfhet_dynes_n(E[i] - p[2], p[0], p[1]);
    double dn = 0.5 * sfhet_dynes_n(E[i] + p[2], p[0], p[1]);
    if (N) N[i] = up + dn;
    if (N_up) N_up[i] = up;
    if (N_down) N_down[i] = dn;
  }
  return SFHET_OK;
}

const sfhet_dos_info sfhet_dos_zeeman = {
    "zeeman",
    "Zeeman-split Dynes DOS (spin-resolved)",
    "Meservey & Tedrow, Phys. Rep. 238, 173 (1994), sec. 3 (zeta = b_so = 0); seed 000 Methods",
    sizeof zeeman_params / sizeof zeeman_params[0],
    zeeman_params,
    1,
    zeeman_eval,
};
