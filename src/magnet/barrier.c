/* Energy barrier out of a local minimum A: the other local minima are collected by multi-start
 * relaxation; for each, climbing-image geodesic NEB paths (neb.c) from several initial paths (moments
 * that reverse may turn either way round: through each of the directions perpendicular to them) give a
 * climbing image near the highest saddle of the path. Newton's method on the gradient polishes it to a
 * stationary point, accepted as a first-order saddle when the tangent Hessian has exactly one negative
 * eigenvalue and relaxing off it downhill along that mode reaches A on one side and another state on
 * the other. The barrier is the lowest accepted saddle energy minus E_A. No assumption on the shape of
 * the saddle is made. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

#define BAR_NIMG 21        /* images of a path, ends included */
#define BAR_MAX_TARGETS 12 /* other minima tried */
#define BAR_MAX_PATHS 16   /* initial paths per target */
#define BAR_SAME 1e-3      /* rotation [rad] below which two minima are the same state */

typedef struct {
  sfhet_mag_ws *ws;
  const sfhet_mag_system *s;
  const double *H;
  size_t n3;
  double scale, EA;
  const double *A;
  double *mins, *img, *work, *tmp, *sad, *mode;
  size_t nmin;
} bar_ctx;

static double dot3(const double *a, const double *b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

/* Other local minima than A from the multi-start set, A reversed and A with single moments reversed. */
static int collect_minima(bar_ctx *c) {
  const sfhet_mag_system *s = c->s;
  double hn = sqrt(dot3(c->H, c->H)), u[3] = {0, 0, 1};
  if (hn > 0)
    for (size_t k = 0; k < 3; k++) u[k] = c->H[k] / hn;
  size_t nflip = s->n <= 8 ? s->n : 0;
  for (size_t q = 0; c->nmin < BAR_MAX_TARGETS; q++) {
    double *m = c->tmp;
    if (q == 0 || q <= nflip) { /* A reversed, or A with moment q-1 reversed */
      for (size_t k = 0; k < c->n3; k++) m[k] = (q == 0 || k / 3 == q - 1) ? -c->A[k] : c->A[k];
    } else if (!mag_start_state(s, u, q - 1 - nflip, m)) {
      break;
    }
    for (size_t i = 0; s->planar && i < s->n; i++)
      if (hypot(m[3 * i], m[3 * i + 2]) < 1e-6) m[3 * i] = 1.0;
    for (size_t i = 0; i < s->n; i++) /* break exact symmetry of the start */
      for (size_t k = 0; k < 3; k++) m[3 * i + k] += 1e-4 * (k == 0 ? 1.0 : k == 1 ? 0.5 : 0.25);
    if (sfhet_mag_relax(c->ws, s, c->H, m, NULL)) continue;
    int known = mag_max_rotation(s->n, m, c->A) < BAR_SAME;
    for (size_t j = 0; !known && j < c->nmin; j++)
      known = mag_max_rotation(s->n, m, c->mins + j * c->n3) < BAR_SAME;
    if (!known) memcpy(c->mins + c->nmin++ * c->n3, m, c->n3 * sizeof *m);
  }
  sfhet_clear_error();
  return SFHET_OK;
}

/* Point at fraction t of the great circle from a to b (unit vectors, not antipodal) into m. */
static void slerp(const double *a, const double *b, double t, double *m) {
  double c = fmax(-1.0, fmin(1.0, dot3(a, b))), w = acos(c), sw = sin(w);
  double fa = w < 1e-9 ? 1.0 - t : sin((1.0 - t) * w) / sw, fb = w < 1e-9 ? t : sin(t * w) / sw;
  double nn = 0;
  for (size_t k = 0; k < 3; k++) m[k] = fa * a[k] + fb * b[k], nn += m[k] * m[k];
  for (size_t k = 0; k < 3; k++) m[k] /= sqrt(nn);
}

/* Direction perpendicular to a through which a reversing moment turns: choice 0..1 (planar, in the
 * xz plane) or 0..3 (the two perpendicular axes, both signs). */
static void via(const double *a, int planar, int choice, double *w) {
  double e1[3], e2[3];
  if (planar) {
    e1[0] = a[2], e1[1] = 0, e1[2] = -a[0];
  } else {
    int k = fabs(a[0]) <= fabs(a[1]) && fabs(a[0]) <= fabs(a[2]) ? 0 : fabs(a[1]) <= fabs(a[2]) ? 1 : 2;
    double r[3] = {0, 0, 0};
    r[k] = 1;
    e1[0] = r[1] * a[2] - r[2] * a[1], e1[1] = r[2] * a[0] - r[0] * a[2], e1[2] = r[0] * a[1] - r[1] * a[0];
  }
  double nn = sqrt(dot3(e1, e1));
  for (size_t k = 0; k < 3; k++) e1[k] /= nn;
  e2[0] = a[1] * e1[2] - a[2] * e1[1], e2[1] = a[2] * e1[0] - a[0] * e1[2], e2[2] = a[0] * e1[1] - a[1] * e1[0];
  const double *e = choice < 2 || planar ? e1 : e2;
  double sg = choice % 2 ? -1.0 : 1.0;
  for (size_t k = 0; k < 3; k++) w[k] = sg * e[k];
}

/* Initial path number combo from A to B into c->img; 0 when combo is past the last one. */
static int initial_path(const bar_ctx *c, const double *B, size_t combo) {
  const sfhet_mag_system *s = c->s;
  size_t nch = s->planar ? 2 : 4, total = 1, digits = combo;
  for (size_t i = 0; i < s->n; i++)
    if (dot3(c->A + 3 * i, B + 3 * i) < -0.99 && total < BAR_MAX_PATHS) total *= nch;
  if (combo >= total) return 0;
  for (size_t i = 0; i < s->n; i++) {
    const double *a = c->A + 3 * i, *b = B + 3 * i;
    int anti = dot3(a, b) < -0.99;
    double w[3];
    if (anti) via(a, s->planar, (int)(digits % nch), w), digits /= nch;
    for (size_t p = 0; p < BAR_NIMG; p++) {
      double t = (double)p / (BAR_NIMG - 1), *m = c->img + p * c->n3 + 3 * i;
      if (!anti) slerp(a, b, t, m);
      else if (t <= 0.5) slerp(a, w, 2 * t, m);
      else slerp(w, b, 2 * t - 1, m);
    }
  }
  return 1;
}

/* Newton's method on the gradient from m to a stationary point; first-order saddle test. The saddle
 * is left in c->sad, its unstable mode (tangent coordinates, columns of hc) in c->mode. */
static int polish(bar_ctx *c, const double *m, double *Es) {
  sfhet_mag_ws *ws = c->ws;
  double e0;
  SFHET_TRY(sfhet_mag_min_eig(ws, c->s, c->H, m, &e0));
  size_t dim = ws->dim;
  for (int it = 0; it < 200; it++) {
    mag_derivs(ws);
    if (mag_eigen(ws)) return SFHET_EFAILED;
    if (ws->gnorm <= 1e-11 * ws->scale) break;
    memset(ws->p, 0, dim * sizeof *ws->p);
    for (size_t k = 0; k < dim; k++) {
      const double *v = ws->hc + dim * k;
      double vg = 0;
      for (size_t r = 0; r < dim; r++) vg += v[r] * ws->g[r];
      if (fabs(ws->eig[k]) > 1e-12 * ws->scale)
        for (size_t r = 0; r < dim; r++) ws->p[r] -= vg / ws->eig[k] * v[r];
    }
    double big = 0;
    for (size_t i = 0; i < ws->n; i++) big = fmax(big, hypot(ws->p[2 * i], ws->p[2 * i + 1]));
    mag_retract(ws, ws->m, ws->p, big > 0.1 ? 0.1 / big : 1.0, ws->mt, NULL);
    memcpy(ws->m, ws->mt, c->n3 * sizeof *ws->m);
  }
  if (ws->gnorm > 1e-9 * ws->scale) return SFHET_ENOCONV;
  size_t neg = 0;
  for (size_t k = 0; k < dim; k++) neg += ws->eig[k] < -ws->eigtol;
  if (neg != 1) return SFHET_ENOSOL;
  memcpy(c->sad, ws->m, c->n3 * sizeof *c->sad);
  /* the unstable mode as a Euclidean displacement per moment */
  for (size_t i = 0; i < ws->n; i++)
    for (size_t k = 0; k < 3; k++)
      c->mode[3 * i + k] = ws->hc[2 * i] * ws->e1[3 * i + k] + ws->hc[2 * i + 1] * ws->e2[3 * i + k];
  *Es = sfhet_mag_energy(c->s, c->H, c->sad);
  return SFHET_OK;
}

/* Whether relaxing off the saddle along +-mode reaches A on one side and another state on the other. */
static int connects(bar_ctx *c) {
  int toA = 0, away = 0;
  for (int sg = -1; sg <= 1; sg += 2) {
    double *m = c->tmp;
    for (size_t k = 0; k < c->n3; k++) m[k] = c->sad[k] + 0.02 * sg * c->mode[k];
    if (sfhet_mag_relax(c->ws, c->s, c->H, m, NULL)) {
      sfhet_clear_error();
      return 0;
    }
    double E = sfhet_mag_energy(c->s, c->H, m);
    int isA = fabs(E - c->EA) <= 1e-9 * c->scale && mag_max_rotation(c->s->n, m, c->A) < 0.1;
    toA |= isA, away |= !isA;
  }
  return toA && away;
}

/* Lowest verified saddle over all targets and initial paths (INFINITY if none). */
static double lowest_saddle(bar_ctx *c) {
  double best = INFINITY;
  for (size_t j = 0; j < c->nmin; j++) {
    const double *B = c->mins + j * c->n3;
    memcpy(c->img + (BAR_NIMG - 1) * c->n3, B, c->n3 * sizeof *B);
    for (size_t combo = 0; initial_path(c, B, combo); combo++) {
      size_t top;
      mag_neb(c->s, c->H, c->img, BAR_NIMG, c->scale, c->work, &top);
      double Es;
      if (polish(c, c->img + top * c->n3, &Es) == SFHET_OK && Es - c->EA > 1e-9 * c->scale &&
          Es < best && connects(c))
        best = Es;
      sfhet_clear_error();
    }
  }
  return best;
}

int sfhet_mag_barrier(sfhet_mag_ws *ws, const sfhet_mag_system *s, const double *H,
                      const double *m, double *barrier) {
  size_t n3 = 3 * s->n;
  size_t need = BAR_MAX_TARGETS * n3 + BAR_NIMG * n3 + BAR_NIMG * (2 * n3 + 1) + 5 * n3;
  double *buf = malloc(need * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory for the barrier search");
  bar_ctx c = {.ws = ws, .s = s, .H = H, .n3 = n3, .scale = mag_scale(s, H)};
  c.mins = buf, c.img = c.mins + BAR_MAX_TARGETS * n3, c.work = c.img + BAR_NIMG * n3;
  double *A = c.work + BAR_NIMG * (2 * n3 + 1) + n3;
  c.tmp = A + n3, c.sad = c.tmp + n3, c.mode = c.sad + n3;
  memcpy(A, m, n3 * sizeof *A);
  int st = sfhet_mag_relax(ws, s, H, A, NULL);
  if (!st) {
    c.A = A;
    c.EA = sfhet_mag_energy(s, H, A);
    memcpy(c.img, A, n3 * sizeof *A);
    st = collect_minima(&c);
  }
  double best = st ? INFINITY : lowest_saddle(&c);
  free(buf);
  if (st) return st;
  if (!isfinite(best))
    SFHET_ERROR(SFHET_ENOSOL, "no first-order saddle between the minimum and another minimum in field "
                "(%g, %g, %g) T (it may be the only minimum at this field, or one of a continuum)",
                H[0], H[1], H[2]);
  *barrier = best - c.EA;
  return SFHET_OK;
}
