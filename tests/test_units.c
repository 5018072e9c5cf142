/* Quantity and range parser: units, prefixes, dimensions, every malformed case. */
#include <math.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/units.h"
#include "testutil.h"

static double q(const char *t, sfhet_dim d) {
  double v = NAN;
  assert_int_equal(sfhet_parse_quantity(t, d, "--x", &v), SFHET_OK);
  return v;
}

static void test_energy(void **st) {
  (void)st;
  assert_close(q("0.86meV", SFHET_DIM_ENERGY), 0.86, 1e-15, 0);
  assert_close(q("80ueV", SFHET_DIM_ENERGY), 0.08, 1e-15, 0);
  assert_close(q("80µeV", SFHET_DIM_ENERGY), 0.08, 1e-15, 0);
  assert_close(q("80\xce\xbc" "eV", SFHET_DIM_ENERGY), 0.08, 1e-15, 0);
  assert_close(q("80 ueV", SFHET_DIM_ENERGY), 0.08, 1e-15, 0);
  assert_close(q("1.5", SFHET_DIM_ENERGY), 1.5, 0, 0);
  assert_close(q("2eV", SFHET_DIM_ENERGY), 2000, 1e-15, 0);
  assert_close(q("-1e-3 eV", SFHET_DIM_ENERGY), -1.0, 1e-15, 0);
}

static void test_other_dims(void **st) {
  (void)st;
  assert_close(q("300mK", SFHET_DIM_TEMPERATURE), 0.3, 1e-15, 0);
  assert_close(q("1.5K", SFHET_DIM_TEMPERATURE), 1.5, 0, 0);
  assert_close(q("40uV", SFHET_DIM_VOLTAGE), 0.04, 1e-15, 0);
  assert_close(q("2V", SFHET_DIM_VOLTAGE), 2000, 1e-15, 0);
  assert_close(q("0.4T", SFHET_DIM_FIELD), 0.4, 0, 0);
  assert_close(q("10mT", SFHET_DIM_FIELD), 0.01, 1e-15, 0);
  assert_close(q("100 Oe", SFHET_DIM_FIELD), 0.01, 1e-15, 0);
  assert_close(q("0.8um", SFHET_DIM_LENGTH), 800, 1e-15, 0);
  assert_close(q("12nm", SFHET_DIM_LENGTH), 12, 1e-15, 0);
  assert_close(q("1m", SFHET_DIM_LENGTH), 1e9, 1e-15, 0);
  assert_close(q("2e-3m2/s", SFHET_DIM_DIFFUSION), 2e-3, 1e-15, 0);
  assert_close(q("20cm2/s", SFHET_DIM_DIFFUSION), 2e-3, 1e-14, 0);
  assert_close(q("0.5ns", SFHET_DIM_TIME), 0.5e-9, 1e-15, 0);
  assert_close(q("45deg", SFHET_DIM_ANGLE), 45, 0, 0);
  assert_close(q("0.8rad", SFHET_DIM_ANGLE), 0.8 * 180 / M_PI, 1e-15, 0);
  assert_close(q("3uA", SFHET_DIM_CURRENT), 3e-3, 1e-15, 0);
  assert_close(q("2kOhm", SFHET_DIM_RESISTANCE), 2000, 1e-15, 0);
  assert_close(q("5", SFHET_DIM_NONE), 5, 0, 0);
}

static void expect_fail(const char *t, sfhet_dim d, int code, const char *needle) {
  double v;
  int s = sfhet_parse_quantity(t, d, "--delta", &v);
  if (s != code) print_error("'%s': status %d, expected %d\n", t, s, code);
  assert_int_equal(s, code);
  assert_non_null(strstr(sfhet_last_error(), "--delta"));
  if (needle && !strstr(sfhet_last_error(), needle)) {
    print_error("message '%s' lacks '%s'\n", sfhet_last_error(), needle);
    fail();
  }
}

static void test_bad_quantities(void **st) {
  (void)st;
  expect_fail("3K", SFHET_DIM_ENERGY, SFHET_EUNIT, "temperature");
  expect_fail("3meV", SFHET_DIM_TEMPERATURE, SFHET_EUNIT, "energy");
  expect_fail("3 furlongs", SFHET_DIM_LENGTH, SFHET_EUNIT, "unknown unit");
  expect_fail("abc", SFHET_DIM_ENERGY, SFHET_EPARSE, "not a number");
  expect_fail("", SFHET_DIM_ENERGY, SFHET_EPARSE, NULL);
  expect_fail("nan", SFHET_DIM_ENERGY, SFHET_EPARSE, "finite");
  expect_fail("inf", SFHET_DIM_ENERGY, SFHET_EPARSE, "finite");
  expect_fail("1e999", SFHET_DIM_ENERGY, SFHET_EPARSE, "finite");
  expect_fail("1meV", SFHET_DIM_NONE, SFHET_EUNIT, "plain number");
  expect_fail("1 xmeV", SFHET_DIM_ENERGY, SFHET_EUNIT, NULL);
  expect_fail("1.2.3", SFHET_DIM_ENERGY, SFHET_EUNIT, NULL);
}

static void test_ranges(void **st) {
  (void)st;
  sfhet_range r;
  assert_int_equal(sfhet_parse_range("-5:5:401", SFHET_DIM_VOLTAGE, "--V", &r), SFHET_OK);
  assert_int_equal(r.n, 401);
  assert_close(r.v[0], -5, 0, 0);
  assert_close(r.v[400], 5, 0, 0);
  assert_close(r.v[200], 0, 0, 1e-15);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("0,0.25,1", SFHET_DIM_NONE, "--x", &r), SFHET_OK);
  assert_int_equal(r.n, 3);
  assert_close(r.v[1], 0.25, 0, 0);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("2.5mV", SFHET_DIM_VOLTAGE, "--V", &r), SFHET_OK);
  assert_int_equal(r.n, 1);
  assert_close(r.v[0], 2.5, 0, 0);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("-5mV:5mV:3", SFHET_DIM_VOLTAGE, "--V", &r), SFHET_OK);
  assert_close(r.v[2], 5, 0, 0);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("100mK,1K", SFHET_DIM_TEMPERATURE, "--T", &r), SFHET_OK);
  assert_close(r.v[0], 0.1, 1e-15, 0);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("1:2:1", SFHET_DIM_NONE, "--x", &r), SFHET_OK);
  assert_int_equal(r.n, 1);
  sfhet_range_free(&r);
}

static void test_bad_ranges(void **st) {
  (void)st;
  const char *bad[] = {"1:2", "1:2:0", "1:2:2.5", "1:2:-3", "1:2:3:4", "a:2:3", "1,,2", "1,x",
                       "", "1:2:3meV", "1:2K:3"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    sfhet_range r;
    int s = sfhet_parse_range(bad[i], SFHET_DIM_VOLTAGE, "--V", &r);
    if (s == SFHET_OK) print_error("range '%s' accepted\n", bad[i]);
    assert_int_not_equal(s, SFHET_OK);
    assert_non_null(strstr(sfhet_last_error(), "--V"));
    assert_null(r.v);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_energy),       cmocka_unit_test(test_other_dims),
      cmocka_unit_test(test_bad_quantities), cmocka_unit_test(test_ranges),
      cmocka_unit_test(test_bad_ranges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
