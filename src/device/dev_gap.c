/* The self-consistent gap Δ(T, b) of each field point (seed 002 through sfhet_isingqc_gap), kept as a
 * curve along the sweep: a point whose gap-relevant parameters did not change reuses its Δ exactly.
 * Otherwise the point is continued by secant steps on the gap function g(Δ)
 * (sfhet_isingqc_gap_function) from its neighbour along the sweep at the same parameters (the
 * previous field of its run, dev_map.c) where the normal state is unstable; the first point of each
 * run, first-order regions and a continuation that does not settle get the full root scan. The root
 * is thus a function of the parameters alone: never warm-started from an earlier evaluation, so the
 * map does not depend on the evaluation history or the thread count. */
#include <math.h>
#include <string.h>

#include "device/dev_int.h"
#include "sfhet/error.h"

#define DEV_GAP_RTOL 1e-10 /* relative step at which the secant iteration stops */
#define DEV_GAP_ITER 8

static void gap_key(const double *p, const double *q, double *key) {
  key[0] = p[SFHET_DEVICE_TC0], key[1] = p[SFHET_DEVICE_T], key[2] = q[SFHET_ISINGQC_DSO];
  key[3] = q[SFHET_ISINGQC_ETA], key[4] = q[SFHET_ISINGQC_ETA_X], key[5] = q[SFHET_ISINGQC_ETA_Y];
  key[6] = q[SFHET_ISINGQC_ETA_Z], key[7] = q[SFHET_ISINGQC_B], key[8] = q[SFHET_ISINGQC_THETA];
}

static int g_at(const double *q, double Tc0, double T, double delta, double *g, sfhet_isingqc_ws *w) {
  double r[SFHET_ISINGQC_NPARAMS];
  memcpy(r, q, sizeof r);
  r[SFHET_ISINGQC_DELTA] = delta, r[SFHET_ISINGQC_GAMMA] = 0.0;
  return sfhet_isingqc_gap_function(r, Tc0, T, g, w);
}

/* Full scan: the lowest-free-energy root; its slope from a small difference. */
static int gap_full(const double *q, double Tc0, double T, dev_point *pt, sfhet_isingqc_ws *w) {
  double r[SFHET_ISINGQC_NPARAMS];
  memcpy(r, q, sizeof r);
  r[SFHET_ISINGQC_GAMMA] = 0.0;
  sfhet_isingqc_gap_result res;
  SFHET_TRY(sfhet_isingqc_gap(r, Tc0, T, &res, w));
  double d = res.sol[0].delta;
  if (!(d > 0.0))
    SFHET_ERROR(SFHET_ENOSOL, "device: the electrodes are normal (Δ = 0) at b = %g meV, θ_b = %g deg: lower --T "
                "or --lambda, or raise --Tc0", q[SFHET_ISINGQC_B], q[SFHET_ISINGQC_THETA]);
  double g1, h = 1e-6 * d;
  SFHET_TRY(g_at(q, Tc0, T, d + h, &g1, w));
  pt->delta = d, pt->slope = g1 / h;
  return SFHET_OK;
}

/* Secant from the neighbour's root d0 and slope s; SFHET_CONTINUE when it does not settle near it. */
static int secant(const double *q, double Tc0, double T, double d0, double s, dev_point *pt, sfhet_isingqc_ws *w) {
  double dref = d0, g0;
  if (!(s > 0.0)) return SFHET_CONTINUE;
  SFHET_TRY(g_at(q, Tc0, T, d0, &g0, w));
  for (int it = 0; it < DEV_GAP_ITER; it++) {
    double d1 = d0 - g0 / s;
    if (!(d1 > 0.5 * dref && d1 < 1.5 * dref)) return SFHET_CONTINUE;
    if (fabs(d1 - d0) < DEV_GAP_RTOL * d1) {
      pt->delta = d1, pt->slope = s;
      return SFHET_OK;
    }
    double g1;
    SFHET_TRY(g_at(q, Tc0, T, d1, &g1, w));
    if (g1 != g0) s = (g1 - g0) / (d1 - d0);
    if (!(s > 0.0)) return SFHET_CONTINUE;
    d0 = d1, g0 = g1;
  }
  return SFHET_CONTINUE;
}

/* Continuation along the sweep from the neighbouring field's root nb: secant from its Δ and slope,
 * accepted only where the normal state is unstable (g(0) < 0; first-order regions, where Δ = 0 is a
 * minimum too, get the full scan). SFHET_CONTINUE when it does not apply or does not settle. */
static int gap_sweep(const double *q, double Tc0, double T, const dev_point *nb, dev_point *pt,
                     sfhet_isingqc_ws *w) {
  double g0;
  SFHET_TRY(g_at(q, Tc0, T, 0.0, &g0, w));
  if (!(g0 < 0.0)) return SFHET_CONTINUE;
  return secant(q, Tc0, T, nb->delta, nb->slope, pt, w);
}

int dev_gap(const double *p, const double *q, size_t i, long nb, double *delta, sfhet_device_ws *ws, int thread) {
  dev_point *pt = &ws->pt[i];
  double key[DEV_GAP_KEYS];
  gap_key(p, q, key);
  double Tc0 = p[SFHET_DEVICE_TC0], T = p[SFHET_DEVICE_T];
  sfhet_isingqc_ws *w = ws->qc[thread];
  if (!ws->nocache && pt->have_gap && !memcmp(key, pt->gkey, sizeof key)) {
    *delta = pt->delta;
    return SFHET_OK;
  }
  int st = SFHET_CONTINUE;
  if (!ws->nocache && nb >= 0 && ws->pt[nb].have_gap) {
    if ((st = gap_sweep(q, Tc0, T, &ws->pt[nb], pt, w)) == SFHET_OK) {
#pragma omp atomic
      ws->n_gap_sweep++;
    }
  }
  if (st == SFHET_CONTINUE) {
    st = gap_full(q, Tc0, T, pt, w);
#pragma omp atomic
    ws->n_gap_full++;
  }
  pt->have_gap = st == SFHET_OK;
  if (st) return st;
  memcpy(pt->gkey, key, sizeof key);
  *delta = pt->delta;
  return SFHET_OK;
}

void dev_gap_install(const double *p, const double *q, size_t i, double delta, double slope, sfhet_device_ws *ws) {
  dev_point *pt = &ws->pt[i];
  gap_key(p, q, pt->gkey);
  pt->delta = delta, pt->slope = slope, pt->have_gap = 1;
}
