/* Internal: rows of a data set gathered from one or more files before they are grouped (dataset.c,
 * dataset_files.c, dataset_sweep.c). */
#ifndef SFHET_FIT_DATASET_INT_H
#define SFHET_FIT_DATASET_INT_H

#include "sfhet/analysis.h"
#include "sfhet/table.h"

typedef struct {
  double *x, *y, *sg, *s; /* sg NULL without sigma; s NULL without a sweep */
  double *d;              /* direction column (NULL without one) */
  size_t n, cap;
} ds_rows;

/* Appends the rows of one file (path) to r and sets the data set's names and units from the first. */
int ds_read_file(const sfhet_dataset_spec *spec, const char *path, size_t index, ds_rows *r,
                 sfhet_dataset *ds);

/* The sweep value of a whole file as spec->sweep_from says; *name (64) and *unit (16) receive the
 * output column name and unit and *dim the dimension. */
int ds_sweep_from(const sfhet_dataset_spec *spec, sfhet_table *t, const char *path, double *value,
                  char *name, char *unit, sfhet_dim *dim);

void ds_rows_free(ds_rows *r);

/* The arrays of m spectra (zeroed); spectrum i from rows[0..k) of r (all rows if rows is NULL),
 * cleaned; the checks of a read data set (path names it in errors). Used by dataset.c and pixelmap.c. */
int ds_alloc_spectra(sfhet_dataset *ds, size_t m);
int ds_fill(sfhet_dataset *ds, size_t i, const size_t *rows, size_t k, const ds_rows *r);
int ds_check(const sfhet_dataset *ds, const char *path, int reference);

/* Nonzero when spec->direction names a column (not NULL, "auto" or "none"). */
int ds_direction_column(const sfhet_dataset_spec *spec);

#endif
