/* Internal solver layer of the Ising model (shared by gap, chi, free-energy map and J_c). */
#ifndef SFHET_LATTICE_ISING_GAP_H
#define SFHET_LATTICE_ISING_GAP_H

#include "lattice/ising_internal.h"

/* J_z and |J_x| of a field (θ = 90° gives J_z = 0 exactly). */
void ising_field_xz(sfhet_ising_field f, double *jz, double *jx);
/* BZ average of a per-k integrand (err may be NULL). */
double ising_avg(const ising_mesh *mesh, ising_node_fn *fn, const ising_kpar *p, double *err);
/* The gap function on a frozen mesh at fixed kpar, as a function of one variable (for root finding). */
typedef struct {
  const ising_mesh *mesh;
  ising_kpar p;
} ising_gapfn_ctx;
/* Gap function of Δ (meV) at the context's T and field. */
double ising_gapfn_of_delta(double delta, void *ctx);
/* Linearised gap function of kT (meV) at the context's Δ and field. */
double ising_gapfn_of_kT(double kT, void *ctx);
/* Brent root of fn on a sign-changing bracket. */
int ising_brent(double (*fn)(double, void *), void *ctx, double lo, double hi, double atol,
                double *root);
/* f and df/dx at x (for ising_newton). */
typedef void ising_fdf(double x, void *ctx, double *f, double *df);
/* Root of fn in [lo, hi], where fn(lo) < 0 < fn(hi), by Newton's method from x0 with bisection where
 * a step leaves the bracket; stops when a step is below xtol. */
int ising_newton(ising_fdf *fn, void *ctx, double lo, double hi, double x0, double xtol, double *root);
/* J = 0 gap Δ (meV) at kT: 0 in the normal state (R(0+) >= 0 within its cubature error), else the one
 * root of R(Δ) (Newton on Δ²); delta_err from the cubature error and slope at the root (may be NULL). */
int ising_gap_j0(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double *delta,
                 double *delta_err);
/* All stationary points of f(Δ) at kT (meV) and field (jz, jx) on a frozen mesh. */
int ising_solve_gap(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double jz,
                    double jx, sfhet_ising_gap_result *res);
/* BCS estimate of kB Tc0 (meV) from Δ0. */
double ising_tc_guess(const sfhet_ising_model *m);
/* The workspace mesh used by all linearised-gap computations. */
int ising_tc_mesh(sfhet_ising_ws *ws, const sfhet_ising_model *m, const ising_mesh **mesh);
/* Highest root kTc (meV) of the linearised gap equation below 1.02 kTc0 (0 if none above 0.04). */
int ising_solve_tc(const ising_mesh *mesh, const sfhet_ising_model *m, double jz, double jx,
                   double kTc0, double *kTc);
/* Thermally smeared density of states per spin at the Fermi level, 1/(meV cell). */
double ising_dos0(const ising_mesh *mesh, double kT);

#endif
