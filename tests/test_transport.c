/* Transport analyses: BKT power law and alpha = 3 crossing, Halperin-Nelson fit, critical-current
 * peaks with noise, background and a zero-bias Andreev peak, family tracking and the Ic(T) fit,
 * magnetoresistance loops. Each analysis recovers parameters put into synthetic noisy data. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/transport.h"
#include "testutil.h"

static gsl_rng *rng(unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  return r;
}

static void test_powerlaw_window(void **st) {
  (void)st;
  enum { N = 120 };
  double I[N], V[N];
  gsl_rng *r = rng(1);
  /* V = 2 I^3.4 with 1 % noise, plus an ohmic term that dominates below I ~ 0.05 */
  for (int i = 0; i < N; i++) {
    I[i] = pow(10.0, -2.0 + 3.0 * i / (N - 1.0));
    V[i] = (2.0 * pow(I[i], 3.4) + 2e-3 * I[i]) * (1 + 0.01 * gsl_ran_gaussian(r, 1.0));
  }
  sfhet_powerlaw pl;
  assert_int_equal(sfhet_powerlaw_fit(I, V, N, 0, 0, 5, &pl), SFHET_OK);
  assert_true(pl.Imin > 0.2);
  assert_true(fabs(pl.alpha - 3.4) < 4 * pl.alpha_err && pl.alpha_err < 0.02);
  assert_close(exp(pl.log_v0), 2.0, 0.05, 0);
  /* a chosen window that includes the ohmic part gives a smaller exponent */
  sfhet_powerlaw all;
  assert_int_equal(sfhet_powerlaw_fit(I, V, N, 0.01, 10.0, 5, &all), SFHET_OK);
  assert_int_equal(all.n_used, N);
  assert_true(all.alpha < pl.alpha - 0.1);
  /* negative branch only is used as |I|, |V| */
  for (int i = 0; i < N; i++) I[i] = -I[i], V[i] = -V[i];
  sfhet_powerlaw neg;
  assert_int_equal(sfhet_powerlaw_fit(I, V, N, 0, 0, 5, &neg), SFHET_OK);
  assert_close(neg.alpha, pl.alpha, 1e-12, 0);
  assert_int_equal(sfhet_powerlaw_fit(I, V, 2, 0, 0, 5, &neg), SFHET_EDATA);
  gsl_rng_free(r);
}

static void test_bkt_crossing(void **st) {
  (void)st;
  double T[6] = {5.0, 5.5, 6.0, 6.5, 7.0, 7.5}, a[6], e[6] = {0.1, 0.1, 0.1, 0.2, 0.1, 0.1};
  for (int i = 0; i < 6; i++) a[i] = 9.0 - 2.0 * (T[i] - 5.0) * (T[i] - 5.0) - 2.0 * (T[i] - 5.0);
  /* alpha: 9, 8, 5, 1.5, -3, ... crosses 3 between 6.0 and 6.5 */
  double Tb, Te;
  size_t nc;
  assert_int_equal(sfhet_bkt_crossing(T, a, e, 6, &Tb, &Te, &nc), SFHET_OK);
  double f = (3.0 - a[2]) / (a[3] - a[2]);
  assert_close(Tb, 6.0 + 0.5 * f, 1e-14, 0);
  /* error by finite differences of the interpolation */
  double h = 1e-6, d2, d3;
  a[2] += h;
  sfhet_bkt_crossing(T, a, NULL, 6, &d2, &Te, NULL);
  a[2] -= h, a[3] += h;
  sfhet_bkt_crossing(T, a, NULL, 6, &d3, &Te, NULL);
  a[3] -= h;
  double want = hypot((d2 - Tb) / h * e[2], (d3 - Tb) / h * e[3]);
  sfhet_bkt_crossing(T, a, e, 6, &Tb, &Te, NULL);
  assert_close(Te, want, 1e-5, 0);
  assert_int_equal(nc, 1);
  double low[3] = {2.0, 1.5, 1.0};
  assert_int_equal(sfhet_bkt_crossing(T, low, e, 3, &Tb, &Te, &nc), SFHET_ENOSOL);
  assert_non_null(strstr(sfhet_last_error(), "never crosses 3"));
}

static void test_halperin_nelson(void **st) {
  (void)st;
  enum { N = 80 };
  double T[N], R[N], p[3] = {1500.0, 1.2, 6.35};
  gsl_rng *r = rng(3);
  for (int i = 0; i < N; i++) {
    T[i] = 5.5 + 4.0 * i / (N - 1.0);
    R[i] = sfhet_hn_resistance(p, T[i]) + gsl_ran_gaussian(r, 2.0);
  }
  sfhet_hn_fit_result res;
  assert_int_equal(sfhet_hn_fit(T, R, N, 0, 0, 0, &res), SFHET_OK);
  for (int k = 0; k < 3; k++) {
    if (!(fabs(res.p[k] - p[k]) < 4 * res.err[k])) print_error("p%d %g +- %g\n", k, res.p[k], res.err[k]);
    assert_true(fabs(res.p[k] - p[k]) < 4 * res.err[k]);
  }
  assert_true(res.err[SFHET_HN_TBKT] < 0.05);
  assert_int_equal(sfhet_hn_fit(T, R, 4, 0, 0, 0, &res), SFHET_EDATA);
  gsl_rng_free(r);
}

static double lor(double x, double x0, double w) { return 1.0 / (1.0 + (x - x0) * (x - x0) / (w * w)); }

/* dV/dI of seed 004 Fig. 2d: background, Andreev zero-bias peak, peaks at +-Ic[k], noise. */
static void synth_dvdi(const double *ic, size_t nic, double noise, gsl_rng *r, size_t n, double *I,
                       double *y) {
  for (size_t i = 0; i < n; i++) {
    I[i] = -3.0 + 6.0 * (double)i / (double)(n - 1);
    y[i] = 10.0 + 0.4 * I[i] + 0.3 * I[i] * I[i] + 3.0 * lor(I[i], 0.0, 0.15);
    for (size_t k = 0; k < nic; k++)
      y[i] += (1.0 + 0.3 * (double)k) * (lor(I[i], ic[k], 0.04) + lor(I[i], -ic[k], 0.04));
    y[i] += gsl_ran_gaussian(r, noise);
  }
}

static void test_ic_peaks(void **st) {
  (void)st;
  enum { N = 1201 };
  double I[N], y[N], ic[3] = {0.95, 1.2, 2.1};
  gsl_rng *r = rng(4);
  synth_dvdi(ic, 3, 0.03, r, N, I, y);
  sfhet_ic_peak pk[16];
  size_t m;
  assert_int_equal(sfhet_ic_peaks(I, y, N, NULL, pk, 16, &m), SFHET_OK);
  assert_int_equal(m, 3);
  for (int k = 0; k < 3; k++) {
    assert_close(pk[k].plus, ic[k], 0, 0.01);
    assert_close(pk[k].minus, -ic[k], 0, 0.01);
    assert_close(pk[k].mean, ic[k], 0, 0.01);
  }
  /* noise and background only: no peaks, not an error */
  synth_dvdi(ic, 0, 0.03, r, N, I, y);
  assert_int_equal(sfhet_ic_peaks(I, y, N, NULL, pk, 16, &m), SFHET_OK);
  assert_int_equal(m, 0);
  /* positive branch only */
  synth_dvdi(ic, 3, 0.03, r, N, I, y);
  assert_int_equal(sfhet_ic_peaks(I + N / 2 + 20, y + N / 2 + 20, N / 2 - 20, NULL, pk, 16, &m), SFHET_OK);
  assert_int_equal(m, 3);
  assert_true(isnan(pk[0].minus));
  assert_close(pk[2].plus, 2.1, 0, 0.01);
  assert_int_equal(sfhet_ic_peaks(I, y, 5, NULL, pk, 16, &m), SFHET_EDATA);
  gsl_rng_free(r);
}

static void test_ic_track_and_fit(void **st) {
  (void)st;
  enum { N = 1201, NG = 9 };
  const double Ic0[4] = {1.0, 1.3, 2.3, 2.8}, Tc[4] = {6.0, 8.0, 9.5, 10.8};
  double I[N], y[N], T[NG];
  sfhet_ic_peak store[NG][16], *pk[NG];
  size_t cnt[NG];
  gsl_rng *r = rng(5);
  for (int g = 0; g < NG; g++) {
    T[g] = 2.0 + 0.5 * g;
    double ic[4];
    size_t nic = 0;
    for (int k = 0; k < 4; k++)
      if (sfhet_ic_of_T(Ic0[k], Tc[k], T[g]) > 0.3) ic[nic++] = sfhet_ic_of_T(Ic0[k], Tc[k], T[g]);
    synth_dvdi(ic, nic, 0.02, r, N, I, y);
    pk[g] = store[g];
    assert_int_equal(sfhet_ic_peaks(I, y, N, NULL, pk[g], 16, &cnt[g]), SFHET_OK);
    assert_int_equal(cnt[g], nic);
  }
  sfhet_ic_families fam;
  assert_int_equal(sfhet_ic_track(T, pk, cnt, NG, 0, &fam), SFHET_OK);
  assert_int_equal(fam.n_families, 4);
  for (size_t f = 0; f < 4; f++) {
    double t[NG], v[NG];
    for (int g = 0; g < NG; g++) t[g] = T[g], v[g] = fam.ic[f * NG + g].mean;
    sfhet_ict_fit_result res;
    assert_int_equal(sfhet_ict_fit(t, v, NULL, NG, &res), SFHET_OK);
    if (fabs(res.Tc - Tc[f]) > fmax(4 * res.Tc_err, 0.05 * Tc[f]))
      print_error("family %zu: Tc %g +- %g, Ic0 %g +- %g\n", f, res.Tc, res.Tc_err, res.Ic0, res.Ic0_err);
    assert_close(res.Tc, Tc[f], 0.03, 0);
    assert_close(res.Ic0, Ic0[f], 0.03, 0);
    assert_true(res.Tc_err > 0 && res.Ic0_err > 0);
  }
  sfhet_ic_families_free(&fam);
  size_t zero[NG] = {0};
  assert_int_equal(sfhet_ic_track(T, pk, zero, NG, 0, &fam), SFHET_ENOSOL);
  gsl_rng_free(r);
}

/* Issue 15 defect 4: overlapping families (Ic0 = 1.0 and 1.1336 mA, 0.05 mA half-widths, 2.5 widths
 * apart at 2 K) on a sloped background. Before the position refinement the Ic(T) errors left out the
 * peak-position bias (pulls of 3-7 over seeds); now the pulls of Ic0 and Tc of every family over 16
 * noise seeds have |mean| < 0.8 and a spread in [0.45, 1.6]. */
static void test_ict_pulls_overlapping(void **st) {
  (void)st;
  enum { N = 1201, NG = 13, NF = 3, REP = 16 };
  const double Ic0[NF] = {1.0, 1.1336, 2.3}, Tc[NF] = {6.0, 6.6, 9.5};
  double I[N], y[N], T[NG], sp[NF][2] = {{0}}, sp2[NF][2] = {{0}};
  sfhet_ic_peak store[NG][16], *pk[NG];
  size_t cnt[NG];
  gsl_rng *r = rng(77);
  for (int rep = 0; rep < REP; rep++) {
    for (int g = 0; g < NG; g++) {
      T[g] = 2.0 + 0.25 * g;
      for (int i = 0; i < N; i++) {
        I[i] = -3.0 + 6.0 * i / (N - 1.0);
        y[i] = 10.0 + 0.4 * I[i] + 0.3 * I[i] * I[i] + 3.0 * lor(I[i], 0.0, 0.15);
        for (int k = 0; k < NF; k++) {
          double ic = sfhet_ic_of_T(Ic0[k], Tc[k], T[g]);
          if (ic > 0.3) y[i] += (1.0 + 0.3 * k) * (lor(I[i], ic, 0.05) + lor(I[i], -ic, 0.05));
        }
        y[i] += gsl_ran_gaussian(r, 0.02);
      }
      pk[g] = store[g];
      assert_int_equal(sfhet_ic_peaks(I, y, N, NULL, pk[g], 16, &cnt[g]), SFHET_OK);
      size_t want = 0;
      for (int k = 0; k < NF; k++) want += sfhet_ic_of_T(Ic0[k], Tc[k], T[g]) > 0.3;
      assert_int_equal(cnt[g], want);
    }
    sfhet_ic_families fam;
    assert_int_equal(sfhet_ic_track(T, pk, cnt, NG, 0, &fam), SFHET_OK);
    assert_int_equal(fam.n_families, NF);
    for (int f = 0; f < NF; f++) {
      double v[NG], e[NG];
      for (int g = 0; g < NG; g++) v[g] = fam.ic[f * NG + g].mean, e[g] = fam.ic[f * NG + g].mean_err;
      sfhet_ict_fit_result res;
      assert_int_equal(sfhet_ict_fit(T, v, e, NG, &res), SFHET_OK);
      assert_true(res.weighted);
      double pI = (res.Ic0 - Ic0[f]) / res.Ic0_err, pT = (res.Tc - Tc[f]) / res.Tc_err;
      sp[f][0] += pI, sp2[f][0] += pI * pI, sp[f][1] += pT, sp2[f][1] += pT * pT;
    }
    sfhet_ic_families_free(&fam);
  }
  for (int f = 0; f < NF; f++)
    for (int q = 0; q < 2; q++) {
      double mean = sp[f][q] / REP, sd = sqrt((sp2[f][q] - REP * mean * mean) / (REP - 1));
      if (!(fabs(mean) < 0.8 && sd > 0.45 && sd < 1.6))
        print_error("family %d %s pulls: mean %g sd %g\n", f, q ? "Tc" : "Ic0", mean, sd);
      assert_true(fabs(mean) < 0.8 && sd > 0.45 && sd < 1.6);
    }
  gsl_rng_free(r);
}

static void test_ict_fit_exact(void **st) {
  (void)st;
  double T[12], Ic[12];
  gsl_rng *r = rng(6);
  for (int i = 0; i < 12; i++) {
    T[i] = 1.5 + 0.7 * i;
    Ic[i] = sfhet_ic_of_T(5.8, 10.8, T[i]) + gsl_ran_gaussian(r, 0.02);
  }
  sfhet_ict_fit_result res;
  assert_int_equal(sfhet_ict_fit(T, Ic, NULL, 12, &res), SFHET_OK);
  assert_true(fabs(res.Ic0 - 5.8) < 4 * res.Ic0_err);
  assert_true(fabs(res.Tc - 10.8) < 4 * res.Tc_err);
  assert_close(sfhet_ic_of_T(2.0, 10.0, 5.0), 2.0 * pow(0.75, 1.5), 1e-15, 0);
  assert_close(sfhet_ic_of_T(2.0, 10.0, 11.0), 0.0, 0, 0);
  assert_int_equal(sfhet_ict_fit(T, Ic, NULL, 2, &res), SFHET_EDATA);
  gsl_rng_free(r);
}

/* One loop: down sweep from +Bmax then up sweep, switching at -Bc (down) and +Bc (up) with a
 * B^2 background. */
static size_t synth_loop(double Bc, double dR, double noise, gsl_rng *r, double *B, double *R,
                         double *dir) {
  size_t n = 0;
  for (int b = 0; b < 2; b++)
    for (int i = 0; i <= 200; i++) {
      double f = b == 0 ? 1.0 - 2.0 * i / 200.0 : -1.0 + 2.0 * i / 200.0;
      B[n] = f;
      double sw = b == 0 ? -Bc : Bc;
      R[n] = 100.0 + 5.0 * f * f + 0.5 * dR * tanh((f - sw) / 0.01) + gsl_ran_gaussian(r, noise);
      dir[n++] = b == 0 ? -1.0 : 1.0;
    }
  return n;
}

static void test_mr_loop(void **st) {
  (void)st;
  double B[402], R[402], dir[402];
  gsl_rng *r = rng(7);
  size_t n = synth_loop(0.23, 0.8, 0.005, r, B, R, dir);
  sfhet_mr_loop lp;
  assert_int_equal(sfhet_mr_analyse(B, R, NULL, n, 1, 0, &lp), SFHET_OK);
  assert_int_equal(lp.n_switch, 1);
  assert_close(lp.B_up[0], 0.23, 0, 0.012);
  assert_close(lp.B_down[0], -0.23, 0, 0.012);
  assert_close(lp.Bc[0], 0.23, 0, 0.012);
  assert_close(lp.Bshift[0], 0.0, 0, 0.012);
  assert_close(lp.dR_max, 0.8, 0.03, 0);
  assert_true(fabs(lp.B_at_dR_max) < 0.23 && lp.dR_signed < 0);
  sfhet_mr_loop l2;
  assert_int_equal(sfhet_mr_analyse(B, R, dir, n, 1, 0, &l2), SFHET_OK);
  assert_close(l2.Bc[0], lp.Bc[0], 1e-12, 0);
  /* no hysteresis: no switch is reported */
  n = synth_loop(0.23, 0.0, 0.005, r, B, R, dir);
  assert_int_equal(sfhet_mr_analyse(B, R, dir, n, 1, 0, &lp), SFHET_OK);
  assert_int_equal(lp.n_switch, 0);
  assert_true(isnan(lp.Bc[0]));
  /* one direction only */
  for (size_t i = 0; i < n; i++) dir[i] = 1.0;
  assert_int_equal(sfhet_mr_analyse(B, R, dir, n, 1, 0, &lp), SFHET_EDATA);
  gsl_rng_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_powerlaw_window), cmocka_unit_test(test_bkt_crossing),
      cmocka_unit_test(test_halperin_nelson), cmocka_unit_test(test_ic_peaks),
      cmocka_unit_test(test_ic_track_and_fit), cmocka_unit_test(test_ict_fit_exact),
      cmocka_unit_test(test_ict_pulls_overlapping),
      cmocka_unit_test(test_mr_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
