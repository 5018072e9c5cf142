/* DOS models at their singular points with Γ = 0: the finite limit Γ -> 0+ where one exists (checked
 * against the limit approached numerically and against the BCS / d-wave closed forms), an error
 * (SFHET_ERANGE) exactly on a divergence, never inf or nan. */
#include <gsl/gsl_sf_ellint.h>
#include <math.h>
#include <string.h>

#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "testutil.h"

/* N (and N_up, N_down) of model name at one energy; returns eval's status. */
static int dos_at(const char *name, const double *p, double E, double *N, double *up, double *dn) {
  const sfhet_dos_info *m = sfhet_dos_find(name);
  assert_non_null(m);
  return m->eval(p, &E, 1, N, up, dn);
}

static double n_ok(const char *name, const double *p, double E) {
  double N, up, dn;
  assert_int_equal(dos_at(name, p, E, &N, &up, &dn), SFHET_OK);
  assert_true(isfinite(N) && isfinite(up) && isfinite(dn));
  return N;
}

static void expect_divergence(const char *name, const double *p, double E) {
  double N, up, dn;
  assert_int_equal(dos_at(name, p, E, &N, &up, &dn), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "diverges"));
  assert_non_null(strstr(sfhet_last_error(), "--gamma"));
}

static double bcs(double E, double d) { return fabs(E) / sqrt(E * E - d * d); }

/* Dynes: Δ = 0 is the normal metal (N = 1 also at E = 0, where Re[iΓ/sqrt(−Γ²)] = 1 for every Γ > 0);
 * E = ±Δ diverges; just beside the edge the BCS closed form. */
static void test_dynes(void **s) {
  (void)s;
  double p0[] = {0.0, 0.0}, pg[] = {0.0, 1e-9};
  assert_close(n_ok("dynes", p0, 0.0), 1.0, 0, 0);
  assert_close(n_ok("dynes", pg, 0.0), 1.0, 1e-12, 0); /* the limit approached from Γ > 0 */
  assert_close(n_ok("dynes", p0, -2.5), 1.0, 0, 0);
  double p[] = {1.0, 0.0};
  expect_divergence("dynes", p, 1.0);
  expect_divergence("dynes", p, -1.0);
  double E = 1.0 + 1e-10;
  assert_close(n_ok("dynes", p, E), bcs(E, 1.0), 1e-5, 0);
  assert_close(n_ok("dynes", p, -E), bcs(E, 1.0), 1e-5, 0); /* N(−E) = N(E) > 0 */
  assert_close(n_ok("dynes", p, 0.5), 0.0, 0, 0);
}

/* Zeeman: each spin band diverges at its own edges ±Δ ± h. */
static void test_zeeman(void **s) {
  (void)s;
  double p[] = {0.86, 0.0, 0.1};
  expect_divergence("zeeman", p, 0.96);
  expect_divergence("zeeman", p, -0.96);
  expect_divergence("zeeman", p, 0.76);
  expect_divergence("zeeman", p, -0.76);
  double E = 0.961;
  assert_close(n_ok("zeeman", p, E), 0.5 * bcs(E - 0.1, 0.86) + 0.5 * bcs(E + 0.1, 0.86), 1e-12, 0);
  double p0[] = {0.0, 0.0, 0.3};
  assert_close(n_ok("zeeman", p0, 0.3), 1.0, 0, 0); /* Δ = 0 at E = h: normal metal */
}

/* aniso, l >= 1: the θ average of a cos(lθ) gap has the d-wave closed form
 *   N = (2/π) K(Δ0/E) for E > Δ0,  N = (2/π)(E/Δ0) K(E/Δ0) for E < Δ0  (complete elliptic K(k)),
 * which diverges logarithmically at E = Δ0 and vanishes at E = 0 (the limit Γ -> 0+, N ~ Γ ln(Δ0/Γ)). */
static void test_aniso(void **s) {
  (void)s;
  double p[] = {1.0, 0.0, 2.0};
  expect_divergence("aniso", p, 1.0);
  expect_divergence("aniso", p, -1.0);
  assert_close(n_ok("aniso", p, 1.5), M_2_PI * gsl_sf_ellint_Kcomp(1.0 / 1.5, GSL_PREC_DOUBLE), 1e-12, 0);
  assert_close(n_ok("aniso", p, 0.5), M_2_PI * 0.5 * gsl_sf_ellint_Kcomp(0.5, GSL_PREC_DOUBLE), 1e-12, 0);
  assert_close(n_ok("aniso", p, 0.0), 0.0, 0, 0);
  double pg[] = {1.0, 1e-9, 2.0};
  assert_true(n_ok("aniso", pg, 0.0) < 1e-7); /* the Γ -> 0+ limit is 0 */
  double p0[] = {0.0, 0.0, 2.0}, p00[] = {0.0, 0.0, 0.0};
  assert_close(n_ok("aniso", p0, 0.0), 1.0, 0, 0); /* Δ0 = 0: normal metal, also at E = 0 */
  assert_close(n_ok("aniso", p00, 0.0), 1.0, 0, 0);
  double pl0[] = {1.0, 0.0, 0.0};
  expect_divergence("aniso", pl0, 1.0); /* l = 0 is the Dynes DOS */
}

/* twogap: a band without weight contributes nothing, also at its own edge (not 0·inf = nan). */
static void test_twogap(void **s) {
  (void)s;
  double w0[] = {0.5, 0.0, 0.4, 0.0, 0.0}, w1[] = {0.5, 0.0, 0.4, 0.0, 1.0}, wh[] = {0.5, 0.0, 0.4, 0.0, 0.6};
  assert_close(n_ok("twogap", w0, 0.5), bcs(0.5, 0.4), 1e-12, 0);
  assert_close(n_ok("twogap", w1, 0.4), 0.0, 0, 0);
  expect_divergence("twogap", wh, 0.5);
  expect_divergence("twogap", wh, -0.4);
  double z[] = {0.0, 0.0, 0.0, 0.0, 0.6};
  assert_close(n_ok("twogap", z, 0.0), 1.0, 1e-15, 0);
}

/* Maki–Fulde is solved slightly above the real axis (Im u >= 1e-13): finite at the edges. */
static void test_maki_edges(void **s) {
  (void)s;
  double p[] = {0.86, 0.0, 0.1, 0.0, 0.0};
  const double E[] = {0.76, 0.86, 0.96, -0.96, 0.0};
  for (size_t i = 0; i < sizeof E / sizeof E[0]; i++) assert_true(n_ok("maki", p, E[i]) >= 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dynes), cmocka_unit_test(test_zeeman), cmocka_unit_test(test_aniso),
      cmocka_unit_test(test_twogap), cmocka_unit_test(test_maki_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
