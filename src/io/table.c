/* The table object: columns (text cells parsed lazily, or numeric values given or decoded by the
 * format reader), metadata and entries, and the lookups every command uses. */
#include "sfhet/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "io/table_int.h"
#include "sfhet/error.h"

static char *dup_or_empty(const char *s) { return strdup(s ? s : ""); }

sfhet_table *tbl_new(const char *name, sfhet_format format) {
  sfhet_table *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->name = strdup(name ? name : "<memory>");
  if (!t->name) {
    free(t);
    return NULL;
  }
  t->format = format;
  return t;
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return SFHET_OK;
  size_t nc = *cap ? 2 * *cap : 8;
  while (nc < need) nc *= 2;
  void *q = realloc(*p, nc * size);
  if (!q) return SFHET_ENOMEM;
  *p = q;
  *cap = nc;
  return SFHET_OK;
}

int tbl_add_column(sfhet_table *t, const char *name, const char *unit, const char *label, size_t *index) {
  if (grow((void **)&t->cols, &t->capcols, t->ncols + 1, sizeof *t->cols))
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  tbl_col *c = &t->cols[t->ncols];
  memset(c, 0, sizeof *c);
  char u[64];
  if (!unit) sfhet_colname_split(name, NULL, 0, u, sizeof u);
  c->name = dup_or_empty(name);
  c->unit = dup_or_empty(unit ? unit : u);
  c->label = dup_or_empty(label);
  if (!c->name || !c->unit || !c->label) {
    free(c->name), free(c->unit), free(c->label);
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  }
  if (index) *index = t->ncols;
  t->ncols++;
  return SFHET_OK;
}

int tbl_add_meta(sfhet_table *t, const char *key, const char *value) {
  if (grow((void **)&t->meta, &t->capmeta, 2 * (t->nmeta + 1), sizeof *t->meta))
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  char *k = dup_or_empty(key), *v = dup_or_empty(value);
  if (!k || !v) {
    free(k), free(v);
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  }
  tbl_trim(v);
  t->meta[2 * t->nmeta] = k;
  t->meta[2 * t->nmeta + 1] = v;
  t->nmeta++;
  return SFHET_OK;
}

int tbl_add_entry(sfhet_table *t, long id, const char *name, const char *info) {
  if (grow((void **)&t->entries, &t->capentries, t->nentries + 1, sizeof *t->entries))
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  char *n = dup_or_empty(name), *i = dup_or_empty(info);
  if (!n || !i) {
    free(n), free(i);
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  }
  t->entries[t->nentries++] = (sfhet_table_entry){id, n, i};
  return SFHET_OK;
}

static void free_col(tbl_col *c, size_t nrows) {
  if (c->strs)
    for (size_t r = 0; r < nrows; r++) free(c->strs[r]);
  free(c->strs), free(c->values);
  for (tbl_conv *v = c->conv, *next; v; v = next) {
    next = v->next;
    free(v->values);
    free(v);
  }
  free(c->name), free(c->unit), free(c->label);
}

void sfhet_table_free(sfhet_table *t) {
  if (!t) return;
  for (size_t i = 0; i < t->ncols; i++) free_col(&t->cols[i], t->nrows);
  for (size_t i = 0; i < 2 * t->nmeta; i++) free(t->meta[i]);
  for (size_t i = 0; i < t->nentries; i++) free((char *)t->entries[i].name), free((char *)t->entries[i].info);
  if (t->blob && t->blob_free) t->blob_free(t->blob);
  if (t->map) munmap(t->map, t->map_len);
  free(t->cols), free(t->meta), free(t->entries);
  free(t->cells), free(t->lines), free(t->buf), free(t->name);
  free(t);
}

size_t sfhet_table_nrows(const sfhet_table *t) { return t->nrows; }
size_t sfhet_table_ncols(const sfhet_table *t) { return t->ncols; }
const char *sfhet_table_colname(const sfhet_table *t, size_t c) { return t->cols[c].name; }
const char *sfhet_table_unit(const sfhet_table *t, size_t c) { return t->cols[c].unit; }
const char *sfhet_table_label(const sfhet_table *t, size_t c) { return t->cols[c].label; }
const char *sfhet_table_name(const sfhet_table *t) { return t->name; }
sfhet_format sfhet_table_format(const sfhet_table *t) { return t->format; }
size_t sfhet_table_line(const sfhet_table *t, size_t r) { return t->lines ? t->lines[r] : r + 1; }
size_t sfhet_table_nmeta(const sfhet_table *t) { return t->nmeta; }
const char *sfhet_table_meta_key(const sfhet_table *t, size_t i) { return t->meta[2 * i]; }
const char *sfhet_table_meta_value(const sfhet_table *t, size_t i) { return t->meta[2 * i + 1]; }
size_t sfhet_table_nentries(const sfhet_table *t) { return t->nentries; }
const sfhet_table_entry *sfhet_table_entry_at(const sfhet_table *t, size_t i) { return &t->entries[i]; }

/* Values of a numeric (non-text) column, decoded on first use. */
static const double *numeric_values(sfhet_table *t, tbl_col *c);

const char *sfhet_table_cell(const sfhet_table *t, size_t r, size_t c) {
  const tbl_col *col = &t->cols[c];
  if (col->strs) return col->strs[r];
  if (t->cells) return t->cells[r * t->ncols + c];
  sfhet_table *mt = (sfhet_table *)t;
  const double *v = numeric_values(mt, &mt->cols[c]);
  if (!v) return "";
  if (isnan(v[r])) return "nan";
  snprintf(mt->cellbuf, sizeof mt->cellbuf, "%.17g", v[r]);
  return mt->cellbuf;
}

/* Last '>' component of a Nanonis key ("Lock-in>Amplitude" -> "Amplitude"). */
static const char *last_component(const char *k) {
  const char *g = strrchr(k, '>');
  return g ? g + 1 : k;
}

int sfhet_table_meta_find(const sfhet_table *t, const char *key, size_t *index) {
  for (size_t i = 0; i < t->nmeta; i++)
    if (strcmp(t->meta[2 * i], key) == 0) return *index = i, 1;
  int n = 0;
  for (size_t i = 0; i < t->nmeta; i++)
    if (strcasecmp(t->meta[2 * i], key) == 0) *index = i, n++;
  if (n) return n == 1 ? 1 : -1;
  for (size_t i = 0; i < t->nmeta; i++)
    if (strcasecmp(last_component(t->meta[2 * i]), key) == 0) *index = i, n++;
  return n == 1 ? 1 : n ? -1 : 0;
}

const char *sfhet_table_meta(const sfhet_table *t, const char *key) {
  size_t i;
  return sfhet_table_meta_find(t, key, &i) == 1 ? t->meta[2 * i + 1] : NULL;
}

static void list_columns(const sfhet_table *t, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->ncols && used + 4 < size; i++) {
    int w = snprintf(buf + used, size - used, "%s'%s'", i ? ", " : "", t->cols[i].name);
    if (w < 0) break;
    used += (size_t)w;
  }
  if (used >= size - 1 && size > 4) memcpy(buf + size - 4, "...", 4);
}

/* Columns whose name without its unit is spec ("Bias" for "Bias (V)"). */
static int find_base(const sfhet_table *t, const char *spec, size_t *col) {
  int n = 0;
  for (size_t i = 0; i < t->ncols; i++) {
    char base[256], unit[64];
    sfhet_colname_split(t->cols[i].name, base, sizeof base, unit, sizeof unit);
    if (unit[0] && strcasecmp(base, spec) == 0) *col = i, n++;
  }
  return n;
}

int sfhet_table_find(const sfhet_table *t, const char *spec, const char *what, size_t *col) {
  for (size_t i = 0; i < t->ncols; i++)
    if (strcmp(t->cols[i].name, spec) == 0) return *col = i, SFHET_OK;
  for (size_t i = 0; i < t->ncols; i++)
    if (strcasecmp(t->cols[i].name, spec) == 0) return *col = i, SFHET_OK;
  char *end;
  long k = strtol(spec, &end, 10);
  if (*spec && *end == '\0') {
    if (k >= 1 && (size_t)k <= t->ncols) return *col = (size_t)k - 1, SFHET_OK;
    SFHET_ERROR(SFHET_EDATA, "%s: column %ld does not exist in %s (it has %zu columns)", what, k, t->name,
                t->ncols);
  }
  if (find_base(t, spec, col) == 1) return SFHET_OK;
  char names[512];
  list_columns(t, names, sizeof names);
  SFHET_ERROR(SFHET_EDATA, "%s: no column '%s' in %s (columns: %s)", what, spec, t->name, names);
}

/* Parses the text cells of column col; the first bad cell is an error (report) naming its line. */
static int convert_text(sfhet_table *t, size_t col, double *v, size_t *n_missing, int report) {
  size_t miss = 0;
  tbl_col *c = &t->cols[col];
  for (size_t r = 0; r < t->nrows; r++) {
    const char *cell = c->strs ? c->strs[r] : t->cells[r * t->ncols + col];
    if (tbl_parse_number(cell, &v[r])) continue;
    if (tbl_is_missing(cell)) {
      v[r] = NAN;
      miss++;
      continue;
    }
    *n_missing = r; /* the failing row */
    if (!report) return SFHET_EPARSE;
    SFHET_ERROR(SFHET_EPARSE, "%s:%zu: column '%s': '%s' is not a finite number", t->name,
                sfhet_table_line(t, r), c->name, cell);
  }
  *n_missing = miss;
  return SFHET_OK;
}

static const double *numeric_values(sfhet_table *t, tbl_col *c) {
  if (c->ready) return c->values;
  if (!c->fill) return NULL;
  c->values = malloc((t->nrows ? t->nrows : 1) * sizeof *c->values);
  if (!c->values) return NULL;
  c->missing = c->fill(t, c, c->values);
  c->ready = 1;
  return c->values;
}

static int is_text(const sfhet_table *t, const tbl_col *c) {
  return !c->ready && !c->fill && (c->strs || t->cells);
}

static int materialise(sfhet_table *t, size_t col, int report) {
  tbl_col *c = &t->cols[col];
  if (c->ready) return SFHET_OK;
  if (!is_text(t, c)) {
    if (numeric_values(t, c)) return SFHET_OK;
    if (!c->fill && t->nrows == 0) return c->ready = 1, SFHET_OK;
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  }
  double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
  if (!v) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  size_t miss = 0;
  int st = convert_text(t, col, v, &miss, report);
  if (st) {
    free(v);
    return st;
  }
  c->values = v;
  c->missing = miss;
  c->ready = 1;
  return SFHET_OK;
}

int sfhet_table_is_numeric(sfhet_table *t, size_t col, size_t *bad_row) {
  tbl_col *c = &t->cols[col];
  if (!is_text(t, c)) return 1;
  double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
  size_t r = 0;
  int ok = v && convert_text(t, col, v, &r, 0) == SFHET_OK;
  free(v);
  if (!ok && bad_row) *bad_row = r;
  return ok;
}

static int first_missing_row(const tbl_col *c, size_t nrows) {
  for (size_t r = 0; r < nrows; r++)
    if (isnan(c->values[r])) return (int)r;
  return -1;
}

int sfhet_table_column(sfhet_table *t, size_t col, sfhet_missing_policy policy, const double **values,
                       size_t *n_missing) {
  if (col >= t->ncols) SFHET_ERROR(SFHET_EINVAL, "%s: no column %zu", t->name, col + 1);
  SFHET_TRY(materialise(t, col, 1));
  tbl_col *c = &t->cols[col];
  if (c->missing && policy == SFHET_MISSING_ERROR) {
    int r = first_missing_row(c, t->nrows);
    SFHET_ERROR(SFHET_EDATA, "%s:%zu: column '%s': empty or nan cell", t->name,
                sfhet_table_line(t, (size_t)r), c->name);
  }
  if (n_missing) *n_missing = c->missing;
  *values = c->values;
  return SFHET_OK;
}

/* Values times factor, cached per column (the last factor asked for). */
int tbl_scaled(sfhet_table *t, size_t col, double factor, const double **values) {
  tbl_col *c = &t->cols[col];
  if (factor == 1.0) return *values = c->values, SFHET_OK;
  for (tbl_conv *v = c->conv; v; v = v->next)
    if (v->factor == factor) return *values = v->values, SFHET_OK;
  tbl_conv *v = malloc(sizeof *v);
  double *a = malloc((t->nrows ? t->nrows : 1) * sizeof *a);
  if (!v || !a) {
    free(v), free(a);
    SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  }
  for (size_t r = 0; r < t->nrows; r++) a[r] = c->values[r] * factor;
  *v = (tbl_conv){factor, a, c->conv};
  c->conv = v;
  *values = a;
  return SFHET_OK;
}

int sfhet_table_get(sfhet_table *t, const char *spec, const char *what, const double **values) {
  sfhet_colreq req = {spec, NULL, SFHET_COL_OWN, SFHET_DIM_NONE, what};
  sfhet_colinfo info;
  return sfhet_table_column_req(t, &req, SFHET_MISSING_ERROR, values, NULL, &info);
}
