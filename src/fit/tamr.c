/* TAMR(V) between two sweep values and the spectral weight (seed 000, Fig. 2c,d). */
#include <math.h>
#include <stdlib.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

int sfhet_tamr(const double *xpar, const double *gpar, size_t npar, const double *xperp,
               const double *gperp, size_t nperp, double **V, double **tamr, size_t *m) {
  *V = *tamr = NULL;
  *m = 0;
  if (npar < 2 || nperp < 2) SFHET_ERROR(SFHET_EDATA, "tamr: each spectrum needs at least 2 points");
  double tol = 1e-9 * (fabs(xperp[0]) + fabs(xperp[nperp - 1])); /* as in sfhet_interp_linear */
  double lo = fmax(xpar[0], xperp[0]) - tol, hi = fmin(xpar[npar - 1], xperp[nperp - 1]) + tol;
  size_t k = 0;
  for (size_t i = 0; i < npar; i++) k += xpar[i] >= lo && xpar[i] <= hi;
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "tamr: the two spectra have no common bias range");
  double *v = malloc(k * sizeof *v), *t = malloc(k * sizeof *t), *gp = malloc(k * sizeof *gp);
  if (!v || !t || !gp) {
    free(v), free(t), free(gp);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  size_t j = 0;
  for (size_t i = 0; i < npar; i++)
    if (xpar[i] >= lo && xpar[i] <= hi) {
      v[j] = xpar[i];
      t[j++] = gpar[i];
    }
  int st = sfhet_interp_linear(xperp, gperp, nperp, v, k, gp, "tamr: perp spectrum");
  for (size_t i = 0; i < k && !st; i++) {
    if (t[i] == 0) {
      SFHET_REPORT(st = SFHET_EDATA, "tamr: G_par is zero at V = %g", v[i]);
      break;
    }
    t[i] = (t[i] - gp[i]) / t[i];
  }
  free(gp);
  if (st) {
    free(v), free(t);
    return st;
  }
  *V = v;
  *tamr = t;
  *m = k;
  return SFHET_OK;
}

/* Value at a by linear interpolation inside [x0, x(n-1)]. */
static double at(const double *x, const double *y, size_t n, double a) {
  double r;
  sfhet_interp_linear(x, y, n, &a, 1, &r, "weight");
  return r;
}

int sfhet_spectral_weight(const double *x, const double *y, size_t n, double a, double b, double *w) {
  if (n < 2) SFHET_ERROR(SFHET_EDATA, "weight: a spectrum needs at least 2 points");
  if (!(a < b)) SFHET_ERROR(SFHET_EINVAL, "weight: the window [%g, %g] is empty", a, b);
  if (a < x[0] || b > x[n - 1])
    SFHET_ERROR(SFHET_ERANGE, "weight: the window [%g, %g] exceeds the data range [%g, %g]", a, b,
                x[0], x[n - 1]);
  double s = 0, xp = a, yp = at(x, y, n, a);
  for (size_t i = 0; i < n; i++) {
    if (x[i] <= a) continue;
    if (x[i] >= b) break;
    s += 0.5 * (yp + y[i]) * (x[i] - xp);
    xp = x[i];
    yp = y[i];
  }
  s += 0.5 * (yp + at(x, y, n, b)) * (b - xp);
  *w = s;
  return SFHET_OK;
}
