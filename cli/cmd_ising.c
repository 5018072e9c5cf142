/* sfhet ising SUBCOMMAND: the Ising-superconductor lattice model of monolayer NbSe2 (seed 003). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"

static const char *const subs = "lambda, bands, fermi, gap, tc, chi, free-energy, jc";

static void spec(cli_spec *s, const char *cmd, const char *usage, const char *about) {
  cli_spec_init(s, cmd, usage, about);
  cli_add_params(s, sfhet_ising_params, SFHET_ISING_NPARAMS);
}

/* Parses the spec and reads the model; returns CLI_HELP after --help. */
static int parse_model(cli_spec *s, int argc, char **argv, sfhet_ising_model *m) {
  SFHET_TRY(cli_parse(s, argc, argv));
  return cli_params(s, sfhet_ising_params, SFHET_ISING_NPARAMS, m->p);
}

static int run_lambda(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising lambda", "ising lambda [--t0 T0] [--phi0 PHI0] [--json]",
       "Ising spin-orbit strength λ_soc = 3√3 t0 sin φ0 (seed 003 eq. A4), meV.");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(&s, &out));
  double l = sfhet_ising_lambda_soc(&m);
  if (s.json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_number(&j, "lambda_soc_meV", l);
    sfhet_json_end(&j);
  } else fprintf(out.fp, "lambda_soc = %.6g meV\n", l);
  return sfhet_outfile_commit(&out);
}

static int run_bands(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising bands", "ising bands [--k GMKG:N] [model options]",
       "Band energies ξ↑, ξ↓ (eqs. A1–A2, sixth-neighbour slip corrected) along Γ–M–K–Γ,\n"
       "N points evenly spaced in path length; k in units of 1/a. Columns:\n"
       "k_index,kx,ky,xi_up_meV,xi_down_meV.");
  cli_add(&s, "k", CLI_STR, SFHET_DIM_NONE, "GMKG:301", "path GMKG with N points (GMKG:N)");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  const char *k = cli_str(&s, "k");
  long n = 301;
  if (strncmp(k, "GMKG", 4) || (k[4] && (k[4] != ':' || (n = strtol(k + 5, NULL, 10)) < 4)))
    return cli_usage_error("--k: expected GMKG or GMKG:N with N >= 4, got '%s'", k);
  if (n > 1000000) return cli_usage_error("--k: at most 1000000 points, got %ld", n);
  double *buf = malloc(5 * (size_t)n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *idx = buf, *kx = buf + n, *ky = buf + 2 * n, *up = buf + 3 * n, *dn = buf + 4 * n;
  for (long i = 0; i < n; i++) idx[i] = (double)i;
  int st = sfhet_ising_bands(&m, (size_t)n, kx, ky, up, dn);
  if (!st) {
    const char *names[] = {"k_index", "kx", "ky", "xi_up_meV", "xi_down_meV"};
    const double *cols[] = {idx, kx, ky, up, dn};
    st = cli_write_table(&s, names, 5, cols, (size_t)n);
  }
  free(buf);
  return st;
}

static int fermi_json(const cli_spec *s, const sfhet_ising_model *m) {
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double N0;
  int st = sfhet_ising_dos0(m, &N0, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  sfhet_json j;
  sfhet_json_begin(&j, out.fp, 2);
  sfhet_json_number(&j, "N0_per_meV_per_spin", N0);
  sfhet_json_number(&j, "chi_P_per_meV", 2 * N0);
  sfhet_json_number(&j, "lambda_soc_meV", sfhet_ising_lambda_soc(m));
  sfhet_json_end(&j);
  return sfhet_outfile_commit(&out);
}

static int run_fermi(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising fermi", "ising fermi [--n N] [--json] [model options]",
       "Fermi surfaces xi_sigma(k) = 0 around Γ, K and K' (first crossing along n rays from each\n"
       "centre), columns pocket,spin,kx,ky (pocket 0 Γ, 1 K, 2 K'; spin 0 up, 1 down; k in 1/a;\n"
       "rays without a crossing are omitted). --json: N(0) per spin per cell (BZ cubature, smeared\n"
       "over Δ0/π) and χ_P = 2N(0).");
  cli_add(&s, "n", CLI_INT, SFHET_DIM_NONE, "180", "rays per pocket");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  if (s.json) return fermi_json(&s, &m);
  long n;
  SFHET_TRY(cli_int(&s, "n", &n));
  if (n < 4 || n > 100000) return cli_usage_error("--n: must be 4..100000, got %ld", n);
  size_t N = (size_t)n, rows = 0;
  double *buf = malloc(4 * 6 * N * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *P = buf, *S = buf + 6 * N, *X = buf + 12 * N, *Y = buf + 18 * N;
  double *tx = malloc(2 * N * sizeof *tx);
  int st = tx ? SFHET_OK : SFHET_ENOMEM;
  for (int p = 0; !st && p < 3; p++)
    for (int sp = 0; !st && sp < 2; sp++) {
      st = sfhet_ising_fermi_surface(&m, p, sp, N, tx, tx + N);
      for (size_t i = 0; !st && i < N; i++)
        if (isfinite(tx[i])) P[rows] = p, S[rows] = sp, X[rows] = tx[i], Y[rows] = tx[N + i], rows++;
    }
  if (!st) {
    const char *names[] = {"pocket", "spin", "kx", "ky"};
    const double *cols[] = {P, S, X, Y};
    st = cli_write_table(&s, names, 4, cols, rows);
  }
  free(tx);
  free(buf);
  return st;
}

static void add_field(cli_spec *s) {
  cli_add(s, "J", CLI_QTY, SFHET_DIM_ENERGY, "0", "exchange field J (eq. 3), meV");
  cli_add(s, "theta", CLI_QTY, SFHET_DIM_ANGLE, "0", "polar angle of J from the c axis");
  cli_add(s, "phi", CLI_QTY, SFHET_DIM_ANGLE, "0", "azimuth of J (the spectrum does not depend on it)");
}

static const char *kind_name(int k) {
  return k == SFHET_ISING_STABLE ? "stable" : k == SFHET_ISING_METASTABLE ? "metastable" : "unstable";
}

static void write_gap(FILE *fp, const cli_spec *s, const sfhet_ising_gap_result *r) {
  const sfhet_ising_solution *b = &r->sol[0];
  if (!s->json) {
    fprintf(fp, "delta = %.8g +- %.2g meV, f_sn = %.8g +- %.2g meV/cell, Tc0 = %.8g K\n", b->delta,
            b->delta_err, b->f_sn, b->f_err, r->Tc0);
    for (size_t i = 1; i < r->n; i++)
      fprintf(fp, "%s: delta = %.8g meV, f_sn = %.8g meV/cell\n", kind_name(r->sol[i].kind),
              r->sol[i].delta, r->sol[i].f_sn);
    return;
  }
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_number(&j, "delta_meV", b->delta);
  sfhet_json_number(&j, "delta_err_meV", b->delta_err);
  sfhet_json_number(&j, "f_sn_meV", b->f_sn);
  sfhet_json_number(&j, "f_sn_err_meV", b->f_err);
  sfhet_json_number(&j, "Tc0_K", r->Tc0);
  sfhet_json_number(&j, "g_meV", r->g);
  sfhet_json_number(&j, "N0_per_meV", r->N0);
  sfhet_json_int(&j, "k_points", (long long)r->nodes);
  sfhet_json_array_begin(&j, "solutions");
  for (size_t i = 0; i < r->n; i++) {
    sfhet_json_object_begin(&j, NULL);
    sfhet_json_number(&j, "delta_meV", r->sol[i].delta);
    sfhet_json_number(&j, "delta_err_meV", r->sol[i].delta_err);
    sfhet_json_number(&j, "f_sn_meV", r->sol[i].f_sn);
    sfhet_json_number(&j, "f_sn_err_meV", r->sol[i].f_err);
    sfhet_json_string(&j, "kind", kind_name(r->sol[i].kind));
    sfhet_json_object_end(&j);
  }
  sfhet_json_array_end(&j);
  sfhet_json_end(&j);
}

static int run_gap(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising gap", "ising gap --T T [--J J --theta TH --phi PH] [--delta0 D0] [--json]",
       "Self-consistent Δ (seed 003 App. B) at temperature T and exchange field J(θ, φ), with g\n"
       "fixed by Δ(T = 0, J = 0) = --delta0. All stationary points of f(Δ) are found; the lowest\n"
       "free energy is reported first, metastable (local minima) and unstable ones after it.\n"
       "f_sn = f_s(J) − f_n(J = 0) per unit cell (eq. 6 conventions in docs/ising.md).");
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  add_field(&s);
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  double T;
  sfhet_ising_field f;
  SFHET_TRY(cli_qty(&s, "T", &T));
  SFHET_TRY(cli_qty(&s, "J", &f.J));
  SFHET_TRY(cli_qty(&s, "theta", &f.theta));
  SFHET_TRY(cli_qty(&s, "phi", &f.phi));
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_ising_gap_result r;
  int st = sfhet_ising_gap(&m, T, f, &r, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(&s, &out));
  write_gap(out.fp, &s, &r);
  return sfhet_outfile_commit(&out);
}

static int run_tc(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising tc", "ising tc --J RANGE --theta TH [model options]",
       "Critical temperature from the linearised gap equation (highest root below 1.02 Tc0; 0 when\n"
       "none above 0.04 Tc0). For J ∥ c below T ≈ 0.56 Tc0 the true transition is first order: see\n"
       "`ising jc`. Columns: J_meV,Tc_K.");
  cli_add(&s, "J", CLI_RANGE, SFHET_DIM_ENERGY, "0:0.4:9", "exchange fields");
  cli_add(&s, "theta", CLI_QTY, SFHET_DIM_ANGLE, "0", "polar angle of J from the c axis");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  double th;
  sfhet_range J = {0, NULL};
  SFHET_TRY(cli_qty(&s, "theta", &th));
  SFHET_TRY(cli_range(&s, "J", &J));
  double *Tc = calloc(J.n, sizeof *Tc);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  int st = (!Tc || !ws) ? SFHET_ENOMEM : SFHET_OK;
  if (st) SFHET_REPORT(st, "out of memory");
  sfhet_progress pr = cli_progress(&s, "ising tc");
  if (!st) st = sfhet_ising_tc_curve(&m, th, J.v, J.n, Tc, s.threads, &pr, ws);
  if (!st) {
    const char *names[] = {"J_meV", "Tc_K"};
    const double *cols[] = {J.v, Tc};
    st = cli_write_table(&s, names, 2, cols, J.n);
  }
  sfhet_ising_ws_free(ws);
  free(Tc);
  sfhet_range_free(&J);
  return st;
}

static int run_chi(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising chi", "ising chi --T RANGE [model options]",
       "Spin susceptibility −∂²f/∂J² (seed 003 eq. C6) of the superconducting state (Δ(T) at J = 0)\n"
       "for in-plane (chi_par) and out-of-plane (chi_perp) J, each divided by the normal-state value\n"
       "of the same direction at the same T. Columns: T_K,chi_par,chi_perp.");
  cli_add(&s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, "0.3:3:10", "temperatures (> 0)");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  sfhet_range T = {0, NULL};
  SFHET_TRY(cli_range(&s, "T", &T));
  for (size_t i = 0; i < T.n; i++)
    if (!(T.v[i] > 0)) {
      double bad = T.v[i];
      sfhet_range_free(&T);
      return cli_usage_error("--T: temperatures must be > 0 K, got %g", bad);
    }
  double *buf = calloc(2 * T.n, sizeof *buf);
  if (!buf) {
    sfhet_range_free(&T);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  sfhet_progress pr = cli_progress(&s, "ising chi");
  int st = sfhet_ising_chi_curve(&m, T.v, T.n, buf, buf + T.n, s.threads, &pr);
  if (!st) {
    const char *names[] = {"T_K", "chi_par", "chi_perp"};
    const double *cols[] = {T.v, buf, buf + T.n};
    st = cli_write_table(&s, names, 3, cols, T.n);
  }
  free(buf);
  sfhet_range_free(&T);
  return st;
}

static int fe_write(const cli_spec *s, const sfhet_range *th, const sfhet_range *ph, const double *f) {
  size_t n = th->n * ph->n;
  double *buf = malloc(2 * n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < th->n; i++)
    for (size_t j = 0; j < ph->n; j++) buf[i * ph->n + j] = th->v[i], buf[n + i * ph->n + j] = ph->v[j];
  const char *names[] = {"theta_deg", "phi_deg", "f_sn_meV"};
  const double *cols[] = {buf, buf + n, f};
  int st = cli_write_table(s, names, 3, cols, n);
  free(buf);
  return st;
}

static int run_fe(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising free-energy", "ising free-energy --T T --J J --theta RANGE [--phi RANGE]",
       "Free energy f_sn = f_s(J) − f_n(J = 0) per unit cell (eq. 6) of the lowest self-consistent\n"
       "state for J at angles (θ, φ). Columns: theta_deg,phi_deg,f_sn_meV.");
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  cli_add(&s, "J", CLI_QTY, SFHET_DIM_ENERGY, NULL, "exchange field J, meV");
  cli_add(&s, "theta", CLI_RANGE, SFHET_DIM_ANGLE, "0:90:10", "polar angles");
  cli_add(&s, "phi", CLI_RANGE, SFHET_DIM_ANGLE, "0", "azimuths");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  double T, J;
  SFHET_TRY(cli_qty(&s, "T", &T));
  SFHET_TRY(cli_qty(&s, "J", &J));
  sfhet_range th = {0, NULL}, ph = {0, NULL};
  int st = cli_range(&s, "theta", &th);
  if (!st) st = cli_range(&s, "phi", &ph);
  double *f = st ? NULL : malloc(th.n * ph.n * sizeof *f);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!st && (!f || !ws)) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  sfhet_progress pr = cli_progress(&s, "ising free-energy");
  if (!st) st = sfhet_ising_fsn_map(&m, T, J, th.v, th.n, ph.v, ph.n, f, NULL, s.threads, &pr, ws);
  if (!st) st = fe_write(&s, &th, &ph, f);
  sfhet_ising_ws_free(ws);
  free(f);
  sfhet_range_free(&th);
  sfhet_range_free(&ph);
  return st;
}

static int run_jc(int argc, char **argv) {
  cli_spec s;
  sfhet_ising_model m;
  spec(&s, "ising jc", "ising jc --T T --theta RANGE [model options]",
       "Critical exchange field J_c(θ, T): the J where the lowest self-consistent state turns normal\n"
       "(f_sn = f_P, eq. 8, with the full normal-state free energy); first_order = 1 where Δ jumps.\n"
       "Columns: theta_deg,Jc_meV,first_order.");
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature");
  cli_add(&s, "theta", CLI_RANGE, SFHET_DIM_ANGLE, "0", "polar angles");
  SFHET_TRY(parse_model(&s, argc, argv, &m));
  double T;
  SFHET_TRY(cli_qty(&s, "T", &T));
  sfhet_range th = {0, NULL};
  SFHET_TRY(cli_range(&s, "theta", &th));
  double *buf = calloc(2 * th.n, sizeof *buf);
  int st = buf ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  sfhet_progress pr = cli_progress(&s, "ising jc");
  if (!st) st = sfhet_ising_jc_curve(&m, T, th.v, th.n, buf, buf + th.n, s.threads, &pr);
  if (!st) {
    const char *names[] = {"theta_deg", "Jc_meV", "first_order"};
    const double *cols[] = {th.v, buf, buf + th.n};
    st = cli_write_table(&s, names, 3, cols, th.n);
  }
  free(buf);
  sfhet_range_free(&th);
  return st;
}

static const struct {
  const char *name;
  int (*run)(int, char **);
} table[] = {{"lambda", run_lambda}, {"bands", run_bands}, {"fermi", run_fermi}, {"gap", run_gap},     {"tc", run_tc},
             {"chi", run_chi},       {"free-energy", run_fe}, {"jc", run_jc}};

static int run_ising(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    printf("usage: sfhet ising SUBCOMMAND [options]\n\nIsing-superconductor lattice model of monolayer "
           "NbSe2 (seed 003).\nSubcommands: %s.\n`sfhet ising SUBCOMMAND --help` lists the options; "
           "docs/ising.md has the equations.\n",
           subs);
    return argc < 2 ? cli_usage_error("ising: missing subcommand (one of: %s)", subs) : SFHET_OK;
  }
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (!strcmp(argv[1], table[i].name)) {
      static char name[64]; /* "ising SUB" as argv[0] of the subcommand (shown in metadata) */
      snprintf(name, sizeof name, "ising %s", table[i].name);
      argv[1] = name;
      int st = table[i].run(argc - 1, argv + 1);
      return st == CLI_HELP ? SFHET_OK : st;
    }
  return cli_usage_error("ising: unknown subcommand '%s' (one of: %s)", argv[1], subs);
}

const cli_command cli_cmd_ising = {"ising", "Ising-superconductor lattice model of NbSe2 (seed 003)",
                                   run_ising};
