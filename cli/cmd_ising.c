/* sfhet ising SUBCOMMAND: the Ising-superconductor lattice model of monolayer NbSe2 (seed 003).
 * One table of subcommands (name, usage, help, options, runner); every runner fills one result record
 * (scalars and/or a table) and one writer prints it as JSON, CSV or "key = value" lines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"

#define OUT_KEYS 16
#define OUT_COLS 8
#define OUT_BUFS 6

/* The result of a subcommand: scalars (JSON keys) and a table (CSV columns; with --json and
 * table_key, an array of objects under that key, with an optional string column). */
typedef struct {
  size_t nkey;
  const char *key[OUT_KEYS];
  double val[OUT_KEYS];
  size_t ncol, nrow;
  const char *names[OUT_COLS];
  const double *col[OUT_COLS];
  const char *table_key;
  const char *label_name;
  const char *const *labels;
  double *own[OUT_BUFS]; /* buffers freed after writing */
} ising_out;

static void put(ising_out *o, const char *key, double v) {
  if (o->nkey < OUT_KEYS) o->key[o->nkey] = key, o->val[o->nkey++] = v;
}

static void column(ising_out *o, const char *name, const double *v) {
  if (o->ncol < OUT_COLS) o->names[o->ncol] = name, o->col[o->ncol++] = v;
}

/* A buffer of n doubles owned by the result (NULL when out of memory). */
static double *own(ising_out *o, size_t n) {
  for (int k = 0; k < OUT_BUFS; k++)
    if (!o->own[k]) return o->own[k] = calloc(n ? n : 1, sizeof(double));
  return NULL;
}

static void json_table(sfhet_json *j, const ising_out *o) {
  sfhet_json_array_begin(j, o->table_key);
  for (size_t i = 0; i < o->nrow; i++) {
    sfhet_json_object_begin(j, NULL);
    for (size_t c = 0; c < o->ncol; c++) sfhet_json_number(j, o->names[c], o->col[c][i]);
    if (o->labels) sfhet_json_string(j, o->label_name, o->labels[i]);
    sfhet_json_object_end(j);
  }
  sfhet_json_array_end(j);
}

static void text_table(FILE *fp, const ising_out *o) {
  for (size_t i = 0; i < o->nrow; i++) {
    fprintf(fp, "%s[%zu]:", o->table_key, i);
    for (size_t c = 0; c < o->ncol; c++) fprintf(fp, " %s = %.10g", o->names[c], o->col[c][i]);
    if (o->labels) fprintf(fp, " %s = %s", o->label_name, o->labels[i]);
    fputc('\n', fp);
  }
}

/* The one output path: a plain table as CSV; scalars (with their table) as JSON or text lines. */
static int write_out(const cli_spec *s, const ising_out *o) {
  if (!o->nkey) return cli_write_table(s, o->names, o->ncol, o->col, o->nrow);
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    for (size_t k = 0; k < o->nkey; k++) sfhet_json_number(&j, o->key[k], o->val[k]);
    if (o->table_key) json_table(&j, o);
    sfhet_json_end(&j);
  } else {
    for (size_t k = 0; k < o->nkey; k++) fprintf(out.fp, "%s = %.10g\n", o->key[k], o->val[k]);
    if (o->table_key) text_table(out.fp, o);
  }
  return sfhet_outfile_commit(&out);
}

/* ---- runners: compute into the result record, no printing ---- */

static int run_lambda(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  (void)s;
  put(o, "lambda_soc_meV", sfhet_ising_lambda_soc(m));
  return SFHET_OK;
}

static void opt_bands(cli_spec *s) {
  cli_add(s, "k", CLI_STR, SFHET_DIM_NONE, "GMKG:301", "path GMKG with N points (GMKG:N)");
}

static int run_bands(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  const char *k = cli_str(s, "k");
  long n = 301;
  if (strncmp(k, "GMKG", 4) || (k[4] && (k[4] != ':' || (n = strtol(k + 5, NULL, 10)) < 4)))
    return cli_usage_error("--k: expected GMKG or GMKG:N with N >= 4, got '%s'", k);
  if (n > 1000000) return cli_usage_error("--k: at most 1000000 points, got %ld", n);
  size_t N = (size_t)n;
  double *idx = own(o, N), *kx = own(o, N), *ky = own(o, N), *up = own(o, 2 * N);
  if (!idx || !kx || !ky || !up) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < N; i++) idx[i] = (double)i;
  SFHET_TRY(sfhet_ising_bands(m, N, kx, ky, up, up + N));
  column(o, "k_index", idx), column(o, "kx", kx), column(o, "ky", ky);
  column(o, "xi_up_meV", up), column(o, "xi_down_meV", up + N);
  o->nrow = N;
  return SFHET_OK;
}

static void opt_fermi(cli_spec *s) { cli_add(s, "n", CLI_INT, SFHET_DIM_NONE, "180", "rays per pocket"); }

static int fermi_scalars(const sfhet_ising_model *m, ising_out *o) {
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double N0;
  int st = sfhet_ising_dos0(m, &N0, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  put(o, "N0_per_meV_per_spin", N0);
  put(o, "chi_P_per_meV", 2 * N0);
  put(o, "lambda_soc_meV", sfhet_ising_lambda_soc(m));
  return SFHET_OK;
}

static int run_fermi(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  if (s->json) return fermi_scalars(m, o);
  long n;
  SFHET_TRY(cli_int(s, "n", &n));
  if (n < 4 || n > 100000) return cli_usage_error("--n: must be 4..100000, got %ld", n);
  size_t N = (size_t)n, rows = 0; /* at most one crossing per ray: 6 N rows */
  double *P = own(o, 6 * N), *S = own(o, 6 * N), *X = own(o, 6 * N), *Y = own(o, 6 * N), *tx = own(o, 2 * N);
  if (!P || !S || !X || !Y || !tx) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (int p = 0; p < 3; p++)
    for (int sp = 0; sp < 2; sp++) {
      SFHET_TRY(sfhet_ising_fermi_surface(m, p, sp, N, tx, tx + N));
      for (size_t i = 0; i < N; i++)
        if (isfinite(tx[i])) P[rows] = p, S[rows] = sp, X[rows] = tx[i], Y[rows] = tx[N + i], rows++;
    }
  column(o, "pocket", P), column(o, "spin", S), column(o, "kx", X), column(o, "ky", Y);
  o->nrow = rows;
  return SFHET_OK;
}

static void add_field(cli_spec *s) {
  cli_add(s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  cli_add(s, "J", CLI_QTY, SFHET_DIM_ENERGY, "0", "exchange field J (eq. 3), meV");
  cli_add(s, "theta", CLI_QTY, SFHET_DIM_ANGLE, "0", "polar angle of J from the c axis");
  cli_add(s, "phi", CLI_QTY, SFHET_DIM_ANGLE, "0", "azimuth of J (the spectrum does not depend on it)");
}

static const char *kind_name(int k) {
  return k == SFHET_ISING_STABLE ? "stable" : k == SFHET_ISING_METASTABLE ? "metastable" : "unstable";
}

static int run_gap(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double T;
  sfhet_ising_field f;
  SFHET_TRY(cli_qty(s, "T", &T));
  SFHET_TRY(cli_qty(s, "J", &f.J));
  SFHET_TRY(cli_qty(s, "theta", &f.theta));
  SFHET_TRY(cli_qty(s, "phi", &f.phi));
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  static sfhet_ising_gap_result r;
  int st = sfhet_ising_gap(m, T, f, &r, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  const sfhet_ising_solution *b = &r.sol[0];
  put(o, "delta_meV", b->delta), put(o, "delta_err_meV", b->delta_err);
  put(o, "f_sn_meV", b->f_sn), put(o, "f_sn_err_meV", b->f_err);
  put(o, "Tc0_K", r.Tc0), put(o, "g_meV", r.g), put(o, "N0_per_meV", r.N0);
  put(o, "k_points", (double)r.nodes);
  double *c = own(o, 4 * SFHET_ISING_MAX_SOL);
  static const char *labels[SFHET_ISING_MAX_SOL];
  if (!c) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < r.n; i++) {
    const sfhet_ising_solution *q = &r.sol[i];
    c[i] = q->delta, c[SFHET_ISING_MAX_SOL + i] = q->delta_err;
    c[2 * SFHET_ISING_MAX_SOL + i] = q->f_sn, c[3 * SFHET_ISING_MAX_SOL + i] = q->f_err;
    labels[i] = kind_name(q->kind);
  }
  const char *names[4] = {"delta_meV", "delta_err_meV", "f_sn_meV", "f_sn_err_meV"};
  for (int k = 0; k < 4; k++) column(o, names[k], c + k * SFHET_ISING_MAX_SOL);
  o->nrow = r.n, o->table_key = "solutions", o->label_name = "kind", o->labels = labels;
  return SFHET_OK;
}

static void opt_tc(cli_spec *s) {
  cli_add(s, "J", CLI_RANGE, SFHET_DIM_ENERGY, "0:0.4:9", "exchange fields");
  cli_add(s, "theta", CLI_QTY, SFHET_DIM_ANGLE, "0", "polar angle of J from the c axis");
}

/* A range option copied into a buffer owned by the result. */
static int range_into(const cli_spec *s, const char *name, ising_out *o, double **v, size_t *n) {
  sfhet_range r = {0, NULL};
  SFHET_TRY(cli_range(s, name, &r));
  *v = own(o, r.n);
  if (*v) memcpy(*v, r.v, r.n * sizeof **v);
  *n = r.n;
  sfhet_range_free(&r);
  if (!*v) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return SFHET_OK;
}

static int run_tc(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double th, *J, *Tc;
  size_t n;
  SFHET_TRY(cli_qty(s, "theta", &th));
  SFHET_TRY(range_into(s, "J", o, &J, &n));
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!(Tc = own(o, n)) || !ws) {
    sfhet_ising_ws_free(ws);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  sfhet_progress pr = cli_progress(s, "ising tc");
  int st = sfhet_ising_tc_curve(m, th, J, n, Tc, s->threads, &pr, ws);
  sfhet_ising_ws_free(ws);
  column(o, "J_meV", J), column(o, "Tc_K", Tc);
  o->nrow = n;
  return st;
}

static void opt_chi(cli_spec *s) {
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, "0.3:3:10", "temperatures (> 0)");
  cli_add(s, "weak-soc", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "add chi_par_c8: eq. C8 (chi_s/chi_P, weak SOC, T = 0 form) averaged over the Fermi surface "
          "with the local splitting |beta(k)| and Delta(T)");
}

static int run_chi(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double *T, *c, *c8 = NULL;
  size_t n;
  SFHET_TRY(range_into(s, "T", o, &T, &n));
  for (size_t i = 0; i < n; i++)
    if (!(T[i] > 0)) return cli_usage_error("--T: temperatures must be > 0 K, got %g", T[i]);
  int weak = cli_flag(s, "weak-soc");
  if (!(c = own(o, 2 * n)) || (weak && !(c8 = own(o, n)))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_progress pr = cli_progress(s, "ising chi");
  SFHET_TRY(sfhet_ising_chi_curve(m, T, n, c, c + n, c8, s->threads, &pr));
  column(o, "T_K", T), column(o, "chi_par", c), column(o, "chi_perp", c + n);
  if (weak) column(o, "chi_par_c8", c8);
  o->nrow = n;
  return SFHET_OK;
}

static void opt_fe(cli_spec *s) {
  cli_add(s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  cli_add(s, "J", CLI_QTY, SFHET_DIM_ENERGY, NULL, "exchange field J, meV");
  cli_add(s, "theta", CLI_RANGE, SFHET_DIM_ANGLE, "0:90:10", "polar angles");
  cli_add(s, "phi", CLI_RANGE, SFHET_DIM_ANGLE, "0", "azimuths");
}

static int run_fe(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double T, J, *th, *ph, *grid, *f;
  size_t nt, np;
  SFHET_TRY(cli_qty(s, "T", &T));
  SFHET_TRY(cli_qty(s, "J", &J));
  SFHET_TRY(range_into(s, "theta", o, &th, &nt));
  SFHET_TRY(range_into(s, "phi", o, &ph, &np));
  size_t n = nt * np;
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!(grid = own(o, 2 * n)) || !(f = own(o, n)) || !ws) {
    sfhet_ising_ws_free(ws);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  sfhet_progress pr = cli_progress(s, "ising free-energy");
  int st = sfhet_ising_fsn_map(m, T, J, th, nt, ph, np, f, NULL, s->threads, &pr, ws);
  sfhet_ising_ws_free(ws);
  for (size_t i = 0; i < nt; i++)
    for (size_t j = 0; j < np; j++) grid[i * np + j] = th[i], grid[n + i * np + j] = ph[j];
  column(o, "theta_deg", grid), column(o, "phi_deg", grid + n), column(o, "f_sn_meV", f);
  o->nrow = n;
  return st;
}

static void opt_jc(cli_spec *s) {
  cli_add(s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  cli_add(s, "theta", CLI_RANGE, SFHET_DIM_ANGLE, "0", "polar angles");
}

static int run_jc(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double T, *th, *c;
  size_t n;
  SFHET_TRY(cli_qty(s, "T", &T));
  SFHET_TRY(range_into(s, "theta", o, &th, &n));
  if (!(c = own(o, 2 * n))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_progress pr = cli_progress(s, "ising jc");
  SFHET_TRY(sfhet_ising_jc_curve(m, T, th, n, c, c + n, s->threads, &pr));
  column(o, "theta_deg", th), column(o, "Jc_meV", c), column(o, "first_order", c + n);
  o->nrow = n;
  return SFHET_OK;
}

static void opt_map(cli_spec *s) {
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, "0.3:3:10", "temperatures");
  cli_add(s, "J", CLI_RANGE, SFHET_DIM_ENERGY, "0:0.4:9", "exchange fields");
  cli_add(s, "theta", CLI_RANGE, SFHET_DIM_ANGLE, "0,90", "polar angles of J");
}

static int run_map(const cli_spec *s, const sfhet_ising_model *m, ising_out *o) {
  double *T, *J, *th;
  size_t nT, nJ, nt;
  SFHET_TRY(range_into(s, "T", o, &T, &nT));
  SFHET_TRY(range_into(s, "J", o, &J, &nJ));
  SFHET_TRY(range_into(s, "theta", o, &th, &nt));
  size_t n = nT * nJ * nt;
  if (n > 1000000) return cli_usage_error("--T, --J, --theta: at most 10^6 grid points, got %zu", n);
  double *g = own(o, 4 * n);
  if (!g) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    g[i] = T[i / (nJ * nt)], g[n + i] = J[(i / nt) % nJ], g[2 * n + i] = th[i % nt];
  sfhet_progress pr = cli_progress(s, "ising map");
  SFHET_TRY(sfhet_ising_gap_map(m, T, nT, J, nJ, th, nt, g + 3 * n, s->threads, &pr));
  column(o, "T_K", g), column(o, "J_meV", g + n), column(o, "theta_deg", g + 2 * n);
  column(o, "delta_meV", g + 3 * n);
  o->nrow = n;
  return SFHET_OK;
}

/* ---- the subcommand table ---- */
typedef struct {
  const char *name, *usage, *about;
  void (*options)(cli_spec *s);
  int (*run)(const cli_spec *s, const sfhet_ising_model *m, ising_out *o);
} ising_sub;

static const ising_sub subs[] = {
    {"lambda", "ising lambda [--lambda L | --t0 T0 --phi0 PHI0] [--json]",
     "Ising spin-orbit strength λ_soc = 3√3 t0 sin φ0 (seed 003 eq. A4), meV.", NULL, run_lambda},
    {"bands", "ising bands [--k GMKG:N] [model options]",
     "Band energies ξ↑, ξ↓ (eqs. A1–A2, sixth-neighbour slip corrected) along Γ–M–K–Γ,\n"
     "N points evenly spaced in path length; k in units of 1/a. Columns:\n"
     "k_index,kx,ky,xi_up_meV,xi_down_meV.",
     opt_bands, run_bands},
    {"fermi", "ising fermi [--n N] [--json] [model options]",
     "Fermi surfaces xi_sigma(k) = 0 around Γ, K and K' (first crossing along n rays from each\n"
     "centre), columns pocket,spin,kx,ky (pocket 0 Γ, 1 K, 2 K'; spin 0 up, 1 down; k in 1/a;\n"
     "rays without a crossing are omitted). --json: N(0) per spin per cell (BZ cubature, smeared\n"
     "over Δ0/π) and χ_P = 2N(0).",
     opt_fermi, run_fermi},
    {"gap", "ising gap --T T [--J J --theta TH --phi PH] [--delta0 D0] [--lambda L] [--json]",
     "Self-consistent Δ (seed 003 App. B) at temperature T and exchange field J(θ, φ), with g\n"
     "fixed by Δ(T = 0, J = 0) = --delta0. All stationary points of f(Δ) are found; the lowest\n"
     "free energy is reported first, metastable (local minima) and unstable ones after it\n"
     "(JSON array `solutions`). f_sn = f_s(J) − f_n(J = 0) per unit cell (eq. 6 conventions in\n"
     "docs/ising.md).",
     add_field, run_gap},
    {"tc", "ising tc --J RANGE --theta TH [model options]",
     "Critical temperature from the linearised gap equation (highest root below 1.02 Tc0; 0 when\n"
     "none above 0.04 Tc0). For J ∥ c below T ≈ 0.56 Tc0 the true transition is first order: see\n"
     "`ising jc`. Columns: J_meV,Tc_K.",
     opt_tc, run_tc},
    {"chi", "ising chi --T RANGE [--weak-soc] [model options]",
     "Spin susceptibility −∂²f/∂J² (seed 003 eq. C6) of the superconducting state (Δ(T) at J = 0)\n"
     "for in-plane (chi_par) and out-of-plane (chi_perp) J, each divided by the normal-state value\n"
     "of the same direction at the same T. Columns: T_K,chi_par,chi_perp[,chi_par_c8].",
     opt_chi, run_chi},
    {"free-energy", "ising free-energy --T T --J J --theta RANGE [--phi RANGE]",
     "Free energy f_sn = f_s(J) − f_n(J = 0) per unit cell (eq. 6) of the lowest self-consistent\n"
     "state for J at angles (θ, φ). Columns: theta_deg,phi_deg,f_sn_meV.",
     opt_fe, run_fe},
    {"jc", "ising jc --T T --theta RANGE [model options]",
     "Critical exchange field J_c(θ, T): the J where the lowest self-consistent state turns normal\n"
     "(f_sn = f_P, eq. 8, with the full normal-state free energy); first_order = 1 where Δ jumps.\n"
     "Columns: theta_deg,Jc_meV,first_order.",
     opt_jc, run_jc},
    {"map", "ising map --T RANGE --J RANGE --theta RANGE [model options]",
     "Phase diagram: the self-consistent Δ of the lowest free energy (as `ising gap`) on the grid of\n"
     "temperatures, exchange fields and polar angles, in parallel over points (--threads). Columns:\n"
     "T_K,J_meV,theta_deg,delta_meV (theta fastest, then J, then T).",
     opt_map, run_map},
};
#define N_SUBS (sizeof subs / sizeof subs[0])

/* Model options of every subcommand, --lambda included. */
static void add_model(cli_spec *s) {
  cli_add_params(s, sfhet_ising_params, SFHET_ISING_NPARAMS);
  cli_add(s, "lambda", CLI_QTY, SFHET_DIM_ENERGY, NULL,
          "Ising SOC λ_soc directly (sets φ0 = asin(λ/(3√3 t0)); default Table I, 77.16 meV)");
}

static int read_model(const cli_spec *s, sfhet_ising_model *m) {
  SFHET_TRY(cli_params(s, sfhet_ising_params, SFHET_ISING_NPARAMS, m->p));
  if (!cli_given(s, "lambda")) return SFHET_OK;
  if (cli_given(s, "phi0")) return cli_usage_error("--lambda and --phi0 exclude each other");
  double lam;
  SFHET_TRY(cli_qty(s, "lambda", &lam));
  return sfhet_ising_set_lambda(m, lam);
}

/* What --plot draws for subcommand name (0: the subcommand has no curve). */
static int plot_spec_of(const char *name, plot_table_spec *p) {
  memset(p, 0, sizeof *p);
  p->ny = 1;
  if (!strcmp(name, "bands")) *p = (plot_table_spec){.title = "bands along Γ-M-K-Γ", .x = 0, .y = {3, 4}, .ny = 2,
                                                     .ylabel = "ξ (meV)"};
  else if (!strcmp(name, "fermi")) *p = (plot_table_spec){.title = "Fermi surfaces", .x = 2, .y = {3}, .ny = 1,
                                                          .points = 1, .ylabel = "ky (1/a)"};
  else if (!strcmp(name, "tc")) p->title = "Tc(J)", p->x = 0, p->y[0] = 1;
  else if (!strcmp(name, "chi")) *p = (plot_table_spec){.title = "spin susceptibility / normal state", .x = 0,
                                                        .y = {1, 2}, .ny = 2, .ylabel = "χ_s / χ_n"};
  else if (!strcmp(name, "free-energy")) *p = (plot_table_spec){.title = "free energy", .x = 0, .y = {2}, .ny = 1,
                                                                .key = 1, .has_key = 1};
  else if (!strcmp(name, "jc")) p->title = "critical exchange field", p->x = 0, p->y[0] = 1;
  else return 0;
  return 1;
}

static int run_sub(const ising_sub *sub, int argc, char **argv) {
  static char name[64]; /* "ising SUB" as argv[0] and command name (shown in metadata and help) */
  snprintf(name, sizeof name, "ising %s", sub->name);
  argv[0] = name;
  cli_spec s;
  cli_spec_init(&s, name, sub->usage, sub->about);
  if (sub->options) sub->options(&s);
  plot_table_spec ps;
  int plots = plot_spec_of(sub->name, &ps), map = !strcmp(sub->name, "map");
  if (plots) cli_add_plot_options(&s, "the curves");
  if (map) cli_add_plot_options(&s, "colour maps of Δ(J, T), one per polar angle (up to 4)");
  add_model(&s);
  SFHET_TRY(cli_parse(&s, argc, argv));
  sfhet_ising_model m;
  SFHET_TRY(read_model(&s, &m));
  ising_out o;
  memset(&o, 0, sizeof o);
  int st = sub->run(&s, &m, &o);
  if (!st && plots) st = cli_plot_table(&s, &ps, o.names, o.col, o.nrow);
  if (!st && map) {
    const char *const nm[4] = {"T_K", "J_meV", "theta_deg", "delta_meV"};
    st = cli_plot_grid_panels(&s, (const double *const *)o.col, o.nrow, nm, "Δ(J, T) at θ = %g°");
  }
  if (!st) st = write_out(&s, &o);
  for (int k = 0; k < OUT_BUFS; k++) free(o.own[k]);
  return st;
}

static void list_subs(char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < N_SUBS && used < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", subs[i].name);
}

static int run_ising(int argc, char **argv) {
  char names[128];
  list_subs(names, sizeof names);
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    printf("usage: sfhet ising SUBCOMMAND [options]\n\nIsing-superconductor lattice model of monolayer "
           "NbSe2 (seed 003).\nSubcommands: %s.\n`sfhet ising SUBCOMMAND --help` lists the options; "
           "docs/ising.md has the equations.\n",
           names);
    return argc < 2 ? cli_usage_error("ising: missing subcommand (one of: %s)", names) : SFHET_OK;
  }
  for (size_t i = 0; i < N_SUBS; i++)
    if (!strcmp(argv[1], subs[i].name)) {
      int st = run_sub(&subs[i], argc - 1, argv + 1);
      return st == CLI_HELP ? SFHET_OK : st;
    }
  return cli_usage_error("ising: unknown subcommand '%s' (one of: %s)", argv[1], names);
}

const cli_command cli_cmd_ising = {"ising", "Ising-superconductor lattice model of NbSe2 (seed 003)",
                                   run_ising};
