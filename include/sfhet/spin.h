/* Spin transport: Hanle precession in a diffusive channel (seed 001 Methods eqs. 3-4) in closed form,
 * its fit to measured non-local curves, and the Julliere TMR of a magnetic tunnel junction. */
#ifndef SFHET_SPIN_H
#define SFHET_SPIN_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"

SFHET_API_BEGIN

/* Indices into sfhet_hanle_params and the parameter vector of sfhet_hanle_eval. */
enum { SFHET_HANLE_L, SFHET_HANLE_D, SFHET_HANLE_TAU, SFHET_HANLE_G, SFHET_HANLE_BV, SFHET_HANLE_NP };

/* Hanle model parameters: L [nm], D [m^2/s], tau [s], g, Bv [T] (0: standard model, eq. 3). */
extern const sfhet_param_info sfhet_hanle_params[SFHET_HANLE_NP];

/* Larmor angular frequency g muB B / hbar [rad/s] for a field B [T]. */
double sfhet_larmor(double g, double B);

/* Re of the Laplace transform of the 1D diffusion kernel, int_0^inf (4 pi D t)^(-1/2)
 * exp(-L^2/4Dt) exp(-t/tau) cos(omega t) dt = Re[exp(-L sqrt(s/D)) / (2 sqrt(D s))], s = 1/tau - i omega;
 * L [m], D [m^2/s], tau [s], omega [rad/s]; result in s/m. */
double sfhet_hanle_kernel(double L_m, double D, double tau, double omega);

/* R_NL/R0 [s/m] at n fields B [T] for parameters p (order of sfhet_hanle_params). With Bv > 0 the
 * vortex-modified form (eq. 4): (1 - a_v) K(omega = 0) + a_v K(omega_L), a_v = 1 - exp(-|B|/Bv). */
int sfhet_hanle_eval(const double *p, const double *B, size_t n, double *R);

/* Spin relaxation length sqrt(D tau) [m]. */
double sfhet_spin_length(double D, double tau);

/* Options of a Hanle fit. Start values D0/tau0 <= 0 mean "search a grid of starts". */
typedef struct {
  double L_nm;   /* injector-detector distance (fixed) [nm] */
  double g;      /* Lande factor (fixed) */
  double D0;     /* start value of D [m^2/s] or <= 0 */
  double tau0;   /* start value of tau [s] or <= 0 */
  int fit_bg;    /* fit a constant background */
  int fit_bv;    /* fit the vortex field Bv (eq. 4) */
  double Bv0;    /* start value of Bv [T] (fit_bv) or fixed value (0: standard model) */
  const double *sigma; /* one-sigma errors of R [ohm] (NULL: unknown, errors scaled by sqrt(chi2_red)) */
} sfhet_hanle_fit_opts;

/* Result of a Hanle fit; *_err are one standard error (NaN where a parameter ended at a bound). */
typedef struct {
  double amp, amp_err;       /* R_NL at B = 0 above the background [ohm]; its sign is the configuration */
  double R0, R0_err;         /* prefactor of eqs. 3-4 [ohm m/s] */
  double D, D_err;           /* [m^2/s] */
  double tau, tau_err;       /* [s] */
  double bg, bg_err;         /* background [ohm] */
  double Bv, Bv_err;         /* [T] */
  double lambda, lambda_err; /* sqrt(D tau) [m], error with the D-tau correlation */
  double corr_D_tau;         /* correlation coefficient of D and tau */
  double chi2_red;
  size_t n_points;
  int converged;
} sfhet_hanle_fit_result;

/* Fits R_NL(B) data (B [T], R [ohm]) with amplitude, D, tau (+ background, Bv); multi-start. */
int sfhet_hanle_fit(const double *B, const double *R, size_t n, const sfhet_hanle_fit_opts *opts,
                    sfhet_hanle_fit_result *res);

/* Julliere TMR = 2 P1 P2 / (1 - P1 P2) for spin polarisations P1, P2 in [-1, 1] (P1 P2 < 1). */
int sfhet_tmr_julliere(double P1, double P2, double *tmr);

/* Inverse Julliere: with P1 given (finite), P2 = TMR / (P1 (2 + TMR)); with P1 = NaN, the common
 * polarisation P = sqrt(TMR / (2 + TMR)) of two equal electrodes (TMR >= 0). */
int sfhet_tmr_polarization(double tmr, double P1, double *P);

SFHET_API_END

#endif
