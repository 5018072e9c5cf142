/* Quasiclassical Ising superconductor with an exchange field and defect scattering (seed 002,
 * Wickramaratne et al.): Nambu–spin 4x4 Green's functions per spin–orbit sector, self-consistent Born
 * self-energy of scalar and frozen magnetic defects, the spin-resolved density of states, the
 * Matsubara gap equation with the coupling eliminated by the clean Tc0, Tc(b), the in-plane critical
 * exchange field versus angle, SIS coherence peaks, and the defect-moment flop model.
 * Energies in meV, temperatures in K, angles in degrees; b is the exchange energy (spin splitting 2b,
 * b = μB·B, i.e. λex/2 of seed 002). Equations: docs/isingqc.md. */
#ifndef SFHET_ISINGQC_H
#define SFHET_ISINGQC_H

#include <stddef.h>

#include "sfhet/param.h"
#include "sfhet/sweep.h"

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
  SFHET_ISINGQC_AXIS,  /* spin axis of N_up/N_down: 0 the magnet (b) direction, 1 the c axis z */
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

#endif
