/* sfhet inspect: what sfhet sees in a data file (columns, rows, missing cells, ranges). */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

static void column_stats(const double *v, size_t n, double *lo, double *hi) {
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i])) continue;
    if (v[i] < *lo) *lo = v[i];
    if (v[i] > *hi) *hi = v[i];
  }
}

/* One JSON object per column, or a readable table. */
static int report(const cli_spec *s, sfhet_table *t) {
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  sfhet_json j;
  if (s->json) {
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_string(&j, "file", sfhet_table_name(t));
    sfhet_json_int(&j, "rows", (long long)sfhet_table_nrows(t));
    sfhet_json_array_begin(&j, "columns");
  } else {
    fprintf(out.fp, "%s: %zu rows, %zu columns\n", sfhet_table_name(t), sfhet_table_nrows(t),
            sfhet_table_ncols(t));
    fprintf(out.fp, "%4s  %-20s %8s %16s %16s\n", "#", "name", "missing", "min", "max");
  }
  for (size_t c = 0; c < sfhet_table_ncols(t); c++) {
    const double *v;
    size_t miss = 0;
    int st = sfhet_table_column(t, c, SFHET_MISSING_NAN, &v, &miss);
    if (st) {
      sfhet_outfile_abort(&out);
      return st;
    }
    double lo, hi;
    column_stats(v, sfhet_table_nrows(t), &lo, &hi);
    if (s->json) {
      sfhet_json_object_begin(&j, NULL);
      sfhet_json_string(&j, "name", sfhet_table_colname(t, c));
      sfhet_json_int(&j, "missing", (long long)miss);
      sfhet_json_number(&j, "min", lo);
      sfhet_json_number(&j, "max", hi);
      sfhet_json_object_end(&j);
    } else {
      fprintf(out.fp, "%4zu  %-20s %8zu %16.10g %16.10g\n", c + 1, sfhet_table_colname(t, c), miss, lo,
              hi);
    }
  }
  if (s->json) {
    sfhet_json_array_end(&j);
    sfhet_json_end(&j);
  }
  return sfhet_outfile_commit(&out);
}

static int run_inspect(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "inspect", "inspect --data FILE [--json]",
                "Reads a data file (CSV, TSV, semicolon or whitespace separated; '#' comments; header row)\n"
                "the way every sfhet command does, and lists its columns with the number of missing\n"
                "(empty or nan) cells and their range. A non-numeric cell is an error naming its line.");
  cli_add(&s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file ('-' for standard input)");
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  const char *path = cli_str(&s, "data");
  if (!path) return cli_usage_error("--data is required");
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_read(path, &t));
  st = report(&s, t);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_inspect = {"inspect", "show the columns sfhet reads from a data file",
                                     run_inspect};
