/* FFT transforms of the junction engine (internal): FFTW plans cached in the workspace, keyed by kind
 * and length, so that evaluations of different sizes (bias counts, refinements) do not re-plan; and the
 * legacy sums of cross-correlations out[d] = Σ_p s_p Σ_m a_p[m] b_p[m + d] used by grid_fft.c. */
#ifndef SFHET_JUNCTION_FFTCORR_H
#define SFHET_JUNCTION_FFTCORR_H

#include <fftw3.h>
#include <stddef.h>

#include "sfhet/junction.h"

#define FFTCORR_SLOTS 8

/* Smallest even 2^a 3^b 5^c >= n. */
size_t junction_fft_size(size_t n);

/* Spectrum (L/2 + 1 values) of x[0..n) zero-padded to length L (n <= L). out must be 64-byte aligned.
 * 0 on success, 1 when out of memory. */
int junction_fft_r2c(sfhet_junction_ws *ws, size_t L, const double *x, size_t n, fftw_complex *out);

/* Real sequence out[0..nout) of length-L inverse transform of spec (unnormalised; spec is kept). */
int junction_fft_c2r(sfhet_junction_ws *ws, size_t L, const fftw_complex *spec, double *out, size_t nout);

/* In-place complex transform of x[0..M) (sign −1 forward, +1 backward, unnormalised); x 64-byte aligned. */
int junction_fft_c2c(sfhet_junction_ws *ws, size_t M, int sign, fftw_complex *x);

/* Legacy interface (grid_fft.c): transforms of length L into FFTCORR_SLOTS spectra kept in the
 * workspace; 0 on success. */
int junction_fft_setup(sfhet_junction_ws *ws, size_t L);

/* Transforms x[0..n) (n <= L, zero-padded) into spectrum slot s. */
void junction_fft_forward(sfhet_junction_ws *ws, int s, const double *x, size_t n);

/* out[d], d = 0..nd−1: Σ_p sign[p] · correlation of slot sa[p] with slot sb[p]. Needs nd + n_a − 1 <= L
 * for the a arrays' lengths n_a, and b zero beyond its length (no wrap-around). */
void junction_fft_corr(sfhet_junction_ws *ws, int np, const int *sa, const int *sb, const double *sign,
                       double *out, size_t nd);

#endif
