/* Geodesic nudged elastic band with a climbing image on the product of unit spheres (Bessarab, Uzdin &
 * Jónsson, Comput. Phys. Commun. 196, 335 (2015); Henkelman, Uberuaga & Jónsson, J. Chem. Phys. 113,
 * 9901 (2000)): images between two fixed minima, tangents by the energy-weighted upwind scheme, springs
 * on geodesic distances, the highest image climbing along the path, velocity-projection optimisation. */
#include <math.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

#define NEB_MAX_ITER 30000
#define NEB_DT 0.2      /* time step of the velocity projection, in units of 1/sqrt(S) */
#define NEB_MAX_ROT 0.05 /* largest rotation of a moment per step [rad] */

static double dot(const double *a, const double *b, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/* Removes the radial part of v at each moment of m (and the y part for planar systems). */
static void project(const sfhet_mag_system *s, const double *m, double *v) {
  for (size_t i = 0; i < s->n; i++) {
    double *x = v + 3 * i;
    const double *a = m + 3 * i;
    double r = x[0] * a[0] + x[1] * a[1] + x[2] * a[2];
    for (size_t c = 0; c < 3; c++) x[c] -= r * a[c];
    if (s->planar) x[1] = 0.0;
  }
}

/* Geodesic distance between two states: sqrt(sum of squared rotation angles). */
static double geo_dist(size_t n, const double *a, const double *b) {
  double s = 0;
  for (size_t i = 0; i < n; i++) {
    double c = a[3 * i] * b[3 * i] + a[3 * i + 1] * b[3 * i + 1] + a[3 * i + 2] * b[3 * i + 2];
    double t = acos(fmax(-1.0, fmin(1.0, c)));
    s += t * t;
  }
  return sqrt(s);
}

/* Upwind tangent at image i (Henkelman & Jónsson), projected and normalised, into tau. */
static void tangent(const sfhet_mag_system *s, const double *img, const double *E, size_t i, double *tau) {
  size_t n3 = 3 * s->n;
  const double *a = img + (i - 1) * n3, *m = img + i * n3, *b = img + (i + 1) * n3;
  double dp = E[i + 1] - E[i], dm = E[i] - E[i - 1], wp, wm;
  if (dp > 0 && dm > 0) wp = 1, wm = 0;
  else if (dp < 0 && dm < 0) wp = 0, wm = 1;
  else {
    double big = fmax(fabs(dp), fabs(dm)), small = fmin(fabs(dp), fabs(dm));
    wp = E[i + 1] > E[i - 1] ? big : small;
    wm = E[i + 1] > E[i - 1] ? small : big;
  }
  for (size_t k = 0; k < n3; k++) tau[k] = wp * (b[k] - m[k]) + wm * (m[k] - a[k]);
  project(s, m, tau);
  double nn = sqrt(dot(tau, tau, n3));
  for (size_t k = 0; k < n3 && nn > 0; k++) tau[k] /= nn;
}

/* NEB force on image i (climbing when ci) into F; returns its norm. */
static double force(const sfhet_mag_system *s, const double *H, const double *img, const double *E,
                    size_t i, int ci, double kspring, double *F, double *tau) {
  size_t n3 = 3 * s->n;
  const double *m = img + i * n3;
  sfhet_mag_gradient(s, H, m, F);
  project(s, m, F);
  tangent(s, img, E, i, tau);
  double gt = dot(F, tau, n3);
  double dpl = geo_dist(s->n, m, m + n3), dmi = geo_dist(s->n, m - n3, m);
  for (size_t k = 0; k < n3; k++) {
    F[k] = -F[k] + gt * tau[k];
    F[k] += ci ? gt * tau[k] : kspring * (dpl - dmi) * tau[k];
  }
  return sqrt(dot(F, F, n3));
}

/* Moves image m by step v (tangent vectors), at most NEB_MAX_ROT per moment, back onto the spheres. */
static void move(const sfhet_mag_system *s, double *m, const double *v, double dt) {
  double big = 0;
  for (size_t i = 0; i < s->n; i++) big = fmax(big, dt * sqrt(dot(v + 3 * i, v + 3 * i, 3)));
  double a = big > NEB_MAX_ROT ? NEB_MAX_ROT / big : 1.0;
  for (size_t i = 0; i < s->n; i++) {
    double *x = m + 3 * i;
    for (size_t c = 0; c < 3; c++) x[c] += a * dt * v[3 * i + c];
    double nn = sqrt(dot(x, x, 3));
    for (size_t c = 0; c < 3; c++) x[c] /= nn;
  }
}

int mag_neb(const sfhet_mag_system *s, const double *H, double *img, size_t nimg, double scale,
            double *work, size_t *climb) {
  size_t n3 = 3 * s->n;
  double *E = work, *F = E + nimg, *vel = F + nimg * n3, *tau = vel + nimg * n3;
  double dt = NEB_DT / sqrt(scale), kspring = scale, ftol = 1e-6 * scale;
  memset(vel, 0, nimg * n3 * sizeof *vel);
  for (size_t i = 0; i < nimg; i++) E[i] = sfhet_mag_energy(s, H, img + i * n3);
  for (int it = 0; it < NEB_MAX_ITER; it++) {
    size_t top = 1;
    for (size_t i = 2; i + 1 < nimg; i++)
      if (E[i] > E[top]) top = i;
    *climb = top;
    double fbig = 0;
    for (size_t i = 1; i + 1 < nimg; i++)
      fbig = fmax(fbig, force(s, H, img, E, i, it > 100 && i == top, kspring, F + i * n3, tau));
    if (it > 100 && fbig < ftol) return SFHET_OK;
    for (size_t i = 1; i + 1 < nimg; i++) {
      double *v = vel + i * n3, *f = F + i * n3, vf = dot(v, f, n3), ff = dot(f, f, n3);
      for (size_t k = 0; k < n3; k++) v[k] = (vf > 0 && ff > 0 ? vf / ff * f[k] : 0.0) + dt * f[k];
      move(s, img + i * n3, v, dt);
      project(s, img + i * n3, v); /* keep the velocity tangent at the new position */
      E[i] = sfhet_mag_energy(s, H, img + i * n3);
    }
  }
  return SFHET_ENOCONV;
}
