/* sfhet cut: the signal of every spectrum of a sweep at one or more biases (zero-bias G against T for
 * arrhenius, the coherence-peak G against B for hysteresis), interpolated between bias points, with
 * errors (docs/cut.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

#define CUT_MAX_AT 16

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "cut", "cut --data FILE --at V=0 [--sweep COL] [--sweep-tol X] [--direction COL|auto|none]",
                "The signal y of every spectrum at bias V (several: --at V=0,0.9mV), interpolated\n"
                "linearly between the two bias points around V: y(V) = (1-t) y_k + t y_k+1,\n"
                "t = (V - V_k)/(V_k+1 - V_k). Its error is sqrt((1-t)^2 s_k^2 + t^2 s_k+1^2), with s the\n"
                "--sigma column, or without one the spectrum's noise level from its scatter (median\n"
                "second difference, exact for white noise; constant over a spectrum). Output, long\n"
                "format: <sweep>[,direction],V_mV,<y>,<y>_err: read directly by 'arrhenius --sigma\n"
                "<y>_err' (sweep T_K) and 'hysteresis --direction direction' (sweep B_T). Up and down\n"
                "sweeps stay apart (--direction). See docs/cut.md.");
  cli_add_spectra_options(s, NULL);
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma errors of y (default: the scatter)");
  cli_add(s, "at", CLI_STR, SFHET_DIM_NONE, NULL, "bias of the cut: V=0, 0.9mV, or a comma list V=0,0.9mV");
  cli_add_plot_options(s, "y against the sweep at each bias, with error bars,");
}

/* The biases of --at ("V=" optional, comma separated) in mV. */
static int parse_at(const cli_spec *s, double *v, size_t *n) {
  const char *t = cli_str(s, "at");
  if (!t) return cli_usage_error("--at is required (e.g. --at V=0)");
  if (strncmp(t, "V=", 2) == 0) t += 2;
  char buf[512];
  if (snprintf(buf, sizeof buf, "%s", t) >= (int)sizeof buf) return cli_usage_error("--at: the list is too long");
  *n = 0;
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    if (strncmp(tok, "V=", 2) == 0) tok += 2;
    if (*n == CUT_MAX_AT) return cli_usage_error("--at: at most %d biases", CUT_MAX_AT);
    SFHET_TRY(sfhet_parse_quantity(tok, SFHET_DIM_VOLTAGE, "--at", &v[(*n)++]));
  }
  if (*n == 0) return cli_usage_error("--at: no bias given");
  return SFHET_OK;
}

typedef struct {
  double *sw, *dir, *V, *g, *e; /* long-format columns, nat * m rows */
  size_t rows;
  int from_sigma;
} cut_out;

static int compute(const sfhet_dataset *ds, const double *at, size_t nat, cut_out *c) {
  size_t m = ds->m;
  c->rows = nat * m;
  double *buf = malloc((5 * c->rows + 1) * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  c->sw = buf, c->dir = buf + c->rows, c->V = c->dir + c->rows, c->g = c->V + c->rows, c->e = c->g + c->rows;
  for (size_t a = 0; a < nat; a++) {
    SFHET_TRY(sfhet_dataset_cut(ds, at[a], c->g + a * m, c->e + a * m, &c->from_sigma));
    for (size_t i = 0; i < m; i++) {
      c->sw[a * m + i] = ds->s[i];
      c->dir[a * m + i] = ds->dir ? ds->dir[i] : 0;
      c->V[a * m + i] = at[a];
    }
  }
  return SFHET_OK;
}

/* One series per bias and direction: the rows of block a with direction d (consecutive). */
static int plot_cut(const char *path, const plot_opts *o, const sfhet_dataset *ds, const cut_out *c,
                    const double *at, size_t nat) {
  static char titles[PLOT_MAX_SERIES][64];
  char yl[80];
  plot_panel p;
  memset(&p, 0, sizeof p);
  snprintf(yl, sizeof yl, "%s at fixed bias", plot_label(ds->yname, titles[0], sizeof titles[0]));
  p.title = "cut through the sweep", p.xlabel = ds->sname, p.ylabel = yl, p.weight = 1;
  size_t m = ds->m;
  for (size_t a = 0; a < nat; a++) {
    for (size_t i = 0; i < m;) {
      size_t j = i;
      while (j < m && c->dir[a * m + j] == c->dir[a * m + i]) j++;
      size_t k = p.ns;
      if (k < PLOT_MAX_SERIES) {
        int d = (int)c->dir[a * m + i];
        snprintf(titles[k], sizeof titles[k], "V = %g mV%s", at[a], d > 0 ? ", up" : d < 0 ? ", down" : "");
        plot_add(&p, titles[k], c->sw + a * m + i, c->g + a * m + i, c->e + a * m + i, j - i, PLOT_ERRORBARS);
      }
      i = j;
    }
  }
  return plot_write_opts(path, &p, 1, "--plot", o);
}

static int write_cut(const cli_spec *s, const sfhet_dataset *ds, const cut_out *c) {
  char ename[80];
  snprintf(ename, sizeof ename, "%s_err", ds->yname);
  const char *names[5];
  const double *cols[5];
  size_t nc = 0;
  int sweep = cli_spectra_sweep(s);
  if (sweep) names[nc] = ds->sname, cols[nc++] = c->sw;
  if (sweep && ds->dir) names[nc] = "direction", cols[nc++] = c->dir;
  names[nc] = "V_mV", cols[nc++] = c->V;
  names[nc] = ds->yname, cols[nc++] = c->g;
  names[nc] = ename, cols[nc++] = c->e;
  return cli_write_table(s, names, nc, cols, c->rows);
}

static int run_cut(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  double at[CUT_MAX_AT];
  size_t nat = 0;
  const char *plot;
  plot_opts po;
  SFHET_TRY(parse_at(&s, at, &nat));
  SFHET_TRY(cli_plot_opts(&s, &plot, &po));
  sfhet_dataset ds;
  SFHET_TRY(cli_load_spectra(&s, cli_str(&s, "sigma"), &ds));
  cut_out c = {0};
  st = compute(&ds, at, nat, &c);
  if (!st && plot) st = plot_cut(plot, &po, &ds, &c, at, nat);
  if (!st) st = write_cut(&s, &ds, &c);
  free(c.sw);
  sfhet_dataset_free(&ds);
  return st;
}

const cli_command cli_cmd_cut = {"cut", "G against the sweep at fixed bias (interpolated, with errors)", run_cut};
