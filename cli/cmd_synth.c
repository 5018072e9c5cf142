/* sfhet synth: synthetic measured spectra (junction model, lock-in, nuisance scale and offset, noise),
 * single or as an in-plane field sweep whose gap and broadening rise and saturate (seed 000 Fig. 2f). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"

static void build_spec(cli_spec *s, const sfhet_junction *j) {
  cli_spec_init(s, "synth", "synth --junction nis|sis --delta D --gamma G --T T --V RANGE [--B RANGE ...]",
                "Synthetic tunnelling spectra for tests and demonstrations: the junction model of\n"
                "'sfhet didv' (normalised G, lock-in average with --vac), scaled and shifted like real\n"
                "data (y = gnn*G(V - V0)), plus Gaussian noise of standard deviation --noise.\n"
                "With --B RANGE: an in-plane field sweep in long format (B_T,V_mV,G) in which\n"
                "  delta(B) = delta + ddelta*f(B),  gamma(B) = gamma + dgamma*f(B),\n"
                "  f(B) = min(|B|/Bsat, 1)^2\n"
                "(in-plane magnetisation of an out-of-plane magnet squared, saturating at Bsat; the\n"
                "shape of seed 000 Fig. 2f). --truth FILE writes the true parameters per field.\n"
                "The second sis electrode follows the first. See docs/fit.md.");
  cli_add(s, "junction", CLI_STR, SFHET_DIM_NONE, "sis", "nis or sis");
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, "dynes", "DOS model of the electrodes");
  cli_add(s, "V", CLI_RANGE, SFHET_DIM_VOLTAGE, "-4:4:401", "bias voltages");
  cli_add(s, "B", CLI_RANGE, SFHET_DIM_FIELD, NULL, "in-plane fields of a sweep (long-format output)");
  cli_add(s, "Bsat", CLI_QTY, SFHET_DIM_FIELD, "0.4", "saturation field of the sweep profile");
  cli_add(s, "ddelta", CLI_QTY, SFHET_DIM_ENERGY, "0", "change of delta at saturation");
  cli_add(s, "dgamma", CLI_QTY, SFHET_DIM_ENERGY, "0", "change of gamma at saturation");
  cli_add(s, "noise", CLI_QTY, SFHET_DIM_NONE, "0", "Gaussian noise, standard deviation in units of y");
  cli_add(s, "seed", CLI_INT, SFHET_DIM_NONE, "1", "random seed of the noise");
  cli_add(s, "gnn", CLI_QTY, SFHET_DIM_NONE, "1", "conductance scale of the output");
  cli_add(s, "V0", CLI_QTY, SFHET_DIM_VOLTAGE, "0", "bias offset (y = gnn*G(V - V0))");
  cli_add(s, "truth", CLI_STR, SFHET_DIM_NONE, NULL, "write the true delta, gamma per field to this CSV");
  size_t nj = sfhet_junction_nparams(j);
  for (size_t k = 0; k < nj; k++) cli_add_params(s, sfhet_junction_param(j, k), 1);
}

typedef struct {
  sfhet_junction j;
  double gnn, V0, noise, Bsat, dd, dg, delta, gamma;
  sfhet_range V, B;
  int sweep;
} synth_job;

static int setup(cli_spec *s, synth_job *g) {
  sfhet_junction_kind kind;
  const sfhet_dos_info *d, *d2;
  SFHET_TRY(cli_junction_models(s, &kind, &d, &d2));
  sfhet_junction_init(&g->j, kind, d, NULL);
  size_t nj = sfhet_junction_nparams(&g->j);
  for (size_t k = 0; k < nj; k++) {
    const sfhet_param_info *q = sfhet_junction_param(&g->j, k);
    double v;
    SFHET_TRY(cli_qty(s, q->name, &v));
    SFHET_TRY(sfhet_junction_set(&g->j, q->name, v));
  }
  if (g->j.kind == SFHET_JUNCTION_SIS) /* the second electrode follows the first unless given */
    for (size_t k = 0; k < d->n_params; k++) {
      char n2[64];
      snprintf(n2, sizeof n2, "%s2", d->params[k].name);
      if (!cli_given(s, n2)) sfhet_junction_set(&g->j, n2, g->j.p1[k]);
    }
  SFHET_TRY(sfhet_junction_check(&g->j));
  SFHET_TRY(cli_qty(s, "gnn", &g->gnn));
  SFHET_TRY(cli_qty(s, "V0", &g->V0));
  SFHET_TRY(cli_qty(s, "noise", &g->noise));
  SFHET_TRY(cli_qty(s, "Bsat", &g->Bsat));
  SFHET_TRY(cli_qty(s, "ddelta", &g->dd));
  SFHET_TRY(cli_qty(s, "dgamma", &g->dg));
  if (g->noise < 0) return cli_usage_error("--noise: must be >= 0, got %g", g->noise);
  if (!(g->Bsat > 0)) return cli_usage_error("--Bsat: must be > 0, got %g", g->Bsat);
  sfhet_junction_get(&g->j, "delta", &g->delta);
  sfhet_junction_get(&g->j, "gamma", &g->gamma);
  SFHET_TRY(cli_range(s, "V", &g->V));
  g->sweep = cli_given(s, "B");
  if (g->sweep) return cli_range(s, "B", &g->B);
  g->B.n = 1;
  g->B.v = calloc(1, sizeof *g->B.v);
  return g->B.v ? SFHET_OK : SFHET_ENOMEM;
}

/* delta and gamma at field B (both electrodes of an sis junction alike). */
static int at_field(synth_job *g, double B, sfhet_junction *j, double *de, double *ga) {
  double f = fmin(fabs(B) / g->Bsat, 1.0);
  f *= f;
  *j = g->j;
  *de = g->delta + g->dd * f;
  *ga = g->gamma + g->dg * f;
  SFHET_TRY(sfhet_junction_set(j, "delta", *de));
  SFHET_TRY(sfhet_junction_set(j, "gamma", *ga));
  if (j->kind == SFHET_JUNCTION_SIS) {
    SFHET_TRY(sfhet_junction_set(j, "delta2", *de));
    SFHET_TRY(sfhet_junction_set(j, "gamma2", *ga));
  }
  return SFHET_OK;
}

static int generate(synth_job *g, double *cb, double *cv, double *cg, double *td, double *tg, long seed) {
  size_t nv = g->V.n;
  double *Vs = malloc(nv * sizeof *Vs);
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int st = (Vs && ws && rng) ? SFHET_OK : SFHET_ENOMEM;
  if (rng) gsl_rng_set(rng, (unsigned long)seed);
  for (size_t b = 0; b < g->B.n && !st; b++) {
    sfhet_junction j;
    st = at_field(g, g->B.v[b], &j, &td[b], &tg[b]);
    for (size_t i = 0; i < nv; i++) Vs[i] = g->V.v[i] - g->V0;
    if (!st) st = sfhet_junction_eval(&j, Vs, nv, cg + b * nv, NULL, NULL, ws);
    for (size_t i = 0; i < nv && !st; i++) {
      cb[b * nv + i] = g->B.v[b];
      cv[b * nv + i] = g->V.v[i];
      cg[b * nv + i] = g->gnn * cg[b * nv + i] + (g->noise > 0 ? gsl_ran_gaussian(rng, g->noise) : 0.0);
    }
  }
  free(Vs);
  sfhet_junction_ws_free(ws);
  gsl_rng_free(rng);
  return st;
}

static int write_truth(const cli_spec *s, const synth_job *g, const double *td, const double *tg) {
  sfhet_outfile out;
  SFHET_TRY(sfhet_outfile_open(&out, cli_str(s, "truth")));
  cli_meta(s, out.fp);
  const char *names[] = {"B_T", "delta_meV", "gamma_meV"};
  int st = sfhet_csv_header(out.fp, names, 3);
  for (size_t b = 0; b < g->B.n && !st; b++) {
    double row[3] = {g->B.v[b], td[b], tg[b]};
    st = sfhet_csv_row(out.fp, row, 3);
  }
  if (st) {
    sfhet_outfile_abort(&out);
    SFHET_ERROR(SFHET_EIO, "--truth: write error");
  }
  return sfhet_outfile_commit(&out);
}

static int run_synth(int argc, char **argv) {
  cli_spec s;
  synth_job g;
  memset(&g, 0, sizeof g);
  cli_peek_junction(argc, argv, SFHET_JUNCTION_SIS, &g.j);
  build_spec(&s, &g.j);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  long seed;
  st = cli_int(&s, "seed", &seed);
  if (!st) st = setup(&s, &g);
  size_t n = g.V.n * g.B.n;
  double *buf = st ? NULL : malloc((3 * n + 2 * g.B.n) * sizeof *buf);
  if (!st && !buf) st = SFHET_ENOMEM;
  if (!st) st = generate(&g, buf, buf + n, buf + 2 * n, buf + 3 * n, buf + 3 * n + g.B.n, seed);
  if (!st && cli_given(&s, "truth")) st = write_truth(&s, &g, buf + 3 * n, buf + 3 * n + g.B.n);
  if (!st) {
    const char *names[] = {"B_T", "V_mV", "G"};
    const double *cols[] = {buf, buf + n, buf + 2 * n};
    st = g.sweep ? cli_write_table(&s, names, 3, cols, n) : cli_write_table(&s, names + 1, 2, cols + 1, n);
  }
  free(buf);
  sfhet_range_free(&g.V);
  sfhet_range_free(&g.B);
  return st;
}

const cli_command cli_cmd_synth = {"synth", "synthetic noisy spectra and field sweeps (for fits and tests)",
                                   run_synth};
