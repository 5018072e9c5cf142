/* sfhet weight: spectral weight, the integral of G over a bias window, per sweep value (seed 000
 * Fig. 2d). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "weight", "weight --data FILE --x COL --y COL [--sweep COL] [--from V1 --to V2]",
                "Spectral weight W = integral of G dV over [--from, --to] (trapezoids on the data points,\n"
                "linear interpolation at the window ends; seed 000 Fig. 2d uses -10..10 mV). Default\n"
                "window: the whole bias range common to all spectra. With --sweep: CSV <sweep column>,W;\n"
                "without: one value (--json: W, from_mV, to_mV). W has the unit of y times mV.");
  cli_add_spectra_options(s, NULL);
  cli_add(s, "from", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "lower end of the bias window");
  cli_add(s, "to", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "upper end of the bias window");
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
  SFHET_TRY(cli_load_spectra(&s, NULL, &ds));
  double a, b, *w = malloc(ds.m * sizeof *w);
  st = w ? window(&s, &ds, &a, &b) : SFHET_ENOMEM;
  for (size_t i = 0; i < ds.m && !st; i++) {
    st = sfhet_spectral_weight(ds.x[i], ds.y[i], ds.n[i], a, b, &w[i]);
    if (st == SFHET_ERANGE) cli_usage_error("--from/--to: %s", sfhet_last_error());
  }
  if (!st && cli_spectra_sweep(&s)) {
    const char *names[] = {ds.sname, "W"};
    const double *cols[] = {ds.s, w};
    st = cli_write_table(&s, names, 2, cols, ds.m);
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
