/* Exchangeable electrodes: an SIS junction of two same-model electrodes gives the same curve with the
 * electrodes exchanged, so the fitter reports one order — the larger gap first, or that of the start
 * values — with values, errors and correlations exchanged consistently. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "testutil.h"

#define NV 201

static void make_data(double *V, double *y, unsigned long seed) {
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", 0.86);
  sfhet_junction_set(&j, "gamma", 0.05);
  sfhet_junction_set(&j, "delta2", 0.5);
  sfhet_junction_set(&j, "gamma2", 0.03);
  j.T = 1.5;
  for (int i = 0; i < NV; i++) V[i] = -3.0 + 6.0 * i / (NV - 1);
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&j, V, NV, y, NULL, NULL, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  for (int i = 0; i < NV; i++) y[i] += gsl_ran_gaussian(rng, 0.005);
  gsl_rng_free(rng);
}

static void fit(const double *V, const double *y, const double *start, sfhet_fit_result *r, sfhet_fit_config *c,
                sfhet_fit_model *m, sfhet_fit_junction *fj) {
  sfhet_junction_init(&fj->j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  fj->j.T = 1.5;
  for (size_t k = 2; k < 4; k++) sfhet_junction_tie(&fj->j, k, 0); /* delta2, gamma2 of their own */
  assert_int_equal(sfhet_fit_junction_model(m, fj), SFHET_OK);
  sfhet_fit_config_init(c, m);
  assert_int_equal(sfhet_fit_set_free(c, "delta,gamma,delta2,gamma2", "--free"), SFHET_OK);
  c->starts = 3; /* as the command line does */
  for (int k = 0; start && k < 4; k++) c->value[k] = start[k], c->given[k] = 1;
  sfhet_fit_data d = {V, y, NULL, NV};
  void *ws = sfhet_fit_ws_alloc(c);
  assert_int_equal(sfhet_fit_spectrum(c, &d, NULL, r, ws), SFHET_OK);
  sfhet_fit_ws_free(c, ws);
}

static void test_larger_gap_first(void **state) {
  (void)state;
  double V[NV], y[NV];
  for (unsigned long seed = 1; seed <= 6; seed++) {
    make_data(V, y, seed);
    sfhet_fit_result r;
    sfhet_fit_config c;
    sfhet_fit_model m;
    sfhet_fit_junction fj;
    fit(V, y, NULL, &r, &c, &m, &fj);
    assert_true(r.value[0] > r.value[2]);
    assert_close(r.value[0], 0.86, 0, 5 * r.err[0]);
    assert_close(r.value[2], 0.5, 0, 5 * r.err[2]);
    assert_close(r.value[1], 0.05, 0, 5 * r.err[1]);
  }
}

/* Starts that say electrode 1 is the smaller gap keep that order, with errors and correlations along. */
static void test_order_of_starts(void **state) {
  (void)state;
  double V[NV], y[NV];
  make_data(V, y, 3);
  sfhet_fit_result a, b;
  sfhet_fit_config c;
  sfhet_fit_model m;
  sfhet_fit_junction fj;
  const double up[4] = {0.9, 0.04, 0.45, 0.04}, down[4] = {0.45, 0.04, 0.9, 0.04};
  fit(V, y, up, &a, &c, &m, &fj);
  fit(V, y, down, &b, &c, &m, &fj);
  assert_true(a.value[0] > a.value[2] && b.value[0] < b.value[2]);
  for (int k = 0; k < 4; k++) {
    int kk = (k + 2) % 4;
    assert_close(b.value[kk], a.value[k], 1e-5, 0);
    assert_close(b.err[kk], a.err[k], 1e-3, 0);
  }
  /* correlation of (delta, gamma) in a equals that of (delta2, gamma2) in b */
  size_t n = a.n_free;
  assert_close(b.corr[2 * n + 3], a.corr[0 * n + 1], 1e-3, 1e-6);
  assert_close(b.corr[0 * n + 2], a.corr[2 * n + 0], 1e-3, 1e-6);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_larger_gap_first),
      cmocka_unit_test(test_order_of_starts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
