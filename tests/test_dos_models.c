/* Conformance of every DOS model against independent sources: particle-hole symmetry at h = 0,
 * N -> 1 far from the gap, conserved spectral weight (sum rule of a function analytic in the upper half
 * plane), BCS limit, aniso l = 0 = dynes and l >= 1 against a brute-force theta average, zeeman against
 * shifted dynes, maki -> zeeman (zeta = b_so = 0) and -> Abrikosov-Gor'kov (h = 0; roots of the AG
 * quartic and the Skalski spectral gap). Sources in tests/data/README.md ("## dos"). */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_poly.h>
#include <math.h>
#include <string.h>

#include "sfhet/dos.h"
#include "testutil.h"

static double N_at(const sfhet_dos_info *m, const double *p, double E) {
  double N;
  assert_int_equal(m->eval(p, &E, 1, &N, NULL, NULL), 0);
  return N;
}

typedef struct {
  const char *model;
  double p[5];
} case_t;

/* Representative parameter sets (h = 0 where symmetry is tested). */
static const case_t sym_cases[] = {
    {"dynes", {0.86, 0.05}},       {"dynes", {0.5, 0.002}},     {"aniso", {0.86, 0.05, 0}},
    {"aniso", {0.86, 0.03, 2}},    {"zeeman", {0.86, 0.05, 0}}, {"maki", {0.86, 0.02, 0, 0.1, 0}},
    {"maki", {0.86, 0.02, 0, 0, 0}}, {"aniso", {0.86, 0.01, 1}},
};

static void test_symmetry_and_far(void **state) {
  (void)state;
  for (size_t c = 0; c < sizeof sym_cases / sizeof sym_cases[0]; c++) {
    const sfhet_dos_info *m = sfhet_dos_find(sym_cases[c].model);
    assert_non_null(m);
    const double *p = sym_cases[c].p;
    for (double E = -3.0; E <= 3.0; E += 0.0371) assert_close(N_at(m, p, E), N_at(m, p, -E), 1e-9, 1e-12);
    /* far away: N - 1 = Δ²/(2E²) + O(Γ/E)-size corrections */
    assert_close(N_at(m, p, 86.0), 1.0, 0, 2e-4);
    assert_close(N_at(m, p, -86.0), 1.0, 0, 2e-4);
    for (double E = -5.0; E <= 5.0; E += 0.01) assert_true(N_at(m, p, E) >= -1e-12);
  }
}

typedef struct {
  const sfhet_dos_info *m;
  const double *p;
} fparams;

static double weight_integrand(double E, void *arg) {
  const fparams *f = arg;
  return N_at(f->m, f->p, E) - 1.0;
}

/* ∫(N − 1) dE = 0: N − 1 = Re[g(E + iΓ) − 1] with g − 1 = O(1/z²) analytic in the upper half plane. */
static void test_spectral_weight(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"dynes", {0.86, 0.05}}, {"aniso", {0.86, 0.04, 3}}, {"zeeman", {0.86, 0.05, 0.3}},
      {"maki", {0.86, 0.05, 0.2, 0.05, 0.1}}, {"maki", {0.86, 0.03, 0.0, 0.2, 0.0}},
  };
  gsl_set_error_handler_off();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(4000);
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    fparams f = {sfhet_dos_find(cases[c].model), cases[c].p};
    gsl_function F = {weight_integrand, &f};
    double L = 40.0, pts[] = {-L, -1.5, -0.5, 0.5, 1.5, L}, r, e;
    gsl_integration_qagp(&F, pts, 6, 1e-10, 1e-9, 4000, w, &r, &e);
    /* tails beyond ±L: N − 1 ~ c/E², so each tail is (N(±L) − 1) L */
    r += (N_at(f.m, f.p, L) - 1.0) * L + (N_at(f.m, f.p, -L) - 1.0) * L;
    assert_close(r, 0.0, 0, 2e-4);
  }
  gsl_integration_workspace_free(w);
}

static void test_bcs_limit(void **state) {
  (void)state;
  const sfhet_dos_info *m = sfhet_dos_find("dynes");
  double p[2] = {0.86, 1e-9};
  for (double E = -3.0; E <= 3.0; E += 0.0123) {
    double bcs = fabs(E) > 0.86 ? fabs(E) / sqrt(E * E - 0.86 * 0.86) : 0.0;
    if (fabs(fabs(E) - 0.86) > 1e-3) assert_close(N_at(m, p, E), bcs, 1e-6, 1e-6);
  }
}

static double theta_average(double E, double d, double g, int l) {
  int M = 200000;
  double s = 0.0;
  for (int k = 0; k < M; k++) {
    double th = 2 * M_PI * (k + 0.5) / M, dd = d * cos(l * th);
    double complex z = E + I * g;
    s += creal(z / csqrt(z * z - dd * dd) * (cimag(csqrt(z * z - dd * dd)) < 0 ? -1.0 : 1.0));
  }
  return s / M;
}

static void test_aniso(void **state) {
  (void)state;
  const sfhet_dos_info *a = sfhet_dos_find("aniso"), *d = sfhet_dos_find("dynes");
  double p0[3] = {0.86, 0.03, 0}, pd[2] = {0.86, 0.03};
  for (double E = -2.0; E <= 2.0; E += 0.0173) assert_close(N_at(a, p0, E), N_at(d, pd, E), 1e-13, 1e-14);
  double Es[] = {0.0, 0.02, 0.3, 0.85, 0.86, 0.87, 1.2, -0.5};
  for (int l = 1; l <= 3; l++)
    for (size_t i = 0; i < sizeof Es / sizeof Es[0]; i++) {
      double p[3] = {0.86, 0.03, l};
      assert_close(N_at(a, p, Es[i]), theta_average(Es[i], 0.86, 0.03, l), 1e-7, 1e-9);
    }
  /* nodal gap: N(E) ~ E/Δ0 at small E for Γ -> 0 (linear DOS of a line node) */
  double pn[3] = {0.86, 1e-7, 2};
  assert_close(N_at(a, pn, 0.01) / 0.01, 1.0 / 0.86, 2e-3, 0);
}

static void test_zeeman(void **state) {
  (void)state;
  const sfhet_dos_info *z = sfhet_dos_find("zeeman");
  double p[3] = {0.86, 0.04, 0.25}, N, up, dn;
  assert_int_equal(z->spin_resolved, 1);
  for (double E = -2.0; E <= 2.0; E += 0.031) {
    assert_int_equal(z->eval(p, &E, 1, &N, &up, &dn), 0);
    assert_close(up, 0.5 * sfhet_dynes_n(E - 0.25, 0.86, 0.04), 1e-13, 1e-15);
    assert_close(dn, 0.5 * sfhet_dynes_n(E + 0.25, 0.86, 0.04), 1e-13, 1e-15);
    assert_close(N, up + dn, 1e-14, 1e-15);
  }
}

static void test_maki_to_zeeman(void **state) {
  (void)state;
  const sfhet_dos_info *mk = sfhet_dos_find("maki"), *z = sfhet_dos_find("zeeman");
  double pm[5] = {0.86, 0.01, 0.2, 0.0, 0.0}, pz[3] = {0.86, 0.01, 0.2};
  enum { n = 1201 };
  static double E[n], a[3][n], b[3][n];
  for (int i = 0; i < n; i++) E[i] = -3.0 + 6.0 * i / (n - 1);
  assert_int_equal(mk->eval(pm, E, n, a[0], a[1], a[2]), 0);
  assert_int_equal(z->eval(pz, E, n, b[0], b[1], b[2]), 0);
  for (int k = 0; k < 3; k++)
    for (int i = 0; i < n; i++) assert_close(a[k][i], b[k][i], 1e-9, 1e-11);
}

/* AG at Γ = 0 (Skalski et al., Phys. Rev. 136, A1500 (1964)): ε = u (1 − ζ / sqrt(1 − u²)), i.e. the
 * quartic (u − ε)² (1 − u²) = ζ² u²; N = Re[u / sqrt(u² − 1)] for the root with Im u > 0. */
static double ag_dos(double eps, double zeta) {
  double c[5] = {-eps * eps, 2 * eps, eps * eps - 1 + zeta * zeta, -2 * eps, 1}, z[8];
  /* (u−ε)²(u²−1) + ζ²u² = u⁴ − 2εu³ + (ε² − 1 + ζ²)u² + 2εu − ε² */
  gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc(5);
  gsl_poly_complex_solve(c, 5, w, z);
  gsl_poly_complex_workspace_free(w);
  double best = 0.0;
  for (int k = 0; k < 4; k++) {
    double complex u = z[2 * k] + I * z[2 * k + 1];
    if (cimag(u) > 1e-9) best = creal(u / (csqrt(u - 1) * csqrt(u + 1)));
  }
  return best;
}

static void test_maki_to_ag(void **state) {
  (void)state;
  const sfhet_dos_info *mk = sfhet_dos_find("maki");
  double zeta = 0.1, p[5] = {1.0, 0.0, 0.0, zeta, 0.0};
  double Eg = pow(1.0 - pow(zeta, 2.0 / 3.0), 1.5); /* spectral gap */
  assert_close(N_at(mk, p, 0.98 * Eg), 0.0, 0, 1e-6);
  assert_true(N_at(mk, p, 1.02 * Eg) > 0.05);
  for (double E = 0.75; E <= 3.0; E += 0.0371) assert_close(N_at(mk, p, E), ag_dos(E, zeta), 1e-7, 1e-9);
  double p2[5] = {1.0, 0.0, 0.0, 1.5, 0.0}; /* gapless regime ζ > 1 */
  for (double E = 0.0; E <= 2.0; E += 0.0771) assert_close(N_at(mk, p2, E), ag_dos(E, 1.5), 1e-7, 1e-9);
}

static void test_maki_spin(void **state) {
  (void)state;
  const sfhet_dos_info *mk = sfhet_dos_find("maki");
  double p[5] = {0.86, 0.01, 0.3, 0.05, 0.2}, N, up, dn, N2, up2, dn2;
  for (double E = 0.0; E <= 2.5; E += 0.0213) {
    double mE = -E;
    assert_int_equal(mk->eval(p, &E, 1, &N, &up, &dn), 0);
    assert_int_equal(mk->eval(p, &mE, 1, &N2, &up2, &dn2), 0);
    assert_close(up, dn2, 1e-9, 1e-12); /* particle-hole: N_up(E) = N_down(−E) */
    assert_true(up >= -1e-12 && dn >= -1e-12);
  }
  /* spin-orbit scattering mixes the spins: the up/down peak separation (2h at b_so = 0) shrinks and the
   * up DOS gains weight at the down peak (Meservey & Tedrow 1994, Fig. 4 trend) */
  double sep[2], mix[2];
  for (int b = 0; b < 2; b++) {
    double pb[5] = {0.86, 0.005, 0.2, 0.0, b ? 0.3 : 0.0}, pu = -1, au = 0, pd = -1, ad = 0;
    for (double E = 0.3; E < 1.3; E += 0.0005) {
      double n, u, d;
      assert_int_equal(mk->eval(pb, &E, 1, &n, &u, &d), 0);
      if (u > pu) pu = u, au = E;
      if (d > pd) pd = d, ad = E;
    }
    sep[b] = au - ad;
    double E = 0.66, n, u, d;
    mk->eval(pb, &E, 1, &n, &u, &d);
    mix[b] = u;
  }
  assert_close(sep[0], 0.4, 0, 2e-3);
  assert_true(sep[1] < sep[0] - 0.03);
  assert_true(mix[1] > 2 * mix[0]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_symmetry_and_far), cmocka_unit_test(test_spectral_weight),
      cmocka_unit_test(test_bcs_limit),        cmocka_unit_test(test_aniso),
      cmocka_unit_test(test_zeeman),           cmocka_unit_test(test_maki_to_zeeman),
      cmocka_unit_test(test_maki_to_ag),       cmocka_unit_test(test_maki_spin),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
