/* sfhet hysteresis: difference between the two directions of a field sweep, its maximum, and over a
 * set of temperatures the temperature where it vanishes (seed 000 Fig. 3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "group_cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "hysteresis", "hysteresis --data FILE --x COL --y COL [--direction COL] [--group COL]",
                "Splits a field trace (rows in measurement order) into its up and down sweeps, by the sign\n"
                "of --direction when given, else by the sign of the field step, and computes\n"
                "dG = G_up - G_down on the up sweep's fields inside the common range (down sweep\n"
                "interpolated linearly; seed 000 Fig. 3e,f). Output: <x>,G_up,G_down,dG and, in '#'\n"
                "lines or --json, dG_max (the signed value of largest magnitude) and x_at_max.\n"
                "With --group COL (e.g. T_K): one trace per group value; output <group>,dG_max,x_at_max\n"
                "and T_vanish, where |dG_max| first falls to --threshold (linear interpolation).");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "B_T", "swept field column");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "G", "signal column (e.g. G at the coherence peak)");
  cli_add(s, "direction", CLI_STR, SFHET_DIM_NONE, NULL, "column whose sign gives the sweep direction");
  cli_add(s, "group", CLI_STR, SFHET_DIM_NONE, NULL, "column of separate traces (e.g. temperature T_K)");
  cli_add(s, "threshold", CLI_QTY, SFHET_DIM_NONE, "0",
          "with --group: |dG_max| at which the hysteresis counts as vanished (0: 10% of the largest)");
  cli_add_group_options(s, 0);
  cli_add_plot_options(s, "both branches and dG (with --group: dG_max against the group value)");
}

typedef struct {
  sfhet_table *t;
  const double *x, *y, *dir, *grp;
  size_t n;
  char xname[64], gname[64];
} hyst_in;

static int load(const cli_spec *s, hyst_in *h) {
  memset(h, 0, sizeof *h);
  if (!cli_str(s, "data")) return cli_usage_error("--data is required");
  SFHET_TRY(sfhet_table_read(cli_str(s, "data"), &h->t));
  size_t c;
  SFHET_TRY(sfhet_table_find(h->t, cli_str(s, "x"), "--x", &c));
  snprintf(h->xname, sizeof h->xname, "%s", sfhet_table_colname(h->t, c));
  SFHET_TRY(sfhet_table_column(h->t, c, SFHET_MISSING_NAN, &h->x, NULL));
  SFHET_TRY(sfhet_table_find(h->t, cli_str(s, "y"), "--y", &c));
  SFHET_TRY(sfhet_table_column(h->t, c, SFHET_MISSING_NAN, &h->y, NULL));
  if (cli_str(s, "direction")) {
    SFHET_TRY(sfhet_table_find(h->t, cli_str(s, "direction"), "--direction", &c));
    SFHET_TRY(sfhet_table_column(h->t, c, SFHET_MISSING_ERROR, &h->dir, NULL));
  }
  if (cli_str(s, "group")) {
    SFHET_TRY(sfhet_table_find(h->t, cli_str(s, "group"), "--group", &c));
    snprintf(h->gname, sizeof h->gname, "%s", sfhet_table_colname(h->t, c));
    SFHET_TRY(sfhet_table_column(h->t, c, SFHET_MISSING_ERROR, &h->grp, NULL));
  }
  h->n = sfhet_table_nrows(h->t);
  if (h->n == 0) SFHET_ERROR(SFHET_EDATA, "%s: no data rows", cli_str(s, "data"));
  return SFHET_OK;
}

static int plot_single(const cli_spec *s, const hyst_in *in, const sfhet_hyst *h) {
  plot_panel p[2];
  memset(p, 0, sizeof p);
  p[0] = (plot_panel){"two sweep directions", "", cli_str(s, "y"), {{0}}, 0, 1.0, 0};
  plot_add(&p[0], "up sweep", h->x, h->up, NULL, h->n, PLOT_LINES);
  plot_add(&p[0], "down sweep", h->x, h->down, NULL, h->n, PLOT_LINES);
  p[1] = (plot_panel){"dG = G_up - G_down", in->xname, "dG", {{0}}, 0, 1.0, 1};
  plot_add(&p[1], "", h->x, h->dG, NULL, h->n, PLOT_LINES);
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  return plot_write_opts(path, p, 2, "--plot", &po);
}

static int out_single(const cli_spec *s, const hyst_in *in, const sfhet_hyst *h) {
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  int st = SFHET_OK;
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_number(&j, "dG_max", h->dG_max);
    sfhet_json_number(&j, "x_at_max", h->x_at_max);
    sfhet_json_int(&j, "n_points", (long long)h->n);
    sfhet_json_int(&j, "n_up", (long long)h->n_up);
    sfhet_json_int(&j, "n_down", (long long)h->n_down);
    sfhet_json_end(&j);
  } else {
    cli_meta(s, out.fp);
    sfhet_csv_meta(out.fp, "dG_max", "%.10g", h->dG_max);
    sfhet_csv_meta(out.fp, "x_at_max", "%.10g", h->x_at_max);
    const char *names[] = {in->xname, "G_up", "G_down", "dG"};
    st = sfhet_csv_header(out.fp, names, 4);
    for (size_t i = 0; i < h->n && !st; i++) {
      double row[4] = {h->x[i], h->up[i], h->down[i], h->dG[i]};
      st = sfhet_csv_row(out.fp, row, 4);
    }
  }
  if (st) {
    sfhet_outfile_abort(&out);
    SFHET_ERROR(SFHET_EIO, "write error");
  }
  return sfhet_outfile_commit(&out);
}

static int run_single(const cli_spec *s, const hyst_in *in) {
  sfhet_hyst h;
  SFHET_TRY(sfhet_hysteresis(in->x, in->y, in->dir, in->n, &h));
  int st = cli_str(s, "plot") ? plot_single(s, in, &h) : SFHET_OK;
  if (!st) st = out_single(s, in, &h);
  sfhet_hyst_free(&h);
  return st;
}

/* Gathers the rows of group g into contiguous arrays (file order kept). */
static void gather(const hyst_in *in, const sfhet_groups *g, size_t k, double *x, double *y, double *d) {
  for (size_t r = 0; r < g->count[k]; r++) {
    size_t i = g->row[g->start[k] + r];
    x[r] = in->x[i], y[r] = in->y[i];
    if (in->dir) d[r] = in->dir[i];
  }
}

static int out_groups(const cli_spec *s, const hyst_in *in, const sfhet_groups *g, const double *dg,
                      const double *xm, double thr, double tv, int have_tv) {
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  int st = SFHET_OK;
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_array_begin(&j, "groups");
    for (size_t k = 0; k < g->n; k++) {
      sfhet_json_object_begin(&j, NULL);
      sfhet_json_number(&j, in->gname, g->value[k]);
      sfhet_json_number(&j, "dG_max", dg[k]);
      sfhet_json_number(&j, "x_at_max", xm[k]);
      sfhet_json_object_end(&j);
    }
    sfhet_json_array_end(&j);
    sfhet_json_number(&j, "threshold", thr);
    if (have_tv) sfhet_json_number(&j, "T_vanish", tv);
    else sfhet_json_null(&j, "T_vanish");
    sfhet_json_end(&j);
  } else {
    cli_meta(s, out.fp);
    sfhet_csv_meta(out.fp, "threshold", "%.10g", thr);
    sfhet_csv_meta(out.fp, "T_vanish", have_tv ? "%.10g" : "none (above threshold everywhere)", tv);
    const char *names[] = {in->gname, "dG_max", "x_at_max"};
    st = sfhet_csv_header(out.fp, names, 3);
    for (size_t k = 0; k < g->n && !st; k++) {
      double row[3] = {g->value[k], dg[k], xm[k]};
      st = sfhet_csv_row(out.fp, row, 3);
    }
  }
  if (st) {
    sfhet_outfile_abort(&out);
    SFHET_ERROR(SFHET_EIO, "write error");
  }
  return sfhet_outfile_commit(&out);
}

static int plot_groups(const cli_spec *s, const hyst_in *in, const sfhet_groups *g, const double *dg) {
  plot_panel p;
  memset(&p, 0, sizeof p);
  p = (plot_panel){"largest hysteresis |dG| per trace", in->gname, "dG_max", {{0}}, 0, 1.0, 1};
  plot_add(&p, "", g->value, dg, NULL, g->n, PLOT_LINESPOINTS);
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  return plot_write_opts(path, &p, 1, "--plot", &po);
}

static int run_groups(const cli_spec *s, const hyst_in *in) {
  sfhet_groups g;
  SFHET_TRY(cli_group_rows(s, in->t, in->gname, in->grp, NULL, in->n, 0, &g));
  double *buf = malloc((3 * in->n + 2 * g.n + 1) * sizeof *buf);
  if (!buf) {
    sfhet_groups_free(&g);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  double *x = buf, *y = x + in->n, *d = y + in->n, *dg = d + in->n, *xm = dg + g.n;
  int st = SFHET_OK;
  for (size_t k = 0; k < g.n && !st; k++) {
    sfhet_hyst h;
    gather(in, &g, k, x, y, d);
    st = sfhet_hysteresis(x, y, in->dir ? d : NULL, g.count[k], &h);
    if (st) SFHET_REPORT(st, "%s = %g: %s", in->gname, g.value[k], sfhet_last_error());
    if (!st) dg[k] = h.dG_max, xm[k] = h.x_at_max;
    sfhet_hyst_free(&h);
  }
  double thr = 0, tv = NAN, big = 0;
  if (!st) st = cli_qty(s, "threshold", &thr);
  for (size_t k = 0; k < g.n && !st; k++) big = fmax(big, fabs(dg[k]));
  if (!st && thr <= 0) thr = 0.1 * big;
  int have = 0;
  if (!st) {
    have = sfhet_hyst_vanish(g.value, dg, g.n, thr, &tv) == SFHET_OK;
    if (!have) cli_warn(s, "%s", sfhet_last_error());
  }
  if (!st && cli_str(s, "plot")) st = plot_groups(s, in, &g, dg);
  if (!st) st = out_groups(s, in, &g, dg, xm, thr, tv, have);
  free(buf);
  sfhet_groups_free(&g);
  return st;
}

static int run_hysteresis(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  hyst_in in;
  st = load(&s, &in);
  if (!st) st = in.grp ? run_groups(&s, &in) : run_single(&s, &in);
  sfhet_table_free(in.t);
  return st;
}

const cli_command cli_cmd_hysteresis = {"hysteresis", "hysteresis between field-sweep directions and where it vanishes",
                                        run_hysteresis};
