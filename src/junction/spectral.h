/* The spectral path of the junction engine (internal): G, I, dG/dV and dG/dp at uniformly spaced biases
 * from FFT correlations of the electrodes' lattice samples, with the lock-in and Gaussian averages as
 * exact multiplications in the frequency domain and the biases read off between lattice nodes by the
 * band-limited (chirp-z) interpolant, so the lattice spacing depends on the physics and the accuracy only,
 * never on the bias step. See spectral.c for the method and its error estimate. */
#ifndef SFHET_JUNCTION_SPECTRAL_H
#define SFHET_JUNCTION_SPECTRAL_H

#include <stddef.h>

#include "junction/junction_int.h"

/* What to compute at the n biases (every pointer may be NULL). */
typedef struct {
  double *G, *G_err;   /* G (averaged over lock-in and instrument response when smooth) and its error */
  double *Icur;        /* dc current (never averaged); SIS only (NIS: the caller's direct path) */
  double *dGdV;        /* dG/dV (averaged like G) */
  double *dG;          /* dG[i * ld + c] = dG/dp for junction parameter kidx[c], c < nk (averaged) */
  size_t ld, nk;
  const size_t *kidx;
  int smooth;          /* apply the junction's lock-in (vac) and Gaussian (sigma_inst) */
} spec_out;

/* Evaluates o at the biases V (uniform: V_i = V_0 + i d). Returns SFHET_OK, SFHET_CONTINUE when the path
 * does not apply (biases not uniform, a BCS electrode, a lattice beyond its size limit), SFHET_ENOCONV
 * when the error estimate stays above tol after refinement, or another error. */
int junction_spectral(const sfhet_junction *j, const double *V, size_t n, double tol, const spec_out *o,
                      sfhet_junction_ws *ws);

/* Forgets the kept pass (benchmarks: every timed call computes). */
void junction_spectral_forget(sfhet_junction_ws *ws);

/* Estimated work of junction_spectral for these biases (same units as junction_direct_cost), or INFINITY
 * when it does not apply. */
double junction_spectral_cost(const sfhet_junction *j, const double *V, size_t n, double tol, int smooth);

/* Estimated work of the per-bias lattice sums for n biases (nq smoothing nodes each). */
double junction_direct_cost(const sfhet_junction *j, const double *V, size_t n, size_t nq, double tol);

/* Whether V_i = V_0 + i d (d > 0) within 1e-9 d; *d receives the step (n >= 2). */
int junction_uniform(const double *V, size_t n, double *d);

/* First lattice spacing for junction j at tolerance tol (a ladder value; shared with grid.c's path). */
double junction_first_spacing(const sfhet_junction *j, double tol);

/* Next spacing (a ladder value) aimed at half the tolerance, from the error estimate emax at spacing h:
 * err(h) = K exp(−2πa/h) fitted to it (a: the strip half-width). */
double junction_next_spacing(double a, double h, double emax, double tol);

/* Test and benchmark switch: 0 disables the spectral path (the previous lattice paths only). */
extern int junction_spectral_mode;

#endif
