/* Quasiclassical Ising superconductor with an exchange field and defect scattering (seed 002,
 * Wickramaratne et al.): Nambu–spin 4x4 Green's functions per spin–orbit sector, self-consistent Born
 * self-energy of scalar and frozen magnetic defects, the spin-resolved density of states, the
 * Matsubara gap equation with the coupling eliminated by the clean Tc0, Tc(b), the in-plane critical
 * exchange field versus angle, SIS coherence peaks, and the defect-moment flop model.
 * Energies in meV, temperatures in K, angles in degrees; b is the exchange energy (spin splitting 2b,
 * b = μB·B, i.e. λex/2 of seed 002). Equations: docs/isingqc.md. */
#ifndef SFHET_ISINGQC_H
#define SFHET_ISINGQC_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"
#include "sfhet/sweep.h"

SFHET_API_BEGIN

/* Indices of the model parameters (the DOS model's table order). */
enum {
  SFHET_ISINGQC_DELTA, /* singlet gap Δ */
  SFHET_ISINGQC_GAMMA, /* Dynes broadening Γ (E -> E + iΓ) */
  SFHET_ISINGQC_DSO,   /* Ising spin–orbit field Δso */
  SFHET_ISINGQC_B,     /* exchange energy b */
  SFHET_ISINGQC_THETA, /* polar angle of b from the c axis */
  SFHET_ISINGQC_PHI,   /* azimuth of b from x */
  SFHET_ISINGQC_ETA,   /* scalar (potential) disorder rate η */
  SFHET_ISINGQC_ETA_X, /* magnetic defects with frozen spins along x, y, z: rates η_x, η_y, η_z */
  SFHET_ISINGQC_ETA_Y,
  SFHET_ISINGQC_ETA_Z,
  SFHET_ISINGQC_SOC,   /* 0: valleys β = ±Δso; 1: Γ pocket β = Δso cos 3φ */
  SFHET_ISINGQC_AXIS,  /* spin axis of N_up/N_down: 0 along b, 1 the c axis z, 2 e_θ, 3 e_φ of b */
  SFHET_ISINGQC_NPARAMS
};

/* The parameter table (names, units, defaults, bounds, help): the DOS model `isingqc` uses it. */
extern const sfhet_param_info sfhet_isingqc_params[SFHET_ISINGQC_NPARAMS];

/* Checks parameter values against the table (errors name the option, e.g. "--eta_x"). */
int sfhet_isingqc_check(const double *p);

/* Caller-owned workspace of the solvers (sector lists, Newton scratch); reused across calls. */
typedef struct sfhet_isingqc_ws sfhet_isingqc_ws;

/* Allocates a workspace (NULL on failure). */
sfhet_isingqc_ws *sfhet_isingqc_ws_alloc(void);

/* Frees a workspace (NULL allowed). */
void sfhet_isingqc_ws_free(sfhet_isingqc_ws *ws);

/* Spin-resolved DOS at n real energies E [meV] with the self-energy solved at each energy (no
 * interpolation); N, N_up, N_down (along the axis chosen by p[SFHET_ISINGQC_AXIS]) may be NULL and
 * dN (dN/dE of the total, 1/meV) too. ENOCONV (reported, with advice) if the Born self-energy does not
 * converge. */
int sfhet_isingqc_dos(const double *p, const double *E, size_t n, double *N, double *N_up, double *N_down,
                      double *dN, sfhet_isingqc_ws *ws);

/* ---- Thermodynamics (Matsubara gap equation with the coupling eliminated by the clean Tc0) ---- */

/* g(Δ) = ln(T/Tc0) + 2πT Σ_{n>=0} [1/ω_n − f(ω_n)/Δ], f = −¼ Tr[τ2 ⟨g(iω_n)⟩], at Δ = p[SFHET_ISINGQC_DELTA]
 * (Δ = 0: the linearised equation, whose zero is the second-order critical line). Tc0, T in K. */
int sfhet_isingqc_gap_function(const double *p, double Tc0, double T, double *g, sfhet_isingqc_ws *ws);

/* Kinds of stationary points of the free energy F(Δ) (dF/dΔ = 2N(0) Δ g(Δ)). */
enum { SFHET_ISINGQC_STABLE = 0, SFHET_ISINGQC_METASTABLE = 1, SFHET_ISINGQC_UNSTABLE = 2 };

/* One solution of the gap equation: Δ [meV], F_s − F_n per N(0) [meV²], kind. */
typedef struct {
  double delta, f_sn;
  int kind;
} sfhet_isingqc_solution;

#define SFHET_ISINGQC_MAX_SOLUTIONS 8

/* All solutions found (Δ = 0 included), the lowest free energy first. */
typedef struct {
  size_t n;
  sfhet_isingqc_solution sol[SFHET_ISINGQC_MAX_SOLUTIONS];
} sfhet_isingqc_gap_result;

/* Self-consistent Δ at T for the model p (p's delta is ignored): the roots of g on (0, 1.2 Δ_BCS(0)]
 * by a 24-point scan refined by Brent's method, each classified by the sign of g'. */
int sfhet_isingqc_gap(const double *p, double Tc0, double T, sfhet_isingqc_gap_result *r, sfhet_isingqc_ws *ws);

/* The largest root of g on (0, Δmax] (the scan grid of sfhet_isingqc_gap walked down from Δmax, the root
 * refined by Brent's method) with the slope g'(Δ) [1/meV] there: the superconducting branch. It is the
 * stable state where g(0) < 0 and g has one root, which callers assume (the full scan finds all roots);
 * in a first-order region (g(0) >= 0) compare sfhet_isingqc_free_energy with 0. *delta = 0 when g >= 0
 * on the whole grid above the first step. */
int sfhet_isingqc_gap_largest(const double *p, double Tc0, double T, double *delta, double *slope,
                              sfhet_isingqc_ws *ws);

/* F_s − F_n = 2 ∫_0^Δ x g(x) dx per N(0) [meV²] by Gauss–Legendre with `nodes` points on each of `panels`
 * panels on each side of x = b (where g has a thermally rounded kink): sfhet_isingqc_gap uses 8 x 3. */
int sfhet_isingqc_free_energy(const double *p, double Tc0, double T, double delta, int nodes, int panels, double *f_sn,
                              sfhet_isingqc_ws *ws);

/* Critical temperature Tc [K] of the second-order line (highest root of the linearised equation below
 * Tc0, scanned in steps of Tc0/40; 0 when none above 0.01 Tc0). */
int sfhet_isingqc_tc(const double *p, double Tc0, double *Tc, sfhet_isingqc_ws *ws);

/* Critical exchange energy bc [meV] along the direction (θ, φ) of p at T: the smallest b > 0 where the
 * linearised equation has a root (second-order line); 0 if T is above Tc at b = 0. SFHET_ENOSOL (reported)
 * when there is none below 100 (Δ0 + Δso). */
int sfhet_isingqc_bc(const double *p, double Tc0, double T, double *bc, sfhet_isingqc_ws *ws);

/* Curves on nthreads threads (0: all): Tc over exchange energies b[n]; bc over azimuths phi[n] [deg]. */
int sfhet_isingqc_tc_curve(const double *p, double Tc0, const double *b, size_t n, double *Tc, int nthreads,
                           const sfhet_progress *progress);
int sfhet_isingqc_bc_curve(const double *p, double Tc0, double T, const double *phi, size_t n, double *bc,
                           int nthreads, const sfhet_progress *progress);

/* Phase diagram: Δ [meV] of the lowest free energy (sfhet_isingqc_gap) at every (T[it], b[ib], θ[ia]) into
 * delta[(it nb + ib) nth + ia], on nthreads threads (0: all) and, under MPI, across the ranks. */
int sfhet_isingqc_gap_map(const double *p, double Tc0, const double *T, size_t nT, const double *b, size_t nb,
                          const double *theta, size_t nth, double *delta, int nthreads,
                          const sfhet_progress *progress);

/* ---- SIS coherence peaks (seed 002 Fig. 2c) ---- */

/* Self-consistent Δ [meV], position peak [mV] and FWHM [mV] of the SIS dI/dV coherence peak. */
typedef struct {
  double delta, peak, fwhm;
} sfhet_isingqc_peak_result;

/* The SIS peak of two identical electrodes with Δ(T, b) from sfhet_isingqc_gap (needs Γ > 0): G(V)
 * maximum above V = Δ; FWHM between the biases where G = 1 + (G_peak − 1)/2. */
int sfhet_isingqc_peak(const double *p, double Tc0, double T, sfhet_isingqc_peak_result *out, sfhet_isingqc_ws *ws);

/* Peaks over exchange energies b[n] on nthreads threads (0: all). */
int sfhet_isingqc_peaks_curve(const double *p, double Tc0, double T, const double *b, size_t n,
                              sfhet_isingqc_peak_result *out, int nthreads, const sfhet_progress *progress);

/* ---- Defect-moment flop (seed 002; minimal Landau model of docs/isingqc.md) ---- */

/* Indices of the flop parameters (energies meV, lengths nm, N0 per meV per nm², m_d in μB). */
enum {
  SFHET_FLOP_KD,     /* easy-axis anisotropy K_d */
  SFHET_FLOP_JD,     /* pair-breaking energy J_d of a c-axis moment on its puddle */
  SFHET_FLOP_RD,     /* puddle radius R_d */
  SFHET_FLOP_XI0,    /* coherence length ξ0 */
  SFHET_FLOP_N0,     /* density of states N(0) */
  SFHET_FLOP_MUD,    /* moment m_d */
  SFHET_FLOP_GAMMA0, /* Γ0 */
  SFHET_FLOP_GAMMAD, /* Γ_d */
  SFHET_ISINGQC_FLOP_NPARAMS
};

/* Their table (names, defaults, bounds, help). */
extern const sfhet_param_info sfhet_isingqc_flop_params[SFHET_ISINGQC_FLOP_NPARAMS];

/* A flop model: Tc0 [K] and the parameters above. */
typedef struct {
  double Tc0;
  double p[SFHET_ISINGQC_FLOP_NPARAMS];
} sfhet_isingqc_flop;

/* Checks the values (errors name the option). */
int sfhet_isingqc_flop_check(const sfhet_isingqc_flop *f);

/* Pairing energy of a puddle E_p(T) = ½ N(0) Δ(T)² π (R_d² − ξ(T)²) [meV] (0 while ξ(T) >= R_d). */
int sfhet_isingqc_flop_ep(const sfhet_isingqc_flop *f, double T, double *ep);

/* Up sweep (B[0] -> B[n−1], from the ground state at B[0]) and down sweep (the reverse): moment angle
 * from c [deg] and Γ_eff = Γ0 + Γ_d cos²ϑ [meV] at each field [T] (increasing). */
int sfhet_isingqc_flop_loop(const sfhet_isingqc_flop *f, double T, const double *B, size_t n, double *th_up,
                            double *g_up, double *th_dn, double *g_dn);

/* Temperatures [K]: T_hyst, the highest T at which the two sweeps over B differ; T_flop, where
 * E_p = K_d (the zero-field ground state turns in plane below it); T_unitary, where ξ(T) = R_d. 0 when
 * there is none. */
int sfhet_isingqc_flop_temps(const sfhet_isingqc_flop *f, const double *B, size_t n, double *T_hyst,
                             double *T_flop, double *T_unitary);

SFHET_API_END

#endif
