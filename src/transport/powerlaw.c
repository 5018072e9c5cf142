/* BKT analysis of V-I curves: V ~ I^alpha from straight-line fits on a log-log scale (seed 001 Fig. 1c,
 * Ext. Data 3c), and the temperature where alpha crosses 3 (the BKT criterion, V ~ I^3 at T_BKT). */
#include <math.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "sfhet/transport.h"

typedef struct {
  const double *x;
  size_t n;
} line_ctx;

static int line_f(const double *p, double *m, void *vc) {
  const line_ctx *c = vc;
  for (size_t i = 0; i < c->n; i++) m[i] = p[0] + p[1] * c->x[i];
  return SFHET_OK;
}

static int line_df(const double *p, const int *want, double *jac, void *vc) {
  (void)p;
  (void)want;
  const line_ctx *c = vc;
  for (size_t i = 0; i < c->n; i++) {
    jac[2 * i] = 1.0;
    jac[2 * i + 1] = c->x[i];
  }
  return SFHET_OK;
}

static int cmp_dbl2(const void *a, const void *b) {
  const double *x = a, *y = b;
  return (x[0] > y[0]) - (x[0] < y[0]);
}

/* rms residual of the least-squares line through pts[2*lo .. 2*(lo+w)-1] (x, y pairs). */
static double window_rms(const double *pts, size_t lo, size_t w) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (size_t i = lo; i < lo + w; i++) {
    double x = pts[2 * i], y = pts[2 * i + 1];
    sx += x, sy += y, sxx += x * x, sxy += x * y, syy += y * y;
  }
  double nw = (double)w, vx = sxx - sx * sx / nw, vxy = sxy - sx * sy / nw, vy = syy - sy * sy / nw;
  if (vx <= 0) return INFINITY;
  return sqrt(fmax(vy - vxy * vxy / vx, 0.0) / nw);
}

/* Collects (ln|I|, ln|V|) of the usable points, sorted by ln|I|; returns the count. */
static size_t collect(const double *I, const double *V, size_t n, double Imin, double Imax,
                      double *pts) {
  size_t m = 0, npos = 0;
  for (size_t i = 0; i < n; i++) npos += I[i] > 0 && V[i] > 0;
  for (size_t i = 0; i < n; i++) {
    int ok = npos ? (I[i] > 0 && V[i] > 0) : (I[i] < 0 && V[i] < 0);
    double a = fabs(I[i]);
    if (!ok || (Imin > 0 && a < Imin) || (Imax > 0 && a > Imax)) continue;
    pts[2 * m] = log(a);
    pts[2 * m + 1] = log(fabs(V[i]));
    m++;
  }
  qsort(pts, m, 2 * sizeof *pts, cmp_dbl2);
  return m;
}

static int fit_line(const double *pts, size_t lo, size_t w, sfhet_powerlaw *res) {
  double *x = malloc(2 * w * sizeof *x);
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "power-law fit: out of memory");
  double *y = x + w;
  for (size_t i = 0; i < w; i++) x[i] = pts[2 * (lo + i)], y[i] = pts[2 * (lo + i) + 1];
  double slope = (y[w - 1] - y[0]) / (x[w - 1] - x[0]);
  line_ctx c = {x, w};
  sfhet_lsq_problem pb = {w, y, NULL, line_f, line_df, &c, 100, 0, 0, 0};
  sfhet_lsq_param par[2] = {{"ln_V0", y[0] - slope * x[0], -INFINITY, INFINITY, 1, 1.0, 0, 0},
                            {"alpha", isfinite(slope) ? slope : 1.0, -INFINITY, INFINITY, 1, 1.0, 0, 0}};
  sfhet_lsq_result r;
  int st = sfhet_lsq_fit(&pb, par, 2, &r);
  if (!st) {
    res->log_v0 = par[0].value, res->log_v0_err = par[0].err;
    res->alpha = par[1].value, res->alpha_err = par[1].err;
    res->rms_log = sqrt(r.chi2 / (double)w);
    res->Imin = exp(x[0]), res->Imax = exp(x[w - 1]);
    res->n_used = w;
  }
  sfhet_lsq_result_free(&r);
  free(x);
  return st;
}

int sfhet_powerlaw_fit(const double *I, const double *V, size_t n, double Imin, double Imax,
                       size_t min_points, sfhet_powerlaw *res) {
  if (min_points < 3) min_points = 3;
  double *pts = malloc((2 * n + 2) * sizeof *pts);
  if (!pts) SFHET_ERROR(SFHET_ENOMEM, "power-law fit: out of memory");
  int autow = Imin <= 0 && Imax <= 0;
  size_t m = collect(I, V, n, Imin, Imax, pts);
  size_t w = autow ? (m / 3 > min_points ? m / 3 : min_points) : m, best = 0;
  int st = SFHET_OK;
  if (m < min_points || w > m) {
    SFHET_REPORT(st = SFHET_EDATA,
                 "power-law fit: %zu usable points (I and V of one sign%s), need at least %zu", m,
                 autow ? "" : " inside --Imin/--Imax", min_points);
  } else if (autow) {
    double brms = INFINITY;
    for (size_t lo = 0; lo + w <= m; lo++) {
      double r = window_rms(pts, lo, w);
      if (r < brms) brms = r, best = lo;
    }
  }
  if (!st && pts[2 * (best + w - 1)] <= pts[2 * best])
    SFHET_REPORT(st = SFHET_EDATA, "power-law fit: all currents in the window are equal");
  if (!st) st = fit_line(pts, best, w, res);
  free(pts);
  return st;
}

int sfhet_bkt_crossing(const double *T, const double *alpha, const double *alpha_err, size_t n,
                       double *T_bkt, double *T_bkt_err, size_t *n_cross) {
  size_t count = 0, first = n;
  for (size_t i = 0; i + 1 < n; i++) {
    double a = alpha[i] - 3.0, b = alpha[i + 1] - 3.0;
    if ((a >= 0 && b < 0) || (a < 0 && b >= 0)) {
      count++;
      if (first == n && a >= 0) first = i;
    }
  }
  if (n_cross) *n_cross = count;
  if (first == n)
    SFHET_ERROR(SFHET_ENOSOL,
                "bkt: alpha(T) never crosses 3 from above (alpha from %.3g to %.3g over %zu temperatures)",
                n ? alpha[0] : NAN, n ? alpha[n - 1] : NAN, n);
  size_t i = first;
  double dT = T[i + 1] - T[i], da = alpha[i + 1] - alpha[i];
  *T_bkt = T[i] + (3.0 - alpha[i]) * dT / da;
  double si = alpha_err ? alpha_err[i] : 0, sj = alpha_err ? alpha_err[i + 1] : 0;
  double gi = (3.0 - alpha[i + 1]) / (da * da), gj = -(3.0 - alpha[i]) / (da * da);
  *T_bkt_err = fabs(dT) * sqrt(gi * gi * si * si + gj * gj * sj * sj);
  return SFHET_OK;
}
