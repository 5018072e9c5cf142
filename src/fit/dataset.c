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
  free(ds->s), free(ds->n), free(ds->x), free(ds->y), free(ds->sigma);
  memset(ds, 0, sizeof *ds);
}

void ds_rows_free(ds_rows *r) {
  free(r->x), free(r->y), free(r->sg), free(r->s);
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
      SFHET_ERROR(SFHET_EDATA, "%s: spectrum at %s = %g has %zu distinct points (need at least %zu)", path,
                  ds->sname, ds->s[i], ds->n[i], need);
    if (ds->n[i] < need)
      SFHET_ERROR(SFHET_EDATA, "%s: %zu distinct points (need at least %zu)", path, ds->n[i], need);
    if (!(ds->x[i][ds->n[i] - 1] > ds->x[i][0]))
      SFHET_ERROR(SFHET_EDATA, "%s: column '%s' is constant: nothing to fit", path, ds->xname);
  }
  return SFHET_OK;
}

/* One spectrum per sweep value (or one in all without a sweep). */
static int group(sfhet_dataset *ds, const ds_rows *r) {
  ds->rows = r->n;
  if (!r->s) {
    SFHET_TRY(ds_alloc_spectra(ds, 1));
    ds->s[0] = NAN;
    return ds_fill(ds, 0, NULL, r->n, r);
  }
  sfhet_groups g;
  SFHET_TRY(sfhet_groups_make(r->s, r->n, 1e-9, &g));
  ds->info.dropped += g.dropped;
  int st = ds_alloc_spectra(ds, g.n);
  for (size_t i = 0; i < g.n && !st; i++) {
    ds->s[i] = g.value[i];
    st = ds_fill(ds, i, g.row + g.start[i], g.count[i], r);
  }
  sfhet_groups_free(&g);
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
  if (!st) st = group(ds, &r);
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
