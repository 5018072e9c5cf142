/* QCoDeS run parameters (run description JSON, or the layouts table) and the results table read
 * into columns; array parameters (.npy blobs) expand each results row into one row per element. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/npy.h"
#include "io/qcodes_int.h"
#include "sfhet/error.h"

typedef struct {
  char name[128], unit[48], label[256];
  int text;
} qparam;

typedef struct {
  qparam p[256];
  size_t n;
} qparams;

static const char *txt(sqlite3_stmt *s, int i) {
  const unsigned char *v = sqlite3_column_text(s, i);
  return v ? (const char *)v : "";
}

static void add_param(qparams *ps, const char *name, const char *unit, const char *label, const char *type,
                      const char *depends) {
  if (!name[0] || ps->n == sizeof ps->p / sizeof ps->p[0]) return;
  for (size_t i = 0; i < ps->n; i++)
    if (strcmp(ps->p[i].name, name) == 0) return;
  qparam *q = &ps->p[ps->n++];
  snprintf(q->name, sizeof q->name, "%s", name);
  snprintf(q->unit, sizeof q->unit, "%s", unit);
  if (depends[0] && strcmp(depends, "[]") != 0)
    snprintf(q->label, sizeof q->label, "%s; depends on %s", label, depends);
  else
    snprintf(q->label, sizeof q->label, "%s", label);
  q->text = strcmp(type, "text") == 0;
}

/* Parameters listed under a JSON path of the run description (0 found if SQLite lacks JSON). */
static void params_json(sqlite3 *db, long run, const char *jpath, qparams *ps) {
  const char *sql = "SELECT json_extract(j.value, '$.name'), json_extract(j.value, '$.unit'), "
                    "json_extract(j.value, '$.label'), json_extract(j.value, '$.paramtype'), "
                    "json_extract(j.value, '$.depends_on') FROM runs, json_each(runs.run_description, ?) "
                    "AS j WHERE runs.run_id = ?";
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) return;
  sqlite3_bind_text(s, 1, jpath, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, run);
  while (sqlite3_step(s) == SQLITE_ROW) add_param(ps, txt(s, 0), txt(s, 1), txt(s, 2), txt(s, 3), txt(s, 4));
  sqlite3_finalize(s);
}

static void params_layouts(sqlite3 *db, long run, qparams *ps) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, "SELECT parameter, unit, label FROM layouts WHERE run_id = ? ORDER BY layout_id",
                         -1, &s, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64(s, 1, run);
  while (sqlite3_step(s) == SQLITE_ROW) add_param(ps, txt(s, 0), txt(s, 1), txt(s, 2), "numeric", "");
  sqlite3_finalize(s);
}

/* Growing columns of the table being built. */
typedef struct {
  size_t cap;
  double **v;
  char ***s;
} qcols;

static int reserve(sfhet_table *t, qcols *c, const qparams *ps, size_t need) {
  if (need <= c->cap) return SFHET_OK;
  size_t nc = c->cap ? 2 * c->cap : 1024;
  while (nc < need) nc *= 2;
  for (size_t k = 0; k < ps->n; k++) {
    if (ps->p[k].text) {
      char **q = realloc(c->s[k], nc * sizeof *q);
      if (!q) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
      c->s[k] = q;
    } else {
      double *q = realloc(c->v[k], nc * sizeof *q);
      if (!q) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
      c->v[k] = q;
    }
  }
  c->cap = nc;
  return SFHET_OK;
}

/* Decodes the array cells of a results row; *len receives the common array length (1: none). */
static int row_arrays(sfhet_table *t, sqlite3_stmt *s, const qparams *ps, long run, long long id,
                      double **arr, size_t *alen, size_t *len) {
  *len = 1;
  int have = 0;
  for (size_t k = 0; k < ps->n; k++) {
    arr[k] = NULL, alen[k] = 0;
    if (ps->p[k].text || sqlite3_column_type(s, (int)k) != SQLITE_BLOB) continue;
    char why[96];
    const void *b = sqlite3_column_blob(s, (int)k);
    if (npy_decode(b, (size_t)sqlite3_column_bytes(s, (int)k), &arr[k], &alen[k], why))
      SFHET_ERROR(SFHET_EDATA, "%s: run %ld, results row %lld: parameter '%s' is %s", t->name, run, id,
                  ps->p[k].name, why);
    if (have && alen[k] != *len)
      SFHET_ERROR(SFHET_EDATA, "%s: run %ld, results row %lld: arrays of %zu and %zu elements in one row",
                  t->name, run, id, *len, alen[k]);
    *len = alen[k], have = 1;
  }
  return SFHET_OK;
}

static int scalar_value(sfhet_table *t, sqlite3_stmt *s, size_t k, const qparam *p, long run, long long id,
                        double *v) {
  int ty = sqlite3_column_type(s, (int)k);
  if (ty == SQLITE_NULL) return *v = NAN, SFHET_OK;
  if (ty == SQLITE_INTEGER || ty == SQLITE_FLOAT) return *v = sqlite3_column_double(s, (int)k), SFHET_OK;
  if (ty == SQLITE_TEXT && tbl_parse_number(txt(s, (int)k), v)) return SFHET_OK;
  SFHET_ERROR(SFHET_EDATA, "%s: run %ld, results row %lld: numeric parameter '%s' holds '%.40s'", t->name, run,
              id, p->name, txt(s, (int)k));
}

/* Appends one results row (len rows when it holds arrays). */
static int add_rows(sfhet_table *t, sqlite3_stmt *s, const qparams *ps, qcols *c, long run, long long id) {
  double *arr[256];
  size_t alen[256], len;
  int st = row_arrays(t, s, ps, run, id, arr, alen, &len);
  if (!st) st = reserve(t, c, ps, t->nrows + len);
  for (size_t k = 0; k < ps->n && !st; k++) {
    double v = NAN;
    if (ps->p[k].text) {
      for (size_t j = 0; j < len && !st; j++)
        if (!(c->s[k][t->nrows + j] = strdup(txt(s, (int)k)))) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
      continue;
    }
    if (!arr[k]) st = scalar_value(t, s, k, &ps->p[k], run, id, &v);
    for (size_t j = 0; j < len && !st; j++) c->v[k][t->nrows + j] = arr[k] ? arr[k][j] : v;
  }
  for (size_t k = 0; k < ps->n; k++) free(arr[k]);
  if (!st) t->nrows += len;
  return st;
}

static int select_all(sfhet_table *t, sqlite3 *db, const qparams *ps, const char *table, sqlite3_stmt **s) {
  size_t size = 64 + 300 * (ps->n + 1);
  char *sql = malloc(size), q[300];
  if (!sql) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t used = (size_t)snprintf(sql, size, "SELECT ");
  for (size_t k = 0; k < ps->n; k++) {
    qc_quote(ps->p[k].name, q, sizeof q);
    used += (size_t)snprintf(sql + used, size - used, "%s%s", k ? ", " : "", q);
  }
  qc_quote(table, q, sizeof q);
  snprintf(sql + used, size - used, " FROM %s ORDER BY rowid", q);
  int rc = sqlite3_prepare_v2(db, sql, -1, s, NULL);
  free(sql);
  if (rc != SQLITE_OK)
    SFHET_ERROR(SFHET_EDATA, "%s: results table '%s': %s", t->name, table, sqlite3_errmsg(db));
  return SFHET_OK;
}

/* Hands the built columns to the table. */
static int install(sfhet_table *t, const qparams *ps, qcols *c) {
  for (size_t k = 0; k < ps->n; k++) {
    size_t col;
    SFHET_TRY(tbl_add_column(t, ps->p[k].name, ps->p[k].unit, ps->p[k].label, &col));
    tbl_col *tc = &t->cols[col];
    if (ps->p[k].text) {
      tc->strs = c->s[k], c->s[k] = NULL;
      continue;
    }
    tc->values = c->v[k], c->v[k] = NULL;
    if (!tc->values && !(tc->values = malloc(sizeof *tc->values)))
      SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    for (size_t r = 0; r < t->nrows; r++) tc->missing += isnan(tc->values[r]) != 0;
    tc->ready = 1;
  }
  return SFHET_OK;
}

static void free_cols(qcols *c, const qparams *ps, size_t nrows) {
  for (size_t k = 0; k < ps->n; k++) {
    free(c->v[k]);
    if (c->s[k])
      for (size_t r = 0; r < nrows; r++) free(c->s[k][r]);
    free(c->s[k]);
  }
  free(c->v), free(c->s);
}

int qc_read_results(sfhet_table *t, sqlite3 *db, long run, const char *result_table) {
  qparams *ps = calloc(1, sizeof *ps);
  if (!ps) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  params_json(db, run, "$.interdependencies.paramspecs", ps);
  if (ps->n == 0) params_json(db, run, "$.interdependencies_.parameters", ps);
  if (ps->n == 0) params_layouts(db, run, ps);
  qcols c = {0, calloc(ps->n + 1, sizeof(double *)), calloc(ps->n + 1, sizeof(char **))};
  sqlite3_stmt *s = NULL;
  int st = (c.v && c.s) ? SFHET_OK : SFHET_ENOMEM;
  if (!st && ps->n == 0) SFHET_REPORT(st = SFHET_EDATA, "%s: run %ld describes no parameters", t->name, run);
  if (!st) st = select_all(t, db, ps, result_table, &s);
  int rc = SQLITE_ROW;
  long long id = 0;
  while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) st = add_rows(t, s, ps, &c, run, ++id);
  if (!st && rc != SQLITE_DONE)
    SFHET_REPORT(st = SFHET_EIO, "%s: run %ld: %s", t->name, run, sqlite3_errmsg(db));
  sqlite3_finalize(s);
  if (!st) st = install(t, ps, &c);
  if (st && c.v && c.s) {
    size_t rows = t->nrows;
    t->nrows = 0; /* columns installed so far own their data; the rest is freed here */
    free_cols(&c, ps, rows);
  } else if (c.v && c.s) {
    free(c.v), free(c.s);
  }
  free(ps);
  return st;
}
