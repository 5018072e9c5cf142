/* Bracketed root finding with GSL's Brent solver and the digamma differences used by the
 * pair-breaking equations (gsl_sf_psi_e, gsl_sf_complex_psi_e). */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_psi.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "thermo/troot.h"

typedef struct {
  thermo_fn *f;
  void *ctx;
} wrap_ctx;

static double wrap(double x, void *p) {
  const wrap_ctx *w = p;
  return w->f(x, w->ctx);
}

static int iterate(gsl_root_fsolver *s, double rtol, double atol, double *x) {
  for (int it = 0; it < 200; it++) {
    if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
    double lo = gsl_root_fsolver_x_lower(s), hi = gsl_root_fsolver_x_upper(s);
    *x = gsl_root_fsolver_root(s);
    if (gsl_root_test_interval(lo, hi, atol, rtol) == GSL_SUCCESS) return SFHET_OK;
  }
  SFHET_ERROR(SFHET_ENOCONV, "root finder did not converge (try a less extreme parameter)");
}

int thermo_root(thermo_fn *f, void *ctx, double lo, double hi, double rtol, double atol, double *x) {
  double flo = f(lo, ctx), fhi = f(hi, ctx);
  if (!isfinite(flo) || !isfinite(fhi))
    SFHET_ERROR(SFHET_EFAILED, "non-finite function value at the bracket [%g, %g]", lo, hi);
  if (flo == 0) return *x = lo, SFHET_OK;
  if (fhi == 0) return *x = hi, SFHET_OK;
  if ((flo < 0) == (fhi < 0)) SFHET_ERROR(SFHET_ENOSOL, "no sign change in [%g, %g]", lo, hi);
  wrap_ctx w = {f, ctx};
  gsl_function F = {wrap, &w};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  gsl_root_fsolver_set(s, &F, lo, hi);
  int st = iterate(s, rtol, atol, x);
  gsl_root_fsolver_free(s);
  return st;
}

double thermo_repsi_shift(double y) {
  gsl_sf_result re, im;
  gsl_sf_complex_psi_e(0.5, y, &re, &im);
  return re.val + (SFHET_EULER_GAMMA + 2 * M_LN2);
}

double thermo_psi_shift(double x) {
  gsl_sf_result r;
  gsl_sf_psi_e(0.5 + x, &r);
  return r.val + (SFHET_EULER_GAMMA + 2 * M_LN2);
}

double thermo_bcs_ratio(void) { return M_PI * exp(-SFHET_EULER_GAMMA); }
