/* dG/dp for named parameters by finite differences of sfhet_junction_eval (second order: central, or
 * one-sided three-point next to a bound). The step 1e-3·max(|p|, scale) keeps the truncation error
 * near 1e-6 relative while the integration error (<< 1e-4, typically 1e-8) stays far below the step. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/junction_int.h"
#include "sfhet/error.h"

static const sfhet_param_info *info_of(const sfhet_junction *j, const char *name) {
  for (size_t k = 0; k < sfhet_junction_nparams(j); k++) {
    const sfhet_param_info *p = sfhet_junction_param(j, k);
    if (p && strcmp(p->name, name) == 0) return p;
  }
  return NULL;
}

/* Natural scale of a parameter for the step: 10 µeV-ish for energies, 10 mK for T, 0.01 otherwise. */
static double scale_of(const sfhet_param_info *p) {
  switch (p->dim) {
  case SFHET_DIM_ENERGY:
  case SFHET_DIM_VOLTAGE: return 0.01;
  case SFHET_DIM_TEMPERATURE: return 0.01;
  default: return 0.01;
  }
}

static int eval_at(sfhet_junction *jj, const char *name, double x, const double *V, size_t n, double *G,
                   sfhet_junction_ws *ws) {
  sfhet_junction_set(jj, name, x);
  return sfhet_junction_eval(jj, V, n, G, NULL, NULL, ws);
}

/* One column of dG: central difference, or one-sided (-3 G0 + 4 G1 − G2)/(2h) at a bound. */
static int column(const sfhet_junction *j, const char *name, const double *V, size_t n, double *g,
                  size_t k, size_t nk, double *dG, sfhet_junction_ws *ws) {
  const sfhet_param_info *p = info_of(j, name);
  if (!p) SFHET_ERROR(SFHET_EINVAL, "unknown junction parameter '%s'", name);
  if (p->flags & SFHET_PARAM_INTEGER)
    SFHET_ERROR(SFHET_EINVAL, "--%s: an integer parameter has no derivative", name);
  double x;
  SFHET_TRY(sfhet_junction_get(j, name, &x));
  double h = 1e-3 * fmax(fabs(x), scale_of(p));
  int lo_ok = x - h > p->lo, hi_ok = x + 2 * h < p->hi;
  double s = lo_ok ? -1.0 : 1.0; /* direction of the one-sided stencil */
  sfhet_junction jj = *j;
  double *g0 = g, *g1 = g + n, *g2 = g + 2 * n;
  int st;
  if (lo_ok && (x + h < p->hi)) {
    st = eval_at(&jj, name, x + h, V, n, g1, ws);
    if (!st) st = eval_at(&jj, name, x - h, V, n, g2, ws);
    for (size_t i = 0; i < n && !st; i++) dG[i * nk + k] = (g1[i] - g2[i]) / (2 * h);
    return st;
  }
  if (!lo_ok && !hi_ok) SFHET_ERROR(SFHET_ERANGE, "--%s: no room for a derivative inside its bounds", name);
  st = eval_at(&jj, name, x, V, n, g0, ws);
  if (!st) st = eval_at(&jj, name, x + s * h, V, n, g1, ws);
  if (!st) st = eval_at(&jj, name, x + 2 * s * h, V, n, g2, ws);
  for (size_t i = 0; i < n && !st; i++) dG[i * nk + k] = s * (-3 * g0[i] + 4 * g1[i] - g2[i]) / (2 * h);
  return st;
}

int sfhet_junction_dG(const sfhet_junction *j, const double *V, size_t n, const char *const *names,
                      size_t nk, double *dG, sfhet_junction_ws *ws) {
  SFHET_TRY(sfhet_junction_check(j));
  double *g = malloc(3 * (n ? n : 1) * sizeof *g);
  if (!g) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = SFHET_OK;
  for (size_t k = 0; k < nk && !st; k++) st = column(j, names[k], V, n, g, k, nk, dG, ws);
  free(g);
  return st;
}
