/* sfhet isingqc SUBCOMMAND: thermodynamics, SIS peaks and the defect-moment flop of the quasiclassical
 * Ising superconductor with exchange field and defect scattering (seed 002, docs/isingqc.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/thermo.h"

static const char *const subs = "gap, tc, bc, peaks, map, flop";

#define CONVENTION                                                                                     \
  "b is the exchange energy (spin splitting 2b), b = muB*B: B_T = b_meV/0.05788 (seed 002's\n"          \
  "lambda_ex = 2b; its '0.04 meV ~ 0.7 T' counts lambda_ex/muB, see docs/isingqc.md)."

/* Model options of the thermodynamic commands: gamma .. eta_z (b, phi and theta as ranges where asked),
 * soc. */
static void model_options(cli_spec *s, int b_range, int phi_range, int theta_range) {
  cli_add(s, "Tc0", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "critical temperature of the clean model (required)");
  s->opt[s->n - 1].param = sfhet_thermo_param("Tc0");
  for (size_t k = SFHET_ISINGQC_GAMMA; k < SFHET_ISINGQC_SOC; k++) {
    int range = (k == SFHET_ISINGQC_B && b_range) || (k == SFHET_ISINGQC_PHI && phi_range) ||
                (k == SFHET_ISINGQC_THETA && theta_range);
    if (range) cli_add_param_range(s, &sfhet_isingqc_params[k]);
    else cli_add_params(s, &sfhet_isingqc_params[k], 1);
  }
  cli_add(s, "soc", CLI_STR, SFHET_DIM_NONE, "valley", "spin-orbit sectors: valley (beta = +-dso) or gamma "
          "(Gamma pocket, beta = dso cos 3phi)");
}

/* Reads the model vector (delta = 0, axis = 0) and Tc0. */
static int read_model(const cli_spec *s, double *p, double *Tc0) {
  sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, p);
  SFHET_TRY(cli_qty(s, "Tc0", Tc0));
  for (size_t k = SFHET_ISINGQC_GAMMA; k < SFHET_ISINGQC_SOC; k++) {
    const char *name = sfhet_isingqc_params[k].name;
    const cli_opt *o = NULL;
    for (size_t i = 0; i < s->n; i++)
      if (!strcmp(s->opt[i].name, name)) o = &s->opt[i];
    if (o && o->kind == CLI_QTY) SFHET_TRY(cli_params(s, &sfhet_isingqc_params[k], 1, &p[k]));
  }
  const char *soc = cli_str(s, "soc");
  if (!strcmp(soc, "valley")) p[SFHET_ISINGQC_SOC] = 0;
  else if (!strcmp(soc, "gamma")) p[SFHET_ISINGQC_SOC] = 1;
  else return cli_usage_error("--soc: '%s' is not valley or gamma", soc);
  p[SFHET_ISINGQC_DELTA] = 0.0;
  return sfhet_isingqc_check(p);
}

static const char *kind_name(int k) {
  return k == SFHET_ISINGQC_STABLE ? "stable" : k == SFHET_ISINGQC_METASTABLE ? "metastable" : "unstable";
}

static void write_gap(FILE *fp, const cli_spec *s, const sfhet_isingqc_gap_result *r, double Tc0, double T) {
  if (!s->json) {
    fprintf(fp, "delta = %.10g meV (%s), f_sn = %.6g N(0) meV^2\n", r->sol[0].delta, kind_name(r->sol[0].kind),
            r->sol[0].f_sn);
    for (size_t i = 1; i < r->n; i++)
      fprintf(fp, "%s: delta = %.10g meV, f_sn = %.6g N(0) meV^2\n", kind_name(r->sol[i].kind), r->sol[i].delta,
              r->sol[i].f_sn);
    return;
  }
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_number(&j, "delta_meV", r->sol[0].delta);
  sfhet_json_number(&j, "f_sn_N0_meV2", r->sol[0].f_sn);
  sfhet_json_number(&j, "Tc0_K", Tc0);
  sfhet_json_number(&j, "T_K", T);
  sfhet_json_array_begin(&j, "solutions");
  for (size_t i = 0; i < r->n; i++) {
    sfhet_json_object_begin(&j, NULL);
    sfhet_json_number(&j, "delta_meV", r->sol[i].delta);
    sfhet_json_number(&j, "f_sn_N0_meV2", r->sol[i].f_sn);
    sfhet_json_string(&j, "kind", kind_name(r->sol[i].kind));
    sfhet_json_object_end(&j);
  }
  sfhet_json_array_end(&j);
  sfhet_json_end(&j);
}

/* Δ(T) of the lowest free energy on 40 temperatures up to Tc0, the point (T, delta) marked. */
static int plot_gap_T(const cli_spec *s, const double *p, double Tc0, double T, double delta, sfhet_isingqc_ws *ws) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  enum { M = 16 };
  double c[2 * M];
  for (size_t i = 0; i < M; i++) {
    sfhet_isingqc_gap_result r;
    c[i] = Tc0 * (0.02 + 0.98 * (double)i / (M - 1));
    SFHET_TRY(sfhet_isingqc_gap(p, Tc0, c[i], &r, ws));
    c[M + i] = r.n ? r.sol[0].delta : 0.0;
  }
  static char tt[64];
  snprintf(tt, sizeof tt, "T = %.4g K: Δ = %.4g meV", T, delta);
  plot_panel pp;
  memset(&pp, 0, sizeof pp);
  pp.title = "self-consistent gap", pp.xlabel = "T_K", pp.ylabel = "delta_meV", pp.weight = 1;
  plot_add(&pp, "Δ(T)", c, c + M, NULL, M, PLOT_LINESPOINTS);
  plot_add(&pp, tt, &T, &delta, NULL, 1, PLOT_POINTS);
  return plot_write_opts(path, &pp, 1, "--plot", &po);
}

static int run_gap(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "isingqc gap", "isingqc gap --Tc0 TC0 --T T [--b B --theta TH --phi PH ...] [--json]",
                "Self-consistent gap: the roots of ln(T/Tc0) + 2piT sum_n [1/w_n - f(w_n)/delta] = 0 with\n"
                "f = -1/4 Tr[tau2 <g(i w_n)>] and the Born self-energy solved at every Matsubara frequency.\n"
                "All roots in (0, 1.2 Delta_BCS(0)] are reported; the lowest free energy first, then\n"
                "metastable (local minima) and unstable ones; f_sn = F_s - F_n per N(0) in meV^2.\n"
                "Gamma enters as w_n + Gamma (pair breaking).\n" CONVENTION);
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature (required)");
  s.opt[s.n - 1].param = sfhet_thermo_param("Tc0");
  model_options(&s, 0, 0, 0);
  cli_add_plot_options(&s, "Δ(T) of the lowest free energy from 0.02 Tc0 to Tc0 (16 points), --T marked,");
  SFHET_TRY(cli_parse(&s, argc, argv));
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T;
  SFHET_TRY(read_model(&s, p, &Tc0));
  SFHET_TRY(cli_qty(&s, "T", &T));
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_isingqc_gap_result r;
  int st = sfhet_isingqc_gap(p, Tc0, T, &r, ws);
  if (!st) st = plot_gap_T(&s, p, Tc0, T, r.sol[0].delta, ws);
  sfhet_isingqc_ws_free(ws);
  if (st) return st;
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(&s, &out));
  write_gap(out.fp, &s, &r, Tc0, T);
  return sfhet_outfile_commit(&out);
}

/* tc and bc: one curve over a range (b or phi) with the energy of column 0 or 1 also in tesla. */
typedef struct {
  const char *cmd, *usage, *about, *range; /* range: the option swept */
  const char *names[3];
  int bc; /* 0: Tc over b (tesla from column 0); 1: bc over phi at --T (tesla from column 1) */
} curve_cmd;

static const curve_cmd curve_tc = {
    "isingqc tc", "isingqc tc --Tc0 TC0 --b RANGE --theta TH [model options]",
    "Critical temperature of the second-order line (the linearised gap equation, delta -> 0),\n"
    "highest root below Tc0 scanned in steps of Tc0/40 (0 when none above 0.01 Tc0). For b || c\n"
    "below T ~ 0.56 Tc0 the true transition is first order (isingqc gap lists both states).\n"
    "Columns: b_meV,Tc_K,B_T.\n" CONVENTION,
    "b", {"b_meV", "Tc_K", "B_T"}, 0};

static const curve_cmd curve_bc = {
    "isingqc bc", "isingqc bc --Tc0 TC0 --T T --phi RANGE [--theta 90] [model options]",
    "Critical exchange energy bc versus the field azimuth phi (seed 002 Fig. 3b; defect spins\n"
    "along x, y or z through --eta_x/--eta_y/--eta_z): the smallest b where the linearised gap\n"
    "equation has a root at T (second-order line). Columns: phi_deg,bc_meV,Bc_T.\n" CONVENTION,
    "phi", {"phi_deg", "bc_meV", "Bc_T"}, 1};

static int run_curve(int argc, char **argv, const curve_cmd *c) {
  cli_spec s;
  cli_spec_init(&s, c->cmd, c->usage, c->about);
  if (c->bc) {
    cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature (required)");
    s.opt[s.n - 1].param = sfhet_thermo_param("Tc0");
  }
  model_options(&s, !c->bc, c->bc, 0);
  cli_add_plot_options(&s, "the curve");
  SFHET_TRY(cli_parse(&s, argc, argv));
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T = 0.0;
  SFHET_TRY(read_model(&s, p, &Tc0));
  if (c->bc) SFHET_TRY(cli_qty(&s, "T", &T));
  sfhet_range x = {0, NULL};
  SFHET_TRY(cli_range(&s, c->range, &x));
  double *buf = calloc(2 * x.n, sizeof *buf);
  int st = buf ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  sfhet_progress pr = cli_progress(&s, c->cmd);
  if (!st)
    st = c->bc ? sfhet_isingqc_bc_curve(p, Tc0, T, x.v, x.n, buf, s.threads, &pr)
               : sfhet_isingqc_tc_curve(p, Tc0, x.v, x.n, buf, s.threads, &pr);
  if (!st) {
    const double *energy = c->bc ? buf : x.v;
    for (size_t i = 0; i < x.n; i++) buf[x.n + i] = energy[i] / SFHET_MU_B_MEV;
    const double *cols[] = {x.v, buf, buf + x.n};
    plot_table_spec ps = {.title = c->bc ? "critical exchange energy" : "critical temperature", .x = 0, .y = {1}, .ny = 1};
    st = cli_plot_table(&s, &ps, c->names, cols, x.n);
    if (!st) st = cli_write_table(&s, c->names, 3, cols, x.n);
  }
  free(buf);
  sfhet_range_free(&x);
  return st;
}

static int run_tc(int argc, char **argv) { return run_curve(argc, argv, &curve_tc); }

static int run_bc(int argc, char **argv) { return run_curve(argc, argv, &curve_bc); }

static int run_peaks(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "isingqc peaks", "isingqc peaks --Tc0 TC0 --T T --b RANGE --theta TH --gamma G [...]",
                "SIS coherence peak of two identical electrodes with the self-consistent gap delta(T, b)\n"
                "(seed 002 Fig. 2c): peak = position of the maximum of dI/dV above V = delta, fwhm = width\n"
                "between the biases where G = 1 + (G_peak - 1)/2 (half the height above the normal level).\n"
                "Needs --gamma > 0. Columns: b_meV,delta_meV,peak_mV,fwhm_mV.\n" CONVENTION);
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature (required)");
  s.opt[s.n - 1].param = sfhet_thermo_param("Tc0");
  model_options(&s, 1, 0, 0);
  cli_add_plot_options(&s, "peak position and width against b");
  SFHET_TRY(cli_parse(&s, argc, argv));
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T;
  SFHET_TRY(read_model(&s, p, &Tc0));
  SFHET_TRY(cli_qty(&s, "T", &T));
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0))
    return cli_usage_error("--gamma: peaks needs a Dynes broadening > 0 (sharp BCS edges make the SIS peak a "
                           "delta function), e.g. --gamma 0.02meV");
  sfhet_range b = {0, NULL};
  SFHET_TRY(cli_range(&s, "b", &b));
  sfhet_isingqc_peak_result *pk = calloc(b.n, sizeof *pk);
  double *buf = calloc(3 * b.n, sizeof *buf);
  int st = pk && buf ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  sfhet_progress pr = cli_progress(&s, "isingqc peaks");
  if (!st) st = sfhet_isingqc_peaks_curve(p, Tc0, T, b.v, b.n, pk, s.threads, &pr);
  if (!st) {
    for (size_t i = 0; i < b.n; i++) buf[i] = pk[i].delta, buf[b.n + i] = pk[i].peak, buf[2 * b.n + i] = pk[i].fwhm;
    const char *names[] = {"b_meV", "delta_meV", "peak_mV", "fwhm_mV"};
    const double *cols[] = {b.v, buf, buf + b.n, buf + 2 * b.n};
    plot_table_spec ps = {.title = "SIS coherence peak", .x = 0, .y = {2, 3}, .ny = 2, .ylabel = "bias (mV)"};
    st = cli_plot_table(&s, &ps, names, cols, b.n);
    if (!st) st = cli_write_table(&s, names, 4, cols, b.n);
  }
  free(pk);
  free(buf);
  sfhet_range_free(&b);
  return st;
}

/* The grid T (outer) x b x theta (inner) of a map into the first three columns of g (n rows). */
static void map_grid(const sfhet_range *T, const sfhet_range *b, const sfhet_range *th, double *g, size_t n) {
  for (size_t i = 0; i < n; i++)
    g[i] = T->v[i / (b->n * th->n)], g[n + i] = b->v[(i / th->n) % b->n], g[2 * n + i] = th->v[i % th->n];
}

static int map_compute(const cli_spec *s, const double *p, double Tc0, const sfhet_range *r) {
  size_t n = r[0].n * r[1].n * r[2].n;
  if (n > 1000000) return cli_usage_error("--T, --b, --theta: at most 10^6 grid points, got %zu", n);
  double *g = malloc(5 * n * sizeof *g);
  if (!g) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  map_grid(&r[0], &r[1], &r[2], g, n);
  sfhet_progress pr = cli_progress(s, "isingqc map");
  int st = sfhet_isingqc_gap_map(p, Tc0, r[0].v, r[0].n, r[1].v, r[1].n, r[2].v, r[2].n, g + 3 * n, s->threads, &pr);
  for (size_t i = 0; !st && i < n; i++) g[4 * n + i] = g[n + i] / SFHET_MU_B_MEV;
  const char *names[] = {"T_K", "b_meV", "theta_deg", "delta_meV", "B_T"};
  const double *cols[] = {g, g + n, g + 2 * n, g + 3 * n, g + 4 * n};
  if (!st) st = cli_plot_grid_panels(s, cols, n, names, "Δ(b, T) at θ = %g°");
  if (!st) st = cli_write_table(s, names, 5, cols, n);
  free(g);
  return st;
}

static int run_map(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "isingqc map", "isingqc map --Tc0 TC0 --T RANGE --b RANGE --theta RANGE [model options]",
                "Phase diagram: the self-consistent gap of the lowest free energy (as isingqc gap) at every\n"
                "point of the grid T x b x theta, rows in that order (theta fastest; 0 in the normal state).\n"
                "Each point is its own solve, spread over threads and, under mpirun, over MPI ranks\n"
                "(docs/scaling.md). Columns: T_K,b_meV,theta_deg,delta_meV,B_T.\n" CONVENTION);
  cli_add(&s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, NULL, "temperatures (required)");
  model_options(&s, 1, 0, 1);
  cli_add_plot_options(&s, "colour maps of Δ(b, T), one per polar angle (up to 4)");
  SFHET_TRY(cli_parse(&s, argc, argv));
  double p[SFHET_ISINGQC_NPARAMS], Tc0;
  SFHET_TRY(read_model(&s, p, &Tc0));
  sfhet_range r[3] = {{0, NULL}, {0, NULL}, {0, NULL}};
  int st = cli_range(&s, "T", &r[0]);
  if (!st) st = cli_range(&s, "b", &r[1]);
  if (!st) st = cli_range(&s, "theta", &r[2]);
  for (size_t i = 0; !st && i < r[0].n; i++)
    if (!(r[0].v[i] > 0)) st = cli_usage_error("--T: temperatures must be > 0 K, got %g", r[0].v[i]);
  if (!st) st = map_compute(&s, p, Tc0, r);
  for (int k = 0; k < 3; k++) sfhet_range_free(&r[k]);
  return st;
}

static int flop_json(const cli_spec *s, const sfhet_isingqc_flop *f, const sfhet_range *B) {
  double Th, Tf, Tu, ep = 0.0, T = 0.0;
  SFHET_TRY(sfhet_isingqc_flop_temps(f, B->v, B->n, &Th, &Tf, &Tu));
  if (cli_given(s, "T")) {
    SFHET_TRY(cli_qty(s, "T", &T));
    SFHET_TRY(sfhet_isingqc_flop_ep(f, T, &ep));
  }
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  sfhet_json j;
  sfhet_json_begin(&j, out.fp, 2);
  sfhet_json_number(&j, "T_hyst_K", Th);
  sfhet_json_number(&j, "T_flop_K", Tf);
  sfhet_json_number(&j, "T_unitary_K", Tu);
  if (cli_given(s, "T")) {
    sfhet_json_number(&j, "T_K", T);
    sfhet_json_number(&j, "Ep_meV", ep);
  }
  sfhet_json_end(&j);
  return sfhet_outfile_commit(&out);
}

static int flop_table(const cli_spec *s, const sfhet_isingqc_flop *f, const sfhet_range *B) {
  double T;
  SFHET_TRY(cli_qty(s, "T", &T));
  size_t n = B->n;
  double *buf = malloc(12 * n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *tu = buf, *gu = buf + n, *td = buf + 2 * n, *gd = buf + 3 * n;
  double *cB = buf + 4 * n, *cd = buf + 6 * n, *ct = buf + 8 * n, *cg = buf + 10 * n; /* 2n rows each */
  int st = sfhet_isingqc_flop_loop(f, T, B->v, n, tu, gu, td, gd);
  if (!st) {
    for (size_t i = 0; i < n; i++) { /* up sweep in field order, then the down sweep in its order */
      size_t k = n - 1 - i;
      cB[i] = B->v[i], cd[i] = 1, ct[i] = tu[i], cg[i] = gu[i];
      cB[n + i] = B->v[k], cd[n + i] = -1, ct[n + i] = td[k], cg[n + i] = gd[k];
    }
    const char *names[] = {"B_T", "direction", "theta_deg", "gamma_eff_meV"};
    const double *cols[] = {cB, cd, ct, cg};
    plot_table_spec ps = {.title = "defect-moment flop", .x = 0, .y = {3}, .ny = 1, .key = 1, .has_key = 1};
    st = cli_plot_table(s, &ps, names, cols, 2 * n);
    if (!st) st = cli_write_table(s, names, 4, cols, 2 * n);
  }
  free(buf);
  return st;
}

static int run_flop(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "isingqc flop", "isingqc flop --Tc0 TC0 (--T T [--B RANGE] | --json) [flop options]",
                "Defect-moment flop (seed 002): a defect moment (angle theta from c, in the plane of c and\n"
                "the in-plane field B) with E = -Kd cos^2 - mud muB B sin + E_pair(cos^2), where the c\n"
                "component breaks the pairs of its puddle, E_pair(c) = Jd c - Jd^2 c^2/4Ep (Ep once\n"
                "Jd c >= 2Ep), and the puddle's pairing energy Ep(T) = 1/2 N0 delta(T)^2 pi (Rd^2 - xi(T)^2)\n"
                "appears once xi(T) = xi0/sqrt(1 - T/Tc0) < Rd (unitary scattering). Without --json: the\n"
                "field sweeps up (direction 1) and down (-1) tracking the local minimum, columns\n"
                "B_T,direction,theta_deg,gamma_eff_meV with gamma_eff = gamma0 + gammad cos^2 theta.\n"
                "--json: T_hyst_K (highest T with different sweeps over --B), T_flop_K (Ep = Kd: the\n"
                "zero-field state turns in plane), T_unitary_K (xi = Rd), and Ep_meV at --T.");
  cli_add(&s, "Tc0", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "critical temperature (required)");
  s.opt[s.n - 1].param = sfhet_thermo_param("Tc0");
  cli_add(&s, "T", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "temperature of the field sweeps");
  s.opt[s.n - 1].param = sfhet_thermo_param("Tc0");
  cli_add(&s, "B", CLI_RANGE, SFHET_DIM_FIELD, "-9:9:721", "in-plane fields, increasing");
  cli_add_params(&s, sfhet_isingqc_flop_params, SFHET_ISINGQC_FLOP_NPARAMS);
  cli_add_plot_options(&s, "gamma_eff(B) of both sweep directions");
  SFHET_TRY(cli_parse(&s, argc, argv));
  sfhet_isingqc_flop f;
  SFHET_TRY(cli_qty(&s, "Tc0", &f.Tc0));
  SFHET_TRY(cli_params(&s, sfhet_isingqc_flop_params, SFHET_ISINGQC_FLOP_NPARAMS, f.p));
  sfhet_range B = {0, NULL};
  SFHET_TRY(cli_range(&s, "B", &B));
  int st;
  if (!s.json && !cli_given(&s, "T")) st = cli_usage_error("--T is required for the field sweeps (or use --json)");
  else st = s.json ? flop_json(&s, &f, &B) : flop_table(&s, &f, &B);
  sfhet_range_free(&B);
  return st;
}

static const struct {
  const char *name;
  int (*run)(int, char **);
} table[] = {{"gap", run_gap}, {"tc", run_tc}, {"bc", run_bc}, {"peaks", run_peaks}, {"map", run_map}, {"flop", run_flop}};

static int run_isingqc(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    printf("usage: sfhet isingqc SUBCOMMAND [options]\n\nQuasiclassical Ising superconductor with exchange "
           "field and defect scattering\n(seed 002). Subcommands: %s.\nThe DOS is the model 'isingqc' of "
           "sfhet dos/didv/fit/synth. `sfhet isingqc SUBCOMMAND\n--help` lists the options; docs/isingqc.md "
           "has the equations.\n",
           subs);
    return argc < 2 ? cli_usage_error("isingqc: missing subcommand (one of: %s)", subs) : SFHET_OK;
  }
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (!strcmp(argv[1], table[i].name)) {
      static char name[64]; /* "isingqc SUB" as argv[0] of the subcommand (shown in metadata) */
      snprintf(name, sizeof name, "isingqc %s", table[i].name);
      argv[1] = name;
      int st = table[i].run(argc - 1, argv + 1);
      return st == CLI_HELP ? SFHET_OK : st;
    }
  return cli_usage_error("isingqc: unknown subcommand '%s' (one of: %s)", argv[1], subs);
}

const cli_command cli_cmd_isingqc = {"isingqc", "Ising superconductor with exchange field and defects (seed 002)",
                                     run_isingqc};
