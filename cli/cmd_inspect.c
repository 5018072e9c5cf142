/* sfhet inspect: what sfhet sees in a data file (format, columns with units, missing cells and ranges,
 * header metadata, the runs of a QCoDeS database or the datasets of an HDF5 file). Everything is
 * gathered first and then printed, so an unreadable column never leaves a half-printed report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

typedef struct {
  int numeric;
  size_t missing, bad_row;
  double lo, hi;
} col_stats;

static void column_stats(sfhet_table *t, size_t c, col_stats *cs) {
  const double *v;
  cs->lo = INFINITY, cs->hi = -INFINITY, cs->missing = 0, cs->bad_row = 0;
  cs->numeric = sfhet_table_is_numeric(t, c, &cs->bad_row) &&
                sfhet_table_column(t, c, SFHET_MISSING_NAN, &v, &cs->missing) == SFHET_OK;
  if (!cs->numeric) {
    sfhet_clear_error();
    return;
  }
  for (size_t i = 0; i < sfhet_table_nrows(t); i++) {
    if (isnan(v[i])) continue;
    if (v[i] < cs->lo) cs->lo = v[i];
    if (v[i] > cs->hi) cs->hi = v[i];
  }
}

static const char *dim_of(const char *unit) {
  sfhet_dim d;
  double f;
  if (!unit[0]) return "";
  return sfhet_unit_lookup(unit, &d, &f) == SFHET_OK ? sfhet_dim_name(d) : "(unknown unit)";
}

static const char *entries_key(const sfhet_table *t) {
  return sfhet_table_format(t) == SFHET_FORMAT_QCODES ? "runs" : "datasets";
}

static void json_report(sfhet_table *t, const col_stats *cs, FILE *fp) {
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  sfhet_json_string(&j, "file", sfhet_table_name(t));
  sfhet_json_string(&j, "format", sfhet_format_name(sfhet_table_format(t)));
  sfhet_json_int(&j, "rows", (long long)sfhet_table_nrows(t));
  sfhet_json_array_begin(&j, "columns");
  for (size_t c = 0; c < sfhet_table_ncols(t); c++) {
    sfhet_json_object_begin(&j, NULL);
    sfhet_json_string(&j, "name", sfhet_table_colname(t, c));
    sfhet_json_string(&j, "unit", sfhet_table_unit(t, c));
    sfhet_json_string(&j, "dimension", dim_of(sfhet_table_unit(t, c)));
    if (sfhet_table_label(t, c)[0]) sfhet_json_string(&j, "label", sfhet_table_label(t, c));
    sfhet_json_bool(&j, "numeric", cs[c].numeric);
    if (cs[c].numeric) {
      sfhet_json_int(&j, "missing", (long long)cs[c].missing);
      if (cs[c].lo <= cs[c].hi) /* null: an infinite cell (binary formats), which JSON cannot hold */
        sfhet_json_number_or_null(&j, "min", cs[c].lo), sfhet_json_number_or_null(&j, "max", cs[c].hi);
      else sfhet_json_null(&j, "min"), sfhet_json_null(&j, "max");
    } else {
      sfhet_json_int(&j, "first_text_line", (long long)sfhet_table_line(t, cs[c].bad_row));
    }
    sfhet_json_object_end(&j);
  }
  sfhet_json_array_end(&j);
  sfhet_json_array_begin(&j, "metadata");
  for (size_t i = 0; i < sfhet_table_nmeta(t); i++) {
    sfhet_json_object_begin(&j, NULL);
    sfhet_json_string(&j, "key", sfhet_table_meta_key(t, i));
    sfhet_json_string(&j, "value", sfhet_table_meta_value(t, i));
    sfhet_json_object_end(&j);
  }
  sfhet_json_array_end(&j);
  if (sfhet_table_nentries(t)) {
    sfhet_json_array_begin(&j, entries_key(t));
    for (size_t i = 0; i < sfhet_table_nentries(t); i++) {
      const sfhet_table_entry *e = sfhet_table_entry_at(t, i);
      sfhet_json_object_begin(&j, NULL);
      sfhet_json_int(&j, "id", e->id);
      sfhet_json_string(&j, "name", e->name);
      sfhet_json_string(&j, "info", e->info);
      sfhet_json_object_end(&j);
    }
    sfhet_json_array_end(&j);
  }
  sfhet_json_end(&j);
}

static void text_columns(sfhet_table *t, const col_stats *cs, FILE *fp) {
  fprintf(fp, "%4s  %-28s %-8s %-16s %8s %16s %16s\n", "#", "name", "unit", "dimension", "missing", "min", "max");
  for (size_t c = 0; c < sfhet_table_ncols(t); c++) {
    const char *u = sfhet_table_unit(t, c);
    fprintf(fp, "%4zu  %-28s %-8s %-16s ", c + 1, sfhet_table_colname(t, c), u[0] ? u : "-", dim_of(u));
    if (!cs[c].numeric) {
      fprintf(fp, "%8s   text, not numbers (line %zu)\n", "-", sfhet_table_line(t, cs[c].bad_row));
      continue;
    }
    if (cs[c].lo <= cs[c].hi) fprintf(fp, "%8zu %16.10g %16.10g\n", cs[c].missing, cs[c].lo, cs[c].hi);
    else fprintf(fp, "%8zu %16s %16s\n", cs[c].missing, "-", "-");
  }
}

static void text_report(sfhet_table *t, const col_stats *cs, FILE *fp) {
  fprintf(fp, "%s: %s, %zu rows, %zu columns\n", sfhet_table_name(t), sfhet_format_name(sfhet_table_format(t)),
          sfhet_table_nrows(t), sfhet_table_ncols(t));
  if (sfhet_table_ncols(t)) text_columns(t, cs, fp);
  if (sfhet_table_nmeta(t)) fprintf(fp, "metadata (%zu):\n", sfhet_table_nmeta(t));
  for (size_t i = 0; i < sfhet_table_nmeta(t); i++)
    fprintf(fp, "  %s = %.100s\n", sfhet_table_meta_key(t, i), sfhet_table_meta_value(t, i));
  if (sfhet_table_nentries(t)) fprintf(fp, "%s (%zu):\n", entries_key(t), sfhet_table_nentries(t));
  for (size_t i = 0; i < sfhet_table_nentries(t); i++) {
    const sfhet_table_entry *e = sfhet_table_entry_at(t, i);
    fprintf(fp, "  %ld  %s  %s\n", e->id, e->name, e->info);
  }
}

static int report(const cli_spec *s, sfhet_table *t) {
  size_t nc = sfhet_table_ncols(t);
  col_stats *cs = calloc(nc ? nc : 1, sizeof *cs);
  if (!cs) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t c = 0; c < nc; c++) column_stats(t, c, &cs[c]);
  sfhet_outfile out;
  int st = cli_out_open(s, &out);
  if (!st) {
    if (s->json) json_report(t, cs, out.fp);
    else text_report(t, cs, out.fp);
    st = sfhet_outfile_commit(&out);
  }
  free(cs);
  return st;
}

static int run_inspect(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "inspect", "inspect --data FILE [--format F] [--run N] [--json]",
                "Reads a data file the way every sfhet command does and reports its format, its columns\n"
                "with the unit in each header ('Bias (V)', 'V_mV', QCoDeS/Labber units), the number of\n"
                "missing (empty or nan) cells and the range of each numeric column (in the file's units),\n"
                "columns holding text, the header metadata (MultiVu, Nanonis, QCoDeS run, HDF5 attributes)\n"
                "and the runs of a QCoDeS database or the datasets of an HDF5 file. Formats: plain text,\n"
                "MultiVu .dat, Nanonis .dat and .3ds, QCoDeS SQLite, HDF5 (FILE.h5:/path) and Labber;\n"
                "see docs/data.md. --json: file, format, rows, columns [name, unit, dimension, numeric,\n"
                "missing, min, max], metadata [key, value], runs or datasets [id, name, info].");
  cli_add(&s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file ('-' for standard input)");
  cli_add_read_options(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  const char *path = cli_str(&s, "data");
  if (!path) return cli_usage_error("--data is required");
  sfhet_read_opts o;
  SFHET_TRY(cli_read_opts(&s, &o));
  o.list = 1;
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_open(path, &o, &t));
  st = report(&s, t);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_inspect = {"inspect", "show the format, columns, units and metadata sfhet reads from a file",
                                     run_inspect};
