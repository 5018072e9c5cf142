/* Output: files written to a temporary name and renamed on success (never a partial file), CSV with
 * '#' metadata and >= 10 significant digits, and a small streaming JSON writer. */
#ifndef SFHET_OUTPUT_H
#define SFHET_OUTPUT_H

#include "sfhet/api.h"

#include <stdio.h>

SFHET_API_BEGIN

typedef struct sfhet_outset sfhet_outset;

/* An output destination: a file committed atomically, a device or FIFO written directly, or stdout. */
typedef struct {
  FILE *fp;            /* write here */
  char *path;          /* final path, symbolic links resolved (NULL for stdout) */
  char *tmp_path;      /* temporary file beside it (NULL when written directly) */
  int direct;          /* nonzero: an existing non-regular file (device, FIFO) written in place */
  sfhet_outset *set;   /* the output set it belongs to (NULL: none) */
  int member;          /* its index in the set */
  char *buf;           /* standard output: the content so far (written to stdout on commit) */
  size_t buflen;
} sfhet_outfile;

/* Opens path for writing: a regular or new file through a temporary file renamed on commit (a
 * symbolic link is followed and stays), an existing device/FIFO/socket directly (never replaced);
 * NULL or "-" means standard output, collected in memory and written on commit (so a failed command
 * prints nothing; fp is then not stdout itself). Inside an output set (sfhet_outset_begin on this thread) the
 * output joins the set, and a second output to the same file is refused (SFHET_EUSAGE). */
int sfhet_outfile_open(sfhet_outfile *out, const char *path);

/* File descriptor of an open output (for a child process writing into it), or -1. */
int sfhet_outfile_fd(const sfhet_outfile *out);

/* Flushes, closes and renames the temporary file onto the final path; reports write errors (ENOSPC).
 * A JSON document on this output that held a non-finite number (see sfhet_json_end) is refused:
 * nothing is written and its error is returned. Inside an output set the file is only finished: it
 * is renamed together with the others by sfhet_outset_commit. */
int sfhet_outfile_commit(sfhet_outfile *out);

/* Closes and removes the temporary file, or drops collected standard output (no-op when closed). */
void sfhet_outfile_abort(sfhet_outfile *out);

/* Async-signal-safe: removes every temporary output file of this process that is neither committed
 * nor aborted (only unlink is called). For a SIGINT/SIGTERM handler, which should then re-raise. */
void sfhet_outfile_remove_temps(void);

/* The outputs of one command, committed together or not at all: between sfhet_outset_begin and
 * sfhet_outset_commit/abort every sfhet_outfile_open on this thread joins the set, its commit only
 * finishes the temporary file, and the set renames them all at once (termination signals blocked) or
 * removes them all. Members are private. */
#define SFHET_OUTSET_MAX 16
struct sfhet_outset {
  char *key[SFHET_OUTSET_MAX];  /* canonical final path (duplicates refused) */
  char *path[SFHET_OUTSET_MAX]; /* final path */
  char *tmp[SFHET_OUTSET_MAX];  /* temporary file (NULL: standard output) */
  char *out[SFHET_OUTSET_MAX];  /* standard output collected (written first, in order, on commit) */
  size_t outlen[SFHET_OUTSET_MAX];
  int state[SFHET_OUTSET_MAX];  /* 0 open, 1 finished, 2 done (nothing left to do) */
  size_t n;
};

/* Starts a set for this thread (the previous one, if any, is no longer joined). */
void sfhet_outset_begin(sfhet_outset *set);

/* Writes the set's standard output, then renames every finished file into place and ends the set;
 * outputs never finished are removed. A standard-output write error leaves every file out; a failed
 * rename is reported (files renamed before it stay). */
int sfhet_outset_commit(sfhet_outset *set);

/* Removes every temporary file of the set and ends it (devices and stdout already got their data). */
void sfhet_outset_abort(sfhet_outset *set);

/* Writes one '#' metadata line "# key: value" (printf-style value). */
int sfhet_csv_meta(FILE *fp, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Writes the header row of n column names (quoted where they need it: sfhet_csv_field). */
int sfhet_csv_header(FILE *fp, const char *const *names, size_t n);

/* Writes one data row of n numbers with 12 significant digits (NaN as "nan", a missing value). An
 * infinite value marks the stream so that sfhet_outfile_commit refuses it (an overflow, exit 1). */
int sfhet_csv_row(FILE *fp, const double *values, size_t n);

/* Formats a number with 12 significant digits into buf (at least 32 bytes). */
void sfhet_format_number(char *buf, size_t size, double v);

/* Streaming JSON writer. */
typedef struct {
  FILE *fp;
  int depth;
  int count[32]; /* members written at each depth */
  int indent;    /* spaces per level (0: compact) */
  int status;    /* first error (a non-finite number), SFHET_OK if none */
  char msg[200]; /* its message */
} sfhet_json;

/* Starts a JSON document on fp (with an opening '{'). */
void sfhet_json_begin(sfhet_json *j, FILE *fp, int indent);
/* Closes the document ('}' and a newline); returns SFHET_OK, or the error of the first non-finite
 * number (SFHET_EFAILED, reported): the stream is then marked so that sfhet_outfile_commit refuses it. */
int sfhet_json_end(sfhet_json *j);
/* Member (key != NULL) or array element (key == NULL) values. A non-finite number is an error (an
 * overflow or undefined result must not pass as null): it is written as null to keep the document
 * well-formed and reported by sfhet_json_end (a documented null: sfhet_json_null or
 * sfhet_json_number_or_null). Strings: invalid UTF-8 bytes become U+FFFD. */
void sfhet_json_number(sfhet_json *j, const char *key, double v);
/* A number where null is a documented value: non-finite v is written as null without error. */
void sfhet_json_number_or_null(sfhet_json *j, const char *key, double v);
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
