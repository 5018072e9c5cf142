/* Automatic starting values from the shape of a spectrum: coherence-peak position and width, level
 * at large bias, peak asymmetry. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/fit.h"

/* 5-point moving average of y at i (fewer points at the ends). */
static double smooth(const double *y, size_t n, size_t i) {
  size_t a = i >= 2 ? i - 2 : 0, b = i + 2 < n ? i + 2 : n - 1;
  double s = 0;
  for (size_t k = a; k <= b; k++) s += y[k];
  return s / (double)(b - a + 1);
}

/* Index of the largest smoothed value with sgn*x > xmin, or n if none. */
static size_t peak_index(const sfhet_fit_data *d, int sgn, double xmin) {
  size_t best = d->n;
  double bv = -INFINITY;
  for (size_t i = 0; i < d->n; i++) {
    if (sgn * d->x[i] <= xmin) continue;
    double v = smooth(d->y, d->n, i);
    if (v > bv) {
      bv = v;
      best = i;
    }
  }
  return best;
}

/* Distance from peak i outward (direction sgn) to where y - level falls to half its peak value. */
static double outer_half_width(const sfhet_fit_data *d, size_t i, int sgn, double level) {
  double h = smooth(d->y, d->n, i) - level;
  for (size_t k = i; k < d->n; k = sgn > 0 ? k + 1 : k - 1) {
    if (smooth(d->y, d->n, k) - level <= 0.5 * h) return fabs(d->x[k] - d->x[i]);
    if (k == 0) break;
  }
  return NAN;
}

/* Peak position refined by the vertex of the parabola through the smoothed values around i. */
static double peak_x(const sfhet_fit_data *d, size_t i) {
  if (i == 0 || i + 1 >= d->n) return d->x[i];
  double x0 = d->x[i - 1], x1 = d->x[i], x2 = d->x[i + 1];
  double y0 = smooth(d->y, d->n, i - 1), y1 = smooth(d->y, d->n, i), y2 = smooth(d->y, d->n, i + 1);
  double den = (x0 - x1) * (x0 - x2) * (x1 - x2);
  double a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den;
  double b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / den;
  double v = a < 0 ? -b / (2 * a) : x1;
  return (v > x0 && v < x2) ? v : x1;
}

double sfhet_fit_large_bias_level(const sfhet_fit_data *d) {
  double xmax = fmax(fabs(d->x[0]), fabs(d->x[d->n - 1])), s = 0;
  size_t k = 0;
  for (size_t i = 0; i < d->n; i++)
    if (fabs(d->x[i]) >= 0.8 * xmax) {
      s += d->y[i];
      k++;
    }
  return k ? s / (double)k : 1.0;
}

static void put(const sfhet_fit_config *c, double *p, int k, double v) {
  if (k < 0 || !c->free[k] || c->given[k] || !isfinite(v)) return;
  double w = c->hi[k] - c->lo[k];
  double lo = isfinite(w) ? c->lo[k] + 1e-3 * w : c->lo[k], hi = isfinite(w) ? c->hi[k] - 1e-3 * w : c->hi[k];
  if (isfinite(c->lo[k]) && v <= lo) v = isfinite(w) ? lo : c->lo[k] + 1e-3 * fmax(fabs(v), 1e-3);
  if (isfinite(c->hi[k]) && v >= hi) v = isfinite(w) ? hi : c->hi[k] - 1e-3 * fmax(fabs(v), 1e-3);
  p[k] = v;
}

/* Model parameters from the model's start(), then those that follow another from its start. */
static void model_starts(const sfhet_fit_config *c, double gap, double width, double *p) {
  const sfhet_fit_model *m = c->model;
  double cand[SFHET_FIT_MAX_PARAMS];
  memcpy(cand, p, c->np * sizeof *cand);
  if (m->start) m->start(m, gap, width, cand);
  for (size_t k = 0; k < m->np; k++)
    if (!m->start_like[k] && cand[k] != p[k]) put(c, p, (int)k, cand[k]);
  for (size_t k = 0; k < m->np; k++)
    if (m->start_like[k]) put(c, p, (int)k, p[m->start_like[k] - 1]);
}

void sfhet_fit_auto_start(const sfhet_fit_config *c, const sfhet_fit_data *d, double *p) {
  for (size_t k = 0; k < c->np; k++) p[k] = c->value[k];
  if (d->n < 5) return;
  size_t m = c->model->np;
  int kgnn = (int)m + 1, kv0 = (int)m;
  double level = sfhet_fit_large_bias_level(d);
  put(c, p, kgnn, level);
  double gnn = p[kgnn] > 0 ? p[kgnn] : 1.0;
  double xmax = fmax(fabs(d->x[0]), fabs(d->x[d->n - 1]));
  size_t ip = peak_index(d, 1, 0.05 * xmax), im = peak_index(d, -1, 0.05 * xmax);
  if (c->model->peak_factor <= 0 || (ip == d->n && im == d->n)) return;
  double vp = ip < d->n ? peak_x(d, ip) : -peak_x(d, im), vm = im < d->n ? peak_x(d, im) : -peak_x(d, ip);
  double gap = 0.5 * (vp - vm) / c->model->peak_factor;
  put(c, p, kv0, 0.5 * (vp + vm));
  double w = ip < d->n ? outer_half_width(d, ip, 1, gnn) : outer_half_width(d, im, -1, gnn);
  double g = isfinite(w) ? w / (2.0 * c->model->peak_factor) : 0.1 * gap;
  model_starts(c, gap, fmin(fmax(g, 0.01 * gap), 0.5 * gap), p);
}
