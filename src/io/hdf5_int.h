/* Internal: HDF5 helpers shared by the generic reader (hdf5.c) and the Labber reader (labber.c). */
#ifndef SFHET_IO_HDF5_INT_H
#define SFHET_IO_HDF5_INT_H

#include <hdf5.h>
#include <stddef.h>

#include "io/table_int.h"

/* Whether every component of an absolute path exists (no HDF5 error raised). */
int tbl_h5_exists(hid_t file, const char *path);

/* One string member of a compound dataset as n malloc'ed strings (free with tbl_h5_free_strings). */
int tbl_h5_string_member(hid_t dset, const char *member, char ***out, size_t *n);

/* The strings of a string attribute (scalar or 1-D) as n malloc'ed strings; 0 found if absent. */
int tbl_h5_attr_strings(hid_t obj, const char *attr, char ***out, size_t *n);

/* Frees what tbl_h5_string_member and tbl_h5_attr_strings return. */
void tbl_h5_free_strings(char **s, size_t n);

/* Scalar and short attributes of obj into the table's metadata (prefix prepended to keys). */
int tbl_h5_attrs_to_meta(sfhet_table *t, hid_t obj, const char *prefix);

/* The Labber log of an open file as the table. */
int tbl_h5_read_labber(sfhet_table *t, hid_t file);

#endif
