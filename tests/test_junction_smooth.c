/* Lock-in and instrument averaging through the fine bias grid (src/junction/smooth.c): against the
 * per-node path (each Gauss–Chebyshev / Gaussian node a separate evaluation) and against GSL adaptive
 * quadrature (QAWS with the semicircle weight) of the un-averaged G, which test_junction checks against
 * brute-force integrals. The fine-grid path must be taken (done = 1) and its error estimate be honest. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "junction/smooth.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"
#include "junction_ref.h"
#include "testutil.h"

static sfhet_junction make(int sis, double d, double g, double T, double vac, double sig) {
  sfhet_junction j;
  sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", d);
  sfhet_junction_set(&j, "gamma", g);
  if (sis) {
    sfhet_junction_set(&j, "delta2", d);
    sfhet_junction_set(&j, "gamma2", g);
  }
  j.T = T;
  j.vac = vac;
  j.sigma_inst = sig;
  return j;
}

static void eval_mode(const sfhet_junction *j, int mode, const double *V, size_t n, double *G, double *E) {
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  junction_smooth_mode = mode;
  int st = sfhet_junction_eval(j, V, n, G, NULL, E, ws);
  junction_smooth_mode = 1;
  if (st) fprintf(stderr, "eval: %s\n", sfhet_last_error());
  assert_int_equal(st, 0);
  sfhet_junction_ws_free(ws);
}

/* The fine-grid path agrees with the per-node path within both error estimates and the tolerance. */
static void compare_paths(const sfhet_junction *j, const double *V, size_t n) {
  double G[2][801], E[2][801];
  eval_mode(j, 1, V, n, G[1], E[1]);
  eval_mode(j, 0, V, n, G[0], E[0]);
  double tol = j->rel_tol > 0 ? j->rel_tol : 1e-4, worst = 0.0;
  for (size_t i = 0; i < n; i++) {
    double d = fabs(G[1][i] - G[0][i]);
    worst = fmax(worst, d / (fabs(G[0][i]) + 1e-3));
    if (!(d <= E[0][i] + E[1][i] + 1e-12))
      printf("  V=%g G=%.12g per-node=%.12g diff=%.3g est %.3g + %.3g\n", V[i], G[1][i], G[0][i], d, E[1][i],
             E[0][i]);
    assert_true(d <= E[0][i] + E[1][i] + 1e-12);
    assert_true(E[1][i] <= tol * (fabs(G[1][i]) + 1e-3) * 1.0001);
    assert_close(G[1][i], G[0][i], tol, 1e-3 * tol);
  }
  printf("  max relative difference fine grid vs per node: %.2g (tol %.1g)\n", worst, tol);
}

/* Direct call: the fine-grid path is taken for a dense uniform bias grid. */
static void assert_grid_taken(const sfhet_junction *j, const double *V, size_t n) {
  double s[16], w[16], G[801], E[801];
  size_t nq = 12;
  for (size_t i = 1; i <= nq; i++) {
    double t = (double)i * M_PI / (double)(nq + 1);
    s[i - 1] = j->vac * cos(t);
    w[i - 1] = 2.0 / (double)(nq + 1) * sin(t) * sin(t);
  }
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  int done = 0;
  assert_int_equal(junction_smooth_grid(j, V, n, s, w, nq, 0.08, 1e-5, G, E, &done, ws), 0);
  assert_int_equal(done, 1);
  sfhet_junction_ws_free(ws);
}

/* (2/π) ∫_{-1}^{1} G(V + V_ac x) sqrt(1 − x²) dx by GSL QAWS at a few biases of the grid. */
static void compare_qaws(const sfhet_junction *j, const double *V, size_t n, const double *G) {
  sfhet_junction ref = *j;
  ref.rel_tol = 1e-8;
  for (size_t i = 0; i < n; i += n / 9)
    assert_close(G[i], junction_lockin_ref(&ref, V[i], j->vac, 1e-9), j->rel_tol, 1e-3 * j->rel_tol);
}

static void grid(double a, double b, size_t n, double *V) {
  for (size_t i = 0; i < n; i++) V[i] = a + (b - a) * (double)i / (double)(n - 1);
}

static void test_sis_lockin(void **state) {
  (void)state;
  static double V[401], G[401];
  grid(-5, 5, 401, V);
  sfhet_junction j = make(1, 0.86, 0.08, 1.5, 0.04, 0.0);
  j.rel_tol = 1e-5;
  assert_grid_taken(&j, V, 401);
  compare_paths(&j, V, 401);
  eval_mode(&j, 1, V, 401, G, NULL);
  compare_qaws(&j, V, 401, G);
}

/* The fit benchmark's spectrum (step 0.04 mV = Γ/2) and a non-uniform bias set (per-point interpolation). */
static void test_sis_bench_and_nonuniform(void **state) {
  (void)state;
  static double V[301], G[301];
  grid(-4, 4, 201, V);
  sfhet_junction j = make(1, 0.86, 0.08, 1.5, 0.04, 0.0);
  j.rel_tol = 1e-5;
  assert_grid_taken(&j, V, 201);
  compare_paths(&j, V, 201);
  for (int i = 0; i < 301; i++) V[i] = 0.8 * sinh(3.0 * (i - 150) / 150.0); /* dense near 0 */
  assert_grid_taken(&j, V, 301);
  compare_paths(&j, V, 301);
  eval_mode(&j, 1, V, 301, G, NULL);
  compare_qaws(&j, V, 301, G);
}

static void test_sis_lockin_asymmetric(void **state) {
  (void)state;
  static double V[301];
  grid(0.2, 3.0, 301, V);
  sfhet_junction j = make(1, 0.86, 0.03, 0.3, 0.1, 0.0);
  j.rel_tol = 1e-5;
  compare_paths(&j, V, 301);
}

static void test_nis_lockin_and_broadening(void **state) {
  (void)state;
  static double V[801];
  grid(-2, 2, 801, V);
  sfhet_junction j = make(0, 0.86, 0.01, 0.05, 0.02, 0.015);
  compare_paths(&j, V, 801);
  j.sigma_inst = 0.0;
  j.rel_tol = 1e-6;
  static double G[801];
  eval_mode(&j, 1, V, 801, G, NULL);
  compare_qaws(&j, V, 801, G);
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sis_lockin),
      cmocka_unit_test(test_sis_bench_and_nonuniform),
      cmocka_unit_test(test_sis_lockin_asymmetric),
      cmocka_unit_test(test_nis_lockin_and_broadening),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
