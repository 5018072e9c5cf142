/* The quantity parser accepts decimal numbers only, and refuses oversized ranges before allocating. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/units.h"
#include "testutil.h"

static int parse(const char *t, double *v) { return sfhet_parse_quantity(t, SFHET_DIM_ENERGY, "--delta", v); }

static void test_decimal_only(void **s) {
  (void)s;
  double v = 0;
  assert_int_equal(parse("0x10", &v), SFHET_EPARSE);
  assert_non_null(strstr(sfhet_last_error(), "hexadecimal"));
  assert_int_equal(parse("-0X1p3", &v), SFHET_EPARSE);
  assert_int_equal(parse("+0x10meV", &v), SFHET_EPARSE);
  assert_int_equal(parse("inf", &v), SFHET_EPARSE);
  assert_int_equal(parse("-infinity", &v), SFHET_EPARSE);
  assert_int_equal(parse("nan", &v), SFHET_EPARSE);
  assert_non_null(strstr(sfhet_last_error(), "not a finite number"));
  assert_int_equal(parse("1e400", &v), SFHET_EPARSE);
  assert_int_equal(parse(".", &v), SFHET_EPARSE);
  assert_int_equal(parse("e5", &v), SFHET_EPARSE);
  assert_int_equal(parse("1e", &v), SFHET_EUNIT); /* "e" is no unit of an energy */
  /* what stays valid */
  assert_int_equal(parse("0.5", &v), SFHET_OK), assert_true(v == 0.5);
  assert_int_equal(parse(".5", &v), SFHET_OK), assert_true(v == 0.5);
  assert_int_equal(parse("5.", &v), SFHET_OK), assert_true(v == 5.0);
  assert_int_equal(parse("-1.5e-3eV", &v), SFHET_OK), assert_close(v, -1.5, 1e-15, 0);
  assert_int_equal(parse("+2E2 ueV", &v), SFHET_OK), assert_close(v, 0.2, 1e-15, 0);
  assert_int_equal(parse("010", &v), SFHET_OK), assert_true(v == 10.0); /* not octal either */
}

static void test_range_cap(void **s) {
  (void)s;
  sfhet_range r;
  assert_int_equal(sfhet_parse_range("5:4:80666666", SFHET_DIM_ENERGY, "--E", &r), SFHET_ERANGE);
  assert_null(r.v);
  assert_non_null(strstr(sfhet_last_error(), "1..1000000"));
  assert_int_equal(sfhet_parse_range("0:1:1e8", SFHET_DIM_ENERGY, "--E", &r), SFHET_ERANGE);
  assert_int_equal(sfhet_parse_range("0:1:1000000", SFHET_DIM_ENERGY, "--E", &r), SFHET_OK);
  assert_int_equal(r.n, SFHET_RANGE_MAX);
  assert_true(r.v[SFHET_RANGE_MAX - 1] == 1.0);
  sfhet_range_free(&r);
  assert_int_equal(sfhet_parse_range("0:0x10:3", SFHET_DIM_ENERGY, "--E", &r), SFHET_EPARSE);
  assert_int_equal(sfhet_parse_range("0:1:0x10", SFHET_DIM_ENERGY, "--E", &r), SFHET_EPARSE);
  assert_int_equal(sfhet_parse_range("-1e308:1e308:3", SFHET_DIM_NONE, "--x", &r), SFHET_OK);
  assert_true(r.v[0] == -1e308 && r.v[1] == 0.0 && r.v[2] == 1e308); /* no overflow in between */
  sfhet_range_free(&r);
  size_t n = SFHET_RANGE_MAX + 1;
  char *list = malloc(2 * n + 1);
  for (size_t i = 0; i < n; i++) list[2 * i] = '1', list[2 * i + 1] = ',';
  list[2 * n - 1] = '\0';
  assert_int_equal(sfhet_parse_range(list, SFHET_DIM_ENERGY, "--E", &r), SFHET_ERANGE);
  free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_decimal_only), cmocka_unit_test(test_range_cap)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
