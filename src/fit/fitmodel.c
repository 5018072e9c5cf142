/* Fit configurations over a model's named parameters plus the nuisance parameters of real data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

static const sfhet_param_info nuisance[SFHET_FIT_NUISANCE] = {
    {"V0", "V_0", SFHET_DIM_VOLTAGE, 0.0, -INFINITY, INFINITY, 0, "bias offset: the model is taken at V - V0"},
    {"gnn", "G_nn", SFHET_DIM_NONE, 1.0, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "conductance scale: data = gnn*G(V - V0) + bg0 + bg1*V"},
    {"bg0", "b_0", SFHET_DIM_NONE, 0.0, -INFINITY, INFINITY, 0, "constant background added to the model"},
    {"bg1", "b_1", SFHET_DIM_NONE, 0.0, -INFINITY, INFINITY, 0, "linear background slope, per mV of bias"},
};

const sfhet_param_info *sfhet_fit_nuisance_params(void) { return nuisance; }

void sfhet_fit_config_init(sfhet_fit_config *c, const sfhet_fit_model *m) {
  memset(c, 0, sizeof *c);
  c->model = m;
  c->np = m->np + SFHET_FIT_NUISANCE;
  for (size_t k = 0; k < c->np; k++) {
    const sfhet_param_info *q = k < m->np ? &m->info[k] : &nuisance[k - m->np];
    c->name[k] = q->name;
    c->value[k] = q->def;
    /* bounds at 1e3 or beyond are sanity limits, not physics: the fitter treats them as open */
    c->lo[k] = q->lo <= -1e3 ? -INFINITY : q->lo;
    c->hi[k] = q->hi >= 1e3 ? INFINITY : q->hi;
  }
  c->starts = 1;
  c->seed = 1;
  c->xtol = 1e-7;
  c->max_evals = 20000;
}

const sfhet_param_info *fit_param_info(const sfhet_fit_config *c, size_t k) {
  return k < c->model->np ? &c->model->info[k] : &nuisance[k - c->model->np];
}

int fit_param_open(const sfhet_fit_config *c, size_t k) {
  unsigned f = fit_param_info(c, k)->flags;
  return ((f & SFHET_PARAM_LO_OPEN) ? SFHET_LSQ_LO_OPEN : 0) | ((f & SFHET_PARAM_HI_OPEN) ? SFHET_LSQ_HI_OPEN : 0);
}

/* The level of y at large bias, or its rms when that is zero (1 for all-zero data). */
static double data_level(const sfhet_fit_data *d) {
  double level = fabs(sfhet_fit_large_bias_level(d)), ms = 0.0;
  if (level > 0 && isfinite(level)) return level;
  for (size_t i = 0; i < d->n; i++) ms += d->y[i] * d->y[i] / (double)d->n;
  return ms > 0 ? sqrt(ms) : 1.0;
}

void fit_param_scales(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p, double *scale) {
  size_t m = c->model->np, n = d->n;
  double xmax = n ? fmax(fabs(d->x[0]), fabs(d->x[n - 1])) : 1.0;
  double dx = n > 1 ? (d->x[n - 1] - d->x[0]) / (double)(n - 1) : xmax, level = n ? data_level(d) : 1.0;
  if (!(xmax > 0)) xmax = 1.0;
  for (size_t k = 0; k < c->np; k++) {
    sfhet_dim dim = fit_param_info(c, k)->dim;
    double floor = 0.0;
    if (k == m + 1 || k == m + 2) floor = level;           /* gnn, bg0: in units of y */
    else if (k == m + 3) floor = level / xmax;             /* bg1: y per unit of x */
    else if (k == m || dim == SFHET_DIM_ENERGY || dim == SFHET_DIM_VOLTAGE) floor = dx; /* units of x */
    scale[k] = fmax(fabs(p[k]), floor);
  }
}

int sfhet_fit_index(const sfhet_fit_config *c, const char *name) {
  for (size_t k = 0; k < c->np; k++)
    if (strcmp(c->name[k], name) == 0) return (int)k;
  return -1;
}

int sfhet_fit_set_free(sfhet_fit_config *c, const char *list, const char *what) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", list ? list : "");
  char *save = NULL;
  for (char *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
    int k = sfhet_fit_index(c, t);
    if (k < 0) {
      char names[768];
      size_t u = 0;
      names[0] = '\0';
      for (size_t j = 0; j < c->np && u < sizeof names; j++)
        if (!(j < c->model->np && (c->model->info[j].flags & SFHET_PARAM_NOFIT)))
          u += (size_t)snprintf(names + u, sizeof names - u, "%s%s", u ? "," : "", c->name[j]);
      SFHET_ERROR(SFHET_EINVAL, "%s: '%s' is not a parameter of this model (parameters: %s)", what, t,
                  names);
    }
    if ((size_t)k < c->model->np && (c->model->info[k].flags & SFHET_PARAM_NOFIT))
      SFHET_ERROR(SFHET_EINVAL, "%s: '%s' cannot be fitted (not a continuous parameter)", what, t);
    c->free[k] = 1;
  }
  return SFHET_OK;
}

typedef struct {
  void *mws;
  double *xs;
  size_t cap;
} fit_ws;

void *sfhet_fit_ws_alloc(const sfhet_fit_config *c) {
  fit_ws *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  if (c->model->ws_alloc && !(w->mws = c->model->ws_alloc(c->model))) {
    free(w);
    return NULL;
  }
  return w;
}

void *fit_ws_model(void *ws) { return ws ? ((fit_ws *)ws)->mws : NULL; }

void sfhet_fit_ws_free(const sfhet_fit_config *c, void *ws) {
  fit_ws *w = ws;
  if (!w) return;
  if (c->model->ws_free) c->model->ws_free(w->mws);
  free(w->xs);
  free(w);
}

int sfhet_fit_eval(const sfhet_fit_config *c, const double *p, const double *x, size_t n, double *y,
                   void *ws) {
  fit_ws *w = ws;
  size_t m = c->model->np;
  double V0 = p[m], gnn = p[m + 1], b0 = p[m + 2], b1 = p[m + 3];
  const double *xe = x;
  if (V0 != 0) {
    if (w->cap < n) {
      double *t = realloc(w->xs, n * sizeof *t);
      if (!t) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
      w->xs = t;
      w->cap = n;
    }
    for (size_t i = 0; i < n; i++) w->xs[i] = x[i] - V0;
    xe = w->xs;
  }
  SFHET_TRY(c->model->eval(c->model, p, xe, n, y, w->mws));
  for (size_t i = 0; i < n; i++) y[i] = gnn * y[i] + b0 + b1 * x[i];
  return SFHET_OK;
}
