/* Measured spectra as data sets: rows of one or more files, grouped by sweep value, cleaned and checked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/dataset_int.h"
#include "sfhet/error.h"

void sfhet_dataset_free(sfhet_dataset *ds) {
  if (!ds) return;
  for (size_t i = 0; i < ds->m; i++) {
    if (ds->x) free(ds->x[i]);
    if (ds->y) free(ds->y[i]);
    if (ds->sigma) free(ds->sigma[i]);
  }
  free(ds->s), free(ds->n), free(ds->x), free(ds->y), free(ds->sigma), free(ds->dir);
  memset(ds, 0, sizeof *ds);
}

void ds_rows_free(ds_rows *r) {
  free(r->x), free(r->y), free(r->sg), free(r->s), free(r->d);
  memset(r, 0, sizeof *r);
}

int ds_alloc_spectra(sfhet_dataset *ds, size_t m) {
  ds->m = m;
  ds->s = calloc(m, sizeof *ds->s);
  ds->n = calloc(m, sizeof *ds->n);
  ds->x = calloc(m, sizeof *ds->x);
  ds->y = calloc(m, sizeof *ds->y);
  ds->sigma = calloc(m, sizeof *ds->sigma);
  if (!ds->s || !ds->n || !ds->x || !ds->y || !ds->sigma) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return SFHET_OK;
}

/* Copies rows[0..k) into spectrum i and cleans it. */
int ds_fill(sfhet_dataset *ds, size_t i, const size_t *rows, size_t k, const ds_rows *r) {
  ds->x[i] = malloc((k ? k : 1) * sizeof(double));
  ds->y[i] = malloc((k ? k : 1) * sizeof(double));
  ds->sigma[i] = r->sg ? malloc((k ? k : 1) * sizeof(double)) : NULL;
  if (!ds->x[i] || !ds->y[i] || (r->sg && !ds->sigma[i])) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t j = 0; j < k; j++) {
    size_t src = rows ? rows[j] : j;
    ds->x[i][j] = r->x[src];
    ds->y[i][j] = r->y[src];
    if (r->sg) ds->sigma[i][j] = r->sg[src];
  }
  size_t n = k;
  sfhet_clean_info ci;
  SFHET_TRY(sfhet_xy_clean(ds->x[i], ds->y[i], ds->sigma[i], &n, &ci));
  ds->n[i] = n;
  ds->info.dropped += ci.dropped;
  ds->info.merged += ci.merged;
  ds->info.reordered |= ci.reordered;
  return SFHET_OK;
}

/* Empty data, constant columns, too short spectra (a reference needs 2 points, and may be constant). */
int ds_check(const sfhet_dataset *ds, const char *path, int reference) {
  size_t total = 0;
  for (size_t i = 0; i < ds->m; i++) total += ds->n[i];
  if (ds->rows == 0) SFHET_ERROR(SFHET_EDATA, "%s: no data rows", path);
  if (total == 0) SFHET_ERROR(SFHET_EDATA, "%s: no usable rows (all %zu have missing values)", path, ds->rows);
  double lo = INFINITY, hi = -INFINITY;
  size_t need = reference ? 2 : 3;
  for (size_t i = 0; i < ds->m; i++)
    for (size_t k = 0; k < ds->n[i]; k++) lo = fmin(lo, ds->y[i][k]), hi = fmax(hi, ds->y[i][k]);
  if (!(hi > lo) && !reference) SFHET_ERROR(SFHET_EDATA, "%s: column '%s' is constant (%g): nothing to fit", path, ds->yname, lo);
  for (size_t i = 0; i < ds->m; i++) {
    if (ds->n[i] < need && ds->m > 1)
      SFHET_ERROR(SFHET_EDATA, "%s: spectrum at %s = %g has %zu distinct points (need at least %zu); a jittery "
                  "readback? group it with --sweep-tol (e.g. 5 times the jitter)", path, ds->sname, ds->s[i],
                  ds->n[i], need);
    if (ds->n[i] < need)
      SFHET_ERROR(SFHET_EDATA, "%s: %zu distinct points (need at least %zu)", path, ds->n[i], need);
    if (!(ds->x[i][ds->n[i] - 1] > ds->x[i][0]))
      SFHET_ERROR(SFHET_EDATA, "%s: column '%s' is constant: nothing to fit", path, ds->xname);
  }
  return SFHET_OK;
}

int ds_direction_column(const sfhet_dataset_spec *sp) {
  return sp->direction && strcmp(sp->direction, "auto") != 0 && strcmp(sp->direction, "none") != 0;
}

/* The grouping tolerance in the sweep's default unit (0: exact). */
static int sweep_tol(const sfhet_dataset_spec *sp, const sfhet_dataset *ds, double *tol) {
  *tol = 0;
  if (!sp->sweep_tol) return SFHET_OK;
  SFHET_TRY(sfhet_parse_quantity(sp->sweep_tol, ds->sdim, "--sweep-tol", tol));
  if (!(*tol >= 0)) SFHET_ERROR(SFHET_EINVAL, "--sweep-tol: %s is negative", sp->sweep_tol);
  return SFHET_OK;
}

/* Direction of every row: from the direction column, from the order of the sweep values, or none
 * (*directed 0). */
static int row_dirs(const sfhet_dataset_spec *sp, const ds_rows *r, double tol, int *dir, int *directed) {
  *directed = 0;
  if (sp->direction && strcmp(sp->direction, "none") == 0) return SFHET_OK;
  if (!r->d) return sfhet_sweep_directions(r->s, r->x, r->n, tol, dir, directed);
  int up = 0, down = 0;
  for (size_t i = 0; i < r->n; i++) {
    dir[i] = isfinite(r->d[i]) ? (r->d[i] > 0) - (r->d[i] < 0) : 0;
    up |= dir[i] > 0, down |= dir[i] < 0;
  }
  *directed = up || down;
  return SFHET_OK;
}

/* Appends the spectra of the rows with direction want (0: all) grouped by sweep value; down sweeps
 * in descending order. */
static int add_groups(sfhet_dataset *ds, const ds_rows *r, const int *dir, int want, double tol, size_t *k) {
  double *s = malloc((r->n ? r->n : 1) * sizeof *s);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < r->n; i++) s[i] = !want || dir[i] == want ? r->s[i] : NAN;
  sfhet_groups g;
  int st = sfhet_groups_make_tol(s, r->n, tol, &g);
  free(s);
  if (st) return st;
  if (!want) ds->info.dropped += g.dropped;
  for (size_t q = 0; q < g.n && !st; q++) {
    size_t i = want < 0 ? g.n - 1 - q : q, at = (*k)++;
    ds->s[at] = g.value[i];
    if (ds->dir) ds->dir[at] = want;
    st = ds_fill(ds, at, g.row + g.start[i], g.count[i], r);
  }
  sfhet_groups_free(&g);
  return st;
}

/* Number of distinct sweep values among rows of direction want (0: all). */
static int count_groups(const ds_rows *r, const int *dir, int want, double tol, size_t *m) {
  double *s = malloc((r->n ? r->n : 1) * sizeof *s);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < r->n; i++) s[i] = !want || dir[i] == want ? r->s[i] : NAN;
  sfhet_groups g;
  int st = sfhet_groups_make_tol(s, r->n, tol, &g);
  free(s);
  *m = g.n;
  sfhet_groups_free(&g);
  return st;
}

/* Rows of no direction in a directed data set (a missing direction cell, or a non-finite sweep). */
static void count_undirected(sfhet_dataset *ds, const ds_rows *r, const int *dir) {
  for (size_t i = 0; i < r->n; i++) ds->info.dropped += dir[i] == 0;
}

/* One spectrum per sweep value and direction (or one in all without a sweep). */
static int group(const sfhet_dataset_spec *sp, sfhet_dataset *ds, const ds_rows *r) {
  ds->rows = r->n;
  if (!r->s) {
    SFHET_TRY(ds_alloc_spectra(ds, 1));
    ds->s[0] = NAN;
    return ds_fill(ds, 0, NULL, r->n, r);
  }
  double tol;
  SFHET_TRY(sweep_tol(sp, ds, &tol));
  int *dir = calloc(r->n ? r->n : 1, sizeof *dir), directed = 0;
  if (!dir) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = row_dirs(sp, r, tol, dir, &directed);
  size_t mu = 0, md = 0, k = 0;
  if (!st) st = count_groups(r, dir, directed ? 1 : 0, tol, &mu);
  if (!st && directed) st = count_groups(r, dir, -1, tol, &md);
  if (!st) st = ds_alloc_spectra(ds, mu + md);
  if (!st && directed && !(ds->dir = calloc(mu + md ? mu + md : 1, sizeof *ds->dir))) st = SFHET_ENOMEM;
  if (!st && directed) count_undirected(ds, r, dir);
  if (!st) st = add_groups(ds, r, dir, directed ? 1 : 0, tol, &k);
  if (!st && directed) st = add_groups(ds, r, dir, -1, tol, &k);
  free(dir);
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "out of memory");
  return st;
}

static int validate(const sfhet_dataset_spec *sp) {
  if (sp->npaths == 0) SFHET_ERROR(SFHET_EUSAGE, "--data: no file given");
  if (sp->sweep && sp->sweep_from)
    SFHET_ERROR(SFHET_EUSAGE, "--sweep and --sweep-from: give one (a sweep column of long-format rows, or a "
                "sweep value per file)");
  if (sp->npaths > 1 && !sp->sweep && !sp->sweep_from)
    SFHET_ERROR(SFHET_EUSAGE, "--data: %zu files: say where each file's sweep value comes from with "
                "--sweep-from (a header key, a column, or name:PATTERN), or give --sweep COLUMN", sp->npaths);
  return SFHET_OK;
}

int sfhet_dataset_read(const sfhet_dataset_spec *sp, sfhet_dataset *ds) {
  memset(ds, 0, sizeof *ds);
  SFHET_TRY(validate(sp));
  ds_rows r = {0};
  int st = SFHET_OK;
  for (size_t i = 0; i < sp->npaths && !st; i++) st = ds_read_file(sp, sp->paths[i], i, &r, ds);
  ds->nfiles = sp->npaths;
  if (!st) st = group(sp, ds, &r);
  ds_rows_free(&r);
  char where[600];
  snprintf(where, sizeof where, "%s%s", sp->paths[0], sp->npaths > 1 ? " (and the other files)" : "");
  if (!st) st = ds_check(ds, where, sp->reference);
  if (st) sfhet_dataset_free(ds);
  return st;
}

int sfhet_dataset_load(const char *path, const char *xcol, const char *ycol, const char *scol,
                       const char *sigcol, sfhet_dataset *ds) {
  const char *paths[1] = {path};
  sfhet_dataset_spec sp = {.paths = paths, .npaths = 1, .x = xcol, .y = ycol, .sweep = scol, .sigma = sigcol};
  return sfhet_dataset_read(&sp, ds);
}

sfhet_dim sfhet_colname_dim(const char *name) {
  char unit[32];
  sfhet_dim d;
  double f;
  if (!name) return SFHET_DIM_NONE;
  sfhet_colname_split(name, NULL, 0, unit, sizeof unit);
  if (!unit[0] || sfhet_unit_lookup(unit, &d, &f) || f != 1.0) return SFHET_DIM_NONE;
  return d; /* only a default unit: a value given with a unit then compares with the column's numbers */
}
