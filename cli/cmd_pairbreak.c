/* sfhet pairbreak: Abrikosov–Gor'kov Tc(α), orbital Tc(B) of thin films, the Zeeman second-order line,
 * the Pauli-limited h–T boundary, the Ising-superconductor critical field, and the fits of D and λ
 * (docs/thermo.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/table.h"
#include "sfhet/thermo.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(
      s, "pairbreak",
      "pairbreak --Tc0 TC0 (--alpha R | --zeeman R | --B R --D D [--thickness d] --orientation O |\n"
      "       --pauli-boundary [--T R] | --ising-lambda L --T R) | pairbreak --fit orbital|ising --data F",
      "Pair breaking (energies meV; h is the Zeeman energy, spin levels +-h, h = muB B for g = 2):\n"
      "  --alpha R          Abrikosov-Gor'kov ln(Tc0/Tc) = psi(1/2 + a/2pi kTc) - psi(1/2) -> alpha_meV,Tc_K\n"
      "                     (Tc = 0 for alpha >= alpha_c = Delta0/2)\n"
      "  --zeeman R         second-order line ln(Tc0/Tc) = Re psi(1/2 + i h/2pi kTc) - psi(1/2), highest\n"
      "                     root -> h_meV,Tc_K,B_T (Tc = 0 above the line's maximum, ~0.615 Delta0)\n"
      "  --B R              thin-film orbital pair breaking, alpha = D e^2 B^2 d^2/6hbar (parallel) or\n"
      "                     D e B (perpendicular) -> B_T,Tc_K,alpha_meV\n"
      "  --pauli-boundary   full h-T boundary of a Pauli-limited film: second order above the\n"
      "                     tricritical point T* = 0.5615 Tc0, first order (equal free energies) below,\n"
      "                     h(0) = Delta0/sqrt2 -> T_K,h_meV,B_T,order\n"
      "  --ising-lambda L   Ising in-plane critical field, ln(T/Tc0) + h^2/(h^2+L^2) [Re psi(1/2 +\n"
      "                     i sqrt(h^2+L^2)/2pi kT) - psi(1/2)] = 0 -> T_K,h_meV,B_T\n"
      "  --fit orbital      fit Tc(B) (x: B_T, y: Tc_K) -> D_m2s, Tc0_K, xi_GL0_nm (xi^2 = pi hbar D/8kTc0)\n"
      "  --fit ising        fit Bc2(T) (x: T_K, y: B_T) -> lambda_meV, Tc0_K\n"
      "Fits hold Tc0 fixed when --Tc0 is given; every value comes with _err (one standard error).");
  cli_add(s, "Tc0", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL,
          "critical temperature without pair breaking (required; with --fit: held fixed if given)");
  s->opt[s->n - 1].param = sfhet_thermo_param("Tc0"); /* bounds, no default */
  cli_add(s, "alpha", CLI_RANGE, SFHET_DIM_ENERGY, NULL, "pair-breaking energies");
  cli_add(s, "zeeman", CLI_RANGE, SFHET_DIM_ENERGY, NULL, "Zeeman energies h (spin levels +-h)");
  cli_add(s, "B", CLI_RANGE, SFHET_DIM_FIELD, NULL, "magnetic fields for orbital pair breaking");
  cli_add(s, "D", CLI_QTY, SFHET_DIM_DIFFUSION, NULL, "electronic diffusion constant (required with --B)");
  s->opt[s->n - 1].param = sfhet_thermo_param("D");
  cli_add(s, "thickness", CLI_QTY, SFHET_DIM_LENGTH, NULL, "film thickness (required for a parallel field)");
  s->opt[s->n - 1].param = sfhet_thermo_param("thickness");
  cli_add(s, "orientation", CLI_STR, SFHET_DIM_NONE, "perpendicular", "field orientation: parallel|perpendicular");
  cli_add(s, "pauli-boundary", CLI_FLAG, SFHET_DIM_NONE, NULL, "Pauli-limited h-T boundary over --T");
  cli_add(s, "ising-lambda", CLI_QTY, SFHET_DIM_ENERGY, NULL, "Ising spin-orbit field lambda");
  s->opt[s->n - 1].param = sfhet_thermo_param("lambda");
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, NULL,
          "temperatures (--pauli-boundary: default 0:Tc0:41; --ising-lambda: required)");
  cli_add(s, "fit", CLI_STR, SFHET_DIM_NONE, NULL, "fit data: orbital (D from Tc(B)) or ising (lambda)");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file for --fit");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, NULL, "x column (orbital: field, default B_T; ising: T, default T_K)");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, NULL, "y column (orbital: Tc, default Tc_K; ising: field, default B_T)");
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma errors of y (optional)");
  cli_add_plot_options(s, "the curve (with --fit: the data with errors and the fitted curve)");
}

static int orientation(const cli_spec *s, sfhet_field_orient *o) {
  const char *v = cli_str(s, "orientation");
  if (strcmp(v, "parallel") == 0) return *o = SFHET_FIELD_PARALLEL, SFHET_OK;
  if (strcmp(v, "perpendicular") == 0) return *o = SFHET_FIELD_PERPENDICULAR, SFHET_OK;
  return cli_usage_error("--orientation: '%s' is not parallel or perpendicular", v);
}

typedef struct {
  double Tc0, D, d, lambda;
  sfhet_field_orient o;
} pb_par;

typedef int point_fn(const pb_par *p, double x, double *out);

static int p_alpha(const pb_par *p, double x, double *o) {
  return sfhet_ag_tc(p->Tc0, x, &o[0]);
}
static int p_zeeman(const pb_par *p, double x, double *o) {
  SFHET_TRY(sfhet_zeeman_tc(p->Tc0, x, &o[0]));
  o[1] = fabs(x) / SFHET_MU_B_MEV;
  return SFHET_OK;
}
static int p_orbital(const pb_par *p, double x, double *o) {
  SFHET_TRY(sfhet_orbital_tc(p->Tc0, x, p->D, p->d, p->o, &o[0]));
  o[1] = sfhet_orbital_alpha(x, p->D, p->d, p->o);
  return SFHET_OK;
}
static int p_pauli(const pb_par *p, double x, double *o) {
  int order;
  SFHET_TRY(sfhet_pauli_hc(p->Tc0, x, &o[0], &order));
  o[1] = o[0] / SFHET_MU_B_MEV;
  o[2] = order;
  return SFHET_OK;
}
static int p_ising(const pb_par *p, double x, double *o) {
  SFHET_TRY(sfhet_ising_hc2(p->Tc0, p->lambda, x, &o[0]));
  o[1] = o[0] / SFHET_MU_B_MEV;
  return SFHET_OK;
}

typedef struct {
  const pb_par *p;
  const sfhet_range *x;
  point_fn *fn;
  double *buf;
  size_t nout;
} sweep_ctx;

static int sweep_point(size_t i, void *ctx) {
  const sweep_ctx *c = ctx;
  double o[3] = {0, 0, 0};
  int st = c->fn(c->p, c->x->v[i], o);
  for (size_t k = 0; k < c->nout; k++) c->buf[k * c->x->n + i] = o[k];
  return st;
}

/* Evaluates fn at every x (OpenMP sweep; the Pauli boundary runs on one thread because its quadrature
 * switches GSL's global error handler), writes columns x, out[0..nout-1]. */
static int table(const cli_spec *s, const pb_par *p, const sfhet_range *x, point_fn *fn,
                 const char *const *names, size_t nout) {
  double *buf = malloc((x->n ? x->n : 1) * nout * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sweep_ctx c = {p, x, fn, buf, nout};
  sfhet_progress pr = cli_progress(s, "pairbreak");
  int st = sfhet_sweep_map(x->n, sweep_point, &c, fn == p_pauli ? 1 : s->threads, &pr, NULL);
  if (!st) {
    const double *cols[4] = {x->v, buf, buf + x->n, buf + 2 * x->n};
    plot_table_spec ps = {.title = "pair breaking", .x = 0, .y = {1}, .ny = 1};
    st = cli_plot_table(s, &ps, names, cols, x->n);
    if (!st) st = cli_write_table(s, names, nout + 1, cols, x->n);
  }
  free(buf);
  return st;
}

/* A forward mode: its option, the option holding the x values and their lower bound, the point
 * function and the output columns. */
typedef struct {
  const char *flag, *range, *unit;
  double xmin;
  int xopen; /* x must be > xmin (else >= xmin) */
  point_fn *fn;
  const char *names[4];
  size_t nout;
} pb_mode;

static const pb_mode modes[] = {
    {"alpha", "alpha", "meV", 0.0, 0, p_alpha, {"alpha_meV", "Tc_K"}, 1},
    {"zeeman", "zeeman", "meV", -INFINITY, 0, p_zeeman, {"h_meV", "Tc_K", "B_T"}, 2},
    {"B", "B", "T", -INFINITY, 0, p_orbital, {"B_T", "Tc_K", "alpha_meV"}, 2},
    {"pauli-boundary", "T", "K", 0.0, 0, p_pauli, {"T_K", "h_meV", "B_T", "order"}, 3},
    {"ising-lambda", "T", "K", 0.0, 1, p_ising, {"T_K", "h_meV", "B_T"}, 2},
};
enum { N_MODES = sizeof modes / sizeof modes[0] };

static int mode_count(const cli_spec *s) {
  int n = cli_given(s, "fit");
  for (size_t i = 0; i < N_MODES; i++) n += cli_given(s, modes[i].flag);
  return n;
}

/* The parameters a mode needs besides Tc0. */
static int mode_params(const cli_spec *s, const pb_mode *m, pb_par *p) {
  if (m->fn == p_ising) return cli_qty(s, "ising-lambda", &p->lambda);
  if (m->fn != p_orbital) return SFHET_OK;
  SFHET_TRY(orientation(s, &p->o));
  if (p->o == SFHET_FIELD_PARALLEL && !cli_given(s, "thickness"))
    return cli_usage_error("--thickness is required for --orientation parallel");
  if (!cli_given(s, "D")) return cli_usage_error("--D is required with --B (e.g. --D 2cm2/s)");
  SFHET_TRY(cli_qty(s, "D", &p->D));
  if (cli_given(s, "thickness")) SFHET_TRY(cli_qty(s, "thickness", &p->d));
  return SFHET_OK;
}

/* The x values of a mode (default 0:Tc0:41 for the Pauli boundary), checked against its bound. */
static int mode_range(const cli_spec *s, const pb_mode *m, double Tc0, sfhet_range *x) {
  x->n = 0, x->v = NULL;
  if (!cli_given(s, m->range)) {
    if (m->fn != p_pauli) return cli_usage_error("--%s needs --%s RANGE", m->flag, m->range);
    return sfhet_range_linspace(x, 0.0, Tc0, 41);
  }
  SFHET_TRY(cli_range(s, m->range, x));
  for (size_t i = 0; i < x->n; i++) {
    if (m->xopen ? x->v[i] > m->xmin : x->v[i] >= m->xmin) continue;
    int st = cli_usage_error("--%s: must be %s %g, got %g %s", m->range, m->xopen ? ">" : ">=", m->xmin,
                             x->v[i], m->unit);
    sfhet_range_free(x);
    return st;
  }
  return SFHET_OK;
}

static int forward(const cli_spec *s) {
  pb_par p = {0, 0, 0, 0, SFHET_FIELD_PERPENDICULAR};
  const pb_mode *m = &modes[0];
  for (size_t i = 0; i < N_MODES; i++)
    if (cli_given(s, modes[i].flag)) m = &modes[i];
  if (!cli_given(s, "Tc0")) return cli_usage_error("--Tc0 is required (e.g. --Tc0 7.2K)");
  SFHET_TRY(cli_qty(s, "Tc0", &p.Tc0));
  SFHET_TRY(mode_params(s, m, &p));
  sfhet_range x;
  SFHET_TRY(mode_range(s, m, p.Tc0, &x));
  int st = table(s, &p, &x, m->fn, m->names, m->nout);
  sfhet_range_free(&x);
  return st;
}

/* ---- fits ---- */

static int read_cols(const cli_spec *s, sfhet_table *t, const char *dx, const char *dy, int x_pos,
                     const double **x, const double **y, const double **sig) {
  const char *cx = cli_str(s, "x") ? cli_str(s, "x") : dx, *cy = cli_str(s, "y") ? cli_str(s, "y") : dy;
  SFHET_TRY(sfhet_table_get(t, cx, "--x", x));
  SFHET_TRY(sfhet_table_get(t, cy, "--y", y));
  *sig = NULL;
  if (cli_str(s, "sigma")) SFHET_TRY(sfhet_table_get(t, cli_str(s, "sigma"), "--sigma", sig));
  const char *f = sfhet_table_name(t);
  for (size_t i = 0; i < sfhet_table_nrows(t); i++) {
    size_t line = sfhet_table_line(t, i);
    if (x_pos && !((*x)[i] > 0)) SFHET_ERROR(SFHET_EDATA, "%s:%zu: temperature must be > 0 K, got %g", f, line, (*x)[i]);
    if (!x_pos && !((*y)[i] > 0)) SFHET_ERROR(SFHET_EDATA, "%s:%zu: Tc must be > 0 K, got %g", f, line, (*y)[i]);
    if (*sig && !((*sig)[i] > 0)) SFHET_ERROR(SFHET_EDATA, "%s:%zu: sigma must be > 0, got %g", f, line, (*sig)[i]);
  }
  return SFHET_OK;
}

static int print_fit(const cli_spec *s, const sfhet_thermo_fit_result *r, int ising) {
  cli_scalar v[7];
  size_t n = 0;
  v[n++] = (cli_scalar){ising ? "lambda" : "D", ising ? "meV" : "m2s", r->p[0].value, r->p[0].err, CLI_NUM};
  v[n++] = (cli_scalar){"Tc0", "K", r->p[1].value, r->p[1].err, CLI_NUM};
  if (!ising) v[n++] = (cli_scalar){"xi_GL0", "nm", r->p[2].value, r->p[2].err, CLI_NUM};
  v[n++] = (cli_scalar){"chi2_red", "", r->chi2_red, NAN, CLI_NUM};
  v[n++] = (cli_scalar){"n_points", "", (double)r->n_points, NAN, CLI_COUNT};
  v[n++] = (cli_scalar){"converged", "", r->converged, NAN, CLI_BOOL};
  return cli_write_scalars(s, v, n);
}

/* The data (with errors) and the fitted curve over the data's x range. */
static int plot_fit(const cli_spec *s, const double *x, const double *y, const double *sig, size_t n, int ising,
                    double d, sfhet_field_orient o, const sfhet_thermo_fit_result *r) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  enum { M = 120 };
  double c[2 * M], lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; i++) lo = fmin(lo, x[i]), hi = fmax(hi, x[i]);
  if (ising) lo = fmin(lo, 0.5 * lo), hi = fmax(hi, r->p[1].value);
  else lo = 0;
  for (size_t i = 0; i < M; i++) {
    c[i] = lo + (hi - lo) * (double)i / (M - 1);
    double v = NAN;
    int st = ising ? sfhet_ising_hc2(r->p[1].value, r->p[0].value, c[i], &v)
                   : sfhet_orbital_tc(r->p[1].value, c[i], r->p[0].value, d, o, &v);
    sfhet_clear_error();
    c[M + i] = st ? NAN : ising ? v / SFHET_MU_B_MEV : v;
  }
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = ising ? "Ising critical field B_c2(T)" : "orbital Tc(B)", p.weight = 1;
  p.xlabel = ising ? "T_K" : "B_T", p.ylabel = ising ? "B_c2 (T)" : "Tc_K";
  plot_add(&p, sig ? "data ± σ" : "data", x, y, sig, n, sig ? PLOT_ERRORBARS : PLOT_POINTS);
  plot_add(&p, "fit", c, c + M, NULL, M, PLOT_LINES);
  return plot_write_opts(path, &p, 1, "--plot", &po);
}

static int fit(const cli_spec *s) {
  const char *kind = cli_str(s, "fit"), *path = cli_str(s, "data");
  int ising = strcmp(kind, "ising") == 0;
  if (!ising && strcmp(kind, "orbital") != 0)
    return cli_usage_error("--fit: '%s' is not orbital or ising", kind);
  if (!path) return cli_usage_error("--fit needs --data FILE");
  double Tc0 = 0, d = 0;
  sfhet_field_orient o = SFHET_FIELD_PERPENDICULAR;
  if (cli_given(s, "Tc0")) SFHET_TRY(cli_qty(s, "Tc0", &Tc0));
  if (!ising) {
    SFHET_TRY(orientation(s, &o));
    if (o == SFHET_FIELD_PARALLEL && !cli_given(s, "thickness"))
      return cli_usage_error("--thickness is required for --orientation parallel");
    if (cli_given(s, "thickness")) SFHET_TRY(cli_qty(s, "thickness", &d));
  }
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_read(path, &t));
  const double *x, *y, *sig;
  int st = read_cols(s, t, ising ? "T_K" : "B_T", ising ? "B_T" : "Tc_K", ising, &x, &y, &sig);
  size_t n = sfhet_table_nrows(t);
  sfhet_thermo_fit_result r;
  if (!st && n < (Tc0 > 0 ? 2u : 3u)) {
    SFHET_REPORT(SFHET_EDATA, "%s: %zu data rows, the fit needs at least %u", path, n, Tc0 > 0 ? 2u : 3u);
    st = SFHET_EDATA;
  }
  if (!st) st = ising ? sfhet_ising_fit(x, y, sig, n, Tc0, &r) : sfhet_orbital_fit(x, y, sig, n, d, o, Tc0, &r);
  if (!st) st = plot_fit(s, x, y, sig, n, ising, d, o, &r);
  if (!st) st = print_fit(s, &r, ising);
  sfhet_table_free(t);
  return st;
}

static int run_pairbreak(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  int m = mode_count(&s);
  if (m != 1)
    return cli_usage_error("give exactly one of --alpha, --zeeman, --B, --pauli-boundary, --ising-lambda, --fit"
                           " (got %d)", m);
  return cli_given(&s, "fit") ? fit(&s) : forward(&s);
}

const cli_command cli_cmd_pairbreak = {
    "pairbreak", "pair breaking: AG Tc(alpha), orbital Tc(B), Zeeman/Pauli and Ising critical fields, fits",
    run_pairbreak};
