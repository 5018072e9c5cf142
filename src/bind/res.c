/* Results of bound functions: named double arrays with a shape and named strings, grown on demand. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"

typedef struct {
  char *name;
  double *data;
  size_t rows, cols;
} res_array;

typedef struct {
  char *key, *value;
} res_string;

struct sfhet_bind_res {
  res_array *a;
  size_t na, cap_a;
  res_string *s;
  size_t ns, cap_s;
};

sfhet_bind_res *bind_res_new(void) { return calloc(1, sizeof(sfhet_bind_res)); }

void sfhet_bind_res_free(sfhet_bind_res *r) {
  if (!r) return;
  for (size_t k = 0; k < r->na; k++) free(r->a[k].name), free(r->a[k].data);
  for (size_t k = 0; k < r->ns; k++) free(r->s[k].key), free(r->s[k].value);
  free(r->a), free(r->s), free(r);
}

/* v (count n, capacity *cap, elements of size bytes) with room for one more element; NULL when out of
 * memory (v is then unchanged). */
static void *grown(void *v, size_t n, size_t *cap, size_t size) {
  if (n < *cap) return v;
  size_t c = *cap ? 2 * *cap : 8;
  void *p = realloc(v, c * size);
  if (p) *cap = c;
  return p;
}

static char *dup_text(const char *t) {
  size_t n = strlen(t) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, t, n);
  return d;
}

int bind_res_array(sfhet_bind_res *r, const char *name, size_t rows, size_t cols, double **data) {
  res_array *a = grown(r->a, r->na, &r->cap_a, sizeof *a);
  if (!a) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  r->a = a;
  size_t n = rows * cols;
  res_array *e = &r->a[r->na];
  e->name = dup_text(name);
  e->data = calloc(n ? n : 1, sizeof *e->data);
  if (!e->name || !e->data) {
    free(e->name), free(e->data);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  e->rows = rows, e->cols = cols;
  r->na++;
  *data = e->data;
  return SFHET_OK;
}

int bind_res_copy(sfhet_bind_res *r, const char *name, const double *x, size_t n) {
  double *d;
  SFHET_TRY(bind_res_array(r, name, n, 1, &d));
  if (n) memcpy(d, x, n * sizeof *d);
  return SFHET_OK;
}

int bind_res_scalar(sfhet_bind_res *r, const char *name, double v) { return bind_res_copy(r, name, &v, 1); }

int bind_res_string(sfhet_bind_res *r, const char *key, const char *fmt, ...) {
  res_string *s = grown(r->s, r->ns, &r->cap_s, sizeof *s);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  r->s = s;
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *v = len >= 0 ? malloc((size_t)len + 1) : NULL, *k = dup_text(key);
  if (!v || !k) {
    free(v), free(k);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  va_start(ap, fmt);
  vsnprintf(v, (size_t)len + 1, fmt, ap);
  va_end(ap);
  r->s[r->ns++] = (res_string){k, v};
  return SFHET_OK;
}

size_t sfhet_bind_res_narrays(const sfhet_bind_res *r) { return r ? r->na : 0; }

const char *sfhet_bind_res_array_name(const sfhet_bind_res *r, size_t k) {
  return r && k < r->na ? r->a[k].name : NULL;
}

const double *sfhet_bind_res_array(const sfhet_bind_res *r, size_t k, size_t *rows, size_t *cols) {
  if (!r || k >= r->na) return NULL;
  if (rows) *rows = r->a[k].rows;
  if (cols) *cols = r->a[k].cols;
  return r->a[k].data;
}

size_t sfhet_bind_res_nstrings(const sfhet_bind_res *r) { return r ? r->ns : 0; }

const char *sfhet_bind_res_string_key(const sfhet_bind_res *r, size_t k) {
  return r && k < r->ns ? r->s[k].key : NULL;
}

const char *sfhet_bind_res_string(const sfhet_bind_res *r, size_t k) {
  return r && k < r->ns ? r->s[k].value : NULL;
}
