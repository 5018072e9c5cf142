/* Error scheme, output files (atomic commit/abort), CSV/JSON round trips, sweeps, parameter checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/param.h"
#include "sfhet/sweep.h"
#include "sfhet/table.h"
#include "testutil.h"

static int seen_status, seen_line;
static char seen_msg[256];
static void handler(int status, const char *file, int line, const char *msg) {
  (void)file;
  seen_status = status;
  seen_line = line;
  snprintf(seen_msg, sizeof seen_msg, "%s", msg);
}

static int failing(int x) {
  if (x < 0) SFHET_ERROR(SFHET_ERANGE, "--x: %d is negative", x);
  return SFHET_OK;
}

static void test_error_scheme(void **s) {
  (void)s;
  assert_string_equal(sfhet_strerror(SFHET_OK), "success");
  assert_string_equal(sfhet_strerror(SFHET_ENOCONV), "no convergence");
  assert_string_equal(sfhet_strerror(9999), "unknown status");
  assert_int_equal(sfhet_status_exit_code(SFHET_EPARSE), 2);
  assert_int_equal(sfhet_status_exit_code(SFHET_ENOCONV), 1);
  assert_int_equal(sfhet_status_exit_code(SFHET_OK), 0);
  sfhet_error_handler_t *old = sfhet_set_error_handler(handler);
  assert_int_equal(failing(-3), SFHET_ERANGE);
  assert_int_equal(seen_status, SFHET_ERANGE);
  assert_true(seen_line > 0);
  assert_string_equal(seen_msg, "--x: -3 is negative");
  assert_string_equal(sfhet_last_error(), "--x: -3 is negative");
  assert_int_equal(sfhet_last_status(), SFHET_ERANGE);
  sfhet_set_error_handler(old);
  sfhet_clear_error();
  assert_string_equal(sfhet_last_error(), "");
  assert_int_equal(failing(1), SFHET_OK);
}

static void test_param_check(void **s) {
  (void)s;
  sfhet_param_info p = {"gamma", "Γ", SFHET_DIM_ENERGY, 0, 0, 10, 0, "broadening"};
  assert_int_equal(sfhet_param_check(&p, 0.5, "--gamma"), SFHET_OK);
  assert_int_equal(sfhet_param_check(&p, 0.0, "--gamma"), SFHET_OK);
  assert_int_equal(sfhet_param_check(&p, -0.1, "--gamma"), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--gamma"));
  assert_int_equal(sfhet_param_check(&p, NAN, "--gamma"), SFHET_ERANGE);
  p.flags = SFHET_PARAM_LO_OPEN;
  assert_int_equal(sfhet_param_check(&p, 0.0, "--gamma"), SFHET_ERANGE);
  sfhet_param_info l = {"l", "l", SFHET_DIM_NONE, 0, 0, 3, SFHET_PARAM_INTEGER, "index"};
  assert_int_equal(sfhet_param_check(&l, 1.5, "--l"), SFHET_ERANGE);
  assert_int_equal(sfhet_param_check(&l, 4, "--l"), SFHET_ERANGE);
  assert_int_equal(sfhet_param_check(&l, 3, "--l"), SFHET_OK);
}

static void test_csv_roundtrip(void **s) {
  (void)s;
  char dir[] = "/tmp/sfhet_core_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[128];
  snprintf(path, sizeof path, "%s/out.csv", dir);
  sfhet_outfile o;
  assert_int_equal(sfhet_outfile_open(&o, path), SFHET_OK);
  assert_int_equal(access(path, F_OK), -1); /* not visible before commit */
  sfhet_csv_meta(o.fp, "command", "sfhet test --x %d", 1);
  const char *names[] = {"E_meV", "N"};
  sfhet_csv_header(o.fp, names, 2);
  double rows[3][2] = {{-1.0 / 3.0, 1e-20}, {0.1234567890123456, 12345.678901234567}, {2, -0.0}};
  for (int i = 0; i < 3; i++) sfhet_csv_row(o.fp, rows[i], 2);
  assert_int_equal(sfhet_outfile_commit(&o), SFHET_OK);
  sfhet_table *t = NULL;
  assert_int_equal(sfhet_table_read(path, &t), SFHET_OK);
  const double *e, *n;
  assert_int_equal(sfhet_table_get(t, "E_meV", "x", &e), SFHET_OK);
  assert_int_equal(sfhet_table_get(t, "N", "y", &n), SFHET_OK);
  for (int i = 0; i < 3; i++) {
    assert_close(e[i], rows[i][0], 1e-11, 0); /* 12 significant digits survive */
    assert_close(n[i], rows[i][1], 1e-11, 0);
  }
  sfhet_table_free(t);
  /* abort leaves nothing behind, and an existing file untouched */
  assert_int_equal(sfhet_outfile_open(&o, path), SFHET_OK);
  fputs("garbage\n", o.fp);
  sfhet_outfile_abort(&o);
  assert_int_equal(sfhet_table_read(path, &t), SFHET_OK);
  assert_int_equal(sfhet_table_nrows(t), 3);
  sfhet_table_free(t);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 1", dir);
  assert_int_equal(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(sfhet_outfile_open(&o, "/nonexistent-dir/x.csv"), SFHET_EIO);
}

static void test_json(void **s) {
  (void)s;
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  sfhet_json j;
  sfhet_json_begin(&j, fp, 0);
  sfhet_json_number(&j, "delta", 0.86);
  sfhet_json_number(&j, "bad", NAN);
  sfhet_json_bool(&j, "converged", 1);
  sfhet_json_string(&j, "reason", "a \"quoted\"\nline");
  sfhet_json_array_begin(&j, "corr");
  sfhet_json_number(&j, NULL, 1);
  sfhet_json_number(&j, NULL, -0.5);
  sfhet_json_array_end(&j);
  sfhet_json_object_begin(&j, "o");
  sfhet_json_int(&j, "n", 3);
  sfhet_json_object_end(&j);
  sfhet_json_end(&j);
  fclose(fp);
  assert_string_equal(buf, "{\"delta\":0.86,\"bad\":null,\"converged\":true,"
                           "\"reason\":\"a \\\"quoted\\\"\\nline\",\"corr\":[1,-0.5],\"o\":{\"n\":3}}\n");
  free(buf);
}

typedef struct {
  double *out;
} sq_ctx;
static int square(size_t i, void *ctx) {
  sq_ctx *c = ctx;
  if (i == 7 || i == 3) SFHET_ERROR(SFHET_ENOCONV, "point %zu failed", i);
  c->out[i] = (double)(i * i);
  return SFHET_OK;
}
static size_t progress_calls, progress_last;
static void count_progress(size_t done, size_t total, void *ctx) {
  (void)ctx;
  (void)total;
  progress_calls++;
  progress_last = done;
}

static void test_sweep(void **s) {
  (void)s;
  double out[100];
  int status[100];
  sq_ctx c = {out};
  sfhet_progress pr = {count_progress, NULL};
  int st = sfhet_sweep_map(100, square, &c, 2, &pr, status);
  assert_int_equal(st, SFHET_ENOCONV);
  assert_non_null(strstr(sfhet_last_error(), "point 4 of 100: point 3 failed")); /* lowest index */
  assert_int_equal(status[3], SFHET_ENOCONV);
  assert_int_equal(status[7], SFHET_ENOCONV);
  for (size_t i = 0; i < 100; i++)
    if (i != 3 && i != 7) assert_true(out[i] == (double)(i * i));
  assert_int_equal(progress_calls, 100);
  assert_int_equal(progress_last, 100);
  assert_int_equal(sfhet_sweep_map(0, square, &c, 0, NULL, NULL), SFHET_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_error_scheme), cmocka_unit_test(test_param_check),
      cmocka_unit_test(test_csv_roundtrip), cmocka_unit_test(test_json),
      cmocka_unit_test(test_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
