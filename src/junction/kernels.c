/* Lock-in and Gaussian kernels as exact Fourier transforms: the smoothing becomes one multiplication of
 * the lag spectrum (a convolution in bias, exact for the band-limited interpolant of the lattice values). */
#include "junction/kernels.h"

#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdlib.h>

#include "junction/ws_int.h"

const double *junction_khat(sfhet_junction_ws *ws, size_t L, double h, double vac, double sigma) {
  double key[4] = {(double)L, h, vac, sigma};
  int hit;
  junction_cache *c = junction_cache_slot(ws, ws->khat, key, 4, &hit);
  if (hit) return c->data;
  size_t J = L / 2;
  double *K = malloc((J + 1) * sizeof *K);
  if (!K) return NULL;
  for (size_t j = 0; j <= J; j++) {
    double w = 2.0 * M_PI * (double)j / ((double)L * h), x = w * vac, k = 1.0;
    if (x > 1e-4)
      k = 2.0 * gsl_sf_bessel_J1(x) / x;
    else
      k = 1.0 - x * x / 8.0; /* series: 2 J1(x)/x = 1 − x²/8 + x⁴/192 − ... */
    K[j] = k * exp(-0.5 * (w * sigma) * (w * sigma));
  }
  c->data = K;
  c->n = J + 1;
  return K;
}
