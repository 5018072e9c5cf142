/* A fit configured from named arguments with sfhet fit's conventions, and the bound function fit_eval
 * (the fitted model at any bias). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_fit.h"
#include "sfhet/error.h"

/* Shared parameters are free parameters with one value for all spectra (sfhet fit --shared). */
static int setup_shared(bind_args *a, bind_fit_setup *f) {
  const char *sh = bind_str(a, "shared", NULL);
  if (!sh || !*sh) return SFHET_OK;
  sfhet_fit_config tmp = f->cfg;
  memset(tmp.free, 0, sizeof tmp.free);
  SFHET_TRY(sfhet_fit_set_free(&tmp, sh, "shared"));
  for (size_t k = 0; k < f->cfg.np; k++)
    if (tmp.free[k]) f->shared[k] = f->cfg.free[k] = f->any_shared = 1;
  return SFHET_OK;
}

/* Robust loss, sigma clip, evaluation budget and time limit with sfhet fit's defaults and checks. */
static int setup_robust(bind_args *a, bind_fit_setup *f) {
  sfhet_fit_config *c = &f->cfg;
  f->loss = bind_str(a, "loss", "linear");
  SFHET_TRY(sfhet_lsq_loss_parse(f->loss, &c->loss, "loss"));
  double one = 1.0, tl_def = 300.0, fs, k = 0.0, tl;
  SFHET_TRY(bind_qty(a, "loss_scale", SFHET_DIM_NONE, &one, &fs));
  if (!(fs > 0) || !isfinite(fs)) SFHET_ERROR(SFHET_EUSAGE, "loss_scale: must be > 0, got %g", fs);
  c->loss_scale = fs;
  if (bind_given(a, "clip")) {
    SFHET_TRY(bind_qty(a, "clip", SFHET_DIM_NONE, NULL, &k));
    if (!(k >= 1 && k <= 1e6)) SFHET_ERROR(SFHET_EUSAGE, "clip: must be 1..1e6 (robust standard deviations), got %g", k);
  }
  c->clip = k;
  long me;
  SFHET_TRY(bind_int(a, "max_evals", 20000, 1, 1000000000L, &me));
  c->max_evals = (size_t)me;
  SFHET_TRY(bind_qty(a, "time_limit", SFHET_DIM_TIME, &tl_def, &tl));
  if (!(tl > 0) || tl > 1e7) SFHET_ERROR(SFHET_EUSAGE, "time_limit: must be > 0 s and at most 1e7 s, got %g s", tl);
  c->time_limit = tl;
  return SFHET_OK;
}

static int setup_config(bind_args *a, bind_fit_setup *f) {
  sfhet_fit_config *c = &f->cfg;
  SFHET_TRY(sfhet_fit_junction_model(&f->model, &f->fj));
  sfhet_fit_config_init(c, &f->model);
  const sfhet_param_info *nui = sfhet_fit_nuisance_params();
  for (size_t k = f->model.np; k < c->np; k++) SFHET_TRY(bind_param(a, &nui[k - f->model.np], &c->value[k]));
  for (size_t k = 0; k < c->np; k++) c->given[k] = bind_given(a, c->name[k]);
  const char *fl = bind_str(a, "free", NULL);
  if (!fl || !*fl) SFHET_ERROR(SFHET_EUSAGE, "free is required (e.g. free=delta,gamma)");
  SFHET_TRY(sfhet_fit_set_free(c, fl, "free"));
  SFHET_TRY(setup_shared(a, f));
  long starts, seed;
  SFHET_TRY(bind_int(a, "starts", 3, 1, 10000, &starts));
  SFHET_TRY(bind_int(a, "seed", 1, 0, 4294967295L, &seed));
  c->starts = (int)starts;
  c->seed = (unsigned long)seed;
  SFHET_TRY(setup_robust(a, f));
  for (size_t k = 0; k < c->np; k++)
    if (c->free[k] && (c->value[k] < c->lo[k] || c->value[k] > c->hi[k]))
      SFHET_ERROR(SFHET_EUSAGE, "%s: start value %g is outside the fit bounds", c->name[k], c->value[k]);
  return SFHET_OK;
}

int bind_fit_setup_make(bind_args *a, bind_fit_setup *f) {
  memset(f, 0, sizeof *f);
  if (!bind_given(a, "T")) SFHET_ERROR(SFHET_EUSAGE, "T is required (the measurement temperature)");
  const char *fl = bind_str(a, "free", ""), *sh = bind_str(a, "shared", "");
  char untie[1100]; /* second-electrode parameters named free or shared are fit parameters of their own */
  snprintf(untie, sizeof untie, "%s,%s", fl, sh);
  SFHET_TRY(bind_junction(a, NULL, untie, &f->fj.j));
  return setup_config(a, f);
}

int bind_fit_setup_describe(const bind_fit_setup *f, sfhet_bind_res *r) {
  const sfhet_fit_config *c = &f->cfg;
  const sfhet_param_info *nui = sfhet_fit_nuisance_params();
  double *start, *lo, *hi, *fr, *sh, *gv;
  SFHET_TRY(bind_res_array(r, "start", c->np, 1, &start));
  SFHET_TRY(bind_res_array(r, "lo", c->np, 1, &lo));
  SFHET_TRY(bind_res_array(r, "hi", c->np, 1, &hi));
  SFHET_TRY(bind_res_array(r, "free", c->np, 1, &fr));
  SFHET_TRY(bind_res_array(r, "shared", c->np, 1, &sh));
  SFHET_TRY(bind_res_array(r, "given", c->np, 1, &gv));
  for (size_t k = 0; k < c->np; k++) {
    const sfhet_param_info *q = k < f->model.np ? &f->model.info[k] : &nui[k - f->model.np];
    start[k] = c->value[k], lo[k] = c->lo[k], hi[k] = c->hi[k];
    fr[k] = c->free[k], sh[k] = f->shared[k], gv[k] = c->given[k];
    char col[2][96];
    sfhet_param_column(q, 0, col[0], sizeof col[0]);
    sfhet_param_column(q, 1, col[1], sizeof col[1]);
    SFHET_TRY(bind_res_string(r, "name", "%s", c->name[k]));
    SFHET_TRY(bind_res_string(r, "unit", "%s", sfhet_dim_unit(q->dim)));
    SFHET_TRY(bind_res_string(r, "column", "%s", col[0]));
    SFHET_TRY(bind_res_string(r, "column_err", "%s", col[1]));
  }
  SFHET_TRY(bind_res_string(r, "junction", "%s", f->fj.j.kind == SFHET_JUNCTION_SIS ? "sis" : "nis"));
  return bind_res_string(r, "model", "%s", f->fj.j.dos1->name);
}

/* The model with parameter vector p (all np parameters, model then nuisance) at the n biases x. */
static int eval_model(const bind_fit_setup *f, const double *p, const double *x, size_t n, sfhet_bind_res *r) {
  double *y;
  SFHET_TRY(bind_res_array(r, "y", n, 1, &y));
  if (!n) return SFHET_OK;
  void *ws = sfhet_fit_ws_alloc(&f->cfg);
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = sfhet_fit_eval(&f->cfg, p, x, n, y, ws);
  sfhet_fit_ws_free(&f->cfg, ws);
  return st;
}

static int run_fit_eval(bind_args *a, sfhet_bind_res *r) {
  bind_fit_setup *f = calloc(1, sizeof *f);
  if (!f) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  const double *p = NULL, *x = NULL;
  size_t np = 0, n = 0;
  int st = bind_fit_setup_make(a, f);
  if (!st) st = bind_array(a, "p", BIND_REQUIRED | BIND_FINITE, &p, &np);
  if (!st) st = bind_array(a, "V", BIND_REQUIRED | BIND_FINITE, &x, &n);
  if (!st) st = bind_done(a);
  if (!st && np != f->cfg.np)
    SFHET_REPORT(st = SFHET_EINVAL, "fit_eval: p has %zu values, this fit has %zu parameters", np, f->cfg.np);
  if (!st) st = eval_model(f, p, x, n, r);
  free(f);
  return st;
}

const bind_fn bind_fn_fit_eval = {
    .name = "fit_eval",
    .summary = "the fit model gnn*G(V - V0) + bg0 + bg1*V at biases V for a full parameter vector p",
    .args = "the arguments of fit (same junction, parameters, free, shared), array p (every parameter "
            "in fit's order), array V [mV]",
    .run = run_fit_eval};
