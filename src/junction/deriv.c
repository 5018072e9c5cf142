/* dG/dp and dG/dV. For uniform biases through the spectral path (spectral_deriv.c): one lattice, the
 * model's closed-form dN/dp where it has one, frozen-lattice differences otherwise. For other biases
 * (or paths the spectral one does not cover) by finite differences of sfhet_junction_eval with the
 * lattice spacing frozen at that of the central evaluation, so both sides of a difference use the same
 * lattice and the quotient has no discretisation noise: central, or one-sided three-point next to a
 * bound, step 1e-3·max(|p|, 0.01) (dG/dV: 1e-3 of the smallest broadening). The zero-bias peak
 * (seed 001 eq. 1) is differentiated in closed form. */
#include "junction/deriv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/spectral.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

/* Index of zbp_amp (zbp_sigma follows). */
static size_t zbp_index(const sfhet_junction *j) {
  size_t n2 = j->kind == SFHET_JUNCTION_SIS ? junction_dos2(j)->n_params : 0;
  return j->dos1->n_params + n2 + 3;
}

/* Adds the zero-bias peak's closed-form derivatives: G += A exp(−V²/2σ²). */
static void zbp_terms(const sfhet_junction *j, const double *V, size_t n, const size_t *kidx, size_t nk,
                      double *dG, size_t ld, double *dGdV) {
  double A = j->zbp_amp, s = j->zbp_sigma;
  size_t z = zbp_index(j);
  for (size_t i = 0; i < n; i++) {
    double u = V[i] / s, e = exp(-0.5 * u * u);
    for (size_t c = 0; c < nk; c++) {
      if (kidx[c] == z) dG[i * ld + c] = e;
      if (kidx[c] == z + 1) dG[i * ld + c] = A * e * u * u / s;
    }
    if (dGdV) dGdV[i] -= A * e * u / s;
  }
}

static int eval_p(const sfhet_junction *j, size_t k, double x, const double *V, size_t n, double *G,
                  sfhet_junction_ws *ws) {
  sfhet_junction jj = *j;
  SFHET_TRY(sfhet_junction_set_index(&jj, k, x));
  return sfhet_junction_eval(&jj, V, n, G, NULL, NULL, ws);
}

/* Column c of dG by frozen-lattice differences; g: 3n scratch, G0 the central values. */
static int fd_column(const sfhet_junction *j, size_t k, const double *V, size_t n, const double *G0, double *g,
                     double *dG, size_t ld, size_t c, sfhet_junction_ws *ws) {
  const sfhet_param_info *p = sfhet_junction_param(j, k);
  if (!p) SFHET_ERROR(SFHET_EINVAL, "junction parameter index %zu out of range", k);
  if (p->flags & SFHET_PARAM_INTEGER)
    SFHET_ERROR(SFHET_EINVAL, "--%s: an integer parameter has no derivative", p->name);
  double x;
  SFHET_TRY(sfhet_junction_get(j, p->name, &x));
  double h = 1e-3 * fmax(fabs(x), 0.01);
  int lo_ok = x - h > p->lo, hi_ok = x + 2 * h < p->hi;
  double *g1 = g, *g2 = g + n;
  if (lo_ok && x + h < p->hi) {
    SFHET_TRY(eval_p(j, k, x + h, V, n, g1, ws));
    SFHET_TRY(eval_p(j, k, x - h, V, n, g2, ws));
    for (size_t i = 0; i < n; i++) dG[i * ld + c] = (g1[i] - g2[i]) / (2 * h);
    return SFHET_OK;
  }
  if (!lo_ok && !hi_ok) SFHET_ERROR(SFHET_ERANGE, "--%s: no room for a derivative inside its bounds", p->name);
  double s = lo_ok ? -1.0 : 1.0; /* (−3 G0 + 4 G1 − G2)/(2h) in the direction s */
  SFHET_TRY(eval_p(j, k, x + s * h, V, n, g1, ws));
  SFHET_TRY(eval_p(j, k, x + 2 * s * h, V, n, g2, ws));
  for (size_t i = 0; i < n; i++) dG[i * ld + c] = s * (-3 * G0[i] + 4 * g1[i] - g2[i]) / (2 * h);
  return SFHET_OK;
}

/* dG/dV by frozen-lattice central differences in the bias. */
static int fd_bias(const sfhet_junction *j, const double *V, size_t n, double *g, double *dGdV,
                   sfhet_junction_ws *ws) {
  double a = M_PI * SFHET_KB_MEV * j->T, w1 = j->dos1->width(j->p1);
  if (w1 > 0.0) a = fmin(a, w1);
  double dv = 1e-3 * a, *Vs = g + 2 * n;
  for (int s = 0; s < 2; s++) {
    for (size_t i = 0; i < n; i++) Vs[i] = V[i] + (s ? -dv : dv);
    SFHET_TRY(sfhet_junction_eval(j, Vs, n, g + (size_t)s * n, NULL, NULL, ws));
  }
  for (size_t i = 0; i < n; i++) dGdV[i] = (g[i] - g[n + i]) / (2 * dv);
  return SFHET_OK;
}

static int by_differences(const sfhet_junction *j, const double *V, size_t n, const size_t *kidx, size_t nk,
                          double *G, double *dG, size_t ld, double *dGdV, sfhet_junction_ws *ws) {
  double *g = malloc(4 * (n ? n : 1) * sizeof *g), *G0 = g ? g + 3 * n : NULL;
  if (!g) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  ws->last_h = 0.0;
  int st = sfhet_junction_eval(j, V, n, G0, NULL, NULL, ws);
  ws->fix_h = st ? 0.0 : ws->last_h; /* 0 (no lattice: adaptive quadrature) leaves it free */
  size_t z = zbp_index(j);
  for (size_t c = 0; c < nk && !st; c++)
    if (kidx[c] != z && kidx[c] != z + 1) st = fd_column(j, kidx[c], V, n, G0, g, dG, ld, c, ws);
  if (!st && dGdV) st = fd_bias(j, V, n, g, dGdV, ws);
  ws->fix_h = 0.0;
  if (!st && G) memcpy(G, G0, n * sizeof *G);
  free(g);
  return st;
}

int junction_derivs(const sfhet_junction *j, const double *V, size_t n, const size_t *kidx, size_t nk, double *G,
                    double *dG, size_t ld, double *dGdV, sfhet_junction_ws *ws) {
  SFHET_TRY(sfhet_junction_check(j));
  for (size_t i = 0; i < n; i++)
    if (!isfinite(V[i])) SFHET_ERROR(SFHET_ERANGE, "--V: bias values must be finite");
  double tol = j->rel_tol > 0.0 ? j->rel_tol : 1e-4;
  size_t z = zbp_index(j);
  for (size_t c = 0; c < nk; c++) /* zbp columns are closed-form: zero from the lattice parts */
    for (size_t i = 0; i < n; i++)
      if (kidx[c] == z || kidx[c] == z + 1) dG[i * ld + c] = 0.0;
  spec_out o = {G, NULL, NULL, dGdV, dG, ld, nk, kidx, 1};
  int st = junction_spectral(j, V, n, tol, &o, ws), spectral = st != SFHET_CONTINUE;
  if (!spectral) st = by_differences(j, V, n, kidx, nk, G, dG, ld, dGdV, ws);
  else if (!st && G) /* the spectral G has no zero-bias peak yet */
    for (size_t i = 0; i < n && j->zbp_amp != 0.0; i++) {
      double u = V[i] / j->zbp_sigma;
      G[i] += j->zbp_amp * exp(-0.5 * u * u);
    }
  if (st) return st;
  zbp_terms(j, V, n, kidx, nk, dG, ld, spectral ? dGdV : NULL); /* the differences include its dG/dV */
  return SFHET_OK;
}

int sfhet_junction_dG(const sfhet_junction *j, const double *V, size_t n, const char *const *names,
                      size_t nk, double *dG, sfhet_junction_ws *ws) {
  size_t kidx[SFHET_JUNCTION_MAX_PARAMS];
  if (nk > SFHET_JUNCTION_MAX_PARAMS) SFHET_ERROR(SFHET_EINVAL, "too many parameters for dG");
  for (size_t k = 0; k < nk; k++) {
    int q = sfhet_junction_index(j, names[k]);
    if (q < 0) SFHET_ERROR(SFHET_EINVAL, "unknown junction parameter '%s'", names[k]);
    kidx[k] = (size_t)q;
  }
  return junction_derivs(j, V, n, kidx, nk, NULL, dG, nk, NULL, ws);
}
