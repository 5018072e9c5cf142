/* Introspection for bindings: the bound functions, the status codes, dimensions and units, the DOS
 * and macrospin models and the parameter table of anything that takes named parameters. */
#include <math.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/dos.h"
#include "sfhet/device.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "sfhet/ising.h"
#include "sfhet/isingqc.h"
#include "sfhet/magnet.h"
#include "sfhet/spin.h"
#include "sfhet/thermo.h"

static int run_functions(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  for (size_t i = 0; i < bind_fn_count(); i++) {
    const bind_fn *f = bind_fn_get(i);
    SFHET_TRY(bind_res_string(r, "name", "%s", f->name));
    SFHET_TRY(bind_res_string(r, "summary", "%s", f->summary));
    SFHET_TRY(bind_res_string(r, "args", "%s", f->args));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_functions = {
    .name = "functions", .summary = "the bound functions (strings name, summary, args)", .args = "",
    .run = run_functions};

static int run_statuses(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  static const struct {
    const char *name;
    int code;
  } list[] = {
#define BIND_X_STATUS(name, value, cls, msg) {#name, value},
      SFHET_STATUS_LIST(BIND_X_STATUS)
#undef BIND_X_STATUS
  };
  size_t n = sizeof list / sizeof list[0];
  double *code, *cls;
  SFHET_TRY(bind_res_array(r, "code", n, 1, &code));
  SFHET_TRY(bind_res_array(r, "exit", n, 1, &cls));
  for (size_t i = 0; i < n; i++) {
    code[i] = list[i].code;
    cls[i] = sfhet_status_exit_code(list[i].code);
    SFHET_TRY(bind_res_string(r, "name", "%s", list[i].name));
    SFHET_TRY(bind_res_string(r, "message", "%s", sfhet_strerror(list[i].code)));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_statuses = {
    .name = "statuses", .summary = "status codes (code, exit class 0/1/2, name, message)", .args = "",
    .run = run_statuses};

const char *bind_dim_key(sfhet_dim d) {
  static const char *const key[] = {"none", "energy",    "temperature", "voltage", "field",      "length",
                                    "time", "angle",     "diffusion",   "current", "resistance", "conductance"};
  _Static_assert(sizeof key / sizeof key[0] == SFHET_DIM_COUNT, "a dimension without a key");
  return d >= 0 && d < SFHET_DIM_COUNT ? key[d] : "?";
}

static int run_dims(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  double *idx;
  SFHET_TRY(bind_res_array(r, "dim", SFHET_DIM_COUNT, 1, &idx));
  for (int d = 0; d < SFHET_DIM_COUNT; d++) {
    idx[d] = d;
    SFHET_TRY(bind_res_string(r, "key", "%s", bind_dim_key((sfhet_dim)d)));
    SFHET_TRY(bind_res_string(r, "name", "%s", sfhet_dim_name((sfhet_dim)d)));
    SFHET_TRY(bind_res_string(r, "unit", "%s", sfhet_dim_unit((sfhet_dim)d)));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_dims = {
    .name = "dims", .summary = "dimensions with their default units (dim, key, name, unit)", .args = "",
    .run = run_dims};

static int run_models(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  size_t n = sfhet_dos_count();
  double *np, *spin;
  SFHET_TRY(bind_res_array(r, "n_params", n, 1, &np));
  SFHET_TRY(bind_res_array(r, "spin_resolved", n, 1, &spin));
  for (size_t i = 0; i < n; i++) {
    const sfhet_dos_info *m = sfhet_dos_get(i);
    np[i] = (double)m->n_params;
    spin[i] = m->spin_resolved != 0;
    SFHET_TRY(bind_res_string(r, "name", "%s", m->name));
    SFHET_TRY(bind_res_string(r, "summary", "%s", m->summary));
    SFHET_TRY(bind_res_string(r, "reference", "%s", m->reference));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_models = {
    .name = "models", .summary = "registered DOS models (name, summary, reference, n_params, spin_resolved)",
    .args = "", .run = run_models};

/* A parameter table as strings name, symbol, unit, dim_name, help, bounds and arrays default, lo, hi,
 * flags, dim, follows (index of the parameter it follows, or -1). */
static int emit_table(sfhet_bind_res *r, size_t n, const sfhet_param_info *const *p, const int *follows) {
  double *def, *lo, *hi, *flags, *dim, *fol;
  SFHET_TRY(bind_res_array(r, "default", n, 1, &def));
  SFHET_TRY(bind_res_array(r, "lo", n, 1, &lo));
  SFHET_TRY(bind_res_array(r, "hi", n, 1, &hi));
  SFHET_TRY(bind_res_array(r, "flags", n, 1, &flags));
  SFHET_TRY(bind_res_array(r, "dim", n, 1, &dim));
  SFHET_TRY(bind_res_array(r, "follows", n, 1, &fol));
  for (size_t k = 0; k < n; k++) {
    const sfhet_param_info *q = p[k];
    char bounds[96];
    sfhet_param_bounds_text(q, bounds, sizeof bounds);
    def[k] = q->def, lo[k] = q->lo, hi[k] = q->hi, flags[k] = q->flags, dim[k] = q->dim;
    fol[k] = follows ? follows[k] : -1;
    SFHET_TRY(bind_res_string(r, "name", "%s", q->name));
    SFHET_TRY(bind_res_string(r, "symbol", "%s", q->symbol ? q->symbol : ""));
    SFHET_TRY(bind_res_string(r, "unit", "%s", sfhet_dim_unit(q->dim)));
    SFHET_TRY(bind_res_string(r, "dim_name", "%s", bind_dim_key(q->dim)));
    SFHET_TRY(bind_res_string(r, "help", "%s", q->help ? q->help : ""));
    SFHET_TRY(bind_res_string(r, "bounds", "%s", bounds));
  }
  return SFHET_OK;
}

/* A contiguous table of n parameters. */
static int emit_plain(sfhet_bind_res *r, const sfhet_param_info *t, size_t n) {
  const sfhet_param_info *p[SFHET_FIT_MAX_PARAMS];
  if (n > SFHET_FIT_MAX_PARAMS) n = SFHET_FIT_MAX_PARAMS;
  for (size_t k = 0; k < n; k++) p[k] = &t[k];
  return emit_table(r, n, p, NULL);
}

static int junction_table(bind_args *a, sfhet_bind_res *r) {
  sfhet_junction j;
  SFHET_TRY(bind_junction_models(a, "nis", &j));
  SFHET_TRY(bind_done(a));
  const sfhet_param_info *p[SFHET_JUNCTION_MAX_PARAMS];
  int fol[SFHET_JUNCTION_MAX_PARAMS];
  size_t n = sfhet_junction_nparams(&j);
  for (size_t k = 0; k < n; k++) p[k] = sfhet_junction_param(&j, k), fol[k] = sfhet_junction_counterpart(&j, k);
  return emit_table(r, n, p, fol);
}

/* The parameters of a DOS model or of a macrospin model (argument model). */
static int model_table(bind_args *a, sfhet_bind_res *r, int magnet) {
  const char *name = bind_str(a, "model", magnet ? NULL : "dynes");
  SFHET_TRY(bind_done(a));
  if (!name) SFHET_ERROR(SFHET_EUSAGE, "params: model is required for table magnet");
  if (magnet) {
    const sfhet_mag_model *m = sfhet_mag_model_find(name);
    if (!m) SFHET_ERROR(SFHET_EUSAGE, "model: unknown macrospin model '%s'", name);
    return emit_plain(r, m->params, m->n_params);
  }
  const sfhet_dos_info *m = sfhet_dos_find(name);
  if (!m) SFHET_ERROR(SFHET_EUSAGE, "model: unknown model '%s'", name);
  return emit_plain(r, m->params, m->n_params);
}

static int run_params(bind_args *a, sfhet_bind_res *r) {
  const char *t = bind_str(a, "table", "dos");
  if (strcmp(t, "dos") == 0) return model_table(a, r, 0);
  if (strcmp(t, "magnet") == 0) return model_table(a, r, 1);
  if (strcmp(t, "junction") == 0) return junction_table(a, r);
  SFHET_TRY(bind_done(a));
  if (strcmp(t, "nuisance") == 0) return emit_plain(r, sfhet_fit_nuisance_params(), SFHET_FIT_NUISANCE);
  if (strcmp(t, "thermo") == 0) return emit_plain(r, sfhet_thermo_params, sfhet_thermo_n_params);
  if (strcmp(t, "hanle") == 0) return emit_plain(r, sfhet_hanle_params, SFHET_HANLE_NP);
  if (strcmp(t, "ising") == 0) return emit_plain(r, sfhet_ising_params, SFHET_ISING_NPARAMS);
  if (strcmp(t, "isingqc_flop") == 0)
    return emit_plain(r, sfhet_isingqc_flop_params, SFHET_ISINGQC_FLOP_NPARAMS);
  if (strcmp(t, "device") == 0) return emit_plain(r, sfhet_device_params, SFHET_DEVICE_NPARAMS);
  SFHET_ERROR(SFHET_EUSAGE, "table: unknown parameter table '%s' (dos, junction, nuisance, thermo, hanle, "
              "ising, isingqc_flop, device, magnet)", t);
}

const bind_fn bind_fn_params = {
    .name = "params",
    .summary = "a parameter table: name, symbol, unit, dim, help, bounds, default, lo, hi, flags, follows",
    .args = "table=dos|junction|nuisance|thermo|hanle|ising|isingqc_flop|device|magnet, model (dos, magnet, junction), "
            "junction, model2 (junction)",
    .run = run_params};

static int run_magnet_models(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  size_t n = sfhet_mag_model_count();
  double *psi;
  SFHET_TRY(bind_res_array(r, "psi_default", n, 1, &psi));
  for (size_t i = 0; i < n; i++) {
    const sfhet_mag_model *m = sfhet_mag_model_get(i);
    psi[i] = m->psi_default;
    SFHET_TRY(bind_res_string(r, "name", "%s", m->name));
    SFHET_TRY(bind_res_string(r, "summary", "%s", m->summary));
    SFHET_TRY(bind_res_string(r, "reference", "%s", m->reference));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_magnet_models = {
    .name = "magnet_models", .summary = "macrospin models (name, summary, reference, psi_default)", .args = "",
    .run = run_magnet_models};

static int run_presets(bind_args *a, sfhet_bind_res *r) {
  SFHET_TRY(bind_done(a));
  for (size_t i = 0; i < sfhet_mag_preset_count(); i++) {
    const sfhet_mag_preset *p = sfhet_mag_preset_get(i);
    SFHET_TRY(bind_res_string(r, "name", "%s", p->name));
    SFHET_TRY(bind_res_string(r, "model", "%s", p->model->name));
    SFHET_TRY(bind_res_string(r, "help", "%s", p->help));
  }
  return SFHET_OK;
}

const bind_fn bind_fn_presets = {
    .name = "presets", .summary = "macrospin presets (name, model, help)", .args = "", .run = run_presets};
