/* Bound device chain (sfhet device and sfhet device --fit, docs/device.md) with the CLI's option names
 * (Tc0, T, lambda, HK, ..., sweep) and result names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/constants.h"
#include "sfhet/device.h"
#include "sfhet/error.h"

/* λ: meV, or an equivalent field in T (λ_meV = μB λ_T), as the CLI's --lambda. */
static int lambda(bind_args *a, double *v) {
  const sfhet_param_info *q = &sfhet_device_params[SFHET_DEVICE_LAMBDA];
  const char *t = bind_str(a, "lambda", NULL);
  size_t n = t ? strlen(t) : 0;
  if (n > 0 && t[n - 1] == 'T') {
    SFHET_TRY(sfhet_parse_quantity(t, SFHET_DIM_FIELD, "lambda", v));
    *v *= SFHET_MU_B_MEV;
  } else SFHET_TRY(bind_qty(a, "lambda", SFHET_DIM_ENERGY, &q->def, v));
  return sfhet_param_check(q, *v, "lambda");
}

/* Every device parameter (given or its default), checked as the CLI does. */
static int params(bind_args *a, double *p) {
  sfhet_param_defaults(sfhet_device_params, SFHET_DEVICE_NPARAMS, p);
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++)
    if (k != SFHET_DEVICE_LAMBDA) SFHET_TRY(bind_param(a, &sfhet_device_params[k], &p[k]));
  SFHET_TRY(lambda(a, &p[SFHET_DEVICE_LAMBDA]));
  if (!(p[SFHET_DEVICE_T] < p[SFHET_DEVICE_TC0]))
    SFHET_ERROR(SFHET_EUSAGE, "T: %g K is not below Tc0 %g K (the electrodes would be normal)", p[SFHET_DEVICE_T],
                p[SFHET_DEVICE_TC0]);
  return sfhet_device_check(p);
}

static int threads(bind_args *a, int *t) {
  long v;
  SFHET_TRY(bind_int(a, "threads", 0, 0, 1024, &v));
  *t = (int)v;
  return SFHET_OK;
}

/* The field points: B in the given order (up), reversed (down) or both, as --sweep. */
static int sweep(bind_args *a, sfhet_device_field **f, size_t *nf) {
  const double *B;
  size_t n;
  SFHET_TRY(bind_array(a, "B", BIND_REQUIRED | BIND_FINITE, &B, &n));
  if (!n) SFHET_ERROR(SFHET_EUSAGE, "B: empty field list");
  const char *w = bind_str(a, "sweep", "up");
  int up = !strcmp(w, "up") || !strcmp(w, "up,down"), down = !strcmp(w, "down") || !strcmp(w, "up,down");
  if (!up && !down) SFHET_ERROR(SFHET_EUSAGE, "sweep: '%s' is not up, down or up,down", w);
  return sfhet_device_sweep(B, n, up, down, f, nf);
}

/* The map in long format (B_T, direction, V_mV, G) and the per-field table (pf.*: the CLI's
 * --per-field columns). */
static int map_result(const sfhet_device_field *f, size_t nf, const double *V, size_t nv, const double *G,
                      const sfhet_device_state *st, sfhet_bind_res *r) {
  double *c[4];
  const char *names[4] = {"B_T", "direction", "V_mV", "G"};
  for (int q = 0; q < 4; q++) SFHET_TRY(bind_res_array(r, names[q], nf * nv, 1, &c[q]));
  for (size_t i = 0; i < nf; i++)
    for (size_t k = 0; k < nv; k++)
      c[0][i * nv + k] = f[i].B, c[1][i * nv + k] = f[i].dir, c[2][i * nv + k] = V[k], c[3][i * nv + k] = G[i * nv + k];
  const char *pn[9] = {"pf.B_T", "pf.direction", "pf.theta_m_deg", "pf.b_meV", "pf.theta_b_deg", "pf.delta_meV",
                       "pf.peak_mV", "pf.fwhm_mV", "pf.weight_mV"};
  double *p[9];
  for (int q = 0; q < 9; q++) SFHET_TRY(bind_res_array(r, pn[q], nf, 1, &p[q]));
  for (size_t i = 0; i < nf; i++) {
    p[0][i] = f[i].B, p[1][i] = f[i].dir, p[2][i] = st[i].theta_m, p[3][i] = st[i].b, p[4][i] = st[i].theta_b;
    p[5][i] = st[i].delta;
    SFHET_TRY(sfhet_device_features(V, G + i * nv, nv, &p[6][i], &p[7][i], &p[8][i]));
  }
  return SFHET_OK;
}

static int run_device(bind_args *a, sfhet_bind_res *r) {
  double p[SFHET_DEVICE_NPARAMS];
  const double *V;
  size_t nv, nf = 0;
  int nt;
  SFHET_TRY(params(a, p));
  SFHET_TRY(bind_array(a, "V", BIND_REQUIRED | BIND_FINITE, &V, &nv));
  if (nv < 1) SFHET_ERROR(SFHET_EUSAGE, "V: empty bias list");
  SFHET_TRY(threads(a, &nt));
  sfhet_device_field *f = NULL;
  SFHET_TRY(sweep(a, &f, &nf));
  int st = bind_done(a);
  double *G = st ? NULL : malloc(nf * nv * sizeof *G);
  sfhet_device_state *s = st ? NULL : malloc(nf * sizeof *s);
  sfhet_device_ws *ws = st ? NULL : sfhet_device_ws_alloc(nt);
  if (!st && (!G || !s || !ws)) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  if (!st) st = sfhet_device_map(p, f, nf, V, nv, G, s, ws);
  if (!st) st = map_result(f, nf, V, nv, G, s, r);
  sfhet_device_ws_free(ws);
  free(f), free(G), free(s);
  return st;
}

const bind_fn bind_fn_device = {
    .name = "device",
    .summary = "conductance map G(B, V) of the S/F/S junction chain and its per-field states (sfhet device)",
    .args = "arrays B [T], V [mV]; Tc0, T [K], lambda [meV or T], HK, Hn [T], g, dso, eta, eta_x, eta_y, eta_z, "
            "gamma0 [meV], vac [mV], P, V0 [mV], gnn, bg0, bg1 [1/mV], sweep (up|down|up,down), threads",
    .run = run_device};

/* ---------------------------------------------------------------- fit */

static int map_arrays(bind_args *a, const double **B, const double **V, const double **G, const double **dir,
                      const double **sg, size_t *n) {
  size_t nb, nv, ng, nd = 0, ns = 0;
  SFHET_TRY(bind_array(a, "B", BIND_REQUIRED | BIND_FINITE, B, &nb));
  SFHET_TRY(bind_array(a, "V", BIND_REQUIRED | BIND_FINITE, V, &nv));
  SFHET_TRY(bind_array(a, "G", BIND_REQUIRED | BIND_FINITE, G, &ng));
  SFHET_TRY(bind_array(a, "direction", BIND_FINITE, dir, &nd));
  SFHET_TRY(bind_array(a, "sigma", 0, sg, &ns));
  if (nv != nb || ng != nb || (*dir && nd != nb) || (*sg && ns != nb))
    SFHET_ERROR(SFHET_EUSAGE, "B, V, G (and direction, sigma) must have the same length (B has %zu)", nb);
  if (!nb) SFHET_ERROR(SFHET_EUSAGE, "B: no data points");
  *n = nb;
  return SFHET_OK;
}

/* The measured map from arrays B, V, G (direction, sigma optional), as spectra. */
static int read_map(bind_args *a, sfhet_device_rows *m) {
  memset(m, 0, sizeof *m);
  const double *B, *V, *G, *dir, *sg;
  size_t n;
  SFHET_TRY(map_arrays(a, &B, &V, &G, &dir, &sg, &n));
  for (size_t k = 0; sg && k < n; k++)
    if (!(sg[k] > 0.0 && isfinite(sg[k]))) SFHET_ERROR(SFHET_EUSAGE, "sigma[%zu]: must be finite and > 0", k);
  int st = sfhet_device_rows_split(B, dir, V, G, sg, n, "B", m);
  return st == SFHET_EDATA ? SFHET_EUSAGE : st; /* the arrays are arguments, not a file */
}

/* The CLI's --json keys: p, p_err (NaN at a bound) per free parameter, the statistics, the fixed
 * values (fixed.<name>), the correlation matrix (corr, free order in the string free) and the warnings. */
static int fit_result(const sfhet_device_fit_result *f, const sfhet_device_rows *m, int hk_free, sfhet_bind_res *r) {
  char key[48];
  for (size_t a = 0; a < f->n_free; a++) {
    size_t k = f->free_idx[a];
    snprintf(key, sizeof key, "%s_err", sfhet_device_params[k].name);
    SFHET_TRY(bind_res_scalar(r, sfhet_device_params[k].name, f->value[k]));
    SFHET_TRY(bind_res_scalar(r, key, f->at_bound[k] ? NAN : f->err[k]));
    SFHET_TRY(bind_res_string(r, "free", "%s", sfhet_device_params[k].name));
  }
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    int fr = 0;
    for (size_t a = 0; a < f->n_free; a++) fr |= f->free_idx[a] == k;
    snprintf(key, sizeof key, "fixed.%s", sfhet_device_params[k].name);
    if (!fr) SFHET_TRY(bind_res_scalar(r, key, f->value[k]));
  }
  const char *sn[] = {"chi2_red", "chi2", "n_points", "n_spectra", "n_free", "n_iter", "n_evals", "n_column_maps",
                      "converged", "errors_scaled"};
  double sv[] = {f->chi2_red, f->chi2, (double)f->n_points, (double)m->nf, (double)f->n_free, (double)f->n_iter,
                 (double)f->n_evals, (double)f->n_column_maps, f->converged, f->errors_scaled};
  for (int q = 0; q < 10; q++) SFHET_TRY(bind_res_scalar(r, sn[q], sv[q]));
  SFHET_TRY(bind_res_string(r, "reason", "%s", f->reason));
  double *c;
  SFHET_TRY(bind_res_array(r, "corr", f->n_free, f->n_free, &c));
  memcpy(c, f->corr, f->n_free * f->n_free * sizeof *c);
  double HK = f->value[SFHET_DEVICE_HK];
  if (hk_free && !sfhet_device_covers_hk(&m->d, HK))
    SFHET_TRY(bind_res_string(r, "warning", "the fields do not reach the fitted H_K = %g T: H_K is unconstrained "
                              "(only a lower bound)", HK));
  if (hk_free && isfinite(f->err[SFHET_DEVICE_HK]) &&
      sfhet_device_hk_gap_to_field(&m->d, HK) < 2.0 * f->err[SFHET_DEVICE_HK])
    SFHET_TRY(bind_res_string(r, "warning", "the fitted H_K = %g T lies within 2 errors of an applied field, where "
                              "m(B) saturates with a kink: the H_K error is only indicative", HK));
  return SFHET_OK;
}

/* Fit settings as the CLI's: free (required), max_evals, time_limit [s]. */
static int fit_config(bind_args *a, sfhet_device_fit_config *c) {
  sfhet_device_fit_config_init(c);
  SFHET_TRY(params(a, c->p));
  const char *fr = bind_str(a, "free", NULL);
  if (!fr) SFHET_ERROR(SFHET_EUSAGE, "free: the fitted parameters are required, e.g. lambda,eta,HK,gamma0");
  SFHET_TRY(sfhet_device_fit_set_free(c, fr, "free"));
  long me;
  SFHET_TRY(bind_int(a, "max_evals", 5000, 1, 100000000, &me));
  c->max_evals = (size_t)me;
  double tl = 600.0;
  SFHET_TRY(bind_qty(a, "time_limit", SFHET_DIM_TIME, &tl, &c->time_limit));
  if (!(c->time_limit > 0.0)) SFHET_ERROR(SFHET_EUSAGE, "time_limit: must be > 0 s");
  return SFHET_OK;
}

static int run_device_fit(bind_args *a, sfhet_bind_res *r) {
  sfhet_device_fit_config c;
  int nt;
  SFHET_TRY(fit_config(a, &c));
  SFHET_TRY(threads(a, &nt));
  sfhet_device_rows m;
  int st = read_map(a, &m);
  if (!st) st = bind_done(a);
  sfhet_device_ws *ws = st ? NULL : sfhet_device_ws_alloc(nt);
  if (!st && !ws) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  sfhet_device_fit_result f;
  if (!st) st = sfhet_device_fit(&c, &m.d, &f, ws);
  if (st == SFHET_OK || st == SFHET_ENOCONV) st = fit_result(&f, &m, c.free[SFHET_DEVICE_HK], r);
  sfhet_device_ws_free(ws);
  sfhet_device_rows_free(&m);
  return st;
}

const bind_fn bind_fn_device_fit = {
    .name = "device_fit",
    .summary = "global fit of a measured map G(B, V) for the chain's parameters (sfhet device --fit --json)",
    .args = "arrays B [T], V [mV], G, direction (+1/-1, optional), sigma (optional); free (comma list), the "
            "device parameters as in device (start values), max_evals, time_limit [s], threads",
    .run = run_device_fit};
