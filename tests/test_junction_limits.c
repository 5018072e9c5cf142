/* Extreme parameters of the junction engine (issue 11.3, 11.4, 11.5, 11.8): the T -> 0 limits against
 * their closed forms (NIS: G = Ñ(eV); SIS: G = dI/dV of the T = 0 current), finite results (or a clear
 * failure) for a vanishing zero-bias-peak width, enormous biases and bias offsets, no out-of-range
 * conversions for huge biases and tiny temperatures (run under UBSan in the sanitizer build), and a
 * failure instead of G = 15 ± 26 for a nearly singular SIS integrand. Sources in tests/data/README.md. */
#include <math.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/junction.h"
#include "testutil.h"

static sfhet_junction make(int sis, double d, double g, double T) {
  sfhet_junction j;
  sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", d);
  sfhet_junction_set(&j, "gamma", g);
  j.T = T;
  return j;
}

static int eval(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *E) {
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  int st = sfhet_junction_eval(j, V, n, G, I, E, ws);
  sfhet_junction_ws_free(ws);
  return st;
}

static void assert_finite(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++) assert_true(isfinite(x[i]));
}

/* NIS at T -> 0: G(V) = N(V) of the Dynes DOS (used to be 0 at T = 1e-300 K). */
static void test_nis_cold(void **state) {
  (void)state;
  double V[] = {-4.0, -0.9, -0.3, 0.0, 0.5, 0.86, 1.2}, G[7], I[7], E[7];
  const double Ts[] = {1e-300, 1e-30, 1e-9};
  for (int t = 0; t < 3; t++) {
    sfhet_junction j = make(0, 0.86, 0.08, Ts[t]);
    assert_int_equal(eval(&j, V, 7, G, I, E), 0);
    for (int i = 0; i < 7; i++) {
      assert_close(G[i], sfhet_dynes_n(V[i], 0.86, 0.08), 1e-6, 1e-9);
      assert_true(E[i] <= 1e-4 * (G[i] + 1e-3));
    }
    assert_close(G[0], 1.0239, 0, 1e-4); /* the value (≈ 1.02) */
  }
}

/* SIS at T -> 0: G is the derivative of the returned current (9 % off at T = 1e-6 K before), and the
 * T -> 0 values join those at 1 mK (lattice path) within the accuracy. */
static void test_sis_cold(void **state) {
  (void)state;
  const double Ts[] = {1e-300, 1e-6, 1e-4};
  double h = 1e-4, Vc[] = {0.4, 1.5, 1.72, 1.9, 3.0};
  for (int t = 0; t < 3; t++) {
    sfhet_junction j = make(1, 0.86, 0.08, Ts[t]);
    for (int c = 0; c < 5; c++) {
      double V[5], G[5], I[5];
      for (int k = 0; k < 5; k++) V[k] = Vc[c] + (k - 2) * h;
      assert_int_equal(eval(&j, V, 5, G, I, NULL), 0);
      double d = (I[0] - 8 * I[1] + 8 * I[3] - I[4]) / (12 * h);
      assert_close(G[2], d, 1e-4, 1e-7);
    }
  }
  sfhet_junction a = make(1, 0.86, 0.08, 1e-6), b = make(1, 0.86, 0.08, 1e-3);
  double V[] = {0.5, 1.5, 1.72, 2.5}, Ga[4], Gb[4];
  assert_int_equal(eval(&a, V, 4, Ga, NULL, NULL), 0);
  assert_int_equal(eval(&b, V, 4, Gb, NULL, NULL), 0);
  for (int i = 0; i < 4; i++) assert_close(Ga[i], Gb[i], 3e-4, 1e-6);
}

/* A vanishing zero-bias-peak width: finite, the peak only at V = 0 (NaN at V = 0 before). */
static void test_zbp_narrow(void **state) {
  (void)state;
  double V[] = {-1.0, -0.5, 0.0, 0.5, 1.0}, G0[5], G1[5], I1[5], E[5];
  sfhet_junction j = make(0, 0.86, 0.08, 1.5);
  assert_int_equal(eval(&j, V, 5, G0, NULL, NULL), 0);
  j.zbp_amp = 0.1;
  j.zbp_sigma = 1e-300;
  assert_int_equal(eval(&j, V, 5, G1, I1, E), 0);
  assert_finite(G1, 5), assert_finite(I1, 5), assert_finite(E, 5);
  for (int i = 0; i < 5; i++) assert_close(G1[i] - G0[i], V[i] == 0.0 ? 0.1 : 0.0, 0, 1e-12);
}

/* Enormous biases (lock-in included) and a bias offset near the largest double: the normal-state
 * limit G = 1, I = V (inf/nan with success before). */
static void test_far_bias(void **state) {
  (void)state;
  double V[] = {1e300, -1e300, 1e20, 5e3}, G[4], I[4], E[4];
  for (int sis = 0; sis < 2; sis++) {
    sfhet_junction j = make(sis, 0.86, 0.08, 1.5);
    j.vac = 0.04;
    assert_int_equal(eval(&j, V, 4, G, I, E), 0);
    assert_finite(G, 4), assert_finite(I, 4), assert_finite(E, 4);
    for (int i = 0; i < 3; i++) {
      assert_close(G[i], 1.0, 0, 1e-12);
      assert_close(I[i], V[i], 1e-12, 0);
    }
    assert_close(G[3], 1.0, 0, 1e-4);
  }
  double Vs[] = {-1e308, -1e308 + 1e292, -1e308 + 2e292}, Gs[3]; /* synth ... --V0 1e308: V − V0 */
  sfhet_junction j = make(1, 0.86, 0.08, 1.5);
  assert_int_equal(eval(&j, Vs, 3, Gs, NULL, NULL), 0);
  for (int i = 0; i < 3; i++) assert_close(Gs[i], 1.0, 0, 1e-12);
}

/* Huge biases and tiny temperatures through the lock-in paths with non-uniform biases (the fine-grid
 * indices overflowed a long: UBSan); every result finite. */
static void test_no_overflow(void **state) {
  (void)state;
  double V[] = {0.3, 1.7, 2.9, 4e9}, G[4], E[4];
  const double Ts[] = {1e-300, 1e-12, 1e-5};
  for (int t = 0; t < 3; t++)
    for (int sis = 0; sis < 2; sis++) {
      sfhet_junction j = make(sis, 0.86, 0.08, Ts[t]);
      j.vac = 0.04;
      j.sigma_inst = 0.01;
      assert_int_equal(eval(&j, V, 4, G, NULL, E), 0);
      assert_finite(G, 4), assert_finite(E, 4);
    }
}

/* A nearly singular SIS integrand (Γ = 1e-9 meV at 1.5 K): a failure with advice (exit class 1), not
 * G = 15.1 ± 25.6. */
static void test_singular_fails(void **state) {
  (void)state;
  double V = 0.5, G, E;
  sfhet_junction j = make(1, 0.86, 1e-9, 1.5);
  int st = eval(&j, &V, 1, &G, NULL, &E);
  assert_int_equal(sfhet_status_exit_code(st), 1);
  assert_non_null(strstr(sfhet_last_error(), "--gamma"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nis_cold),     cmocka_unit_test(test_sis_cold),   cmocka_unit_test(test_zbp_narrow),
      cmocka_unit_test(test_far_bias),     cmocka_unit_test(test_no_overflow), cmocka_unit_test(test_singular_fails),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
