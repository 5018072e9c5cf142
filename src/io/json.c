/* A small streaming JSON writer (objects, arrays, numbers, strings, booleans, null). A non-finite
 * number is an error, not a silent null (sfhet_json_number_or_null is the documented exception);
 * strings are written as valid UTF-8 (invalid bytes become U+FFFD). */
#include <math.h>
#include <stdio.h>

#include "io/io_int.h"
#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/text.h"

static void newline_indent(sfhet_json *j) {
  if (!j->indent) return;
  fputc('\n', j->fp);
  for (int i = 0; i < j->depth * j->indent; i++) fputc(' ', j->fp);
}

static void write_string(FILE *fp, const char *s) {
  fputc('"', fp);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
      case '"': fputs("\\\"", fp); break;
      case '\\': fputs("\\\\", fp); break;
      case '\n': fputs("\\n", fp); break;
      case '\r': fputs("\\r", fp); break;
      case '\t': fputs("\\t", fp); break;
      default:
        if (*p < 0x20 || *p == 0x7f) { /* DEL too: JSON allows it raw, terminals do not like it */
          fprintf(fp, "\\u%04x", *p);
        } else {
          size_t n = sfhet_utf8_len((const char *)p);
          if (n) fwrite(p, 1, n, fp), p += n - 1;
          else fputs("\\ufffd", fp); /* not UTF-8: the replacement character */
        }
    }
  }
  fputc('"', fp);
}

/* Separator, indentation and key before a new member or element. */
static void member(sfhet_json *j, const char *key) {
  if (j->count[j->depth]++) fputc(',', j->fp);
  newline_indent(j);
  if (key) {
    write_string(j->fp, key);
    fputs(j->indent ? ": " : ":", j->fp);
  }
}

static void open_level(sfhet_json *j, char c) {
  fputc(c, j->fp);
  if (j->depth < 31) j->depth++;
  j->count[j->depth] = 0;
}

static void close_level(sfhet_json *j, char c) {
  int had = j->count[j->depth] > 0;
  if (j->depth > 0) j->depth--;
  if (had) newline_indent(j);
  fputc(c, j->fp);
}

void sfhet_json_begin(sfhet_json *j, FILE *fp, int indent) {
  j->fp = fp;
  j->depth = 0;
  j->indent = indent;
  j->count[0] = 0;
  j->status = SFHET_OK;
  open_level(j, '{');
}

int sfhet_json_end(sfhet_json *j) {
  close_level(j, '}');
  fputc('\n', j->fp);
  if (j->status) io_mark_bad(j->fp, j->status, j->msg);
  return j->status;
}

void sfhet_json_number_or_null(sfhet_json *j, const char *key, double v) {
  member(j, key);
  if (isfinite(v))
    fprintf(j->fp, "%.12g", v == 0.0 ? 0.0 : v);
  else
    fputs("null", j->fp);
}

void sfhet_json_number(sfhet_json *j, const char *key, double v) {
  if (!isfinite(v) && !j->status) {
    j->status = SFHET_EFAILED;
    snprintf(j->msg, sizeof j->msg, "%s is %s: the result overflowed or is undefined for these inputs; "
             "nothing written (check the parameters' magnitudes)", key ? key : "a JSON array element",
             isnan(v) ? "not a number" : "infinite");
    SFHET_REPORT(SFHET_EFAILED, "%s", j->msg);
  }
  sfhet_json_number_or_null(j, key, v);
}

void sfhet_json_int(sfhet_json *j, const char *key, long long v) {
  member(j, key);
  fprintf(j->fp, "%lld", v);
}

void sfhet_json_bool(sfhet_json *j, const char *key, int v) {
  member(j, key);
  fputs(v ? "true" : "false", j->fp);
}

void sfhet_json_string(sfhet_json *j, const char *key, const char *s) {
  member(j, key);
  write_string(j->fp, s ? s : "");
}

void sfhet_json_null(sfhet_json *j, const char *key) {
  member(j, key);
  fputs("null", j->fp);
}

void sfhet_json_object_begin(sfhet_json *j, const char *key) {
  member(j, key);
  open_level(j, '{');
}

void sfhet_json_object_end(sfhet_json *j) { close_level(j, '}'); }

void sfhet_json_array_begin(sfhet_json *j, const char *key) {
  member(j, key);
  open_level(j, '[');
}

void sfhet_json_array_end(sfhet_json *j) { close_level(j, ']'); }
