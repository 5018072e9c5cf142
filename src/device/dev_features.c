/* Per-field features of a device spectrum: coherence peak, its width at half height above the normal
 * level (the "effective peak width" of docs/device.md) and the spectral weight. */
#include <math.h>

#include "sfhet/analysis.h"
#include "sfhet/device.h"
#include "sfhet/error.h"

/* Bias where G crosses level between V[a] and V[b] (adjacent), by linear interpolation. */
static double cross(const double *V, const double *G, size_t a, size_t b, double level) {
  double t = (level - G[a]) / (G[b] - G[a]);
  return V[a] + t * (V[b] - V[a]);
}

int sfhet_device_features(const double *V, const double *G, size_t nv, double *peak, double *fwhm, double *weight) {
  if (nv < 2) SFHET_ERROR(SFHET_EINVAL, "device: a spectrum needs at least 2 biases");
  SFHET_TRY(sfhet_spectral_weight(V, G, nv, V[0], V[nv - 1], weight));
  size_t k = nv;
  for (size_t i = 0; i < nv; i++)
    if (V[i] > 0.0 && (k == nv || G[i] > G[k])) k = i;
  *peak = NAN, *fwhm = NAN;
  if (k == nv || k == 0 || k == nv - 1 || !(G[k] > 1.0)) return SFHET_OK;
  *peak = V[k];
  double half = 1.0 + 0.5 * (G[k] - 1.0);
  size_t lo = k, hi = k;
  while (lo > 0 && G[lo - 1] > half && V[lo - 1] > 0.0) lo--;
  while (hi + 1 < nv && G[hi + 1] > half) hi++;
  if (lo == 0 || V[lo - 1] <= 0.0 || hi + 1 >= nv) return SFHET_OK;
  *fwhm = cross(V, G, hi, hi + 1, half) - cross(V, G, lo - 1, lo, half);
  return SFHET_OK;
}
