/* Ising-superconductor lattice model of monolayer NbSe2 (seed 003: Aikebaier, Heikkilä, Lado):
 * one-band triangular tight binding with Ising spin-orbit phases (App. A), 4x4 BdG with s-wave Δ and
 * exchange field J(θ, φ) (eqs. 3, C1), self-consistent Δ (App. B), free energy (eq. 6), spin
 * susceptibility (eq. C6), Tc(J, θ) and J_c. Energies in meV, temperatures in K, angles in degrees.
 * Brillouin-zone averages use an adaptive, error-estimated cubature (docs/ising.md). */
#ifndef SFHET_ISING_H
#define SFHET_ISING_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"
#include "sfhet/sweep.h"

SFHET_API_BEGIN

/* Indices of the tight-binding parameters in sfhet_ising_params (Table I defaults). */
enum {
  SFHET_ISING_EPS, /* on-site energy ε */
  SFHET_ISING_T0,  /* hoppings t0..t5 (1st..6th neighbours) */
  SFHET_ISING_T1,
  SFHET_ISING_T2,
  SFHET_ISING_T3,
  SFHET_ISING_T4,
  SFHET_ISING_T5,
  SFHET_ISING_PHI0, /* Kane–Mele phases φ0..φ5 (rad) */
  SFHET_ISING_PHI1,
  SFHET_ISING_PHI2,
  SFHET_ISING_PHI3,
  SFHET_ISING_PHI4,
  SFHET_ISING_PHI5,
  SFHET_ISING_DELTA0, /* Δ(T = 0, J = 0) fixing the coupling g */
  SFHET_ISING_RTOL,   /* relative tolerance of the adaptive BZ cubature */
  SFHET_ISING_NPARAMS
};

/* The parameter table (drives CLI options and --help). */
extern const sfhet_param_info sfhet_ising_params[SFHET_ISING_NPARAMS];

/* Model: parameter values in table order. */
typedef struct {
  double p[SFHET_ISING_NPARAMS];
} sfhet_ising_model;

/* Fills m with the Table I defaults. */
void sfhet_ising_model_default(sfhet_ising_model *m);

/* λ_soc = 3√3 t0 sin φ0 (seed 003 eq. A4), meV. */
double sfhet_ising_lambda_soc(const sfhet_ising_model *m);

/* Sets φ0 so that λ_soc = lambda (meV): φ0 = asin(λ/(3√3 t0)); SFHET_EINVAL (naming --lambda) when
 * |λ| > 3√3 |t0| or t0 = 0. */
int sfhet_ising_set_lambda(sfhet_ising_model *m, double lambda);

/* Band energies ξ_↑(k), ξ_↓(k) (eqs. A1–A2, sixth-neighbour slip corrected) at k in units 1/a. */
void sfhet_ising_xi(const sfhet_ising_model *m, double kx, double ky, double *xi_up, double *xi_dn);

/* n points along Γ–M–K–Γ (n >= 4): kx, ky (1/a) and the band energies; caller-owned arrays. */
int sfhet_ising_bands(const sfhet_ising_model *m, size_t n, double *kx, double *ky, double *xi_up,
                      double *xi_dn);

/* Fermi surface of spin 0 (↑) or 1 (↓) around pocket 0 (Γ), 1 (K) or 2 (K'): n points on rays at
 * angles 2πi/n from the pocket centre (k in 1/a; NAN where a ray finds no crossing). */
int sfhet_ising_fermi_surface(const sfhet_ising_model *m, int pocket, int spin, size_t n, double *kx,
                              double *ky);

/* Caller-owned workspace: caches the adaptive k-mesh between calls with the same model and scale. */
typedef struct sfhet_ising_ws sfhet_ising_ws;

/* Allocates a workspace (NULL when out of memory). */
sfhet_ising_ws *sfhet_ising_ws_alloc(void);

/* Frees a workspace (accepts NULL). */
void sfhet_ising_ws_free(sfhet_ising_ws *ws);

/* Density of states per spin at the Fermi level N(0), 1/(meV cell), thermally smeared over Δ0/π. */
int sfhet_ising_dos0(const sfhet_ising_model *m, double *N0, sfhet_ising_ws *ws);

/* Exchange field J (meV) at polar angle theta and azimuth phi (deg), eq. 3. */
typedef struct {
  double J, theta, phi;
} sfhet_ising_field;

/* Kind of a self-consistent solution. */
enum { SFHET_ISING_STABLE = 0, SFHET_ISING_METASTABLE = 1, SFHET_ISING_UNSTABLE = 2 };

#define SFHET_ISING_MAX_SOL 8

/* One stationary point of the free energy: Δ (0 for the normal state) and f_sn (meV per cell). */
typedef struct {
  double delta, delta_err; /* meV; delta_err from the cubature error of the gap equation */
  double f_sn, f_err;      /* f(Δ) − f_n(T, J = 0), meV per unit cell */
  int kind;                /* SFHET_ISING_STABLE / METASTABLE (local minimum) / UNSTABLE (maximum) */
} sfhet_ising_solution;

/* All stationary points at (T, J): sol[0] is the lowest free energy. */
typedef struct {
  size_t n;
  sfhet_ising_solution sol[SFHET_ISING_MAX_SOL];
  double Tc0;        /* J = 0 critical temperature of the same coupling, K */
  double g;          /* coupling g (meV per cell) fixed by Δ0 */
  double N0;         /* density of states per spin at the Fermi level, 1/(meV cell) */
  size_t nodes;      /* k-points of the adaptive mesh (irreducible wedge) */
} sfhet_ising_gap_result;

/* Self-consistent Δ at temperature T (K) and field f: all stationary points, ordered by f_sn. */
int sfhet_ising_gap(const sfhet_ising_model *m, double T, sfhet_ising_field f,
                    sfhet_ising_gap_result *res, sfhet_ising_ws *ws);

/* J = 0 critical temperature Tc0 (K) from the linearised gap equation. */
int sfhet_ising_tc0(const sfhet_ising_model *m, double *Tc0, sfhet_ising_ws *ws);

/* Critical temperature Tc(J, θ) (K) from the linearised gap equation (the highest root; the
 * second-order instability line); 0 when no instability exists above 0.04 Tc0. */
int sfhet_ising_tc(const sfhet_ising_model *m, double J, double theta, double *Tc, sfhet_ising_ws *ws);

/* SC-state spin susceptibility at T (K, > 0) for in-plane (chi_par) and out-of-plane (chi_perp)
 * fields, each divided by the normal-state value of the same direction at the same T (eq. C6, with
 * the self-consistent Δ(T) at J = 0). Either output pointer may be NULL. */
int sfhet_ising_chi(const sfhet_ising_model *m, double T, double *chi_par, double *chi_perp,
                    sfhet_ising_ws *ws);

/* Weak-SOC estimate of χ∥/χ_P: eq. C8 averaged over the Fermi surface (weights −∂n_F/∂ξσ at T) with
 * the local splitting λ0(k) = |β(k)| and the self-consistent Δ(T) at J = 0. C8 is a T = 0, weak-SOC
 * formula: meaningful for T << Tc0 and λ_soc << bandwidth (docs/ising.md). */
int sfhet_ising_chi_weak_soc(const sfhet_ising_model *m, double T, double *chi_c8, sfhet_ising_ws *ws);

/* Unnormalised susceptibilities −∂²f/∂J² (1/(meV cell)) at T and gap delta (meV; 0: normal state). */
int sfhet_ising_chi_raw(const sfhet_ising_model *m, double T, double delta, double *chi_par,
                        double *chi_perp, sfhet_ising_ws *ws);

/* Free energy f_sn (meV per cell) of the lowest self-consistent state on a grid of angles
 * theta[nt] × phi[np] (deg) at T and J; out[i*np + j] (delta may be NULL); OpenMP over angles. */
int sfhet_ising_fsn_map(const sfhet_ising_model *m, double T, double J, const double *theta,
                        size_t nt, const double *phi, size_t np, double *out, double *delta,
                        int nthreads, const sfhet_progress *progress, sfhet_ising_ws *ws);

/* Critical exchange field J_c(θ, T) (meV): where the lowest SC state meets the normal state at the
 * same J (eq. 8 with the full normal-state free energy); *first_order = 1 when Δ jumps there. */
int sfhet_ising_jc(const sfhet_ising_model *m, double T, double theta, double *Jc, int *first_order,
                   sfhet_ising_ws *ws);

/* Tc(J_i, θ) (K) for n exchange fields J[i] (meV), OpenMP over points on one shared mesh. */
int sfhet_ising_tc_curve(const sfhet_ising_model *m, double theta, const double *J, size_t n,
                         double *Tc, int nthreads, const sfhet_progress *progress,
                         sfhet_ising_ws *ws);

/* Normalised χ∥, χ⊥ at n temperatures T[i] (K, > 0), and the weak-SOC C8 estimate when chi_c8 is not
 * NULL; OpenMP over points (a workspace per thread). */
int sfhet_ising_chi_curve(const sfhet_ising_model *m, const double *T, size_t n, double *chi_par,
                          double *chi_perp, double *chi_c8, int nthreads, const sfhet_progress *progress);

/* χ_s(T) table for F/S/F loops: n >= 2 temperatures T[i] evenly spaced from 0.02 Tc0 to 1.25 Tc0
 * (normal state above Tc0) and the normalised χ∥, χ⊥ there (caller-owned arrays of n). */
int sfhet_ising_chi_table(const sfhet_ising_model *m, size_t n, double *T, double *chi_par,
                          double *chi_perp, int nthreads, const sfhet_progress *progress);

/* Phase diagram: the lowest-free-energy Δ (meV) at every (T[i], J[j], θ[k]) of a grid,
 * delta[(i nJ + j) nth + k]; OpenMP over points, each a pure function of its index. */
int sfhet_ising_gap_map(const sfhet_ising_model *m, const double *T, size_t nT, const double *J,
                        size_t nJ, const double *theta, size_t nth, double *delta, int nthreads,
                        const sfhet_progress *progress);

/* J_c(θ_i, T) (meV) and whether the transition is first order (1/0), OpenMP over angles. */
int sfhet_ising_jc_curve(const sfhet_ising_model *m, double T, const double *theta, size_t n,
                         double *Jc, double *first_order, int nthreads,
                         const sfhet_progress *progress);

SFHET_API_END

#endif
