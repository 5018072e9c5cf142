/* Frequency-domain smoothing kernels of the spectral path (internal). */
#ifndef SFHET_JUNCTION_KERNELS_H
#define SFHET_JUNCTION_KERNELS_H

#include <stddef.h>

#include "sfhet/junction.h"

/* K_j, j = 0..L/2, at ω_j = 2πj/(L h) [1/mV]: the first-harmonic lock-in average over the peak excitation
 * vac, (2/(π vac²)) ∫ sqrt(vac² − v²) e^{iωv} dv = 2 J1(ω vac)/(ω vac), times the Gaussian response
 * exp(−(ω σ)²/2). Cached in the workspace per (L, h, vac, σ); NULL when out of memory. */
const double *junction_khat(sfhet_junction_ws *ws, size_t L, double h, double vac, double sigma);

#endif
