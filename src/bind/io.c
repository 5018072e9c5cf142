/* Bound input helpers: quantities and ranges with units, the table reader, grouping by a sweep column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

/* The dimension named by text: its key ("field"), its name ("magnetic field") or its default unit
 * ("T"); "" is dimensionless. */
static int dim_of(const char *text, sfhet_dim *dim) {
  for (int d = 0; d < SFHET_DIM_COUNT; d++) {
    sfhet_dim e = (sfhet_dim)d;
    if (!strcmp(text, bind_dim_key(e)) || !strcmp(text, sfhet_dim_name(e)) || !strcmp(text, sfhet_dim_unit(e)))
      return *dim = e, SFHET_OK;
  }
  SFHET_ERROR(SFHET_EUSAGE, "dim: unknown dimension '%s' (a key such as energy or field, or a unit such as meV)", text);
}

static int text_and_dim(bind_args *a, const char **text, sfhet_dim *dim, const char **what) {
  *text = bind_str(a, "text", NULL);
  const char *d = bind_str(a, "dim", "none");
  *what = bind_str(a, "what", "value");
  SFHET_TRY(bind_done(a));
  if (!*text) SFHET_ERROR(SFHET_EUSAGE, "%s: argument text is required", a->fn);
  return dim_of(d, dim);
}

static int run_quantity(bind_args *a, sfhet_bind_res *r) {
  const char *text, *what;
  sfhet_dim dim;
  SFHET_TRY(text_and_dim(a, &text, &dim, &what));
  double v;
  SFHET_TRY(sfhet_parse_quantity(text, dim, what, &v));
  return bind_res_scalar(r, "value", v);
}

const bind_fn bind_fn_quantity = {
    .name = "quantity", .summary = "a quantity with optional unit in the default unit of its dimension",
    .args = "text, dim (name or default unit), what (name in messages)", .run = run_quantity};

static int run_range(bind_args *a, sfhet_bind_res *r) {
  const char *text, *what;
  sfhet_dim dim;
  SFHET_TRY(text_and_dim(a, &text, &dim, &what));
  sfhet_range rg;
  SFHET_TRY(sfhet_parse_range(text, dim, what, &rg));
  int st = bind_res_copy(r, "values", rg.v, rg.n);
  sfhet_range_free(&rg);
  return st;
}

const bind_fn bind_fn_range = {
    .name = "range", .summary = "START:STOP:COUNT, a comma list or one value, with units",
    .args = "text, dim, what", .run = run_range};

/* Factor that takes column c to the default unit of its unit's dimension, and that unit (1 and the
 * file's unit when the unit is unknown or not to be converted). */
static double conversion(const sfhet_table *t, size_t c, int convert, const char **unit) {
  sfhet_dim dim;
  double f;
  *unit = sfhet_table_unit(t, c);
  if (!convert || !**unit || sfhet_unit_lookup(*unit, &dim, &f)) return 1.0;
  *unit = sfhet_dim_unit(dim);
  return f;
}

/* Column c as numbers (NaN for missing cells; converted when asked), or as text cells when a cell is
 * not a number. */
static int read_column(sfhet_table *t, size_t c, int convert, sfhet_bind_res *r, double *missing) {
  size_t n = sfhet_table_nrows(t), nm = 0;
  double *v;
  *missing = 0;
  if (!sfhet_table_is_numeric(t, c, NULL)) { /* a text column: keep its cells */
    SFHET_TRY(bind_res_string(r, "kind", "text"));
    SFHET_TRY(bind_res_string(r, "unit", "%s", sfhet_table_unit(t, c)));
    SFHET_TRY(bind_res_array(r, sfhet_table_colname(t, c), n, 1, &v));
    for (size_t i = 0; i < n; i++) {
      v[i] = NAN;
      SFHET_TRY(bind_res_string(r, "cell", "%s", sfhet_table_cell(t, i, c)));
    }
    return SFHET_OK;
  }
  const double *x;
  SFHET_TRY(sfhet_table_column(t, c, SFHET_MISSING_NAN, &x, &nm));
  const char *unit;
  double f = conversion(t, c, convert, &unit);
  SFHET_TRY(bind_res_string(r, "kind", "numeric"));
  SFHET_TRY(bind_res_string(r, "unit", "%s", unit));
  SFHET_TRY(bind_res_array(r, sfhet_table_colname(t, c), n, 1, &v));
  for (size_t i = 0; i < n; i++) v[i] = x[i] * f;
  *missing = (double)nm;
  return SFHET_OK;
}

/* Header metadata (key/value pairs) and the entries (QCoDeS runs, HDF5 datasets) of a table. */
static int table_meta(const sfhet_table *t, sfhet_bind_res *r) {
  SFHET_TRY(bind_res_string(r, "format", "%s", sfhet_format_name(sfhet_table_format(t))));
  for (size_t i = 0; i < sfhet_table_nmeta(t); i++) {
    SFHET_TRY(bind_res_string(r, "meta_key", "%s", sfhet_table_meta_key(t, i)));
    SFHET_TRY(bind_res_string(r, "meta_value", "%s", sfhet_table_meta_value(t, i)));
  }
  size_t ne = sfhet_table_nentries(t);
  double *id;
  SFHET_TRY(bind_res_array(r, "#entry", ne, 1, &id));
  for (size_t i = 0; i < ne; i++) {
    const sfhet_table_entry *e = sfhet_table_entry_at(t, i);
    id[i] = (double)e->id;
    SFHET_TRY(bind_res_string(r, "entry_name", "%s", e->name ? e->name : ""));
    SFHET_TRY(bind_res_string(r, "entry_info", "%s", e->info ? e->info : ""));
  }
  return SFHET_OK;
}

static int table_result(sfhet_table *t, int convert, sfhet_bind_res *r) {
  size_t nc = sfhet_table_ncols(t), n = sfhet_table_nrows(t);
  SFHET_TRY(bind_res_string(r, "file", "%s", sfhet_table_name(t)));
  for (size_t c = 0; c < nc; c++) {
    SFHET_TRY(bind_res_string(r, "column", "%s", sfhet_table_colname(t, c)));
    SFHET_TRY(bind_res_string(r, "label", "%s", sfhet_table_label(t, c)));
  }
  double *missing = malloc((nc ? nc : 1) * sizeof *missing);
  if (!missing) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = SFHET_OK;
  for (size_t c = 0; c < nc && !st; c++) st = read_column(t, c, convert, r, &missing[c]);
  double *line = NULL;
  if (!st) st = bind_res_copy(r, "#missing", missing, nc);
  if (!st) st = bind_res_array(r, "#line", n, 1, &line);
  for (size_t i = 0; !st && i < n; i++) line[i] = (double)sfhet_table_line(t, i);
  free(missing);
  return st ? st : table_meta(t, r);
}

/* The reader's options from the arguments format, run, dataset, list. */
static int read_opts(bind_args *a, sfhet_read_opts *o) {
  long run;
  memset(o, 0, sizeof *o);
  SFHET_TRY(sfhet_format_parse(bind_str(a, "format", "auto"), "format", &o->format));
  SFHET_TRY(bind_int(a, "run", 0, 0, 1000000000L, &run));
  o->run = run;
  o->dataset = bind_str(a, "dataset", NULL);
  return bind_flag(a, "list", &o->list);
}

static int run_read(bind_args *a, sfhet_bind_res *r) {
  const char *path = bind_str(a, "path", NULL);
  sfhet_read_opts o;
  int convert;
  SFHET_TRY(read_opts(a, &o));
  SFHET_TRY(bind_flag(a, "convert", &convert));
  SFHET_TRY(bind_done(a));
  if (!path) SFHET_ERROR(SFHET_EUSAGE, "read: argument path is required");
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_open(path, &o, &t));
  int st = table_result(t, convert, r);
  sfhet_table_free(t);
  return st;
}

const bind_fn bind_fn_read = {
    .name = "read",
    .summary = "a data table in any format the CLI reads: its columns in file order, then arrays #missing, "
               "#line, #entry; strings file, column, label, kind (numeric/text), unit per column, cell (text "
               "columns), format, meta_key/meta_value, entry_name/entry_info",
    .args = "path (FILE, FILE.h5:/path, FILE.db:RUN), format (auto), run (QCoDeS), dataset (HDF5), list, convert "
            "(numbers with a known unit to the default unit of its dimension)",
    .run = run_read};

static int run_groups(bind_args *a, sfhet_bind_res *r) {
  const double *s;
  size_t n;
  double rtol, def = 1e-9; /* the tolerance the spectra loader uses for --sweep */
  SFHET_TRY(bind_array(a, "sweep", BIND_REQUIRED, &s, &n));
  SFHET_TRY(bind_qty(a, "rtol", SFHET_DIM_NONE, &def, &rtol));
  SFHET_TRY(bind_done(a));
  if (!(rtol >= 0 && rtol < 1)) SFHET_ERROR(SFHET_ERANGE, "rtol: %g must be in [0, 1)", rtol);
  sfhet_groups g;
  SFHET_TRY(sfhet_groups_make(s, n, rtol, &g));
  double *start, *count, *row;
  size_t kept = n - g.dropped;
  int st = bind_res_copy(r, "value", g.value, g.n);
  if (!st) st = bind_res_array(r, "start", g.n, 1, &start);
  if (!st) st = bind_res_array(r, "count", g.n, 1, &count);
  if (!st) st = bind_res_array(r, "row", kept, 1, &row);
  for (size_t i = 0; !st && i < g.n; i++) start[i] = (double)g.start[i], count[i] = (double)g.count[i];
  for (size_t i = 0; !st && i < kept; i++) row[i] = (double)g.row[i];
  if (!st) st = bind_res_scalar(r, "dropped", (double)g.dropped);
  sfhet_groups_free(&g);
  return st;
}

const bind_fn bind_fn_groups = {
    .name = "groups",
    .summary = "rows grouped by a sweep column as the fit's --sweep does (value, start, count, row, dropped)",
    .args = "array sweep, rtol (default 1e-9)", .run = run_groups};
