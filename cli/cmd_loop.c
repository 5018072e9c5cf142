/* sfhet loop: zero-temperature magnetisation loops of macrospin models (Stoner-Wohlfarth, A-type AFM
 * stacks, F/Ising-superconductor/F, CrBr3), switching and coercive fields, barriers, the AFM inversion. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"
#include "sfhet/magnet.h"
#include "sfhet/table.h"

#define MAX_COLS 40

typedef struct {
  const sfhet_mag_model *model;
  const sfhet_mag_preset *preset;
  double p[SFHET_MAG_MAX_PARAMS];
  double psi, tilt, barrier_at;
  long layers;
  int equilibrium, want_barrier, angles, haveT, planar;
  sfhet_range H, T;
  sfhet_table *chi_tab;
  const double *chiT, *chic;
  double *chi_own; /* chi_s(T) computed by --chi-ising: T, chi_par, chi_perp */
  size_t nchi;
} loop_args;

static void list_names(char *buf, size_t size, int presets) {
  size_t used = 0, n = presets ? sfhet_mag_preset_count() : sfhet_mag_model_count();
  buf[0] = '\0';
  for (size_t i = 0; i < n && used < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                             presets ? sfhet_mag_preset_get(i)->name : sfhet_mag_model_get(i)->name);
}

/* The model named on the command line (directly or through --preset), or NULL. */
static const sfhet_mag_model *peek_model(int argc, char **argv) {
  const char *m = cli_peek(argc, argv, "model");
  const sfhet_mag_preset *p = sfhet_mag_preset_find(cli_peek(argc, argv, "preset"));
  if (!m && p) m = p->model;
  return sfhet_mag_model_find(m);
}

/* With a model named, only its parameters are options (so metadata shows the right defaults);
 * otherwise (e.g. for --help) every model's. */
static void build_spec(cli_spec *s, const sfhet_mag_model *only) {
  static char models[128], presets[256], mhelp[200], phelp[320];
  list_names(models, sizeof models, 0);
  list_names(presets, sizeof presets, 1);
  cli_spec_init(s, "loop", "loop --model sw|afm|fsf|crbr3 [--preset NAME] [PARAMS] --H RANGE [--psi ANGLE]",
                "Zero-temperature magnetisation loops of macrospin models: the local minimum is tracked\n"
                "along the field list in the given order (Newton on the analytic Hessian); where it\n"
                "disappears the switching field is refined by bisection and the state relaxes to the\n"
                "new minimum. --equilibrium takes the global minimum instead. Output H_T,Mz,Mx (moment-\n"
                "weighted, saturation = 1; easy axis z, field at --psi from z towards x). --json gives\n"
                "coercive fields (Mz.u = 0), switching fields and, with --barrier-at, the energy barrier.\n"
                "afm with --flop/--sat inverts measured fields for HE, HA. Parameters default per model\n"
                "(--HK: sw 1 T, crbr3 0.35 T; 'sfhet loop --model M --help' shows M's); a preset sets\n"
                "defaults that options override. fsf energies are in units u (= chi_s(0)J^2 in the\n"
                "presets) with Ms in u/T. Equations: docs/magnet.md.");
  s->merge_duplicates = 1; /* the chosen model's parameters are declared first */
  snprintf(mhelp, sizeof mhelp, "model: %s", models);
  snprintf(phelp, sizeof phelp, "preset (model + parameters): %s", presets);
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, NULL, mhelp);
  cli_add(s, "preset", CLI_STR, SFHET_DIM_NONE, NULL, phelp);
  cli_add(s, "H", CLI_RANGE, SFHET_DIM_FIELD, NULL,
          "field magnitudes along the field direction, traced in this order (default: a full loop)");
  cli_add(s, "return", CLI_FLAG, SFHET_DIM_NONE, NULL, "append the reversed sweep (a closed loop)");
  cli_add(s, "psi", CLI_QTY, SFHET_DIM_ANGLE, NULL, "field angle from the easy axis z towards x (default 0)");
  cli_add(s, "tilt", CLI_QTY, SFHET_DIM_ANGLE, "0", "extra field tilt towards +x (symmetry breaking)");
  cli_add(s, "layers", CLI_INT, SFHET_DIM_NONE, "2", "number of layers of an afm stack");
  cli_add(s, "planar", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "moments in the xz plane only (polar angles, as seed 003 eq. 13); default full 3D");
  cli_add(s, "equilibrium", CLI_FLAG, SFHET_DIM_NONE, NULL, "global minimum at every field (multi-start)");
  cli_add(s, "report", CLI_STR, SFHET_DIM_NONE, "m", "m: H_T,Mz,Mx; angle: adds polar/azimuthal angles");
  cli_add(s, "barrier-at", CLI_QTY, SFHET_DIM_FIELD, NULL,
          "energy barrier of the tracked state at the loop point nearest this field (--json)");
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, NULL, "fsf: temperatures (needs --chi-table)");
  cli_add(s, "chi-table", CLI_STR, SFHET_DIM_NONE, NULL,
          "fsf: table of chi_s(T) (e.g. from 'sfhet ising chi'); chiJ2 is its value at the lowest T");
  cli_add(s, "chi-col", CLI_STR, SFHET_DIM_NONE, "chi_par", "fsf: chi column of --chi-table");
  cli_add(s, "chi-ising", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "fsf: chi_s(T) from the NbSe2 lattice model (in-plane, Table I defaults, as 'sfhet ising chi')");
  cli_add(s, "T-col", CLI_STR, SFHET_DIM_NONE, "T_K", "fsf: temperature column of --chi-table");
  cli_add(s, "flop", CLI_QTY, SFHET_DIM_FIELD, NULL, "afm: measured spin-flop field (with --sat: fit HE, HA)");
  cli_add(s, "sat", CLI_QTY, SFHET_DIM_FIELD, NULL, "afm: measured saturation field");
  cli_add(s, "flop-err", CLI_QTY, SFHET_DIM_FIELD, "0", "afm: standard error of --flop");
  cli_add(s, "sat-err", CLI_QTY, SFHET_DIM_FIELD, "0", "afm: standard error of --sat");
  for (size_t i = 0; i < sfhet_mag_model_count(); i++) {
    const sfhet_mag_model *m = sfhet_mag_model_get(i);
    if (!only || only == m) cli_add_params(s, m->params, m->n_params);
  }
}

static int resolve_model(const cli_spec *s, loop_args *a) {
  const char *pname = cli_str(s, "preset"), *mname = cli_str(s, "model");
  char names[256];
  if (pname && !(a->preset = sfhet_mag_preset_find(pname))) {
    list_names(names, sizeof names, 1);
    return cli_usage_error("--preset: unknown preset '%s' (choose one of: %s)", pname, names);
  }
  if (!mname) mname = a->preset ? a->preset->model : NULL;
  if (!mname) return cli_usage_error("--model is required (sw, afm, fsf or crbr3) unless --preset is given");
  if (!(a->model = sfhet_mag_model_find(mname))) {
    list_names(names, sizeof names, 0);
    return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", mname, names);
  }
  if (a->preset && strcmp(a->preset->model, a->model->name) != 0)
    return cli_usage_error("--preset %s is for model '%s', not '%s'", a->preset->name, a->preset->model,
                           a->model->name);
  return SFHET_OK;
}

static int preset_value(const sfhet_mag_preset *p, const char *name, double *v) {
  for (size_t k = 0; p && k < SFHET_MAG_MAX_PARAMS && p->names[k]; k++)
    if (strcmp(p->names[k], name) == 0) {
      *v = p->values[k];
      return 1;
    }
  return 0;
}

/* Options that belong to another model are a usage error. */
static int check_foreign(const cli_spec *s, const sfhet_mag_model *m) {
  const char *fsf_only[] = {"T", "chi-table", "chi-ising"}, *afm_only[] = {"layers", "flop", "sat"};
  for (size_t k = 0; k < 3; k++)
    if (cli_given(s, fsf_only[k]) && strcmp(m->name, "fsf") != 0)
      return cli_usage_error("--%s applies to model fsf only", fsf_only[k]);
  for (size_t k = 0; k < 3; k++)
    if (cli_given(s, afm_only[k]) && strcmp(m->name, "afm") != 0)
      return cli_usage_error("--%s applies to model afm only", afm_only[k]);
  return SFHET_OK;
}

static int resolve_params(const cli_spec *s, loop_args *a) {
  const sfhet_mag_model *m = a->model;
  SFHET_TRY(check_foreign(s, m));
  for (size_t k = 0; k < m->n_params; k++) {
    const sfhet_param_info *pi = &m->params[k];
    char what[64];
    snprintf(what, sizeof what, "--%s", pi->name);
    if (cli_given(s, pi->name)) SFHET_TRY(cli_qty(s, pi->name, &a->p[k]));
    else if (!preset_value(a->preset, pi->name, &a->p[k])) a->p[k] = pi->def;
    SFHET_TRY(sfhet_param_check(pi, a->p[k], what));
  }
  a->psi = m->psi_default;
  preset_value(a->preset, "psi", &a->psi);
  if (cli_given(s, "psi")) SFHET_TRY(cli_qty(s, "psi", &a->psi));
  SFHET_TRY(cli_qty(s, "tilt", &a->tilt));
  SFHET_TRY(cli_int(s, "layers", &a->layers));
  if (a->layers < 2 || a->layers > SFHET_MAG_MAX)
    return cli_usage_error("--layers: must be 2..%d, got %ld", SFHET_MAG_MAX, a->layers);
  a->equilibrium = cli_flag(s, "equilibrium");
  a->planar = cli_flag(s, "planar");
  const char *rep = cli_str(s, "report");
  if (strcmp(rep, "m") && strcmp(rep, "angle"))
    return cli_usage_error("--report: unknown report '%s' (choose m or angle)", rep);
  a->angles = strcmp(rep, "angle") == 0;
  if (a->angles && !strcmp(m->name, "afm") && 4 + 2 * (size_t)a->layers > MAX_COLS)
    return cli_usage_error("--report angle: at most %d layers", (MAX_COLS - 4) / 2);
  if ((a->want_barrier = cli_given(s, "barrier-at"))) SFHET_TRY(cli_qty(s, "barrier-at", &a->barrier_at));
  return SFHET_OK;
}

/* Field scale of a model for the default loop. */
static double field_scale(const loop_args *a) {
  const char *n = a->model->name;
  if (!strcmp(n, "afm")) return 1.25 * (a->layers > 2 ? 4 * a->p[0] : 2 * a->p[0] - a->p[1] + 1e-300);
  if (!strcmp(n, "fsf")) return 3.0 * fmax(fabs(a->p[0]), fabs(a->p[1])) / fmin(a->p[2], a->p[3]) + 1e-300;
  return 1.5 * a->p[0];
}

static int resolve_field(const cli_spec *s, loop_args *a) {
  int ret = cli_flag(s, "return");
  if (cli_given(s, "H")) {
    SFHET_TRY(cli_range(s, "H", &a->H));
  } else {
    double h = field_scale(a);
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

/* chi_par(T)/chi_n of the Ising lattice model on a grid up to 1.25 Tc0 (normal above Tc0). */
static int chi_from_ising(loop_args *a) {
  enum { NT = 24 };
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double Tc0 = 0;
  int st = sfhet_ising_tc0(&m, &Tc0, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  a->chi_own = malloc(3 * NT * sizeof *a->chi_own);
  if (!a->chi_own) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *T = a->chi_own, *chi = a->chi_own + NT;
  for (size_t k = 0; k < NT; k++) T[k] = Tc0 * (0.02 + 1.23 * (double)k / (NT - 1));
  SFHET_TRY(sfhet_ising_chi_curve(&m, T, NT, chi, chi + NT, 0, NULL));
  a->chiT = T;
  a->chic = chi;
  a->nchi = NT;
  return SFHET_OK;
}

static int resolve_chi(const cli_spec *s, loop_args *a) {
  const char *path = cli_str(s, "chi-table");
  a->haveT = cli_given(s, "T");
  if (cli_flag(s, "chi-ising")) {
    if (path) return cli_usage_error("--chi-ising and --chi-table exclude each other");
    if (!a->haveT) return cli_usage_error("--chi-ising needs --T");
    SFHET_TRY(cli_range(s, "T", &a->T));
    return chi_from_ising(a);
  }
  if (a->haveT && !path)
    return cli_usage_error("--T needs --chi-table (chi_s(T) from 'sfhet ising chi') or --chi-ising");
  if (!path) return SFHET_OK;
  if (!a->haveT) return cli_usage_error("--chi-table needs --T");
  SFHET_TRY(cli_range(s, "T", &a->T));
  SFHET_TRY(sfhet_table_read(path, &a->chi_tab));
  SFHET_TRY(sfhet_table_get(a->chi_tab, cli_str(s, "T-col"), "--T-col", &a->chiT));
  SFHET_TRY(sfhet_table_get(a->chi_tab, cli_str(s, "chi-col"), "--chi-col", &a->chic));
  a->nchi = sfhet_table_nrows(a->chi_tab);
  if (a->nchi < 2) SFHET_ERROR(SFHET_EDATA, "%s: need at least 2 rows", path);
  for (size_t k = 1; k < a->nchi; k++)
    if (!(a->chiT[k] > a->chiT[k - 1]))
      SFHET_ERROR(SFHET_EDATA, "%s:%zu: temperatures must increase", path, sfhet_table_line(a->chi_tab, k));
  if (!(a->chic[0] > 0)) SFHET_ERROR(SFHET_EDATA, "%s: chi must be > 0 at the lowest T", path);
  return SFHET_OK;
}

static int afm_fit_mode(const cli_spec *s) {
  double f, sat, fe, se, HE, HEe, HA, HAe;
  if (!cli_given(s, "sat") || !cli_given(s, "flop")) return cli_usage_error("--flop and --sat go together");
  SFHET_TRY(cli_qty(s, "flop", &f));
  SFHET_TRY(cli_qty(s, "sat", &sat));
  SFHET_TRY(cli_qty(s, "flop-err", &fe));
  SFHET_TRY(cli_qty(s, "sat-err", &se));
  SFHET_TRY(sfhet_afm_fit(f, fe, sat, se, &HE, &HEe, &HA, &HAe));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_number(&j, "HE_T", HE);
    sfhet_json_number(&j, "HE_err_T", HEe);
    sfhet_json_number(&j, "HA_T", HA);
    sfhet_json_number(&j, "HA_err_T", HAe);
    sfhet_json_end(&j);
  } else {
    fprintf(out.fp, "HE = %.6g +- %.2g T\nHA = %.6g +- %.2g T\n", HE, HEe, HA, HAe);
  }
  return sfhet_outfile_commit(&out);
}

/* One traced loop for the parameters in a (chiJ2 replaced by chi when >= 0). */
static int run_one(const loop_args *a, double chi, sfhet_mag_workspace *ws, sfhet_mag_system *sys,
                   sfhet_mag_result *r) {
  double p[SFHET_MAG_MAX_PARAMS];
  memcpy(p, a->p, sizeof p);
  int kc = sfhet_mag_model_param(a->model, "chiJ2");
  if (chi >= 0 && kc >= 0) p[kc] = chi;
  SFHET_TRY(a->model->build(p, (size_t)a->layers, sys));
  sys->planar = a->planar;
  sfhet_mag_loop L = {{0, 0, 0}, a->H.v, a->H.n, a->equilibrium, NULL, 1};
  sfhet_mag_field_dir(a->psi + a->tilt, L.u); /* the tilt rotates the field further towards +x */
  return sfhet_mag_trace(ws, sys, &L, r);
}

/* Barrier at the loop point nearest --barrier-at; no saddle (a single minimum) gives NaN (JSON null)
 * and a warning, other failures a status. */
static double barrier_of(const cli_spec *s, const loop_args *a, sfhet_mag_workspace *ws,
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

static void json_loop(const cli_spec *s, sfhet_json *j, const loop_args *a, sfhet_mag_workspace *ws,
                      const sfhet_mag_system *sys, const sfhet_mag_result *r, int *st) {
  double hc[64], mean = 0;
  size_t nc = sfhet_mag_coercive(r, hc, 64);
  sfhet_json_array_begin(j, "Hc_T");
  for (size_t k = 0; k < nc; k++) sfhet_json_number(j, NULL, hc[k]), mean += fabs(hc[k]) / (double)nc;
  sfhet_json_array_end(j);
  sfhet_json_number_or_null(j, "Hc_abs_T", nc ? mean : NAN);
  sfhet_json_array_begin(j, "switching_fields_T");
  for (size_t k = 0; k < r->nevent; k++) sfhet_json_number(j, NULL, r->event[k].H);
  sfhet_json_array_end(j);
  sfhet_json_array_begin(j, "switching_dM");
  for (size_t k = 0; k < r->nevent; k++) sfhet_json_number(j, NULL, r->event[k].dM);
  sfhet_json_array_end(j);
  if (a->want_barrier) {
    sfhet_json_number_or_null(j, "barrier", barrier_of(s, a, ws, sys, r, st));
    sfhet_json_string(j, "barrier_unit", strcmp(a->model->name, "fsf") ? "T (per unit moment)" : "u");
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

static int json_header(sfhet_json *j, const loop_args *a) {
  sfhet_json_string(j, "model", a->model->name);
  if (a->preset) sfhet_json_string(j, "preset", a->preset->name);
  for (size_t k = 0; k < a->model->n_params; k++) sfhet_json_number(j, a->model->params[k].name, a->p[k]);
  sfhet_json_number(j, "psi_deg", a->psi);
  sfhet_json_bool(j, "planar", a->planar);
  if (!strcmp(a->model->name, "afm")) {
    double f, sat;
    sfhet_afm_fields(a->p[0], a->p[1], &f, &sat);
    sfhet_json_int(j, "layers", a->layers);
    sfhet_json_number(j, "bilayer_flop_T", f);
    sfhet_json_number(j, "bilayer_sat_T", sat);
  }
  if (a->chi_tab) {
    double ts;
    int st = sfhet_fsf_tstar(a->chiT, a->chic, a->nchi, a->p[4], a->p[0], a->p[1], &ts);
    if (st) sfhet_clear_error();
    sfhet_json_number_or_null(j, "Tstar_K", st ? NAN : ts);
  }
  sfhet_json_int(j, "n_points", (long long)a->H.n);
  return SFHET_OK;
}

static int run_loops(const cli_spec *s, const loop_args *a) {
  size_t nT = a->haveT ? a->T.n : 1, nh = a->H.n, ncol = 0;
  sfhet_mag_workspace *ws = sfhet_mag_alloc(SFHET_MAG_MAX);
  double *store = malloc(MAX_COLS * nT * nh * sizeof *store), *col[MAX_COLS];
  if (!ws || !store) {
    sfhet_mag_free(ws), free(store);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t c = 0; c < MAX_COLS; c++) col[c] = store + c * nT * nh;
  const char *names[MAX_COLS];
  char nbuf[MAX_COLS][32];
  sfhet_outfile out = {0};
  sfhet_json j;
  int st = SFHET_OK;
  if (s->json && !(st = cli_out_open(s, &out))) {
    sfhet_json_begin(&j, out.fp, 2);
    json_header(&j, a);
    if (a->haveT) sfhet_json_array_begin(&j, "loops");
  }
  sfhet_mag_system sys;
  for (size_t t = 0; t < nT && !st; t++) {
    double chi = -1, T = a->haveT ? a->T.v[t] : NAN;
    if (a->haveT) st = sfhet_fsf_chi_interp(a->chiT, a->chic, a->nchi, a->p[4], T, &chi);
    sfhet_mag_result r;
    if (!st) st = run_one(a, chi, ws, &sys, &r);
    if (st) break;
    ncol = fill_cols(a, &r, T, col, names, nbuf, t * nh);
    if (s->json) {
      if (a->haveT) sfhet_json_object_begin(&j, NULL), sfhet_json_number(&j, "T_K", T),
          sfhet_json_number(&j, "chiJ2", chi);
      json_loop(s, &j, a, ws, &sys, &r, &st);
      if (a->haveT) sfhet_json_object_end(&j);
    }
    sfhet_mag_result_free(&r);
  }
  if (s->json && out.fp) {
    if (a->haveT) sfhet_json_array_end(&j);
    sfhet_json_end(&j);
    if (st) sfhet_outfile_abort(&out);
    else st = sfhet_outfile_commit(&out);
  } else if (!st) {
    st = cli_write_table(s, names, ncol, (const double *const *)col, nT * nh);
  }
  sfhet_mag_free(ws);
  free(store);
  return st;
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
  if (!strcmp(a.model->name, "afm") && (cli_given(&s, "flop") || cli_given(&s, "sat")))
    return afm_fit_mode(&s);
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
