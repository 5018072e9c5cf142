/* Output: files written to a temporary name and renamed on success (never a partial file), CSV with
 * '#' metadata and >= 10 significant digits, and a small streaming JSON writer. */
#ifndef SFHET_OUTPUT_H
#define SFHET_OUTPUT_H

#include "sfhet/api.h"

#include <stdio.h>

SFHET_API_BEGIN

/* An output destination: a file committed atomically, a device or FIFO written directly, or stdout. */
typedef struct {
  FILE *fp;       /* write here */
  char *path;     /* final path, symbolic links resolved (NULL for stdout) */
  char *tmp_path; /* temporary file beside it (NULL when written directly) */
  int direct;     /* nonzero: an existing non-regular file (device, FIFO) written in place */
} sfhet_outfile;

/* Opens path for writing: a regular or new file through a temporary file renamed on commit (a
 * symbolic link is followed and stays), an existing device/FIFO/socket directly (never replaced);
 * NULL or "-" means standard output. */
int sfhet_outfile_open(sfhet_outfile *out, const char *path);

/* File descriptor of an open output (for a child process writing into it), or -1. */
int sfhet_outfile_fd(const sfhet_outfile *out);

/* Flushes, closes and renames the temporary file onto the final path; reports write errors (ENOSPC). */
int sfhet_outfile_commit(sfhet_outfile *out);

/* Closes and removes the temporary file (no-op for stdout or an already closed file). */
void sfhet_outfile_abort(sfhet_outfile *out);

/* Writes one '#' metadata line "# key: value" (printf-style value). */
int sfhet_csv_meta(FILE *fp, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Writes the header row of n column names. */
int sfhet_csv_header(FILE *fp, const char *const *names, size_t n);

/* Writes one data row of n numbers with 12 significant digits (non-finite values as "nan"). */
int sfhet_csv_row(FILE *fp, const double *values, size_t n);

/* Formats a number with 12 significant digits into buf (at least 32 bytes). */
void sfhet_format_number(char *buf, size_t size, double v);

/* Streaming JSON writer. */
typedef struct {
  FILE *fp;
  int depth;
  int count[32]; /* members written at each depth */
  int indent;    /* spaces per level (0: compact) */
} sfhet_json;

/* Starts a JSON document on fp (with an opening '{'). */
void sfhet_json_begin(sfhet_json *j, FILE *fp, int indent);
/* Closes the document ('}' and a newline). */
void sfhet_json_end(sfhet_json *j);
/* Member (key != NULL) or array element (key == NULL) values; non-finite numbers become null. */
void sfhet_json_number(sfhet_json *j, const char *key, double v);
void sfhet_json_int(sfhet_json *j, const char *key, long long v);
void sfhet_json_bool(sfhet_json *j, const char *key, int v);
void sfhet_json_string(sfhet_json *j, const char *key, const char *s);
void sfhet_json_null(sfhet_json *j, const char *key);
/* Nested objects and arrays. */
void sfhet_json_object_begin(sfhet_json *j, const char *key);
void sfhet_json_object_end(sfhet_json *j);
void sfhet_json_array_begin(sfhet_json *j, const char *key);
void sfhet_json_array_end(sfhet_json *j);

SFHET_API_END

#endif
