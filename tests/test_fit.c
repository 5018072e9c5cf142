/* Fitting: recovery of known parameters from synthetic noisy data (closed-form NIS at T = 0 and the
 * full junction model, NIS and SIS), calibration of the reported errors over noise realisations,
 * bound flags, multiple starts, automatic starts, sweeps (thread-count independence) and global fits. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "fit_fixture.h"
#include "testutil.h"

/* Closed-form model: the NIS conductance at T = 0 without lock-in is the Dynes DOS, G(V) = N(eV). */
static const sfhet_param_info nis0_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e3, 0, "gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.05, 0.0, 1e3, 0, "broadening"},
};

static int nis0_eval(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y,
                     void *ws) {
  for (size_t i = 0; i < n; i++) y[i] = sfhet_dynes_n(x[i], p[0], p[1]);
  return SFHET_OK;
}

/* Start values: the gap and width read off the spectrum. */
static void nis0_start(const sfhet_fit_model *m, double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
}

static void nis0_model(sfhet_fit_model *m) {
  memset(m, 0, sizeof *m);
  m->np = 2;
  m->info[0] = nis0_params[0];
  m->info[1] = nis0_params[1];
  m->eval = nis0_eval;
  m->peak_factor = 1.0;
  m->start = nis0_start;
}

#define NPTS 201

static void grid(double *x, double lo, double hi, size_t n) {
  for (size_t i = 0; i < n; i++) x[i] = lo + (hi - lo) * (double)i / (double)(n - 1);
}

/* Repeated fits of noisy copies of y0; counts truth within 3 sigma and compares spread with errors. */
static void calibration(const sfhet_fit_config *c, const double *x, const double *y0, size_t n,
                        double noise, const double *truth, int reps, unsigned long seed) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  double *y = malloc(n * sizeof *y), s1[2] = {0}, s2[2] = {0}, se[2] = {0};
  int inside[2] = {0};
  void *ws = sfhet_fit_ws_alloc(c);
  for (int r = 0; r < reps; r++) {
    for (size_t i = 0; i < n; i++) y[i] = y0[i] + gsl_ran_gaussian(rng, noise);
    sfhet_fit_data d = {x, y, NULL, n};
    sfhet_fit_result res;
    assert_int_equal(sfhet_fit_spectrum(c, &d, NULL, &res, ws), SFHET_OK);
    for (int k = 0; k < 2; k++) {
      double v = res.value[k], e = res.err[k];
      assert_true(e > 0);
      inside[k] += fabs(v - truth[k]) <= 3 * e;
      s1[k] += v, s2[k] += v * v, se[k] += e;
    }
  }
  for (int k = 0; k < 2; k++) {
    double mean = s1[k] / reps, sd = sqrt((s2[k] - reps * mean * mean) / (reps - 1)), me = se[k] / reps;
    print_message("param %d: %d/%d within 3 sigma, spread %.3g, mean error %.3g (ratio %.2f)\n", k,
                  inside[k], reps, sd, me, sd / me);
    assert_true(inside[k] >= (int)(0.9 * reps));
    assert_true(sd / me > 0.7 && sd / me < 1.3);
  }
  sfhet_fit_ws_free(c, ws);
  free(y);
  gsl_rng_free(rng);
}

static void test_closed_form_calibration(void **st) {
  (void)st;
  sfhet_fit_model m;
  nis0_model(&m);
  sfhet_fit_config c;
  sfhet_fit_config_init(&c, &m);
  assert_int_equal(sfhet_fit_set_free(&c, "delta,gamma", "--free"), SFHET_OK);
  double x[NPTS], y0[NPTS], truth[2] = {0.86, 0.08};
  grid(x, -3, 3, NPTS);
  for (size_t i = 0; i < NPTS; i++) y0[i] = sfhet_dynes_n(x[i], truth[0], truth[1]);
  calibration(&c, x, y0, NPTS, 0.02, truth, 200, 11);
}

static void test_sis_calibration(void **st) {
  (void)st;
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  sfhet_fit_config c;
  junction_config(&fj, &m, &c, SFHET_JUNCTION_SIS, 1.5, 0.04);
  double x[NPTS], y0[NPTS], truth[2] = {0.86, 0.08};
  grid(x, -4, 4, NPTS);
  junction_spectrum(&fj, truth[0], truth[1], x, NPTS, y0);
  calibration(&c, x, y0, NPTS, 0.02, truth, 40, 5);
}

static void test_nis_calibration(void **st) {
  (void)st;
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  sfhet_fit_config c;
  junction_config(&fj, &m, &c, SFHET_JUNCTION_NIS, 0.3, 0.0);
  double x[NPTS], y0[NPTS], truth[2] = {0.5, 0.03};
  grid(x, -2, 2, NPTS);
  junction_spectrum(&fj, truth[0], truth[1], x, NPTS, y0);
  calibration(&c, x, y0, NPTS, 0.02, truth, 40, 9);
}

/* A linear model y = a x + b with b >= 0: data with b = -1 leave b at its bound. */
static int line_eval(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y,
                     void *ws) {
  for (size_t i = 0; i < n; i++) y[i] = p[0] * x[i] + p[1];
  return SFHET_OK;
}

static void test_at_bound(void **st) {
  (void)st;
  sfhet_fit_model m;
  memset(&m, 0, sizeof m);
  m.np = 2;
  m.info[0] = (sfhet_param_info){"a", "a", SFHET_DIM_NONE, 1, -INFINITY, INFINITY, 0, "slope"};
  m.info[1] = (sfhet_param_info){"b", "b", SFHET_DIM_NONE, 0.5, 0.0, INFINITY, 0, "offset"};
  m.eval = line_eval;
  sfhet_fit_config c;
  sfhet_fit_config_init(&c, &m);
  assert_int_equal(sfhet_fit_set_free(&c, "a,b", "--free"), SFHET_OK);
  double x[50], y[50];
  for (int i = 0; i < 50; i++) x[i] = i, y[i] = 2 * i - 1 + 0.01 * sin(i);
  sfhet_fit_data d = {x, y, NULL, 50};
  sfhet_fit_result r;
  void *ws = sfhet_fit_ws_alloc(&c);
  int status = sfhet_fit_spectrum(&c, &d, NULL, &r, ws);
  sfhet_fit_ws_free(&c, ws);
  if (status) print_message("status %d: %s (a = %g, b = %.3g)\n", status, r.reason, r.value[0], r.value[1]);
  assert_int_equal(status, SFHET_OK);
  assert_int_equal(r.at_bound[1], -1);
  assert_true(isnan(r.err[1]));
  assert_int_equal(r.at_bound[0], 0);
  assert_true(r.err[0] > 0);
}

static void test_unknown_free(void **st) {
  (void)st;
  sfhet_fit_model m;
  nis0_model(&m);
  sfhet_fit_config c;
  sfhet_fit_config_init(&c, &m);
  assert_int_equal(sfhet_fit_set_free(&c, "delta,bogus", "--free"), SFHET_EINVAL);
  assert_non_null(strstr(sfhet_last_error(), "--free: 'bogus'"));
}

static void test_auto_start_and_multistart(void **st) {
  (void)st;
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  sfhet_fit_config c;
  junction_config(&fj, &m, &c, SFHET_JUNCTION_SIS, 1.5, 0.04);
  double x[NPTS], y[NPTS], p[SFHET_FIT_MAX_PARAMS];
  grid(x, -4, 4, NPTS);
  junction_spectrum(&fj, 0.86, 0.08, x, NPTS, y);
  sfhet_fit_data d = {x, y, NULL, NPTS};
  sfhet_fit_auto_start(&c, &d, p);
  assert_close(p[0], 0.86, 0.1, 0); /* coherence peak at 2*delta */
  assert_true(p[1] > 0.01 && p[1] < 0.43);
  /* a start far from the truth, with extra random starts */
  c.value[0] = 1.3, c.value[1] = 0.02, c.given[0] = c.given[1] = 1, c.starts = 4;
  sfhet_fit_result r;
  void *ws = sfhet_fit_ws_alloc(&c);
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  sfhet_fit_ws_free(&c, ws);
  assert_close(r.value[0], 0.86, 1e-4, 0);
  assert_close(r.value[1], 0.08, 1e-3, 0);
}

/* A field sweep with rising delta and gamma, and nuisance scale gnn = 1.3 and offset V0 = 0.02 mV. */
#define NSW 12
#define NPS 121
static void make_sweep(const sfhet_fit_junction *fj, double (*x)[NPS], double (*y)[NPS], double *td,
                       double *tg, sfhet_fit_data *d) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 3);
  for (int b = 0; b < NSW; b++) {
    double f = fmin(b / 6.0, 1.0), xs[NPS];
    td[b] = 0.86 + 0.02 * f * f, tg[b] = 0.08 + 0.04 * f * f;
    grid(x[b], -4, 4, NPS);
    for (int i = 0; i < NPS; i++) xs[i] = x[b][i] - 0.02;
    junction_spectrum(fj, td[b], tg[b], xs, NPS, y[b]);
    for (int i = 0; i < NPS; i++) y[b][i] = 1.3 * y[b][i] + gsl_ran_gaussian(rng, 0.01);
    d[b] = (sfhet_fit_data){x[b], y[b], NULL, NPS};
  }
  gsl_rng_free(rng);
}

static void test_sweep_and_global(void **st) {
  (void)st;
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  sfhet_fit_config c;
  junction_config(&fj, &m, &c, SFHET_JUNCTION_SIS, 1.5, 0.04);
  assert_int_equal(sfhet_fit_set_free(&c, "gnn,V0", "--free"), SFHET_OK);
  static double x[NSW][NPS], y[NSW][NPS];
  double td[NSW], tg[NSW];
  sfhet_fit_data d[NSW];
  make_sweep(&fj, x, y, td, tg, d);
  static sfhet_fit_result r1[NSW], r2[NSW];
  assert_int_equal(sfhet_fit_sweep(&c, d, NSW, 1, NULL, r1), SFHET_OK);
  assert_int_equal(sfhet_fit_sweep(&c, d, NSW, 2, NULL, r2), SFHET_OK);
  int kg = sfhet_fit_index(&c, "gnn"), kv = sfhet_fit_index(&c, "V0"), in = 0;
  for (int b = 0; b < NSW; b++) {
    assert_memory_equal(r1[b].value, r2[b].value, c.np * sizeof(double)); /* thread-count independent */
    in += fabs(r1[b].value[0] - td[b]) <= 3 * r1[b].err[0];
    in += fabs(r1[b].value[1] - tg[b]) <= 3 * r1[b].err[1];
    assert_true(fabs(r1[b].value[0] - td[b]) <= 5 * r1[b].err[0]);
  }
  assert_true(in >= 2 * NSW - 2);
  int shared[SFHET_FIT_MAX_PARAMS] = {0};
  shared[kg] = shared[kv] = 1;
  double chi2;
  assert_int_equal(sfhet_fit_global(&c, shared, d, NSW, r1, &chi2, 2), SFHET_OK);
  print_message("global: gnn = %g +- %g, V0 = %g +- %g, chi2_red %g\n", r1[0].value[kg], r1[0].err[kg],
                r1[0].value[kv], r1[0].err[kv], chi2);
  assert_true(fabs(r1[0].value[kg] - 1.3) <= 3 * r1[0].err[kg]);
  assert_true(fabs(r1[0].value[kv] - 0.02) <= 3 * r1[0].err[kv]);
  assert_true(r1[0].err[kg] < r2[0].err[kg]); /* one shared value is better determined */
  assert_close(r1[5].value[kg], r1[0].value[kg], 0, 0);
  for (int b = 0; b < NSW; b++) assert_true(fabs(r1[b].value[0] - td[b]) <= 5 * r1[b].err[0]);
  assert_close(chi2, 1e-4 / 1.0, 0.3, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_closed_form_calibration), cmocka_unit_test(test_sis_calibration),
      cmocka_unit_test(test_nis_calibration),         cmocka_unit_test(test_at_bound),
      cmocka_unit_test(test_unknown_free),            cmocka_unit_test(test_auto_start_and_multistart),
      cmocka_unit_test(test_sweep_and_global),
  };
  if (getenv("SFHET_TEST_FILTER")) cmocka_set_test_filter(getenv("SFHET_TEST_FILTER"));
  return cmocka_run_group_tests(tests, NULL, NULL);
}
