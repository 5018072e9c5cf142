/* HDF5 helpers: existence of paths, string members and attributes (fixed or variable length), and
 * attributes as metadata. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/hdf5_int.h"
#include "sfhet/error.h"

int tbl_h5_exists(hid_t file, const char *path) {
  if (!path || path[0] != '/') return 0;
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", path);
  size_t n = strlen(buf);
  while (n > 1 && buf[n - 1] == '/') buf[--n] = '\0';
  if (n == 1) return 1;
  for (char *p = buf + 1;; p++) {
    if (*p == '/' || *p == '\0') {
      char c = *p;
      *p = '\0';
      htri_t e = H5Lexists(file, buf, H5P_DEFAULT);
      *p = c;
      if (e <= 0) return 0;
      if (c == '\0') return 1;
    }
  }
}

void tbl_h5_free_strings(char **s, size_t n) {
  if (!s) return;
  for (size_t i = 0; i < n; i++) free(s[i]);
  free(s);
}

/* Copies n strings from a variable-length (vl) or fixed-length (width) read buffer. */
static int take_strings(const void *raw, size_t n, int vl, size_t width, char ***out) {
  char **s = calloc(n ? n : 1, sizeof *s);
  if (!s) return SFHET_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const char *src = vl ? ((char *const *)raw)[i] : (const char *)raw + i * width;
    s[i] = vl ? strdup(src ? src : "") : strndup(src, width);
    if (!s[i]) {
      tbl_h5_free_strings(s, i);
      return SFHET_ENOMEM;
    }
  }
  *out = s;
  return SFHET_OK;
}

/* A memory string type matching file string type ft: variable, or fixed of ft's size plus one. */
static hid_t mem_string_type(hid_t ft, int *vl, size_t *width) {
  hid_t mt = H5Tcopy(H5T_C_S1);
  *vl = H5Tis_variable_str(ft) > 0;
  *width = *vl ? sizeof(char *) : H5Tget_size(ft) + 1;
  H5Tset_size(mt, *vl ? H5T_VARIABLE : *width);
  H5Tset_strpad(mt, H5T_STR_NULLTERM);
  H5Tset_cset(mt, H5Tget_cset(ft)); /* h5py writes UTF-8: no conversion between character sets */
  return mt;
}

static size_t space_count(hid_t space) {
  hssize_t n = H5Sget_simple_extent_npoints(space);
  return n > 0 ? (size_t)n : 0;
}

int tbl_h5_string_member(hid_t dset, const char *member, char ***out, size_t *n) {
  *out = NULL, *n = 0;
  hid_t ft = H5Dget_type(dset), space = H5Dget_space(dset);
  int idx = H5Tget_member_index(ft, member);
  if (idx < 0 || H5Tget_member_class(ft, (unsigned)idx) != H5T_STRING) {
    H5Tclose(ft), H5Sclose(space);
    return SFHET_EDATA;
  }
  hid_t mft = H5Tget_member_type(ft, (unsigned)idx);
  int vl;
  size_t width;
  hid_t mst = mem_string_type(mft, &vl, &width), ct = H5Tcreate(H5T_COMPOUND, width);
  H5Tinsert(ct, member, 0, mst);
  size_t count = space_count(space);
  void *raw = calloc(count ? count : 1, width);
  int st = raw && H5Dread(dset, ct, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) >= 0 ? SFHET_OK : SFHET_EDATA;
  if (!st) st = take_strings(raw, count, vl, width, out);
  if (!st) *n = count;
  if (raw && vl && st != SFHET_EDATA) H5Dvlen_reclaim(ct, space, H5P_DEFAULT, raw);
  free(raw);
  H5Tclose(ct), H5Tclose(mst), H5Tclose(mft), H5Tclose(ft), H5Sclose(space);
  return st;
}

int tbl_h5_attr_strings(hid_t obj, const char *attr, char ***out, size_t *n) {
  *out = NULL, *n = 0;
  if (H5Aexists(obj, attr) <= 0) return SFHET_OK;
  hid_t a = H5Aopen(obj, attr, H5P_DEFAULT), ft = H5Aget_type(a), space = H5Aget_space(a);
  int st = SFHET_OK;
  if (H5Tget_class(ft) == H5T_STRING) {
    int vl;
    size_t width, count = space_count(space);
    hid_t mt = mem_string_type(ft, &vl, &width);
    void *raw = calloc(count ? count : 1, width);
    st = raw && H5Aread(a, mt, raw) >= 0 ? SFHET_OK : SFHET_EDATA;
    if (!st) st = take_strings(raw, count, vl, width, out);
    if (!st) *n = count;
    if (raw && vl && st != SFHET_EDATA) H5Dvlen_reclaim(mt, space, H5P_DEFAULT, raw);
    free(raw);
    H5Tclose(mt);
  }
  H5Tclose(ft), H5Sclose(space), H5Aclose(a);
  return st;
}

/* Text of a numeric attribute of at most 8 values ("1.5" or "1, 2, 3"); 0 if not numeric. */
static int numeric_text(hid_t a, hid_t ft, hid_t space, char *buf, size_t size) {
  H5T_class_t c = H5Tget_class(ft);
  size_t n = space_count(space);
  if ((c != H5T_INTEGER && c != H5T_FLOAT) || n == 0 || n > 8) return 0;
  double v[8];
  if (H5Aread(a, H5T_NATIVE_DOUBLE, v) < 0) return 0;
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && used < size; i++) used += (size_t)snprintf(buf + used, size - used, "%s%.10g", i ? ", " : "", v[i]);
  return 1;
}

typedef struct {
  sfhet_table *t;
  const char *prefix;
  int st;
} attr_ctx;

static herr_t one_attr(hid_t obj, const char *name, const H5A_info_t *info, void *op) {
  (void)info;
  attr_ctx *c = op;
  char key[300], val[512];
  snprintf(key, sizeof key, "%s%s", c->prefix, name);
  hid_t a = H5Aopen(obj, name, H5P_DEFAULT), ft = H5Aget_type(a), space = H5Aget_space(a);
  int have = numeric_text(a, ft, space, val, sizeof val);
  H5Tclose(ft), H5Sclose(space), H5Aclose(a);
  char **s = NULL;
  size_t n = 0;
  if (!have && tbl_h5_attr_strings(obj, name, &s, &n) == SFHET_OK && n >= 1 && n <= 8) {
    size_t used = 0;
    val[0] = '\0';
    for (size_t i = 0; i < n && used < sizeof val; i++)
      used += (size_t)snprintf(val + used, sizeof val - used, "%s%s", i ? ", " : "", s[i]);
    have = 1;
  }
  tbl_h5_free_strings(s, n);
  if (have) c->st = tbl_add_meta(c->t, key, val);
  return c->st ? -1 : 0;
}

int tbl_h5_attrs_to_meta(sfhet_table *t, hid_t obj, const char *prefix) {
  attr_ctx c = {t, prefix, SFHET_OK};
  hsize_t idx = 0;
  H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, one_attr, &c);
  return c.st;
}
