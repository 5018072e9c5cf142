/* Gap-map grid grouping (src/fit/pixelmap.c): positions with jitter far below the step fall into their
 * pixels, every spectrum's predecessor in the serpentine order is its grid neighbour, and positions
 * that are not a complete, evenly spaced grid are refused. Reference: the grid the positions were made
 * from. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/pixelmap.h"
#include "testutil.h"

#define NX 5
#define NY 4
#define PER 3 /* rows per pixel */
#define N (NX * NY * PER)

typedef struct {
  double px[N], py[N];
  size_t ix[N], iy[N], pixel[N];
} rows_t;

/* Rows of an NX x NY grid of step 2 nm, origin (10, -4) nm, each position jittered by <= 0.01 nm. */
static void grid_rows(rows_t *t) {
  double *px = t->px, *py = t->py;
  size_t *ix = t->ix, *iy = t->iy, r = 0;
  for (size_t k = 0; k < PER; k++)
    for (size_t j = 0; j < NY; j++)
      for (size_t i = 0; i < NX; i++, r++) {
        double jit = 0.01 * sin(1.7 * (double)r);
        px[r] = 10 + 2.0 * (double)i + jit, py[r] = -4 + 2.0 * (double)j - jit;
        ix[r] = i, iy[r] = j;
      }
}

static void test_serpentine(void **state) {
  (void)state;
  static rows_t t;
  grid_rows(&t);
  sfhet_pixel_map m;
  assert_int_equal(sfhet_pixel_grid(t.px, t.py, N, "--pixel", &m, t.pixel), SFHET_OK);
  assert_int_equal(m.nx, NX);
  assert_int_equal(m.ny, NY);
  assert_close(m.x[0], 10, 0, 0.01);
  assert_close(m.y[NY - 1], 2, 0, 0.01);
  for (size_t r = 0; r < N; r++) {
    assert_int_equal(m.ix[t.pixel[r]], t.ix[r]);
    assert_int_equal(m.iy[t.pixel[r]], t.iy[r]);
  }
  for (size_t k = 1; k < NX * NY; k++) { /* each predecessor one grid step away */
    size_t d = (m.ix[k] > m.ix[k - 1] ? m.ix[k] - m.ix[k - 1] : m.ix[k - 1] - m.ix[k]) +
               (m.iy[k] > m.iy[k - 1] ? m.iy[k] - m.iy[k - 1] : m.iy[k - 1] - m.iy[k]);
    assert_int_equal(d, 1);
  }
  sfhet_pixel_map_free(&m);
  sfhet_pixel_map_free(NULL);
}

static void test_not_a_grid(void **state) {
  (void)state;
  static rows_t t;
  double *px = t.px, *py = t.py;
  size_t *pixel = t.pixel;
  grid_rows(&t);
  sfhet_pixel_map m;
  px[7] = 10 + 2.0 * NX + 3.0; /* a column of one pixel 1.5 steps beyond the last: uneven spacing */
  assert_int_equal(sfhet_pixel_grid(px, py, N, "--pixel", &m, pixel), SFHET_EDATA);
  grid_rows(&t);
  for (size_t r = 0; r < N; r++) /* pixel (2, 1) has no rows: moved onto (3, 1) */
    if (t.ix[r] == 2 && t.iy[r] == 1) px[r] += 2.0;
  assert_int_equal(sfhet_pixel_grid(px, py, N, "--pixel", &m, pixel), SFHET_EDATA);
  double one[3] = {1, 1, 1};
  assert_int_equal(sfhet_pixel_grid(one, px, 3, "--pixel", &m, pixel), SFHET_EDATA); /* one column */
  /* a non-finite position: that row only is left out */
  grid_rows(&t);
  px[4] = NAN;
  assert_int_equal(sfhet_pixel_grid(px, py, N, "--pixel", &m, pixel), SFHET_OK);
  assert_true(pixel[4] == SIZE_MAX);
  sfhet_pixel_map_free(&m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_serpentine),
      cmocka_unit_test(test_not_a_grid),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
