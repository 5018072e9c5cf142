/* Uniform-lattice trapezoid integration of the junction integrals (internal). */
#ifndef SFHET_JUNCTION_GRID_H
#define SFHET_JUNCTION_GRID_H

#include "junction/junction_int.h"

/* G, I, G_err at n biases on lattices of spacing h (see grid.c). Returns SFHET_OK, or SFHET_ENOCONV
 * when the estimated error exceeds tol; *err_max receives max |G_h − G_2h| / (|G| + 1e-3). */
int junction_grid(const sfhet_junction *j, const double *V, size_t n, double h, double *G, double *Icur,
                  double *G_err, double *err_max, sfhet_junction_ws *ws);

/* Strip half-width [meV] of analyticity of the integrands: min(Γ1, Γ2, πkT); 0 when a DOS is BCS. */
double junction_strip(const sfhet_junction *j);

/* SIS correlation method: −1 automatic (default), 0 direct sums, 1 FFT (for tests and benchmarks). */
extern int junction_fft_mode;

#endif
