/* sfhet normalize: measured spectra divided by a normal-state spectrum (another file, or the spectrum
 * of the data at one sweep value) or by their large-bias level, optionally on a common bias grid, with
 * propagated errors (the library's sfhet_dataset_normalize*, which fit --normalize uses too). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "normalize",
                "normalize --data FILE --x COL --y COL [--sweep COL] (--by FILE | --by-sweep VALUE | --norm-bias V)",
                "Divides each spectrum by a normal-state spectrum G_N(V) linearly interpolated onto its bias\n"
                "points (--by FILE, same --x/--y columns; or --by-sweep VALUE: the data's own spectrum at that\n"
                "sweep value, e.g. above the critical field), or by its mean conductance at |V| >= --norm-bias.\n"
                "--grid resamples every spectrum onto one bias grid first (a common grid for maps). Errors:\n"
                "G_err^2 = (sigma/G_N)^2 + (G sigma_N/G_N)^2, sigma from --sigma or, without it, the noise of\n"
                "each spectrum's own scatter (robust second differences), sigma_N likewise for the normal\n"
                "state; the large-bias level's own error is a common factor of a spectrum and is not added.\n"
                "Output: [<sweep column>,]<bias column in mV>,G,G_err (long format). See docs/data.md.");
  cli_add_spectra_options(s, NULL);
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL, "column of one-sigma errors of y");
  cli_add(s, "by", CLI_STR, SFHET_DIM_NONE, NULL, "normal-state spectrum file (same --x/--y columns and units)");
  cli_add(s, "by-sweep", CLI_STR, SFHET_DIM_NONE, NULL, "use the data's spectrum at this sweep value as normal state");
  cli_add(s, "norm-bias", CLI_QTY, SFHET_DIM_VOLTAGE, NULL, "divide by the mean conductance at |V| >= this bias");
  cli_add(s, "grid", CLI_RANGE, SFHET_DIM_VOLTAGE, NULL, "common bias grid START:STOP:COUNT (points outside a spectrum dropped)");
  cli_add(s, "crop", CLI_FLAG, SFHET_DIM_NONE, NULL, "drop points outside the normal-state bias range (else an error)");
}

/* A one-spectrum data set holding a copy of spectrum i of ds. */
static int copy_spectrum(const sfhet_dataset *ds, size_t i, sfhet_dataset *out) {
  memset(out, 0, sizeof *out);
  size_t n = ds->n[i];
  out->m = 1;
  out->s = calloc(1, sizeof *out->s), out->n = calloc(1, sizeof *out->n);
  out->x = calloc(1, sizeof *out->x), out->y = calloc(1, sizeof *out->y), out->sigma = calloc(1, sizeof *out->sigma);
  if (!out->s || !out->n || !out->x || !out->y || !out->sigma) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  out->x[0] = malloc(n * sizeof(double)), out->y[0] = malloc(n * sizeof(double));
  if (!out->x[0] || !out->y[0]) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  memcpy(out->x[0], ds->x[i], n * sizeof(double));
  memcpy(out->y[0], ds->y[i], n * sizeof(double));
  if (ds->sigma[i]) {
    if (!(out->sigma[0] = malloc(n * sizeof(double)))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    memcpy(out->sigma[0], ds->sigma[i], n * sizeof(double));
  }
  out->n[0] = n, out->s[0] = ds->s[i];
  return SFHET_OK;
}

/* The spectrum nearest the --by-sweep value (within half the spacing of the sweep values). */
static int pick_normal(const cli_spec *s, const sfhet_dataset *ds, sfhet_dataset *normal) {
  if (!cli_spectra_sweep(s)) return cli_usage_error("--by-sweep needs --sweep or --sweep-from");
  double v, best = INFINITY, gap = INFINITY;
  size_t idx = 0;
  SFHET_TRY(sfhet_parse_quantity(cli_str(s, "by-sweep"), ds->sdim, "--by-sweep", &v));
  for (size_t i = 0; i < ds->m; i++) {
    if (fabs(ds->s[i] - v) < best) best = fabs(ds->s[i] - v), idx = i;
    if (i) gap = fmin(gap, ds->s[i] - ds->s[i - 1]);
  }
  if (!(best <= 0.5 * gap) && !(ds->m == 1 && best <= 1e-9 * fmax(fabs(v), 1.0)))
    SFHET_ERROR(SFHET_EDATA, "--by-sweep: no spectrum at %s = %g (nearest: %g)", ds->sname, v, ds->s[idx]);
  return copy_spectrum(ds, idx, normal);
}

static int divide(const cli_spec *s, sfhet_dataset *ds) {
  sfhet_norm_opts o = {1, cli_flag(s, "crop")};
  sfhet_norm_info info;
  int given = cli_given(s, "by") + cli_given(s, "by-sweep") + cli_given(s, "norm-bias");
  if (given != 1) return cli_usage_error("give one of --by FILE, --by-sweep VALUE or --norm-bias V");
  if (cli_given(s, "norm-bias")) {
    double vb;
    SFHET_TRY(cli_qty(s, "norm-bias", &vb));
    return sfhet_dataset_normalize_level(ds, vb, &o, NULL, NULL, &info);
  }
  sfhet_dataset normal;
  memset(&normal, 0, sizeof normal);
  char what[600];
  int st = cli_given(s, "by") ? cli_load_normal_state(s, cli_str(s, "by"), &normal) : pick_normal(s, ds, &normal);
  snprintf(what, sizeof what, "%s %s", cli_given(s, "by") ? "--by" : "--by-sweep",
           cli_str(s, cli_given(s, "by") ? "by" : "by-sweep"));
  if (!st) st = sfhet_dataset_normalize(ds, &normal, &o, what, &info);
  if (!st && info.cropped)
    cli_warn(s, "%s: dropped %zu point%s outside the normal-state bias range", what, info.cropped,
             info.cropped == 1 ? "" : "s");
  sfhet_dataset_free(&normal);
  return st;
}

static int write_out(const cli_spec *s, const sfhet_dataset *ds) {
  size_t total = 0, sweep = (size_t)cli_spectra_sweep(s);
  for (size_t i = 0; i < ds->m; i++) total += ds->n[i];
  double *buf = malloc(4 * (total ? total : 1) * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *sv = buf, *x = buf + total, *g = buf + 2 * total, *e = buf + 3 * total;
  size_t r = 0;
  for (size_t i = 0; i < ds->m; i++)
    for (size_t k = 0; k < ds->n[i]; k++, r++)
      sv[r] = ds->s[i], x[r] = ds->x[i][k], g[r] = ds->y[i][k], e[r] = ds->sigma[i] ? ds->sigma[i][k] : NAN;
  const char *names[] = {ds->sname, ds->xname, "G", "G_err"};
  const double *cols[] = {sv, x, g, e};
  int st = cli_write_table(s, names + (1 - sweep), 3 + sweep, cols + (1 - sweep), total);
  free(buf);
  return st;
}

static int run_normalize(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  sfhet_dataset ds;
  SFHET_TRY(cli_load_spectra(&s, cli_str(&s, "sigma"), &ds));
  if (cli_given(&s, "grid")) {
    sfhet_range g;
    st = cli_range(&s, "grid", &g);
    if (!st) st = sfhet_dataset_resample(&ds, g.v, g.n);
    sfhet_range_free(&g);
  }
  if (!st) st = divide(&s, &ds);
  if (!st) st = write_out(&s, &ds);
  sfhet_dataset_free(&ds);
  return st;
}

const cli_command cli_cmd_normalize = {"normalize", "divide spectra by a normal-state spectrum or their large-bias level",
                                       run_normalize};
