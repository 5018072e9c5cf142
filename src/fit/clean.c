/* Cleaning of x-y data (sort, merge duplicates, drop non-finite rows), interpolation, normalisation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

typedef struct {
  double x, y, s;
  size_t i;
} row_t;

static int cmp_row(const void *a, const void *b) {
  const row_t *p = a, *q = b;
  if (p->x < q->x) return -1;
  if (p->x > q->x) return 1;
  return p->i < q->i ? -1 : p->i > q->i;
}

/* Merges runs of equal x in sorted rows r[0..m) into x, y, sigma; returns the new length. */
static size_t merge_runs(const row_t *r, size_t m, double *x, double *y, double *sigma) {
  size_t out = 0;
  for (size_t a = 0; a < m;) {
    size_t b = a;
    double sy = 0, ss = 0;
    while (b < m && r[b].x == r[a].x) {
      sy += r[b].y;
      ss += r[b].s * r[b].s;
      b++;
    }
    double k = (double)(b - a);
    x[out] = r[a].x;
    y[out] = sy / k;
    if (sigma) sigma[out] = sqrt(ss) / k;
    out++;
    a = b;
  }
  return out;
}

int sfhet_xy_clean(double *x, double *y, double *sigma, size_t *n, sfhet_clean_info *info) {
  sfhet_clean_info dummy;
  if (!info) info = &dummy;
  memset(info, 0, sizeof *info);
  size_t m = 0, n0 = *n;
  row_t *r = malloc((n0 ? n0 : 1) * sizeof *r);
  if (!r) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n0; i++) {
    double s = sigma ? sigma[i] : 1.0;
    if (!isfinite(x[i]) || !isfinite(y[i]) || !isfinite(s)) {
      info->dropped++;
      continue;
    }
    if (m > 0 && x[i] < r[m - 1].x) info->reordered = 1;
    r[m] = (row_t){x[i], y[i], s, i};
    m++;
  }
  qsort(r, m, sizeof *r, cmp_row);
  size_t out = merge_runs(r, m, x, y, sigma);
  info->merged = m - out;
  *n = out;
  free(r);
  return SFHET_OK;
}

int sfhet_interp_linear(const double *x, const double *y, size_t n, const double *xq, size_t nq,
                        double *yq, const char *what) {
  if (n == 0) SFHET_ERROR(SFHET_EDATA, "%s: no data to interpolate", what);
  size_t k = 0;
  for (size_t i = 0; i < nq; i++) {
    double v = xq[i];
    double tol = 1e-9 * (fabs(x[0]) + fabs(x[n - 1]) + 1e-300); /* rounding of generated grids */
    if (v < x[0] - tol || v > x[n - 1] + tol)
      SFHET_ERROR(SFHET_ERANGE, "%s: %g lies outside the data range [%g, %g]", what, v, x[0], x[n - 1]);
    if (n == 1) {
      yq[i] = y[0];
      continue;
    }
    if (k >= n - 1 || v < x[k]) k = 0;
    while (k + 2 < n && v > x[k + 1]) k++;
    double t = (v - x[k]) / (x[k + 1] - x[k]);
    t = fmin(fmax(t, 0.0), 1.0);
    yq[i] = y[k] + t * (y[k + 1] - y[k]);
  }
  return SFHET_OK;
}

int sfhet_normalize_large_bias(const double *x, double *y, size_t n, double xmin, double *scale) {
  double s = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (fabs(x[i]) >= xmin) {
      s += y[i];
      k++;
    }
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "--norm-bias: no data at |V| >= %g mV", xmin);
  s /= (double)k;
  if (!(s != 0) || !isfinite(s))
    SFHET_ERROR(SFHET_EDATA, "--norm-bias: the mean conductance at |V| >= %g mV is zero", xmin);
  for (size_t i = 0; i < n; i++) y[i] /= s;
  if (scale) *scale = s;
  return SFHET_OK;
}

int sfhet_normalize_by(const double *x, double *y, size_t n, const double *xn, const double *yn,
                       size_t nn, const char *what) {
  double *g = malloc((n ? n : 1) * sizeof *g);
  if (!g) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = sfhet_interp_linear(xn, yn, nn, x, n, g, what);
  for (size_t i = 0; i < n && !st; i++) {
    if (g[i] == 0) {
      SFHET_REPORT(st = SFHET_EDATA, "%s: the normal-state conductance is zero at V = %g", what, x[i]);
      break;
    }
    y[i] /= g[i];
  }
  free(g);
  return st;
}
