/* sfhet fit --bind: fixed parameters that take each spectrum's sweep value (a temperature series fitted
 * with each spectrum at its own T, seed 000 Fig. 1c-d). */
#include <string.h>

#include "cmd_fit.h"
#include "sfhet/error.h"
#include "sfhet/param.h"
#include "sfhet/units.h"

void fit_add_bind_option(cli_spec *s) {
  cli_add(s, "bind", CLI_STR, SFHET_DIM_NONE, NULL,
          "with --sweep: fixed parameters set to each spectrum's sweep value, e.g. T with --sweep T_K (a\n"
          "                         temperature series); the sweep column must have the parameter's dimension");
}

static const sfhet_param_info *info_of(const fit_job *f, size_t k) {
  return k < f->model.np ? &f->model.info[k] : &sfhet_fit_nuisance_params()[k - f->model.np];
}

/* Checks one bound parameter against the sweep: not fitted, same dimension, every value allowed. */
static int check_bound(const fit_job *f, size_t k) {
  const sfhet_param_info *q = info_of(f, k);
  const sfhet_dataset *ds = &f->ds;
  if (f->cfg.free[k])
    return cli_usage_error("--bind: %s is also fitted (--free/--shared); a bound parameter is fixed at each "
                           "spectrum's sweep value", q->name);
  if (ds->sdim != SFHET_DIM_NONE && ds->sdim != q->dim)
    return cli_usage_error("--bind %s: the sweep column %s is a %s, but %s is a %s", q->name, ds->sname,
                           sfhet_dim_name(ds->sdim), q->name, sfhet_dim_name(q->dim));
  char what[200];
  for (size_t i = 0; i < ds->m; i++) {
    snprintf(what, sizeof what, "--bind %s (sweep value %zu of %s)", q->name, i + 1, ds->sname);
    SFHET_TRY(sfhet_param_check(q, ds->s[i], what));
  }
  return SFHET_OK;
}

int fit_bind_setup(fit_job *f) {
  cli_spec *s = &f->s;
  const char *list = cli_str(s, "bind");
  if (!list) return SFHET_OK;
  if (!cli_spectra_sweep(s)) return cli_usage_error("--bind needs --sweep (the values to bind to)");
  sfhet_fit_config tmp = f->cfg;
  memset(tmp.free, 0, sizeof tmp.free);
  SFHET_TRY(sfhet_fit_set_free(&tmp, list, "--bind"));
  for (size_t k = 0; k < f->cfg.np; k++) {
    if (!tmp.free[k]) continue;
    SFHET_TRY(check_bound(f, k));
    f->cfg.bound[k] = 1;
  }
  f->cfg.bind_value = f->ds.s;
  return SFHET_OK;
}

int fit_binds(const cli_spec *s, const char *name) {
  const char *list = cli_str(s, "bind");
  size_t n = strlen(name);
  for (const char *p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
    if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0')) return 1;
    if (!p[strcspn(p, ",")]) break;
  }
  return 0;
}
