/* Continuation of the tracked minimum between two fields. A step is continuous when the relaxation from
 * the current state applies no nucleation and rotates no moment by more than MAG_STEP; a step that is
 * not is halved. Along a continuous branch the rotation of a step shrinks with the step (linearly, or as
 * its square root just past a pitchfork), so a step that is still not continuous when shorter than the
 * field resolution is a discontinuity of the tracked minimum: a switching event, located to that
 * resolution, with the jump of <M>.u taken across it. A continuous step whose relaxation met an indefinite
 * Hessian crossed an instability onset (the minimum turned into a saddle and the state moved on
 * continuously); it is located by bisection. Sign changes of <M>.u on a continuous step are located by
 * bisection on the branch (coercive fields); a compensated state (|<M>.u| <= MAG_COMPENSATED, e.g. an
 * even-layer antiferromagnet, where only rounding decides the sign) has no sign, so a reversal through
 * it is counted once, where <M>.u takes the opposite sign. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

#define MAG_STEP 0.05         /* largest rotation [rad] of a continuous step */
#define MAG_MAX_SUBSTEPS 100000 /* substeps per grid interval */
#define MAG_COMPENSATED 1e-12   /* |<M>.u| (of saturation) counted as compensated: no sign */

double mag_mpar(const sfhet_mag_system *s, const double *m, const double *u) {
  double w = 0, a = 0;
  for (size_t i = 0; i < s->n; i++) {
    w += s->M[i];
    a += s->M[i] * (m[3 * i] * u[0] + m[3 * i + 1] * u[1] + m[3 * i + 2] * u[2]);
  }
  return a / w;
}

int mag_push_event(sfhet_mag_event **a, size_t *n, size_t *cap, sfhet_mag_event e) {
  if (*n == *cap) {
    size_t c = *cap ? 2 * *cap : 8;
    sfhet_mag_event *p = realloc(*a, c * sizeof *p);
    if (!p) SFHET_ERROR(SFHET_ENOMEM, "out of memory for loop events");
    *a = p, *cap = c;
  }
  (*a)[(*n)++] = e;
  return SFHET_OK;
}

int mag_push_hc(mag_tracer *t, double h) {
  sfhet_mag_result *r = t->r;
  if (r->ncoercive == t->cap_hc) {
    size_t c = t->cap_hc ? 2 * t->cap_hc : 8;
    double *p = realloc(r->coercive, c * sizeof *p);
    if (!p) SFHET_ERROR(SFHET_ENOMEM, "out of memory for coercive fields");
    r->coercive = p, t->cap_hc = c;
  }
  r->coercive[r->ncoercive++] = fabs(h) <= t->zero ? 0.0 : h;
  return SFHET_OK;
}

/* Relaxes from `from` at field h into `to`; whether the step is continuous and met an instability. */
static int relax_at(mag_tracer *t, double h, const double *from, double *to, int *cont, int *unstable) {
  const sfhet_mag_system *s = t->s;
  double H[3] = {h * t->L->u[0], h * t->L->u[1], h * t->L->u[2]};
  sfhet_mag_relax_info info;
  memcpy(to, from, 3 * s->n * sizeof *to);
  SFHET_TRY(sfhet_mag_relax(t->ws, s, H, to, &info));
  *unstable = info.passed_unstable;
  *cont = !info.nucleated && mag_max_rotation(s->n, from, to) <= MAG_STEP;
  return SFHET_OK;
}

int mag_sign(const sfhet_mag_system *s, const double *m, const double *u) {
  double a = mag_mpar(s, m, u);
  return (a > MAG_COMPENSATED) - (a < -MAG_COMPENSATED);
}

static int sign_of(const mag_tracer *t, const double *m) { return mag_sign(t->s, m, t->L->u); }

int mag_reversed(mag_tracer *t, int sign) {
  int rev = sign && t->sign && sign != t->sign;
  if (sign) t->sign = sign;
  return rev;
}

/* Bisection in [lo, hi] (continuous branch from mlo at lo) for where pred changes: pred 0 for a change
 * of the sign of <M>.u (-1, 0 compensated, +1), 1 for an instability onset. Returns the located field in *h. */
static int bisect(mag_tracer *t, double lo, double hi, const double *mlo_in, int pred, double *h) {
  size_t n3 = 3 * t->s->n;
  double *mlo = t->scratch + n3, *m = t->scratch + 2 * n3;
  memcpy(mlo, mlo_in, n3 * sizeof *mlo);
  int sign0 = sign_of(t, mlo);
  for (int it = 0; it < 200 && fabs(hi - lo) > t->tol; it++) {
    double mid = 0.5 * (lo + hi);
    int cont, unst;
    SFHET_TRY(relax_at(t, mid, mlo, m, &cont, &unst));
    int same = pred ? !unst : sign_of(t, m) == sign0;
    if (same && cont) {
      lo = mid;
      memcpy(mlo, m, n3 * sizeof *m);
    } else {
      hi = mid;
    }
  }
  *h = 0.5 * (lo + hi);
  return SFHET_OK;
}

/* An onset inside a continuous step whose relaxation met an indefinite Hessian: bisection for where
 * the minimum followed from m stops being stable in the next field. A large step can meet negative
 * curvature without an onset (the old state is not yet relaxed to the new field); a genuine onset is
 * where the tracked minimum itself becomes singular, so the located point counts only if the lowest
 * Hessian eigenvalue of the minimum there is below 1e-6 of the energy scale. */
static int onset(mag_tracer *t, double h, double hn, const double *m) {
  double x, lam, H[3];
  SFHET_TRY(bisect(t, h, hn, m, 1, &x));
  const double *mlo = t->scratch + 3 * t->s->n; /* the minimum at the lower end of the bracket */
  for (size_t k = 0; k < 3; k++) H[k] = x * t->L->u[k];
  SFHET_TRY(sfhet_mag_min_eig(t->ws, t->s, H, mlo, &lam));
  if (lam > 1e-6 * mag_scale(t->s, H)) return SFHET_OK;
  return mag_push_event(&t->r->onset, &t->r->nonset, &t->cap_onset, (sfhet_mag_event){t->k, x, 0.0});
}

/* A continuous step h -> hn from m to trial: onset and coercive field inside it. */
static int continuous_step(mag_tracer *t, double h, double hn, const double *m, const double *trial,
                           int unstable) {
  double x;
  if (unstable && t->L->refine) SFHET_TRY(onset(t, h, hn, m));
  if (!mag_reversed(t, sign_of(t, trial))) return SFHET_OK;
  if (t->L->refine) {
    SFHET_TRY(bisect(t, h, hn, m, 0, &x));
  } else {
    double a = mag_mpar(t->s, m, t->L->u), b = mag_mpar(t->s, trial, t->L->u);
    x = a == b ? hn : h + (hn - h) * a / (a - b);
  }
  return mag_push_hc(t, x);
}

/* A discontinuity between h and hn: the tracked minimum m is lost, trial is the new minimum. */
static int jump(mag_tracer *t, double h, double hn, const double *m, const double *trial) {
  double x = 0.5 * (h + hn), dM = mag_mpar(t->s, trial, t->L->u) - mag_mpar(t->s, m, t->L->u);
  SFHET_TRY(mag_push_event(&t->r->event, &t->r->nevent, &t->cap_event, (sfhet_mag_event){t->k, x, dM}));
  if (mag_reversed(t, sign_of(t, trial))) SFHET_TRY(mag_push_hc(t, x));
  return SFHET_OK;
}

int mag_follow(mag_tracer *t, double h0, double h1, double *m) {
  size_t n3 = 3 * t->s->n;
  double *trial = t->scratch, h = h0, d = h1 - h0;
  for (int it = 0; h != h1; it++) {
    if (it >= MAG_MAX_SUBSTEPS)
      SFHET_ERROR(SFHET_ENOCONV, "loop tracking between %g T and %g T did not finish after %d "
                  "substeps (try a finer field grid)", h0, h1, it);
    double hn = fabs(d) >= fabs(h1 - h) ? h1 : h + d;
    int cont, unst;
    SFHET_TRY(relax_at(t, hn, m, trial, &cont, &unst));
    if (cont) {
      SFHET_TRY(continuous_step(t, h, hn, m, trial, unst));
      d *= 2;
    } else if (!t->L->refine || fabs(hn - h) <= t->tol) {
      SFHET_TRY(jump(t, h, hn, m, trial));
      d = h1 - hn;
    } else {
      d *= 0.5;
      continue;
    }
    memcpy(m, trial, n3 * sizeof *m);
    h = hn;
  }
  return SFHET_OK;
}
