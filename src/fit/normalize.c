/* Normalisation of measured spectra: division by a normal-state spectrum interpolated onto the bias
 * points, or by the large-bias level, with first-order error propagation; resampling onto a common
 * bias grid (docs/data.md, "Normalisation"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

double sfhet_noise_estimate(const double *y, size_t n) {
  sfhet_fit_data d = {y, y, NULL, n};
  return fit_noise_level(&d);
}

static int cmp_double(const void *a, const void *b) {
  double p = *(const double *)a, q = *(const double *)b;
  return (p > q) - (p < q);
}

/* Median of v[0..n) (n >= 1). */
static int median(const double *v, size_t n, double *med) {
  double *c = malloc(n * sizeof *c);
  if (!c) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  memcpy(c, v, n * sizeof *c);
  qsort(c, n, sizeof *c, cmp_double);
  *med = n % 2 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  free(c);
  return SFHET_OK;
}

/* Linear interpolation of (x, y, s) at v inside [x0, x(n-1)]: value and the error of independent
 * point errors s (s NULL: the constant s0). *k is a search hint. */
static void interp(const double *x, const double *y, const double *s, double s0, size_t n, double v, size_t *k,
                   double *yv, double *sv) {
  if (n == 1) {
    *yv = y[0], *sv = s ? s[0] : s0;
    return;
  }
  if (*k >= n - 1 || v < x[*k]) *k = 0;
  while (*k + 2 < n && v > x[*k + 1]) ++*k;
  size_t j = *k;
  double t = fmin(fmax((v - x[j]) / (x[j + 1] - x[j]), 0.0), 1.0);
  *yv = y[j] + t * (y[j + 1] - y[j]);
  double a = s ? s[j] : s0, b = s ? s[j + 1] : s0;
  *sv = sqrt((1 - t) * (1 - t) * a * a + t * t * b * b);
}

static int inside(double v, double lo, double hi) {
  double tol = 1e-9 * (fabs(lo) + fabs(hi) + 1e-300);
  return v >= lo - tol && v <= hi + tol;
}

/* The data's own errors of spectrum i (its sigma, or the scatter estimate, or none). */
static int data_sigma(sfhet_dataset *ds, size_t i, const sfhet_norm_opts *o, sfhet_norm_info *info) {
  if (ds->sigma[i] || !o || !o->estimate_sigma) return SFHET_OK;
  double s = sfhet_noise_estimate(ds->y[i], ds->n[i]);
  if (!(ds->sigma[i] = malloc((ds->n[i] ? ds->n[i] : 1) * sizeof(double)))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t k = 0; k < ds->n[i]; k++) ds->sigma[i][k] = s;
  if (info) info->sigma_estimated = 1;
  return SFHET_OK;
}

/* Divides spectrum i by the normal state (xn, yn, sn or sn0), keeping the points inside its range. */
static int divide(sfhet_dataset *ds, size_t i, const double *xn, const double *yn, const double *sn, double sn0,
                  size_t nn, int crop, const char *what, size_t *cropped) {
  size_t out = 0, hint = 0;
  double *x = ds->x[i], *y = ds->y[i], *s = ds->sigma[i];
  for (size_t k = 0; k < ds->n[i]; k++) {
    if (!inside(x[k], xn[0], xn[nn - 1])) {
      if (!crop)
        SFHET_ERROR(SFHET_ERANGE, "%s: V = %g mV lies outside the data range of the normal state, [%g, %g] mV",
                    what, x[k], xn[0], xn[nn - 1]);
      ++*cropped;
      continue;
    }
    double g, sg;
    interp(xn, yn, sn, sn0, nn, x[k], &hint, &g, &sg);
    if (g == 0) SFHET_ERROR(SFHET_EDATA, "%s: the normal-state conductance is zero at V = %g mV", what, x[k]);
    double v = y[k] / g;
    if (s) s[out] = sqrt(s[k] * s[k] / (g * g) + v * v * sg * sg / (g * g));
    x[out] = x[k], y[out] = v, out++;
  }
  if (out < 3) SFHET_ERROR(SFHET_EDATA, "%s: %zu points of a spectrum lie inside the normal-state range", what, out);
  ds->n[i] = out;
  return SFHET_OK;
}

int sfhet_dataset_normalize(sfhet_dataset *ds, const sfhet_dataset *normal, const sfhet_norm_opts *o,
                            const char *what, sfhet_norm_info *info) {
  sfhet_norm_info tmp;
  if (!info) info = &tmp;
  memset(info, 0, sizeof *info);
  if (normal->m < 1 || normal->n[0] < 2) SFHET_ERROR(SFHET_EDATA, "%s: the normal state needs 2 or more points", what);
  const double *xn = normal->x[0], *yn = normal->y[0], *sn = normal->sigma[0];
  size_t nn = normal->n[0];
  double sn0 = sn ? 0.0 : sfhet_noise_estimate(yn, nn);
  info->normal_noise = sn0;
  if (sn) SFHET_TRY(median(sn, nn, &info->normal_noise));
  for (size_t i = 0; i < ds->m; i++) {
    SFHET_TRY(data_sigma(ds, i, o, info));
    SFHET_TRY(divide(ds, i, xn, yn, sn, sn0, nn, o && o->crop, what, &info->cropped));
  }
  return SFHET_OK;
}

/* Mean of y over |x| >= vmin and its standard error. */
static int level(const double *x, const double *y, size_t n, double vmin, double *mean, double *err) {
  double s = 0, s2 = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (fabs(x[i]) >= vmin) s += y[i], s2 += y[i] * y[i], k++;
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "--norm-bias: no data at |V| >= %g mV", vmin);
  *mean = s / (double)k;
  double var = k > 1 ? fmax(s2 - s * s / (double)k, 0.0) / (double)(k - 1) : 0.0;
  *err = sqrt(var / (double)k);
  if (!(*mean != 0) || !isfinite(*mean))
    SFHET_ERROR(SFHET_EDATA, "--norm-bias: the mean conductance at |V| >= %g mV is zero", vmin);
  return SFHET_OK;
}

int sfhet_dataset_normalize_level(sfhet_dataset *ds, double vmin, const sfhet_norm_opts *o, double *scale,
                                  double *scale_err, sfhet_norm_info *info) {
  sfhet_norm_info tmp;
  if (!info) info = &tmp;
  memset(info, 0, sizeof *info);
  for (size_t i = 0; i < ds->m; i++) {
    double m, e;
    SFHET_TRY(level(ds->x[i], ds->y[i], ds->n[i], vmin, &m, &e));
    SFHET_TRY(data_sigma(ds, i, o, info));
    for (size_t k = 0; k < ds->n[i]; k++) {
      ds->y[i][k] /= m;
      if (ds->sigma[i]) ds->sigma[i][k] /= fabs(m);
    }
    if (scale) scale[i] = m;
    if (scale_err) scale_err[i] = e;
  }
  return SFHET_OK;
}

/* Spectrum i on the grid points inside its range. */
static int resample_one(sfhet_dataset *ds, size_t i, const double *v, size_t nv) {
  double *x = ds->x[i], *y = ds->y[i], *s = ds->sigma[i];
  size_t n = ds->n[i], out = 0, hint = 0;
  double *nx = malloc((nv ? nv : 1) * sizeof *nx), *ny = malloc((nv ? nv : 1) * sizeof *ny);
  double *ns = s ? malloc((nv ? nv : 1) * sizeof *ns) : NULL;
  if (!nx || !ny || (s && !ns)) {
    free(nx), free(ny), free(ns);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t k = 0; k < nv; k++) {
    if (!inside(v[k], x[0], x[n - 1])) continue;
    double yv, sv;
    interp(x, y, s, 0.0, n, v[k], &hint, &yv, &sv);
    nx[out] = v[k], ny[out] = yv;
    if (ns) ns[out] = sv;
    out++;
  }
  free(x), free(y), free(s);
  ds->x[i] = nx, ds->y[i] = ny, ds->sigma[i] = ns, ds->n[i] = out;
  return SFHET_OK;
}

int sfhet_dataset_resample(sfhet_dataset *ds, const double *v, size_t nv) {
  for (size_t k = 1; k < nv; k++)
    if (!(v[k] > v[k - 1])) SFHET_ERROR(SFHET_EINVAL, "--grid: the bias grid must be ascending");
  for (size_t i = 0; i < ds->m; i++) {
    SFHET_TRY(resample_one(ds, i, v, nv));
    if (ds->n[i] < 3)
      SFHET_ERROR(SFHET_EDATA, "--grid: %zu grid points lie inside the bias range of a spectrum", ds->n[i]);
  }
  return SFHET_OK;
}
