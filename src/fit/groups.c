/* Grouping of long-format sweep tables by the value of the sweep column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

typedef struct {
  double v;
  size_t i;
} key_t_;

static int cmp_key(const void *a, const void *b) {
  const key_t_ *p = a, *q = b;
  if (p->v < q->v) return -1;
  if (p->v > q->v) return 1;
  return p->i < q->i ? -1 : p->i > q->i;
}

void sfhet_groups_free(sfhet_groups *g) {
  if (!g) return;
  free(g->value);
  free(g->start);
  free(g->count);
  free(g->row);
  memset(g, 0, sizeof *g);
}

/* Splits sorted keys into runs whose neighbours differ by at most tol. */
static void fill_groups(const key_t_ *k, size_t m, double tol, sfhet_groups *g) {
  g->n = 0;
  for (size_t a = 0; a < m;) {
    size_t b = a + 1;
    while (b < m && k[b].v - k[b - 1].v <= tol) b++;
    double s = 0;
    for (size_t j = a; j < b; j++) {
      s += k[j].v;
      g->row[j] = k[j].i;
    }
    g->value[g->n] = s / (double)(b - a);
    g->start[g->n] = a;
    g->count[g->n] = b - a;
    g->n++;
    a = b;
  }
}

static int cmp_size(const void *a, const void *b) {
  size_t p = *(const size_t *)a, q = *(const size_t *)b;
  return p < q ? -1 : p > q;
}

/* tol < 0: -tol is relative to the span of the values (sfhet_groups_make); else absolute. */
static int make(const double *s, size_t n, double tol_in, sfhet_groups *g) {
  memset(g, 0, sizeof *g);
  key_t_ *k = malloc((n ? n : 1) * sizeof *k);
  size_t m = 0;
  if (!k) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(s[i])) {
      g->dropped++;
      continue;
    }
    k[m++] = (key_t_){s[i], i};
  }
  qsort(k, m, sizeof *k, cmp_key);
  size_t cap = m ? m : 1;
  g->value = malloc(cap * sizeof *g->value);
  g->start = malloc(cap * sizeof *g->start);
  g->count = malloc(cap * sizeof *g->count);
  g->row = malloc(cap * sizeof *g->row);
  if (!g->value || !g->start || !g->count || !g->row) {
    free(k);
    sfhet_groups_free(g);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  double span = m ? k[m - 1].v - k[0].v : 0.0;
  double tol = tol_in >= 0 ? tol_in : -tol_in * fmax(span, fmax(fabs(m ? k[0].v : 0.0), 1e-300));
  fill_groups(k, m, tol, g);
  for (size_t j = 0; j < g->n; j++) qsort(g->row + g->start[j], g->count[j], sizeof(size_t), cmp_size);
  free(k);
  return SFHET_OK;
}

int sfhet_groups_make(const double *s, size_t n, double rtol, sfhet_groups *g) {
  return make(s, n, -fabs(rtol), g);
}

int sfhet_groups_make_tol(const double *s, size_t n, double tol, sfhet_groups *g) {
  if (!(tol >= 0) || !isfinite(tol)) {
    memset(g, 0, sizeof *g);
    SFHET_ERROR(SFHET_EINVAL, "grouping tolerance %g: must be finite and >= 0", tol);
  }
  return tol > 0 ? make(s, n, tol, g) : make(s, n, -1e-9, g);
}

long sfhet_groups_find(const sfhet_groups *g, double v, double tol) {
  if (g->n == 0) return -1;
  long best = 0;
  for (size_t j = 1; j < g->n; j++)
    if (fabs(g->value[j] - v) < fabs(g->value[best] - v)) best = (long)j;
  double lim = tol;
  for (size_t j = 1; j < g->n; j++) {
    double d = 0.5 * (g->value[j] - g->value[j - 1]);
    lim = (j == 1 || d < lim) ? d : lim;
  }
  if (g->n == 1) lim = tol;
  return fabs(g->value[best] - v) <= lim ? best : -1;
}
