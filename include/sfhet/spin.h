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

/* K(omega)/K(0) computed without forming K(0), so it stays finite where K(0) ~ exp(-L/lambda_s)
 * underflows: Re[exp(-L (q - q0)) sqrt(D s0)/sqrt(D s)], q = sqrt(s/D), s0 = 1/tau. */
double sfhet_hanle_ratio(double L_m, double D, double tau, double omega);

/* Smallest field B0 > 0 [T] where the standard Hanle curve (eq. 3) changes sign, for L [m], D [m^2/s],
 * tau [s] and g; SFHET_ENOSOL if none below omega_L = 200/min(tau, L^2/2D). */
int sfhet_hanle_sign_change(double L_m, double D, double tau, double g, double *B0);

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
  double B0, B0_err;         /* field where the standard curve changes sign [T] (NaN: it does not) */
  double corr_D_tau;         /* correlation coefficient of D and tau */
  double chi2_red;
  size_t n_points;
  int converged;
} sfhet_hanle_fit_result;

/* Fits R_NL(B) data (B [T], R [ohm]) with amplitude, D, tau (+ background, Bv); multi-start (a start
 * whose fit fails for any reason is skipped; the best converged fit is kept). */
int sfhet_hanle_fit(const double *B, const double *R, size_t n, const sfhet_hanle_fit_opts *opts,
                    sfhet_hanle_fit_result *res);

/* How the zero-field broadening G0 and the added scattering rate combine in the saturated Gs. */
typedef enum {
  SFHET_COMBINE_LINEAR = 0,    /* Gs = G0 + hbar/tau: Lorentzian widths of independent processes add */
  SFHET_COMBINE_QUADRATURE = 1 /* Gs^2 = G0^2 + (hbar/tau)^2: seed 000 Methods' formula */
} sfhet_spin_combine;

/* "linear" or "quadrature" to the enum; errors name --combine. */
int sfhet_spin_combine_parse(const char *name, sfhet_spin_combine *c);

/* The name of a combination rule. */
const char *sfhet_spin_combine_name(sfhet_spin_combine c);

/* Added scattering rate hbar/tau [meV] and lifetime tau [s], with first-order errors. */
typedef struct {
  double rate, rate_err, tau, tau_err;
} sfhet_spin_rate_result;

/* Spin (quasiparticle) lifetime from the broadenings Gs (in-plane saturation) and G0 (zero field) [meV]
 * and their independent standard errors (seed 000 Methods): rate Gs - G0 or sqrt(Gs^2 - G0^2). */
int sfhet_spin_rate(double gs, double gs_err, double g0, double g0_err, sfhet_spin_combine c,
                    sfhet_spin_rate_result *r);

/* Julliere TMR = 2 P1 P2 / (1 - P1 P2) for spin polarisations P1, P2 in [-1, 1] (P1 P2 < 1). */
int sfhet_tmr_julliere(double P1, double P2, double *tmr);

/* Inverse Julliere: with P1 given (finite), P2 = TMR / (P1 (2 + TMR)); with P1 = NaN, the common
 * polarisation P = sqrt(TMR / (2 + TMR)) of two equal electrodes (TMR >= 0). */
int sfhet_tmr_polarization(double tmr, double P1, double *P);

SFHET_API_END

#endif
