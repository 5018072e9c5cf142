/* Reading data tables: plain CSV/TSV/semicolon/whitespace text, Quantum Design MultiVu .dat, Nanonis
 * spectroscopy .dat and grid .3ds, QCoDeS SQLite datasets and HDF5 files (Labber logs, or any dataset
 * by path FILE.h5:/group/dataset), all detected from the content and all seen as one table of named
 * columns with units, metadata (header key/values) and, for databases, a list of entries (runs,
 * datasets). Numbers are parsed in the C locale whatever the process locale. Every error names the
 * file and the line (or row, pixel, run, dataset). docs/data.md describes every format. */
#ifndef SFHET_TABLE_H
#define SFHET_TABLE_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/units.h"

SFHET_API_BEGIN

typedef struct sfhet_table sfhet_table;

/* What to do with empty or "nan" cells in a numeric column. */
typedef enum {
  SFHET_MISSING_ERROR = 0, /* an empty or nan cell is an error naming its line */
  SFHET_MISSING_NAN        /* store NaN and count it */
} sfhet_missing_policy;

/* File formats; SFHET_FORMAT_AUTO detects the format from the content. */
typedef enum {
  SFHET_FORMAT_AUTO = 0,
  SFHET_FORMAT_TEXT,        /* CSV, TSV, semicolon or whitespace separated text */
  SFHET_FORMAT_MULTIVU,     /* Quantum Design MultiVu .dat (PPMS, MPMS, DynaCool) */
  SFHET_FORMAT_NANONIS,     /* Nanonis spectroscopy .dat */
  SFHET_FORMAT_NANONIS_3DS, /* Nanonis grid spectroscopy .3ds */
  SFHET_FORMAT_QCODES,      /* QCoDeS SQLite database */
  SFHET_FORMAT_HDF5,        /* HDF5 dataset or group by path */
  SFHET_FORMAT_LABBER,      /* Labber HDF5 log */
  SFHET_FORMAT_COUNT
} sfhet_format;

/* Limits of what the reader accepts (a larger file or line is an error that names the limit). */
#define SFHET_TABLE_MAX_TEXT_BYTES ((size_t)1 << 30)   /* 1 GiB of text */
#define SFHET_TABLE_MAX_BINARY_BYTES ((size_t)1 << 33) /* 8 GiB of binary grid data */
#define SFHET_TABLE_MAX_LINE ((size_t)1 << 20)         /* 1 MiB per text line */

/* How to read a file: the format (AUTO: detect), the QCoDeS run (0: the only run of the database),
 * the HDF5 dataset or group path (NULL: from FILE.h5:/path, or the Labber log), and list: a database
 * or HDF5 file whose run or dataset is not chosen gives a table without columns that only lists its
 * entries (for inspect) instead of an error. */
typedef struct {
  sfhet_format format;
  long run;
  const char *dataset;
  int list;
} sfhet_read_opts;

/* A run of a database or a dataset of an HDF5 file, as listed by sfhet_table_entry. */
typedef struct {
  long id;          /* QCoDeS run id; index for HDF5 datasets */
  const char *name; /* run name or dataset path */
  const char *info; /* one line: rows, parameters with units / shape and type */
} sfhet_table_entry;

/* Name of a format ("text", "multivu", "nanonis", "nanonis-3ds", "qcodes", "hdf5", "labber", "auto"). */
const char *sfhet_format_name(sfhet_format format);

/* Parses a --format value (one of the names above; what names the option in errors). */
int sfhet_format_parse(const char *text, const char *what, sfhet_format *format);

/* Reads a table from a file ("-" reads standard input), detecting its format; FILE.h5:/path names an
 * HDF5 dataset or group and FILE.db:N a QCoDeS run. *table is owned by the caller. */
int sfhet_table_read(const char *path, sfhet_table **table);

/* Reads a table as opts says (NULL: as sfhet_table_read). */
int sfhet_table_open(const char *path, const sfhet_read_opts *opts, sfhet_table **table);

/* Parses a plain text table from memory; name is used in error messages. */
int sfhet_table_parse(const char *name, const char *text, size_t len, sfhet_table **table);

/* Parses a table of a given format (AUTO, TEXT, MULTIVU, NANONIS or NANONIS_3DS) from memory. */
int sfhet_table_parse_format(const char *name, const char *data, size_t len, sfhet_format format,
                             sfhet_table **table);

/* Frees a table (NULL allowed). */
void sfhet_table_free(sfhet_table *table);

/* Number of data rows and columns. */
size_t sfhet_table_nrows(const sfhet_table *table);
size_t sfhet_table_ncols(const sfhet_table *table);

/* Name of column col (0-based) as in the file; header-less files get "col1", "col2", ... */
const char *sfhet_table_colname(const sfhet_table *table, size_t col);

/* Unit of column col as the file gives it ("V" for "Bias (V)", "mV" for "V_mV", the QCoDeS or
 * Labber unit); "" when the file gives none. */
const char *sfhet_table_unit(const sfhet_table *table, size_t col);

/* Description of column col beyond its name (QCoDeS label, Labber channel info); "" if none. */
const char *sfhet_table_label(const sfhet_table *table, size_t col);

/* The file name given when reading (with its :/path or :run suffix). */
const char *sfhet_table_name(const sfhet_table *table);

/* The format the table was read as. */
sfhet_format sfhet_table_format(const sfhet_table *table);

/* Physical 1-based line number in the file of data row `row` (text formats); the 1-based row number
 * for binary formats and databases. */
size_t sfhet_table_line(const sfhet_table *table, size_t row);

/* Raw text of a cell (quotes removed). Cells of binary formats are formatted on demand into a buffer
 * of the table that the next call overwrites. */
const char *sfhet_table_cell(const sfhet_table *table, size_t row, size_t col);

/* Header metadata: number of key/value pairs, each pair, and the value of a key (exact, else
 * case-insensitive, else the last '>' component of a Nanonis key; NULL if absent or ambiguous). */
size_t sfhet_table_nmeta(const sfhet_table *table);
const char *sfhet_table_meta_key(const sfhet_table *table, size_t i);
const char *sfhet_table_meta_value(const sfhet_table *table, size_t i);
const char *sfhet_table_meta(const sfhet_table *table, const char *key);

/* Index of a metadata key matched as sfhet_table_meta does: 1 found (*index set), 0 absent, -1 ambiguous. */
int sfhet_table_meta_find(const sfhet_table *table, const char *key, size_t *index);

/* Runs of a QCoDeS database or datasets of an HDF5 file (0 entries for other formats). */
size_t sfhet_table_nentries(const sfhet_table *table);
const sfhet_table_entry *sfhet_table_entry_at(const sfhet_table *table, size_t i);

/* Finds a column by name (exact, then case-insensitive, then the name without its unit) or by
 * 1-based index; what names the option. */
int sfhet_table_find(const sfhet_table *table, const char *spec, const char *what, size_t *col);

/* Numeric values of a column as stored in the file (array owned by the table, valid until it is
 * freed). A non-numeric cell is an error naming file, line and column; missing cells follow the
 * policy, and *n_missing (may be NULL) receives their count. */
int sfhet_table_column(sfhet_table *table, size_t col, sfhet_missing_policy policy,
                       const double **values, size_t *n_missing);

/* Whether column col holds numbers only (empty and nan cells allowed); *bad_row receives the first
 * row that does not (may be NULL). */
int sfhet_table_is_numeric(sfhet_table *table, size_t col, size_t *bad_row);

/* Convenience: find a column by spec and get its values converted from the unit in its header (if
 * any, and known) to the default unit of that unit's dimension (mK -> K, Oe -> T, V -> mV); missing
 * cells are errors. */
int sfhet_table_get(sfhet_table *table, const char *spec, const char *what, const double **values);

/* Expands a --data value into files: the value itself if it names a file (or FILE:/path, FILE:RUN),
 * else a comma list whose items are files or glob patterns (each pattern sorted by name and required
 * to match). *paths (n strings) is freed with sfhet_data_paths_free. */
int sfhet_data_paths(const char *arg, const char *what, char ***paths, size_t *n);

/* Frees what sfhet_data_paths returns. */
void sfhet_data_paths_free(char **paths, size_t n);

/* ---- Units of columns ---------------------------------------------------------------------------
 * A command declares how it reads a column: in a dimension it needs (bias voltage: converted to mV),
 * in whatever dimension the column's unit names (a sweep column: converted to that dimension's
 * default unit), or as a signal proportional to dI/dV (numbers kept as they are, the unit only checked
 * and reported). A unit of the wrong dimension is an error that names the column. */
typedef enum {
  SFHET_COL_DIM = 0, /* convert to the default unit of dim; no unit: taken to be in it already */
  SFHET_COL_OWN,     /* convert to the default unit of the dimension the unit names; no unit: as is */
  SFHET_COL_SIGNAL   /* numbers as they are; unit must be dimensionless, conductance, current or voltage */
} sfhet_col_mode;

/* A column request: spec (name or 1-based index), optional unit override (--x-unit; "1" means
 * dimensionless), the mode and dimension, and the option name for messages. */
typedef struct {
  const char *spec;
  const char *unit;
  sfhet_col_mode mode;
  sfhet_dim dim;
  const char *what;
} sfhet_colreq;

/* What a column request resolved to. */
typedef struct {
  size_t col;         /* column index */
  sfhet_dim dim;      /* dimension of the values returned (SFHET_DIM_NONE if unknown/none) */
  double factor;      /* values returned = file values * factor */
  char unit[32];      /* unit of the values returned ("mV", "K", or the file's unit for signals) */
  char file_unit[32]; /* unit in the file (or the override) */
  char outname[96];   /* a column name for output carrying the returned unit ("Bias_calc_mV") */
} sfhet_colinfo;

/* Reads a column as requested: values (owned by the table) in the unit given in *info. */
int sfhet_table_column_req(sfhet_table *table, const sfhet_colreq *req, sfhet_missing_policy policy,
                           const double **values, size_t *n_missing, sfhet_colinfo *info);

/* Splits a column name into base and unit: the last "(...)" group ("Bias (V)" -> "V", "Input 3 (A)
 * [filt]" -> "A", "Moment (emu)" -> "emu", known to sfhet or not), else a "[...]" group or a "_"
 * suffix that is a unit of two or more letters or one of T, K, s ("T [mK]" -> "mK", "V_mV" -> "mV";
 * not "V_A", "V_G"); "" if none. base (may be NULL) receives the name without the unit part. */
void sfhet_colname_split(const char *name, char *base, size_t nbase, char *unit, size_t nunit);

SFHET_API_END

#endif
