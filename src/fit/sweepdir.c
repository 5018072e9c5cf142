/* Sweep directions of long-format rows from the order in which the sweep values were measured. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

/* Sign of the step between runs (0 for a repeated value). */
static int step_sign(double a, double b) { return (b > a) - (b < a); }

/* Runs of rows in file order: a new run where the group changes or where the bias restarts at the
 * run's first bias value (a repeated spectrum at the same sweep value, e.g. the turning point). */
static size_t find_runs(const long *id, const double *x, size_t n, size_t *run_of, size_t *first) {
  size_t nr = 0, start = 0;
  long cur = -1;
  for (size_t i = 0; i < n; i++) {
    if (id[i] < 0) continue;
    int restart = x && cur == id[i] && i > start && x[i] == x[start];
    if (id[i] != cur || restart) {
      first[nr++] = i;
      start = i;
      cur = id[i];
    }
    run_of[i] = nr - 1;
  }
  return nr;
}

/* Direction of each run: the sign of the step into it, else of the step out of it, else the previous. */
static void run_dirs(const double *v, size_t nr, int *d) {
  for (size_t k = 0; k < nr; k++) {
    int sg = k > 0 ? step_sign(v[k - 1], v[k]) : 0;
    for (size_t q = k; sg == 0 && q + 1 < nr; q++) sg = step_sign(v[q], v[q + 1]);
    d[k] = sg ? sg : (k > 0 ? d[k - 1] : 1);
  }
}

/* Rows not in any group (non-finite sweep value) keep direction 0. */
static void fill_ids(const sfhet_groups *g, long *id, size_t n) {
  for (size_t i = 0; i < n; i++) id[i] = -1;
  for (size_t j = 0; j < g->n; j++)
    for (size_t r = 0; r < g->count[j]; r++) id[g->row[g->start[j] + r]] = (long)j;
}

int sfhet_sweep_directions(const double *s, const double *x, size_t n, double tol, int *dir, int *both) {
  sfhet_groups g;
  *both = 0;
  memset(dir, 0, n * sizeof *dir);
  SFHET_TRY(sfhet_groups_make_tol(s, n, tol, &g));
  size_t cap = n ? n : 1;
  long *id = malloc(cap * sizeof *id);
  size_t *run_of = malloc(cap * sizeof *run_of), *first = malloc(cap * sizeof *first);
  double *v = malloc(cap * sizeof *v);
  int *d = malloc(cap * sizeof *d);
  int st = id && run_of && first && v && d ? SFHET_OK : SFHET_ENOMEM;
  if (!st) {
    fill_ids(&g, id, n);
    size_t nr = find_runs(id, x, n, run_of, first), turns = 0;
    for (size_t k = 0; k < nr; k++) v[k] = g.value[id[first[k]]];
    run_dirs(v, nr, d);
    for (size_t k = 1; k < nr; k++) turns += d[k] != d[k - 1];
    /* a loop has few turning points; values in no order (turns everywhere) are not a sweep */
    int ordered = turns > 0 && 4 * turns <= nr;
    for (size_t i = 0; i < n && ordered; i++)
      if (id[i] >= 0) dir[i] = d[run_of[i]];
    *both = ordered;
  }
  free(id), free(run_of), free(first), free(v), free(d);
  sfhet_groups_free(&g);
  if (st) SFHET_ERROR(st, "out of memory");
  return SFHET_OK;
}

/* Row directions from a direction column (its sign) or from the order of the sweep values. */
static int row_dirs(const double *s, const double *x, const double *dcol, size_t n, double tol, int *dir,
                    int *directed) {
  if (!dcol) return sfhet_sweep_directions(s, x, n, tol, dir, directed);
  int up = 0, down = 0;
  for (size_t i = 0; i < n; i++) {
    dir[i] = isfinite(dcol[i]) ? (dcol[i] > 0) - (dcol[i] < 0) : 0;
    up |= dir[i] > 0, down |= dir[i] < 0;
  }
  *directed = up || down;
  return SFHET_OK;
}

/* Appends the groups of rows with direction want to out (down: descending values). */
static int append(const double *s, const int *dir, size_t n, double tol, int want, sfhet_groups *out, size_t *at,
                  int *gdir) {
  double *v = malloc((n ? n : 1) * sizeof *v);
  if (!v) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) v[i] = dir[i] == want ? s[i] : NAN;
  sfhet_groups g;
  int st = sfhet_groups_make_tol(v, n, tol, &g);
  free(v);
  if (st) return st;
  for (size_t q = 0; q < g.n; q++) {
    size_t j = want < 0 ? g.n - 1 - q : q, k = out->n++;
    out->value[k] = g.value[j];
    out->start[k] = *at;
    out->count[k] = g.count[j];
    memcpy(out->row + *at, g.row + g.start[j], g.count[j] * sizeof *out->row);
    *at += g.count[j];
    gdir[k] = want;
  }
  sfhet_groups_free(&g);
  return SFHET_OK;
}

int sfhet_groups_make_dirs(const double *s, const double *x, const double *dcol, size_t n, double tol, int split,
                           sfhet_groups *g, int **gdir) {
  *gdir = NULL;
  int *dir = calloc(n ? n : 1, sizeof *dir), directed = 0;
  if (!dir) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = split ? row_dirs(s, x, dcol, n, tol, dir, &directed) : SFHET_OK;
  if (st || !directed) {
    free(dir);
    return st ? st : sfhet_groups_make_tol(s, n, tol, g);
  }
  size_t cap = n ? n : 1, at = 0;
  memset(g, 0, sizeof *g);
  g->value = malloc(cap * sizeof *g->value);
  g->start = malloc(cap * sizeof *g->start);
  g->count = malloc(cap * sizeof *g->count);
  g->row = malloc(cap * sizeof *g->row);
  *gdir = malloc(cap * sizeof **gdir);
  st = g->value && g->start && g->count && g->row && *gdir ? SFHET_OK : SFHET_ENOMEM;
  if (!st) st = append(s, dir, n, tol, 1, g, &at, *gdir);
  if (!st) st = append(s, dir, n, tol, -1, g, &at, *gdir);
  for (size_t i = 0; i < n; i++) g->dropped += dir[i] == 0;
  free(dir);
  if (st) {
    sfhet_groups_free(g);
    free(*gdir);
    *gdir = NULL;
    if (st == SFHET_ENOMEM) SFHET_ERROR(st, "out of memory");
  }
  return st;
}
