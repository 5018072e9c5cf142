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

double sfhet_hanle_ratio(double L_m, double D, double tau, double omega) {
  double complex s = 1.0 / tau - I * omega, s0 = 1.0 / tau;
  double complex q = csqrt(s / D), q0 = csqrt(s0 / D);
  return creal(cexp(-L_m * (q - q0)) * csqrt(D * s0) / csqrt(D * s));
}

double sfhet_spin_length(double D, double tau) { return sqrt(D * tau); }

int sfhet_hanle_eval(const double *p, const double *B, size_t n, double *R) {
  double L = p[SFHET_HANLE_L] * 1e-9, D = p[SFHET_HANLE_D], tau = p[SFHET_HANLE_TAU];
  double g = p[SFHET_HANLE_G], Bv = p[SFHET_HANLE_BV];
  if (!(L > 0) || !(D > 0) || !(tau > 0) || !(g > 0) || !(Bv >= 0) || !isfinite(L * D * tau * g * Bv))
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

/* First zero of K(omega) above omega_lo: scan in steps small against the precession period, then
 * bisect. Returns SFHET_ENOSOL when K stays positive up to omega_max. */
static int first_zero(double L, double D, double tau, double dw, double wmax, double *w0) {
  double a = 0.0, fa = sfhet_hanle_ratio(L, D, tau, 0.0);
  for (double b = dw; b <= wmax; a = b, b += dw) {
    double fb = sfhet_hanle_ratio(L, D, tau, b);
    if (!(fa > 0 && fb <= 0)) {
      fa = fb;
      continue;
    }
    for (int it = 0; it < 200 && b - a > 1e-14 * b; it++) {
      double m = 0.5 * (a + b);
      if (sfhet_hanle_ratio(L, D, tau, m) > 0) a = m;
      else b = m;
    }
    *w0 = 0.5 * (a + b);
    return SFHET_OK;
  }
  return SFHET_ENOSOL;
}

int sfhet_hanle_sign_change(double L_m, double D, double tau, double g, double *B0) {
  if (!(L_m > 0) || !(D > 0) || !(tau > 0) || !(g > 0) || !isfinite(L_m * D * tau * g))
    SFHET_ERROR(SFHET_EINVAL, "hanle: L, D, tau and g must be positive and finite");
  /* the phase L Im sqrt(s/D) and the decay omega tau set the scale: steps of 1/50 of either */
  double tD = L_m * L_m / (2.0 * D), dw = 0.02 / fmax(fmin(tau, tD), 1e-300), wmax = 1e4 * dw;
  double w0;
  if (first_zero(L_m, D, tau, dw, wmax, &w0))
    SFHET_ERROR(SFHET_ENOSOL, "hanle: R_NL(B) does not change sign (L = %g um is short against "
                              "lambda_s = %g um)", L_m * 1e6, sfhet_spin_length(D, tau) * 1e6);
  *B0 = w0 * SFHET_HBAR / (g * SFHET_MU_B_SI);
  return SFHET_OK;
}
