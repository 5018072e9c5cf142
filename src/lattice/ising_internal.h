/* Internals of the Ising-superconductor lattice model: band evaluation, per-k BdG integrands and the
 * adaptive k-mesh. Not part of the public API. */
#ifndef SFHET_LATTICE_ISING_INTERNAL_H
#define SFHET_LATTICE_ISING_INTERNAL_H

#include <stddef.h>

#include "sfhet/ising.h"

/* Band structure prepared for fast evaluation: per term the hopping, cos φ and sin φ. */
typedef struct {
  double eps;
  double t[6], cphi[6], sphi[6];
  int mirror; /* |β(k)| and ε(k) symmetric under k_y -> -k_y (phases 1..5 zero): 1/12 wedge */
} ising_band;

void ising_band_init(ising_band *bd, const sfhet_ising_model *m);

/* ε = (ξ↑ + ξ↓)/2 and β = (ξ↑ − ξ↓)/2 at k (units 1/a). */
void ising_band_eb(const ising_band *bd, double kx, double ky, double *e, double *b);

/* Adaptive mesh of the irreducible wedge: nodes with ε, β and weights (BZ average = Σ w f);
 * wd = w(7th-order) − w(5th-order) per node, 17 consecutive nodes per cell. Per node also ξ↑², ξ↓²
 * and the 1/g integrand k0 = ¼ Σσ 1/sqrt(ξσ² + Δ0²) (the model's Δ0), so that the gap function is a
 * sum of localised differences k0 − K without recomputing k0; inv_g = Σ w k0 = 1/g. */
typedef struct {
  size_t n, cap;
  double *e, *b, *w, *wd, *xu2, *xd2, *k0;
  double inv_g;
  double scale, rtol;   /* Lorentzian width of the refinement probe (meV) and its tolerance */
  double key[SFHET_ISING_NPARAMS];
  int valid;
} ising_mesh;

#define ISING_RULE_N 17

/* Builds (or reuses when model, scale and tolerance match) the mesh. */
int ising_mesh_build(ising_mesh *mesh, const sfhet_ising_model *m, double scale);
/* Whether a built mesh is the one for this model, scale and the model's tolerance. */
int ising_mesh_matches(const ising_mesh *mesh, const sfhet_ising_model *m, double scale);
/* Frees the node arrays (the struct is zeroed). */
void ising_mesh_free(ising_mesh *mesh);

/* Per-node integrand f(ε, β; par). */
typedef double ising_node_fn(double e, double b, const void *par);

/* BZ average of f with its cubature error estimate (sum over cells of |I7 − I5|). */
void ising_mesh_integrate(const ising_mesh *mesh, ising_node_fn *f, const void *par, double *val,
                          double *err);

/* Parameters of the per-k BdG integrands. */
typedef struct {
  double T;      /* meV (k_B T); 0 allowed for the gap and free energy */
  double delta;  /* Δ, meV */
  double delta0; /* Δ0 fixing 1/g = <k0> */
  double jz, jx; /* exchange components (φ = 0 by the spin-rotation symmetry about z) */
} ising_kpar;

/* The four BdG eigenvalues at (ε, β) (ascending). */
void ising_bdg_eig(double e, double b, double d, double jz, double jx, double E[4]);

/* 1/g integrand k0 = ¼ Σσ 1/sqrt(ξσ² + Δ0²). */
double ising_k_inv_g(double e, double b, const void *par);
/* Gap-equation kernel K_k(Δ) (finite as Δ -> 0, the linearised kernel). */
double ising_k_kernel(double e, double b, const void *par);
/* k0 − K_k: the BZ average is 1/g − K(Δ) = (∂f/∂Δ)/(2Δ). */
double ising_k_gapfn(double e, double b, const void *par);
/* Free-energy integrand: f_sn(Δ, T, J) − f_n(T, J = 0) per k, with Δ²/g = Δ² <k0>. */
double ising_k_fsn(double e, double b, const void *par);
/* Normal-state free energy at J minus that at J = 0 (Δ = 0) per k. */
double ising_k_fn(double e, double b, const void *par);
/* −∂²f/∂J² for in-plane (x) and out-of-plane (z) J at J = 0, at Δ and T > 0 (eq. C6). */
double ising_k_chi_par(double e, double b, const void *par);
double ising_k_chi_perp(double e, double b, const void *par);

/* Mesh scale for a computation at temperature kT (meV): min(Δ0, πkT) rounded down to Δ0/2^n (so
 * that nearby temperatures share a cached mesh) and floored at floor·Δ0. */
double ising_scale(const sfhet_ising_model *m, double kT, double floor);

#define ISING_FLOOR_GAP 0.25    /* gap and free energy: Δ sets the scale of the SC state */
#define ISING_FLOOR_THERMAL (1.0 / 16) /* χ and Tc: thermal scale */

#define ISING_MESH_CACHE 3

/* Workspace: a few cached meshes (least recently used replaced) and the cached Tc0. */
struct sfhet_ising_ws {
  ising_mesh mesh[ISING_MESH_CACHE];
  unsigned long used[ISING_MESH_CACHE], clock;
  double tc0;        /* cached Tc0 (K) of the model in tc0_key */
  double tc0_key[SFHET_ISING_NPARAMS];
  int tc0_valid;
};

/* The workspace's mesh for model m at scale (built when not cached); valid until the next call. */
int ising_ws_mesh(sfhet_ising_ws *ws, const sfhet_ising_model *m, double scale, const ising_mesh **mesh);

/* One workspace per thread of a parallel sweep (they only cache meshes). */
typedef struct {
  sfhet_ising_ws **ws;
  int n;
} ising_ws_set;
/* Allocates nthreads workspaces (0: the sweep default). */
int ising_ws_set_alloc(int nthreads, ising_ws_set *set);
/* The calling thread's workspace. */
sfhet_ising_ws *ising_ws_set_mine(const ising_ws_set *set);
/* Frees the set (accepts a zeroed or failed one). */
void ising_ws_set_free(ising_ws_set *set);

/* ---- BZ sums in one pass over the mesh (ising_sums.c) ---- */

/* J = 0 gap function R(Δ) = <k0 − K(Δ)> at kT (meV, >= 0), its derivative dR/d(Δ²) and the cubature
 * error of R (dR, err may be NULL). */
void ising_sum_j0(const ising_mesh *mesh, double kT, double delta, double *R, double *dR, double *err);
/* J = 0 linearised gap function R(Δ -> 0, T) at kT > 0 and dR/d(kT). */
void ising_sum_lin(const ising_mesh *mesh, double kT, double *R, double *dR);
/* Gap function <k0 − K> at nd gaps delta[i] for the field in p (p->delta ignored) in one pass;
 * err0 (may be NULL) is the cubature error at delta[0]. */
void ising_sum_gap(const ising_mesh *mesh, const ising_kpar *p, size_t nd, const double *delta,
                   double *R, double *err0);

#endif
