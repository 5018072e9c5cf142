/* Bound macrospin loops (sfhet loop) and the AFM inversion of measured flop and saturation fields. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"
#include "sfhet/magnet.h"

/* A preset's value of a parameter (0 when the preset does not set it). */
static int preset_value(const sfhet_mag_preset *p, const char *name, double *v) {
  for (size_t k = 0; p && k < SFHET_MAG_MAX_PARAMS && p->names[k]; k++)
    if (strcmp(p->names[k], name) == 0) return *v = p->values[k], 1;
  return 0;
}

typedef struct {
  const sfhet_mag_model *model;
  const sfhet_mag_preset *preset;
  double p[SFHET_MAG_MAX_PARAMS], psi, tilt;
  long layers;
  int planar, equilibrium;
} loop_setup;

static int loop_model(bind_args *a, loop_setup *s) {
  const char *pn = bind_str(a, "preset", NULL), *mn = bind_str(a, "model", NULL);
  if (pn && !(s->preset = sfhet_mag_preset_find(pn))) SFHET_ERROR(SFHET_EUSAGE, "preset: unknown preset '%s'", pn);
  if (!mn) mn = s->preset ? s->preset->model : NULL;
  if (!mn) SFHET_ERROR(SFHET_EUSAGE, "model is required (sw, afm, fsf or crbr3) unless preset is given");
  if (!(s->model = sfhet_mag_model_find(mn))) SFHET_ERROR(SFHET_EUSAGE, "model: unknown model '%s'", mn);
  if (s->preset && strcmp(s->preset->model, s->model->name))
    SFHET_ERROR(SFHET_EUSAGE, "preset %s is for model '%s', not '%s'", s->preset->name, s->preset->model, mn);
  return SFHET_OK;
}

/* Parameters: given, else the preset's, else the model's default (sfhet loop's precedence). */
static int loop_params(bind_args *a, loop_setup *s) {
  const sfhet_mag_model *m = s->model;
  for (size_t k = 0; k < m->n_params; k++) {
    const sfhet_param_info *q = &m->params[k];
    double def = q->def;
    preset_value(s->preset, q->name, &def);
    SFHET_TRY(bind_qty(a, q->name, q->dim, &def, &s->p[k]));
    SFHET_TRY(sfhet_param_check(q, s->p[k], q->name));
  }
  double psi = m->psi_default, zero = 0;
  preset_value(s->preset, "psi", &psi);
  SFHET_TRY(bind_qty(a, "psi", SFHET_DIM_ANGLE, &psi, &s->psi));
  SFHET_TRY(bind_qty(a, "tilt", SFHET_DIM_ANGLE, &zero, &s->tilt));
  SFHET_TRY(bind_int(a, "layers", 2, 2, SFHET_MAG_MAX, &s->layers));
  SFHET_TRY(bind_flag(a, "planar", &s->planar));
  return bind_flag(a, "equilibrium", &s->equilibrium);
}

/* The field list H, with the reversed sweep appended when ret (a closed loop). */
static int loop_fields(bind_args *a, double **H, size_t *nh) {
  const double *h;
  size_t n;
  int ret;
  SFHET_TRY(bind_array(a, "H", BIND_REQUIRED | BIND_FINITE, &h, &n));
  SFHET_TRY(bind_flag(a, "return", &ret));
  if (!n) SFHET_ERROR(SFHET_EUSAGE, "H: empty field list");
  *nh = ret && n > 1 ? 2 * n - 1 : n;
  *H = malloc(*nh * sizeof **H);
  if (!*H) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  memcpy(*H, h, n * sizeof **H);
  for (size_t k = n; k < *nh; k++) (*H)[k] = h[2 * n - 2 - k];
  return SFHET_OK;
}

static int loop_curves(const sfhet_mag_result *res, sfhet_bind_res *r) {
  SFHET_TRY(bind_res_copy(r, "H_T", res->H, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mz", res->Mz, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mx", res->Mx, res->nh));
  SFHET_TRY(bind_res_copy(r, "My", res->My, res->nh));
  SFHET_TRY(bind_res_copy(r, "Mpar", res->Mpar, res->nh));
  SFHET_TRY(bind_res_copy(r, "E", res->E, res->nh));
  double *m, hc[64], *sw, *dm;
  SFHET_TRY(bind_res_array(r, "m", res->nh, 3 * res->n, &m));
  memcpy(m, res->m, res->nh * 3 * res->n * sizeof *m);
  size_t nc = sfhet_mag_coercive(res, hc, 64);
  double mean = 0;
  for (size_t k = 0; k < nc; k++) mean += fabs(hc[k]) / (double)nc;
  SFHET_TRY(bind_res_copy(r, "Hc_T", hc, nc));
  SFHET_TRY(bind_res_scalar(r, "Hc_abs_T", nc ? mean : NAN));
  SFHET_TRY(bind_res_array(r, "switching_fields_T", res->nevent, 1, &sw));
  SFHET_TRY(bind_res_array(r, "switching_dM", res->nevent, 1, &dm));
  for (size_t k = 0; k < res->nevent; k++) sw[k] = res->event[k].H, dm[k] = res->event[k].dM;
  return SFHET_OK;
}

static int loop_trace(const loop_setup *s, double *H, size_t nh, sfhet_bind_res *r) {
  sfhet_mag_system *sys = malloc(sizeof *sys);
  sfhet_mag_workspace *ws = sfhet_mag_alloc(SFHET_MAG_MAX);
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
  if (!st) st = bind_res_scalar(r, "psi_deg", s->psi);
  if (!st) st = bind_res_string(r, "model", "%s", s->model->name);
  sfhet_mag_result_free(&res);
  sfhet_mag_free(ws);
  free(sys);
  return st;
}

static int run_loop(bind_args *a, sfhet_bind_res *r) {
  loop_setup s;
  memset(&s, 0, sizeof s);
  double *H = NULL;
  size_t nh = 0;
  SFHET_TRY(loop_model(a, &s));
  int st = loop_params(a, &s);
  if (!st) st = loop_fields(a, &H, &nh);
  if (!st) st = bind_done(a);
  if (!st) st = loop_trace(&s, H, nh, r);
  free(H);
  return st;
}

const bind_fn bind_fn_loop = {
    .name = "loop",
    .summary = "zero-temperature magnetisation loop of a macrospin model (sfhet loop): H_T, Mz, Mx, My, Mpar, E, "
               "m (states), Hc_T, switching fields",
    .args = "model or preset, the model's parameters, array H [T] (required, traced in order), return, psi, tilt "
            "[deg], layers, planar, equilibrium",
    .run = run_loop};

static int run_afm_fit(bind_args *a, sfhet_bind_res *r) {
  double f, sat, fe, se, zero = 0, HE, HEe, HA, HAe;
  SFHET_TRY(bind_qty(a, "flop", SFHET_DIM_FIELD, NULL, &f));
  SFHET_TRY(bind_qty(a, "sat", SFHET_DIM_FIELD, NULL, &sat));
  SFHET_TRY(bind_qty(a, "flop_err", SFHET_DIM_FIELD, &zero, &fe));
  SFHET_TRY(bind_qty(a, "sat_err", SFHET_DIM_FIELD, &zero, &se));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(sfhet_afm_fit(f, fe, sat, se, &HE, &HEe, &HA, &HAe));
  SFHET_TRY(bind_res_scalar(r, "HE_T", HE));
  SFHET_TRY(bind_res_scalar(r, "HE_err_T", HEe));
  SFHET_TRY(bind_res_scalar(r, "HA_T", HA));
  return bind_res_scalar(r, "HA_err_T", HAe);
}

const bind_fn bind_fn_afm_fit = {
    .name = "afm_fit", .summary = "HE, HA of an A-type AFM bilayer from measured flop and saturation fields "
                                  "(sfhet loop --model afm --flop --sat)",
    .args = "flop, sat [T] (required), flop_err, sat_err [T]", .run = run_afm_fit};
