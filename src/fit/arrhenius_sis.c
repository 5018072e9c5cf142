/* Model-based fit of the zero-bias conductance G(0, T) of an SIS junction (seed 000 Fig. 1e and Methods):
 * G(0, T) = G_N ∫ N(E)^2 (-∂f/∂E) dE with the Dynes N(E) of both electrodes and the weak-coupling BCS
 * Δ(T) scaled to Δ0, computed by the junction engine (sfhet_junction_eval at V = 0). Fitted in ln G
 * (equal relative errors, like the Arrhenius line) over ln G_N, Δ0 and optionally Γ. */
#include <math.h>
#include <stdlib.h>

#include "fit/arrhenius_int.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"
#include "sfhet/lsq.h"
#include "sfhet/thermo.h"

enum { P_LNGN, P_DELTA0, P_GAMMA, P_N };

typedef struct {
  const double *T;     /* m temperatures [K] */
  const double *shape; /* m values y(T/Tc)/y(0) of the BCS gap */
  size_t m;
  double *up, *dn;     /* m-point scratch of the Jacobian */
  sfhet_junction j;
  sfhet_junction_ws *ws;
} sis_ctx;

/* ln g_SIS(0; Δ0 shape_i, Γ, T_i) + ln G_N at every point. */
static int sis_model(const double *p, double *model, void *vc) {
  sis_ctx *c = vc;
  const double V = 0.0;
  if (!isfinite(p[P_DELTA0]) || !isfinite(p[P_GAMMA]) || !(p[P_GAMMA] > 0))
    SFHET_ERROR(SFHET_EFAILED, "arrhenius --model sis: a step left the domain of delta0 and gamma");
  for (size_t i = 0; i < c->m; i++) {
    double d = p[P_DELTA0] * c->shape[i], g;
    SFHET_TRY(sfhet_junction_set(&c->j, "delta", d));
    SFHET_TRY(sfhet_junction_set(&c->j, "delta2", d));
    SFHET_TRY(sfhet_junction_set(&c->j, "gamma", p[P_GAMMA]));
    SFHET_TRY(sfhet_junction_set(&c->j, "gamma2", p[P_GAMMA]));
    SFHET_TRY(sfhet_junction_set(&c->j, "T", c->T[i]));
    SFHET_TRY(sfhet_junction_eval(&c->j, &V, 1, &g, NULL, NULL, c->ws));
    if (!(g > 0) || !isfinite(g))
      SFHET_ERROR(SFHET_EFAILED, "arrhenius --model sis: G(0) = %g at T = %g K", g, c->T[i]);
    model[i] = p[P_LNGN] + log(g);
  }
  return SFHET_OK;
}

/* Jacobian: d/d ln G_N = 1; d/d Δ0 and d/d Γ by central differences of the model (step 1e-4 of the
 * value: truncation ~1e-8, far above the 1e-9 relative integration error). */
static int sis_jac(const double *p, const int *want, double *jac, void *vc) {
  sis_ctx *c = vc;
  double q[P_N] = {p[0], p[1], p[2]};
  for (size_t i = 0; i < c->m; i++) jac[i * P_N + P_LNGN] = 1.0;
  for (int k = P_DELTA0; k < P_N; k++) {
    if (!want[k]) continue;
    double h = 1e-4 * fabs(p[k]);
    q[k] = p[k] + h;
    SFHET_TRY(sis_model(q, c->up, c));
    q[k] = p[k] - h;
    SFHET_TRY(sis_model(q, c->dn, c));
    q[k] = p[k];
    for (size_t i = 0; i < c->m; i++) jac[i * P_N + (size_t)k] = (c->up[i] - c->dn[i]) / (2 * h);
  }
  return SFHET_OK;
}

static int sis_setup(sis_ctx *c, const double *t, size_t m, double Tc, double *shape) {
  double y0;
  SFHET_TRY(sfhet_bcs_gap_reduced(0.0, &y0));
  for (size_t i = 0; i < m; i++) {
    double y;
    SFHET_TRY(sfhet_bcs_gap_reduced(t[i] / Tc, &y));
    shape[i] = y / y0;
  }
  const sfhet_dos_info *dynes = sfhet_dos_find("dynes");
  if (!dynes) SFHET_ERROR(SFHET_EFAILED, "arrhenius --model sis: the dynes DOS model is not registered");
  sfhet_junction_init(&c->j, SFHET_JUNCTION_SIS, dynes, dynes);
  c->j.rel_tol = 1e-8; /* the Jacobian differences steps of 1e-4: G must be far more accurate */
  c->T = t, c->shape = shape, c->m = m;
  c->ws = sfhet_junction_ws_alloc();
  if (!c->ws) SFHET_ERROR(SFHET_ENOMEM, "arrhenius --model sis: out of memory");
  return SFHET_OK;
}

static void sis_result(const sfhet_lsq_param *par, const sfhet_lsq_result *lr,
                       sfhet_arrhenius_sis_result *r) {
  r->delta0 = par[P_DELTA0].value, r->delta0_err = par[P_DELTA0].err;
  r->gamma = par[P_GAMMA].value, r->gamma_err = par[P_GAMMA].err;
  r->GN = exp(par[P_LNGN].value), r->GN_err = r->GN * par[P_LNGN].err;
  r->chi2_red = lr->chi2_red;
  r->converged = lr->converged;
}

static int sis_fit(sis_ctx *c, const double *l, const double *sl, const sfhet_arrhenius_sis_opts *o,
                   sfhet_arrhenius_sis_result *r) {
  double d0 = o->delta0 > 0 ? o->delta0 : fmax(1.2 * r->line.Ea, 1e-3);
  sfhet_lsq_param par[P_N] = {
      {"ln_G_N", 0.0, -INFINITY, INFINITY, 1, 1.0, 0, 0},
      {"delta0", d0, 1e-6, 1e3, 1, 0.1 * d0, 0, 0},
      {"gamma", o->gamma, 1e-6, 1e3, o->fit_gamma, 0.1 * o->gamma, 0, 0},
  };
  /* ln G_N from the highest-T point at the start values */
  size_t top = 0;
  for (size_t i = 1; i < c->m; i++)
    if (c->T[i] > c->T[top]) top = i;
  double mod[1], p0[P_N] = {0.0, par[P_DELTA0].value, par[P_GAMMA].value};
  sis_ctx one = *c;
  one.m = 1, one.T = c->T + top, one.shape = c->shape + top;
  SFHET_TRY(sis_model(p0, mod, &one));
  par[P_LNGN].value = l[top] - mod[0];
  sfhet_lsq_problem pb = {c->m, l, sl, sis_model, sis_jac, c, 200, 0, 0, 0};
  sfhet_lsq_result lr;
  int st = sfhet_lsq_fit(&pb, par, P_N, &lr);
  if (!st || st == SFHET_ENOCONV) sis_result(par, &lr, r);
  sfhet_lsq_result_free(&lr);
  if (st == SFHET_ENOCONV)
    SFHET_ERROR(st, "arrhenius --model sis: the fit did not converge; give a start --delta0, check --Tc "
                    "and --gamma, or narrow --Tmin/--Tmax");
  if (!st && (isnan(r->delta0_err) || (o->fit_gamma && isnan(r->gamma_err))))
    SFHET_ERROR(SFHET_ENOCONV, "arrhenius --model sis: a parameter ended at its bound (delta0 = %g, "
                               "gamma = %g meV); check --Tc and --gamma", r->delta0, r->gamma);
  return st;
}

int sfhet_arrhenius_sis(const double *T, const double *G, const double *sigma, size_t n, double Tmin,
                        double Tmax, const sfhet_arrhenius_sis_opts *o, sfhet_arrhenius_sis_result *r) {
  if (!(o->Tc > 0) || !isfinite(o->Tc)) SFHET_ERROR(SFHET_EINVAL, "--Tc: must be > 0 (got %g K)", o->Tc);
  if (!(o->gamma > 0) || !isfinite(o->gamma))
    SFHET_ERROR(SFHET_EINVAL, "--gamma: the SIS zero-bias conductance needs a Dynes broadening > 0 "
                              "(got %g meV; the BCS value diverges logarithmically)", o->gamma);
  SFHET_TRY(sfhet_arrhenius_weighted(T, G, sigma, n, Tmin, Tmax, &r->line));
  double *buf = malloc(6 * r->line.n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "arrhenius --model sis: out of memory");
  double *t = buf, *l = buf + r->line.n, *sl = l + r->line.n, *shape = sl + r->line.n;
  r->n = arrhenius_window(T, G, sigma, n, Tmin, Tmax, t, l, sl, &r->n_skipped);
  size_t need = o->fit_gamma ? 4 : 3;
  sis_ctx c = {0};
  int st = SFHET_OK;
  if (r->n < need)
    SFHET_REPORT(st = SFHET_EDATA, "arrhenius --model sis: %zu points for %zu free parameters", r->n,
                 need - 1);
  c.up = shape + r->line.n, c.dn = c.up + r->line.n;
  if (!st) st = sis_setup(&c, t, r->n, o->Tc, shape);
  if (!st) st = sis_fit(&c, l, sigma ? sl : NULL, o, r);
  sfhet_junction_ws_free(c.ws);
  free(buf);
  return st;
}
