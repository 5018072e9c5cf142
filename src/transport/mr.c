/* Magnetoresistance loops (seed 004 Fig. 7b-c, seed 001 Fig. 3): the up and down sweeps are smoothed,
 * put on a common field grid, and the switching fields are the extrema of d(R_up - R_down)/dB, which
 * removes any reversible (non-hysteretic) background such as a B^2 magnetoresistance. Each extremum
 * belongs to the branch whose own slope is larger there. Bc = (B_up - B_down)/2 (coercive field),
 * Bshift = (B_up + B_down)/2 (loop shift); the hysteresis amplitude is max |R_up - R_down|. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/transport.h"

typedef struct {
  double b, r;
} pt;

static int cmp_pt(const void *a, const void *b) {
  const pt *p = a, *q = b;
  return (p->b > q->b) - (p->b < q->b);
}

static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Splits rows into branches by sweep direction; returns SFHET_OK with counts. */
static void split(const double *B, const double *R, const double *dir, size_t n, pt *up, size_t *nu,
                  pt *dn, size_t *nd) {
  int last = 1;
  *nu = *nd = 0;
  for (size_t i = 0; i < n; i++) {
    int d;
    if (dir) {
      d = dir[i] > 0 ? 1 : dir[i] < 0 ? -1 : 0;
    } else {
      double step = i + 1 < n ? B[i + 1] - B[i] : B[i] - B[i - 1];
      if (i + 1 < n && i > 0 && step == 0) step = B[i] - B[i - 1];
      d = step > 0 ? 1 : step < 0 ? -1 : last;
    }
    if (d == 0) continue;
    last = d;
    if (d > 0) up[(*nu)++] = (pt){B[i], R[i]};
    else dn[(*nd)++] = (pt){B[i], R[i]};
  }
}

/* Sorts by field and applies a centred moving average of half-width h. */
static void prepare(pt *p, size_t n, size_t h, double *tmp) {
  qsort(p, n, sizeof *p, cmp_pt);
  for (size_t i = 0; i < n; i++) {
    size_t lo = i >= h ? i - h : 0, hi = i + h < n ? i + h : n - 1;
    double s = 0;
    for (size_t j = lo; j <= hi; j++) s += p[j].r;
    tmp[i] = s / (double)(hi - lo + 1);
  }
  for (size_t i = 0; i < n; i++) p[i].r = tmp[i];
}

static double interp(const pt *p, size_t n, double b) {
  size_t lo = 0, hi = n - 1;
  if (b <= p[0].b) return p[0].r;
  if (b >= p[n - 1].b) return p[n - 1].r;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (p[mid].b <= b) lo = mid;
    else hi = mid;
  }
  double w = p[hi].b > p[lo].b ? (b - p[lo].b) / (p[hi].b - p[lo].b) : 0.0;
  return p[lo].r + w * (p[hi].r - p[lo].r);
}

typedef struct {
  size_t m;
  double *b, *ru, *rd, *dd, *du, *ddn;
} grid;

/* Common grid with both branches, their difference and slopes. */
static void fill_grid(grid *g, const pt *up, size_t nu, const pt *dn, size_t nd) {
  double lo = fmax(up[0].b, dn[0].b), hi = fmin(up[nu - 1].b, dn[nd - 1].b);
  for (size_t i = 0; i < g->m; i++) {
    g->b[i] = lo + (hi - lo) * (double)i / (double)(g->m - 1);
    g->ru[i] = interp(up, nu, g->b[i]);
    g->rd[i] = interp(dn, nd, g->b[i]);
  }
  for (size_t i = 0; i < g->m; i++) {
    size_t a = i ? i - 1 : 0, c = i + 1 < g->m ? i + 1 : g->m - 1;
    double db = g->b[c] - g->b[a];
    g->du[i] = (g->ru[c] - g->ru[a]) / db;
    g->ddn[i] = (g->rd[c] - g->rd[a]) / db;
    g->dd[i] = g->du[i] - g->ddn[i];
  }
}

/* Centroid of |dd| over the contiguous region around i where it exceeds half its value at i (the
 * centre of a smoothed step, whose slope has a flat top). */
static double centroid(const grid *g, size_t i) {
  double half = 0.5 * fabs(g->dd[i]), sw = 0, sb = 0;
  size_t lo = i, hi = i;
  while (lo > 0 && fabs(g->dd[lo - 1]) > half && g->dd[lo - 1] * g->dd[i] > 0) lo--;
  while (hi + 1 < g->m && fabs(g->dd[hi + 1]) > half && g->dd[hi + 1] * g->dd[i] > 0) hi++;
  for (size_t j = lo; j <= hi; j++) sw += fabs(g->dd[j]), sb += fabs(g->dd[j]) * g->b[j];
  return sw > 0 ? sb / sw : g->b[i];
}

/* Picks up to want extrema of |dd| per branch, separated by sep grid points. */
static void pick_switches(const grid *g, size_t want, size_t sep, double thr, sfhet_mr_loop *res) {
  size_t nu = 0, nd = 0;
  char *blocked = calloc(g->m, 1);
  if (!blocked) return;
  while (nu < want || nd < want) {
    size_t bi = g->m;
    double bv = thr;
    for (size_t i = 0; i < g->m; i++)
      if (!blocked[i] && fabs(g->dd[i]) > bv) bv = fabs(g->dd[i]), bi = i;
    if (bi == g->m) break;
    size_t lo = bi > sep ? bi - sep : 0, hi = bi + sep < g->m ? bi + sep : g->m - 1;
    memset(blocked + lo, 1, hi - lo + 1);
    if (fabs(g->du[bi]) >= fabs(g->ddn[bi])) {
      if (nu < want) res->B_up[nu++] = centroid(g, bi);
    } else if (nd < want) {
      res->B_down[nd++] = centroid(g, bi);
    }
  }
  free(blocked);
  qsort(res->B_up, nu, sizeof(double), cmp_dbl);
  qsort(res->B_down, nd, sizeof(double), cmp_dbl);
  for (size_t k = 0; k < nd / 2; k++) { /* down sweep order: decreasing field */
    double t = res->B_down[k];
    res->B_down[k] = res->B_down[nd - 1 - k], res->B_down[nd - 1 - k] = t;
  }
  res->n_switch = nu < nd ? nu : nd;
  for (size_t k = 0; k < res->n_switch; k++) {
    res->Bc[k] = 0.5 * (res->B_up[k] - res->B_down[k]);
    res->Bshift[k] = 0.5 * (res->B_up[k] + res->B_down[k]);
  }
}

/* Noise of the difference curve's slope from its median absolute value. */
static double slope_noise(const grid *g, double *tmp) {
  for (size_t i = 0; i < g->m; i++) tmp[i] = fabs(g->dd[i]);
  qsort(tmp, g->m, sizeof *tmp, cmp_dbl);
  return 1.4826 * tmp[g->m / 2];
}

static int analyse(const pt *up, size_t nu, const pt *dn, size_t nd, size_t want, size_t h,
                   sfhet_mr_loop *res) {
  grid g;
  g.m = (nu < nd ? nu : nd) * 2 + 1;
  double *buf = malloc(7 * g.m * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "mr: out of memory");
  g.b = buf, g.ru = buf + g.m, g.rd = buf + 2 * g.m, g.dd = buf + 3 * g.m;
  g.du = buf + 4 * g.m, g.ddn = buf + 5 * g.m;
  fill_grid(&g, up, nu, dn, nd);
  res->dR_max = 0;
  for (size_t i = 0; i < g.m; i++) {
    double d = g.ru[i] - g.rd[i];
    if (fabs(d) > res->dR_max) res->dR_max = fabs(d), res->B_at_dR_max = g.b[i], res->dR_signed = d;
  }
  double thr = 5.0 * slope_noise(&g, buf + 6 * g.m);
  size_t sep = 2 * (2 * h + 1) + 2;
  pick_switches(&g, want, sep, thr, res);
  free(buf);
  return SFHET_OK;
}

int sfhet_mr_analyse(const double *B, const double *R, const double *dir, size_t n, size_t n_switch,
                     size_t smooth, sfhet_mr_loop *res) {
  memset(res, 0, sizeof *res);
  for (size_t k = 0; k < SFHET_MR_MAX_SWITCH; k++)
    res->B_up[k] = res->B_down[k] = res->Bc[k] = res->Bshift[k] = NAN;
  if (n_switch < 1 || n_switch > SFHET_MR_MAX_SWITCH)
    SFHET_ERROR(SFHET_EINVAL, "--switches: must be 1..%d", SFHET_MR_MAX_SWITCH);
  size_t h = smooth ? smooth : 2;
  for (size_t i = 0; i < n; i++)
    if (!isfinite(B[i]) || !isfinite(R[i]))
      SFHET_ERROR(SFHET_EDATA, "mr: non-finite field or resistance at point %zu of a loop", i + 1);
  pt *p = malloc((2 * n + 1) * sizeof *p);
  double *tmp = malloc((n + 1) * sizeof *tmp);
  if (!p || !tmp) {
    free(p), free(tmp);
    SFHET_ERROR(SFHET_ENOMEM, "mr: out of memory");
  }
  pt *up = p, *dn = p + n;
  split(B, R, dir, n, up, &res->n_up, dn, &res->n_down);
  int st = SFHET_OK;
  size_t need = 2 * h + 5;
  if (res->n_up < need || res->n_down < need)
    SFHET_REPORT(st = SFHET_EDATA, "mr: %zu up-sweep and %zu down-sweep points, need at least %zu each "
                 "(a loop needs both sweep directions; see --direction)", res->n_up, res->n_down, need);
  if (!st) {
    prepare(up, res->n_up, h, tmp);
    prepare(dn, res->n_down, h, tmp);
    if (fmin(up[res->n_up - 1].b, dn[res->n_down - 1].b) <= fmax(up[0].b, dn[0].b))
      SFHET_REPORT(st = SFHET_EDATA, "mr: the up and down sweeps share no field range");
  }
  if (!st) st = analyse(up, res->n_up, dn, res->n_down, n_switch, h, res);
  if (!st && !isfinite(res->dR_max))
    SFHET_REPORT(st = SFHET_ERANGE, "mr: R_up - R_down overflows (resistances of order %g)", up[0].r);
  free(p), free(tmp);
  return st;
}
