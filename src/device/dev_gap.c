/* The self-consistent gap Δ(T, b) of each field point (seed 002 through src/isingqc), kept as a curve
 * along the sweep: a point whose gap-relevant parameters did not change reuses its Δ exactly. Otherwise
 * the point is continued by secant steps on the gap function g(Δ) (sfhet_isingqc_gap_function) from
 * its neighbour along the sweep at the same parameters (the previous field of its run, dev_map.c); the
 * first point of each run starts from the largest root (sfhet_isingqc_gap_largest). Where the normal
 * state is metastable too (g(0) >= 0) the root is kept only below the normal state's free energy;
 * anything that does not settle gets the full root scan (sfhet_isingqc_gap). The root is thus a function
 * of the parameters alone: never warm-started from an earlier evaluation, so the map does not depend on
 * the evaluation history or the thread count. Jacobian columns (ws->lin) take one Newton step from the
 * base root instead (implicit function theorem). */
#include <math.h>
#include <string.h>

#include "device/dev_int.h"
#include "sfhet/error.h"

#define DEV_GAP_RTOL 1e-10 /* relative error at which the secant iteration stops */
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
  double dref = d0, g0, prev = INFINITY;
  if (!(s > 0.0)) return SFHET_CONTINUE;
  SFHET_TRY(g_at(q, Tc0, T, d0, &g0, w));
  for (int it = 0; it < DEV_GAP_ITER; it++) {
    double d1 = d0 - g0 / s, step = fabs(d1 - d0);
    if (!(d1 > 0.5 * dref && d1 < 1.5 * dref)) return SFHET_CONTINUE;
    /* the secant error e_{n+1} ~ (g''/2g') e_n e_{n-1}, with |g''/g'| ~ 1/Δ: the steps bound it */
    if (step < DEV_GAP_RTOL * d1 || step * prev < DEV_GAP_RTOL * d1 * d1) {
      pt->delta = d1, pt->slope = s;
      return SFHET_OK;
    }
    double g1;
    SFHET_TRY(g_at(q, Tc0, T, d1, &g1, w));
    if (g1 != g0) s = (g1 - g0) / (d1 - d0);
    if (!(s > 0.0)) return SFHET_CONTINUE;
    d0 = d1, g0 = g1, prev = step;
  }
  return SFHET_CONTINUE;
}

/* The largest root (sfhet_isingqc_gap_largest: the superconducting branch); SFHET_CONTINUE when there is
 * none on the scan grid. */
static int gap_top(const double *q, double Tc0, double T, dev_point *pt, sfhet_isingqc_ws *w) {
  double r[SFHET_ISINGQC_NPARAMS], d, s;
  memcpy(r, q, sizeof r);
  r[SFHET_ISINGQC_GAMMA] = 0.0;
  SFHET_TRY(sfhet_isingqc_gap_largest(r, Tc0, T, &d, &s, w));
  if (!(d > 0.0) || !(s > 0.0)) return SFHET_CONTINUE;
  pt->delta = d, pt->slope = s;
  return SFHET_OK;
}

/* Where the normal state is metastable too (g(0) >= 0: a first-order region) the superconducting root
 * is kept only below the normal state's free energy: F_s − F_n by 6-point Gauss–Legendre on each side of
 * the kink (within 3e-5 Δ² of sfhet_isingqc_gap's 8 x 3 rule down to T = 0.05 Tc0), that rule itself
 * within 1e-3 Δ² of 0. SFHET_CONTINUE when the normal state is lower (the full scan decides). */
static int lower_than_normal(const double *q, double Tc0, double T, double delta, sfhet_isingqc_ws *w) {
  double r[SFHET_ISINGQC_NPARAMS], f;
  memcpy(r, q, sizeof r);
  r[SFHET_ISINGQC_GAMMA] = 0.0;
  SFHET_TRY(sfhet_isingqc_free_energy(r, Tc0, T, delta, 6, 1, &f, w));
  if (fabs(f) < 1e-3 * delta * delta) SFHET_TRY(sfhet_isingqc_free_energy(r, Tc0, T, delta, 8, 3, &f, w));
  return f < 0.0 ? SFHET_OK : SFHET_CONTINUE;
}

/* The gap of a Jacobian column (ws->lin: the roots at the column's base parameters): the base root
 * where the key did not change, else one Newton step from it, Δ = Δ0 − g(Δ0)/g'(Δ0): the implicit
 * function Δ(x) to O(h²), symmetric in ±h so that central differences keep their O(h²). */
static int gap_linear(const double *q, double Tc0, double T, const double *key, const dev_point *b, dev_point *pt,
                      sfhet_isingqc_ws *w) {
  if (!b->have_gap || !(b->slope > 0.0)) SFHET_ERROR(SFHET_EFAILED, "device: Jacobian without base gap");
  pt->slope = b->slope;
  if (!memcmp(key, b->gkey, DEV_GAP_KEYS * sizeof *key)) {
    pt->delta = b->delta;
    return SFHET_OK;
  }
  double g;
  SFHET_TRY(g_at(q, Tc0, T, b->delta, &g, w));
  pt->delta = b->delta - g / b->slope;
  if (!(pt->delta > 0.0)) SFHET_ERROR(SFHET_ENOCONV, "device: the gap vanishes within a derivative step");
  return SFHET_OK;
}

/* Solves point i's gap afresh: continued from the neighbour nb (>= 0) or the largest root, the full
 * scan where neither settles. pt->check_fe: the normal state is metastable too (dev_gap_check). */
static int gap_solve(const double *q, double Tc0, double T, const dev_point *nb, dev_point *pt,
                     sfhet_device_ws *ws, sfhet_isingqc_ws *w) {
  double g0;
  SFHET_TRY(g_at(q, Tc0, T, 0.0, &g0, w));
  pt->check_fe = 0;
  int st = nb ? secant(q, Tc0, T, nb->delta, nb->slope, pt, w) : SFHET_CONTINUE;
  if (st == SFHET_OK) {
#pragma omp atomic
    ws->n_gap_sweep++;
  } else if (st == SFHET_CONTINUE && (st = gap_top(q, Tc0, T, pt, w)) == SFHET_OK) {
#pragma omp atomic
    ws->n_gap_top++;
  }
  if (st == SFHET_OK) pt->check_fe = !(g0 < 0.0);
  if (st != SFHET_CONTINUE) return st;
#pragma omp atomic
  ws->n_gap_full++;
  return gap_full(q, Tc0, T, pt, w);
}

int dev_gap_check(const double *p, const double *q, size_t i, sfhet_device_ws *ws, int thread) {
  dev_point *pt = &ws->pt[i];
  sfhet_isingqc_ws *w = ws->qc[thread];
  double Tc0 = p[SFHET_DEVICE_TC0], T = p[SFHET_DEVICE_T];
  if (!pt->check_fe) return SFHET_OK;
  int st = lower_than_normal(q, Tc0, T, pt->delta, w);
  if (st == SFHET_CONTINUE) {
#pragma omp atomic
    ws->n_gap_full++;
    st = gap_full(q, Tc0, T, pt, w);
  }
  pt->check_fe = 0;
  return st;
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
  int st;
  if (ws->lin) {
    pt->check_fe = 0;
    st = gap_linear(q, Tc0, T, key, &ws->lin[i], pt, w);
  } else {
    const dev_point *n = !ws->nocache && nb >= 0 && ws->pt[nb].have_gap ? &ws->pt[nb] : NULL;
    st = gap_solve(q, Tc0, T, n, pt, ws, w);
  }
  pt->have_gap = st == SFHET_OK;
  if (st) return st;
  memcpy(pt->gkey, key, sizeof key);
  *delta = pt->delta;
  return SFHET_OK;
}

void dev_gap_install(const double *p, const double *q, size_t i, const double *root, sfhet_device_ws *ws) {
  dev_point *pt = &ws->pt[i];
  gap_key(p, q, pt->gkey);
  pt->delta = root[0], pt->slope = root[1], pt->check_fe = root[2] != 0.0, pt->have_gap = 1;
}
