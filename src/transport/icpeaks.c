/* Critical-current peaks of dV/dI(I) (seed 004 Figs. 2d, 3, 4): Savitzky-Golay smoothing, a robust noise
 * level from the median absolute second difference, topographic prominence (so a smooth background
 * does not matter), removal of zero-bias features (a peak whose half-prominence span contains I = 0,
 * e.g. the Andreev peak) and pairing of +I and -I peaks with matching |I|. Points with equal I are
 * averaged first. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/transport.h"
#include "transport/transport_int.h"

typedef struct {
  double x, y;
} xy;

static int cmp_xy(const void *a, const void *b) {
  const xy *p = a, *q = b;
  return (p->x > q->x) - (p->x < q->x);
}

/* Averages runs of equal I in sorted points (e.g. both sweep directions on one grid); returns the count. */
static size_t merge_equal(xy *p, size_t n) {
  size_t m = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double s = 0;
    for (; j < n && p[j].x == p[i].x; j++) s += p[j].y;
    p[m++] = (xy){p[i].x, s / (double)(j - i)};
    i = j;
  }
  return m;
}

static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Noise sigma from the median absolute second difference (white noise: var(d2) = 6 sigma^2). */
static double noise_sigma(const xy *p, size_t n, double *tmp) {
  if (n < 5) return 0.0;
  size_t m = 0;
  for (size_t i = 1; i + 1 < n; i++) tmp[m++] = fabs(p[i + 1].y - 2 * p[i].y + p[i - 1].y);
  qsort(tmp, m, sizeof *tmp, cmp_dbl);
  return 1.4826 * tmp[m / 2] / sqrt(6.0);
}

/* Quadratic Savitzky-Golay smoothing with half-window h (shrinking at the ends). */
static void sg_smooth(const xy *p, size_t n, size_t h, double *s) {
  for (size_t i = 0; i < n; i++) {
    size_t m = h;
    if (i < m) m = i;
    if (n - 1 - i < m) m = n - 1 - i;
    double md = (double)m, norm = (2 * md + 1) * (4 * md * md + 4 * md - 3), acc = 0;
    if (m == 0) {
      s[i] = p[i].y;
      continue;
    }
    for (size_t k = 0; k <= 2 * m; k++) {
      double j = (double)k - md;
      acc += 3.0 * (3 * md * md + 3 * md - 1 - 5 * j * j) / norm * p[i - m + k].y;
    }
    s[i] = acc;
  }
}

/* Prominence of the maximum at i and its half-prominence span [*lo, *hi] in I. */
static double prominence(const xy *p, const double *s, size_t n, size_t i, double *lo, double *hi) {
  double lmin = s[i], rmin = s[i];
  size_t j;
  for (j = i; j-- > 0 && s[j] <= s[i];) lmin = fmin(lmin, s[j]);
  for (j = i + 1; j < n && s[j] <= s[i]; j++) rmin = fmin(rmin, s[j]);
  double prom = s[i] - fmax(lmin, rmin), half = s[i] - 0.5 * prom;
  for (j = i; j > 0 && s[j] > half; j--) {}
  *lo = p[j].x;
  for (j = i; j + 1 < n && s[j] > half; j++) {}
  *hi = p[j].x;
  return prom;
}

/* All significant maxima; zero-bias features are kept with keep = 0 (fitted as neighbours, not
 * reported). Returns their count. */
static size_t find_peaks(const xy *p, const double *s, size_t n, double thr, double zmax,
                         transport_peak *out) {
  size_t m = 0;
  double dx = (p[n - 1].x - p[0].x) / (double)(n - 1), wmax = 0.1 * (p[n - 1].x - p[0].x);
  for (size_t i = 1; i + 1 < n; i++) {
    if (!(s[i] > s[i - 1] && s[i] >= s[i + 1])) continue;
    double lo, hi, pr = prominence(p, s, n, i, &lo, &hi);
    if (pr < thr) continue;
    double den = s[i - 1] - 2 * s[i] + s[i + 1], d = den < 0 ? 0.5 * (s[i - 1] - s[i + 1]) / den : 0;
    out[m].x = p[i].x + fmax(-0.5, fmin(0.5, d)) * 0.5 * (p[i + 1].x - p[i - 1].x);
    out[m].w = fmin(fmax(0.5 * (hi - lo), 1.5 * dx), wmax);
    out[m].prom = pr, out[m].err = NAN;
    out[m].keep = !(fabs(p[i].x) < zmax || (lo < 0 && hi > 0));
    m++;
  }
  return m;
}

/* Drops the peaks with keep = 0; returns the count left. */
static size_t drop_zero_bias(transport_peak *pk, size_t m) {
  size_t k = 0;
  for (size_t i = 0; i < m; i++)
    if (pk[i].keep) pk[k++] = pk[i];
  return k;
}

/* Pairs + and - peaks by |I|; unpaired peaks survive only beyond the other side's data range. */
static size_t pair_peaks(const transport_peak *pk, size_t m, double xmin, double xmax, double tol,
                         sfhet_ic_peak *out, size_t max_out) {
  int *used = calloc(m + 1, sizeof *used);
  size_t k = 0;
  if (!used) return 0;
  for (size_t i = 0; i < m; i++) {
    if (pk[i].x <= 0 || used[i]) continue;
    size_t bj = m;
    double bd = INFINITY;
    for (size_t j = 0; j < m; j++) {
      if (pk[j].x >= 0 || used[j]) continue;
      double d = fabs(-pk[j].x - pk[i].x) / pk[i].x;
      if (d < bd) bd = d, bj = j;
    }
    if (bj < m && bd <= tol) {
      used[i] = used[bj] = 1;
      if (k < max_out)
        out[k++] = (sfhet_ic_peak){pk[i].x, pk[bj].x, 0.5 * (pk[i].x - pk[bj].x),
                                   0.5 * (pk[i].prom + pk[bj].prom), pk[i].err, pk[bj].err,
                                   0.5 * hypot(pk[i].err, pk[bj].err)};
    } else if (pk[i].x > -xmin * (1 + tol) && k < max_out) {
      used[i] = 1;
      out[k++] = (sfhet_ic_peak){pk[i].x, NAN, pk[i].x, pk[i].prom, pk[i].err, NAN, pk[i].err};
    }
  }
  for (size_t j = 0; j < m; j++)
    if (!used[j] && pk[j].x < 0 && -pk[j].x > xmax * (1 + tol) && k < max_out)
      out[k++] = (sfhet_ic_peak){NAN, pk[j].x, -pk[j].x, pk[j].prom, NAN, pk[j].err, pk[j].err};
  free(used);
  return k;
}

static int cmp_ic(const void *a, const void *b) {
  const sfhet_ic_peak *p = a, *q = b;
  return (p->mean > q->mean) - (p->mean < q->mean);
}

int sfhet_ic_peaks(const double *I, const double *dvdi, size_t n, const sfhet_peak_opts *o,
                   sfhet_ic_peak *out, size_t max_out, size_t *n_out) {
  *n_out = 0;
  if (n < 7) SFHET_ERROR(SFHET_EDATA, "critcurrent: %zu points in a dV/dI curve, need at least 7", n);
  for (size_t i = 0; i < n; i++)
    if (!isfinite(I[i]) || !isfinite(dvdi[i]))
      SFHET_ERROR(SFHET_EDATA, "critcurrent: non-finite value at point %zu of a curve", i + 1);
  xy *p = malloc(n * sizeof *p);
  double *s = malloc(4 * n * sizeof *s);
  transport_peak *pk = malloc(n * sizeof *pk);
  if (!p || !s || !pk) {
    free(p), free(s), free(pk);
    SFHET_ERROR(SFHET_ENOMEM, "critcurrent: out of memory");
  }
  for (size_t i = 0; i < n; i++) p[i] = (xy){I[i], dvdi[i]};
  qsort(p, n, sizeof *p, cmp_xy);
  n = merge_equal(p, n);
  if (n < 7) {
    free(p), free(s), free(pk);
    SFHET_ERROR(SFHET_EDATA, "critcurrent: %zu distinct currents in a dV/dI curve, need at least 7", n);
  }
  double kprom = o && o->prominence > 0 ? o->prominence : 5.0;
  size_t h = o && o->smooth > 0 ? o->smooth : (n / 200 > 2 ? n / 200 : 2);
  double zf = o && o->zero_frac > 0 ? o->zero_frac : 0.03, tol = o && o->pair_tol > 0 ? o->pair_tol : 0.1;
  double sigma = noise_sigma(p, n, s + n);
  sg_smooth(p, n, h, s);
  double xmin = p[0].x, xmax = p[n - 1].x, zmax = zf * fmax(fabs(xmin), fabs(xmax));
  double span = 0;
  for (size_t i = 0; i < n; i++) span = fmax(span, fabs(s[i] - s[0]));
  double thr = fmax(kprom * sigma, 1e-9 * span);
  size_t m = find_peaks(p, s, n, thr, zmax, pk);
  double *xs = s + 2 * n, *ys = s + 3 * n;
  for (size_t i = 0; i < n; i++) xs[i] = p[i].x, ys[i] = p[i].y;
  int st = transport_ic_refine(xs, ys, n, sigma, pk, m);
  if (st) {
    free(p), free(s), free(pk);
    return st;
  }
  m = drop_zero_bias(pk, m);
  *n_out = pair_peaks(pk, m, xmin, xmax, tol, out, max_out);
  qsort(out, *n_out, sizeof *out, cmp_ic);
  free(p), free(s), free(pk);
  return SFHET_OK;
}
