/* Noise level of a spectrum from its own scatter, and the plausibility test that decides whether a fit
 * needs its extra random starts (sfhet_fit_spectrum). */
#include <math.h>
#include <stdlib.h>

#include "fit/fit_int.h"
#include "sfhet/error.h"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double fit_median(double *v, size_t n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double fit_noise_level(const sfhet_fit_data *d) {
  if (d->n < 5) return 0.0;
  double *v = malloc(d->n * sizeof *v);
  if (!v) return 0.0;
  size_t m = 0;
  if (d->sigma) {
    for (size_t i = 0; i < d->n; i++) v[m++] = d->sigma[i];
  } else {
    for (size_t i = 1; i + 1 < d->n; i++) v[m++] = fabs(d->y[i + 1] - 2.0 * d->y[i] + d->y[i - 1]);
  }
  double s = fit_median(v, m) / (d->sigma ? 1.0 : 0.6745 * sqrt(6.0));
  free(v);
  return s;
}

int fit_result_plausible(const sfhet_fit_result *r, const sfhet_fit_data *d) {
  if (r->status != SFHET_OK || !r->converged) return 0;
  for (size_t j = 0; j < r->n_free; j++)
    if (r->at_bound[r->free_idx[j]]) return 0;
  size_t dof = r->n_points > r->n_free ? r->n_points - r->n_free : 0;
  if (dof == 0 || !isfinite(r->chi2_red)) return 0;
  if (d->sigma) return r->chi2_red <= 1.0 + 5.0 * sqrt(2.0 / (double)dof);
  double s = fit_noise_level(d);
  return r->chi2_red <= 2.0 * s * s;
}

double sfhet_fit_misfit(const sfhet_fit_result *r, const sfhet_fit_data *d) {
  if (!isfinite(r->chi2_red)) return INFINITY;
  if (d->sigma) return r->chi2_red;
  double s = fit_noise_level(d);
  if (s == 0) { /* noise-free data (synthetic, or quantised flat): misfit beyond 1e-4 of the rms signal */
    double ms = 0;
    for (size_t i = 0; i < d->n; i++) ms += d->y[i] * d->y[i] / (double)d->n;
    s = 1e-4 * sqrt(ms);
  }
  return s > 0 ? r->chi2_red / (s * s) : (r->chi2_red > 0 ? INFINITY : 1.0);
}
