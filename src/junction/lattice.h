/* Samples on the uniform energy lattice E = α h (α integer) of the spectral path (internal): Fermi
 * function and thermal kernel by an exact exponential recurrence, DOS values (and dN/dE) from the model's
 * descriptor with its particle-hole symmetry used when it holds, and the smooth end tapers. */
#ifndef SFHET_JUNCTION_LATTICE_H
#define SFHET_JUNCTION_LATTICE_H

#include <stddef.h>

#include "sfhet/junction.h"

/* f(E) = 1/(exp(E/kT) + 1) and k_T(E) = −f'(E) at E = (a0 + i) h, i < n (f or k may be NULL).
 * exp(−|E|/kT) is advanced by the factor exp(−h/kT) in 8 interleaved chains, re-anchored by exp()
 * every 64 nodes (relative rounding ~1e-14); values below 1e-300 are flushed to 0. */
void lat_fermi(double h, double kT, long a0, size_t n, double *f, double *k, sfhet_junction_ws *ws);

/* DOS of one electrode at E = (a0 + i) h, i < n, per channel in the spin frame of f (junction/channels.h;
 * nch 1: total, 2: up, down, 4: also the transverse spin density): N[ch][i], and dN/dE into dN[ch][i]
 * unless dN is NULL. With nch = 1 and a model even at p (the descriptor's even()),
 * only the |α| half is evaluated and mirrored (N even, dN odd). Closed form (eval_de) where the model
 * has it, else eval and a central difference with step 1e-5 a (a: the junction's strip half-width).
 * Returns SFHET_OK or the model's error. */
int lat_dos(const sfhet_dos_info *m, const double *p, int nch, const double *f, double h, double a, long a0,
            size_t n, double *const *N, double *const *dN, sfhet_junction_ws *ws);

/* dN/dp_k for the nk parameter indices k[] at E = (a0 + i) h, per channel: dN[ch][j n + i]. Returns
 * SFHET_OK, or SFHET_CONTINUE when the model has no closed form for them (nor for spins off f). */
int lat_dparam(const sfhet_dos_info *m, const double *p, int nch, const double *f, double h, long a0, size_t n,
               const size_t *k, size_t nk, double *const *dN, sfhet_junction_ws *ws);

/* Taper weights t[0..T): 0 → 1 (an integrated Gaussian step whose residuals at both ends and whose
 * spectrum at the Nyquist frequency are below eps); returns T (even, >= 8). */
size_t lat_taper(double eps, double *t, size_t max);

/* x[i] *= taper at both ends (t[0] outermost): x[i] *= t[i], x[n−1−i] *= t[i], i < T (n >= 2T). */
void lat_apply_taper(double *x, size_t n, const double *t, size_t T);

#endif
