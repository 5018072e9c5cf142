/* Dynes DOS: N(E) = Re[(E + iΓ)/sqrt((E + iΓ)^2 − Δ^2)] (Dynes, Narayanamurti, Garno, PRL 41, 1509
 * (1978); seed 000 Methods). The root is split as sqrt(z − Δ)·sqrt(z + Δ), the branch that keeps
 * N(E) = N(−E) > 0 for all real E and Γ >= 0. */
#include <complex.h>
#include <math.h>

#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info dynes_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "superconducting gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, 0, "Dynes broadening (quasiparticle lifetime)"},
};

double sfhet_dynes_n(double E, double delta, double gamma) {
  double complex z = E + I * gamma;
  return creal(z / (csqrt(z - delta) * csqrt(z + delta)));
}

static int dynes_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                      double *N_down) {
  for (size_t i = 0; i < n; i++) {
    double v = sfhet_dynes_n(E[i], p[0], p[1]);
    if (N) N[i] = v;
    if (N_up) N_up[i] = 0.5 * v;
    if (N_down) N_down[i] = 0.5 * v;
  }
  return SFHET_OK;
}

const sfhet_dos_info sfhet_dos_dynes = {
    "dynes",
    "Dynes-broadened BCS density of states",
    "Dynes et al., PRL 41, 1509 (1978); seed 000 Methods",
    sizeof dynes_params / sizeof dynes_params[0],
    dynes_params,
    0,
    dynes_eval,
};
