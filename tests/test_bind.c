/* The flat binding interface (sfhet/bind.h) at the C level: results, argument checking and error
 * paths of every bound function (run under ASan/UBSan with leak detection by the test script), and a
 * noise-free fit that recovers its parameters through it. The Python tests (python/tests) check every
 * bound function against the CLI. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/bind.h"
#include "sfhet/error.h"
#include "testutil.h"

/* Array `name` of a result, or NULL. */
static const double *array_of(const sfhet_bind_res *r, const char *name, size_t *rows, size_t *cols) {
  for (size_t k = 0; k < sfhet_bind_res_narrays(r); k++)
    if (strcmp(sfhet_bind_res_array_name(r, k), name) == 0) return sfhet_bind_res_array(r, k, rows, cols);
  return NULL;
}

/* The first string stored under key, or NULL. */
static const char *string_of(const sfhet_bind_res *r, const char *key) {
  for (size_t k = 0; k < sfhet_bind_res_nstrings(r); k++)
    if (strcmp(sfhet_bind_res_string_key(r, k), key) == 0) return sfhet_bind_res_string(r, k);
  return NULL;
}

static void test_dos_result(void **state) {
  (void)state;
  const char *names[] = {"model", "delta", "gamma"}, *values[] = {"dynes", "0.86meV", "80ueV"};
  double E[] = {0.0, 0.9, 3.0};
  const char *an[] = {"E"};
  const double *arr[] = {E};
  size_t len[] = {3}, rows, cols;
  sfhet_bind_res *r = NULL;
  assert_int_equal(sfhet_bind_call("dos", 3, names, values, 1, an, arr, len, &r), SFHET_OK);
  const double *N = array_of(r, "N", &rows, &cols);
  assert_non_null(N);
  assert_int_equal(rows, 3);
  assert_int_equal(cols, 1);
  for (size_t i = 0; i < 3; i++) assert_close(N[i], sfhet_dynes_n(E[i], 0.86, 0.08), 1e-15, 0);
  assert_string_equal(string_of(r, "model"), "dynes");
  assert_null(sfhet_bind_res_array(r, 99, &rows, &cols));
  assert_null(sfhet_bind_res_string(r, 99));
  sfhet_bind_res_free(r);
  sfhet_bind_res_free(NULL);
}

static void test_bad_calls(void **state) {
  (void)state;
  sfhet_bind_res *r = (sfhet_bind_res *)&r; /* set to NULL by every failing call */
  const char *dup[] = {"delta", "delta"}, *v2[] = {"1", "2"}, *nullv[] = {NULL};
  assert_int_equal(sfhet_bind_call("nope", 0, NULL, NULL, 0, NULL, NULL, NULL, &r), SFHET_EINVAL);
  assert_null(r);
  assert_non_null(strstr(sfhet_last_error(), "unknown function 'nope'"));
  assert_int_equal(sfhet_bind_call(NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, &r), SFHET_EINVAL);
  assert_int_equal(sfhet_bind_call("dos", 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), SFHET_EINVAL);
  assert_int_equal(sfhet_bind_call("dos", 2, dup, v2, 0, NULL, NULL, NULL, &r), SFHET_EINVAL);
  assert_non_null(strstr(sfhet_last_error(), "given twice"));
  assert_int_equal(sfhet_bind_call("dos", 1, dup, nullv, 0, NULL, NULL, NULL, &r), SFHET_EINVAL);
  const char *un[] = {"delta_s"}, *uv[] = {"0.3"}, *an[] = {"E"};
  double E = 0;
  const double *arr[] = {&E};
  size_t len[] = {1};
  assert_int_equal(sfhet_bind_call("dos", 1, un, uv, 1, an, arr, len, &r), SFHET_EUSAGE);
  assert_non_null(strstr(sfhet_last_error(), "unknown argument 'delta_s'"));
  assert_null(r);
}

/* Every bound function rejects an unknown argument before computing, and frees what it made. */
static void test_every_function_rejects_unknown_arguments(void **state) {
  (void)state;
  const char *n[] = {"zzz_unknown"}, *v[] = {"1"};
  for (size_t i = 0; i < bind_fn_count(); i++) {
    const bind_fn *f = bind_fn_get(i);
    sfhet_bind_res *r = NULL;
    int st = sfhet_bind_call(f->name, 1, n, v, 0, NULL, NULL, NULL, &r);
    if (st == SFHET_OK) fail_msg("%s accepted an unknown argument", f->name);
    assert_null(r);
    assert_true(strlen(sfhet_last_error()) > 0);
    assert_non_null(f->summary);
    assert_non_null(f->args);
  }
}

/* Without arguments every function (but the lattice model's, whose defaults compute for seconds) either
 * works or fails with a message; nothing leaks either way. */
static void test_every_function_without_arguments(void **state) {
  (void)state;
  for (size_t i = 0; i < bind_fn_count(); i++) {
    const bind_fn *f = bind_fn_get(i);
    if (strncmp(f->name, "ising_", 6) == 0) continue;
    sfhet_bind_res *r = NULL;
    int st = sfhet_bind_call(f->name, 0, NULL, NULL, 0, NULL, NULL, NULL, &r);
    if (st) {
      assert_null(r);
      if (!sfhet_last_error()[0]) fail_msg("%s failed without a message", f->name);
    } else {
      assert_non_null(r);
    }
    sfhet_bind_res_free(r);
  }
}

/* A noise-free SIS spectrum made through didv is fitted back through fit. */
static void test_fit_recovers_parameters(void **state) {
  (void)state;
  enum { N = 81 };
  double V[N];
  for (size_t i = 0; i < N; i++) V[i] = -3.0 + 6.0 * (double)i / (N - 1);
  const char *dn[] = {"junction", "delta", "gamma", "T"}, *dv[] = {"sis", "0.8", "0.06", "1.5"};
  const char *an[] = {"V", "G"};
  const double *arr[] = {V, NULL};
  size_t len[] = {N, N};
  sfhet_bind_res *g = NULL, *f = NULL;
  assert_int_equal(sfhet_bind_call("didv", 4, dn, dv, 1, an, arr, len, &g), SFHET_OK);
  size_t rows, cols;
  arr[1] = array_of(g, "G", &rows, &cols);
  const char *fn[] = {"junction", "T", "free"}, *fv[] = {"sis", "1.5", "delta,gamma"};
  assert_int_equal(sfhet_bind_call("fit", 3, fn, fv, 2, an, arr, len, &f), SFHET_OK);
  const double *val = array_of(f, "value", &rows, &cols), *curve = array_of(f, "curve", NULL, NULL);
  assert_int_equal(rows, 1);
  assert_string_equal(sfhet_bind_res_string(f, 0), "delta"); /* parameter names in order */
  assert_close(val[0], 0.8, 1e-5, 0);
  assert_close(val[1], 0.06, 1e-4, 0);
  for (size_t i = 0; i < N; i++) assert_close(curve[i], arr[1][i], 1e-4, 1e-9); /* didv's stated accuracy */
  sfhet_bind_res_free(f);
  len[1] = 2; /* lengths differ: an input error, nothing leaks */
  assert_int_equal(sfhet_bind_call("fit", 3, fn, fv, 2, an, arr, len, &f), SFHET_EINVAL);
  assert_null(f);
  sfhet_bind_res_free(g);
}

/* The isingqc functions: the flop loop's rows, the unitary temperature in closed form, and a peaks
 * curve that fails part way (the normal state at b = 3 meV) freeing what it had allocated. */
static void test_isingqc(void **state) {
  (void)state;
  const char *names[] = {"Tc0", "T", "xi0", "Rd"}, *values[] = {"6.5", "1", "0.9", "1.6"};
  double B[] = {-1.0, 0.0, 1.0};
  const char *an[] = {"B"};
  const double *arr[] = {B};
  size_t len[] = {3}, rows, cols;
  sfhet_bind_res *r = NULL;
  assert_int_equal(sfhet_bind_call("isingqc_flop", 4, names, values, 1, an, arr, len, &r), SFHET_OK);
  const double *dir = array_of(r, "direction", &rows, &cols), *Bt = array_of(r, "B_T", &rows, &cols);
  assert_int_equal(rows, 6);
  assert_true(dir[0] == 1 && dir[5] == -1 && Bt[3] == 1.0 && Bt[5] == -1.0);
  sfhet_bind_res_free(r);
  assert_int_equal(sfhet_bind_call("isingqc_flop_temps", 4, names, values, 1, an, arr, len, &r), SFHET_OK);
  assert_close(array_of(r, "T_unitary_K", &rows, &cols)[0], 6.5 * (1 - (0.9 / 1.6) * (0.9 / 1.6)), 1e-12, 0);
  assert_non_null(array_of(r, "Ep_meV", &rows, &cols));
  sfhet_bind_res_free(r);
  const char *pn[] = {"Tc0", "T", "gamma", "dso"}, *pv[] = {"6.5", "1", "0.05", "1.5"};
  double b[] = {0.0, 3.0};
  const char *bn[] = {"b"};
  const double *barr[] = {b};
  size_t blen[] = {2};
  r = (sfhet_bind_res *)&r;
  assert_int_not_equal(sfhet_bind_call("isingqc_peaks", 4, pn, pv, 1, bn, barr, blen, &r), SFHET_OK);
  assert_null(r);
  assert_non_null(strstr(sfhet_last_error(), "normal state"));
}

static void test_read_table(void **state) {
  (void)state;
  const char *path = write_temp("# c\nB_T,label,G\n0,\"up, first\",1\n0.5,down,\n");
  const char *n[] = {"path"}, *v[] = {path};
  sfhet_bind_res *r = NULL;
  assert_int_equal(sfhet_bind_call("read", 1, n, v, 0, NULL, NULL, NULL, &r), SFHET_OK);
  size_t rows, cols;
  const double *G = array_of(r, "G", &rows, &cols), *miss = array_of(r, "#missing", NULL, NULL);
  assert_int_equal(rows, 2);
  assert_true(G[0] == 1.0 && isnan(G[1]));
  assert_true(miss[0] == 0 && miss[2] == 1);
  assert_string_equal(string_of(r, "cell"), "up, first");
  sfhet_bind_res_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dos_result),
      cmocka_unit_test(test_bad_calls),
      cmocka_unit_test(test_every_function_rejects_unknown_arguments),
      cmocka_unit_test(test_every_function_without_arguments),
      cmocka_unit_test(test_fit_recovers_parameters),
      cmocka_unit_test(test_read_table),
      cmocka_unit_test(test_isingqc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
