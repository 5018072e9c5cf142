/* A small streaming JSON writer (objects, arrays, numbers, strings, booleans, null). */
#include <math.h>
#include <stdio.h>

#include "sfhet/output.h"

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
        if (*p < 0x20)
          fprintf(fp, "\\u%04x", *p);
        else
          fputc(*p, fp);
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
  open_level(j, '{');
}

void sfhet_json_end(sfhet_json *j) {
  close_level(j, '}');
  fputc('\n', j->fp);
}

void sfhet_json_number(sfhet_json *j, const char *key, double v) {
  member(j, key);
  if (isfinite(v))
    fprintf(j->fp, "%.12g", v == 0.0 ? 0.0 : v);
  else
    fputs("null", j->fp);
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
