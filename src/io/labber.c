/* Labber HDF5 logs: /Data/Data holds float64 [points per entry x channels x entries] (the innermost
 * step first), /Data/Channel names the (name, info) of each channel column (info "Real"/"Imaginary"
 * for complex channels), /Channels the channel definitions with their physical unit (unitPhys).
 * Read as a long-format table: row = point + points_per_entry * entry. Only the first log is read
 * (not Log_2, ..., nor vector traces under /Traces). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/hdf5_int.h"
#include "sfhet/error.h"

/* unitPhys of channel name from /Channels ("" if absent). */
static void channel_unit(char **names, char **units, size_t n, const char *name, char *unit, size_t size) {
  unit[0] = '\0';
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0) snprintf(unit, size, "%s", units[i]);
}

typedef struct {
  char **cname, **cinfo; /* /Data/Channel names */
  size_t nc;
  char **dname, **dunit; /* /Channels */
  size_t nd;
} labber_names;

static void free_names(labber_names *ln) {
  tbl_h5_free_strings(ln->cname, ln->nc);
  tbl_h5_free_strings(ln->cinfo, ln->nc);
  tbl_h5_free_strings(ln->dname, ln->nd);
  tbl_h5_free_strings(ln->dunit, ln->nd);
}

static int read_names(sfhet_table *t, hid_t file, labber_names *ln) {
  hid_t d = H5Dopen2(file, "/Data/Channel names", H5P_DEFAULT);
  size_t ni = 0;
  int st = d >= 0 ? tbl_h5_string_member(d, "name", &ln->cname, &ln->nc) : SFHET_EDATA;
  if (!st) st = tbl_h5_string_member(d, "info", &ln->cinfo, &ni);
  if (d >= 0) H5Dclose(d);
  if (st || ni != ln->nc)
    SFHET_ERROR(SFHET_EDATA, "%s: a Labber log whose /Data/Channel names is not a (name, info) table", t->name);
  if (tbl_h5_exists(file, "/Channels")) {
    hid_t c = H5Dopen2(file, "/Channels", H5P_DEFAULT);
    size_t nu = 0;
    if (c >= 0 && tbl_h5_string_member(c, "name", &ln->dname, &ln->nd) == SFHET_OK &&
        tbl_h5_string_member(c, "unitPhys", &ln->dunit, &nu) != SFHET_OK)
      tbl_h5_free_strings(ln->dname, ln->nd), ln->dname = NULL, ln->nd = 0;
    if (c >= 0) H5Dclose(c);
  }
  return SFHET_OK;
}

/* The data cube and its shape (points, channels, entries). */
static int read_cube(sfhet_table *t, hid_t file, double **cube, size_t *n0, size_t *nc, size_t *n2) {
  hid_t d = H5Dopen2(file, "/Data/Data", H5P_DEFAULT), space = d >= 0 ? H5Dget_space(d) : -1;
  hsize_t dims[3] = {0, 0, 1};
  int rank = space >= 0 ? H5Sget_simple_extent_ndims(space) : -1;
  int st = (rank == 2 || rank == 3) ? SFHET_OK : SFHET_EDATA;
  if (!st) H5Sget_simple_extent_dims(space, dims, NULL);
  size_t total = (size_t)(dims[0] * dims[1] * dims[2]);
  *cube = st ? NULL : malloc((total ? total : 1) * sizeof **cube);
  if (!st && (!*cube || H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, *cube) < 0)) st = SFHET_EDATA;
  if (space >= 0) H5Sclose(space);
  if (d >= 0) H5Dclose(d);
  if (st) {
    free(*cube), *cube = NULL;
    SFHET_ERROR(SFHET_EDATA, "%s: the Labber /Data/Data is not a readable [points x channels x entries] array",
                t->name);
  }
  *n0 = (size_t)dims[0], *nc = (size_t)dims[1], *n2 = (size_t)dims[2];
  return SFHET_OK;
}

static int add_channel(sfhet_table *t, const labber_names *ln, const double *cube, size_t k, size_t n0,
                       size_t nc, size_t n2) {
  char name[300], unit[64];
  const char *info = ln->cinfo[k];
  if (info[0]) snprintf(name, sizeof name, "%s [%s]", ln->cname[k], info);
  else snprintf(name, sizeof name, "%s", ln->cname[k]);
  channel_unit(ln->dname, ln->dunit, ln->nd, ln->cname[k], unit, sizeof unit);
  size_t col;
  SFHET_TRY(tbl_add_column(t, name, unit, info, &col));
  tbl_col *c = &t->cols[col];
  if (!(c->values = malloc((t->nrows ? t->nrows : 1) * sizeof *c->values)))
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t e = 0; e < n2; e++)
    for (size_t i = 0; i < n0; i++) {
      double v = cube[(i * nc + k) * n2 + e];
      c->values[i + n0 * e] = v;
      c->missing += v != v;
    }
  c->ready = 1;
  return SFHET_OK;
}

int tbl_h5_read_labber(sfhet_table *t, hid_t file) {
  labber_names ln = {0};
  double *cube = NULL;
  size_t n0 = 0, nc = 0, n2 = 0;
  int st = read_names(t, file, &ln);
  if (!st) st = read_cube(t, file, &cube, &n0, &nc, &n2);
  if (!st && nc != ln.nc)
    SFHET_REPORT(st = SFHET_EDATA, "%s: /Data/Data has %zu channel columns, /Data/Channel names %zu", t->name, nc,
                 ln.nc);
  if (!st) t->nrows = n0 * n2;
  for (size_t k = 0; k < nc && !st; k++) st = add_channel(t, &ln, cube, k, n0, nc, n2);
  if (!st) {
    hid_t g = H5Gopen2(file, "/Data", H5P_DEFAULT);
    if (g >= 0) st = tbl_h5_attrs_to_meta(t, g, "Data:"), H5Gclose(g);
  }
  free(cube);
  free_names(&ln);
  return st;
}
