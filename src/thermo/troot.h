/* Internal helpers of src/thermo: bracketed root finding (GSL Brent) and the digamma pieces. */
#ifndef SFHET_THERMO_TROOT_H
#define SFHET_THERMO_TROOT_H

/* A scalar function of one variable. */
typedef double thermo_fn(double x, void *ctx);

/* Root of f in [lo, hi] (f(lo) and f(hi) of opposite sign or zero) to relative tolerance rtol
 * (absolute atol); SFHET_ENOSOL without a sign change, SFHET_ENOCONV after 200 iterations. */
int thermo_root(thermo_fn *f, void *ctx, double lo, double hi, double rtol, double atol, double *x);

/* Re ψ(½ + i y) − ψ(½) (>= 0, increasing in y >= 0). */
double thermo_repsi_shift(double y);

/* ψ(½ + x) − ψ(½) for real x >= 0. */
double thermo_psi_shift(double x);

/* Weak-coupling Δ0/(kB Tc) = π e^{-γ}. */
double thermo_bcs_ratio(void);

#endif
