/* Superconducting thermodynamics: the weak-coupling BCS gap Δ(T), Abrikosov–Gor'kov pair breaking
 * (orbital and Zeeman), the Pauli-limited h–T boundary with its first-order part, the Ising-superconductor
 * in-plane critical field, and the fits (Tc, Δ0 from Δ(T); D from Tc(B); λ from Ising Bc2(T)).
 * Energies in meV, temperatures in K, fields in T, D in m^2/s, lengths in nm (docs/thermo.md). */
#ifndef SFHET_THERMO_H
#define SFHET_THERMO_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"

SFHET_API_BEGIN

/* Parameters of the thermodynamic models (names are CLI options and fit keys):
 * sfhet_thermo_params[] = Tc, Tc0, delta0, D, thickness, lambda. */
extern const sfhet_param_info sfhet_thermo_params[];
extern const size_t sfhet_thermo_n_params;

/* Looks up one of the parameters above by name (NULL if absent). */
const sfhet_param_info *sfhet_thermo_param(const char *name);

/* ---- BCS gap (src/thermo/bcs.c) ---- */

/* Reduced weak-coupling gap y = Δ(T)/(kB Tc) at t = T/Tc from the Matsubara gap equation
 * (relative accuracy ~1e-12; 0 for t >= 1; π e^{-γ} at t = 0). */
int sfhet_bcs_gap_reduced(double t, double *y);

/* Weak-coupling Δ(T) [meV] for Tc [K]; delta0 > 0 rescales the curve to Δ(0) = delta0 (Tc unchanged),
 * delta0 <= 0 keeps the BCS value π e^{-γ} kB Tc. */
int sfhet_bcs_gap(double T, double Tc, double delta0, double *delta);

/* ---- Pair breaking (src/thermo/pairbreak.c) ---- */

/* Field orientation of a thin film relative to its plane. */
typedef enum { SFHET_FIELD_PARALLEL = 0, SFHET_FIELD_PERPENDICULAR = 1 } sfhet_field_orient;

/* Abrikosov–Gor'kov Tc [K] for pair-breaking energy alpha [meV] (seed 001 eq. 2); 0 for alpha >= α_c. */
int sfhet_ag_tc(double Tc0, double alpha, double *Tc);

/* Critical pair breaking α_c = (π/2) e^{-γ} kB Tc0 = Δ0/2 [meV]. */
double sfhet_ag_alpha_c(double Tc0);

/* The pair-breaking energy alpha [meV] that puts Tc at T (inverse of sfhet_ag_tc; 0 < T <= Tc0). */
int sfhet_ag_alpha_at(double Tc0, double T, double *alpha);

/* Orbital pair breaking of a thin film [meV]: D e^2 B^2 d^2/(6ħ) (parallel) or D e |B| (perpendicular);
 * D in m^2/s, B in T, d in nm (d unused for perpendicular). */
double sfhet_orbital_alpha(double B, double D, double d_nm, sfhet_field_orient o);

/* Field B [T] >= 0 whose orbital pair breaking is alpha [meV] (inverse of sfhet_orbital_alpha). */
double sfhet_orbital_field(double alpha, double D, double d_nm, sfhet_field_orient o);

/* Tc [K] of a thin film in field B [T] by orbital pair breaking only. */
int sfhet_orbital_tc(double Tc0, double B, double D, double d_nm, sfhet_field_orient o, double *Tc);

/* Second-order (instability) line of a Zeeman splitting ±h [meV]: highest Tc [K] solving
 * ln(Tc0/Tc) = Re ψ(½ + i h/2πkTc) − ψ(½); 0 where the normal state has no instability. */
int sfhet_zeeman_tc(double Tc0, double h, double *Tc);

/* Zeeman energy h [meV] on the second-order line at temperature 0 < T < Tc0. */
int sfhet_zeeman_h2(double Tc0, double T, double *h);

/* Tricritical point of the Pauli-limited film: T* [K] and h* [meV] (Re ψ''(½ + i h/2πkT) = 0). */
int sfhet_pauli_tricritical(double Tc0, double *Tstar, double *hstar);

/* Condensation free energy per N(0) [meV^2] of a uniform BCS state with gap delta [meV] and Zeeman
 * splitting ±h [meV] at T [K] (weak coupling, Δ0 = π e^{-γ} kB Tc0). Negative: superconductor favoured. */
int sfhet_pauli_free_energy(double Tc0, double T, double h, double delta, double *f);

/* Pauli-limited critical field h [meV] at T [K] (0 <= T <= Tc0): the second-order line for T >= T*,
 * the first-order line (free energies equal) below; *order receives 1 or 2. h(0) = Δ0/√2. */
int sfhet_pauli_hc(double Tc0, double T, double *h, int *order);

/* Ising superconductor in-plane critical Zeeman energy h [meV] at T for spin-orbit field lambda [meV]:
 * ln(T/Tc0) + h²/(h²+λ²) [Re ψ(½ + i√(h²+λ²)/2πkT) − ψ(½)] = 0 (h = μB B, g = 2). */
int sfhet_ising_hc2(double Tc0, double lambda, double T, double *h);

/* ---- Fits (src/thermo/thermo_fit.c) ---- */

/* One fitted value with its standard error (err NaN if the parameter ended at a bound). */
typedef struct {
  double value, err;
} sfhet_thermo_est;

/* Result of a thermodynamic fit. */
typedef struct {
  sfhet_thermo_est p[3]; /* fit-specific: see each function */
  double corr01; /* correlation of p[0] and p[1] (0 if either is fixed or at a bound) */
  double chi2_red;
  size_t n_points;
  int converged;
} sfhet_thermo_fit_result;

/* Fits Δ(T) = Δ0·y(T/Tc)/y(0) to n points (T [K], delta [meV], optional sigma):
 * p[0] = Tc [K], p[1] = Δ0 [meV]. */
int sfhet_gap_fit(const double *T, const double *delta, const double *sigma, size_t n,
                  sfhet_thermo_fit_result *res);

/* Fits orbital AG Tc(B) to n points (B [T], Tc [K], optional sigma in K) for film thickness d_nm:
 * p[0] = D [m^2/s], p[1] = Tc0 [K] (held at Tc0_fixed if > 0), p[2] = ξ_GL(0) [nm] from
 * ξ² = πħD/(8 kB Tc0). */
int sfhet_orbital_fit(const double *B, const double *Tc, const double *sigma, size_t n, double d_nm,
                      sfhet_field_orient o, double Tc0_fixed, sfhet_thermo_fit_result *res);

/* Fits the Ising critical field to n points (T [K], B [T], optional sigma in T), h = μB B:
 * p[0] = λ [meV], p[1] = Tc0 [K] (held at Tc0_fixed if > 0). */
int sfhet_ising_fit(const double *T, const double *B, const double *sigma, size_t n, double Tc0_fixed,
                    sfhet_thermo_fit_result *res);

/* Dirty-limit GL coherence length ξ_GL(0) [nm] = sqrt(πħD/(8 kB Tc0)). */
double sfhet_xi_gl0(double D, double Tc0);

SFHET_API_END

#endif
