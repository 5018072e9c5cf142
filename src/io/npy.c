/* numpy .npy decoding: magic "\x93NUMPY", version, header length, a Python dict literal
 * {'descr': '<f8', 'fortran_order': False, 'shape': (201,), }, then the raw array. */
#include "io/npy.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *why, const char *msg) {
  snprintf(why, 96, "%s", msg);
  return -1;
}

/* The value text after 'key': in the header dict (NULL if absent). */
static const char *dict_value(const char *h, const char *key) {
  char pat[32];
  snprintf(pat, sizeof pat, "'%s':", key);
  const char *p = strstr(h, pat);
  if (!p) return NULL;
  p += strlen(pat);
  while (*p == ' ') p++;
  return p;
}

typedef struct {
  char order, kind;
  size_t size;
} dtype;

static int parse_descr(const char *v, dtype *d, char *why) {
  if (!v || v[0] != '\'' || !v[1] || !v[2]) return fail(why, "no dtype ('descr')");
  d->order = v[1], d->kind = v[2];
  char *end;
  long sz = strtol(v + 3, &end, 10);
  if (*end != '\'' || (d->order != '<' && d->order != '>' && d->order != '|' && d->order != '='))
    return fail(why, "a structured or unknown dtype");
  d->size = (size_t)sz;
  int ok = (d->kind == 'f' && (sz == 4 || sz == 8)) ||
           ((d->kind == 'i' || d->kind == 'u') && (sz == 1 || sz == 2 || sz == 4 || sz == 8));
  if (d->kind == 'c') return fail(why, "complex numbers (sfhet reads real parameters)");
  return ok ? 0 : fail(why, "a dtype other than real float or integer");
}

/* Product of the extents; *multi receives the number of extents above 1. */
static int parse_shape(const char *v, size_t *n, int *multi, char *why) {
  if (!v || *v != '(') return fail(why, "no 'shape'");
  size_t total = 1;
  *multi = 0;
  for (const char *p = v + 1; *p && *p != ')';) {
    while (*p == ' ' || *p == ',') p++;
    if (*p == ')') break;
    char *end;
    long k = strtol(p, &end, 10);
    if (end == p || k < 0 || k > 1000000000L) return fail(why, "a malformed 'shape'");
    *multi += k > 1;
    if (__builtin_mul_overflow(total, (size_t)k, &total) || total > 1000000000UL)
      return fail(why, "an array too large");
    p = end;
  }
  *n = total;
  return 0;
}

static double element(const unsigned char *p, const dtype *d) {
  unsigned char b[8];
  int little = d->order != '>'; /* '<', '|' (one byte) or '=' (native: sfhet hosts are little-endian) */
  for (size_t i = 0; i < d->size; i++) b[i] = little ? p[i] : p[d->size - 1 - i];
  uint64_t u = 0;
  for (size_t i = d->size; i-- > 0;) u = u << 8 | b[i];
  if (d->kind == 'f' && d->size == 8) {
    double x;
    memcpy(&x, &u, 8);
    return x;
  }
  if (d->kind == 'f') {
    uint32_t w = (uint32_t)u;
    float f;
    memcpy(&f, &w, 4);
    return (double)f;
  }
  if (d->kind == 'u') return (double)u;
  int shift = (int)(64 - 8 * d->size);
  return (double)((int64_t)(u << shift) >> shift);
}

int npy_decode(const unsigned char *blob, size_t len, double **values, size_t *n, char *why) {
  if (len < 10 || memcmp(blob, "\x93NUMPY", 6) != 0) return fail(why, "not a numpy .npy array");
  size_t hlen, off;
  if (blob[6] == 1) hlen = (size_t)blob[8] | (size_t)blob[9] << 8, off = 10;
  else if (len >= 12 && (blob[6] == 2 || blob[6] == 3))
    hlen = (size_t)blob[8] | (size_t)blob[9] << 8 | (size_t)blob[10] << 16 | (size_t)blob[11] << 24, off = 12;
  else return fail(why, "an unknown .npy version");
  if (hlen > len - off || hlen > 65536) return fail(why, "a truncated .npy header");
  char *h = malloc(hlen + 1);
  if (!h) return fail(why, "out of memory");
  memcpy(h, blob + off, hlen);
  h[hlen] = '\0';
  dtype d;
  size_t count = 0;
  int multi = 0;
  const char *fo = dict_value(h, "fortran_order");
  int st = parse_descr(dict_value(h, "descr"), &d, why);
  if (!st) st = parse_shape(dict_value(h, "shape"), &count, &multi, why);
  if (!st && fo && strncmp(fo, "True", 4) == 0 && multi > 1)
    st = fail(why, "a Fortran-ordered multi-dimensional array");
  free(h);
  if (st) return st;
  off += hlen;
  if (count > (len - off) / d.size) return fail(why, "fewer bytes than its shape needs");
  double *v = malloc((count ? count : 1) * sizeof *v);
  if (!v) return fail(why, "out of memory");
  for (size_t i = 0; i < count; i++) v[i] = element(blob + off + i * d.size, &d);
  *values = v;
  *n = count;
  return 0;
}
