/* Hanle precession in a 1D diffusive channel (seed 001 Methods eqs. 3-4; Jedema et al., Nature 416,
 * 713 (2002)). The time integral is the Laplace transform of the diffusion kernel at
 * s = 1/tau - i omega_L, evaluated in closed form with principal square roots (Re sqrt > 0). */
#include <complex.h>
#include <math.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

const sfhet_param_info sfhet_hanle_params[SFHET_HANLE_NP] = {
    {"L", "L", SFHET_DIM_LENGTH, 1000.0, 0.0, 1e9, SFHET_PARAM_LO_OPEN,
     "centre-to-centre injector-detector distance L_CH"},
    {"D", "D", SFHET_DIM_DIFFUSION, 1e-3, 0.0, 10.0, SFHET_PARAM_LO_OPEN, "spin diffusion constant"},
    {"tau", "τ", SFHET_DIM_TIME, 1e-9, 0.0, 1.0, SFHET_PARAM_LO_OPEN, "spin relaxation time"},
    {"g", "g", SFHET_DIM_NONE, 2.0, 0.0, 100.0, SFHET_PARAM_LO_OPEN, "Lande g-factor"},
    {"Bv", "B_v", SFHET_DIM_FIELD, 0.0, 0.0, 1e3, 0,
     "vortex field of eq. 4, a_v = 1 - exp(-|B|/Bv) (0: standard Hanle model, eq. 3)"},
};

double sfhet_larmor(double g, double B) { return g * SFHET_MU_B_SI * B / SFHET_HBAR; }

double sfhet_hanle_kernel(double L_m, double D, double tau, double omega) {
  double complex s = 1.0 / tau - I * omega;
  double complex q = csqrt(s / D);
  return creal(cexp(-L_m * q) / (2.0 * csqrt(D * s)));
}

double sfhet_spin_length(double D, double tau) { return sqrt(D * tau); }

int sfhet_hanle_eval(const double *p, const double *B, size_t n, double *R) {
  double L = p[SFHET_HANLE_L] * 1e-9, D = p[SFHET_HANLE_D], tau = p[SFHET_HANLE_TAU];
  double g = p[SFHET_HANLE_G], Bv = p[SFHET_HANLE_BV];
  if (!(L > 0) || !(D > 0) || !(tau > 0) || !(g > 0) || !(Bv >= 0))
    SFHET_ERROR(SFHET_EINVAL, "hanle: L, D, tau and g must be positive and Bv >= 0");
  double K0 = Bv > 0 ? sfhet_hanle_kernel(L, D, tau, 0.0) : 0.0;
  for (size_t i = 0; i < n; i++) {
    double K = sfhet_hanle_kernel(L, D, tau, sfhet_larmor(g, B[i]));
    if (Bv > 0) {
      double av = -expm1(-fabs(B[i]) / Bv);
      K = (1.0 - av) * K0 + av * K;
    }
    R[i] = K;
  }
  return SFHET_OK;
}
