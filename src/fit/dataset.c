/* Loading of measured spectra (single or long-format sweeps) from table files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"

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

/* A numeric column (NaN for missing cells) with its name copied. */
static int column(sfhet_table *t, const char *spec, const char *what, const double **v, char *name) {
  size_t col;
  SFHET_TRY(sfhet_table_find(t, spec, what, &col));
  SFHET_TRY(sfhet_table_column(t, col, SFHET_MISSING_NAN, v, NULL));
  if (name) snprintf(name, 64, "%s", sfhet_table_colname(t, col));
  return SFHET_OK;
}

static int alloc_spectra(sfhet_dataset *ds, size_t m) {
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
static int fill(sfhet_dataset *ds, size_t i, const size_t *rows, size_t k, const double *x,
                const double *y, const double *sg) {
  ds->x[i] = malloc((k ? k : 1) * sizeof(double));
  ds->y[i] = malloc((k ? k : 1) * sizeof(double));
  ds->sigma[i] = sg ? malloc((k ? k : 1) * sizeof(double)) : NULL;
  if (!ds->x[i] || !ds->y[i] || (sg && !ds->sigma[i])) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t r = 0; r < k; r++) {
    ds->x[i][r] = x[rows ? rows[r] : r];
    ds->y[i][r] = y[rows ? rows[r] : r];
    if (sg) ds->sigma[i][r] = sg[rows ? rows[r] : r];
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

/* Empty data, constant columns, too short spectra. */
static int check(const sfhet_dataset *ds, const char *path) {
  size_t total = 0;
  for (size_t i = 0; i < ds->m; i++) total += ds->n[i];
  if (ds->rows == 0) SFHET_ERROR(SFHET_EDATA, "%s: no data rows", path);
  if (total == 0) SFHET_ERROR(SFHET_EDATA, "%s: no usable rows (all %zu have missing values)", path, ds->rows);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < ds->m; i++)
    for (size_t k = 0; k < ds->n[i]; k++) lo = fmin(lo, ds->y[i][k]), hi = fmax(hi, ds->y[i][k]);
  if (!(hi > lo)) SFHET_ERROR(SFHET_EDATA, "%s: column '%s' is constant (%g): nothing to fit", path, ds->yname, lo);
  for (size_t i = 0; i < ds->m; i++) {
    if (ds->n[i] < 3 && ds->m > 1)
      SFHET_ERROR(SFHET_EDATA, "%s: spectrum at %s = %g has %zu distinct points (need at least 3)", path,
                  ds->sname, ds->s[i], ds->n[i]);
    if (ds->n[i] < 3) SFHET_ERROR(SFHET_EDATA, "%s: %zu distinct points (need at least 3)", path, ds->n[i]);
    if (!(ds->x[i][ds->n[i] - 1] > ds->x[i][0]))
      SFHET_ERROR(SFHET_EDATA, "%s: column '%s' is constant: nothing to fit", path, ds->xname);
  }
  return SFHET_OK;
}

static int load_table(sfhet_table *t, const char *xcol, const char *ycol, const char *scol,
                      const char *sigcol, sfhet_dataset *ds) {
  const double *x, *y, *s = NULL, *sg = NULL;
  SFHET_TRY(column(t, xcol, "--x", &x, ds->xname));
  SFHET_TRY(column(t, ycol, "--y", &y, ds->yname));
  if (sigcol) SFHET_TRY(column(t, sigcol, "--sigma", &sg, NULL));
  ds->rows = sfhet_table_nrows(t);
  if (!scol) {
    SFHET_TRY(alloc_spectra(ds, 1));
    ds->s[0] = NAN;
    return fill(ds, 0, NULL, ds->rows, x, y, sg);
  }
  SFHET_TRY(column(t, scol, "--sweep", &s, ds->sname));
  sfhet_groups g;
  SFHET_TRY(sfhet_groups_make(s, ds->rows, 1e-9, &g));
  ds->info.dropped += g.dropped;
  int st = alloc_spectra(ds, g.n);
  for (size_t i = 0; i < g.n && !st; i++) {
    ds->s[i] = g.value[i];
    st = fill(ds, i, g.row + g.start[i], g.count[i], x, y, sg);
  }
  sfhet_groups_free(&g);
  return st;
}

int sfhet_dataset_load(const char *path, const char *xcol, const char *ycol, const char *scol,
                       const char *sigcol, sfhet_dataset *ds) {
  memset(ds, 0, sizeof *ds);
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_read(path, &t));
  int st = load_table(t, xcol, ycol, scol, sigcol, ds);
  if (!st) st = check(ds, path);
  sfhet_table_free(t);
  if (st) sfhet_dataset_free(ds);
  return st;
}

/* Only sfhet's default units: a value given with a unit then compares with the column's numbers. */
sfhet_dim sfhet_colname_dim(const char *name) {
  const char *u = name ? strrchr(name, '_') : NULL;
  if (!u) return SFHET_DIM_NONE;
  u++;
  static const struct {
    const char *unit;
    sfhet_dim dim;
  } map[] = {{"T", SFHET_DIM_FIELD},  {"K", SFHET_DIM_TEMPERATURE}, {"mV", SFHET_DIM_VOLTAGE},
             {"meV", SFHET_DIM_ENERGY}, {"deg", SFHET_DIM_ANGLE}, {"nm", SFHET_DIM_LENGTH}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(u, map[i].unit) == 0) return map[i].dim;
  return SFHET_DIM_NONE;
}
