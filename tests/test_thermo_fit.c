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

/* Error calibration: over 60 noisy data sets the reported errors match the scatter of the fits and
 * cover the truth about 68 % of the time (statistical expectation, binomial sd ≈ 6 %). */
static void test_gap_fit_errors(void **st) {
  (void)st;
  enum { N = 20, R = 60 };
  double T[N], D0[N], D[N], s[N], Tc = 5.0, d0 = 0.8, sum = 0, sum2 = 0, errs = 0;
  int inside = 0;
  for (int i = 0; i < N; i++) {
    T[i] = 0.5 + 4.4 * i / (N - 1.0);
    assert_int_equal(sfhet_bcs_gap(T[i], Tc, d0, &D0[i]), SFHET_OK);
    s[i] = 0.02;
  }
  for (int r = 0; r < R; r++) {
    for (int i = 0; i < N; i++) D[i] = D0[i] + s[i] * gauss();
    sfhet_thermo_fit_result res;
    assert_int_equal(sfhet_gap_fit(T, D, s, N, &res), SFHET_OK);
    double dv = res.p[1].value - d0;
    sum += dv, sum2 += dv * dv, errs += res.p[1].err;
    inside += fabs(dv) <= res.p[1].err;
  }
  double scatter = sqrt(sum2 / R - (sum / R) * (sum / R)), mean_err = errs / R;
  if (fabs(mean_err / scatter - 1) > 0.3 || inside < 0.5 * R || inside > 0.86 * R)
    print_error("scatter %g, mean error %g, inside %d of %d\n", scatter, mean_err, inside, R);
  assert_true(fabs(mean_err / scatter - 1) <= 0.3);
  assert_true(inside >= 0.5 * R && inside <= 0.86 * R);
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
  assert_true(fabs(r.corr01) <= 1 && r.corr01 != 0 && r.p[2].err > 0);
  assert_int_equal(sfhet_orbital_fit(B, Tc, NULL, N, d_nm, o, Tc0, &r), SFHET_OK); /* Tc0 held */
  assert_recovers(r.p[0], Dtrue, 0.05);
  assert_true(r.p[1].value == Tc0 && r.p[1].err == 0);
  assert_close(r.p[2].err / r.p[2].value, 0.5 * r.p[0].err / r.p[0].value, 1e-12, 0); /* ξ ∝ sqrt(D) */
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
      cmocka_unit_test(test_gap_fit_errors),
      cmocka_unit_test(test_orbital_fit),
      cmocka_unit_test(test_ising_fit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
