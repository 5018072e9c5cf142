/* Root finding on frozen meshes: the gap-function adapters, GSL Brent on a bracket and a safeguarded
 * Newton iteration for the sums that come with their derivative (ising_sums.c). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>

#include "lattice/ising_gap.h"
#include "sfhet/error.h"

void ising_field_xz(sfhet_ising_field f, double *jz, double *jx) {
  double th = f.theta * M_PI / 180.0, c = cos(th), s = sin(th);
  if (fabs(c) < 1e-12) c = 0;
  if (fabs(s) < 1e-12) s = 0;
  *jz = f.J * c;
  *jx = fabs(f.J * s);
}

double ising_avg(const ising_mesh *mesh, ising_node_fn *fn, const ising_kpar *p, double *err) {
  double v, e;
  ising_mesh_integrate(mesh, fn, p, &v, &e);
  if (err) *err = e;
  return v;
}

double ising_gapfn_of_delta(double d, void *v) {
  ising_gapfn_ctx *c = v;
  double R;
  ising_sum_gap(c->mesh, &c->p, 1, &d, &R, NULL);
  return R;
}

double ising_gapfn_of_kT(double kT, void *v) {
  ising_gapfn_ctx *c = v;
  double R;
  c->p.T = kT;
  ising_sum_gap(c->mesh, &c->p, 1, &c->p.delta, &R, NULL);
  return R;
}

int ising_brent(double (*fn)(double, void *), void *ctx, double lo, double hi, double atol,
                double *root) {
  gsl_function F = {fn, ctx};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  int st = gsl_root_fsolver_set(s, &F, lo, hi), it = 0;
  while (!st && it++ < 100) {
    st = gsl_root_fsolver_iterate(s);
    if (st) break;
    st = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), atol, 1e-10);
    if (st == GSL_SUCCESS) break;
    if (st == GSL_CONTINUE) st = 0;
  }
  *root = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (st != GSL_SUCCESS)
    SFHET_ERROR(SFHET_ENOCONV, "ising: root search did not converge (try a larger --rtol or other T)");
  return SFHET_OK;
}

int ising_newton(ising_fdf *fn, void *ctx, double lo, double hi, double x0, double xtol, double *root) {
  double x = x0 > lo && x0 < hi ? x0 : 0.5 * (lo + hi);
  for (int it = 0; it < 200; it++) {
    double f, df;
    fn(x, ctx, &f, &df);
    if (!isfinite(f)) SFHET_ERROR(SFHET_EFAILED, "ising: non-finite gap function at %g", x);
    if (f == 0) break;
    if (f < 0) lo = x;
    else hi = x;
    double xn = x - f / df;
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    double step = fabs(xn - x);
    x = xn;
    if (step <= xtol) break;
  }
  *root = x;
  return SFHET_OK;
}
