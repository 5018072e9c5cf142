/* Energy barrier out of a local minimum: eigenvector following (partitioned rational-function steps,
 * uphill along the lowest Hessian mode, downhill along the others) to a first-order saddle. */
#include <math.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

#define BAR_TRUST 0.05 /* largest rotation per step [rad] */
#define BAR_ITER 4000

/* One search from the minimum mmin, first kicked along +/- the lowest mode; saddle energy or NAN. */
static double search(sfhet_mag_ws *ws, const sfhet_mag_system *s, const double *H,
                     const double *mmin, double sign) {
  if (sfhet_mag_min_eig(ws, s, H, mmin, &(double){0})) return NAN;
  size_t dim = ws->dim;
  for (int it = 0; it < BAR_ITER; it++) {
    mag_derivs(ws);
    if (mag_eigen(ws)) return NAN;
    int at_saddle = ws->eig[0] < -ws->eigtol && (dim < 2 || ws->eig[1] > -ws->eigtol);
    if (it > 0 && ws->gnorm <= 1e-9 * ws->scale && at_saddle) return ws->E;
    memset(ws->p, 0, dim * sizeof *ws->p);
    for (size_t k = 0; k < dim; k++) {
      const double *v = ws->hc + dim * k;
      double gk = 0;
      for (size_t r = 0; r < dim; r++) gk += v[r] * ws->g[r];
      double lam = fabs(ws->eig[k]), d = 2.0 * gk / (lam + sqrt(lam * lam + 4.0 * gk * gk) + 1e-300);
      double step = k == 0 ? (it == 0 ? sign * BAR_TRUST : d) : -d;
      for (size_t r = 0; r < dim; r++) ws->p[r] += step * v[r];
    }
    double big = 0;
    for (size_t i = 0; i < ws->n; i++) big = fmax(big, hypot(ws->p[2 * i], ws->p[2 * i + 1]));
    double a = big > BAR_TRUST ? BAR_TRUST / big : 1.0;
    mag_retract(ws, ws->m, ws->p, a, ws->mt);
    memcpy(ws->m, ws->mt, 3 * ws->n * sizeof *ws->m);
    ws->E = sfhet_mag_energy(s, H, ws->m);
  }
  return NAN;
}

int sfhet_mag_barrier(sfhet_mag_ws *ws, const sfhet_mag_system *s, const double *H,
                      const double *m, double *barrier) {
  size_t n3 = 3 * s->n;
  double *mmin = ws->buf + 2 * n3;
  memcpy(mmin, m, n3 * sizeof *m);
  SFHET_TRY(sfhet_mag_relax(ws, s, H, mmin, NULL));
  double E0 = sfhet_mag_energy(s, H, mmin), best = INFINITY;
  for (int sg = -1; sg <= 1; sg += 2) {
    double Es = search(ws, s, H, mmin, (double)sg);
    if (isfinite(Es) && Es - E0 < best) best = Es - E0;
  }
  if (!isfinite(best))
    SFHET_ERROR(SFHET_ENOSOL, "no first-order saddle reached from the minimum in field (%g, %g, %g) T "
                "(it may be the only minimum at this field)", H[0], H[1], H[2]);
  *barrier = best;
  return SFHET_OK;
}
