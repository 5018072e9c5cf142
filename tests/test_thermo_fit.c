/* Thermodynamic fits recover known parameters from synthetic noisy data (fixed seed), with errors that
 * cover the truth; too few points, T <= 0 and bad sigmas are data errors. */
#include <math.h>
#include <stdint.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "testutil.h"

static uint64_t rng = 12345;

/* Standard normal deviate (xorshift64* + Box–Muller). */
static double gauss(void) {
  double u[2];
  for (int k = 0; k < 2; k++) {
    rng ^= rng >> 12, rng ^= rng << 25, rng ^= rng >> 27;
    u[k] = ((double)((rng * 2685821657736338717ULL) >> 11) + 0.5) / 9007199254740992.0;
  }
  return sqrt(-2 * log(u[0])) * cos(2 * M_PI * u[1]);
}

/* |fit − truth| within 4 standard errors, and the error is a sensible fraction of the value. */
static void assert_recovers(sfhet_thermo_est e, double truth, double max_rel_err) {
  if (!(fabs(e.value - truth) <= 4 * e.err) || !(e.err > 0) || !(e.err < max_rel_err * fabs(truth)))
    print_error("fit %g +- %g, truth %g\n", e.value, e.err, truth);
  assert_true(fabs(e.value - truth) <= 4 * e.err);
  assert_true(e.err > 0 && e.err < max_rel_err * fabs(truth));
}

static void test_gap_fit(void **st) {
  (void)st;
  enum { N = 30 };
  double T[N], D[N], s[N], Tc = 7.2, d0 = 1.15;
  for (int i = 0; i < N; i++) {
    T[i] = 0.5 + 7.3 * i / (N - 1.0);
    assert_int_equal(sfhet_bcs_gap(T[i], Tc, d0, &D[i]), SFHET_OK);
    s[i] = 0.01;
    D[i] += s[i] * gauss();
    if (D[i] < 0) D[i] = 0;
  }
  sfhet_thermo_fit_result r;
  assert_int_equal(sfhet_gap_fit(T, D, s, N, &r), SFHET_OK);
  assert_recovers(r.p[0], Tc, 0.02);
  assert_recovers(r.p[1], d0, 0.02);
  assert_true(r.chi2_red > 0.3 && r.chi2_red < 2.0);
  assert_int_equal(sfhet_gap_fit(T, D, NULL, N, &r), SFHET_OK); /* errors from the scatter */
  assert_recovers(r.p[0], Tc, 0.02);
  assert_int_equal(sfhet_gap_fit(T, D, s, 2, &r), SFHET_EDATA);
  T[3] = -1;
  assert_int_equal(sfhet_gap_fit(T, D, s, N, &r), SFHET_EDATA);
  T[3] = 1;
  s[4] = 0;
  assert_int_equal(sfhet_gap_fit(T, D, s, N, &r), SFHET_EDATA);
}

static void orbital_case(sfhet_field_orient o, double d_nm, double Bmax) {
  enum { N = 20 };
  double B[N], Tc[N], Dtrue = 3e-5, Tc0 = 6.5;
  for (int i = 0; i < N; i++) {
    B[i] = Bmax * i / (N - 1.0);
    assert_int_equal(sfhet_orbital_tc(Tc0, B[i], Dtrue, d_nm, o, &Tc[i]), SFHET_OK);
    Tc[i] += 0.01 * gauss();
  }
  sfhet_thermo_fit_result r;
  assert_int_equal(sfhet_orbital_fit(B, Tc, NULL, N, d_nm, o, 0.0, &r), SFHET_OK);
  assert_recovers(r.p[0], Dtrue, 0.05);
  assert_recovers(r.p[1], Tc0, 0.01);
  assert_close(r.p[2].value, sfhet_xi_gl0(r.p[0].value, r.p[1].value), 1e-14, 0);
  assert_int_equal(sfhet_orbital_fit(B, Tc, NULL, N, d_nm, o, Tc0, &r), SFHET_OK); /* Tc0 held */
  assert_recovers(r.p[0], Dtrue, 0.05);
  assert_true(r.p[1].value == Tc0 && r.p[1].err == 0);
}

static void test_orbital_fit(void **st) {
  (void)st;
  orbital_case(SFHET_FIELD_PERPENDICULAR, 0, 5.0); /* α(5 T) = 0.15 meV of α_c = 0.49 */
  orbital_case(SFHET_FIELD_PARALLEL, 8.0, 30.0);
  double B[2] = {0, 1}, Tc[2] = {6, 5};
  sfhet_thermo_fit_result r;
  assert_int_equal(sfhet_orbital_fit(B, Tc, NULL, 2, 8, SFHET_FIELD_PARALLEL, 0, &r), SFHET_EDATA);
}

static void test_ising_fit(void **st) {
  (void)st;
  enum { N = 16 };
  double T[N], B[N], s[N], lam = 2.0, Tc0 = 3.0;
  for (int i = 0; i < N; i++) {
    T[i] = 0.4 + 2.5 * i / (N - 1.0);
    assert_int_equal(sfhet_ising_hc2(Tc0, lam, T[i], &B[i]), SFHET_OK);
    B[i] /= SFHET_MU_B_MEV;
    s[i] = 0.02 * B[i] + 0.05;
    B[i] += s[i] * gauss();
  }
  sfhet_thermo_fit_result r;
  assert_int_equal(sfhet_ising_fit(T, B, s, N, 0.0, &r), SFHET_OK);
  assert_recovers(r.p[0], lam, 0.1);
  assert_recovers(r.p[1], Tc0, 0.02);
  assert_int_equal(sfhet_ising_fit(T, B, s, 2, 0.0, &r), SFHET_EDATA);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gap_fit),
      cmocka_unit_test(test_orbital_fit),
      cmocka_unit_test(test_ising_fit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
