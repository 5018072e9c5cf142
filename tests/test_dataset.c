/* Data sets: columns read in the dimension a command needs (units from headers, overrides, wrong
 * dimensions named), series of files with per-file sweep values (header key, column mean, file-name
 * pattern), and normalisation with error propagation checked by Monte Carlo. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"
#include "testutil.h"
#include "labdata_fixture.h"


static sfhet_table *parse(const char *text) {
  sfhet_table *t = NULL;
  assert_int_equal(sfhet_table_parse("u.csv", text, strlen(text), &t), SFHET_OK);
  return t;
}

static int req(sfhet_table *t, const char *spec, const char *unit, sfhet_col_mode mode, sfhet_dim dim,
               const double **v, sfhet_colinfo *info) {
  sfhet_colreq r = {spec, unit, mode, dim, "--x"};
  return sfhet_table_column_req(t, &r, SFHET_MISSING_NAN, v, NULL, info);
}

static void test_column_units(void **s) {
  (void)s;
  sfhet_table *t = parse("Bias calc (V),Temperature (K),LI X (A),B [mT],V_mV,V,G (uS)\n"
                         "0.002,1.5,3e-11,250,2,2,3\n");
  const double *v;
  sfhet_colinfo ci;
  assert_int_equal(req(t, "Bias calc (V)", NULL, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_OK);
  assert_close(v[0], 2.0, 1e-15, 0);
  assert_string_equal(ci.outname, "Bias_calc_mV");
  assert_string_equal(ci.unit, "mV");
  assert_int_equal(req(t, "V_mV", NULL, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_OK);
  assert_string_equal(ci.outname, "V_mV"); /* already sfhet's name */
  assert_int_equal(req(t, "V", NULL, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_OK);
  assert_close(v[0], 2.0, 0, 0); /* unlabelled: taken to be in mV */
  assert_string_equal(ci.outname, "V");
  assert_int_equal(req(t, "V", "V", SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_OK); /* --x-unit V */
  assert_close(v[0], 2000.0, 1e-15, 0);
  assert_int_equal(req(t, "Bias calc (V)", "uV", SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_OK);
  assert_close(v[0], 2e-6, 1e-15, 0); /* the override wins over the header */
  /* a unit of the wrong dimension names the column and the option */
  assert_int_equal(req(t, "Temperature (K)", NULL, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_EUNIT);
  assert_non_null(strstr(sfhet_last_error(), "--x: column 'Temperature (K)' has unit 'K' (a temperature), but "
                                             "--x takes a voltage"));
  assert_int_equal(req(t, "V", "furlong", SFHET_COL_DIM, SFHET_DIM_VOLTAGE, &v, &ci), SFHET_EUNIT);
  /* sweep columns: their own dimension's default unit */
  assert_int_equal(req(t, "B [mT]", NULL, SFHET_COL_OWN, SFHET_DIM_NONE, &v, &ci), SFHET_OK);
  assert_close(v[0], 0.25, 1e-15, 0);
  assert_int_equal(ci.dim, SFHET_DIM_FIELD);
  assert_string_equal(ci.outname, "B_T");
  assert_int_equal(sfhet_colname_dim(ci.outname), SFHET_DIM_FIELD);
  assert_int_equal(sfhet_colname_dim("T (mK)"), SFHET_DIM_NONE); /* not a default unit */
  /* signals keep their numbers; a temperature is no conductance */
  assert_int_equal(req(t, "LI X (A)", NULL, SFHET_COL_SIGNAL, SFHET_DIM_NONE, &v, &ci), SFHET_OK);
  assert_close(v[0], 3e-11, 0, 0);
  assert_string_equal(ci.unit, "A");
  assert_int_equal(req(t, "G (uS)", NULL, SFHET_COL_SIGNAL, SFHET_DIM_NONE, &v, &ci), SFHET_OK);
  assert_close(v[0], 3.0, 0, 0);
  assert_int_equal(req(t, "Temperature (K)", NULL, SFHET_COL_SIGNAL, SFHET_DIM_NONE, &v, &ci), SFHET_EUNIT);
  assert_int_equal(req(t, "Temperature (K)", "1", SFHET_COL_SIGNAL, SFHET_DIM_NONE, &v, &ci), SFHET_OK);
  sfhet_table_free(t);
}


static int read_series(const char *sweep_from, sfhet_dataset *ds) {
  const char *paths[4] = {path_of("sts_T3.50K.dat"), path_of("sts_T1.50K.dat"), path_of("sts_T4.50K.dat"),
                          path_of("sts_T2.50K.dat")};
  sfhet_dataset_spec sp = {.paths = paths, .npaths = 4, .x = "Bias calc (V)", .y = "LI Demod 1 X (A)",
                           .sweep_from = sweep_from};
  return sfhet_dataset_read(&sp, ds);
}

static void check_series(const sfhet_dataset *ds, const char *sname) {
  assert_int_equal(ds->m, 4);
  assert_int_equal(ds->nfiles, 4);
  for (size_t i = 0; i < 4; i++) {
    assert_close(ds->s[i], 1.5 + (double)i, 1e-12, 0); /* sorted by sweep value */
    assert_int_equal(ds->n[i], 201);
    assert_close(ds->x[i][0], -5.0, 1e-12, 0); /* volts -> mV */
  }
  assert_string_equal(ds->sname, sname);
  assert_int_equal(ds->sdim, SFHET_DIM_TEMPERATURE);
  assert_string_equal(ds->sunit, "K");
  assert_string_equal(ds->xname, "Bias_calc_mV");
  assert_string_equal(ds->yunit, "A");
}

static void test_series(void **s) {
  (void)s;
  sfhet_dataset ds;
  assert_int_equal(read_series("Temperature 1 (K)", &ds), SFHET_OK); /* Nanonis key, last component */
  check_series(&ds, "Temperature_1_K");
  sfhet_dataset_free(&ds);
  assert_int_equal(read_series("name:_T(?<T>[0-9.]+)K", &ds), SFHET_OK); /* unit after the group */
  check_series(&ds, "T_K");
  sfhet_dataset_free(&ds);
  assert_int_equal(read_series("name:_T(?P<T_mK>[0-9.]+)K", &ds), SFHET_OK); /* the group name's unit wins */
  assert_close(ds.s[0], 1.5e-3, 1e-12, 0);
  sfhet_dataset_free(&ds);
  assert_int_equal(read_series("name:_B([0-9]+)T", &ds), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "does not match"));
  assert_int_equal(read_series("Temperature 2 (K)", &ds), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "neither a header key nor a column"));
  assert_int_equal(read_series(NULL, &ds), SFHET_EUSAGE); /* several files, no sweep value */
  assert_non_null(strstr(sfhet_last_error(), "--sweep-from"));
  /* a column's mean: the MultiVu temperature column (5..9 K, mean 7 K) */
  const char *one[1] = {path_of("ppms_rt.dat")};
  sfhet_dataset_spec sp = {.paths = one, .npaths = 1, .x = "Bridge 1 Resistance (Ohms)",
                           .y = "Bridge 1 Resistance (Ohms)", .x_unit = "1", .y_unit = "1",
                           .sweep_from = "mean:Temperature (K)"};
  assert_int_equal(sfhet_dataset_read(&sp, &ds), SFHET_OK);
  assert_close(ds.s[0], 7.0, 1e-9, 0);
  assert_string_equal(ds.sname, "Temperature_K");
  sfhet_dataset_free(&ds);
}

/* Box-Muller normals from a fixed-seed xorshift. */
static double gauss(unsigned long long *st) {
  double u[2];
  for (int k = 0; k < 2; k++) {
    *st ^= *st << 13, *st ^= *st >> 7, *st ^= *st << 17;
    u[k] = ((double)(*st >> 11) + 0.5) / 9007199254740992.0;
  }
  return sqrt(-2 * log(u[0])) * cos(2 * M_PI * u[1]);
}

static void one_spectrum(sfhet_dataset *d, size_t n, int sigma) {
  memset(d, 0, sizeof *d);
  d->m = 1;
  d->s = calloc(1, sizeof(double)), d->n = calloc(1, sizeof(size_t));
  d->x = calloc(1, sizeof(double *)), d->y = calloc(1, sizeof(double *)), d->sigma = calloc(1, sizeof(double *));
  d->x[0] = malloc(n * sizeof(double)), d->y[0] = malloc(n * sizeof(double));
  if (sigma) d->sigma[0] = malloc(n * sizeof(double));
  d->n[0] = n;
}

/* G = y/y_N with both noisy: the scatter of G over realisations is the propagated sigma. */
static void test_normalize_errors(void **s) {
  (void)s;
  enum { N = 41, R = 4000 };
  double sum[N] = {0}, sum2[N] = {0}, prop[N] = {0};
  unsigned long long st = 88172645463325252ULL;
  for (int rep = 0; rep < R; rep++) {
    sfhet_dataset d, nd;
    one_spectrum(&d, N, 1);
    one_spectrum(&nd, 61, 1);
    for (size_t i = 0; i < N; i++) {
      d.x[0][i] = -2 + 0.1 * (double)i;
      double g0 = 0.5 + 0.4 * d.x[0][i] * d.x[0][i];
      d.sigma[0][i] = 0.02;
      d.y[0][i] = g0 * (1.0 + 0.1 * d.x[0][i]) + 0.02 * gauss(&st);
    }
    for (size_t i = 0; i < 61; i++) { /* a finer normal-state grid: interpolated */
      nd.x[0][i] = -3 + 0.1 * (double)i;
      nd.sigma[0][i] = 0.03;
      nd.y[0][i] = 1.0 + 0.1 * nd.x[0][i] + 0.03 * gauss(&st);
    }
    sfhet_norm_info info;
    assert_int_equal(sfhet_dataset_normalize(&d, &nd, NULL, "--by n.csv", &info), SFHET_OK);
    for (size_t i = 0; i < N; i++) sum[i] += d.y[0][i], sum2[i] += d.y[0][i] * d.y[0][i], prop[i] += d.sigma[0][i];
    sfhet_dataset_free(&d), sfhet_dataset_free(&nd);
  }
  for (size_t i = 0; i < N; i++) {
    double x = -2 + 0.1 * (double)i, mean = sum[i] / R, sd = sqrt(sum2[i] / R - mean * mean);
    assert_close(mean, 0.5 + 0.4 * x * x, 0.01, 0.002); /* unbiased to first order */
    assert_close(prop[i] / R, sd, 0.06, 0);           /* propagated = observed within 6 % */
  }
}

static void test_normalize_exact(void **s) {
  (void)s;
  sfhet_dataset d, nd;
  one_spectrum(&d, 5, 0);
  one_spectrum(&nd, 3, 0);
  for (size_t i = 0; i < 5; i++) d.x[0][i] = -2 + (double)i, d.y[0][i] = 2 + d.x[0][i];
  double xn[3] = {-1.5, 0, 3};
  for (size_t i = 0; i < 3; i++) nd.x[0][i] = xn[i], nd.y[0][i] = 2 + xn[i]; /* linear: exact */
  sfhet_norm_opts o = {0, 1};
  sfhet_norm_info info;
  assert_int_equal(sfhet_dataset_normalize(&d, &nd, &o, "--by n", &info), SFHET_OK);
  assert_int_equal(info.cropped, 1); /* V = -2 lies below the normal state's -1.5 */
  assert_int_equal(d.n[0], 4);
  for (size_t i = 0; i < 4; i++) assert_close(d.y[0][i], 1.0, 1e-14, 0);
  assert_null(d.sigma[0]);
  o.crop = 0;
  for (size_t i = 0; i < 4; i++) d.x[0][i] -= 1.0;
  assert_int_equal(sfhet_dataset_normalize(&d, &nd, &o, "--by n", &info), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--by n: V = -2 mV lies outside the data range of the normal state"));
  sfhet_dataset_free(&d);
  /* large-bias level: mean over |V| >= 2 and its standard error */
  one_spectrum(&d, 5, 1);
  double y[5] = {2.2, 1.0, 0.5, 1.0, 1.8};
  for (size_t i = 0; i < 5; i++) d.x[0][i] = -2 + (double)i, d.y[0][i] = y[i], d.sigma[0][i] = 0.1;
  double sc, se;
  assert_int_equal(sfhet_dataset_normalize_level(&d, 2.0, NULL, &sc, &se, NULL), SFHET_OK);
  assert_close(sc, 2.0, 1e-15, 0);
  assert_close(se, sqrt(0.08 / 2.0), 1e-12, 0); /* sample variance 0.08 of {2.2, 1.8} over 2 points */
  assert_close(d.y[0][2], 0.25, 1e-15, 0);
  assert_close(d.sigma[0][2], 0.05, 1e-15, 0);
  /* a common bias grid: resampled values and interpolated errors */
  double g[3] = {-1.5, 0.25, 5};
  assert_int_equal(sfhet_dataset_resample(&d, g, 3), SFHET_EDATA); /* only 2 grid points inside */
  sfhet_dataset_free(&d), sfhet_dataset_free(&nd);
  one_spectrum(&d, 3, 1);
  for (size_t i = 0; i < 3; i++) d.x[0][i] = (double)i, d.y[0][i] = 3.0 * (double)i, d.sigma[0][i] = 0.3;
  double g2[4] = {0, 0.5, 1.25, 2};
  assert_int_equal(sfhet_dataset_resample(&d, g2, 4), SFHET_OK);
  assert_close(d.y[0][2], 3.75, 1e-15, 0);
  assert_close(d.sigma[0][1], 0.3 * sqrt(0.5), 1e-14, 0); /* sqrt(0.25 + 0.25) s */
  sfhet_dataset_free(&d);
}

/* The scatter estimate is the noise level for white noise on a smooth curve. */
static void test_noise_estimate(void **s) {
  (void)s;
  enum { N = 4001 };
  static double y[N];
  unsigned long long st = 12345;
  for (size_t i = 0; i < N; i++) y[i] = 1 + 0.3 * sin(0.002 * (double)i) + 0.01 * gauss(&st);
  assert_close(sfhet_noise_estimate(y, N), 0.01, 0.05, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_column_units),     cmocka_unit_test(test_series),
      cmocka_unit_test(test_normalize_errors), cmocka_unit_test(test_normalize_exact),
      cmocka_unit_test(test_noise_estimate),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
