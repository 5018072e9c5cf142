/* Analyses on data with known answers: cleaning, interpolation, grouping, normalisation, TAMR of
 * linear spectra (exact), spectral weight (closed-form integrals), hysteresis of shifted tanh branches,
 * the vanishing temperature, Arrhenius on exact and noisy activated data, spin lifetime, and loading
 * messy files. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "testutil.h"

static void test_clean(void **st) {
  (void)st;
  double x[] = {3, 1, NAN, 2, 1, 0, 5};
  double y[] = {30, 10, 99, 20, 12, 0, NAN};
  double s[] = {1, 1, 1, 1, 1, 1, 1};
  size_t n = 7;
  sfhet_clean_info ci;
  assert_int_equal(sfhet_xy_clean(x, y, s, &n, &ci), SFHET_OK);
  assert_int_equal(n, 4);
  assert_int_equal(ci.dropped, 2);
  assert_int_equal(ci.merged, 1);
  assert_true(ci.reordered);
  double ex[] = {0, 1, 2, 3}, ey[] = {0, 11, 20, 30};
  for (int i = 0; i < 4; i++) {
    assert_close(x[i], ex[i], 0, 0);
    assert_close(y[i], ey[i], 0, 0);
  }
  assert_close(s[1], sqrt(2.0) / 2, 1e-15, 0); /* mean of two: sigma/sqrt(2) */
}

static void test_interp_and_normalize(void **st) {
  (void)st;
  double x[] = {-2, -1, 0, 1, 2}, y[] = {4, 2, 2, 2, 4}, q[] = {-1.5, 0.25, 2}, out[3];
  assert_int_equal(sfhet_interp_linear(x, y, 5, q, 3, out, "t"), SFHET_OK);
  assert_close(out[0], 3, 1e-15, 0);
  assert_close(out[1], 2, 1e-15, 0);
  assert_close(out[2], 4, 1e-15, 0);
  double bad = 2.5;
  assert_int_equal(sfhet_interp_linear(x, y, 5, &bad, 1, out, "--normalize n.csv"), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--normalize n.csv"));
  double g[] = {8, 4, 4, 4, 8}, sc;
  assert_int_equal(sfhet_normalize_by(x, g, 5, x, y, 5, "n"), SFHET_OK);
  for (int i = 0; i < 5; i++) assert_close(g[i], 2, 1e-15, 0);
  double h[] = {6, 1, 1, 1, 2};
  assert_int_equal(sfhet_normalize_large_bias(x, h, 5, 2.0, &sc), SFHET_OK);
  assert_close(sc, 4, 1e-15, 0);
  assert_close(h[0], 1.5, 1e-15, 0);
}

static void test_groups(void **st) {
  (void)st;
  double s[] = {0.5, 0, 0.5 + 1e-13, NAN, 0, 1};
  sfhet_groups g;
  assert_int_equal(sfhet_groups_make(s, 6, 1e-9, &g), SFHET_OK);
  assert_int_equal(g.n, 3);
  assert_int_equal(g.dropped, 1);
  assert_int_equal(g.count[1], 2);
  assert_int_equal(g.row[g.start[1]], 0); /* file order kept inside a group */
  assert_int_equal(g.row[g.start[1] + 1], 2);
  assert_int_equal(sfhet_groups_find(&g, 0.52, 0), 1);
  assert_int_equal(sfhet_groups_find(&g, 0.3, 0), 1);
  assert_int_equal(sfhet_groups_find(&g, 2.0, 0), -1);
  sfhet_groups_free(&g);
}

/* G_par = 2 + x, G_perp = 1 + x on different grids: TAMR = 1/(2 + x) exactly (linear interpolation). */
static void test_tamr(void **st) {
  (void)st;
  double xp[41], gp[41], xq[30], gq[30], *V, *T;
  size_t m;
  for (int i = 0; i < 41; i++) xp[i] = -1 + 0.05 * i, gp[i] = 2 + xp[i];
  for (int i = 0; i < 30; i++) xq[i] = -0.8 + 0.06 * i, gq[i] = 1 + xq[i];
  assert_int_equal(sfhet_tamr(xp, gp, 41, xq, gq, 30, &V, &T, &m), SFHET_OK);
  assert_true(m > 20);
  for (size_t i = 0; i < m; i++) {
    assert_true(V[i] >= -0.8 && V[i] <= 0.94 + 1e-12);
    assert_close(T[i], 1.0 / (2 + V[i]), 1e-13, 0);
  }
  free(V), free(T);
}

static void test_weight(void **st) {
  (void)st;
  double x[2001], y[2001], w;
  for (int i = 0; i < 2001; i++) x[i] = -10 + 0.01 * i, y[i] = 1 + 0.5 * x[i];
  /* linear: trapezoids exact, window ends off the grid */
  assert_int_equal(sfhet_spectral_weight(x, y, 2001, -3.005, 4.123, &w), SFHET_OK);
  double ex = (4.123 + 3.005) + 0.25 * (4.123 * 4.123 - 3.005 * 3.005);
  assert_close(w, ex, 1e-12, 0);
  for (int i = 0; i < 2001; i++) y[i] = x[i] * x[i];
  assert_int_equal(sfhet_spectral_weight(x, y, 2001, -1, 2, &w), SFHET_OK);
  assert_close(w, 3.0, 0, 3 * 0.01 * 0.01 * 2 / 12 * 1.01); /* trapezoid error (b-a) h^2 f''/12 */
  assert_int_equal(sfhet_spectral_weight(x, y, 2001, -11, 2, &w), SFHET_ERANGE);
}

/* Up sweep follows tanh((x - 0.5)/0.2), down sweep tanh((x + 0.5)/0.2): dG is largest at x = 0. */
static void test_hysteresis(void **st) {
  (void)st;
  double x[402], y[402];
  size_t n = 0;
  for (int i = 0; i <= 200; i++, n++) x[n] = -2 + 0.02 * i, y[n] = tanh((x[n] - 0.5) / 0.2);
  for (int i = 1; i <= 200; i++, n++) x[n] = 2 - 0.02 * i, y[n] = tanh((x[n] + 0.5) / 0.2);
  sfhet_hyst h;
  assert_int_equal(sfhet_hysteresis(x, y, NULL, n, &h), SFHET_OK);
  assert_close(h.dG_max, -2 * tanh(2.5), 1e-12, 0);
  assert_close(h.x_at_max, 0, 0, 1e-12);
  sfhet_hyst_free(&h);
  /* the same with an explicit direction column */
  double d[402];
  for (size_t i = 0; i < n; i++) d[i] = i <= 200 ? 1 : -1;
  assert_int_equal(sfhet_hysteresis(x, y, d, n, &h), SFHET_OK);
  assert_close(h.dG_max, -2 * tanh(2.5), 1e-12, 0);
  sfhet_hyst_free(&h);
  /* only one direction: a clear error */
  assert_int_equal(sfhet_hysteresis(x, y, NULL, 201, &h), SFHET_EDATA);
  double T[] = {1.5, 2.5, 3.5, 4.5, 5.5}, g[5], tv;
  for (int i = 0; i < 5; i++) g[i] = 1 - T[i] / 6;
  assert_int_equal(sfhet_hyst_vanish(T, g, 5, 0.1, &tv), SFHET_OK);
  assert_close(tv, 5.4, 1e-12, 0);
  assert_int_equal(sfhet_hyst_vanish(T, g, 3, 0.1, &tv), SFHET_ENOSOL);
}

/* G = 5 exp(-0.72 meV/(kB T)) (seed 000 Fig. 1e value). */
static void test_arrhenius(void **st) {
  (void)st;
  double T[30], G[30];
  for (int i = 0; i < 30; i++) T[i] = 1.5 + 0.15 * i, G[i] = 5 * exp(-0.72 / (SFHET_KB_MEV * T[i]));
  sfhet_arrhenius_result r;
  assert_int_equal(sfhet_arrhenius(T, G, 30, 0, 6, &r), SFHET_OK);
  assert_close(r.Ea, 0.72, 1e-10, 0);
  assert_close(exp(r.lnG_inf), 5, 1e-9, 0);
  assert_int_equal(r.n, 30);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int inside = 0;
  for (int rep = 0; rep < 50; rep++) {
    for (int i = 0; i < 30; i++) G[i] = 5 * exp(-0.72 / (SFHET_KB_MEV * T[i])) * (1 + gsl_ran_gaussian(rng, 0.02));
    assert_int_equal(sfhet_arrhenius(T, G, 30, 0, 6, &r), SFHET_OK);
    inside += fabs(r.Ea - 0.72) <= 3 * r.Ea_err;
  }
  gsl_rng_free(rng);
  assert_true(inside >= 45);
  G[3] = -1; /* a row with G <= 0 is skipped and counted (issue 15) */
  assert_int_equal(sfhet_arrhenius(T, G, 30, 0, 6, &r), SFHET_OK);
  assert_int_equal(r.n_skipped, 1);
  assert_int_equal(sfhet_arrhenius(T, G, 30, 0, 1.6, &r), SFHET_EDATA); /* one point in the window */
}

static void test_spin_lifetime(void **st) {
  (void)st;
  double r, dr, tau, dtau;
  assert_int_equal(sfhet_spin_lifetime(0.12, 0.003, 0.08, 0.002, &r, &dr, &tau, &dtau), SFHET_OK);
  assert_close(r, sqrt(0.12 * 0.12 - 0.08 * 0.08), 1e-14, 0);
  assert_close(tau, SFHET_HBAR_MEV_S / r, 1e-14, 0);
  assert_close(dr, sqrt(pow(0.12 / r * 0.003, 2) + pow(0.08 / r * 0.002, 2)), 1e-14, 0);
  assert_int_equal(sfhet_spin_lifetime(0.08, 0, 0.08, 0, &r, &dr, &tau, &dtau), SFHET_EDATA);
}

static void test_dataset_messy(void **st) {
  (void)st;
  const char *p = write_temp("# measured at 1.5 K\n"
                             "B_T,V_mV,G,extra\n"
                             "0,1,1.1,a\n0,-1,0.9,b\n0,0,0.5,c\n0,0,0.7,d\n0,nan,0.3,e\n"
                             "0.5,1,1.2,f\n0.5,0,0.6,g\n0.5,-1,1.0,h\n0.5,0.5,,i\n");
  sfhet_dataset ds;
  assert_int_equal(sfhet_dataset_load(p, "V_mV", "G", "B_T", NULL, &ds), SFHET_OK);
  assert_int_equal(ds.m, 2);
  assert_int_equal(ds.info.dropped, 2);
  assert_int_equal(ds.info.merged, 1);
  assert_int_equal(ds.n[0], 3);
  assert_close(ds.y[0][1], 0.6, 1e-15, 0); /* duplicate bias averaged */
  assert_close(ds.x[1][0], -1, 0, 0);
  assert_close(ds.s[1], 0.5, 0, 0);
  sfhet_dataset_free(&ds);
  assert_int_equal(sfhet_dataset_load(write_temp("V_mV,G\n"), "V_mV", "G", NULL, NULL, &ds), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "no data rows"));
  assert_int_equal(sfhet_dataset_load(write_temp("V_mV,G\n1,2\n2,2\n3,2\n"), "V_mV", "G", NULL, NULL, &ds),
                   SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "constant"));
  assert_int_equal(sfhet_dataset_load(write_temp("V_mV,G\n1,2\n2,3\n"), "V_mV", "G", NULL, NULL, &ds), SFHET_EDATA);
  assert_int_equal(sfhet_colname_dim("B_T"), SFHET_DIM_FIELD);
  assert_int_equal(sfhet_colname_dim("T_K"), SFHET_DIM_TEMPERATURE);
  assert_int_equal(sfhet_colname_dim("B_mT"), SFHET_DIM_NONE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean),      cmocka_unit_test(test_interp_and_normalize),
      cmocka_unit_test(test_groups),     cmocka_unit_test(test_tamr),
      cmocka_unit_test(test_weight),     cmocka_unit_test(test_hysteresis),
      cmocka_unit_test(test_arrhenius),  cmocka_unit_test(test_spin_lifetime),
      cmocka_unit_test(test_dataset_messy),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
