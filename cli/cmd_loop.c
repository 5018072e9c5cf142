/* sfhet loop: zero-temperature magnetisation loops of macrospin models (Stoner-Wohlfarth, A-type AFM
 * stacks, F/Ising-superconductor/F, CrBr3), switching and coercive fields, barriers, inversions. Every
 * model-dependent choice is read from the model's sfhet_mag_model struct. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"
#include "sfhet/magnet.h"
#include "sfhet/table.h"

#define MAX_COLS 40
#define CHI_ISING_POINTS 24

typedef struct {
  const sfhet_mag_model *model;
  const sfhet_mag_preset *preset;
  double p[SFHET_MAG_MAX_PARAMS];
  double psi, tilt, barrier_at;
  long layers;
  size_t moments;
  int equilibrium, want_barrier, angles, haveT, planar;
  sfhet_range H, T;
  sfhet_table *chi_tab;
  const double *chiT, *chic;
  double *chi_own; /* chi_s(T) computed by --chi-ising: T, chi_par, chi_perp */
  size_t nchi;
} loop_args;

/* Options that only some models take, with the capability that admits them. */
static const struct {
  const char *name;
  unsigned flag;
} model_opts[] = {{"layers", SFHET_MAG_LAYERS}, {"T", SFHET_MAG_CHI_T},     {"chi-table", SFHET_MAG_CHI_T},
                  {"chi-col", SFHET_MAG_CHI_T}, {"T-col", SFHET_MAG_CHI_T}, {"chi-ising", SFHET_MAG_CHI_T},
                  {"lambda", SFHET_MAG_CHI_T}};
#define N_MODEL_OPTS (sizeof model_opts / sizeof model_opts[0])

static void list_names(char *buf, size_t size, int presets) {
  size_t used = 0, n = presets ? sfhet_mag_preset_count() : sfhet_mag_model_count();
  buf[0] = '\0';
  for (size_t i = 0; i < n && used < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                             presets ? sfhet_mag_preset_get(i)->name : sfhet_mag_model_get(i)->name);
}

/* Names of the models that admit capability flag (or have an inversion when flag is 0). */
static void list_with(char *buf, size_t size, unsigned flag) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sfhet_mag_model_count() && used < size; i++) {
    const sfhet_mag_model *m = sfhet_mag_model_get(i);
    if (flag ? (m->flags & flag) != 0 : m->inversion != NULL)
      used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", m->name);
  }
}

/* The model named on the command line (directly or through --preset), or NULL. */
static const sfhet_mag_model *peek_model(int argc, char **argv) {
  const sfhet_mag_model *m = sfhet_mag_model_find(cli_peek(argc, argv, "model"));
  const sfhet_mag_preset *p = sfhet_mag_preset_find(cli_peek(argc, argv, "preset"));
  return m ? m : p ? p->model : NULL;
}

/* "--NAME-err" option names of the inversion inputs (static storage per model and input). */
static const char *err_name(const sfhet_mag_model *m, int k) {
  static char names[8][2][40];
  for (size_t i = 0; i < sfhet_mag_model_count() && i < 8; i++)
    if (sfhet_mag_model_get(i) == m) {
      snprintf(names[i][k], sizeof names[i][k], "%s-err", m->inversion->in[k]);
      return names[i][k];
    }
  return "err";
}

/* The options of a model's capabilities and its inversion (declared for every model so that using
 * one with another model gets an error naming the option). */
static void add_capabilities(cli_spec *s, const sfhet_mag_model *m) {
  if (m->flags & SFHET_MAG_LAYERS) cli_add(s, "layers", CLI_INT, SFHET_DIM_NONE, "2", "number of layers");
  if (m->flags & SFHET_MAG_CHI_T) {
    cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, NULL,
            "temperatures (chi_s(T) from --chi-table or --chi-ising)");
    cli_add(s, "chi-table", CLI_STR, SFHET_DIM_NONE, NULL,
            "table of chi_s(T) (e.g. from 'sfhet ising chi'); the chi parameter is its value at the lowest T");
    cli_add(s, "chi-col", CLI_STR, SFHET_DIM_NONE, "chi_par", "chi column of --chi-table");
    cli_add(s, "T-col", CLI_STR, SFHET_DIM_NONE, "T_K", "temperature column of --chi-table");
    cli_add(s, "chi-ising", CLI_FLAG, SFHET_DIM_NONE, NULL,
            "chi_s(T) from the NbSe2 lattice model (in-plane chi_par, Table I, as 'sfhet ising chi')");
    cli_add(s, "lambda", CLI_QTY, SFHET_DIM_ENERGY, NULL,
            "with --chi-ising: Ising SOC lambda_soc of the lattice model (default Table I, 77.16 meV)");
  }
  for (int k = 0; m->inversion && k < 2; k++) {
    cli_add(s, m->inversion->in[k], CLI_QTY, SFHET_DIM_FIELD, NULL, m->inversion->in_help[k]);
    cli_add(s, err_name(m, k), CLI_QTY, SFHET_DIM_FIELD, "0", "standard error of the measured field");
  }
}

/* With a model named, only its options exist (so metadata shows the right defaults); otherwise (e.g.
 * for --help) every model's. */
static void build_spec(cli_spec *s, const sfhet_mag_model *only) {
  static char models[128], presets[256], mhelp[200], phelp[320];
  list_names(models, sizeof models, 0);
  list_names(presets, sizeof presets, 1);
  cli_spec_init(s, "loop", "loop --model MODEL [--preset NAME] [PARAMS] --H RANGE [--psi ANGLE]",
                "Zero-temperature magnetisation loops of macrospin models: the local minimum is followed\n"
                "along the field list in the given order by continuation (Newton on the analytic Hessian);\n"
                "where it jumps, the switching field is located on the model (1e-13 of the field) and the\n"
                "state relaxes to the new minimum; continuous instabilities are reported apart.\n"
                "--equilibrium takes the global minimum instead. Output H_T,Mz,Mx (moment-weighted,\n"
                "saturation = 1; easy axis z, field at --psi from z towards x). --json gives coercive\n"
                "fields (<M>.u = 0), switching fields and jumps, onsets and, with --barrier-at, the energy\n"
                "barrier (minimum-energy path). Parameters default per model ('sfhet loop --model M\n"
                "--help' shows M's); a preset sets defaults that options override. Equations:\n"
                "docs/magnet.md.");
  snprintf(mhelp, sizeof mhelp, "model: %s", models);
  snprintf(phelp, sizeof phelp, "preset (model + parameters): %s", presets);
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, NULL, mhelp);
  cli_add(s, "preset", CLI_STR, SFHET_DIM_NONE, NULL, phelp);
  cli_add_plot_options(s, "the loops Mz(H) (one per temperature)");
  cli_add(s, "H", CLI_RANGE, SFHET_DIM_FIELD, NULL,
          "field magnitudes along the field direction, traced in this order (default: a full loop)");
  cli_add(s, "return", CLI_FLAG, SFHET_DIM_NONE, NULL, "append the reversed sweep (a closed loop)");
  cli_add(s, "psi", CLI_QTY, SFHET_DIM_ANGLE, NULL, "field angle from the easy axis z towards x (default 0)");
  cli_add(s, "tilt", CLI_QTY, SFHET_DIM_ANGLE, "0", "extra field tilt towards +x (symmetry breaking)");
  cli_add(s, "planar", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "moments in the xz plane only (polar angles, as seed 003 eq. 13); default full 3D");
  cli_add(s, "equilibrium", CLI_FLAG, SFHET_DIM_NONE, NULL, "global minimum at every field (multi-start)");
  cli_add(s, "report", CLI_STR, SFHET_DIM_NONE, "m", "m: H_T,Mz,Mx; angle: adds polar/azimuthal angles");
  cli_add(s, "barrier-at", CLI_QTY, SFHET_DIM_FIELD, NULL,
          "energy barrier of the tracked state at the loop point nearest this field (--json)");
  s->merge_duplicates = !only; /* no model chosen yet: every model's options, the first declaration wins */
  for (size_t i = 0; i < sfhet_mag_model_count(); i++) {
    const sfhet_mag_model *m = sfhet_mag_model_get(i);
    if (!only || only == m) cli_add_params(s, m->params, m->n_params);
  }
  for (size_t i = 0; i < sfhet_mag_model_count(); i++) add_capabilities(s, sfhet_mag_model_get(i));
}

static int resolve_model(const cli_spec *s, loop_args *a) {
  const char *pname = cli_str(s, "preset"), *mname = cli_str(s, "model");
  char names[256];
  if (pname && !(a->preset = sfhet_mag_preset_find(pname))) {
    list_names(names, sizeof names, 1);
    return cli_usage_error("--preset: unknown preset '%s' (choose one of: %s)", pname, names);
  }
  list_names(names, sizeof names, 0);
  if (!mname && !a->preset) return cli_usage_error("--model is required (%s) unless --preset is given", names);
  a->model = mname ? sfhet_mag_model_find(mname) : a->preset->model;
  if (!a->model) return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", mname, names);
  if (a->preset && a->preset->model != a->model)
    return cli_usage_error("--preset %s is for model '%s', not '%s'", a->preset->name, a->preset->model->name,
                           a->model->name);
  return SFHET_OK;
}

/* Whether name is an input (or input error) option of m's inversion. */
static int takes_input(const sfhet_mag_model *m, const char *name) {
  for (int k = 0; m->inversion && k < 2; k++)
    if (!strcmp(name, m->inversion->in[k]) || !strcmp(name, err_name(m, k))) return 1;
  return 0;
}

/* Options that belong to other models are a usage error naming the option and who takes it. */
static int check_foreign(const cli_spec *s, const sfhet_mag_model *m) {
  char who[128];
  for (size_t k = 0; k < N_MODEL_OPTS; k++)
    if (cli_given(s, model_opts[k].name) && !(m->flags & model_opts[k].flag)) {
      list_with(who, sizeof who, model_opts[k].flag);
      return cli_usage_error("--%s does not apply to model %s (it applies to: %s)", model_opts[k].name,
                             m->name, who);
    }
  for (size_t i = 0; i < sfhet_mag_model_count(); i++) {
    const sfhet_mag_model *o = sfhet_mag_model_get(i);
    for (int k = 0; o->inversion && k < 4; k++) {
      const char *name = k < 2 ? o->inversion->in[k] : err_name(o, k - 2);
      if (!cli_given(s, name) || takes_input(m, name)) continue;
      list_with(who, sizeof who, 0);
      return cli_usage_error("--%s does not apply to model %s (it applies to: %s)", name, m->name, who);
    }
  }
  return SFHET_OK;
}

static int resolve_report(const cli_spec *s, loop_args *a) {
  const char *rep = cli_str(s, "report");
  if (strcmp(rep, "m") && strcmp(rep, "angle"))
    return cli_usage_error("--report: unknown report '%s' (choose m or angle)", rep);
  a->angles = strcmp(rep, "angle") == 0;
  if (a->angles && 4 + 2 * a->moments > MAX_COLS)
    return cli_usage_error("--report angle: at most %d moments, the model has %zu", (MAX_COLS - 4) / 2,
                           a->moments);
  return SFHET_OK;
}

static int resolve_params(const cli_spec *s, loop_args *a) {
  const sfhet_mag_model *m = a->model;
  SFHET_TRY(check_foreign(s, m));
  sfhet_mag_defaults(m, a->preset, a->p, &a->psi);
  for (size_t k = 0; k < m->n_params; k++) {
    char what[64];
    snprintf(what, sizeof what, "--%s", m->params[k].name);
    if (cli_given(s, m->params[k].name)) SFHET_TRY(cli_qty(s, m->params[k].name, &a->p[k]));
    SFHET_TRY(sfhet_param_check(&m->params[k], a->p[k], what));
  }
  if (cli_given(s, "psi")) SFHET_TRY(cli_qty(s, "psi", &a->psi));
  SFHET_TRY(cli_qty(s, "tilt", &a->tilt));
  a->layers = 2;
  if (m->flags & SFHET_MAG_LAYERS) {
    SFHET_TRY(cli_int(s, "layers", &a->layers));
    if (a->layers < (long)m->layers_min || a->layers > SFHET_MAG_MAX)
      return cli_usage_error("--layers: must be %zu..%d, got %ld", m->layers_min, SFHET_MAG_MAX, a->layers);
  }
  sfhet_mag_system sys;
  SFHET_TRY(m->build(a->p, (size_t)a->layers, &sys));
  a->moments = sys.n;
  a->equilibrium = cli_flag(s, "equilibrium");
  a->planar = cli_flag(s, "planar");
  SFHET_TRY(resolve_report(s, a));
  if ((a->want_barrier = cli_given(s, "barrier-at"))) SFHET_TRY(cli_qty(s, "barrier-at", &a->barrier_at));
  return SFHET_OK;
}

static int resolve_field(const cli_spec *s, loop_args *a) {
  int ret = cli_flag(s, "return");
  if (cli_given(s, "H")) {
    SFHET_TRY(cli_range(s, "H", &a->H));
  } else {
    double h = a->model->field_scale(a->p, (size_t)a->layers);
    if (!(h > 0) || !isfinite(h) || !isfinite(-2 * h))
      return cli_usage_error("--H: the default field range (1.25-3 x the model's field scale, %g T) is "
                             "not usable for these parameters; give --H", h);
    SFHET_TRY(sfhet_range_linspace(&a->H, h, -h, 201));
    ret = 1;
  }
  if (a->H.n < 1) return cli_usage_error("--H: empty field range");
  if (!ret || a->H.n < 2) return SFHET_OK;
  size_t n = a->H.n;
  double *v = realloc(a->H.v, (2 * n - 1) * sizeof *v);
  if (!v) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t k = 1; k < n; k++) v[n - 1 + k] = v[n - 1 - k];
  a->H.v = v;
  a->H.n = 2 * n - 1;
  return SFHET_OK;
}

/* chi_par(T)/chi_n of the Ising lattice model (library grid up to 1.25 Tc0), optionally at --lambda. */
static int chi_from_ising(const cli_spec *s, loop_args *a) {
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  if (cli_given(s, "lambda")) {
    double lam;
    SFHET_TRY(cli_qty(s, "lambda", &lam));
    SFHET_TRY(sfhet_ising_set_lambda(&m, lam));
  }
  a->chi_own = malloc(3 * CHI_ISING_POINTS * sizeof *a->chi_own);
  if (!a->chi_own) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *T = a->chi_own, *chi = T + CHI_ISING_POINTS;
  sfhet_progress pr = cli_progress(s, "loop --chi-ising");
  SFHET_TRY(sfhet_ising_chi_table(&m, CHI_ISING_POINTS, T, chi, chi + CHI_ISING_POINTS, s->threads, &pr));
  a->chiT = T, a->chic = chi, a->nchi = CHI_ISING_POINTS;
  return SFHET_OK;
}

static int read_chi_table(const cli_spec *s, loop_args *a, const char *path) {
  SFHET_TRY(sfhet_table_read(path, &a->chi_tab));
  SFHET_TRY(sfhet_table_get(a->chi_tab, cli_str(s, "T-col"), "--T-col", &a->chiT));
  SFHET_TRY(sfhet_table_get(a->chi_tab, cli_str(s, "chi-col"), "--chi-col", &a->chic));
  a->nchi = sfhet_table_nrows(a->chi_tab);
  if (a->nchi < 2) SFHET_ERROR(SFHET_EDATA, "%s: need at least 2 rows", path);
  for (size_t k = 1; k < a->nchi; k++)
    if (!(a->chiT[k] > a->chiT[k - 1]))
      SFHET_ERROR(SFHET_EDATA, "%s:%zu: temperatures must increase", path, sfhet_table_line(a->chi_tab, k));
  for (size_t k = 0; k < a->nchi; k++)
    if (!isfinite(a->chic[k]) || !isfinite(a->chiT[k]))
      SFHET_ERROR(SFHET_EDATA, "%s:%zu: chi and T must be finite", path, sfhet_table_line(a->chi_tab, k));
  if (!(a->chic[0] > 0)) SFHET_ERROR(SFHET_EDATA, "%s: chi must be > 0 at the lowest T", path);
  return SFHET_OK;
}

static int resolve_chi(const cli_spec *s, loop_args *a) {
  const char *path = cli_str(s, "chi-table");
  int ising = cli_flag(s, "chi-ising");
  a->haveT = cli_given(s, "T");
  if (cli_given(s, "lambda") && !ising) return cli_usage_error("--lambda needs --chi-ising");
  if (ising && path) return cli_usage_error("--chi-ising and --chi-table exclude each other");
  if ((ising || path) && !a->haveT) return cli_usage_error("--%s needs --T", ising ? "chi-ising" : "chi-table");
  if (a->haveT && !ising && !path)
    return cli_usage_error("--T needs --chi-table (chi_s(T) from 'sfhet ising chi') or --chi-ising");
  if (!a->haveT) return SFHET_OK;
  SFHET_TRY(cli_range(s, "T", &a->T));
  return ising ? chi_from_ising(s, a) : read_chi_table(s, a, path);
}

static int inversion_mode(const cli_spec *s, const sfhet_mag_model *m) {
  const sfhet_mag_inversion *inv = m->inversion;
  double in[2], err[2], out[2], out_err[2];
  if (!cli_given(s, inv->in[0]) || !cli_given(s, inv->in[1]))
    return cli_usage_error("--%s and --%s go together", inv->in[0], inv->in[1]);
  for (int k = 0; k < 2; k++) {
    SFHET_TRY(cli_qty(s, inv->in[k], &in[k]));
    SFHET_TRY(cli_qty(s, err_name(m, k), &err[k]));
  }
  SFHET_TRY(inv->invert(in, err, out, out_err));
  sfhet_outfile out_f;
  SFHET_TRY(cli_out_open(s, &out_f));
  sfhet_json j;
  if (s->json) sfhet_json_begin(&j, out_f.fp, 2);
  for (int k = 0; k < 2; k++) {
    char key[48], ekey[48];
    snprintf(key, sizeof key, "%s_T", inv->out[k]);
    snprintf(ekey, sizeof ekey, "%s_err_T", inv->out[k]);
    if (s->json) sfhet_json_number(&j, key, out[k]), sfhet_json_number(&j, ekey, out_err[k]);
    else fprintf(out_f.fp, "%s = %.6g +- %.2g T\n", inv->out[k], out[k], out_err[k]);
  }
  if (s->json) sfhet_json_end(&j);
  return sfhet_outfile_commit(&out_f);
}

/* One traced loop for the parameters in a (the chi parameter replaced by chi when >= 0). */
static int run_one(const loop_args *a, double chi, sfhet_mag_ws *ws, sfhet_mag_system *sys,
                   sfhet_mag_result *r) {
  double p[SFHET_MAG_MAX_PARAMS];
  memcpy(p, a->p, sizeof p);
  if (chi >= 0 && a->model->chi_param >= 0) p[a->model->chi_param] = chi;
  SFHET_TRY(a->model->build(p, (size_t)a->layers, sys));
  sys->planar = a->planar;
  sfhet_mag_loop L = {{0, 0, 0}, a->H.v, a->H.n, a->equilibrium, NULL, 1};
  sfhet_mag_field_dir(a->psi + a->tilt, L.u); /* the tilt rotates the field further towards +x */
  return sfhet_mag_trace(ws, sys, &L, r);
}

/* Barrier at the loop point nearest --barrier-at; no saddle (a single minimum) gives NaN (JSON null)
 * and a warning, other failures a status. */
static double barrier_of(const cli_spec *s, const loop_args *a, sfhet_mag_ws *ws,
                         const sfhet_mag_system *sys, const sfhet_mag_result *r, int *st) {
  size_t best = 0;
  for (size_t k = 1; k < r->nh; k++)
    if (fabs(r->H[k] - a->barrier_at) < fabs(r->H[best] - a->barrier_at)) best = k;
  double u[3], b = NAN;
  sfhet_mag_field_dir(a->psi + a->tilt, u);
  double H[3] = {r->H[best] * u[0], r->H[best] * u[1], r->H[best] * u[2]};
  *st = sfhet_mag_barrier(ws, sys, H, r->m + 3 * r->n * best, &b);
  if (*st == SFHET_ENOSOL) {
    cli_warn(s, "--barrier-at: %s; barrier reported as null", sfhet_last_error());
    sfhet_clear_error();
    *st = SFHET_OK;
    b = NAN;
  }
  return b;
}

static void json_events(sfhet_json *j, const char *key, const sfhet_mag_event *e, size_t n, int dM) {
  sfhet_json_array_begin(j, key);
  for (size_t k = 0; k < n; k++) sfhet_json_number(j, NULL, dM ? e[k].dM : e[k].H);
  sfhet_json_array_end(j);
}

static void json_loop(const cli_spec *s, sfhet_json *j, const loop_args *a, sfhet_mag_ws *ws,
                      const sfhet_mag_system *sys, const sfhet_mag_result *r, int *st) {
  double mean = 0;
  sfhet_json_array_begin(j, "Hc_T");
  for (size_t k = 0; k < r->ncoercive; k++)
    sfhet_json_number(j, NULL, r->coercive[k]), mean += fabs(r->coercive[k]) / (double)r->ncoercive;
  sfhet_json_array_end(j);
  sfhet_json_number_or_null(j, "Hc_abs_T", r->ncoercive ? mean : NAN);
  json_events(j, "switching_fields_T", r->event, r->nevent, 0);
  json_events(j, "switching_dM", r->event, r->nevent, 1);
  json_events(j, "onset_fields_T", r->onset, r->nonset, 0);
  if (a->want_barrier) {
    sfhet_json_number_or_null(j, "barrier", barrier_of(s, a, ws, sys, r, st));
    sfhet_json_string(j, "barrier_unit", a->model->energy_unit);
  }
}

/* Columns of one loop appended at row offset; names filled on the first call. */
static size_t fill_cols(const loop_args *a, const sfhet_mag_result *r, double T, double **col,
                        const char **names, char (*nbuf)[32], size_t off) {
  size_t c = 0;
  if (a->haveT) names[c++] = "T_K";
  names[c++] = "H_T", names[c++] = "Mz", names[c++] = "Mx";
  size_t nm = a->angles ? r->n : 0;
  for (size_t i = 0; i < nm; i++) {
    snprintf(nbuf[2 * i], 32, r->n > 1 ? "theta%zu_deg" : "theta_deg", i + 1);
    snprintf(nbuf[2 * i + 1], 32, r->n > 1 ? "phi%zu_deg" : "phi_deg", i + 1);
    names[c++] = nbuf[2 * i], names[c++] = nbuf[2 * i + 1];
  }
  for (size_t k = 0; k < r->nh; k++) {
    size_t j = 0, row = off + k;
    if (a->haveT) col[j++][row] = T;
    col[j++][row] = r->H[k], col[j++][row] = r->Mz[k], col[j++][row] = r->Mx[k];
    for (size_t i = 0; i < nm; i++) {
      const double *m = r->m + 3 * (r->n * k + i);
      col[j++][row] = acos(fmax(-1.0, fmin(1.0, m[2]))) * 180 / M_PI;
      col[j++][row] = atan2(m[1], m[0]) * 180 / M_PI;
    }
  }
  return c;
}

static void json_header(sfhet_json *j, const loop_args *a) {
  const sfhet_mag_model *m = a->model;
  sfhet_json_string(j, "model", m->name);
  if (a->preset) sfhet_json_string(j, "preset", a->preset->name);
  for (size_t k = 0; k < m->n_params; k++) sfhet_json_number(j, m->params[k].name, a->p[k]);
  sfhet_json_number(j, "psi_deg", a->psi);
  sfhet_json_bool(j, "planar", a->planar);
  if (m->flags & SFHET_MAG_LAYERS) sfhet_json_int(j, "layers", a->layers);
  sfhet_mag_value v[SFHET_MAG_MAX_VALUES];
  size_t nv = m->closed_forms ? m->closed_forms(a->p, (size_t)a->layers, v, SFHET_MAG_MAX_VALUES) : 0;
  for (size_t k = 0; k < nv; k++) /* NaN: the field does not exist (afm HE <= HA: no spin flop) */
    if (isnan(v[k].value)) sfhet_json_null(j, v[k].name);
    else sfhet_json_number(j, v[k].name, v[k].value);
  double ts = NAN;
  if (a->nchi && sfhet_mag_tstar(m, a->p, a->chiT, a->chic, a->nchi, &ts)) ts = NAN;
  sfhet_clear_error();
  sfhet_json_number_or_null(j, "Tstar_K", ts);
  sfhet_json_int(j, "n_points", (long long)a->H.n);
}

typedef struct {
  double *store, *col[MAX_COLS];
  const char *names[MAX_COLS];
  char nbuf[MAX_COLS][32];
  size_t ncol;
} loop_table;

/* Loops at every temperature (or one), columns into tab, summaries into the JSON document j. */
static int trace_all(const cli_spec *s, const loop_args *a, sfhet_mag_ws *ws, loop_table *tab,
                     sfhet_json *j) {
  size_t nT = a->haveT ? a->T.n : 1, nh = a->H.n;
  sfhet_mag_system sys;
  int st = SFHET_OK;
  for (size_t t = 0; t < nT && !st; t++) {
    double chi = -1, T = a->haveT ? a->T.v[t] : NAN;
    if (a->haveT) SFHET_TRY(sfhet_fsf_chi_interp(a->chiT, a->chic, a->nchi, a->p[a->model->chi_param], T, &chi));
    sfhet_mag_result r;
    SFHET_TRY(run_one(a, chi, ws, &sys, &r));
    tab->ncol = fill_cols(a, &r, T, tab->col, tab->names, tab->nbuf, t * nh);
    if (s->json) {
      if (a->haveT) {
        sfhet_json_object_begin(j, NULL);
        sfhet_json_number(j, "T_K", T);
        sfhet_json_number(j, a->model->params[a->model->chi_param].name, chi);
      }
      json_loop(s, j, a, ws, &sys, &r, &st);
      if (a->haveT) sfhet_json_object_end(j);
    }
    sfhet_mag_result_free(&r);
  }
  return st;
}

static int run_loops(const cli_spec *s, const loop_args *a) {
  size_t nT = a->haveT ? a->T.n : 1, nh = a->H.n;
  sfhet_mag_ws *ws = sfhet_mag_ws_alloc(SFHET_MAG_MAX);
  loop_table tab = {.store = malloc(MAX_COLS * nT * nh * sizeof(double))};
  if (!ws || !tab.store) {
    sfhet_mag_ws_free(ws), free(tab.store);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t c = 0; c < MAX_COLS; c++) tab.col[c] = tab.store + c * nT * nh;
  sfhet_outfile out = {0};
  sfhet_json j;
  int st = s->json ? cli_out_open(s, &out) : SFHET_OK;
  if (!st && s->json) {
    sfhet_json_begin(&j, out.fp, 2);
    json_header(&j, a);
    if (a->haveT) sfhet_json_array_begin(&j, "loops");
  }
  if (!st) st = trace_all(s, a, ws, &tab, &j);
  if (!st) {
    size_t xh = a->haveT ? 1 : 0;
    plot_table_spec ps = {.title = "hysteresis loop", .x = xh, .y = {xh + 1}, .ny = 1, .key = 0,
                          .has_key = a->haveT, .ylabel = "Mz / Ms"};
    st = cli_plot_table(s, &ps, tab.names, (const double *const *)tab.col, nT * nh);
  }
  if (s->json && out.fp) {
    if (a->haveT) sfhet_json_array_end(&j);
    sfhet_json_end(&j);
    if (st) sfhet_outfile_abort(&out);
    else st = sfhet_outfile_commit(&out);
  } else if (!st) {
    st = cli_write_table(s, tab.names, tab.ncol, (const double *const *)tab.col, nT * nh);
  }
  sfhet_mag_ws_free(ws);
  free(tab.store);
  return st;
}

static int inversion_requested(const cli_spec *s, const sfhet_mag_model *m) {
  return m->inversion && (cli_given(s, m->inversion->in[0]) || cli_given(s, m->inversion->in[1]));
}

static int run_loop(int argc, char **argv) {
  cli_spec s;
  build_spec(&s, peek_model(argc, argv));
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  loop_args a;
  memset(&a, 0, sizeof a);
  SFHET_TRY(resolve_model(&s, &a));
  SFHET_TRY(resolve_params(&s, &a));
  if (inversion_requested(&s, a.model)) return inversion_mode(&s, a.model);
  st = resolve_field(&s, &a);
  if (!st) st = resolve_chi(&s, &a);
  if (!st) st = run_loops(&s, &a);
  sfhet_range_free(&a.H);
  sfhet_range_free(&a.T);
  sfhet_table_free(a.chi_tab);
  free(a.chi_own);
  return st;
}

const cli_command cli_cmd_loop = {"loop", "macrospin hysteresis loops (Stoner-Wohlfarth, AFM spin flop, F/S/F, CrBr3)",
                                  run_loop};
