/* Internal: the table object and the builder the format readers use (src/io/). */
#ifndef SFHET_IO_TABLE_INT_H
#define SFHET_IO_TABLE_INT_H

#include <math.h>
#include <stddef.h>

#include "io/fastnum.h"
#include "sfhet/table.h"

typedef struct tbl_col tbl_col;

/* A unit-converted copy of a column's values (a list: every factor asked for stays valid). */
typedef struct tbl_conv {
  double factor;
  double *values;
  struct tbl_conv *next;
} tbl_conv;

/* Computes a numeric column of nrows values (binary formats: decoded on first use); returns the
 * number of NaN values written. */
typedef size_t (*tbl_fill_fn)(const sfhet_table *t, const tbl_col *c, double *out);

struct tbl_col {
  char *name, *unit, *label; /* owned; unit and label "" when absent */
  char **strs;               /* owned text cells of a text column not backed by the row buffer */
  double *values;            /* numeric values (cached, or given by the reader) */
  size_t missing;            /* NaN count of values */
  int ready;                 /* values valid */
  tbl_fill_fn fill;          /* lazy numeric column (NULL: cells or given values) */
  size_t arg[3];             /* arguments of fill */
  tbl_conv *conv;            /* unit-converted copies */
};

struct sfhet_table {
  char *name;
  sfhet_format format;
  size_t nrows, ncols, capcols;
  tbl_col *cols;
  char *buf;     /* text formats: file contents, cells terminated in place */
  char **cells;  /* text formats: nrows * ncols cell pointers, row-major */
  size_t *lines; /* text formats: source line of each row */
  void *map;     /* a read-only file mapping (binary grids), or NULL */
  size_t map_len;
  void *blob;    /* binary formats: data the fill functions read */
  void (*blob_free)(void *);
  char **meta;   /* 2 * nmeta owned strings: key, value */
  size_t nmeta, capmeta;
  sfhet_table_entry *entries; /* name and info owned */
  size_t nentries, capentries;
  char cellbuf[40];
};

/* A new empty table named name (copied). NULL when out of memory. */
sfhet_table *tbl_new(const char *name, sfhet_format format);

/* Appends a column (name copied; unit NULL: taken from the name; label may be NULL); *index (may be
 * NULL) receives its index. */
int tbl_add_column(sfhet_table *t, const char *name, const char *unit, const char *label, size_t *index);

/* Appends a metadata key/value pair (both copied, trailing blanks dropped). */
int tbl_add_meta(sfhet_table *t, const char *key, const char *value);

/* Appends an entry (run or dataset; strings copied). */
int tbl_add_entry(sfhet_table *t, long id, const char *name, const char *info);

/* Options of the text-table parser shared by the plain, MultiVu and Nanonis readers. */
typedef struct {
  char delim;        /* 0: detect from the header line; ',', '\t', ';' or ' ' */
  int need_header;   /* the first line is a header even if numeric */
  int ragged;        /* rows may have fewer cells (missing) or extra empty cells */
  int allow_comments;/* '#' lines are comments */
} tbl_text_opts;

/* Parses t->buf[pos..len) as a header line and data rows; line0 is the line number before pos. */
int tbl_parse_text(sfhet_table *t, size_t len, size_t pos, size_t line0, const tbl_text_opts *o);

/* A header line handler: line (terminated, not trimmed), its number, the reader's context. */
typedef int (*tbl_line_fn)(sfhet_table *t, char *line, size_t lineno, void *ctx);

/* Passes each line of buf before the line equal to tag (trimmed) to fn, then parses the rest as a text
 * table with o; no tag line is an error naming what (the format). */
int tbl_header_then_table(sfhet_table *t, char *buf, size_t len, const char *tag, tbl_line_fn fn, void *ctx,
                          const tbl_text_opts *o, const char *what);

/* Lines of a buffer (LF, CRLF or CR-only line ends; CR looked for only if the buffer holds one). */
typedef struct {
  char *buf;
  size_t len, pos;
  int cr;
} tbl_lines;

/* Starts at buf[pos] (buf NUL-terminated at len, no NUL before). */
void tbl_lines_init(tbl_lines *l, char *buf, size_t len, size_t pos);

/* Next line: returns its start, terminated in place; NULL at the end. A line longer than
 * SFHET_TABLE_MAX_LINE sets *too_long. */
char *tbl_lines_next(tbl_lines *l, int *too_long);

/* Whether the line is blank or a '#' comment. */
int tbl_blank_or_comment(const char *line);

/* Strips trailing blanks (spaces, tabs, CR) in place and returns s past leading blanks. */
char *tbl_trim(char *s);

/* Values of a materialised column times factor (cached; valid until the table is freed). */
int tbl_scaled(sfhet_table *t, size_t col, double factor, const double **values);

/* Number parsing of a cell: finite decimals only (no hex, inf); 1 if it is one. */
static inline int tbl_parse_number(const char *cell, double *v) {
  char *end;
  *v = sfhet_fast_strtod(cell, &end);
  return end != cell && *end == '\0' && isfinite(*v);
}

/* Whether a cell counts as missing (empty, nan, NaN, na, N/A). */
int tbl_is_missing(const char *cell);

/* Readers (src/io/<format>.c): fill t from the file contents buf[0..len) (buf owned by t->buf when
 * the reader keeps it). */
int tbl_read_text(sfhet_table *t, char *buf, size_t len);
int tbl_read_multivu(sfhet_table *t, char *buf, size_t len);
int tbl_read_nanonis(sfhet_table *t, char *buf, size_t len);
int tbl_read_3ds(sfhet_table *t, char *buf, size_t len);

/* Readers of formats opened by their own libraries (path without suffix). */
int tbl_read_qcodes(sfhet_table *t, const char *path, const sfhet_read_opts *o);
int tbl_read_hdf5(sfhet_table *t, const char *path, const sfhet_read_opts *o);

/* Format detection from the first bytes of a file. */
sfhet_format tbl_detect(const char *head, size_t n);

#endif
