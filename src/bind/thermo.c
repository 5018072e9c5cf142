/* Bound superconducting thermodynamics: the BCS gap and its fit, pair breaking curves and their fits
 * (sfhet gap, sfhet pairbreak). Result arrays carry the CLI's column and JSON key names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"

/* A thermodynamic parameter that must be given. */
static int required(bind_args *a, const char *name, double *v) {
  if (!bind_given(a, name)) SFHET_ERROR(SFHET_EUSAGE, "%s is required", name);
  return bind_param(a, sfhet_thermo_param(name), v);
}

/* Each x[i] > lo (open) or >= lo. */
static int check_min(const char *name, const double *x, size_t n, double lo, int open, const char *unit) {
  for (size_t i = 0; i < n; i++)
    if (open ? !(x[i] > lo) : !(x[i] >= lo))
      SFHET_ERROR(SFHET_ERANGE, "%s[%zu]: must be %s %g %s, got %g", name, i, open ? ">" : ">=", lo, unit, x[i]);
  return SFHET_OK;
}

static int run_gap(bind_args *a, sfhet_bind_res *r) {
  double Tc, d0;
  const double *T;
  size_t n;
  SFHET_TRY(required(a, "Tc", &Tc));
  SFHET_TRY(bind_param(a, sfhet_thermo_param("delta0"), &d0));
  SFHET_TRY(bind_array(a, "T", BIND_REQUIRED | BIND_FINITE, &T, &n));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(check_min("T", T, n, 0.0, 0, "K"));
  double *D;
  SFHET_TRY(bind_res_copy(r, "T_K", T, n));
  SFHET_TRY(bind_res_array(r, "Delta_meV", n, 1, &D));
  for (size_t i = 0; i < n; i++) SFHET_TRY(sfhet_bcs_gap(T[i], Tc, d0, &D[i]));
  return SFHET_OK;
}

const bind_fn bind_fn_gap = {
    .name = "gap", .summary = "weak-coupling BCS Delta(T) (sfhet gap): T_K, Delta_meV",
    .args = "Tc (required), delta0, array T [K]", .run = run_gap};

/* Arrays x, y (required) and sigma (optional) of equal length, at least nmin points, sigma > 0. */
static int xy_data(bind_args *a, const char *xn, const char *yn, size_t nmin, const double **x, const double **y,
                   const double **sg, size_t *n) {
  size_t ny, ns;
  SFHET_TRY(bind_array(a, xn, BIND_REQUIRED | BIND_FINITE, x, n));
  SFHET_TRY(bind_array(a, yn, BIND_REQUIRED | BIND_FINITE, y, &ny));
  SFHET_TRY(bind_array(a, "sigma", BIND_FINITE, sg, &ns));
  if (ny != *n || (*sg && ns != *n))
    SFHET_ERROR(SFHET_EINVAL, "%s: %s, %s%s must have the same length", a->fn, xn, yn, *sg ? " and sigma" : "");
  if (*sg) SFHET_TRY(check_min("sigma", *sg, *n, 0.0, 1, ""));
  if (*n < nmin) SFHET_ERROR(SFHET_EDATA, "%s: %zu data points, the fit needs at least %zu", a->fn, *n, nmin);
  return SFHET_OK;
}

/* A fitted value and its error under the CLI's JSON keys name_unit, name_err_unit. */
static int est(sfhet_bind_res *r, const char *name, const char *unit, sfhet_thermo_est e) {
  char k[64];
  snprintf(k, sizeof k, "%s_%s", name, unit);
  SFHET_TRY(bind_res_scalar(r, k, e.value));
  snprintf(k, sizeof k, "%s_err_%s", name, unit);
  return bind_res_scalar(r, k, e.err);
}

static int fit_stats(sfhet_bind_res *r, const sfhet_thermo_fit_result *f) {
  SFHET_TRY(bind_res_scalar(r, "corr01", f->corr01));
  SFHET_TRY(bind_res_scalar(r, "chi2_red", f->chi2_red));
  SFHET_TRY(bind_res_scalar(r, "n_points", (double)f->n_points));
  return bind_res_scalar(r, "converged", f->converged);
}

static int run_gap_fit(bind_args *a, sfhet_bind_res *r) {
  const double *T, *D, *sg;
  size_t n;
  SFHET_TRY(xy_data(a, "T", "delta", 3, &T, &D, &sg, &n));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(check_min("T", T, n, 0.0, 1, "K"));
  SFHET_TRY(check_min("delta", D, n, 0.0, 0, "meV"));
  sfhet_thermo_fit_result f;
  SFHET_TRY(sfhet_gap_fit(T, D, sg, n, &f));
  SFHET_TRY(est(r, "Tc", "K", f.p[0]));
  SFHET_TRY(est(r, "delta0", "meV", f.p[1]));
  SFHET_TRY(bind_res_scalar(r, "delta0_over_kTc", f.p[1].value / (SFHET_KB_MEV * f.p[0].value)));
  return fit_stats(r, &f);
}

const bind_fn bind_fn_gap_fit = {
    .name = "gap_fit", .summary = "fit of (Tc, Delta0) to measured gaps (sfhet gap --fit)",
    .args = "arrays T [K], delta [meV], sigma [meV] (optional)", .run = run_gap_fit};

static int orientation(bind_args *a, sfhet_field_orient *o) {
  const char *v = bind_str(a, "orientation", "perpendicular");
  if (strcmp(v, "parallel") == 0) return *o = SFHET_FIELD_PARALLEL, SFHET_OK;
  if (strcmp(v, "perpendicular") == 0) return *o = SFHET_FIELD_PERPENDICULAR, SFHET_OK;
  SFHET_ERROR(SFHET_EUSAGE, "orientation: '%s' is not parallel or perpendicular", v);
}

/* The orbital-mode parameters: D (required), thickness (required for a parallel field), orientation. */
static int orbital_params(bind_args *a, double *D, double *d, sfhet_field_orient *o, int need_D) {
  SFHET_TRY(orientation(a, o));
  *D = 0, *d = 0;
  if (need_D) SFHET_TRY(required(a, "D", D));
  if (*o == SFHET_FIELD_PARALLEL && !bind_given(a, "thickness"))
    SFHET_ERROR(SFHET_EUSAGE, "thickness is required for orientation parallel");
  if (bind_given(a, "thickness")) SFHET_TRY(bind_param(a, sfhet_thermo_param("thickness"), d));
  return SFHET_OK;
}

typedef struct {
  double Tc0, D, d, lambda;
  sfhet_field_orient o;
} pb_par;

/* One point of a pair-breaking curve: the outputs o[] at x. */
typedef int pb_point(const pb_par *p, double x, double *o);

static int p_alpha(const pb_par *p, double x, double *o) { return sfhet_ag_tc(p->Tc0, x, &o[0]); }

static int p_zeeman(const pb_par *p, double x, double *o) {
  o[1] = fabs(x) / SFHET_MU_B_MEV;
  return sfhet_zeeman_tc(p->Tc0, x, &o[0]);
}

static int p_orbital(const pb_par *p, double x, double *o) {
  o[1] = sfhet_orbital_alpha(x, p->D, p->d, p->o);
  return sfhet_orbital_tc(p->Tc0, x, p->D, p->d, p->o, &o[0]);
}

static int p_pauli(const pb_par *p, double x, double *o) {
  int order = 0;
  SFHET_TRY(sfhet_pauli_hc(p->Tc0, x, &o[0], &order));
  o[1] = o[0] / SFHET_MU_B_MEV, o[2] = order;
  return SFHET_OK;
}

static int p_ising(const pb_par *p, double x, double *o) {
  SFHET_TRY(sfhet_ising_hc2(p->Tc0, p->lambda, x, &o[0]));
  o[1] = o[0] / SFHET_MU_B_MEV;
  return SFHET_OK;
}

/* The modes of sfhet pairbreak: the argument that selects it, the x array, its lower bound, the point
 * function and the CLI's columns (x first). */
typedef struct {
  const char *flag, *xname, *unit;
  double xmin;
  int xopen;
  pb_point *fn;
  const char *names[4];
  size_t nout;
} pb_mode;

static const pb_mode modes[] = {
    {"alpha", "alpha", "meV", 0.0, 0, p_alpha, {"alpha_meV", "Tc_K"}, 1},
    {"zeeman", "zeeman", "meV", -INFINITY, 0, p_zeeman, {"h_meV", "Tc_K", "B_T"}, 2},
    {"B", "B", "T", -INFINITY, 0, p_orbital, {"B_T", "Tc_K", "alpha_meV"}, 2},
    {"pauli_boundary", "T", "K", 0.0, 0, p_pauli, {"T_K", "h_meV", "B_T", "order"}, 3},
    {"ising_lambda", "T", "K", 0.0, 1, p_ising, {"T_K", "h_meV", "B_T"}, 2},
};
enum { PB_MODES = sizeof modes / sizeof modes[0] };

/* The one mode selected: alpha, zeeman, B (arrays), pauli_boundary (a flag) or ising_lambda (a value). */
static int pick_mode(bind_args *a, const pb_mode **m) {
  int count = 0, flag;
  for (size_t i = 0; i < 3; i++)
    if (bind_has_array(a, modes[i].flag)) count++, *m = &modes[i];
  SFHET_TRY(bind_flag(a, "pauli_boundary", &flag));
  if (flag) count++, *m = &modes[3];
  if (bind_given(a, "ising_lambda")) count++, *m = &modes[4];
  if (count != 1)
    SFHET_ERROR(SFHET_EUSAGE, "pairbreak: give exactly one of alpha, zeeman, B, pauli_boundary, ising_lambda "
                "(got %d)", count);
  return SFHET_OK;
}

static int pb_inputs(bind_args *a, const pb_mode *m, pb_par *p, const double **x, size_t *n) {
  SFHET_TRY(required(a, "Tc0", &p->Tc0));
  p->o = SFHET_FIELD_PERPENDICULAR;
  if (m->fn == p_orbital) SFHET_TRY(orbital_params(a, &p->D, &p->d, &p->o, 1));
  if (m->fn == p_ising) SFHET_TRY(bind_qty(a, "ising_lambda", SFHET_DIM_ENERGY, NULL, &p->lambda));
  if (m->fn == p_ising) SFHET_TRY(sfhet_param_check(sfhet_thermo_param("lambda"), p->lambda, "ising_lambda"));
  SFHET_TRY(bind_array(a, m->xname, BIND_FINITE | (m->fn == p_pauli ? 0u : (unsigned)BIND_REQUIRED), x, n));
  SFHET_TRY(bind_done(a));
  return check_min(m->xname, *x, *n, m->xmin, m->xopen, m->unit);
}

static int run_pairbreak(bind_args *a, sfhet_bind_res *r) {
  const pb_mode *m = NULL;
  pb_par p;
  const double *x;
  size_t n;
  SFHET_TRY(pick_mode(a, &m));
  SFHET_TRY(pb_inputs(a, m, &p, &x, &n));
  double *col[4], *own = NULL;
  if (!x) { /* the Pauli boundary's default temperatures 0:Tc0:41 */
    SFHET_TRY(bind_res_array(r, m->names[0], 41, 1, &own));
    for (size_t i = 0; i < 41; i++) own[i] = p.Tc0 * (double)i / 40.0;
    x = own, n = 41;
  } else {
    SFHET_TRY(bind_res_copy(r, m->names[0], x, n));
  }
  for (size_t k = 0; k < m->nout; k++) SFHET_TRY(bind_res_array(r, m->names[k + 1], n, 1, &col[k]));
  for (size_t i = 0; i < n; i++) {
    double o[3] = {0, 0, 0};
    SFHET_TRY(m->fn(&p, x[i], o));
    for (size_t k = 0; k < m->nout; k++) col[k][i] = o[k];
  }
  return SFHET_OK;
}

const bind_fn bind_fn_pairbreak = {
    .name = "pairbreak",
    .summary = "pair-breaking curves (sfhet pairbreak), columns as the CLI's for the mode chosen",
    .args = "Tc0 (required) and one of: array alpha [meV]; array zeeman [meV]; array B [T] with D, thickness, "
            "orientation; pauli_boundary=true with array T [K] (default 0:Tc0:41); ising_lambda [meV] with "
            "array T [K]",
    .run = run_pairbreak};

static int run_pairbreak_fit(bind_args *a, sfhet_bind_res *r) {
  const char *kind = bind_str(a, "fit", NULL);
  if (!kind || (strcmp(kind, "orbital") && strcmp(kind, "ising")))
    SFHET_ERROR(SFHET_EUSAGE, "fit: '%s' is not orbital or ising", kind ? kind : "");
  int ising = strcmp(kind, "ising") == 0;
  double Tc0 = 0, D, d = 0;
  sfhet_field_orient o = SFHET_FIELD_PERPENDICULAR;
  if (bind_given(a, "Tc0")) SFHET_TRY(required(a, "Tc0", &Tc0)); /* held fixed when given */
  if (!ising) SFHET_TRY(orbital_params(a, &D, &d, &o, 0));
  const double *x, *y, *sg;
  size_t n;
  SFHET_TRY(xy_data(a, "x", "y", Tc0 > 0 ? 2 : 3, &x, &y, &sg, &n));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(ising ? check_min("x", x, n, 0.0, 1, "K") : check_min("y", y, n, 0.0, 1, "K"));
  sfhet_thermo_fit_result f;
  SFHET_TRY(ising ? sfhet_ising_fit(x, y, sg, n, Tc0, &f) : sfhet_orbital_fit(x, y, sg, n, d, o, Tc0, &f));
  SFHET_TRY(est(r, ising ? "lambda" : "D", ising ? "meV" : "m2s", f.p[0]));
  SFHET_TRY(est(r, "Tc0", "K", f.p[1]));
  if (!ising) SFHET_TRY(est(r, "xi_GL0", "nm", f.p[2]));
  return fit_stats(r, &f);
}

const bind_fn bind_fn_pairbreak_fit = {
    .name = "pairbreak_fit",
    .summary = "fits of pair breaking (sfhet pairbreak --fit): orbital (D from Tc(B)) or ising (lambda from Bc2(T))",
    .args = "fit=orbital|ising, arrays x (B [T] or T [K]), y (Tc [K] or B [T]), sigma; Tc0 (held if given), "
            "thickness, orientation (orbital)",
    .run = run_pairbreak_fit};
