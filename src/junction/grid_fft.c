/* SIS sums as FFT cross-correlations on a lattice group (see grid.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/fftcorr.h"
#include "junction/grid_int.h"
#include "sfhet/error.h"

/* ---------------------------------------------------------------- SIS by FFT */

int junction_fft_mode = -1;

/* Smallest 2^a 3^b 5^c >= n. */
static size_t nice_size(size_t n) {
  for (size_t L = n;; L++) {
    size_t m = L;
    while (m % 2 == 0) m /= 2;
    while (m % 3 == 0) m /= 3;
    while (m % 5 == 0) m /= 5;
    if (m == 1) return L;
  }
}

void grid_group_lags(const long *idx, const size_t *who, size_t ng, long *imin, long *imax) {
  *imin = *imax = idx[who[0]];
  for (size_t g = 0; g < ng; g++) {
    *imin = idx[who[g]] < *imin ? idx[who[g]] : *imin;
    *imax = idx[who[g]] > *imax ? idx[who[g]] : *imax;
  }
}

/* Whether correlations by FFT beat the direct window sums for this group. */
int grid_use_fft(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                   size_t ng) {
  if (junction_fft_mode >= 0) return junction_fft_mode && ng > 1;
  if (ng < 2) return 0;
  long imin, imax;
  grid_group_lags(idx, who, ng, &imin, &imax);
  double direct = 0.0, L = (double)(A->nA + (size_t)(imax - imin));
  for (size_t g = 0; g < ng; g++) {
    long k0, k1;
    grid_sis_window(c, A, V[who[g]], &k0, &k1);
    direct += (double)(k1 - k0 + 1);
  }
  double nfft = c->wantI ? 11.0 : 8.0; /* transforms per channel */
  if (c->wantI) direct *= 2.0;         /* the current doubles the direct sums */
  return direct > nfft * L * log2(L);  /* break-even measured at 401 and 4001 biases, 1.5 K and 50 mK */
}

int grid_sis_group_fft(const ctx *c, const side_a *A, const long *idx, const size_t *who, size_t ng,
                         double base, double *G, double *G2, double *I, double *buf, sfhet_junction_ws *ws) {
  long imin, imax;
  grid_group_lags(idx, who, ng, &imin, &imax);
  side_b B;
  B.l0 = A->kA + imin;
  B.nB = A->nA + (size_t)(imax - imin);
  size_t nd = (size_t)(imax - imin + 1), nA = A->nA;
  SFHET_TRY(grid_sis_side_b(c, base, &B, buf));
  if (junction_fft_setup(ws, nice_size(B.nB))) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  double *even = buf + SIDE_B_SIZE * B.nB, *full = even + nA, *half = full + nd, *cur = half + nd;
  double *sg = cur + nd, *sg2 = sg + nd, *si = sg2 + nd;
  memset(sg, 0, 3 * nd * sizeof *sg);
  for (int ch = 0; ch < c->nch; ch++) {
    for (int m = 0; m < 2; m++) {
      const double *a = m ? A->a2[ch] : A->a1[ch];
      junction_fft_forward(ws, m, a, nA);
      for (size_t i = 0; i < nA; i++) even[i] = ((A->kA + (long)i) & 1) ? 0.0 : a[i];
      junction_fft_forward(ws, 2 + m, even, nA);
    }
    for (int m = 0; m < (c->wantI ? 4 : 2); m++) junction_fft_forward(ws, 4 + m, B.b[m][ch], B.nB);
    static const int ga[] = {0, 1}, gb[] = {4, 5}, ea[] = {2, 3}, ia[] = {0, 1}, ib[] = {6, 7};
    static const double plus[] = {1.0, 1.0}, pm[] = {1.0, -1.0};
    junction_fft_corr(ws, 2, ga, gb, plus, full, nd);
    junction_fft_corr(ws, 2, ea, gb, plus, half, nd);
    for (size_t d = 0; d < nd; d++) sg[d] += c->w[ch] * full[d], sg2[d] += c->w[ch] * half[d];
    if (c->wantI) {
      junction_fft_corr(ws, 2, ia, ib, pm, cur, nd);
      for (size_t d = 0; d < nd; d++) si[d] += c->w[ch] * cur[d];
    }
  }
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g], d = (size_t)(idx[q] - imin);
    if (G) G[q] = c->h * sg[d];
    if (G2) G2[q] = 2.0 * c->h * sg2[d];
    if (I) I[q] = c->h * si[d];
  }
  return SFHET_OK;
}

