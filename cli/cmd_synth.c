/* sfhet synth: synthetic measured spectra (junction model, lock-in, nuisance scale and offset, noise),
 * single or as a field sweep whose model parameters rise and saturate (seed 000 Fig. 2f), in one or
 * both sweep directions with an optional lag between them (seed 000 Fig. 3). */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/synth.h"

/* Names of the change options, one per junction DOS parameter ("ddelta", ...); static storage. */
static char change_names[SFHET_JUNCTION_MAX_PARAMS][48], change_help[SFHET_JUNCTION_MAX_PARAMS][96];

/* Number of junction parameters that belong to the electrodes (the DOS parameters of both sides). */
static size_t n_dos_params(const sfhet_junction *j) {
  size_t n = j->dos1->n_params;
  if (j->kind == SFHET_JUNCTION_SIS) n += (j->dos2 ? j->dos2 : j->dos1)->n_params;
  return n;
}

static void add_change_options(cli_spec *s, const sfhet_junction *j) {
  cli_set_group(s, "Sweep profile: change of each parameter at saturation (with --B)");
  for (size_t k = 0; k < n_dos_params(j); k++) {
    const sfhet_param_info *q = sfhet_junction_param(j, k);
    if (q->flags & SFHET_PARAM_NOFIT) continue;
    snprintf(change_names[k], sizeof change_names[k], "d%s", q->name);
    snprintf(change_help[k], sizeof change_help[k], "change of --%s at saturation", q->name);
    cli_add(s, change_names[k], CLI_QTY, q->dim, "0", change_help[k]);
  }
  cli_set_group(s, NULL);
}

static void build_spec(cli_spec *s, const sfhet_junction *j) {
  cli_spec_init(s, "synth", "synth --junction nis|sis --delta D --gamma G --T T --V RANGE [--B RANGE ...]",
                "Synthetic tunnelling spectra for tests and demonstrations: the junction model of\n"
                "'sfhet didv' (normalised G, lock-in average with --vac), scaled and shifted like real\n"
                "data (y = gnn*G(V - V0)), plus Gaussian noise of standard deviation --noise.\n"
                "With --B RANGE: a field sweep in long format (B_T,V_mV,G) in which every model\n"
                "parameter p with a change --dp varies as\n"
                "  p(B) = p + dp*f(B),  f(B) = min(|B - dir*lag|/Bsat, 1)^2\n"
                "(the in-plane magnetisation squared of an out-of-plane magnet saturating at Bsat: the\n"
                "shape of seed 000 Fig. 2f). --sweep up|down|up,down orders the fields and adds a\n"
                "direction column (+1 up, -1 down); --lag delays the profile by a field lag in each\n"
                "direction (a hysteretic sweep, seed 000 Fig. 3). --truth FILE writes the true model\n"
                "parameters per field. Second-electrode parameters that are not given follow the first\n"
                "electrode's (and its profile). See docs/fit.md.");
  s->epilog = cli_models_epilog("synth");
  cli_add(s, "V", CLI_RANGE, SFHET_DIM_VOLTAGE, "-4:4:401", "bias voltages");
  cli_add(s, "B", CLI_RANGE, SFHET_DIM_FIELD, NULL, "fields of a sweep (long-format output)");
  cli_add(s, "sweep", CLI_STR, SFHET_DIM_NONE, NULL,
          "sweep directions: up (increasing B), down, or up,down (a loop; adds a direction column)");
  cli_add(s, "Bsat", CLI_QTY, SFHET_DIM_FIELD, "0.4", "saturation field of the sweep profile");
  cli_add(s, "lag", CLI_QTY, SFHET_DIM_FIELD, "0", "field lag of the profile behind the sweep (hysteresis)");
  cli_add(s, "noise", CLI_QTY, SFHET_DIM_NONE, "0", "Gaussian noise, standard deviation in units of y");
  cli_add(s, "jitter", CLI_QTY, SFHET_DIM_FIELD, "0",
          "readback jitter of the written field: uniform in +-jitter per row (setpoints in --truth)");
  cli_add(s, "seed", CLI_INT, SFHET_DIM_NONE, "1", "random seed of the noise");
  cli_add(s, "gnn", CLI_QTY, SFHET_DIM_NONE, "1", "conductance scale of the output");
  cli_add(s, "V0", CLI_QTY, SFHET_DIM_VOLTAGE, "0", "bias offset (y = gnn*G(V - V0))");
  cli_add(s, "truth", CLI_STR, SFHET_DIM_NONE, NULL, "write the true model parameters per field to this CSV");
  cli_add_plot_options(s, "the spectrum, or with --B a colour map G(B, V) of the (first) sweep,");
  cli_add_junction_options(s, j, "sis");
  add_change_options(s, j);
}

/* One field of the sweep in output order. */
typedef struct {
  double B;
  int dir;
} field_pt;

typedef struct {
  sfhet_synth sy;
  sfhet_range V;
  field_pt *pts;
  size_t npts;
  int sweep, directed;
  double jitter; /* field readback jitter [T] */
} synth_job;

static int cmp_up(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Field points in output order: as given, or sorted up and/or down with their direction. */
static int make_points(const cli_spec *s, synth_job *g) {
  sfhet_range B = {0, NULL};
  if (g->sweep) SFHET_TRY(cli_range(s, "B", &B));
  const char *dirs = cli_str(s, "sweep");
  int up = !dirs || !strcmp(dirs, "up") || !strcmp(dirs, "up,down"), down = dirs && (!strcmp(dirs, "down") || !strcmp(dirs, "up,down"));
  if (dirs && !up && !down) {
    sfhet_range_free(&B);
    return cli_usage_error("--sweep: '%s' is not up, down or up,down", dirs);
  }
  if (dirs && !g->sweep) return cli_usage_error("--sweep needs --B");
  g->directed = dirs != NULL;
  size_t nb = g->sweep ? B.n : 1;
  g->pts = calloc(2 * nb, sizeof *g->pts);
  if (!g->pts) {
    sfhet_range_free(&B);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  if (dirs) qsort(B.v, B.n, sizeof *B.v, cmp_up);
  for (size_t i = 0; up && i < nb; i++) g->pts[g->npts++] = (field_pt){g->sweep ? B.v[i] : 0.0, dirs ? 1 : 0};
  for (size_t i = 0; down && i < nb; i++) g->pts[g->npts++] = (field_pt){B.v[nb - 1 - i], -1};
  sfhet_range_free(&B);
  return SFHET_OK;
}

static int setup(cli_spec *s, synth_job *g) {
  sfhet_junction j;
  SFHET_TRY(cli_junction_setup(s, &j, NULL));
  sfhet_synth_init(&g->sy, &j);
  for (size_t k = 0; k < n_dos_params(&j); k++)
    if (change_names[k][0] && cli_given(s, change_names[k])) SFHET_TRY(cli_qty(s, change_names[k], &g->sy.change[k]));
  SFHET_TRY(cli_qty(s, "gnn", &g->sy.gnn));
  SFHET_TRY(cli_qty(s, "V0", &g->sy.V0));
  SFHET_TRY(cli_qty(s, "noise", &g->sy.noise));
  SFHET_TRY(cli_qty(s, "Bsat", &g->sy.Bsat));
  SFHET_TRY(cli_qty(s, "lag", &g->sy.lag));
  SFHET_TRY(sfhet_synth_check(&g->sy));
  SFHET_TRY(cli_range(s, "V", &g->V));
  g->sweep = cli_given(s, "B");
  SFHET_TRY(cli_qty(s, "jitter", &g->jitter));
  if (g->jitter < 0) return cli_usage_error("--jitter: must be >= 0");
  if (g->jitter > 0 && !g->sweep) return cli_usage_error("--jitter needs --B");
  return make_points(s, g);
}

/* Long-format columns B, direction, V, G of every field point. */
static int generate(synth_job *g, double *cb, double *cd, double *cv, double *cg, long seed) {
  size_t nv = g->V.n;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937), *jrng = gsl_rng_alloc(gsl_rng_mt19937);
  int st = (ws && rng && jrng) ? SFHET_OK : SFHET_ENOMEM;
  if (rng) gsl_rng_set(rng, (unsigned long)seed);
  if (jrng) gsl_rng_set(jrng, (unsigned long)seed + 7919u); /* own stream: the noise does not change */
  for (size_t b = 0; b < g->npts && !st; b++) {
    st = sfhet_synth_spectrum(&g->sy, g->pts[b].B, g->pts[b].dir, g->V.v, nv, rng, cg + b * nv, ws);
    for (size_t i = 0; i < nv; i++) {
      cb[b * nv + i] = g->pts[b].B;
      if (g->jitter > 0) cb[b * nv + i] += g->jitter * (2.0 * gsl_rng_uniform(jrng) - 1.0);
      cd[b * nv + i] = g->pts[b].dir;
      cv[b * nv + i] = g->V.v[i];
    }
  }
  sfhet_junction_ws_free(ws);
  gsl_rng_free(rng);
  gsl_rng_free(jrng);
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "out of memory");
  return st;
}

/* The truth table: B_T (direction), then every parameter of the electrodes that does not follow another. */
static int write_truth(const cli_spec *s, const synth_job *g, sfhet_outfile *out) {
  const sfhet_junction *b = &g->sy.base;
  char names[SFHET_JUNCTION_MAX_PARAMS + 2][48];
  const char *cols[SFHET_JUNCTION_MAX_PARAMS + 2];
  size_t idx[SFHET_JUNCTION_MAX_PARAMS], nc = 0, np = 0;
  cols[nc++] = "B_T";
  if (g->directed) cols[nc++] = "direction";
  for (size_t k = 0; k < n_dos_params(b); k++) {
    if (sfhet_junction_tied(b, k)) continue;
    sfhet_param_column(sfhet_junction_param(b, k), 0, names[np], sizeof names[np]);
    cols[nc++] = names[np];
    idx[np++] = k;
  }
  cli_meta(s, out->fp);
  int st = sfhet_csv_header(out->fp, cols, nc);
  for (size_t i = 0; i < g->npts && !st; i++) {
    sfhet_junction j;
    double row[SFHET_JUNCTION_MAX_PARAMS + 2];
    size_t c = 0;
    st = sfhet_synth_junction(&g->sy, g->pts[i].B, g->pts[i].dir, &j);
    row[c++] = g->pts[i].B;
    if (g->directed) row[c++] = g->pts[i].dir;
    for (size_t q = 0; q < np && !st; q++) st = sfhet_junction_get(&j, sfhet_junction_param(&j, idx[q])->name, &row[c++]);
    if (!st) st = sfhet_csv_row(out->fp, row, nc);
  }
  return st;
}

/* The table and (with --truth) the truth file, committed together or not at all. */
static int write_outputs(const cli_spec *s, const synth_job *g, const double *const *cols, size_t n) {
  sfhet_outfile truth = {0};
  const char *tp = cli_str(s, "truth");
  if (tp && s->output && strcmp(tp, s->output) == 0)
    return cli_usage_error("--truth: the same file as --output");
  if (tp) SFHET_TRY(sfhet_outfile_open(&truth, tp));
  int st = tp ? write_truth(s, g, &truth) : SFHET_OK;
  if (st) SFHET_REPORT(st = SFHET_EIO, "--truth %s: write error", tp);
  const char *names[] = {"B_T", "direction", "V_mV", "G"};
  if (!st && !g->sweep) {
    plot_table_spec ps = {.title = "synthetic spectrum", .x = 2, .y = {3}, .ny = 1, .points = 1};
    st = cli_plot_table(s, &ps, names, cols, n);
  } else if (!st) { /* the first sweep direction: its rows come first */
    size_t nfirst = g->directed && g->npts > 1 && g->pts[g->npts - 1].dir != g->pts[0].dir ? n / 2 : n;
    st = cli_plot_map(s, "synthetic sweep G(B, V)", names, cols, nfirst, 2, 0, 3);
  }
  if (!st) {
    if (!g->sweep)
      st = cli_write_table(s, names + 2, 2, cols + 2, n);
    else if (g->directed)
      st = cli_write_table(s, names, 4, cols, n);
    else {
      const char *nm[] = {"B_T", "V_mV", "G"};
      const double *cc[] = {cols[0], cols[2], cols[3]};
      st = cli_write_table(s, nm, 3, cc, n);
    }
  }
  if (st) {
    sfhet_outfile_abort(&truth);
    return st;
  }
  return tp ? sfhet_outfile_commit(&truth) : SFHET_OK;
}

static int run_synth(int argc, char **argv) {
  cli_spec s;
  synth_job g;
  sfhet_junction j;
  memset(&g, 0, sizeof g);
  memset(change_names, 0, sizeof change_names);
  cli_peek_junction(argc, argv, SFHET_JUNCTION_SIS, &j);
  build_spec(&s, &j);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  long seed;
  st = cli_int(&s, "seed", &seed);
  if (!st) st = setup(&s, &g);
  size_t n = g.V.n * g.npts;
  double *buf = st ? NULL : malloc((4 * n + 1) * sizeof *buf);
  if (!st && !buf) st = SFHET_ENOMEM;
  if (!st) st = generate(&g, buf, buf + n, buf + 2 * n, buf + 3 * n, seed);
  if (!st) {
    const double *cols[] = {buf, buf + n, buf + 2 * n, buf + 3 * n};
    st = write_outputs(&s, &g, cols, n);
  }
  free(buf);
  free(g.pts);
  sfhet_range_free(&g.V);
  return st;
}

const cli_command cli_cmd_synth = {"synth", "synthetic noisy spectra and field sweeps (for fits and tests)",
                                   run_synth};
