/* Zero-temperature hysteresis: track the local minimum along the field list, detect where it
 * disappears, refine that field by bisection, relax to the new minimum; or take the global minimum
 * (multi-start) at every field. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAG_JUMP 0.5      /* rotation [rad] between consecutive points that counts as a switch */

/* Start number c of the multi-start set; returns 0 when c is past the end. */
static int start_state(const sfhet_mag_system *s, const double *u, size_t c, double *m) {
  size_t n = s->n, npat = n <= 8 ? ((size_t)1 << n) : 4;
  if (c < 2) {
    for (size_t i = 0; i < n; i++)
      for (int k = 0; k < 3; k++) m[3 * i + k] = (c ? -1.0 : 1.0) * u[k];
    return 1;
  }
  c -= 2;
  if (c < npat) {
    for (size_t i = 0; i < n; i++) {
      int up = n <= 8 ? (int)((c >> i) & 1u) : (c == 0 ? 1 : c == 1 ? 0 : (int)((i + c) & 1u));
      for (int k = 0; k < 3; k++) m[3 * i + k] = (up ? 1.0 : -1.0) * s->axis[i][k];
    }
    return 1;
  }
  c -= npat;
  if (c < 12) { /* canted (spin-flop-like) and quasi-random starts */
    for (size_t i = 0; i < n; i++) {
      double z, phi;
      if (c < 4) {
        z = c < 2 ? 0.5 : -0.5;
        phi = ((i + c) & 1u) ? M_PI : 0.0;
      } else {
        double t = fmod(0.5 + (double)((c - 4) * n + i) * 0.6180339887498949, 1.0);
        z = 2.0 * t - 1.0;
        phi = 2.0 * M_PI * fmod((double)((c - 4) * n + i) * 0.7548776662466927, 1.0);
      }
      double r = sqrt(fmax(0.0, 1.0 - z * z));
      m[3 * i] = r * cos(phi), m[3 * i + 1] = r * sin(phi), m[3 * i + 2] = z;
    }
    return 1;
  }
  return 0;
}

int sfhet_mag_global_min(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                         double *m, int keep) {
  size_t n3 = 3 * sys->n;
  double *best = ws->buf, *cand = ws->buf + n3, Ebest = INFINITY;
  double hn = sqrt(H[0] * H[0] + H[1] * H[1] + H[2] * H[2]);
  double u[3] = {0, 0, 1};
  if (hn > 0)
    for (int k = 0; k < 3; k++) u[k] = H[k] / hn;
  double tie = 1e-10 * mag_scale(sys, H);
  int found = 0;
  for (size_t c = 0;; c++) {
    if (c == 0 && keep) {
      memcpy(cand, m, n3 * sizeof *m);
    } else if (!start_state(sys, u, keep ? c - 1 : c, cand)) {
      break;
    }
    for (size_t i = 0; sys->planar && i < sys->n; i++)
      if (hypot(cand[3 * i], cand[3 * i + 2]) < 1e-6) cand[3 * i] = 1.0; /* projected start */
    if (sfhet_mag_relax(ws, sys, H, cand, NULL) != SFHET_OK) continue;
    double E = sfhet_mag_energy(sys, H, cand);
    if (E < Ebest - tie) {
      Ebest = E;
      memcpy(best, cand, n3 * sizeof *m);
      found = 1;
    }
  }
  if (!found)
    SFHET_ERROR(SFHET_ENOCONV, "no start converged to a minimum in field (%g, %g, %g) T", H[0], H[1],
                H[2]);
  sfhet_clear_error();
  memcpy(m, best, n3 * sizeof *m);
  return SFHET_OK;
}

static void averages(const sfhet_mag_system *s, const double *m, const double *u, double *out) {
  double w = 0, a[3] = {0, 0, 0};
  for (size_t i = 0; i < s->n; i++) {
    w += s->M[i];
    for (int k = 0; k < 3; k++) a[k] += s->M[i] * m[3 * i + k];
  }
  for (int k = 0; k < 3; k++) out[k] = a[k] / w;
  out[3] = (a[0] * u[0] + a[1] * u[1] + a[2] * u[2]) / w;
}

/* Whether the minimum tracked from mlo continues to field h (see refine); the result is in trial. */
static int on_branch(sfhet_mag_ws *ws, const sfhet_mag_system *s, const double *u, double h,
                     const double *mlo, double *trial) {
  double H[3] = {h * u[0], h * u[1], h * u[2]};
  sfhet_mag_relax_info info;
  memcpy(trial, mlo, 3 * s->n * sizeof *mlo);
  int st = sfhet_mag_relax(ws, s, H, trial, &info);
  return !st && !info.passed_unstable && !info.nucleated && mag_max_rotation(s->n, mlo, trial) < MAG_JUMP;
}

/* Bisection for the field in [lo, hi] where the minimum tracked from mlo (a minimum at lo) is lost:
 * a trial field is still on the branch when the relaxation from the last good state needs no
 * indefinite Hessian, no nucleation and no rotation above MAG_JUMP. Returns 0 if the branch
 * continues to hi (no switch: a large but continuous rotation on a coarse grid). */
static int refine(sfhet_mag_ws *ws, const sfhet_mag_system *s, const double *u, double lo,
                  double hi, const double *mlo_in, double *Hsw) {
  size_t n3 = 3 * s->n;
  double *mlo = ws->buf + 2 * n3, *trial = ws->buf + 3 * n3;
  memcpy(mlo, mlo_in, n3 * sizeof *mlo);
  double tol = 1e-13 * (fabs(lo) + fabs(hi)) + 1e-15, hi0 = hi;
  for (int it = 0; it < 80 && fabs(hi - lo) > tol; it++) {
    double mid = 0.5 * (lo + hi);
    if (on_branch(ws, s, u, mid, mlo, trial)) {
      lo = mid;
      memcpy(mlo, trial, n3 * sizeof *mlo);
    } else {
      hi = mid;
    }
  }
  sfhet_clear_error();
  *Hsw = 0.5 * (lo + hi);
  if (hi != hi0) return 1;
  /* never failed inside: the branch is lost exactly at hi0, or not at all */
  int cont = on_branch(ws, s, u, hi0, mlo, trial);
  sfhet_clear_error();
  *Hsw = hi0;
  return !cont;
}

static int result_alloc(sfhet_mag_result *r, size_t n, size_t nh) {
  memset(r, 0, sizeof *r);
  r->n = n;
  r->nh = nh;
  r->m = malloc(3 * n * nh * sizeof *r->m);
  r->E = malloc(6 * nh * sizeof *r->E);
  r->event = malloc(nh * sizeof *r->event);
  if (!r->m || !r->E || !r->event) {
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
  r->m = r->E = NULL;
  r->event = NULL;
  r->nevent = 0;
}

static void initial_state(const sfhet_mag_system *s, const sfhet_mag_loop *L, double *m) {
  if (L->m0) {
    memcpy(m, L->m0, 3 * s->n * sizeof *m);
    return;
  }
  double sg = L->H[0] < 0 ? -1.0 : 1.0;
  for (size_t i = 0; i < s->n; i++)
    for (int k = 0; k < 3; k++) m[3 * i + k] = sg * L->u[k] + 1e-3 * s->axis[i][k];
}

static int step(sfhet_mag_ws *ws, const sfhet_mag_system *s, const sfhet_mag_loop *L, size_t k,
                double *m, double *prev, sfhet_mag_result *r) {
  size_t n3 = 3 * s->n;
  double H[3] = {L->H[k] * L->u[0], L->H[k] * L->u[1], L->H[k] * L->u[2]};
  if (L->equilibrium) return sfhet_mag_global_min(ws, s, H, m, k > 0);
  memcpy(prev, m, n3 * sizeof *m);
  sfhet_mag_relax_info info;
  SFHET_TRY(sfhet_mag_relax(ws, s, H, m, &info));
  if (k == 0 || !(info.passed_unstable || info.nucleated || mag_max_rotation(s->n, prev, m) > MAG_JUMP))
    return SFHET_OK;
  double a[4], b[4];
  averages(s, prev, L->u, a);
  averages(s, m, L->u, b);
  double Hsw = 0.5 * (L->H[k - 1] + L->H[k]);
  if (L->refine && !refine(ws, s, L->u, L->H[k - 1], L->H[k], prev, &Hsw)) return SFHET_OK;
  sfhet_mag_event *e = &r->event[r->nevent++];
  e->index = k - 1;
  e->H = Hsw;
  e->dM = b[3] - a[3];
  e->barrier_before = NAN;
  return SFHET_OK;
}

int sfhet_mag_trace(sfhet_mag_ws *ws, const sfhet_mag_system *s, const sfhet_mag_loop *L,
                    sfhet_mag_result *r) {
  if (!L->H || L->nh < 1) SFHET_ERROR(SFHET_EINVAL, "empty field range");
  for (size_t k = 0; k < L->nh; k++)
    if (!isfinite(L->H[k])) SFHET_ERROR(SFHET_EINVAL, "non-finite field at point %zu", k);
  SFHET_TRY(result_alloc(r, s->n, L->nh));
  double *m = malloc(6 * s->n * sizeof *m);
  if (!m) {
    sfhet_mag_result_free(r);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  double *prev = m + 3 * s->n;
  initial_state(s, L, m);
  int st = SFHET_OK;
  for (size_t k = 0; k < L->nh && !st; k++) {
    st = step(ws, s, L, k, m, prev, r);
    if (st) break;
    double a[4], H[3] = {L->H[k] * L->u[0], L->H[k] * L->u[1], L->H[k] * L->u[2]};
    averages(s, m, L->u, a);
    memcpy(r->m + 3 * s->n * k, m, 3 * s->n * sizeof *m);
    r->E[k] = sfhet_mag_energy(s, H, m);
    r->H[k] = L->H[k];
    r->Mx[k] = a[0], r->My[k] = a[1], r->Mz[k] = a[2], r->Mpar[k] = a[3];
  }
  free(m);
  if (st) sfhet_mag_result_free(r);
  return st;
}

size_t sfhet_mag_coercive(const sfhet_mag_result *r, double *hc, size_t max) {
  size_t count = 0;
  for (size_t k = 1; k < r->nh && count < max; k++) {
    double a = r->Mpar[k - 1], b = r->Mpar[k];
    if (!(a * b < 0)) continue;
    double h = r->H[k - 1] + (r->H[k] - r->H[k - 1]) * a / (a - b);
    for (size_t e = 0; e < r->nevent; e++)
      if (r->event[e].index == k - 1) h = r->event[e].H;
    hc[count++] = h;
  }
  return count;
}
