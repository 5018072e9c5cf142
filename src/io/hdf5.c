/* HDF5 files through libhdf5 (read-only, its error printing switched off around every call): a
 * Labber log (/Data/Data with /Data/Channel names) unless a path is given; FILE.h5:/path names a
 * dataset (1-D: one column; 2-D n x k: k columns; compound: one column per numeric member) or a
 * group (its 1-D numeric datasets of equal length as columns). Units come from a "units" (or "unit")
 * attribute; every dataset of the file is listed as an entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/hdf5_int.h"
#include "sfhet/error.h"

typedef struct {
  sfhet_table *t;
  int st;
  int depth;
  size_t count;
} list_ctx;

/* "float64 [201 x 3]" for a dataset. */
static void describe(hid_t d, char *buf, size_t size) {
  hid_t ft = H5Dget_type(d), space = H5Dget_space(d);
  hsize_t dims[8] = {0};
  int rank = H5Sget_simple_extent_ndims(space);
  if (rank > 8) rank = 8;
  H5Sget_simple_extent_dims(space, dims, NULL);
  H5T_class_t c = H5Tget_class(ft);
  const char *kind = c == H5T_FLOAT ? "float" : c == H5T_INTEGER ? "integer" : c == H5T_COMPOUND ? "compound"
                     : c == H5T_STRING ? "string" : "other";
  size_t used = c == H5T_FLOAT || c == H5T_INTEGER ? (size_t)snprintf(buf, size, "%s%zu [", kind, 8 * H5Tget_size(ft))
                                                  : (size_t)snprintf(buf, size, "%s [", kind);
  for (int i = 0; i < rank && used < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%llu", i ? " x " : "", (unsigned long long)dims[i]);
  if (used < size) snprintf(buf + used, size - used, "]");
  H5Tclose(ft), H5Sclose(space);
}

static herr_t list_one(hid_t g, const char *name, const H5L_info_t *info, void *op);

static void list_group(hid_t g, const char *path, list_ctx *c) {
  hsize_t idx = 0;
  (void)path;
  c->depth++;
  if (c->depth <= 16) H5Literate(g, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, list_one, c);
  c->depth--;
}

static herr_t list_one(hid_t g, const char *name, const H5L_info_t *info, void *op) {
  (void)info;
  list_ctx *c = op;
  if (c->count >= 10000) return 1;
  hid_t o = H5Oopen(g, name, H5P_DEFAULT);
  if (o < 0) return 0;
  char path[1024], desc[128];
  ssize_t n = H5Iget_name(o, path, sizeof path);
  if (n <= 0) snprintf(path, sizeof path, "%s", name);
  if (H5Iget_type(o) == H5I_GROUP) {
    list_group(o, path, c);
  } else if (H5Iget_type(o) == H5I_DATASET) {
    describe(o, desc, sizeof desc);
    c->st = tbl_add_entry(c->t, (long)c->count++, path, desc);
  }
  H5Oclose(o);
  return c->st ? -1 : 0;
}

/* "FILE.h5:/path" for messages (the table name already carries the path when given as a suffix). */
static const char *where(const sfhet_table *t, const char *path, char *buf, size_t size) {
  size_t n = strlen(t->name), k = strlen(path);
  if (n > k && t->name[n - k - 1] == ':' && strcmp(t->name + n - k, path) == 0) return t->name;
  snprintf(buf, size, "%s:%s", t->name, path);
  return buf;
}

static int is_numeric(hid_t ft) {
  H5T_class_t c = H5Tget_class(ft);
  return c == H5T_INTEGER || c == H5T_FLOAT;
}

/* Last component of a path. */
static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s && s[1] ? s + 1 : path;
}

static int add_values(sfhet_table *t, const char *name, const char *unit, double *v) {
  size_t c;
  int st = tbl_add_column(t, name, unit, NULL, &c);
  if (st) {
    free(v);
    return st;
  }
  tbl_col *col = &t->cols[c];
  col->values = v;
  for (size_t r = 0; r < t->nrows; r++) col->missing += v[r] != v[r];
  col->ready = 1;
  return SFHET_OK;
}

/* The unit of column j of k from a "units" or "unit" attribute (one string, or k strings). */
static void unit_of(hid_t d, size_t j, size_t k, char *unit, size_t size) {
  char **s = NULL;
  size_t n = 0;
  unit[0] = '\0';
  if (tbl_h5_attr_strings(d, "units", &s, &n) == SFHET_OK && n == 0) tbl_h5_attr_strings(d, "unit", &s, &n);
  if (n == 1 || (n == k && j < n)) snprintf(unit, size, "%s", s[n == 1 ? 0 : j]);
  tbl_h5_free_strings(s, n);
}

static int read_compound(sfhet_table *t, hid_t d, hid_t ft, size_t nrows, const char *path) {
  int nm = H5Tget_nmembers(ft);
  for (int m = 0; m < nm; m++) {
    if (H5Tget_member_class(ft, (unsigned)m) != H5T_INTEGER && H5Tget_member_class(ft, (unsigned)m) != H5T_FLOAT)
      continue;
    char *mname = H5Tget_member_name(ft, (unsigned)m);
    hid_t ct = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(ct, mname, 0, H5T_NATIVE_DOUBLE);
    double *v = malloc((nrows ? nrows : 1) * sizeof *v);
    int st = v && H5Dread(d, ct, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0 ? SFHET_OK : SFHET_EDATA;
    H5Tclose(ct);
    if (!st) st = add_values(t, mname, NULL, v);
    else free(v);
    char wb[1100];
    if (st == SFHET_EDATA) SFHET_REPORT(st, "%s: cannot read member '%s'", where(t, path, wb, sizeof wb), mname);
    H5free_memory(mname);
    if (st) return st;
  }
  char wb[1100];
  if (t->ncols == 0)
    SFHET_ERROR(SFHET_EDATA, "%s: a compound dataset without numeric members", where(t, path, wb, sizeof wb));
  return SFHET_OK;
}

/* Column names of a 2-D dataset from a "columns" or "column_names" attribute, else NAME_1 ... */
static void column_name(hid_t d, const char *path, size_t j, size_t k, char *name, size_t size) {
  char **s = NULL;
  size_t n = 0;
  tbl_h5_attr_strings(d, "columns", &s, &n);
  if (n != k) tbl_h5_free_strings(s, n), s = NULL, n = 0, tbl_h5_attr_strings(d, "column_names", &s, &n);
  if (n == k) snprintf(name, size, "%s", s[j]);
  else snprintf(name, size, "%s_%zu", base_name(path), j + 1);
  tbl_h5_free_strings(s, n);
}

static int read_matrix(sfhet_table *t, hid_t d, const hsize_t *dims, int rank, const char *path) {
  size_t n = rank ? (size_t)dims[0] : 1, k = rank == 2 ? (size_t)dims[1] : 1;
  double *all = malloc((n * k != 0 ? n * k : 1) * sizeof *all);
  if (!all) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all) < 0) {
    free(all);
    char wb[1100];
    SFHET_ERROR(SFHET_EDATA, "%s: cannot read the dataset as numbers", where(t, path, wb, sizeof wb));
  }
  t->nrows = n;
  int st = SFHET_OK;
  for (size_t j = 0; j < k && !st; j++) {
    char name[256], unit[64];
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
      st = SFHET_ENOMEM;
      break;
    }
    for (size_t r = 0; r < n; r++) v[r] = all[r * k + j];
    if (k == 1) snprintf(name, sizeof name, "%s", base_name(path));
    else column_name(d, path, j, k, name, sizeof name);
    unit_of(d, j, k, unit, sizeof unit);
    st = add_values(t, name, unit[0] ? unit : NULL, v);
  }
  free(all);
  return st;
}

static int read_dataset(sfhet_table *t, hid_t d, const char *path) {
  hid_t ft = H5Dget_type(d), space = H5Dget_space(d);
  hsize_t dims[8] = {0};
  int rank = H5Sget_simple_extent_ndims(space), st;
  if (rank >= 0 && rank <= 8) H5Sget_simple_extent_dims(space, dims, NULL);
  if (H5Tget_class(ft) == H5T_COMPOUND && rank == 1) {
    t->nrows = (size_t)dims[0];
    st = read_compound(t, d, ft, t->nrows, path);
  } else if (is_numeric(ft) && rank >= 0 && rank <= 2) {
    st = read_matrix(t, d, dims, rank, path);
  } else {
    char desc[128], wb[1100];
    describe(d, desc, sizeof desc);
    SFHET_REPORT(st = SFHET_EDATA, "%s: a %s dataset; sfhet reads numeric 1-D or 2-D datasets, compound "
                 "tables, or a group of 1-D datasets", where(t, path, wb, sizeof wb), desc);
  }
  H5Tclose(ft), H5Sclose(space);
  if (!st) st = tbl_h5_attrs_to_meta(t, d, "");
  return st;
}

typedef struct {
  sfhet_table *t;
  const char *path;
  int st;
} group_ctx;

/* A group's 1-D numeric datasets as columns (they must have the same length). */
static herr_t group_member(hid_t g, const char *name, const H5L_info_t *info, void *op) {
  (void)info;
  group_ctx *c = op;
  hid_t o = H5Oopen(g, name, H5P_DEFAULT);
  if (o < 0 || H5Iget_type(o) != H5I_DATASET) {
    if (o >= 0) H5Oclose(o);
    return 0;
  }
  hid_t ft = H5Dget_type(o), space = H5Dget_space(o);
  hsize_t dims[2] = {0};
  int ok = is_numeric(ft) && H5Sget_simple_extent_ndims(space) == 1 && H5Sget_simple_extent_dims(space, dims, NULL) == 1;
  char wb[1100];
  if (ok && c->t->ncols && (size_t)dims[0] != c->t->nrows)
    SFHET_REPORT(c->st = SFHET_EDATA, "%s: dataset '%s' has %llu values, the group's others %zu",
                 where(c->t, c->path, wb, sizeof wb), name, (unsigned long long)dims[0], c->t->nrows);
  double *v = ok && !c->st ? malloc((dims[0] ? (size_t)dims[0] : 1) * sizeof *v) : NULL;
  if (v && H5Dread(o, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0) {
    char unit[64];
    c->t->nrows = (size_t)dims[0];
    unit_of(o, 0, 1, unit, sizeof unit);
    c->st = add_values(c->t, name, unit[0] ? unit : NULL, v);
  } else if (v) {
    free(v);
    SFHET_REPORT(c->st = SFHET_EDATA, "%s: cannot read dataset '%s'", where(c->t, c->path, wb, sizeof wb), name);
  }
  H5Tclose(ft), H5Sclose(space), H5Oclose(o);
  return c->st ? -1 : 0;
}

static int read_group(sfhet_table *t, hid_t g, const char *path) {
  group_ctx c = {t, path, SFHET_OK};
  hsize_t idx = 0;
  H5Literate(g, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, group_member, &c);
  if (c.st) return c.st;
  char wb[1100];
  if (t->ncols == 0)
    SFHET_ERROR(SFHET_EDATA, "%s: a group without 1-D numeric datasets", where(t, path, wb, sizeof wb));
  return tbl_h5_attrs_to_meta(t, g, "");
}

static int entry_list(const sfhet_table *t, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->nentries && used + 40 < size; i++)
    used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", t->entries[i].name);
  return SFHET_OK;
}

static int read_path(sfhet_table *t, hid_t file, const char *path) {
  char list[700];
  entry_list(t, list, sizeof list);
  char wb[1100];
  if (!tbl_h5_exists(file, path))
    SFHET_ERROR(SFHET_EDATA, "%s: no dataset or group '%s' in this HDF5 file (datasets: %s)",
                where(t, path, wb, sizeof wb), path, list);
  hid_t o = H5Oopen(file, path, H5P_DEFAULT);
  if (o < 0) SFHET_ERROR(SFHET_EDATA, "%s: cannot open '%s'", where(t, path, wb, sizeof wb), path);
  int st = H5Iget_type(o) == H5I_GROUP ? read_group(t, o, path) : read_dataset(t, o, path);
  H5Oclose(o);
  return st;
}

static int read_file(sfhet_table *t, hid_t file, const sfhet_read_opts *o) {
  list_ctx lc = {t, SFHET_OK, 0, 0};
  list_group(file, "/", &lc);
  if (lc.st) return lc.st;
  SFHET_TRY(tbl_h5_attrs_to_meta(t, file, ""));
  if (o->dataset) return read_path(t, file, o->dataset);
  int labber = tbl_h5_exists(file, "/Data/Data") && tbl_h5_exists(file, "/Data/Channel names");
  if (labber || o->format == SFHET_FORMAT_LABBER) {
    t->format = SFHET_FORMAT_LABBER;
    return tbl_h5_read_labber(t, file);
  }
  if (t->nentries == 1) return read_path(t, file, t->entries[0].name);
  if (o->list) return SFHET_OK;
  char list[700];
  entry_list(t, list, sizeof list);
  SFHET_ERROR(SFHET_EUSAGE, "%s: an HDF5 file with %zu datasets and no Labber log: name one as %s:/path "
              "(datasets: %s)", t->name, t->nentries, t->name, list);
}

int tbl_read_hdf5(sfhet_table *t, const char *path, const sfhet_read_opts *o) {
  H5E_auto2_t func;
  void *data;
  H5Eget_auto2(H5E_DEFAULT, &func, &data);
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
  int st = SFHET_OK;
  hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) SFHET_REPORT(st = SFHET_EIO, "%s: cannot open as an HDF5 file", t->name);
  if (!st) st = read_file(t, file, o);
  if (file >= 0) H5Fclose(file);
  H5Eset_auto2(H5E_DEFAULT, func, data);
  return st;
}
