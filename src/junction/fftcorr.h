/* Sums of cross-correlations by FFTW (internal): out[d] = Σ_p s_p Σ_m a_p[m] b_p[m + d]. */
#ifndef SFHET_JUNCTION_FFTCORR_H
#define SFHET_JUNCTION_FFTCORR_H

#include <stddef.h>

#include "sfhet/junction.h"

#define FFTCORR_SLOTS 8

/* Prepares transforms of length L (plans cached in the workspace); 0 on success. */
int junction_fft_setup(sfhet_junction_ws *ws, size_t L);

/* Transforms x[0..n) (n <= L, zero-padded) into spectrum slot s. */
void junction_fft_forward(sfhet_junction_ws *ws, int s, const double *x, size_t n);

/* out[d], d = 0..nd−1: Σ_p sign[p] · correlation of slot sa[p] with slot sb[p]. Needs nd + n_a − 1 <= L
 * for the a arrays' lengths n_a, and b zero beyond its length (no wrap-around). */
void junction_fft_corr(sfhet_junction_ws *ws, int np, const int *sa, const int *sb, const double *sign,
                       double *out, size_t nd);

#endif
