/* Band-limited evaluation of a lattice sequence between its nodes (internal): the trigonometric
 * interpolant of a length-L real sequence, given by its r2c spectrum, at uniformly spaced positions, by
 * Bluestein's chirp-z transform (two complex FFTs of length >= L/2 + n). */
#ifndef SFHET_JUNCTION_CZT_H
#define SFHET_JUNCTION_CZT_H

#include <fftw3.h>
#include <stddef.h>

#include "sfhet/junction.h"

/* y[i] = (1/L) Re Σ_{j=0}^{L/2} c_j m_j (iω_j)^deriv S_j exp(2πi j (x0 + i r)/L), i < n: c_j = 1 at j = 0 and
 * j = L/2, else 2; m_j = mult[j] (NULL: 1); ω_j = 2πj/(L h). S: the spectrum (L/2 + 1 values) of a
 * real sequence on lattice positions 0..L−1 (spacing h), so y is its interpolant (deriv = 1: its
 * derivative) at positions x0 + i r (in lattice units; L even). The chirp tables are cached in the
 * workspace per (L, x0, r, n). Returns SFHET_OK or SFHET_ENOMEM. */
int junction_czt(sfhet_junction_ws *ws, size_t L, const fftw_complex *S, const double *mult, int deriv, double h,
                 double x0, double r, size_t n, double *y);

#endif
