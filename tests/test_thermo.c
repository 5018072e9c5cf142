/* Thermodynamic models against independent references: the BCS gap against the energy-integral form of
 * the gap equation (GSL QAGIU) and its T → 0 / T → Tc limits; AG, Zeeman and Ising lines against
 * mpmath values (tests/data/thermo_ref.py) and their limits; the Pauli boundary against the
 * Clogston–Chandrasekhar limit, its low-T expansion and the tricritical point. */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_zeta.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "testutil.h"

/* ---- independent gap equation: ln(Tc/T) = ∫_0^∞ [tanh(ξ/2t)/ξ − tanh(E/2t)/E] dξ (units kTc) ---- */
typedef struct {
  double t, d;
} ref_ctx;

static double ref_integrand(double xi, void *p) {
  const ref_ctx *c = p;
  double E = hypot(xi, c->d);
  double a = xi > 0 ? tanh(xi / (2 * c->t)) / xi : 1.0 / (2 * c->t);
  return a - tanh(E / (2 * c->t)) / E;
}

static double ref_eq(double d, void *p) {
  ref_ctx *c = p;
  c->d = d;
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_function F = {ref_integrand, c};
  double r, err;
  gsl_integration_qagiu(&F, 0.0, 1e-14, 1e-12, 1000, w, &r, &err);
  gsl_integration_workspace_free(w);
  return r - log(1.0 / c->t);
}

static double ref_gap(double t) {
  ref_ctx c = {t, 0};
  gsl_function F = {ref_eq, &c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, 1e-6, 2.0);
  double x = 0;
  for (int i = 0; i < 200; i++) {
    gsl_root_fsolver_iterate(s);
    x = gsl_root_fsolver_root(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0, 1e-13) == GSL_SUCCESS)
      break;
  }
  gsl_root_fsolver_free(s);
  return x;
}

static void test_bcs_vs_energy_integral(void **st) {
  (void)st;
  const double ts[] = {0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999};
  for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
    double y;
    assert_int_equal(sfhet_bcs_gap_reduced(ts[i], &y), SFHET_OK);
    assert_close(y, ref_gap(ts[i]), 1e-8, 0);
  }
}

static void test_bcs_limits(void **st) {
  (void)st;
  double y, d;
  assert_int_equal(sfhet_bcs_gap_reduced(0.0, &y), SFHET_OK);
  assert_close(y, M_PI * exp(-SFHET_EULER_GAMMA), 1e-14, 0); /* Δ0 = π e^{-γ} kTc */
  assert_int_equal(sfhet_bcs_gap_reduced(0.021, &y), SFHET_OK); /* Matsubara branch at low T */
  assert_close(y, M_PI * exp(-SFHET_EULER_GAMMA), 1e-12, 0);
  /* near Tc: Δ/kTc → sqrt(8π²/7ζ(3)) sqrt(1 − t) = 3.0633 sqrt(1 − t), correction O(1 − t) */
  double c = sqrt(8 * M_PI * M_PI / (7 * gsl_sf_zeta_int(3)));
  assert_int_equal(sfhet_bcs_gap_reduced(1 - 1e-8, &y), SFHET_OK);
  assert_close(y / sqrt(1e-8), c, 1e-6, 0);
  /* the same through sfhet_bcs_gap with T − Tc = 1e-12 K, where T/Tc itself would lose digits */
  assert_int_equal(sfhet_bcs_gap(7.0 - 1e-11, 7.0, 0.0, &d), SFHET_OK);
  assert_close(d / (SFHET_KB_MEV * 7.0) / sqrt(1e-11 / 7.0), c, 1e-6, 0);
  assert_int_equal(sfhet_bcs_gap_reduced(1.0, &y), SFHET_OK);
  assert_true(y == 0.0);
  assert_int_equal(sfhet_bcs_gap(0.0, 7.2, 1.1, &d), SFHET_OK); /* scaled to Δ0 */
  assert_close(d, 1.1, 1e-14, 0);
  assert_int_equal(sfhet_bcs_gap(0.0, 7.2, 0.0, &d), SFHET_OK);
  assert_close(d, SFHET_BCS_RATIO * SFHET_KB_MEV * 7.2, 1e-12, 0);
  assert_int_equal(sfhet_bcs_gap(1.0, -1.0, 0.0, &d), SFHET_EINVAL);
  assert_int_equal(sfhet_bcs_gap_reduced(NAN, &y), SFHET_EINVAL);
}

static void test_ag(void **st) {
  (void)st;
  double Tc, a;
  assert_int_equal(sfhet_ag_tc(7.0, 0.3, &Tc), SFHET_OK);
  assert_close(Tc, 4.02667618197979524, 1e-11, 0); /* mpmath */
  assert_int_equal(sfhet_ag_tc(7.0, 0.5, &Tc), SFHET_OK);
  assert_close(Tc, 1.25293041001283489, 1e-11, 0);
  /* α_c = Δ0/2 */
  double ac = sfhet_ag_alpha_c(7.0);
  assert_close(ac, 0.5 * SFHET_BCS_RATIO * SFHET_KB_MEV * 7.0, 1e-14, 0);
  assert_int_equal(sfhet_ag_tc(7.0, ac, &Tc), SFHET_OK);
  assert_true(Tc == 0.0);
  /* just below α_c: t = ρ sqrt(24 ln(α_c/α)) from ψ(½+z) ≈ ln z + 1/(24 z²) */
  double eps = 1e-8, alpha = ac * (1 - eps), rho = alpha / (2 * M_PI * SFHET_KB_MEV * 7.0);
  assert_int_equal(sfhet_ag_tc(7.0, alpha, &Tc), SFHET_OK);
  assert_close(Tc / 7.0, rho * sqrt(24 * -log1p(-eps)), 1e-5, 0);
  /* inverse */
  assert_int_equal(sfhet_ag_alpha_at(7.0, 4.02667618197979524, &a), SFHET_OK);
  assert_close(a, 0.3, 1e-10, 0);
  assert_int_equal(sfhet_ag_tc(7.0, -1.0, &Tc), SFHET_EINVAL);
  assert_int_equal(sfhet_ag_tc(0.0, 0.1, &Tc), SFHET_EINVAL);
}

static void test_orbital(void **st) {
  (void)st;
  /* α = D e B: D = 1e-4 m²/s, B = 1 T → 1e-4·e J = 0.1 meV; parallel D e² B² d²/6ħ by hand */
  assert_close(sfhet_orbital_alpha(1.0, 1e-4, 5.0, SFHET_FIELD_PERPENDICULAR), 0.1, 1e-14, 0);
  double par = 1e-4 * SFHET_E_CHARGE * SFHET_E_CHARGE * 4.0 * 25e-18 / (6 * SFHET_HBAR) / SFHET_MEV_J;
  assert_close(sfhet_orbital_alpha(2.0, 1e-4, 5.0, SFHET_FIELD_PARALLEL), par, 1e-14, 0);
  assert_close(sfhet_orbital_field(par, 1e-4, 5.0, SFHET_FIELD_PARALLEL), 2.0, 1e-14, 0);
  double Tc, Ta;
  assert_int_equal(sfhet_orbital_tc(7.0, 3.0, 1e-4, 5.0, SFHET_FIELD_PERPENDICULAR, &Tc), SFHET_OK);
  assert_int_equal(sfhet_ag_tc(7.0, 0.3, &Ta), SFHET_OK);
  assert_close(Tc, Ta, 1e-14, 0);
  assert_int_equal(sfhet_orbital_tc(7.0, 3.0, -1e-4, 5.0, SFHET_FIELD_PERPENDICULAR, &Tc), SFHET_EINVAL);
  /* ξ_GL(0) = sqrt(πħD/8kTc0): D = 1e-4, Tc0 = 7 K by hand */
  assert_close(sfhet_xi_gl0(1e-4, 7.0), 1e9 * sqrt(M_PI * 1.054571817e-34 * 1e-4 / (8 * 1.380649e-23 * 7)),
               1e-14, 0);
}

static void test_zeeman(void **st) {
  (void)st;
  double Tc, h;
  assert_int_equal(sfhet_zeeman_tc(1.0, 0.05, &Tc), SFHET_OK);
  assert_close(Tc, 0.921901905790640270, 1e-11, 0); /* mpmath */
  assert_int_equal(sfhet_zeeman_tc(1.0, 0.09, &Tc), SFHET_OK);
  assert_close(Tc, 0.625795007729935841, 1e-11, 0);
  /* small h: ln(Tc0/Tc) = 7ζ(3)/(4π²) (h/kTc)² − O(h⁴) */
  double k = SFHET_KB_MEV, hs = 0.01 * k;
  assert_int_equal(sfhet_zeeman_tc(1.0, hs, &Tc), SFHET_OK);
  double lhs = log(1.0 / Tc), rhs = 7 * gsl_sf_zeta_int(3) / (4 * M_PI * M_PI) * pow(hs / (k * Tc), 2);
  assert_close(lhs, rhs, 1e-4, 0);
  /* h2(T) inverts Tc(h) on the upper branch; h2(0) = Δ0/2; no instability above the maximum */
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.921901905790640270, &h), SFHET_OK);
  assert_close(h, 0.05, 1e-10, 0);
  assert_int_equal(sfhet_zeeman_h2(1.0, 1e-3, &h), SFHET_OK);
  assert_close(h, 0.5 * SFHET_BCS_RATIO * k, 1e-5, 0); /* relative correction 1/(24 y²) ≈ 2e-6 */
  assert_int_equal(sfhet_zeeman_tc(1.0, 0.62 * SFHET_BCS_RATIO * k, &Tc), SFHET_OK);
  assert_true(Tc == 0.0);
  /* the line's maximum (mpmath: t_m = 0.478484865594607, h_m = 1.08546231299725 kTc0) */
  double hm, hl, hr;
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.478484865594607, &hm), SFHET_OK);
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.468484865594607, &hl), SFHET_OK);
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.488484865594607, &hr), SFHET_OK);
  assert_close(hm / k, 1.08546231299725, 1e-12, 0);
  assert_true(hm > hl && hm > hr);
  assert_int_equal(sfhet_zeeman_tc(1.0, hm * (1 - 1e-9), &Tc), SFHET_OK);
  assert_close(Tc, 0.478484865594607, 1e-3, 0); /* flat maximum: t − t_m ~ sqrt(1e-9) */
  assert_int_equal(sfhet_zeeman_tc(1.0, hm * (1 + 1e-9), &Tc), SFHET_OK);
  assert_true(Tc == 0.0);
}

static void test_ising(void **st) {
  (void)st;
  double h, h2;
  assert_int_equal(sfhet_ising_hc2(3.0, 2.0, 1.0, &h), SFHET_OK);
  assert_close(h, 1.36441888115890901, 1e-10, 0); /* mpmath */
  assert_int_equal(sfhet_ising_hc2(3.0, 2.0, 2.5, &h), SFHET_OK);
  assert_close(h, 0.576788956109702932, 1e-10, 0);
  const double ts[] = {0.2, 0.5, 0.8, 0.95}; /* λ = 0 is the Zeeman line */
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(sfhet_ising_hc2(1.0, 0.0, ts[i], &h), SFHET_OK);
    assert_int_equal(sfhet_zeeman_h2(1.0, ts[i], &h2), SFHET_OK);
    assert_close(h, h2, 1e-10, 0);
  }
  assert_int_equal(sfhet_ising_hc2(3.0, 2.0, 3.5, &h), SFHET_OK);
  assert_true(h == 0.0);
  assert_int_equal(sfhet_ising_hc2(3.0, -1.0, 1.0, &h), SFHET_EINVAL);
  assert_int_equal(sfhet_ising_hc2(3.0, 1.0, 0.0, &h), SFHET_EINVAL);
}

static void test_pauli(void **st) {
  (void)st;
  double Ts, hs, h, h2, k = SFHET_KB_MEV, D0 = SFHET_BCS_RATIO * k;
  int order;
  assert_int_equal(sfhet_pauli_tricritical(1.0, &Ts, &hs), SFHET_OK);
  assert_close(Ts, 0.561493166126582, 1e-10, 0); /* mpmath: Re ψ''(½ + i y*) = 0 */
  assert_close(hs / k, 1.07282741361924, 1e-10, 0);
  /* T = 0: Clogston–Chandrasekhar h = Δ0/√2 */
  assert_int_equal(sfhet_pauli_hc(1.0, 0.0, &h, &order), SFHET_OK);
  assert_close(h, D0 / M_SQRT2, 1e-14, 0);
  assert_int_equal(order, 1);
  /* low T: Ω_s = −Δ0²/2 + O(e^{−(Δ0−h)/kT}), Ω_n = −π²(kT)²/3 − h² → h² = Δ0²/2 − π²(kT)²/3 */
  assert_int_equal(sfhet_pauli_hc(1.0, 0.04, &h, &order), SFHET_OK);
  assert_close(h, sqrt(D0 * D0 / 2 - M_PI * M_PI * pow(0.04 * k, 2) / 3), 1e-6, 0);
  /* continuity at T*, first order above the second-order line below T*, second order above T* */
  assert_int_equal(sfhet_pauli_hc(1.0, Ts * 0.999, &h, &order), SFHET_OK);
  assert_int_equal(sfhet_zeeman_h2(1.0, Ts * 0.999, &h2), SFHET_OK);
  assert_int_equal(order, 1);
  assert_true(h >= h2);
  assert_close(h, hs, 1e-3, 0);
  assert_int_equal(sfhet_pauli_hc(1.0, 0.3, &h, &order), SFHET_OK);
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.3, &h2), SFHET_OK);
  assert_true(h > 1.05 * h2);
  assert_int_equal(sfhet_pauli_hc(1.0, 0.8, &h, &order), SFHET_OK);
  assert_int_equal(order, 2);
  assert_int_equal(sfhet_zeeman_h2(1.0, 0.8, &h2), SFHET_OK);
  assert_close(h, h2, 1e-14, 0);
  /* free energy: zero at Δ = 0, stationary at the BCS gap for h = 0, −Δ0²/2 at T = 0 */
  double f, fp, fm, d;
  assert_int_equal(sfhet_pauli_free_energy(1.0, 0.5, 0.03, 1e-9, &f), SFHET_OK);
  assert_close(f, 0.0, 0, 1e-12 * D0 * D0);
  assert_int_equal(sfhet_bcs_gap(0.6, 1.0, 0.0, &d), SFHET_OK);
  double f0, dd = 2e-4 * d; /* vertex of the parabola through three points = BCS gap */
  assert_int_equal(sfhet_pauli_free_energy(1.0, 0.6, 0.0, d + dd, &fp), SFHET_OK);
  assert_int_equal(sfhet_pauli_free_energy(1.0, 0.6, 0.0, d - dd, &fm), SFHET_OK);
  assert_int_equal(sfhet_pauli_free_energy(1.0, 0.6, 0.0, d, &f0), SFHET_OK);
  assert_true(f0 < fp && f0 < fm);
  assert_close(d - dd * (fp - fm) / (2 * (fp - 2 * f0 + fm)), d, 1e-6, 0);
  assert_int_equal(sfhet_pauli_free_energy(1.0, 0.0, 0.0, D0, &f), SFHET_OK);
  assert_close(f, -0.5 * D0 * D0, 1e-14, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bcs_vs_energy_integral), cmocka_unit_test(test_bcs_limits),
      cmocka_unit_test(test_ag),       cmocka_unit_test(test_orbital),
      cmocka_unit_test(test_zeeman),   cmocka_unit_test(test_ising),
      cmocka_unit_test(test_pauli),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
