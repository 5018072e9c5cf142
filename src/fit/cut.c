/* Cuts through a data set: the signal of every spectrum at one bias, linearly interpolated between the
 * neighbouring bias points, with its error (docs/cut.md). */
#include <math.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

/* Index k with x[k] <= v <= x[k+1] in ascending x (n >= 2), or -1 outside. */
static long bracket(const double *x, size_t n, double v) {
  if (n < 2 || !(v >= x[0] && v <= x[n - 1])) return -1;
  size_t lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return (long)lo;
}

int sfhet_dataset_cut(const sfhet_dataset *ds, double V, double *g, double *err, int *from_sigma) {
  for (size_t i = 0; i < ds->m; i++) {
    const double *x = ds->x[i], *y = ds->y[i], *s = ds->sigma[i];
    long k = bracket(x, ds->n[i], V);
    if (k < 0)
      SFHET_ERROR(SFHET_ERANGE, "--at: V = %g mV is outside the bias range [%g, %g] mV of the spectrum %s = %g", V,
                  x[0], x[ds->n[i] - 1], ds->sname[0] ? ds->sname : "#", isfinite(ds->s[i]) ? ds->s[i] : (double)i);
    size_t a = (size_t)k, b = a + 1;
    double t = (V - x[a]) / (x[b] - x[a]);
    g[i] = (1 - t) * y[a] + t * y[b];
    double sa, sb;
    if (s) sa = s[a], sb = s[b];
    else sa = sb = sfhet_noise_estimate(y, ds->n[i]);
    if (!s && !(sa > 0))
      SFHET_ERROR(SFHET_EDATA, "spectrum %s = %g: too few points (%zu) or no scatter to estimate its noise; give "
                  "--sigma COLUMN", ds->sname, ds->s[i], ds->n[i]);
    err[i] = sqrt((1 - t) * (1 - t) * sa * sa + t * t * sb * sb);
  }
  if (from_sigma) *from_sigma = ds->m > 0 && ds->sigma[0] != NULL;
  return SFHET_OK;
}
