/* Instrument formats through the one table reader, on files written by an independent generator
 * (tests/data/labdata/make_labdata.py: Python, numpy, sqlite3 following the QCoDeS schema, h5py),
 * each compared value by value with the generator's own expected table; format detection; the error
 * cases (truncated grid, unknown run, missing dataset path) naming file and place. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfhet/error.h"
#include "sfhet/table.h"
#include "testutil.h"
#include "labdata_fixture.h"



static sfhet_table *open_ok(const char *name, const sfhet_read_opts *o) {
  sfhet_table *t = NULL;
  int st = sfhet_table_open(path_of(name), o, &t);
  if (st) print_error("%s: %s\n", name, sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
  return t;
}

/* Every column of the generator's expected table equals the reader's column of the same name. */
static void compare_expected(sfhet_table *t, const char *expected) {
  sfhet_table *e = open_ok(expected, NULL);
  assert_int_equal(sfhet_table_nrows(t), sfhet_table_nrows(e));
  for (size_t c = 0; c < sfhet_table_ncols(e); c++) {
    const char *name = sfhet_table_colname(e, c);
    size_t col;
    const double *want, *got;
    assert_int_equal(sfhet_table_find(t, name, "test", &col), SFHET_OK);
    assert_string_equal(sfhet_table_colname(t, col), name);
    assert_int_equal(sfhet_table_column(e, c, SFHET_MISSING_NAN, &want, NULL), SFHET_OK);
    assert_int_equal(sfhet_table_column(t, col, SFHET_MISSING_NAN, &got, NULL), SFHET_OK);
    for (size_t r = 0; r < sfhet_table_nrows(e); r++) {
      if (isnan(want[r])) {
        if (!isnan(got[r])) print_error("%s row %zu: %g, expected nan\n", name, r, got[r]);
        assert_true(isnan(got[r]));
        continue;
      }
      assert_close(got[r], want[r], 1e-15, 0);
    }
  }
  sfhet_table_free(e);
}

static void expect_open_error(const char *name, const sfhet_read_opts *o, int status, const char *needle) {
  sfhet_table *t = NULL;
  int st = sfhet_table_open(path_of(name), o, &t);
  assert_null(t);
  assert_int_equal(st, status);
  if (!strstr(sfhet_last_error(), needle)) print_error("message '%s' lacks '%s'\n", sfhet_last_error(), needle);
  assert_non_null(strstr(sfhet_last_error(), needle));
}

static void test_multivu(void **s) {
  (void)s;
  sfhet_table *t = open_ok("ppms_rt.dat", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_MULTIVU);
  assert_int_equal(sfhet_table_ncols(t), 13);
  assert_string_equal(sfhet_table_colname(t, 0), "Comment");
  assert_string_equal(sfhet_table_unit(t, 3), "Oe");
  assert_string_equal(sfhet_table_meta(t, "TITLE"), "NbSe2 flake B, R(T) cool-down");
  compare_expected(t, "ppms_rt.dat.expected.csv");
  const double *v;
  size_t miss;
  assert_int_equal(sfhet_table_column(t, 0, SFHET_MISSING_NAN, &v, &miss), SFHET_OK); /* empty Comment */
  assert_int_equal(miss, 161);
  assert_int_equal(sfhet_table_line(t, 0), 15); /* [Header] 13 lines, then the column names */
  sfhet_table_free(t);
}

static void test_nanonis_dat(void **s) {
  (void)s;
  const char *files[] = {"sts_T1.50K.dat", "sts_T2.50K.dat", "sts_T3.50K.dat", "sts_T4.50K.dat"};
  for (int i = 0; i < 4; i++) {
    sfhet_table *t = open_ok(files[i], NULL);
    char exp[64];
    snprintf(exp, sizeof exp, "%s.expected.csv", files[i]);
    assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_NANONIS);
    compare_expected(t, exp);
    assert_string_equal(sfhet_table_meta(t, "Lock-in>Amplitude"), "50.0000E-6");
    assert_string_equal(sfhet_table_meta(t, "amplitude"), "50.0000E-6"); /* last '>' component */
    assert_string_equal(sfhet_table_meta(t, "Final Z (m)"), "N/A");
    assert_string_equal(sfhet_table_meta(t, "User"), "");
    size_t col, miss;
    const double *v;
    assert_int_equal(sfhet_table_find(t, "LI Demod 1 X (A) [filt]", "t", &col), SFHET_OK);
    assert_string_equal(sfhet_table_unit(t, col), "A");
    assert_int_equal(sfhet_table_column(t, col, SFHET_MISSING_NAN, &v, &miss), SFHET_OK);
    assert_int_equal(miss, 2); /* NaN cells */
    sfhet_table_free(t);
  }
}

static void test_3ds(void **s) {
  (void)s;
  sfhet_table *t = open_ok("grid.3ds", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_NANONIS_3DS);
  assert_int_equal(sfhet_table_nrows(t), 7 * 5 * 61);
  compare_expected(t, "grid.3ds.expected.csv");
  assert_string_equal(sfhet_table_meta(t, "Comment"), "NbSe2 map, 1.5 K");
  size_t col;
  assert_int_equal(sfhet_table_find(t, "Bias", "t", &col), SFHET_OK); /* name without its unit */
  assert_string_equal(sfhet_table_colname(t, col), "Bias (V)");
  sfhet_table_free(t);
  expect_open_error("grid_truncated.3ds", NULL, SFHET_EDATA, "grid_truncated.3ds: truncated grid");
  assert_non_null(strstr(sfhet_last_error(), "pixel 20 of 35"));
}

static void test_qcodes(void **s) {
  (void)s;
  sfhet_read_opts o = {SFHET_FORMAT_AUTO, 1, NULL, 0};
  sfhet_table *t = open_ok("qcodes.db", &o);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_QCODES);
  compare_expected(t, "qcodes.db.run1.expected.csv");
  size_t col;
  assert_int_equal(sfhet_table_find(t, "lockin_G", "t", &col), SFHET_OK);
  assert_string_equal(sfhet_table_unit(t, col), "S"); /* from the run description */
  assert_non_null(strstr(sfhet_table_label(t, col), "Conductance"));
  assert_int_equal(sfhet_table_nentries(t), 3);
  assert_string_equal(sfhet_table_entry_at(t, 1)->name, "buffered_sweep");
  assert_string_equal(sfhet_table_meta(t, "guid"), "aaaaaaaa-0000-0000-0000-000000000001");
  sfhet_table_free(t);
  t = open_ok("qcodes.db:2", NULL); /* FILE.db:RUN; array parameters (npy blobs, float32 G) */
  compare_expected(t, "qcodes.db.run2.expected.csv");
  sfhet_table_free(t);
  o.run = 3;
  t = open_ok("qcodes.db", &o);
  assert_int_equal(sfhet_table_is_numeric(t, 2, NULL), 0); /* the text parameter */
  assert_string_equal(sfhet_table_cell(t, 1, 2), "cooldown 1");
  assert_string_equal(sfhet_table_unit(t, 0), "mK");
  sfhet_table_free(t);
  expect_open_error("qcodes.db", NULL, SFHET_EUSAGE, "3 runs in this QCoDeS database: choose one with --run");
  o.run = 7;
  expect_open_error("qcodes.db", &o, SFHET_EDATA, "qcodes.db: no run 7 in this QCoDeS database (runs: 1 ");
  o.run = 0, o.list = 1;
  t = open_ok("qcodes.db", &o); /* inspect: no run chosen, the runs listed */
  assert_int_equal(sfhet_table_ncols(t), 0);
  assert_int_equal(sfhet_table_nentries(t), 3);
  sfhet_table_free(t);
}

static void test_hdf5(void **s) {
  (void)s;
  sfhet_table *t = open_ok("spectra.h5:/sweep", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_HDF5);
  compare_expected(t, "spectra.h5.sweep.expected.csv");
  assert_string_equal(sfhet_table_unit(t, 1), "uS"); /* "units" attribute */
  assert_string_equal(sfhet_table_meta(t, "sample"), "NbSe2 J3");
  assert_int_equal(sfhet_table_nentries(t), 6);
  sfhet_table_free(t);
  t = open_ok("spectra.h5:/matrix", NULL);
  assert_string_equal(sfhet_table_colname(t, 2), "Field");
  assert_string_equal(sfhet_table_unit(t, 2), "mT");
  sfhet_table_free(t);
  sfhet_read_opts o = {SFHET_FORMAT_AUTO, 0, "/table", 0};
  t = open_ok("spectra.h5", &o); /* compound: numeric members only */
  assert_int_equal(sfhet_table_ncols(t), 2);
  assert_string_equal(sfhet_table_colname(t, 0), "V_mV");
  sfhet_table_free(t);
  expect_open_error("spectra.h5:/nope/G", NULL, SFHET_EDATA, "spectra.h5:/nope/G: no dataset or group '/nope/G'");
  expect_open_error("spectra.h5:/cube", NULL, SFHET_EDATA, "float64 [2 x 3 x 4] dataset");
  expect_open_error("spectra.h5", NULL, SFHET_EUSAGE, "spectra.h5:/path (datasets: /cube, /matrix");
}

static void test_labber(void **s) {
  (void)s;
  sfhet_table *t = open_ok("labber.hdf5", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_LABBER);
  compare_expected(t, "labber.hdf5.expected.csv");
  assert_string_equal(sfhet_table_unit(t, 1), "T"); /* unitPhys of /Channels */
  assert_string_equal(sfhet_table_meta(t, "log_name"), "NbSe2 field sweep");
  sfhet_table_free(t);
}

/* Content, not the name, decides the format; --format forces one. */
static void test_detection(void **s) {
  (void)s;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "cp %s/ppms_rt.dat %s/rt.csv && cp %s/grid.3ds %s/grid.txt", fixture_dir, fixture_dir, fixture_dir, fixture_dir);
  assert_int_equal(system(cmd), 0);
  sfhet_table *t = open_ok("rt.csv", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_MULTIVU);
  sfhet_table_free(t);
  t = open_ok("grid.txt", NULL);
  assert_int_equal(sfhet_table_format(t), SFHET_FORMAT_NANONIS_3DS);
  sfhet_table_free(t);
  sfhet_read_opts o = {SFHET_FORMAT_TEXT, 0, NULL, 0};
  expect_open_error("ppms_rt.dat", &o, SFHET_EPARSE, "ppms_rt.dat:2: expected 1 columns");
  o.format = SFHET_FORMAT_NANONIS;
  expect_open_error("ppms_rt.dat", &o, SFHET_EPARSE, "without a [DATA] line");
  o.format = SFHET_FORMAT_HDF5;
  expect_open_error("ppms_rt.dat", &o, SFHET_EIO, "cannot open as an HDF5 file");
  sfhet_format f;
  assert_int_equal(sfhet_format_parse("nanonis-3ds", "--format", &f), SFHET_OK);
  assert_int_equal(f, SFHET_FORMAT_NANONIS_3DS);
  assert_int_equal(sfhet_format_parse("excel", "--format", &f), SFHET_EUSAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_multivu), cmocka_unit_test(test_nanonis_dat), cmocka_unit_test(test_3ds),
      cmocka_unit_test(test_qcodes),  cmocka_unit_test(test_hdf5),        cmocka_unit_test(test_labber),
      cmocka_unit_test(test_detection),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
