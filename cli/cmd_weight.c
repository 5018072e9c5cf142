/* sfhet weight: spectral weight, the integral of G over a bias window, per sweep value (seed 000
 * Fig. 2d). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "weight", "weight --data FILE --x COL --y COL [--sweep COL] [--from V1 --to V2]",
                "Spectral weight W = integral of G dV over [--from, --to] (trapezoids on the data points,\n"
                "linear interpolation at the window ends; seed 000 Fig. 2d uses -10..10 mV). Default\n"
                "window: the whole bias range common to all spectra. With --sweep: CSV <sweep column>,W;\n"
                "without: one value (--json: W, from_mV, to_mV). W has the unit of y times mV.\n"
                "--normalize FILE divides every spectrum by the normal-state spectrum in FILE first\n"
                "(interpolated, as 'fit --normalize'), --norm-bias V by its own mean G at |V| >= V:\n"
                "W is then in units of G_N mV. Up and down sweeps stay apart (--direction; a\n"
                "direction column, +1 up and -1 down, is added).");
  cli_add_spectra_options(s, NULL);
  cli_add(s, "from", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "lower end of the bias window");
  cli_add(s, "to", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "upper end of the bias window");
  cli_add(s, "normalize", CLI_STR, SFHET_DIM_NONE, NULL,
          "normal-state spectrum file (same --x/--y columns) to divide by, interpolated");
  cli_add(s, "norm-bias", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "divide each spectrum by its mean G at |V| >= this bias");
  cli_add_plot_options(s, "W against the sweep value");
}

/* W per sweep value (and direction), with --plot. */
static int write_sweep(const cli_spec *s, const sfhet_dataset *ds, const double *w, const double *dir) {
  const char *plot;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &plot, &po));
  const char *names[] = {ds->sname, "direction", "W"};
  const double *cols[] = {ds->s, dir, w};
  if (plot) {
    plot_panel p;
    memset(&p, 0, sizeof p);
    p.title = "spectral weight", p.xlabel = ds->sname, p.weight = 1;
    p.ylabel = cli_str(s, "normalize") || cli_given(s, "norm-bias") ? "W = ∫ G dV (G_N mV)" : "W = ∫ G dV (G mV)";
    size_t m = ds->m, i = 0;
    while (i < m) {
      size_t j = i;
      while (j < m && dir[j] == dir[i]) j++;
      plot_add(&p, dir[i] > 0 ? "up sweep" : dir[i] < 0 ? "down sweep" : "", ds->s + i, w + i, NULL, j - i,
               PLOT_LINESPOINTS);
      i = j;
    }
    SFHET_TRY(plot_write_opts(plot, &p, 1, "--plot", &po));
  }
  if (ds->dir) return cli_write_table(s, names, 3, cols, ds->m);
  const char *n2[] = {names[0], names[2]};
  const double *c2[] = {cols[0], cols[2]};
  return cli_write_table(s, n2, 2, c2, ds->m);
}

static int window(const cli_spec *s, const sfhet_dataset *ds, double *a, double *b) {
  *a = -INFINITY, *b = INFINITY;
  for (size_t i = 0; i < ds->m; i++) *a = fmax(*a, ds->x[i][0]), *b = fmin(*b, ds->x[i][ds->n[i] - 1]);
  if (cli_given(s, "from")) SFHET_TRY(cli_qty(s, "from", a));
  if (cli_given(s, "to")) SFHET_TRY(cli_qty(s, "to", b));
  if (!(*a < *b)) return cli_usage_error("--from/--to: the window [%g, %g] mV is empty", *a, *b);
  return SFHET_OK;
}

static int run_weight(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  sfhet_dataset ds;
  if (cli_str(&s, "plot") && !cli_spectra_sweep(&s)) return cli_usage_error("--plot: needs --sweep (W against the sweep)");
  SFHET_TRY(cli_load_spectra(&s, NULL, &ds));
  double a, b, *w = malloc(2 * ds.m * sizeof *w), *dir = w ? w + ds.m : NULL;
  st = w ? cli_normalize_spectra(&s, &ds) : SFHET_ENOMEM;
  for (size_t i = 0; i < ds.m && !st; i++) dir[i] = ds.dir ? ds.dir[i] : 0;
  if (!st) st = window(&s, &ds, &a, &b);
  for (size_t i = 0; i < ds.m && !st; i++) {
    st = sfhet_spectral_weight(ds.x[i], ds.y[i], ds.n[i], a, b, &w[i]);
    if (st == SFHET_ERANGE) cli_usage_error("--from/--to: %s", sfhet_last_error());
  }
  if (!st && cli_spectra_sweep(&s)) {
    st = write_sweep(&s, &ds, w, dir);
  } else if (!st) {
    const cli_scalar v[] = {{"W", "", w[0], NAN, CLI_NUM}, {"from", "mV", a, NAN, CLI_NUM}, {"to", "mV", b, NAN, CLI_NUM}};
    st = cli_write_scalars(&s, v, 3);
  }
  free(w);
  sfhet_dataset_free(&ds);
  return st;
}

const cli_command cli_cmd_weight = {"weight", "spectral weight: integral of G over a bias window per sweep value",
                                    run_weight};
