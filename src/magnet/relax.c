/* Relaxation to a local minimum on the product of unit spheres: Newton in tangent coordinates with the
 * analytic Hessian (Cholesky, LAPACK dpotrf), saddle-free Newton plus a negative-curvature step where the
 * Hessian is indefinite (dsyev), backtracking line search so the energy never increases. */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

#define MAG_MAX_STEP 0.3   /* largest rotation of one moment per iteration [rad] */
#define MAG_ESCAPE 0.1     /* negative-curvature step at an unstable stationary point [rad] */
#define MAG_MAX_ITER 1000

sfhet_mag_ws *sfhet_mag_ws_alloc(size_t n) {
  if (n < 1 || n > SFHET_MAG_MAX) return NULL;
  sfhet_mag_ws *ws = calloc(1, sizeof *ws);
  if (!ws) return NULL;
  size_t dim = 2 * n;
  ws->nmax = n;
  ws->lwork = 64 * dim + 16;
  size_t total = 6 * 3 * n + 3 * dim + 2 * dim * dim + dim + ws->lwork + 4 * 3 * n;
  double *b = calloc(total, sizeof *b);
  if (!b) {
    free(ws);
    return NULL;
  }
  ws->m = b, b += 3 * n;
  ws->mt = b, b += 3 * n;
  ws->G = b, b += 3 * n;
  ws->e1 = b, b += 3 * n;
  ws->e2 = b, b += 3 * n;
  ws->d = b, b += 3 * n;
  ws->g = b, b += dim;
  ws->p = b, b += dim;
  ws->q = b, b += dim;
  ws->h = b, b += dim * dim;
  ws->hc = b, b += dim * dim;
  ws->eig = b, b += dim;
  ws->work = b, b += ws->lwork;
  ws->buf = b;
  return ws;
}

void sfhet_mag_ws_free(sfhet_mag_ws *ws) {
  if (!ws) return;
  free(ws->m); /* the first array owns the block */
  free(ws);
}

static void frame(const double *m, double *e1, double *e2, int planar) {
  if (planar) { /* e1 = y x m in the xz plane, e2 = m x e1 = -y (never used) */
    double nn = hypot(m[0], m[2]);
    e1[0] = m[2] / nn, e1[1] = 0.0, e1[2] = -m[0] / nn;
    e2[0] = 0.0, e2[1] = -1.0, e2[2] = 0.0;
    return;
  }
  int k = 0;
  for (int c = 1; c < 3; c++)
    if (fabs(m[c]) < fabs(m[k])) k = c;
  double t[3] = {0, 0, 0};
  t[k] = 1.0;
  double d = m[k], nn = 0;
  for (size_t c = 0; c < 3; c++) {
    e1[c] = t[c] - d * m[c];
    nn += e1[c] * e1[c];
  }
  nn = 1.0 / sqrt(nn);
  for (size_t c = 0; c < 3; c++) e1[c] *= nn;
  e2[0] = m[1] * e1[2] - m[2] * e1[1];
  e2[1] = m[2] * e1[0] - m[0] * e1[2];
  e2[2] = m[0] * e1[1] - m[1] * e1[0];
}

static double dot3(const double *a, const double *b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

/* Tangent Hessian: e_a^i . B_ij . e_b^j - delta_ij delta_ab (G_i . m_i), column-major dim x dim. */
static void hessian(sfhet_mag_ws *ws) {
  const sfhet_mag_system *s = ws->sys;
  size_t n = ws->n, dim = ws->dim;
  double *h = ws->h;
  memset(h, 0, dim * dim * sizeof *h);
  for (size_t i = 0; i < n; i++) {
    const double *e[2] = {ws->e1 + 3 * i, ws->e2 + 3 * i};
    double gm = dot3(ws->G + 3 * i, ws->m + 3 * i);
    for (size_t a = 0; a < 2; a++)
      for (size_t b = 0; b < 2; b++) {
        double v = -2.0 * s->K[i] * dot3(e[a], s->axis[i]) * dot3(e[b], s->axis[i]);
        h[(2 * i + a) + dim * (2 * i + b)] = v - (a == b ? gm : 0.0);
      }
  }
  for (size_t k = 0; k < s->npair; k++) {
    const sfhet_mag_pair *pr = &s->pair[k];
    const double *ei[2] = {ws->e1 + 3 * pr->i, ws->e2 + 3 * pr->i};
    const double *ej[2] = {ws->e1 + 3 * pr->j, ws->e2 + 3 * pr->j};
    for (size_t a = 0; a < 2; a++)
      for (size_t b = 0; b < 2; b++) {
        double v = 0;
        for (size_t c = 0; c < 3; c++) v += pr->J[c] * ei[a][c] * ej[b][c];
        size_t r = 2 * pr->i + a, col = 2 * pr->j + b;
        h[r + dim * col] += v;
        h[col + dim * r] += v;
      }
  }
}

/* Planar systems: the e2 (out-of-plane) coordinates are decoupled with curvature S and zero gradient,
 * so Newton steps never leave the xz plane. */
static void freeze_out_of_plane(sfhet_mag_ws *ws) {
  size_t dim = ws->dim;
  for (size_t i = 0; i < ws->n; i++) {
    size_t r = 2 * i + 1;
    for (size_t c = 0; c < dim; c++) ws->h[r + dim * c] = ws->h[c + dim * r] = 0.0;
    ws->h[r + dim * r] = ws->scale;
  }
}

/* Axis c of a continuous rotational symmetry (field, anisotropy axes and couplings all symmetric about
 * it), or 0. */
static int symmetry_axis(const sfhet_mag_system *s, const double *H, double *c) {
  if (s->planar) return 0;
  double hn = sqrt(dot3(H, H));
  if (hn > 0) {
    for (size_t k = 0; k < 3; k++) c[k] = H[k] / hn;
  } else {
    c[0] = c[1] = 0, c[2] = 1;
    for (size_t i = 0; i < s->n; i++)
      if (s->K[i] != 0) {
        memcpy(c, s->axis[i], 3 * sizeof *c);
        break;
      }
  }
  for (size_t i = 0; i < s->n; i++)
    if (s->K[i] != 0 && fabs(fabs(dot3(c, s->axis[i])) - 1.0) > 1e-14) return 0;
  int along_z = fabs(fabs(c[2]) - 1.0) <= 1e-14;
  for (size_t k = 0; k < s->npair; k++) {
    const double *J = s->pair[k].J;
    int iso = J[0] == J[1] && J[1] == J[2];
    if (!iso && !(along_z && J[0] == J[1])) return 0;
  }
  return 1;
}

/* Removes the zero mode of a rotational symmetry (global rotation about the axis, which leaves the
 * energy unchanged) by adding scale * v v^T for the normalised generator v: no drift along the
 * degenerate direction and no spurious negative curvature of order |g| along it. */
static void gauge_fix(sfhet_mag_ws *ws) {
  size_t n = ws->n, dim = ws->dim;
  double nn = 0;
  for (size_t i = 0; i < n; i++) {
    const double *m = ws->m + 3 * i, *c = ws->axis;
    double v[3] = {c[1] * m[2] - c[2] * m[1], c[2] * m[0] - c[0] * m[2], c[0] * m[1] - c[1] * m[0]};
    ws->q[2 * i] = dot3(v, ws->e1 + 3 * i);
    ws->q[2 * i + 1] = dot3(v, ws->e2 + 3 * i);
    nn += ws->q[2 * i] * ws->q[2 * i] + ws->q[2 * i + 1] * ws->q[2 * i + 1];
  }
  if (nn < 1e-12) return; /* all moments on the axis: no zero mode */
  for (size_t r = 0; r < dim; r++)
    for (size_t c = 0; c < dim; c++) ws->h[r + dim * c] += ws->scale * ws->q[r] * ws->q[c] / nn;
}

int mag_eigen(sfhet_mag_ws *ws) {
  size_t dim = ws->dim;
  memcpy(ws->hc, ws->h, dim * dim * sizeof *ws->h);
  int info = LAPACKE_dsyev_work(LAPACK_COL_MAJOR, 'V', 'L', (lapack_int)dim, ws->hc, (lapack_int)dim,
                                ws->eig, ws->work, (lapack_int)ws->lwork);
  ws->min_eig = info ? NAN : ws->eig[0];
  return info;
}

/* Cholesky in hc; positive definite when it succeeds with pivots above the tolerance. */
static int cholesky(sfhet_mag_ws *ws) {
  size_t dim = ws->dim;
  memcpy(ws->hc, ws->h, dim * dim * sizeof *ws->h);
  if (LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', (lapack_int)dim, ws->hc, (lapack_int)dim)) return 0;
  for (size_t k = 0; k < dim; k++)
    if (ws->hc[k + dim * k] * ws->hc[k + dim * k] <= ws->eigtol) return 0;
  return 1;
}

void mag_derivs(sfhet_mag_ws *ws) {
  size_t n = ws->n;
  sfhet_mag_gradient(ws->sys, ws->H, ws->m, ws->G);
  ws->gnorm = 0;
  for (size_t i = 0; i < n; i++) {
    frame(ws->m + 3 * i, ws->e1 + 3 * i, ws->e2 + 3 * i, ws->sys->planar);
    ws->g[2 * i] = dot3(ws->G + 3 * i, ws->e1 + 3 * i);
    ws->g[2 * i + 1] = ws->sys->planar ? 0.0 : dot3(ws->G + 3 * i, ws->e2 + 3 * i);
    ws->gnorm = fmax(ws->gnorm, fmax(fabs(ws->g[2 * i]), fabs(ws->g[2 * i + 1])));
  }
  hessian(ws);
  if (ws->sys->planar) freeze_out_of_plane(ws);
  if (ws->has_axis) gauge_fix(ws);
  ws->pd = cholesky(ws);
  ws->min_eig = NAN;
  if (!ws->pd) mag_eigen(ws); /* eigenvectors stay in hc for the step */
}

void mag_retract(const sfhet_mag_ws *ws, const double *m, const double *p, double alpha,
                 double *mt, double *d) {
  for (size_t i = 0; i < ws->n; i++) {
    double u[3], uu = 0;
    for (size_t c = 0; c < 3; c++) {
      u[c] = alpha * (p[2 * i] * ws->e1[3 * i + c] + p[2 * i + 1] * ws->e2[3 * i + c]);
      uu += u[c] * u[c];
    }
    double nn = sqrt(1.0 + uu), shrink = uu / (nn + 1.0); /* |m + u| - 1 without cancellation */
    for (size_t c = 0; c < 3; c++) {
      double dc = (u[c] - shrink * m[3 * i + c]) / nn;
      if (d) d[3 * i + c] = dc;
      mt[3 * i + c] = (m[3 * i + c] + u[c]) / nn;
    }
  }
}

static int setup(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H, const double *m,
                 int nucleate) {
  if (!ws || sys->n > ws->nmax)
    SFHET_ERROR(SFHET_EINVAL, "workspace too small for %zu moments", sys->n);
  ws->sys = sys;
  ws->n = sys->n;
  ws->dim = 2 * sys->n;
  memcpy(ws->H, H, sizeof ws->H);
  for (size_t i = 0; i < sys->n; i++) {
    double v[3] = {m[3 * i], sys->planar ? 0.0 : m[3 * i + 1], m[3 * i + 2]};
    double nn = sqrt(dot3(v, v));
    if (!(nn > 0) || !isfinite(nn))
      SFHET_ERROR(SFHET_EINVAL, "moment %zu has zero or non-finite length%s", i,
                  sys->planar ? " in the xz plane" : "");
    for (size_t c = 0; c < 3; c++) ws->m[3 * i + c] = v[c] / nn;
  }
  ws->scale = mag_scale(sys, H);
  ws->gtol = 1e-11 * ws->scale;
  ws->eigtol = 1e-9 * ws->scale;
  ws->nucleated = nucleate ? mag_nucleate(sys, H, ws->m) : 0;
  ws->has_axis = symmetry_axis(sys, H, ws->axis);
  ws->stuck = ws->passed_unstable = 0;
  ws->iter = 0;
  ws->E = sfhet_mag_energy(sys, H, ws->m);
  mag_derivs(ws);
  return SFHET_OK;
}

int sfhet_mag_relax_init(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                         const double *m) {
  return setup(ws, sys, H, m, 1);
}

/* Saddle-free Newton step from the eigen-decomposition in hc/eig, plus an escape along the most
 * negative mode (its sign by descent, or towards the bias direction (1, 1/2, 1/4) when g = 0, or
 * force_sign when nonzero); returns the sign of the escape (0: none). */
static double indefinite_step(sfhet_mag_ws *ws, double force_sign) {
  size_t dim = ws->dim;
  const double floor_ = 1e-8 * ws->scale; /* steps are clamped and line-searched anyway */
  memset(ws->p, 0, dim * sizeof *ws->p);
  for (size_t k = 0; k < dim; k++) {
    const double *v = ws->hc + dim * k;
    double vg = 0;
    for (size_t r = 0; r < dim; r++) vg += v[r] * ws->g[r];
    double lam = fmax(fabs(ws->eig[k]), floor_);
    for (size_t r = 0; r < dim; r++) ws->p[r] -= vg / lam * v[r];
  }
  /* Away from stationary points a symmetry (Goldstone) mode can show a curvature of order |g|; only
   * curvature clearly below that counts as an instability. */
  double guard = ws->gnorm > ws->gtol ? 2.0 * ws->gnorm : 0.0; /* none at a stationary point */
  if (!(ws->eig[0] < -(ws->eigtol + guard))) return 0.0;
  ws->passed_unstable = 1;
  const double *v = ws->hc;
  double vg = 0, bias = 0;
  for (size_t r = 0; r < dim; r++) vg += v[r] * ws->g[r];
  for (size_t i = 0; i < ws->n; i++)
    for (size_t c = 0; c < 3; c++) {
      double d = v[2 * i] * ws->e1[3 * i + c] + v[2 * i + 1] * ws->e2[3 * i + c];
      bias += d * (c == 0 ? 1.0 : c == 1 ? 0.5 : 0.25);
    }
  double sgn = fabs(vg) > ws->gtol ? (vg > 0 ? -1.0 : 1.0) : (bias >= 0 ? 1.0 : -1.0);
  if (force_sign != 0) sgn = force_sign;
  for (size_t r = 0; r < dim; r++) ws->p[r] += sgn * MAG_ESCAPE * v[r];
  return sgn;
}

static void clamp_step(sfhet_mag_ws *ws) {
  double big = 0;
  for (size_t i = 0; i < ws->n; i++) big = fmax(big, hypot(ws->p[2 * i], ws->p[2 * i + 1]));
  if (big > MAG_MAX_STEP)
    for (size_t r = 0; r < ws->dim; r++) ws->p[r] *= MAG_MAX_STEP / big;
}

/* Backtracking (Armijo) line search along p; accepts rounding-level changes only. */
/* Largest tangent-gradient length over the moments of state m, from the Euclidean gradient G at m. */
static double tangent_norm(const sfhet_mag_ws *ws, const double *m, const double *G) {
  double big = 0;
  for (size_t i = 0; i < ws->n; i++) {
    const double *a = m + 3 * i, *g = G + 3 * i;
    double gm = dot3(g, a), t[3] = {g[0] - gm * a[0], g[1] - gm * a[1], g[2] - gm * a[2]};
    if (ws->sys->planar) t[1] = 0.0;
    big = fmax(big, sqrt(dot3(t, t)));
  }
  return big;
}

static int line_search(sfhet_mag_ws *ws) {
  double slope = 0;
  for (size_t r = 0; r < ws->dim; r++) slope += ws->g[r] * ws->p[r];
  if (slope > ws->gtol * MAG_MAX_STEP) return 0; /* not a descent direction */
  if (slope > 0) slope = 0;                      /* rounding-level slope at a stationary point */
  double g0 = tangent_norm(ws, ws->m, ws->G);
  for (double alpha = 1.0; alpha > 1e-12; alpha *= 0.5) {
    mag_retract(ws, ws->m, ws->p, alpha, ws->mt, ws->d);
    double size, dE = mag_energy_change(ws->sys, ws->H, ws->m, ws->d, &size), round = 8e-16 * size;
    int ok = dE <= 1e-4 * alpha * slope + round && (dE < 0 || slope < 0);
    if (!ok && fabs(dE) <= round) { /* energy flat to rounding (quartic minimum): use |g| */
      sfhet_mag_gradient(ws->sys, ws->H, ws->mt, ws->G);
      ok = tangent_norm(ws, ws->mt, ws->G) < 0.9 * g0;
    }
    if (ok) {
      memcpy(ws->m, ws->mt, 3 * ws->n * sizeof *ws->m);
      ws->E = sfhet_mag_energy(ws->sys, ws->H, ws->m);
      return 1;
    }
  }
  return 0;
}

int sfhet_mag_relax_iterate(sfhet_mag_ws *ws) {
  size_t dim = ws->dim;
  double escape = 0;
  if (ws->pd) {
    for (size_t r = 0; r < dim; r++) ws->p[r] = -ws->g[r];
    LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', (lapack_int)dim, 1, ws->hc, (lapack_int)dim, ws->p,
                        (lapack_int)dim);
  } else {
    escape = indefinite_step(ws, 0.0);
  }
  clamp_step(ws);
  int ok = line_search(ws);
  if (!ok && escape != 0) { /* near a fold the cubic term decides: the other way round */
    indefinite_step(ws, -escape);
    clamp_step(ws);
    ok = line_search(ws);
  }
  if (!ok) {
    for (size_t r = 0; r < dim; r++) ws->p[r] = -ws->g[r] / ws->scale;
    clamp_step(ws);
    ok = line_search(ws);
  }
  ws->iter++;
  if (!ok) {
    ws->stuck = 1;
    return SFHET_OK;
  }
  mag_derivs(ws);
  return SFHET_OK;
}

static int stable(const sfhet_mag_ws *ws) { return ws->pd || ws->min_eig >= -ws->eigtol; }

int sfhet_mag_relax_test(const sfhet_mag_ws *ws) {
  if (ws->gnorm <= ws->gtol && stable(ws)) return SFHET_OK;
  if (ws->stuck) return (ws->gnorm <= 1e3 * ws->gtol && stable(ws)) ? SFHET_OK : SFHET_ENOCONV;
  return SFHET_CONTINUE;
}

const double *sfhet_mag_relax_state(const sfhet_mag_ws *ws) { return ws->m; }

int sfhet_mag_relax(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H, double *m,
                    sfhet_mag_relax_info *info) {
  SFHET_TRY(sfhet_mag_relax_init(ws, sys, H, m));
  int st = SFHET_CONTINUE;
  while ((st = sfhet_mag_relax_test(ws)) == SFHET_CONTINUE && ws->iter < MAG_MAX_ITER)
    sfhet_mag_relax_iterate(ws);
  if (st == SFHET_CONTINUE && ws->gnorm <= 1e3 * ws->gtol && stable(ws)) st = SFHET_OK; /* slow (quartic) tail */
  if (info) {
    info->n_iter = ws->iter;
    info->energy = ws->E;
    info->grad_norm = ws->gnorm;
    info->min_eig = ws->pd ? NAN : ws->min_eig;
    info->passed_unstable = ws->passed_unstable;
    info->nucleated = ws->nucleated;
  }
  if (st != SFHET_OK)
    SFHET_ERROR(SFHET_ENOCONV,
                "magnetisation relaxation did not converge in field (%g, %g, %g) T after %zu "
                "iterations (gradient %.3g); try a finer field grid or other parameters",
                H[0], H[1], H[2], ws->iter, ws->gnorm);
  memcpy(m, ws->m, 3 * sys->n * sizeof *m);
  return SFHET_OK;
}

int sfhet_mag_min_eig(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                      const double *m, double *min_eig) {
  SFHET_TRY(setup(ws, sys, H, m, 0));
  if (mag_eigen(ws)) SFHET_ERROR(SFHET_EFAILED, "eigenvalue computation failed");
  *min_eig = ws->eig[0];
  return SFHET_OK;
}
