/* The distributed sweep primitive (sfhet/sweep.h, sfhet/par.h). Run alone it checks the one-rank path;
 * tests/cli_mpi.sh also runs it under `mpirun -np 3`, where every rank must end with the complete
 * arrays (independent source: each point's closed-form value), the lowest failing point's status and
 * message, and rank 0 the full progress count. */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sfhet/error.h"
#include "sfhet/par.h"
#include "sfhet/sweep.h"

#define N 203

typedef struct {
  double sq[N];
  long long tri[N];
  unsigned char var[N * (N + 1) / 2]; /* point i writes i + 1 bytes at offset i(i+1)/2 */
  size_t off[N + 1];
  int rank[N];
  int fail_from; /* points >= fail_from that are multiples of 7 fail */
} work;

static int point(size_t i, void *v) {
  work *w = v;
  w->sq[i] = (double)i * (double)i;
  w->tri[i] = (long long)(i * (i + 1) / 2);
  memset(w->var + w->off[i], (int)(i % 251), i + 1);
  w->rank[i] = sfhet_par_rank();
  struct timespec t = {0, 2000000}; /* 2 ms: long enough that every rank gets points */
  nanosleep(&t, NULL);
  if ((int)i >= w->fail_from && i % 7 == 0) SFHET_ERROR(SFHET_ENOCONV, "point %zu failed", i);
  return SFHET_OK;
}

static size_t calls, last;
static void count(size_t done, size_t total, void *ctx) {
  (void)ctx, (void)total;
  calls++, last = done;
}

static int run(work *w, int fail_from, int *status) {
  memset(w, 0, sizeof *w);
  w->fail_from = fail_from;
  for (size_t i = 0; i < N; i++) w->off[i + 1] = w->off[i] + i + 1;
  sfhet_sweep_out outs[4] = {{w->sq, sizeof(double), 0, NULL},
                             {w->tri, sizeof(long long), 0, NULL},
                             {w->var, 0, 0, w->off},
                             {w->rank, sizeof(int), 0, NULL}};
  sfhet_progress pr = {count, NULL};
  calls = last = 0;
  return sfhet_sweep_map_dist(N, point, w, 2, &pr, status, outs, 4);
}

static void check_values(const work *w) {
  for (size_t i = 0; i < N; i++) {
    assert_true(w->sq[i] == (double)i * (double)i);
    assert_true(w->tri[i] == (long long)(i * (i + 1) / 2));
    for (size_t k = 0; k <= i; k++) assert_int_equal(w->var[w->off[i] + k], i % 251);
  }
}

static void test_gathered(void **s) {
  (void)s;
  static work w;
  int status[N];
  assert_int_equal(run(&w, N, status), SFHET_OK);
  check_values(&w);
  for (size_t i = 0; i < N; i++) assert_int_equal(status[i], SFHET_OK);
  if (sfhet_par_is_root()) assert_int_equal(calls, N), assert_int_equal(last, N);
  else assert_int_equal(calls, 0);
  int used[64] = {0}, nused = 0;
  for (size_t i = 0; i < N; i++) {
    assert_true(w.rank[i] >= 0 && w.rank[i] < sfhet_par_size());
    if (w.rank[i] < 64 && !used[w.rank[i]]++) nused++;
  }
  if (sfhet_par_is_root()) printf("test_par: %d rank(s), %d of them computed points\n", sfhet_par_size(), nused);
}

static void test_lowest_failure(void **s) {
  (void)s;
  static work w;
  int status[N];
  assert_int_equal(run(&w, 100, status), SFHET_ENOCONV); /* 105 is the first failing point */
  assert_non_null(strstr(sfhet_last_error(), "point 106 of 203: point 105 failed"));
  check_values(&w);
  for (size_t i = 0; i < N; i++) assert_int_equal(status[i], i >= 100 && i % 7 == 0 ? SFHET_ENOCONV : SFHET_OK);
}

static void test_empty(void **s) {
  (void)s;
  assert_int_equal(sfhet_sweep_map_dist(0, point, NULL, 0, NULL, NULL, NULL, 0), SFHET_OK);
}

/* sfhet_par_sum_exact: the same bits whichever rank holds which rows and in whatever order; exact where
 * plain summation loses everything (1e16 + 1 - 1e16 = 1); NaN and all-zero columns. sfhet_par_min_index. */
#define R 101
#define C 4
static void term_row(size_t r, double *t) {
  t[0] = r == 0 ? 1e16 : r == 1 ? 1.0 : r == 2 ? -1e16 : 0.0;
  t[1] = 0.1 * (double)r - 3.0 + 1e-9 * (double)(r * r % 17);
  t[2] = r == 7 ? NAN : 1.0;
  t[3] = 0.0;
}

static void test_exact_sum(void **s) {
  (void)s;
  int rank = sfhet_par_rank(), size = sfhet_par_size();
  double all[R * C], mine[R * C], a[C], b[C], naive = 0;
  size_t n = 0;
  for (size_t r = 0; r < R; r++) term_row(r, all + r * C), naive += all[r * C + 1];
  assert_int_equal(sfhet_par_sum_exact(all, rank == 0 ? R : 0, C, a), SFHET_OK); /* rank 0 holds all */
  for (size_t r = R; r-- > 0;) /* cyclic over the ranks, in reverse order */
    if ((int)(r % (size_t)size) == rank) term_row(r, mine + n++ * C);
  assert_int_equal(sfhet_par_sum_exact(mine, n, C, b), SFHET_OK);
  assert_memory_equal(a, b, 2 * sizeof *a);
  assert_true(a[0] == 1.0);
  assert_true(fabs(a[1] - naive) <= 1e-14 * fabs(naive));
  assert_true(isnan(a[2]) && isnan(b[2]));
  assert_true(a[3] == 0.0 && b[3] == 0.0);
  size_t i = (size_t)rank + 5, none = SIZE_MAX;
  assert_int_equal(sfhet_par_min_index(&i), SFHET_OK);
  assert_int_equal(sfhet_par_min_index(&none), SFHET_OK);
  assert_true(i == 5 && none == SIZE_MAX);
}

int main(int argc, char **argv) {
  if (sfhet_par_init(&argc, &argv)) return 1;
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_gathered), cmocka_unit_test(test_lowest_failure),
                                     cmocka_unit_test(test_empty), cmocka_unit_test(test_exact_sum)};
  int st = cmocka_run_group_tests(tests, NULL, NULL);
  sfhet_par_finalize();
  return st;
}
