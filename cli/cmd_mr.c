/* sfhet mr: switching (coercive) fields and hysteresis amplitude of magnetoresistance loops
 * (seed 004 Fig. 7c, seed 001 Fig. 3), one loop per value of the group column. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"
#include "sfhet/transport.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "mr", "mr --data FILE --x B --y R [--group T] [--direction COL] [--switches N]",
                "Splits each loop into its up and down sweeps (by --direction > 0 / < 0, or by the sign\n"
                "of the field step between rows), smooths them, and finds the switching fields as the\n"
                "extrema of d(R_up - R_down)/dB (a reversible background cancels). Per group value: CSV\n"
                "with Bc_T = (B_up - B_down)/2, Bshift_T = (B_up + B_down)/2, the switching fields B_up_T,\n"
                "B_down_T (then Bc2_T, ... for --switches > 1, in sweep order), dR_max_ohm = max |R_up -\n"
                "R_down| and the field where it occurs, and n_switches found. Fields in T, resistances in\n"
                "ohm. Loops without a switch above 5 noise sigmas give nan fields, a warning and a\n"
                "'# nan:' line in the table. See docs/transport.md.");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file (long format)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "1", "field column [T]");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "2", "resistance column [ohm]");
  cli_add(s, "group", CLI_STR, SFHET_DIM_NONE, NULL, "temperature (or other) column, one loop per value");
  cli_add(s, "direction", CLI_STR, SFHET_DIM_NONE, NULL, "sweep-direction column (> 0 up, < 0 down)");
  cli_add_plot_options(s, "the loops R(B) (one per --group value, up to 8)");
  cli_add(s, "switches", CLI_INT, SFHET_DIM_NONE, "1", "switching fields per sweep branch (1..4)");
  cli_add(s, "smooth", CLI_INT, SFHET_DIM_NONE, "2", "moving-average half-window in points");
}

/* Analyses every group; loops[] has g->n entries. */
static int analyse_all(const cli_spec *s, const double *B, const double *R, const double *dir,
                       const sfhet_groups *g, int grouped, size_t nsw, size_t sm, sfhet_mr_loop *loops) {
  size_t nmax = 0;
  for (size_t k = 0; k < g->n; k++) nmax = g->count[k] > nmax ? g->count[k] : nmax;
  double *x = malloc(3 * (nmax + 1) * sizeof *x);
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "mr: out of memory");
  double *y = x + nmax + 1, *d = y + nmax + 1;
  int st = SFHET_OK;
  for (size_t k = 0; k < g->n && !st; k++) {
    for (size_t i = 0; i < g->count[k]; i++) {
      size_t r = g->row[g->start[k] + i];
      x[i] = B[r], y[i] = R[r], d[i] = dir ? dir[r] : 0;
    }
    st = sfhet_mr_analyse(x, y, dir ? d : NULL, g->count[k], nsw, sm, &loops[k]);
    if (st && grouped) {
      char msg[256];
      snprintf(msg, sizeof msg, "%s", sfhet_last_error());
      SFHET_REPORT(st, "group %g: %s", g->value[k], msg);
    }
    if (!st && loops[k].n_switch < nsw && grouped)
      cli_warn(s, "group %g: %zu of %zu switching fields found (no clear hysteresis)", g->value[k],
               loops[k].n_switch, nsw);
    else if (!st && loops[k].n_switch < nsw)
      cli_warn(s, "%zu of %zu switching fields found (no clear hysteresis)", loops[k].n_switch, nsw);
  }
  free(x);
  return st;
}

static int write_loops(const cli_spec *s, const sfhet_groups *g, const sfhet_mr_loop *L, size_t nsw,
                       const char *gname) {
  const char *names[5 + 4 * SFHET_MR_MAX_SWITCH];
  static char buf[4 * SFHET_MR_MAX_SWITCH][24];
  size_t nc = 0;
  if (gname) names[nc++] = gname;
  static const char *base[4] = {"Bc", "Bshift", "B_up", "B_down"};
  for (size_t k = 0; k < nsw; k++)
    for (int q = 0; q < 4; q++) {
      char *b = buf[4 * k + (size_t)q];
      if (k == 0) snprintf(b, 24, "%s_T", base[q]);
      else snprintf(b, 24, "%s%zu_T", base[q], k + 1);
      names[nc++] = b;
    }
  names[nc++] = "dR_max_ohm";
  names[nc++] = "B_dR_max_T";
  names[nc++] = "n_switches";
  size_t short_loops = 0;
  for (size_t k = 0; k < g->n; k++) short_loops += L[k].n_switch < nsw;
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  cli_meta(s, out.fp);
  if (short_loops)
    sfhet_csv_meta(out.fp, "nan", "%zu loop(s) with fewer than %zu clear switches (n_switches): their "
                   "missing switching fields are nan", short_loops, nsw);
  sfhet_csv_header(out.fp, names, nc);
  for (size_t k = 0; k < g->n; k++) {
    double row[5 + 4 * SFHET_MR_MAX_SWITCH];
    size_t c = 0;
    if (gname) row[c++] = g->value[k];
    for (size_t q = 0; q < nsw; q++) {
      row[c++] = L[k].Bc[q], row[c++] = L[k].Bshift[q];
      row[c++] = L[k].B_up[q], row[c++] = L[k].B_down[q];
    }
    row[c++] = L[k].dR_max, row[c++] = L[k].B_at_dR_max, row[c++] = (double)L[k].n_switch;
    sfhet_csv_row(out.fp, row, c);
  }
  return sfhet_outfile_commit(&out);
}

static int run_mr(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  if (!cli_str(&s, "data")) return cli_usage_error("--data is required");
  if (s.json) return cli_usage_error("--json: mr writes a CSV table (one row per loop)");
  long nsw, sm;
  SFHET_TRY(cli_int(&s, "switches", &nsw));
  SFHET_TRY(cli_int(&s, "smooth", &sm));
  if (nsw < 1 || nsw > SFHET_MR_MAX_SWITCH) return cli_usage_error("--switches: must be 1..%d", SFHET_MR_MAX_SWITCH);
  if (sm < 1 || sm > 1000) return cli_usage_error("--smooth: must be 1..1000");
  sfhet_table *t;
  SFHET_TRY(sfhet_table_read(cli_str(&s, "data"), &t));
  const double *B, *R, *grp = NULL, *dir = NULL;
  size_t gcol = 0, n = sfhet_table_nrows(t);
  if (n == 0) {
    sfhet_table_free(t);
    SFHET_ERROR(SFHET_EDATA, "%s: no data rows", cli_str(&s, "data"));
  }
  st = sfhet_table_get(t, cli_str(&s, "x"), "--x", &B);
  if (!st) st = sfhet_table_get(t, cli_str(&s, "y"), "--y", &R);
  if (!st && cli_str(&s, "direction")) st = sfhet_table_get(t, cli_str(&s, "direction"), "--direction", &dir);
  if (!st && cli_str(&s, "group")) st = sfhet_table_find(t, cli_str(&s, "group"), "--group", &gcol);
  if (!st && cli_str(&s, "group")) st = sfhet_table_get(t, cli_str(&s, "group"), "--group", &grp);
  double *ones = grp ? NULL : calloc(n + 1, sizeof *ones);
  sfhet_groups g = {0};
  sfhet_mr_loop *loops = NULL;
  if (!st) st = sfhet_groups_make(grp ? grp : ones, n, 1e-6, &g);
  if (!st && !(loops = calloc(g.n + 1, sizeof *loops))) SFHET_REPORT(st = SFHET_ENOMEM, "mr: out of memory");
  if (!st) st = analyse_all(&s, B, R, dir, &g, grp != NULL, (size_t)nsw, (size_t)sm, loops);
  if (!st && cli_str(&s, "plot")) {
    size_t cx = 0, cy = 0;
    st = sfhet_table_find(t, cli_str(&s, "x"), "--x", &cx);
    if (!st) st = sfhet_table_find(t, cli_str(&s, "y"), "--y", &cy);
    const char *names[] = {sfhet_table_colname(t, cx), sfhet_table_colname(t, cy), grp ? sfhet_table_colname(t, gcol) : ""};
    const double *cols[] = {B, R, grp};
    plot_table_spec ps = {.title = "magnetoresistance loops", .x = 0, .y = {1}, .ny = 1, .key = 2, .has_key = grp != NULL};
    if (!st) st = cli_plot_table(&s, &ps, names, cols, n);
  }
  if (!st) st = write_loops(&s, &g, loops, (size_t)nsw, grp ? sfhet_table_colname(t, gcol) : NULL);
  free(loops), free(ones);
  sfhet_groups_free(&g);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_mr = {"mr", "coercive fields and hysteresis of magnetoresistance loops", run_mr};
