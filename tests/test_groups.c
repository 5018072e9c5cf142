/* Grouping of sweeps: jittery readbacks clustered with a tolerance, sweep directions from the order of
 * the rows (a loop with a repeated turning point, a monotonic sweep, values in no order), groups split
 * by direction, and the cut at one bias (exact for linear spectra; the error formula at t = 1/2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "testutil.h"

/* Three setpoints 0, 0.1, 0.2 with +-1e-3 jitter: 3 groups with the setpoints as means (symmetric jitter). */
static void test_tolerance(void **st) {
  (void)st;
  double s[] = {0.001, -0.001, 0.1009, 0.0991, 0.2002, 0.1998, NAN};
  sfhet_groups g;
  assert_int_equal(sfhet_groups_make(s, 7, 1e-9, &g), SFHET_OK);
  assert_int_equal(g.n, 6); /* exact grouping: every readback its own group */
  sfhet_groups_free(&g);
  assert_int_equal(sfhet_groups_make_tol(s, 7, 5e-3, &g), SFHET_OK);
  assert_int_equal(g.n, 3);
  assert_int_equal(g.dropped, 1);
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(g.count[k], 2);
    assert_close(g.value[k], 0.1 * (double)k, 0, 1e-12);
  }
  sfhet_groups_free(&g);
  assert_int_equal(sfhet_groups_make_tol(s, 7, -1, &g), SFHET_EINVAL);
}

/* Long-format loop: fields 0,1,2 up then 2,1,0 down, two bias points per spectrum. */
static void test_directions(void **st) {
  (void)st;
  double s[] = {0, 0, 1, 1, 2, 2, 2, 2, 1, 1, 0, 0}, x[] = {-1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1};
  int dir[12], both, want[] = {1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1};
  assert_int_equal(sfhet_sweep_directions(s, x, 12, 0, dir, &both), SFHET_OK);
  assert_true(both);
  for (int i = 0; i < 12; i++) assert_int_equal(dir[i], want[i]);
  /* without the bias the turning point is one run (2 up): still a loop, the apex rows go up */
  assert_int_equal(sfhet_sweep_directions(s, NULL, 12, 0, dir, &both), SFHET_OK);
  assert_true(both);
  assert_int_equal(dir[7], 1);
  assert_int_equal(dir[8], -1);
  /* monotonic: one direction, nothing split */
  double up[] = {0, 0, 1, 1, 2, 2};
  assert_int_equal(sfhet_sweep_directions(up, NULL, 6, 0, dir, &both), SFHET_OK);
  assert_false(both);
  for (int i = 0; i < 6; i++) assert_int_equal(dir[i], 0);
  /* values in no order (turning at every run): not a sweep */
  double mess[] = {0, 3, 1, 4, 2, 5, 0.5, 3.5};
  assert_int_equal(sfhet_sweep_directions(mess, NULL, 8, 0, dir, &both), SFHET_OK);
  assert_false(both);
}

/* Groups split by direction: up groups ascending, then down groups descending. */
static void test_groups_dirs(void **st) {
  (void)st;
  double s[] = {0, 0.001, 1, 0.999, 2, 2.001, 2, 1.999, 1, 1.001, 0, -0.001}, x[12];
  for (int i = 0; i < 12; i++) x[i] = i % 2 ? 1 : -1;
  sfhet_groups g;
  int *gd;
  assert_int_equal(sfhet_groups_make_dirs(s, x, NULL, 12, 0.01, 1, &g, &gd), SFHET_OK);
  assert_non_null(gd);
  assert_int_equal(g.n, 6);
  double want[] = {0, 1, 2, 2, 1, 0};
  int wd[] = {1, 1, 1, -1, -1, -1};
  for (size_t k = 0; k < 6; k++) {
    assert_close(g.value[k], want[k], 0, 1e-3);
    assert_int_equal(gd[k], wd[k]);
    assert_int_equal(g.count[k], 2);
  }
  free(gd);
  sfhet_groups_free(&g);
  /* a direction column: its sign decides */
  double d[] = {1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1};
  assert_int_equal(sfhet_groups_make_dirs(s, NULL, d, 12, 0.01, 1, &g, &gd), SFHET_OK);
  assert_int_equal(g.n, 6);
  free(gd);
  sfhet_groups_free(&g);
  /* split off: merged */
  assert_int_equal(sfhet_groups_make_dirs(s, x, NULL, 12, 0.01, 0, &g, &gd), SFHET_OK);
  assert_null(gd);
  assert_int_equal(g.n, 3);
  sfhet_groups_free(&g);
}

/* The cut of y = 2 + 3x at points between the samples is exact; its error at t = 1/2 is s/sqrt(2). */
static void test_cut(void **st) {
  (void)st;
  double x0[] = {-1, -0.5, 0, 0.5, 1}, y0[5], s0[5], x1[5], y1[5], s1[5];
  for (int i = 0; i < 5; i++) {
    x1[i] = x0[i], y0[i] = 2 + 3 * x0[i], y1[i] = 1 - x0[i], s0[i] = 0.1, s1[i] = 0.2;
  }
  double sw[] = {0.0, 1.0};
  size_t n[] = {5, 5};
  double *xs[] = {x0, x1}, *ys[] = {y0, y1}, *ss[] = {s0, s1};
  sfhet_dataset ds;
  memset(&ds, 0, sizeof ds);
  ds.m = 2, ds.s = sw, ds.n = n, ds.x = xs, ds.y = ys, ds.sigma = ss;
  strcpy(ds.sname, "B_T");
  double g[2], e[2];
  int from;
  assert_int_equal(sfhet_dataset_cut(&ds, 0.25, g, e, &from), SFHET_OK);
  assert_true(from);
  assert_close(g[0], 2.75, 1e-14, 0);
  assert_close(g[1], 0.75, 1e-14, 0);
  assert_close(e[0], 0.1 / sqrt(2.0), 1e-14, 0);
  assert_close(e[1], 0.2 / sqrt(2.0), 1e-14, 0);
  assert_int_equal(sfhet_dataset_cut(&ds, 0.5, g, e, NULL), SFHET_OK); /* on a sample: its own error */
  assert_close(e[0], 0.1, 1e-14, 0);
  assert_int_equal(sfhet_dataset_cut(&ds, 1.5, g, e, NULL), SFHET_ERANGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tolerance),
      cmocka_unit_test(test_directions),
      cmocka_unit_test(test_groups_dirs),
      cmocka_unit_test(test_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
