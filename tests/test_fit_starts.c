/* Extra starts only when needed: the data's noise level (fit_noise_level) against the known noise of
 * synthetic spectra, the plausibility test (a right fit passes, a fit with a wrong fixed gap fails), and
 * sfhet_fit_spectrum skipping its extra starts after a plausible first fit (same result as one start). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "testutil.h"

/* Closed form: the NIS conductance at T = 0 without lock-in is the Dynes DOS. */
static const sfhet_param_info params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e3, 0, "gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.05, 0.0, 1e3, 0, "broadening"},
};

static int eval(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y, void *ws) {
  (void)m, (void)ws;
  for (size_t i = 0; i < n; i++) y[i] = sfhet_dynes_n(x[i], p[0], p[1]);
  return SFHET_OK;
}

/* Start values: the gap and width read off the spectrum. */
static void start(const sfhet_fit_model *m, double gap, double width, double *p) {
  (void)m;
  p[0] = gap;
  p[1] = width;
}

#define N 401
static double X[N], Y[N], S[N];

static void setup_model(sfhet_fit_model *m, sfhet_fit_config *c, double noise) {
  memset(m, 0, sizeof *m);
  m->np = 2;
  m->info[0] = params[0];
  m->info[1] = params[1];
  m->eval = eval;
  m->peak_factor = 1.0;
  m->start = start;
  sfhet_fit_config_init(c, m);
  assert_int_equal(sfhet_fit_set_free(c, "delta,gamma", "--free"), SFHET_OK);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 7);
  for (int i = 0; i < N; i++) {
    X[i] = -3.0 + 6.0 * i / (N - 1);
    Y[i] = sfhet_dynes_n(X[i], 1.0, 0.05) + gsl_ran_gaussian(rng, noise);
    S[i] = noise;
  }
  gsl_rng_free(rng);
}

static void test_noise_level(void **st) {
  (void)st;
  sfhet_fit_model m;
  sfhet_fit_config c;
  for (double noise = 0.003; noise < 0.1; noise *= 3) {
    setup_model(&m, &c, noise);
    sfhet_fit_data d = {X, Y, NULL, N};
    assert_close(fit_noise_level(&d), noise, 0.15, 0);
    d.sigma = S;
    assert_close(fit_noise_level(&d), noise, 1e-12, 0);
  }
}

static void test_plausible(void **st) {
  (void)st;
  sfhet_fit_model m;
  sfhet_fit_config c;
  setup_model(&m, &c, 0.01);
  sfhet_fit_data d = {X, Y, NULL, N};
  void *ws = sfhet_fit_ws_alloc(&c);
  sfhet_fit_result r;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  assert_close(r.value[0], 1.0, 1e-2, 0);
  assert_true(fit_result_plausible(&r, &d));
  d.sigma = S;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  assert_true(fit_result_plausible(&r, &d));
  c.free[0] = 0, c.value[0] = 1.1, c.given[0] = 1; /* a wrong gap held fixed */
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  assert_false(fit_result_plausible(&r, &d));
  d.sigma = NULL;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  assert_false(fit_result_plausible(&r, &d));
  sfhet_fit_ws_free(&c, ws);
}

static void test_extra_starts_skipped(void **st) {
  (void)st;
  sfhet_fit_model m;
  sfhet_fit_config c;
  setup_model(&m, &c, 0.01);
  sfhet_fit_data d = {X, Y, NULL, N};
  void *ws = sfhet_fit_ws_alloc(&c);
  sfhet_fit_result r1, r5, rall;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r1, ws), SFHET_OK);
  c.starts = 5;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r5, ws), SFHET_OK);
  assert_true(r5.value[0] == r1.value[0] && r5.value[1] == r1.value[1]); /* the first fit was kept */
  c.all_starts = 1;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &rall, ws), SFHET_OK);
  assert_true(rall.chi2 <= r1.chi2 * (1 + 1e-9));
  assert_close(rall.value[0], r1.value[0], 1e-6, 0);
  sfhet_fit_ws_free(&c, ws);
}

/* A model that cannot be evaluated (SFHET_ENOCONV) for gaps outside [0.9, 1.1] (like a junction at
 * Γ → 0): trial steps there are rejected and the fit still reaches the truth. */
static int failures;

static int eval_band(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y,
                     void *ws) {
  if (p[0] < 0.9 || p[0] > 1.1) {
    failures++;
    SFHET_ERROR(SFHET_ENOCONV, "test: no convergence outside the band");
  }
  return eval(m, p, x, n, y, ws);
}

static void test_failed_trial_step(void **st) {
  (void)st;
  sfhet_fit_model m;
  sfhet_fit_config c;
  setup_model(&m, &c, 0.01);
  m.eval = eval_band;
  c.value[0] = 0.92, c.value[1] = 0.4, c.given[0] = c.given[1] = 1;
  sfhet_fit_data d = {X, Y, NULL, N};
  void *ws = sfhet_fit_ws_alloc(&c);
  sfhet_fit_result r;
  failures = 0;
  assert_int_equal(sfhet_fit_spectrum(&c, &d, NULL, &r, ws), SFHET_OK);
  print_message("%d trial evaluations failed; delta = %g, gamma = %g\n", failures, r.value[0], r.value[1]);
  assert_true(failures > 0);
  assert_close(r.value[0], 1.0, 1e-2, 0);
  assert_close(r.value[1], 0.05, 0.1, 0);
  sfhet_fit_ws_free(&c, ws);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_noise_level),
      cmocka_unit_test(test_plausible),
      cmocka_unit_test(test_extra_starts_skipped),
      cmocka_unit_test(test_failed_trial_step),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
