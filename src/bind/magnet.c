/* Bound macrospin loops (sfhet loop) and the models' inversions of measured fields. Every
 * model-dependent choice comes from the model's sfhet_mag_model, as in the CLI. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"
#include "sfhet/magnet.h"

typedef struct {
  const sfhet_mag_model *model;
  const sfhet_mag_preset *preset;
  double p[SFHET_MAG_MAX_PARAMS], psi, tilt, barrier_at;
  long layers;
  int planar, equilibrium, want_barrier;
} loop_setup;

/* The model named by model, or by preset. */
static int loop_model(bind_args *a, const sfhet_mag_model **model, const sfhet_mag_preset **preset) {
  const char *pn = bind_str(a, "preset", NULL), *mn = bind_str(a, "model", NULL);
  *preset = NULL;
  if (pn && !(*preset = sfhet_mag_preset_find(pn))) SFHET_ERROR(SFHET_EUSAGE, "preset: unknown preset '%s'", pn);
  if (!mn && !*preset) SFHET_ERROR(SFHET_EUSAGE, "model is required (sw, afm, fsf or crbr3) unless preset is given");
  *model = mn ? sfhet_mag_model_find(mn) : (*preset)->model;
  if (!*model) SFHET_ERROR(SFHET_EUSAGE, "model: unknown model '%s'", mn);
  if (*preset && (*preset)->model != *model)
    SFHET_ERROR(SFHET_EUSAGE, "preset %s is for model '%s', not '%s'", (*preset)->name, (*preset)->model->name,
                (*model)->name);
  return SFHET_OK;
}

/* Parameters: given, else the preset's, else the model's default (sfhet loop's precedence). */
static int loop_params(bind_args *a, loop_setup *s) {
  const sfhet_mag_model *m = s->model;
  sfhet_mag_defaults(m, s->preset, s->p, &s->psi);
  for (size_t k = 0; k < m->n_params; k++) {
    const sfhet_param_info *q = &m->params[k];
    SFHET_TRY(bind_qty(a, q->name, q->dim, &s->p[k], &s->p[k]));
    SFHET_TRY(sfhet_param_check(q, s->p[k], q->name));
  }
  double zero = 0;
  SFHET_TRY(bind_qty(a, "psi", SFHET_DIM_ANGLE, &s->psi, &s->psi));
  SFHET_TRY(bind_qty(a, "tilt", SFHET_DIM_ANGLE, &zero, &s->tilt));
  if (bind_given(a, "layers") && !(m->flags & SFHET_MAG_LAYERS))
    SFHET_ERROR(SFHET_EUSAGE, "layers does not apply to model %s", m->name);
  SFHET_TRY(bind_int(a, "layers", 2, (long)(m->layers_min ? m->layers_min : 2), SFHET_MAG_MAX, &s->layers));
  if ((s->want_barrier = bind_given(a, "barrier_at")))
    SFHET_TRY(bind_qty(a, "barrier_at", SFHET_DIM_FIELD, NULL, &s->barrier_at));
  SFHET_TRY(bind_flag(a, "planar", &s->planar));
  return bind_flag(a, "equilibrium", &s->equilibrium);
}

/* The model's default loop: 201 fields from +h to -h (h its field scale), as sfhet loop makes it. */
static int default_fields(const loop_setup *s, sfhet_range *rg) {
  double h = s->model->field_scale(s->p, (size_t)s->layers);
  if (!(h > 0) || !isfinite(h) || !isfinite(-2 * h))
    SFHET_ERROR(SFHET_EUSAGE, "H: the default field range (%g T) is not usable for these parameters; give H", h);
  return sfhet_range_linspace(rg, h, -h, 201);
}

/* The field list: H, or the default loop; the reversed sweep appended with return or for the default
 * loop (a closed loop), as sfhet loop does. */
static int loop_fields(bind_args *a, const loop_setup *s, double **H, size_t *nh) {
  sfhet_range rg = {0, NULL};
  const double *h;
  size_t n;
  int ret, given = bind_has_array(a, "H");
  SFHET_TRY(bind_array(a, "H", BIND_FINITE, &h, &n));
  SFHET_TRY(bind_flag(a, "return", &ret));
  if (!given) SFHET_TRY(default_fields(s, &rg));
  if (!given) h = rg.v, n = rg.n, ret = 1;
  *nh = ret && n > 1 ? 2 * n - 1 : n;
  *H = n ? malloc(*nh * sizeof **H) : NULL;
  int st = !n ? SFHET_EUSAGE : !*H ? SFHET_ENOMEM : SFHET_OK;
  if (st) SFHET_REPORT(st, n ? "out of memory" : "H: empty field list");
  for (size_t k = 0; !st && k < n; k++) (*H)[k] = h[k];
  for (size_t k = n; !st && k < *nh; k++) (*H)[k] = h[2 * n - 2 - k];
  sfhet_range_free(&rg);
  return st;
}

static int events(sfhet_bind_res *r, const char *name, const char *dname, const sfhet_mag_event *e, size_t n) {
  double *h, *dm = NULL;
  SFHET_TRY(bind_res_array(r, name, n, 1, &h));
  if (dname) SFHET_TRY(bind_res_array(r, dname, n, 1, &dm));
  for (size_t k = 0; k < n; k++) {
    h[k] = e[k].H;
    if (dm) dm[k] = e[k].dM;
  }
  return SFHET_OK;
}

static int loop_curves(const sfhet_mag_result *res, sfhet_bind_res *r) {
  SFHET_TRY(bind_res_copy(r, "H_T", res->H, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mz", res->Mz, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mx", res->Mx, res->nh));
  SFHET_TRY(bind_res_copy(r, "My", res->My, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mpar", res->Mpar, res->nh));
  SFHET_TRY(bind_res_copy(r, "E", res->E, res->nh));
  double *m, mean = 0;
  SFHET_TRY(bind_res_array(r, "m", res->nh, 3 * res->n, &m));
  memcpy(m, res->m, res->nh * 3 * res->n * sizeof *m);
  for (size_t k = 0; k < res->ncoercive; k++) mean += fabs(res->coercive[k]) / (double)res->ncoercive;
  SFHET_TRY(bind_res_copy(r, "Hc_T", res->coercive, res->ncoercive));
  SFHET_TRY(bind_res_scalar(r, "Hc_abs_T", res->ncoercive ? mean : NAN));
  SFHET_TRY(events(r, "switching_fields_T", "switching_dM", res->event, res->nevent));
  return events(r, "onset_fields_T", NULL, res->onset, res->nonset);
}

/* The barrier out of the state nearest barrier_at (NaN and a warning when there is no other minimum). */
static int loop_barrier(const loop_setup *s, sfhet_mag_ws *ws, const sfhet_mag_system *sys,
                        const sfhet_mag_result *res, sfhet_bind_res *r) {
  size_t best = 0;
  for (size_t k = 1; k < res->nh; k++)
    if (fabs(res->H[k] - s->barrier_at) < fabs(res->H[best] - s->barrier_at)) best = k;
  double u[3], b = NAN;
  sfhet_mag_field_dir(s->psi + s->tilt, u);
  double H[3] = {res->H[best] * u[0], res->H[best] * u[1], res->H[best] * u[2]};
  int st = sfhet_mag_barrier(ws, sys, H, res->m + 3 * res->n * best, &b);
  if (st == SFHET_ENOSOL) {
    SFHET_TRY(bind_res_string(r, "warning", "barrier_at: %s; barrier is NaN", sfhet_last_error()));
    sfhet_clear_error();
    st = SFHET_OK, b = NAN;
  }
  SFHET_TRY(st);
  SFHET_TRY(bind_res_string(r, "barrier_unit", "%s", s->model->energy_unit));
  return bind_res_scalar(r, "barrier", b);
}

/* The summary sfhet loop --json puts before the loop: psi, model, closed-form fields. */
static int loop_summary(const loop_setup *s, sfhet_bind_res *r) {
  const sfhet_mag_model *m = s->model;
  sfhet_mag_value v[SFHET_MAG_MAX_VALUES];
  size_t nv = m->closed_forms ? m->closed_forms(s->p, (size_t)s->layers, v, SFHET_MAG_MAX_VALUES) : 0;
  for (size_t k = 0; k < nv; k++) SFHET_TRY(bind_res_scalar(r, v[k].name, v[k].value));
  SFHET_TRY(bind_res_scalar(r, "psi_deg", s->psi));
  if (s->preset) SFHET_TRY(bind_res_string(r, "preset", "%s", s->preset->name));
  return bind_res_string(r, "model", "%s", m->name);
}

static int loop_trace(const loop_setup *s, double *H, size_t nh, sfhet_bind_res *r) {
  sfhet_mag_system *sys = malloc(sizeof *sys);
  sfhet_mag_ws *ws = sfhet_mag_ws_alloc(SFHET_MAG_MAX);
  int st = sys && ws ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  if (!st) st = s->model->build(s->p, (size_t)s->layers, sys);
  sfhet_mag_result res;
  memset(&res, 0, sizeof res);
  if (!st) {
    sys->planar = s->planar;
    sfhet_mag_loop L = {{0, 0, 0}, H, nh, s->equilibrium, NULL, 1};
    sfhet_mag_field_dir(s->psi + s->tilt, L.u); /* the tilt rotates the field further towards +x */
    st = sfhet_mag_trace(ws, sys, &L, &res);
  }
  if (!st) st = loop_curves(&res, r);
  if (!st && s->want_barrier) st = loop_barrier(s, ws, sys, &res, r);
  if (!st) st = loop_summary(s, r);
  sfhet_mag_result_free(&res);
  sfhet_mag_ws_free(ws);
  free(sys);
  return st;
}

static int run_loop(bind_args *a, sfhet_bind_res *r) {
  loop_setup s;
  memset(&s, 0, sizeof s);
  double *H = NULL;
  size_t nh = 0;
  SFHET_TRY(loop_model(a, &s.model, &s.preset));
  int st = loop_params(a, &s);
  if (!st) st = loop_fields(a, &s, &H, &nh);
  if (!st) st = bind_done(a);
  if (!st) st = loop_trace(&s, H, nh, r);
  free(H);
  return st;
}

const bind_fn bind_fn_loop = {
    .name = "loop",
    .summary = "zero-temperature magnetisation loop of a macrospin model (sfhet loop): H_T, Mz, Mx, My, Mpar, E, "
               "m (states), Hc_T, switching and onset fields, closed forms, barrier",
    .args = "model or preset, the model's parameters, array H [T] (default: the model's full loop), return, psi, "
            "tilt [deg], layers, planar, equilibrium, barrier_at [T]",
    .run = run_loop};

static int run_invert(bind_args *a, sfhet_bind_res *r) {
  const sfhet_mag_model *m;
  const sfhet_mag_preset *pr;
  SFHET_TRY(loop_model(a, &m, &pr));
  const sfhet_mag_inversion *inv = m->inversion;
  if (!inv) SFHET_ERROR(SFHET_EUSAGE, "model %s has no inversion of measured fields", m->name);
  double in[2], err[2], out[2], out_err[2], zero = 0;
  for (int k = 0; k < 2; k++) {
    char errname[48]; /* "<input>_err" */
    snprintf(errname, sizeof errname, "%s_err", inv->in[k]);
    SFHET_TRY(bind_qty(a, inv->in[k], SFHET_DIM_FIELD, NULL, &in[k]));
    SFHET_TRY(bind_qty(a, errname, SFHET_DIM_FIELD, &zero, &err[k]));
  }
  SFHET_TRY(bind_done(a));
  SFHET_TRY(inv->invert(in, err, out, out_err));
  char key[64];
  for (int k = 0; k < 2; k++) {
    snprintf(key, sizeof key, "%s_T", inv->out[k]);
    SFHET_TRY(bind_res_scalar(r, key, out[k]));
    snprintf(key, sizeof key, "%s_err_T", inv->out[k]);
    SFHET_TRY(bind_res_scalar(r, key, out_err[k]));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_loop_invert = {
    .name = "loop_invert",
    .summary = "a model's parameters from two measured fields (sfhet loop --model afm --flop --sat): <out>_T, "
               "<out>_err_T",
    .args = "model (with an inversion, e.g. afm), its two inputs [T] (afm: flop, sat) and <input>_err",
    .run = run_invert};
