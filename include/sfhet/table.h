/* Reading data tables: CSV, TSV, semicolon- or whitespace-separated text with '#' comments, a header
 * row, CRLF line ends, a UTF-8 BOM, blank lines and quoted fields. Numbers are parsed in the C locale
 * whatever the process locale. Every error names the file and line. */
#ifndef SFHET_TABLE_H
#define SFHET_TABLE_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

typedef struct sfhet_table sfhet_table;

/* What to do with empty or "nan" cells in a numeric column. */
typedef enum {
  SFHET_MISSING_ERROR = 0, /* an empty or nan cell is an error naming its line */
  SFHET_MISSING_NAN        /* store NaN and count it */
} sfhet_missing_policy;

/* Reads a table from a file ("-" reads standard input); *table is owned by the caller. */
int sfhet_table_read(const char *path, sfhet_table **table);

/* Parses a table from memory; name is used in error messages. */
int sfhet_table_parse(const char *name, const char *text, size_t len, sfhet_table **table);

/* Frees a table (NULL allowed). */
void sfhet_table_free(sfhet_table *table);

/* Number of data rows and columns. */
size_t sfhet_table_nrows(const sfhet_table *table);
size_t sfhet_table_ncols(const sfhet_table *table);

/* Name of column col (0-based); header-less files get "col1", "col2", ... */
const char *sfhet_table_colname(const sfhet_table *table, size_t col);

/* The file name given when reading. */
const char *sfhet_table_name(const sfhet_table *table);

/* Physical 1-based line number in the file of data row `row`. */
size_t sfhet_table_line(const sfhet_table *table, size_t row);

/* Raw text of a cell (quotes removed). */
const char *sfhet_table_cell(const sfhet_table *table, size_t row, size_t col);

/* Finds a column by name (exact, then case-insensitive) or by 1-based index; what names the option. */
int sfhet_table_find(const sfhet_table *table, const char *spec, const char *what, size_t *col);

/* Numeric values of a column (array owned by the table, valid until it is freed). A non-numeric cell
 * is an error naming file, line and column; missing cells follow the policy, and *n_missing (may be
 * NULL) receives their count. */
int sfhet_table_column(sfhet_table *table, size_t col, sfhet_missing_policy policy,
                       const double **values, size_t *n_missing);

/* Convenience: find a column by spec and get its values (missing cells are errors). */
int sfhet_table_get(sfhet_table *table, const char *spec, const char *what, const double **values);

SFHET_API_END

#endif
