/* Shared loading of measured spectra (--data, --x, --y, --sweep) for fit, tamr and weight. */
#include "cli.h"
#include "sfhet/error.h"

void cli_add_spectra_options(cli_spec *s, const char *sweep_default) {
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file (CSV, TSV or whitespace; '#' comments)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "V_mV", "bias column (name or 1-based index), in mV");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "G", "conductance column (name or 1-based index)");
  cli_add(s, "sweep", CLI_STR, SFHET_DIM_NONE, sweep_default,
          "sweep column of long-format data (one spectrum per value, e.g. B_T)");
}

int cli_load_spectra(const cli_spec *s, const char *sigma_col, sfhet_dataset *ds) {
  const char *path = cli_str(s, "data");
  if (!path) return cli_usage_error("--data is required");
  SFHET_TRY(sfhet_dataset_load(path, cli_str(s, "x"), cli_str(s, "y"), cli_str(s, "sweep"), sigma_col, ds));
  if (ds->info.dropped)
    cli_warn(s, "%s: skipped %zu row%s with missing or non-numeric values", path, ds->info.dropped,
             ds->info.dropped == 1 ? "" : "s");
  if (ds->info.merged)
    cli_warn(s, "%s: averaged %zu row%s with a repeated bias value", path, ds->info.merged,
             ds->info.merged == 1 ? "" : "s");
  return SFHET_OK;
}
