/* Zero-temperature hysteresis: the tracked local minimum followed along the field list by continuation
 * (branch.c), or the global minimum (multi-start) at every field; results, events and coercive fields. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

static void averages(const sfhet_mag_system *s, const double *m, double *out) {
  double w = 0, a[3] = {0, 0, 0};
  for (size_t i = 0; i < s->n; i++) {
    w += s->M[i];
    for (size_t k = 0; k < 3; k++) a[k] += s->M[i] * m[3 * i + k];
  }
  for (size_t k = 0; k < 3; k++) out[k] = a[k] / w;
}

static int result_alloc(sfhet_mag_result *r, size_t n, size_t nh) {
  memset(r, 0, sizeof *r);
  r->n = n;
  r->nh = nh;
  r->m = malloc(3 * n * nh * sizeof *r->m);
  r->E = malloc(6 * nh * sizeof *r->E);
  if (!r->m || !r->E) {
    sfhet_mag_result_free(r);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory for a loop of %zu points", nh);
  }
  r->Mz = r->E + nh, r->Mx = r->E + 2 * nh, r->My = r->E + 3 * nh, r->Mpar = r->E + 4 * nh;
  r->H = r->E + 5 * nh;
  return SFHET_OK;
}

void sfhet_mag_result_free(sfhet_mag_result *r) {
  if (!r) return;
  free(r->m);
  free(r->E);
  free(r->event);
  free(r->onset);
  free(r->coercive);
  memset(r, 0, sizeof *r);
}

static void initial_state(const sfhet_mag_system *s, const sfhet_mag_loop *L, double *m) {
  if (L->m0) {
    memcpy(m, L->m0, 3 * s->n * sizeof *m);
    return;
  }
  double sg = L->H[0] < 0 ? -1.0 : 1.0;
  for (size_t i = 0; i < s->n; i++)
    for (size_t k = 0; k < 3; k++) m[3 * i + k] = sg * L->u[k] + 1e-3 * s->axis[i][k];
}

static void field(const sfhet_mag_loop *L, double h, double *H) {
  for (size_t k = 0; k < 3; k++) H[k] = h * L->u[k];
}

/* Equilibrium coercive field in [lo, hi] (Mpar changes sign between the global minima mlo, mhi):
 * bisection on the sign of the global minimum's Mpar. */
static int equilibrium_crossing(mag_tracer *t, double lo, double hi, const double *mlo) {
  const sfhet_mag_system *s = t->s;
  size_t n3 = 3 * s->n;
  double *m = t->scratch, H[3];
  memcpy(m, mlo, n3 * sizeof *m);
  int sign0 = mag_sign(s, mlo, t->L->u);
  for (int it = 0; it < 200 && fabs(hi - lo) > t->tol; it++) {
    double mid = 0.5 * (lo + hi);
    field(t->L, mid, H);
    SFHET_TRY(sfhet_mag_global_min(t->ws, s, H, m, 1));
    if (mag_sign(s, m, t->L->u) == sign0) lo = mid;
    else hi = mid;
  }
  return mag_push_hc(t, 0.5 * (lo + hi));
}

/* Global minimum at point k (from the previous one as an extra start), with its coercive field. */
static int equilibrium_step(mag_tracer *t, size_t k, double *m, double *prev) {
  const sfhet_mag_system *s = t->s;
  double H[3];
  field(t->L, t->L->H[k], H);
  memcpy(prev, m, 3 * s->n * sizeof *m);
  SFHET_TRY(sfhet_mag_global_min(t->ws, s, H, m, k > 0));
  int reversed = mag_reversed(t, mag_sign(s, m, t->L->u));
  if (k == 0 || !reversed) return SFHET_OK;
  if (!t->L->refine) {
    double pa = mag_mpar(s, prev, t->L->u), pb = mag_mpar(s, m, t->L->u);
    const double *h = t->L->H;
    return mag_push_hc(t, h[k - 1] + (h[k] - h[k - 1]) * pa / (pa - pb));
  }
  return equilibrium_crossing(t, t->L->H[k - 1], t->L->H[k], prev);
}

static int check_loop(const sfhet_mag_loop *L) {
  if (!L->H || L->nh < 1) SFHET_ERROR(SFHET_EINVAL, "empty field range");
  for (size_t k = 0; k < L->nh; k++)
    if (!isfinite(L->H[k])) SFHET_ERROR(SFHET_EINVAL, "non-finite field at point %zu", k);
  return SFHET_OK;
}

static void store(const sfhet_mag_system *s, const sfhet_mag_loop *L, size_t k, const double *m,
                  sfhet_mag_result *r) {
  double a[3], H[3];
  field(L, L->H[k], H);
  averages(s, m, a);
  memcpy(r->m + 3 * s->n * k, m, 3 * s->n * sizeof *m);
  r->E[k] = sfhet_mag_energy(s, H, m);
  r->H[k] = L->H[k];
  r->Mx[k] = a[0], r->My[k] = a[1], r->Mz[k] = a[2];
  r->Mpar[k] = mag_mpar(s, m, L->u);
}

/* Point k: the first point relaxes from the initial state, later ones follow the branch. */
static int track_step(mag_tracer *t, size_t k, double *m) {
  if (k > 0) return mag_follow(t, t->L->H[k - 1], t->L->H[k], m);
  double H[3];
  field(t->L, t->L->H[0], H);
  SFHET_TRY(sfhet_mag_relax(t->ws, t->s, H, m, NULL));
  mag_reversed(t, mag_sign(t->s, m, t->L->u)); /* the starting sign */
  return SFHET_OK;
}

int sfhet_mag_trace(sfhet_mag_ws *ws, const sfhet_mag_system *s, const sfhet_mag_loop *L,
                    sfhet_mag_result *r) {
  SFHET_TRY(check_loop(L));
  SFHET_TRY(result_alloc(r, s->n, L->nh));
  size_t n3 = 3 * s->n;
  double *m = malloc(5 * n3 * sizeof *m), hmax = 0;
  if (!m) {
    sfhet_mag_result_free(r);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t k = 0; k < L->nh; k++) hmax = fmax(hmax, fabs(L->H[k]));
  mag_tracer t = {.ws = ws, .s = s, .L = L, .r = r, .scratch = m + 2 * n3};
  t.tol = hmax > 0 ? 1e-13 * hmax : 1e-15;
  t.zero = 1e-10 * hmax;
  initial_state(s, L, m);
  int st = SFHET_OK;
  for (size_t k = 0; k < L->nh && !st; k++) {
    t.k = k ? k - 1 : 0;
    st = L->equilibrium ? equilibrium_step(&t, k, m, m + n3) : track_step(&t, k, m);
    if (!st) store(s, L, k, m, r);
  }
  free(m);
  if (st) sfhet_mag_result_free(r);
  return st;
}

size_t sfhet_mag_coercive(const sfhet_mag_result *r, double *hc, size_t max) {
  size_t n = r->ncoercive < max ? r->ncoercive : max;
  if (n) memcpy(hc, r->coercive, n * sizeof *hc);
  return n;
}
