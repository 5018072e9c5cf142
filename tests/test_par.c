/* The distributed sweep primitive (sfhet/sweep.h, sfhet/par.h). Run alone it checks the one-rank path;
 * tests/cli_mpi.sh also runs it under `mpirun -np 3`, where every rank must end with the complete
 * arrays (independent source: each point's closed-form value), the lowest failing point's status and
 * message, and rank 0 the full progress count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

int main(int argc, char **argv) {
  if (sfhet_par_init(&argc, &argv)) return 1;
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_gathered), cmocka_unit_test(test_lowest_failure),
                                     cmocka_unit_test(test_empty)};
  int st = cmocka_run_group_tests(tests, NULL, NULL);
  sfhet_par_finalize();
  return st;
}
