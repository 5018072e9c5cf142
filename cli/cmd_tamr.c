/* sfhet tamr: tunnelling anisotropic magnetoresistance between two sweep values (seed 000 Fig. 2c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "tamr", "tamr --data FILE --x COL --y COL --sweep COL --par VALUE --perp VALUE",
                "TAMR(V) = (G_par - G_perp)/G_par (seed 000, main text and Fig. 2c) from long-format\n"
                "data: G_par is the spectrum at sweep value --par, G_perp the one at --perp (the nearest\n"
                "sweep value within half the spacing). G_perp is interpolated linearly onto the bias\n"
                "points of G_par inside the common bias range. Output columns: <x column>,TAMR,G_par,\n"
                "G_perp. --par/--perp take units when the sweep column name carries sfhet's default unit\n"
                "(B_T: 0.5T, 500mT). When the data hold both sweep directions (--direction), both\n"
                "spectra come from the --branch sweep. See docs/analysis.md.");
  cli_add_spectra_options(s, "B_T");
  cli_add(s, "par", CLI_STR, SFHET_DIM_NONE, NULL, "sweep value of G_par (seed 000: 0 T, magnetisation out of plane)");
  cli_add(s, "perp", CLI_STR, SFHET_DIM_NONE, NULL, "sweep value of G_perp (seed 000: 1 T, in plane)");
  cli_add(s, "branch", CLI_STR, SFHET_DIM_NONE, "up", "with both sweep directions: take the spectra of the up or down sweep");
  cli_add_plot_options(s, "TAMR(V) and both spectra");
}

/* The spectrum of a data set nearest the sweep value given in option opt. */
static int pick(const cli_spec *s, const sfhet_dataset *ds, const char *opt, int branch, size_t *idx) {
  const char *t = cli_str(s, opt);
  char what[32];
  snprintf(what, sizeof what, "--%s", opt);
  if (!t) return cli_usage_error("--%s is required", opt);
  double v;
  SFHET_TRY(sfhet_parse_quantity(t, sfhet_colname_dim(ds->sname), what, &v));
  double best = INFINITY, gap = INFINITY;
  size_t prev = 0, k = 0;
  *idx = 0;
  for (size_t i = 0; i < ds->m; i++) {
    if (ds->dir && ds->dir[i] != branch) continue;
    if (fabs(ds->s[i] - v) < best) best = fabs(ds->s[i] - v), *idx = i;
    if (k++) gap = fmin(gap, fabs(ds->s[i] - ds->s[prev]));
    prev = i;
  }
  if (!(best <= 0.5 * gap) && !(k == 1 && best <= 1e-9 * fmax(fabs(v), 1.0)))
    SFHET_ERROR(SFHET_EDATA, "%s: no spectrum at %s = %g in the data (nearest: %g)", what, ds->sname, v,
                ds->s[*idx]);
  return SFHET_OK;
}

static int plot_tamr(const cli_spec *s, const sfhet_dataset *ds, size_t a, size_t b, const double *V,
                     const double *T, size_t m) {
  static char ta[120], tb[120], lab[96];
  plot_value_title(ds->sname, ds->s[a], lab, sizeof lab);
  snprintf(ta, sizeof ta, "G_par (%s)", lab);
  plot_value_title(ds->sname, ds->s[b], lab, sizeof lab);
  snprintf(tb, sizeof tb, "G_perp (%s)", lab);
  plot_panel p[2];
  memset(p, 0, sizeof p);
  p[0] = (plot_panel){"spectra", "", ds->yname, {{0}}, 0, 1.0, 0};
  plot_add(&p[0], ta, ds->x[a], ds->y[a], NULL, ds->n[a], PLOT_LINES);
  plot_add(&p[0], tb, ds->x[b], ds->y[b], NULL, ds->n[b], PLOT_LINES);
  p[1] = (plot_panel){"TAMR = (G_par - G_perp)/G_par", ds->xname, "TAMR", {{0}}, 0, 1.0, 1};
  plot_add(&p[1], "", V, T, NULL, m, PLOT_LINES);
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  return plot_write_opts(path, p, 2, "--plot", &po);
}

static int run_tamr(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  sfhet_dataset ds;
  SFHET_TRY(cli_load_spectra(&s, NULL, &ds));
  size_t a = 0, b = 0, m = 0;
  double *V = NULL, *T = NULL, *gp = NULL;
  const char *br = cli_str(&s, "branch");
  int branch = strcmp(br, "up") == 0 ? 1 : strcmp(br, "down") == 0 ? -1 : 0;
  st = branch ? SFHET_OK : cli_usage_error("--branch: '%s' is not up or down", br);
  if (!st) st = pick(&s, &ds, "par", branch, &a);
  if (!st) st = pick(&s, &ds, "perp", branch, &b);
  if (!st) st = sfhet_tamr(ds.x[a], ds.y[a], ds.n[a], ds.x[b], ds.y[b], ds.n[b], &V, &T, &m);
  if (!st && !(gp = malloc(2 * m * sizeof *gp))) st = SFHET_ENOMEM;
  if (!st) st = sfhet_interp_linear(ds.x[a], ds.y[a], ds.n[a], V, m, gp, "tamr");
  if (!st) st = sfhet_interp_linear(ds.x[b], ds.y[b], ds.n[b], V, m, gp + m, "tamr");
  if (!st && cli_str(&s, "plot")) st = plot_tamr(&s, &ds, a, b, V, T, m);
  if (!st) {
    const char *names[] = {ds.xname, "TAMR", "G_par", "G_perp"};
    const double *cols[] = {V, T, gp, gp + m};
    st = cli_write_table(&s, names, 4, cols, m);
  }
  free(V), free(T), free(gp);
  sfhet_dataset_free(&ds);
  return st;
}

const cli_command cli_cmd_tamr = {"tamr", "tunnelling anisotropic magnetoresistance TAMR(V) between two fields",
                                  run_tamr};
