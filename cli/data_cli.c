/* Shared loading of measured spectra (--data, --x, --y, --sweep, units, series of files, formats) for
 * fit, tamr, weight and normalize. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"

void cli_add_read_options(cli_spec *s) {
  cli_add(s, "format", CLI_STR, SFHET_DIM_NONE, "auto",
          "file format: auto (from the content), text, multivu, nanonis, nanonis-3ds, qcodes, hdf5, labber");
  cli_add(s, "run", CLI_INT, SFHET_DIM_NONE, NULL, "QCoDeS run id (needed when the database holds several runs)");
}

int cli_read_opts(const cli_spec *s, sfhet_read_opts *o) {
  memset(o, 0, sizeof *o);
  SFHET_TRY(sfhet_format_parse(cli_str(s, "format"), "--format", &o->format));
  if (cli_given(s, "run")) {
    long run;
    SFHET_TRY(cli_int(s, "run", &run));
    if (run < 1) return cli_usage_error("--run: QCoDeS run ids start at 1, got %ld", run);
    o->run = run;
  }
  return SFHET_OK;
}

void cli_add_spectra_options(cli_spec *s, const char *sweep_default) {
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL,
          "data file, or several: a comma list or a quoted glob ('T_*.dat'), one spectrum per file.\n"
          "                         CSV/TSV/whitespace, MultiVu .dat, Nanonis .dat/.3ds, QCoDeS .db,\n"
          "                         HDF5/Labber (FILE.h5:/group/dataset); see docs/data.md");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "V_mV",
          "bias column (name or 1-based index); a unit in its header ('Bias (V)') is converted to mV");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "G",
          "conductance column (name or index): G/G_N, S, uS, or a lock-in current or voltage");
  cli_add(s, "sweep", CLI_STR, SFHET_DIM_NONE, sweep_default,
          "sweep column of long-format data (one spectrum per value, e.g. B_T; 'Field (Oe)' -> T)");
  cli_add(s, "sweep-from", CLI_STR, SFHET_DIM_NONE, NULL,
          "sweep value of each file: a header key or column ('Temperature (K)': header value or column\n"
          "                         mean), meta:KEY, mean:COLUMN, or name:REGEX on the file name\n"
          "                         (name:'_(?<B>[-0-9.]+)T')");
  cli_add(s, "sweep-tol", CLI_STR, SFHET_DIM_NONE, NULL,
          "sweep readbacks within this of each other are one sweep value (jitter; '2mT', or a number\n"
          "                         in the sweep column's unit); default: exact values");
  cli_add(s, "direction", CLI_STR, SFHET_DIM_NONE, "auto",
          "sweep direction: a column whose sign gives it (e.g. direction), auto (from the order of\n"
          "                         the sweep values: up and down sweeps of a loop kept apart) or none");
  cli_add(s, "x-unit", CLI_STR, SFHET_DIM_NONE, NULL, "unit of the bias column's numbers (overrides its header)");
  cli_add(s, "y-unit", CLI_STR, SFHET_DIM_NONE, NULL, "unit of the conductance column ('1': dimensionless)");
  cli_add(s, "sweep-unit", CLI_STR, SFHET_DIM_NONE, NULL, "unit of the sweep values (overrides the header)");
  cli_add_read_options(s);
}

int cli_spectra_sweep(const cli_spec *s) { return cli_given(s, "sweep") || cli_given(s, "sweep-from"); }

/* The spec of --data & co (paths from sfhet_data_paths, owned by the caller). */
static int build(const cli_spec *s, const char *sigma_col, char **paths, size_t n, sfhet_dataset_spec *sp) {
  memset(sp, 0, sizeof *sp);
  SFHET_TRY(cli_read_opts(s, &sp->read));
  sp->paths = (const char *const *)paths;
  sp->npaths = n;
  sp->x = cli_str(s, "x"), sp->y = cli_str(s, "y"), sp->sigma = sigma_col;
  sp->sweep = cli_str(s, "sweep"), sp->sweep_from = cli_str(s, "sweep-from");
  if (sp->sweep_from && !cli_given(s, "sweep")) sp->sweep = NULL; /* a command's default sweep column */
  sp->sweep_tol = cli_str(s, "sweep-tol"), sp->direction = cli_str(s, "direction");
  sp->x_unit = cli_str(s, "x-unit"), sp->y_unit = cli_str(s, "y-unit"), sp->sweep_unit = cli_str(s, "sweep-unit");
  return SFHET_OK;
}

static void warnings(const cli_spec *s, const char *path, const sfhet_dataset *ds) {
  const char *what = ds->nfiles > 1 ? "--data" : path;
  if (ds->info.dropped)
    cli_warn(s, "%s: skipped %zu row%s with missing or non-numeric values", what, ds->info.dropped,
             ds->info.dropped == 1 ? "" : "s");
  if (ds->info.merged)
    cli_warn(s, "%s: averaged %zu row%s with a repeated bias value", what, ds->info.merged,
             ds->info.merged == 1 ? "" : "s");
}

int cli_load_spectra_from(const cli_spec *s, const char *data, const char *sigma_col, sfhet_dataset *ds) {
  char **paths = NULL;
  size_t n = 0;
  SFHET_TRY(sfhet_data_paths(data, "--data", &paths, &n));
  sfhet_dataset_spec sp;
  int st = build(s, sigma_col, paths, n, &sp);
  if (!st) st = sfhet_dataset_read(&sp, ds);
  if (!st) warnings(s, data, ds);
  sfhet_data_paths_free(paths, n);
  return st;
}

int cli_load_normal_state(const cli_spec *s, const char *path, sfhet_dataset *ds) {
  memset(ds, 0, sizeof *ds);
  sfhet_dataset_spec sp;
  const char *paths[1] = {path};
  SFHET_TRY(build(s, NULL, (char **)paths, 1, &sp));
  sp.sweep = sp.sweep_from = NULL;
  sp.read = (sfhet_read_opts){SFHET_FORMAT_AUTO, 0, NULL, 0}; /* its own format, detected */
  sp.reference = 1;
  return sfhet_dataset_read(&sp, ds);
}

int cli_normalize_spectra(const cli_spec *s, sfhet_dataset *ds) {
  const char *nf = cli_str(s, "normalize");
  if (nf) { /* y and sigma divided by the interpolated G_N(V) (sfhet_dataset_normalize) */
    sfhet_dataset nd;
    char what[600];
    snprintf(what, sizeof what, "--normalize %s", nf);
    SFHET_TRY(cli_load_normal_state(s, nf, &nd));
    /* data without a sigma column get their scatter's noise level, so that the normal state's noise
     * is propagated point by point (it multiplies the normalised G: the errors are not uniform) */
    sfhet_norm_opts no = {.estimate_sigma = 1};
    int st = sfhet_dataset_normalize(ds, &nd, &no, what, NULL);
    sfhet_dataset_free(&nd);
    SFHET_TRY(st);
  }
  if (cli_given(s, "norm-bias")) {
    double vb;
    SFHET_TRY(cli_qty(s, "norm-bias", &vb));
    SFHET_TRY(sfhet_dataset_normalize_level(ds, vb, NULL, NULL, NULL, NULL));
  }
  return SFHET_OK;
}

int cli_load_spectra(const cli_spec *s, const char *sigma_col, sfhet_dataset *ds) {
  const char *path = cli_str(s, "data");
  memset(ds, 0, sizeof *ds);
  if (!path) return cli_usage_error("--data is required");
  return cli_load_spectra_from(s, path, sigma_col, ds);
}
