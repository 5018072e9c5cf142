/* The junction engine's error estimate and cost (issue 20): on a grid of temperature, Γ, lock-in
 * amplitude and bias step, against a 1e-10 reference, the estimate is never below the true error
 * (pointwise), its largest value is within a small factor of the largest true error (or of the 5 %-of-
 * tolerance resolution below which it does not go), and at most one refinement is needed (refinement aims
 * at the tolerance). The reference is the engine at 1e-10 (a finer lattice from the same ladder),
 * checked at a few biases against the per-bias direct path with its own lattices and per-node lock-in
 * quadrature. The work counters grow monotonically with the number of biases over a fixed range. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "junction/grid.h"
#include "junction/smooth.h"
#include "junction/spectral.h"
#include "junction/ws_int.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"
#include "testutil.h"

static sfhet_junction make(int sis, double g, double T, double vac, double tol) {
  sfhet_junction j;
  sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", 0.86);
  sfhet_junction_set(&j, "gamma", g);
  j.T = T, j.vac = vac, j.rel_tol = tol;
  return j;
}

/* Largest estimate / largest error ratio allowed (the grid gives up to ~14). */
#define TIGHT 80.0

static void check_case(int sis, double T, double g, double vac, double step, double tol, sfhet_junction_ws *ws,
                       double *worst_ratio) {
  enum { NMAX = 1201 };
  static double V[NMAX], G[NMAX], E[NMAX], R[NMAX];
  size_t n = (size_t)floor(5.0 / step) + 1;
  for (size_t i = 0; i < n; i++) V[i] = -2.5 + (double)i * step + 7e-4; /* not on any nice lattice */
  sfhet_junction j = make(sis, g, T, vac, tol), r = make(sis, g, T, vac, 1e-10);
  junction_work_reset(ws);
  assert_int_equal(sfhet_junction_eval(&j, V, n, G, NULL, E, ws), 0);
  double passes = junction_ws_work(ws)->evals;
  assert_int_equal(sfhet_junction_eval(&r, V, n, R, NULL, NULL, ws), 0);
  double mact = 0.0, mest = 0.0;
  for (size_t i = 0; i < n; i++) {
    double sc = fabs(R[i]) + 1e-3, act = fabs(G[i] - R[i]);
    if (!(act <= E[i] + 1e-13 * sc))
      fprintf(stderr, "sis=%d T=%g g=%g vac=%g step=%g tol=%g V=%g: error %.3g above the estimate %.3g\n", sis, T, g,
              vac, step, tol, V[i], act / sc, E[i] / sc);
    assert_true(act <= E[i] + 1e-13 * sc);
    mact = fmax(mact, act / sc), mest = fmax(mest, E[i] / sc);
  }
  double ratio = mest / fmax(mact, 5e-2 * tol);
  *worst_ratio = fmax(*worst_ratio, ratio);
  if (ratio > TIGHT) fprintf(stderr, "sis=%d T=%g g=%g vac=%g: estimate %.3g, error %.3g\n", sis, T, g, vac, mest, mact);
  assert_true(ratio <= TIGHT);
  if (!(mest <= tol)) fprintf(stderr, "sis=%d T=%g g=%g vac=%g step=%g: estimate %.3g above the tolerance\n", sis, T, g, vac, step, mest);
  assert_true(mest <= tol);
  assert_true(passes <= 2.0 + 1e-9); /* at most one refinement */
}

static void grid(int sis, double tol) {
  const double Ts[] = {0.05, 0.3, 1.5}, gs[] = {0.002, 0.02, 0.08}, vacs[] = {0.0, 0.01}, steps[] = {0.0173, 0.05};
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  double worst = 0.0;
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++)
      for (int c = 0; c < 2; c++)
        for (int d = 0; d < 2; d++) check_case(sis, Ts[a], gs[b], vacs[c], steps[d], tol, ws, &worst);
  printf("  %s, tolerance %g: largest estimate / largest error %.1f\n", sis ? "SIS" : "NIS", tol, worst);
  sfhet_junction_ws_free(ws);
}

static void test_sis_grid(void **state) {
  (void)state;
  grid(1, 1e-4);
}

static void test_nis_grid(void **state) {
  (void)state;
  grid(0, 1e-4);
}

static void test_sis_grid_tight(void **state) {
  (void)state;
  grid(1, 1e-6);
}

/* The reference itself against the per-bias direct path (own lattices, per-node lock-in) at 1e-10. */
static void test_reference(void **state) {
  (void)state;
  double V[] = {-2.3, -0.4, 0.9, 1.72, 1.75, 2.4}, R[6], D[6];
  for (int c = 0; c < 2; c++) {
    sfhet_junction r = make(1, c ? 0.002 : 0.08, c ? 0.05 : 1.5, 0.01, 1e-10);
    sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
    static double Vu[401], Ru[401];
    for (int i = 0; i < 401; i++) Vu[i] = -2.5 + 0.0125 * i;
    assert_int_equal(sfhet_junction_eval(&r, Vu, 401, Ru, NULL, NULL, ws), 0);
    junction_spectral_mode = 0, junction_smooth_mode = 0, junction_fft_mode = 0;
    for (int i = 0; i < 6; i++) {
      double v = Vu[(size_t)((V[i] + 2.5) / 0.0125)];
      R[i] = Ru[(size_t)((V[i] + 2.5) / 0.0125)];
      assert_int_equal(sfhet_junction_eval(&r, &v, 1, &D[i], NULL, NULL, ws), 0);
      assert_close(R[i], D[i], 1e-9, 1e-12);
    }
    junction_spectral_mode = 1, junction_smooth_mode = 1, junction_fft_mode = -1;
    sfhet_junction_ws_free(ws);
  }
}

/* Work (DOS samples, FFT n log n, sums, quadrature calls) is non-decreasing in the number of biases over
 * −3..3 mV (one plan cache of one size used to re-plan FFTW twice per call at 101 and 1001 biases). */
static void test_cost_monotone(void **state) {
  (void)state;
  const size_t ns[] = {11, 21, 51, 101, 201, 301, 401, 801, 1001, 1601};
  const double cases[3][3] = {{0.08, 1.5, 0.0}, {0.08, 1.5, 0.04}, {0.002, 0.05, 0.01}};
  static double V[1601], G[1601];
  for (int c = 0; c < 3; c++) {
    sfhet_junction j = make(1, cases[c][0], cases[c][1], cases[c][2], 1e-4);
    sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
    double prev = 0.0;
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
      for (size_t i = 0; i < ns[k]; i++) V[i] = -3.0 + 6.0 * (double)i / (double)(ns[k] - 1);
      junction_work_reset(ws);
      assert_int_equal(sfhet_junction_eval(&j, V, ns[k], G, NULL, NULL, ws), 0);
      const junction_work *w = junction_ws_work(ws);
      double work = w->dos + w->fermi + w->fft + w->mac + 1e3 * w->quad;
      if (work < prev) fprintf(stderr, "case %d: work %.4g at %zu biases below %.4g before\n", c, work, ns[k], prev);
      assert_true(work >= prev);
      prev = work;
    }
    sfhet_junction_ws_free(ws);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reference),     cmocka_unit_test(test_sis_grid),     cmocka_unit_test(test_nis_grid),
      cmocka_unit_test(test_sis_grid_tight), cmocka_unit_test(test_cost_monotone),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
