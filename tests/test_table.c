/* Table reader: every quirk (comments, CRLF, BOM, blank lines, quotes, delimiters, header-less),
 * columns by name and index, missing cells, and each error with its file and line. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/table.h"
#include "testutil.h"

static sfhet_table *parse_ok(const char *text) {
  sfhet_table *t = NULL;
  int st = sfhet_table_parse("t.csv", text, strlen(text), &t);
  if (st) print_error("parse failed: %s\n", sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
  return t;
}

static const double *col(sfhet_table *t, const char *spec) {
  const double *v = NULL;
  int st = sfhet_table_get(t, spec, "--x", &v);
  if (st) print_error("column %s: %s\n", spec, sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
  return v;
}

static void expect_error(const char *text, const char *needle) {
  sfhet_table *t = NULL;
  int st = sfhet_table_parse("bad.csv", text, strlen(text), &t);
  if (st == SFHET_OK) {
    const double *v;
    st = sfhet_table_get(t, "2", "--y", &v);
    if (st == SFHET_OK) st = sfhet_table_get(t, "1", "--x", &v);
  }
  sfhet_table_free(t);
  assert_int_not_equal(st, SFHET_OK);
  if (!strstr(sfhet_last_error(), needle)) {
    print_error("message '%s' lacks '%s'\n", sfhet_last_error(), needle);
    fail();
  }
}

static void test_csv_basic(void **s) {
  (void)s;
  sfhet_table *t = parse_ok("# comment\nV_mV,G\n-1,0.5\n0,0.25\n1,0.5\n");
  assert_int_equal(sfhet_table_nrows(t), 3);
  assert_int_equal(sfhet_table_ncols(t), 2);
  assert_string_equal(sfhet_table_colname(t, 1), "G");
  assert_close(col(t, "G")[1], 0.25, 0, 0);
  assert_close(col(t, "1")[2], 1.0, 0, 0);
  assert_close(col(t, "v_mv")[0], -1.0, 0, 0);
  assert_int_equal(sfhet_table_line(t, 0), 3);
  sfhet_table_free(t);
}

static void test_quirks(void **s) {
  (void)s;
  /* BOM, CRLF, blank lines, comments anywhere, quoted header and cells, spaces around cells */
  sfhet_table *t = parse_ok("\xEF\xBB\xBF# meta\r\n\"V, mV\",\"G\"\r\n\r\n 1.5 , \"2e-3\" \r\n# mid\r\n"
                            "-.5,+3.\r\n");
  assert_int_equal(sfhet_table_nrows(t), 2);
  assert_string_equal(sfhet_table_colname(t, 0), "V, mV");
  assert_close(col(t, "V, mV")[0], 1.5, 0, 0);
  assert_close(col(t, "G")[0], 2e-3, 0, 0);
  assert_close(col(t, "G")[1], 3.0, 0, 0);
  assert_close(col(t, "1")[1], -0.5, 0, 0);
  assert_int_equal(sfhet_table_line(t, 1), 6);
  sfhet_table_free(t);
  /* TSV, semicolons, whitespace runs */
  t = parse_ok("a\tb\n1\t2\n3\t4\n");
  assert_close(col(t, "b")[1], 4, 0, 0);
  sfhet_table_free(t);
  t = parse_ok("a;b\n1;2\n");
  assert_close(col(t, "b")[0], 2, 0, 0);
  sfhet_table_free(t);
  t = parse_ok("  a    b  c\n 1  2   3\n\t4 5 6  \n");
  assert_close(col(t, "c")[1], 6, 0, 0);
  sfhet_table_free(t);
  /* header-less numeric file: columns col1, col2 */
  t = parse_ok("1 2\n3 4\n");
  assert_int_equal(sfhet_table_nrows(t), 2);
  assert_string_equal(sfhet_table_colname(t, 1), "col2");
  assert_close(col(t, "2")[0], 2, 0, 0);
  sfhet_table_free(t);
  /* quoted field with an escaped quote, trailing delimiter */
  t = parse_ok("name,x,\n\"a \"\"b\"\"\",1,\n");
  assert_string_equal(sfhet_table_cell(t, 0, 0), "a \"b\"");
  assert_close(col(t, "x")[0], 1, 0, 0);
  sfhet_table_free(t);
}

static void test_numbers(void **s) {
  (void)s;
  sfhet_table *t = parse_ok("x\n0.1\n1e-300\n123456789012345678901234\n0.25\n-0\n2.5E+3\n"
                            "0.30000000000000004\n9007199254740993\n");
  const double *v = col(t, "x");
  assert_true(v[0] == 0.1);
  assert_true(v[1] == 1e-300);
  assert_true(v[2] == 123456789012345678901234.0);
  assert_true(v[3] == 0.25);
  assert_true(v[4] == 0.0);
  assert_true(v[5] == 2500.0);
  assert_true(v[6] == 0.30000000000000004);
  assert_true(v[7] == 9007199254740992.0);
  sfhet_table_free(t);
  /* the reader ignores the process locale */
  if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
    t = parse_ok("x\n1.25\n");
    assert_close(col(t, "x")[0], 1.25, 0, 0);
    sfhet_table_free(t);
    setlocale(LC_NUMERIC, "C");
  }
}

static void test_missing(void **s) {
  (void)s;
  sfhet_table *t = parse_ok("x,y\n1,2\n2,\n3,nan\n4,NaN\n");
  const double *v;
  size_t miss = 0, c = 0;
  assert_int_equal(sfhet_table_find(t, "y", "--y", &c), SFHET_OK);
  assert_int_equal(sfhet_table_column(t, c, SFHET_MISSING_NAN, &v, &miss), SFHET_OK);
  assert_int_equal(miss, 3);
  assert_true(isnan(v[1]) && isnan(v[2]) && isnan(v[3]));
  assert_int_equal(sfhet_table_column(t, c, SFHET_MISSING_ERROR, &v, &miss), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "t.csv:3"));
  sfhet_table_free(t);
}

static void test_errors(void **s) {
  (void)s;
  expect_error("x,y\n1,2\n3,4\n5,abc\n", "bad.csv:4");    /* bad cell on line 4 */
  expect_error("x,y\n1,2\n3,4\n5,abc\n", "'abc'");
  expect_error("x,y\n1,2\n3\n", "bad.csv:3: expected 2 columns");
  expect_error("x,y\n1,2,3,4\n", "bad.csv:2");
  expect_error("x,y\n1,\"2\n", "bad.csv:2: unterminated");
  expect_error("x,y\n1,\"2\"x\n", "bad.csv:2: text after a closing quote");
  expect_error("", "empty");
  expect_error("# only comments\n\n", "empty");
  expect_error("x,y\n1,inf\n", "bad.csv:2");
  expect_error("x,y\n1,1,5\n", "bad.csv:2");
  expect_error("x,y\n1,1.5.2\n", "bad.csv:2");
  expect_error("x,y\n1,1e\n", "bad.csv:2");
  /* hexadecimal is not a number in a data cell (issue 11): neither integers nor hex floats */
  expect_error("x,y\n1,0x10\n", "bad.csv:2: column 'y': '0x10'");
  expect_error("x,y\n1,-0X1p-2\n", "bad.csv:2: column 'y': '-0X1p-2'");
  sfhet_table *t = parse_ok("x,y\n1,2\n");
  const double *v;
  assert_int_equal(sfhet_table_get(t, "z", "--y", &v), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "--y: no column 'z'"));
  assert_non_null(strstr(sfhet_last_error(), "'x', 'y'"));
  assert_int_equal(sfhet_table_get(t, "3", "--y", &v), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "column 3 does not exist"));
  assert_int_equal(sfhet_table_get(t, "0", "--y", &v), SFHET_EDATA);
  sfhet_table_free(t);
  assert_int_equal(sfhet_table_read("/nonexistent/file.csv", &t), SFHET_EIO);
  assert_non_null(strstr(sfhet_last_error(), "/nonexistent/file.csv"));
  assert_int_equal(sfhet_table_parse("nul.csv", "x\n1\0", 4, &t), SFHET_EPARSE);
}

static void test_file_roundtrip(void **s) {
  (void)s;
  const char *p = write_temp("T_K G\n1.5 0.1\n2.5 0.2\n");
  sfhet_table *t = NULL;
  assert_int_equal(sfhet_table_read(p, &t), SFHET_OK);
  assert_string_equal(sfhet_table_name(t), p);
  assert_close(col(t, "G")[1], 0.2, 0, 0);
  sfhet_table_free(t);
  remove(p);
}

/* Issue 11: CR-only line ends are read (old Mac files), not a 0-row table. */
static void test_cr_only(void **s) {
  (void)s;
  sfhet_table *t = parse_ok("V_mV,G\r-1,0.5\r0,0.25\r1,0.5\r");
  assert_int_equal(sfhet_table_nrows(t), 3);
  assert_close(col(t, "G")[1], 0.25, 0, 0);
  assert_int_equal(sfhet_table_line(t, 2), 4);
  sfhet_table_free(t);
  t = parse_ok("a b\r\n1 2\n3 4\r5 6"); /* mixed line ends, no final one */
  assert_int_equal(sfhet_table_nrows(t), 3);
  assert_close(col(t, "b")[2], 6, 0, 0);
  sfhet_table_free(t);
}

/* Issue 11: /dev/zero and endless lines stop with an error naming the limit, at once. */
static void test_limits(void **s) {
  (void)s;
  sfhet_table *t = NULL;
  assert_int_equal(sfhet_table_read("/dev/zero", &t), SFHET_EPARSE);
  assert_non_null(strstr(sfhet_last_error(), "/dev/zero: binary data (a NUL byte at offset 0)"));
  size_t n = SFHET_TABLE_MAX_LINE + 10;
  char *big = malloc(n + 16);
  memcpy(big, "x\n1\n", 4);
  memset(big + 4, '7', n);
  big[n + 4] = '\0';
  assert_int_equal(sfhet_table_parse("long.csv", big, n + 4, &t), SFHET_EPARSE);
  assert_non_null(strstr(sfhet_last_error(), "long.csv:3: line longer than 1048576 bytes"));
  free(big);
  assert_null(t);
  assert_int_equal(sfhet_table_read("/tmp", &t), SFHET_EIO);
  assert_non_null(strstr(sfhet_last_error(), "is a directory"));
}

/* Units in headers: the split and the conversion sfhet_table_get applies. */
static void test_header_units(void **s) {
  (void)s;
  static const char *const cases[][3] = {
      {"Bias (V)", "Bias", "V"},          {"V_mV", "V", "mV"},        {"G (S)", "G", "S"},
      {"Field (Oe)", "Field", "Oe"},      {"T (mK)", "T", "mK"},      {"T [mK]", "T", "mK"},
      {"Input 3 (A) [filt]", "Input 3 [filt]", "A"},                  {"Moment (emu)", "Moment", "emu"},
      {"V_G", "V_G", ""},                 {"I_S", "I_S", ""},         {"Bias calc (V)", "Bias calc", "V"},
      {"Current [bwd] (A)", "Current [bwd]", "A"},                    {"x_nm", "x", "nm"},
      {"V_A", "V_A", ""},                 {"T_B", "T_B", ""},         {"B_T", "B", "T"},
      {"T_K", "T", "K"},                  {"t_s", "t", "s"},          {"R_kohm", "R", "kohm"},
      {"delta_err_meV", "delta_err", "meV"}, {"LI [AVG]", "LI [AVG]", ""}, {"col1", "col1", ""}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char base[64], unit[32];
    sfhet_colname_split(cases[i][0], base, sizeof base, unit, sizeof unit);
    if (strcmp(base, cases[i][1]) || strcmp(unit, cases[i][2]))
      print_error("'%s' -> '%s' + '%s'\n", cases[i][0], base, unit);
    assert_string_equal(base, cases[i][1]);
    assert_string_equal(unit, cases[i][2]);
  }
  static const struct {
    const char *u;
    sfhet_dim d;
    double f;
  } units[] = {{"uS", SFHET_DIM_CONDUCTANCE, 1e-6}, {"S", SFHET_DIM_CONDUCTANCE, 1}, {"Oe", SFHET_DIM_FIELD, 1e-4},
               {"Ohms", SFHET_DIM_RESISTANCE, 1}, {"sec", SFHET_DIM_TIME, 1}, {"mK", SFHET_DIM_TEMPERATURE, 1e-3},
               {"V", SFHET_DIM_VOLTAGE, 1e3}, {"uA", SFHET_DIM_CURRENT, 1e-3}};
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    sfhet_dim d;
    double f;
    assert_int_equal(sfhet_unit_lookup(units[i].u, &d, &f), SFHET_OK);
    assert_int_equal(d, units[i].d);
    assert_close(f, units[i].f, 1e-15, 0);
  }
  sfhet_dim d;
  double f;
  assert_int_equal(sfhet_unit_lookup("emu", &d, &f), SFHET_EUNIT);
  sfhet_table *t = parse_ok("Bias (V),T (mK),Field (Oe),G (uS),V_G\n0.001,250,5000,3,1\n");
  assert_close(col(t, "Bias (V)")[0], 1.0, 1e-15, 0);     /* mV */
  assert_close(col(t, "T (mK)")[0], 0.25, 1e-15, 0);      /* K */
  assert_close(col(t, "Field (Oe)")[0], 0.5, 1e-15, 0);   /* T: 1 Oe = 1e-4 T */
  assert_close(col(t, "G (uS)")[0], 3e-6, 1e-15, 0);      /* S */
  assert_close(col(t, "V_G")[0], 1.0, 0, 0);              /* a name, not gauss */
  sfhet_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_csv_basic), cmocka_unit_test(test_quirks),
      cmocka_unit_test(test_numbers),   cmocka_unit_test(test_missing),
      cmocka_unit_test(test_errors),    cmocka_unit_test(test_file_roundtrip),
      cmocka_unit_test(test_cr_only),   cmocka_unit_test(test_limits),
      cmocka_unit_test(test_header_units),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
