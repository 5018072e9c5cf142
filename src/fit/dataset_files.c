/* One file of a data set: its columns read in the units the spectra need (x as a bias voltage in mV,
 * y as a signal, the sweep in its own dimension's default unit) and appended to the rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/dataset_int.h"
#include "sfhet/error.h"

static int reserve(ds_rows *r, size_t need, int sigma, int sweep, int dir) {
  if (need <= r->cap) return SFHET_OK;
  size_t cap = r->cap ? 2 * r->cap : 1024;
  while (cap < need) cap *= 2;
  double **arr[5] = {&r->x, &r->y, sigma ? &r->sg : NULL, sweep ? &r->s : NULL, dir ? &r->d : NULL};
  for (int k = 0; k < 5; k++) {
    if (!arr[k]) continue;
    double *q = realloc(*arr[k], cap * sizeof *q);
    if (!q) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    *arr[k] = q;
  }
  r->cap = cap;
  return SFHET_OK;
}

typedef struct {
  const double *x, *y, *sg, *s, *d;
  double s_file; /* sweep value of the whole file (sweep_from) */
  sfhet_colinfo xi, yi, si;
} file_cols;

/* x, y and sigma columns of a table as the spectra need them. */
static int read_xy(const sfhet_dataset_spec *sp, sfhet_table *t, file_cols *c) {
  sfhet_colreq xr = {sp->x, sp->x_unit, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, "--x"};
  sfhet_colreq yr = {sp->y, sp->y_unit, SFHET_COL_SIGNAL, SFHET_DIM_NONE, "--y"};
  sfhet_colinfo sgi;
  SFHET_TRY(sfhet_table_column_req(t, &xr, SFHET_MISSING_NAN, &c->x, NULL, &c->xi));
  SFHET_TRY(sfhet_table_column_req(t, &yr, SFHET_MISSING_NAN, &c->y, NULL, &c->yi));
  if (sp->sigma) {
    sfhet_colreq sr = {sp->sigma, sp->y_unit, SFHET_COL_SIGNAL, SFHET_DIM_NONE, "--sigma"};
    SFHET_TRY(sfhet_table_column_req(t, &sr, SFHET_MISSING_NAN, &c->sg, NULL, &sgi));
  }
  return SFHET_OK;
}

static void set_names(sfhet_dataset *ds, const file_cols *c, const sfhet_colinfo *si) {
  snprintf(ds->xname, sizeof ds->xname, "%.63s", c->xi.outname);
  snprintf(ds->yname, sizeof ds->yname, "%.63s", c->yi.outname);
  snprintf(ds->yunit, sizeof ds->yunit, "%.31s", c->yi.unit);
  if (si) {
    snprintf(ds->sname, sizeof ds->sname, "%.63s", si->outname);
    snprintf(ds->sunit, sizeof ds->sunit, "%.15s", si->unit);
    ds->sdim = si->dim;
  }
}

/* The same quantity in every file of a series: a sweep of one dimension. */
static int same_sweep(const sfhet_dataset *ds, sfhet_dim dim, const char *path, size_t index) {
  if (index > 0 && dim != ds->sdim)
    SFHET_ERROR(SFHET_EUNIT, "%s: its sweep value is %s %s, the first file's %s %s", path,
                dim ? "a" : "", sfhet_dim_name(dim), ds->sdim ? "a" : "", sfhet_dim_name(ds->sdim));
  return SFHET_OK;
}

static int gather(const sfhet_dataset_spec *sp, sfhet_table *t, const char *path, size_t index, file_cols *c,
                  sfhet_dataset *ds) {
  SFHET_TRY(read_xy(sp, t, c));
  if (sp->sweep) {
    sfhet_colreq sr = {sp->sweep, sp->sweep_unit, SFHET_COL_OWN, SFHET_DIM_NONE, "--sweep"};
    SFHET_TRY(sfhet_table_column_req(t, &sr, SFHET_MISSING_NAN, &c->s, NULL, &c->si));
    SFHET_TRY(same_sweep(ds, c->si.dim, path, index));
    if (index == 0) set_names(ds, c, &c->si);
    if (ds_direction_column(sp)) {
      sfhet_colreq dr = {sp->direction, NULL, SFHET_COL_OWN, SFHET_DIM_NONE, "--direction"};
      sfhet_colinfo di;
      SFHET_TRY(sfhet_table_column_req(t, &dr, SFHET_MISSING_NAN, &c->d, NULL, &di));
    }
  } else if (sp->sweep_from) {
    char name[64], unit[16];
    sfhet_dim dim;
    SFHET_TRY(ds_sweep_from(sp, t, path, &c->s_file, name, unit, &dim));
    SFHET_TRY(same_sweep(ds, dim, path, index));
    if (index == 0) {
      set_names(ds, c, NULL);
      snprintf(ds->sname, sizeof ds->sname, "%s", name);
      snprintf(ds->sunit, sizeof ds->sunit, "%s", unit);
      ds->sdim = dim;
    }
  } else if (index == 0) {
    set_names(ds, c, NULL);
  }
  return SFHET_OK;
}

int ds_read_file(const sfhet_dataset_spec *sp, const char *path, size_t index, ds_rows *r, sfhet_dataset *ds) {
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_open(path, &sp->read, &t));
  file_cols c = {0};
  int st = gather(sp, t, path, index, &c, ds);
  size_t n = sfhet_table_nrows(t), at = r->n;
  int sweep = sp->sweep || sp->sweep_from;
  if (!st && ds_direction_column(sp) && !sp->sweep)
    SFHET_REPORT(st = SFHET_EUSAGE, "--direction: a direction column needs --sweep COLUMN (long-format rows)");
  if (!st) st = reserve(r, at + n, c.sg != NULL, sweep, c.d != NULL);
  for (size_t i = 0; i < n && !st; i++) {
    r->x[at + i] = c.x[i];
    r->y[at + i] = c.y[i];
    if (c.sg) r->sg[at + i] = c.sg[i];
    if (sweep) r->s[at + i] = c.s ? c.s[i] : c.s_file;
    if (c.d) r->d[at + i] = c.d[i];
  }
  if (!st) r->n += n;
  sfhet_table_free(t);
  return st;
}
