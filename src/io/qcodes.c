/* QCoDeS SQLite databases through libsqlite3 (read-only): the runs table lists the runs; a run's
 * parameters, units and labels come from its run description JSON (interdependencies.paramspecs, else
 * interdependencies_.parameters; the layouts table for databases older than schema 3), read with
 * SQLite's own JSON functions; its results table holds one row per add_result, with numeric cells,
 * NULLs (missing) and numpy .npy blobs for array parameters (expanded to one row per element). */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/npy.h"
#include "io/qcodes_int.h"
#include "io/table_int.h"
#include "sfhet/error.h"

static int db_error(const sfhet_table *t, sqlite3 *db, const char *what) {
  SFHET_ERROR(SFHET_EIO, "%s: %s: %s", t->name, what, db ? sqlite3_errmsg(db) : "cannot open");
}

static const char *text_col(sqlite3_stmt *s, int i) {
  const unsigned char *v = sqlite3_column_text(s, i);
  return v ? (const char *)v : "";
}

/* A one-row query with one integer result (-1 on failure). */
static long long scalar(sqlite3 *db, const char *sql) {
  sqlite3_stmt *s;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) return -1;
  if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

/* "name" quoted as an SQL identifier into buf. */
void qc_quote(const char *name, char *buf, size_t size) {
  size_t k = 0;
  if (size < 3) return;
  buf[k++] = '"';
  for (const char *p = name; *p && k + 3 < size; p++) {
    if (*p == '"') buf[k++] = '"';
    buf[k++] = *p;
  }
  buf[k++] = '"';
  buf[k] = '\0';
}

/* One entry per run: "N rows; experiment 'e' (sample 's'); parameters: a [V], b". */
static int list_runs(sfhet_table *t, sqlite3 *db, long *last, size_t *count) {
  sqlite3_stmt *s;
  const char *sql = "SELECT r.run_id, r.name, r.result_table_name, e.name, e.sample_name, r.parameters "
                    "FROM runs r LEFT JOIN experiments e ON r.exp_id = e.exp_id ORDER BY r.run_id";
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) return db_error(t, db, "reading the runs table");
  int st = SFHET_OK;
  *count = 0;
  while (!st && sqlite3_step(s) == SQLITE_ROW) {
    char q[300], count_sql[400], info[900];
    qc_quote(text_col(s, 2), q, sizeof q);
    snprintf(count_sql, sizeof count_sql, "SELECT COUNT(*) FROM %s", q);
    long long rows = scalar(db, count_sql);
    snprintf(info, sizeof info, "%lld result rows; experiment '%s' (sample '%s'); parameters: %s", rows,
             text_col(s, 3), text_col(s, 4), text_col(s, 5));
    *last = (long)sqlite3_column_int64(s, 0);
    st = tbl_add_entry(t, *last, text_col(s, 1), info);
    ++*count;
  }
  sqlite3_finalize(s);
  return st;
}

static int run_list_text(const sfhet_table *t, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->nentries && used + 40 < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%ld '%s'", i ? ", " : "", t->entries[i].id,
                             t->entries[i].name);
  return SFHET_OK;
}

static int choose_run(sfhet_table *t, long want, long last, size_t count, long *run) {
  char list[600];
  run_list_text(t, list, sizeof list);
  if (count == 0) SFHET_ERROR(SFHET_EDATA, "%s: a QCoDeS database without runs", t->name);
  if (want > 0) {
    for (size_t i = 0; i < t->nentries; i++)
      if (t->entries[i].id == want) return *run = want, SFHET_OK;
    SFHET_ERROR(SFHET_EDATA, "%s: no run %ld in this QCoDeS database (runs: %s)", t->name, want, list);
  }
  if (count == 1) return *run = last, SFHET_OK;
  SFHET_ERROR(SFHET_EUSAGE, "%s: %zu runs in this QCoDeS database: choose one with --run N or %s:N "
              "(runs: %s)", t->name, count, t->name, list);
}

/* The run's row of the runs table as metadata (not the run description and snapshot JSON). */
static int run_meta(sfhet_table *t, sqlite3 *db, long run, char *result_table, size_t size) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, "SELECT * FROM runs WHERE run_id = ?", -1, &s, NULL) != SQLITE_OK)
    return db_error(t, db, "reading the runs table");
  sqlite3_bind_int64(s, 1, run);
  int st = SFHET_OK;
  result_table[0] = '\0';
  if (sqlite3_step(s) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count(s) && !st; i++) {
      const char *k = sqlite3_column_name(s, i);
      if (strcmp(k, "result_table_name") == 0) snprintf(result_table, size, "%s", text_col(s, i));
      if (strcmp(k, "run_description") && strcmp(k, "snapshot")) st = tbl_add_meta(t, k, text_col(s, i));
    }
  sqlite3_finalize(s);
  if (!st && !result_table[0]) SFHET_ERROR(SFHET_EDATA, "%s: run %ld has no results table", t->name, run);
  return st;
}

static int open_db(sfhet_table *t, const char *path, sqlite3 **db) {
  if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    int st = db_error(t, *db, "cannot open as an SQLite database");
    sqlite3_close(*db);
    *db = NULL;
    return st;
  }
  sqlite3_busy_timeout(*db, 2000);
  if (scalar(*db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='runs'") != 1)
    SFHET_ERROR(SFHET_EDATA, "%s: an SQLite database but not a QCoDeS one (no 'runs' table)", t->name);
  return SFHET_OK;
}

int tbl_read_qcodes(sfhet_table *t, const char *path, const sfhet_read_opts *o) {
  sqlite3 *db = NULL;
  long last = 0, run = 0;
  size_t count = 0;
  char result_table[256];
  int st = open_db(t, path, &db);
  if (!st) st = list_runs(t, db, &last, &count);
  if (!st && o->list && o->run <= 0 && count != 1) {
    sqlite3_close(db);
    return SFHET_OK;
  }
  if (!st) st = choose_run(t, o->run, last, count, &run);
  if (!st) st = run_meta(t, db, run, result_table, sizeof result_table);
  if (!st) st = qc_read_results(t, db, run, result_table);
  sqlite3_close(db);
  return st;
}
