/* Ising lattice model, BZ level: weak-coupling BCS limits (Tc0, Δ(T), Zeeman line, Yosida), the
 * first-order Pauli transition, the anisotropic free energy, the weak-SOC formula C8 and convergence. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_psi.h>
#include <math.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"
#include "testutil.h"

static sfhet_ising_model model(double rtol) {
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  m.p[SFHET_ISING_RTOL] = rtol;
  return m;
}

/* ---- independent weak-coupling references (GSL quadrature and root finding) ---- */
typedef struct {
  double d, kT;
} bcs_par;

static double nf_over_e(double x, void *v) { /* n_F(E)/E with E = sqrt(ξ² + Δ²) */
  const bcs_par *p = v;
  double E = hypot(x, p->d);
  return 1 / ((1 + exp(E / p->kT)) * E);
}

/* ln(Δ0/Δ) = 2 ∫_0^∞ dξ n_F(E)/E (weak-coupling BCS gap equation). */
static double bcs_eq(double d, void *v) {
  bcs_par p = {d, ((double *)v)[1]};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_function F = {nf_over_e, &p};
  double r, e;
  gsl_integration_qagiu(&F, 0, 1e-13, 1e-11, 1000, w, &r, &e);
  gsl_integration_workspace_free(w);
  return log(((double *)v)[0] / d) - 2 * r;
}

static double root(double (*f)(double, void *), void *p, double lo, double hi) {
  gsl_function F = {f, p};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, lo, hi);
  for (int i = 0; i < 200; i++) {
    gsl_root_fsolver_iterate(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0, 1e-13) ==
        GSL_SUCCESS)
      break;
  }
  double x = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  return x;
}

static double bcs_delta(double d0, double kT) {
  double p[2] = {d0, kT};
  return root(bcs_eq, p, 1e-6 * d0, d0);
}

static void test_tc0_and_delta_T(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-5);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double d0 = m.p[SFHET_ISING_DELTA0], Tc0;
  assert_int_equal(sfhet_ising_tc0(&m, &Tc0, ws), SFHET_OK);
  assert_close(Tc0, d0 * exp(SFHET_EULER_GAMMA) / (M_PI * SFHET_KB_MEV), 1e-4, 0);
  const double t[] = {0.3, 0.6, 0.9};
  for (int i = 0; i < 3; i++) {
    sfhet_ising_gap_result r;
    sfhet_ising_field f = {0, 0, 0};
    assert_int_equal(sfhet_ising_gap(&m, t[i] * Tc0, f, &r, ws), SFHET_OK);
    assert_int_equal(r.sol[0].kind, SFHET_ISING_STABLE);
    double ref = bcs_delta(d0, t[i] * Tc0 * SFHET_KB_MEV);
    assert_close(r.sol[0].delta / d0, ref / d0, 0, 1e-3);
    assert_true(fabs(r.sol[0].delta - ref) < 3 * r.sol[0].delta_err + 1e-4 * d0);
  }
  sfhet_ising_ws_free(ws);
}

/* ln(Tc0/Tc) = Re ψ(½ + iJ/2πkTc) − ψ(½) (Zeeman pair breaking, Sarma/Maki). */
static double zeeman_eq(double kT, void *v) {
  const double *p = v; /* kTc0, J */
  gsl_sf_result re, im;
  gsl_sf_complex_psi_e(0.5, p[1] / (2 * M_PI * kT), &re, &im);
  return log(p[0] / kT) - (re.val - gsl_sf_psi(0.5));
}

static void test_zeeman_line(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-5);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double Tc0, Tc;
  assert_int_equal(sfhet_ising_tc0(&m, &Tc0, ws), SFHET_OK);
  const double J[] = {0.1, 0.2, 0.25};
  for (int i = 0; i < 3; i++) {
    assert_int_equal(sfhet_ising_tc(&m, J[i], 0, &Tc, ws), SFHET_OK);
    double p[2] = {Tc0 * SFHET_KB_MEV, J[i]};
    double ref = root(zeeman_eq, p, 0.55 * p[0], p[0]) / SFHET_KB_MEV;
    assert_close(Tc / Tc0, ref / Tc0, 0, 1e-3);
    /* in-plane: Ising protection keeps Tc close to Tc0 */
    assert_int_equal(sfhet_ising_tc(&m, J[i], 90, &Tc, ws), SFHET_OK);
    assert_true(Tc > 0.99 * Tc0 && Tc <= Tc0 * (1 + 1e-6));
  }
  sfhet_ising_ws_free(ws);
}

/* Yosida function Y(T) = ∫ dξ sech²(E/2T) / ∫ dξ sech²(ξ/2T) at the BCS Δ(T). */
static double sech2(double x, void *v) {
  const bcs_par *p = v;
  double c = cosh(0.5 * hypot(x, p->d) / p->kT);
  return 1 / (c * c);
}

static double yosida(double d, double kT) {
  bcs_par p = {d, kT};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_function F = {sech2, &p};
  double r, e;
  gsl_integration_qagiu(&F, 0, 1e-14, 1e-11, 1000, w, &r, &e);
  gsl_integration_workspace_free(w);
  return r / (2 * kT);
}

static void test_chi_yosida(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-5);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double Tc0, d0 = m.p[SFHET_ISING_DELTA0], cpar, cperp;
  assert_int_equal(sfhet_ising_tc0(&m, &Tc0, ws), SFHET_OK);
  const double t[] = {0.3, 0.7, 0.95};
  for (int i = 0; i < 3; i++) {
    double kT = t[i] * Tc0 * SFHET_KB_MEV;
    assert_int_equal(sfhet_ising_chi(&m, t[i] * Tc0, &cpar, &cperp, ws), SFHET_OK);
    assert_close(cperp, yosida(bcs_delta(d0, kT), kT), 0, 2e-3);
    assert_true(cpar > 0.95 && cpar < 1.0); /* strong Ising SOC: χ∥ stays near the normal value */
  }
  assert_int_equal(sfhet_ising_chi(&m, 0.1 * Tc0, &cpar, &cperp, ws), SFHET_OK);
  assert_true(cperp < 1e-5);
  sfhet_ising_ws_free(ws);
}

/* Out-of-plane J at T ≈ 0: Δ stays Δ0 up to the first-order transition at the Pauli limit Δ0/√2. */
static void test_pauli_first_order(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-4);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double d0 = m.p[SFHET_ISING_DELTA0];
  sfhet_ising_gap_result r;
  sfhet_ising_field f = {0.3, 0, 0}; /* Δ0/2 < J < Δ0/√2: three stationary points */
  assert_int_equal(sfhet_ising_gap(&m, 0.05, f, &r, ws), SFHET_OK);
  assert_int_equal(r.n, 3);
  assert_close(r.sol[0].delta, d0, 1e-4, 0);
  assert_int_equal(r.sol[1].kind, SFHET_ISING_METASTABLE);
  assert_close(r.sol[1].delta, 0, 0, 0);
  assert_int_equal(r.sol[2].kind, SFHET_ISING_UNSTABLE);
  /* f_sn(Δ0) = −½ N(0) Δ0² (BCS condensation energy; C5/C7) */
  assert_close(r.sol[0].f_sn, -0.5 * r.N0 * d0 * d0, 3e-3, 0);
  double Jc;
  int fo;
  assert_int_equal(sfhet_ising_jc(&m, 0.05, 0, &Jc, &fo, ws), SFHET_OK);
  assert_close(Jc, d0 / sqrt(2.0), 3e-3, 0);
  assert_int_equal(fo, 1);
  sfhet_ising_ws_free(ws);
}

/* f_sn(θ) − f_sn(0) = −½ (χ∥ − χ⊥) J² sin²θ for small J, lowest in-plane. */
static void test_fsn_anisotropy(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-5);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double d0 = m.p[SFHET_ISING_DELTA0], J = 0.1 * d0 / sqrt(2.0), T = 1.0;
  const double th[] = {0, 30, 60, 90}, ph[] = {0, 45};
  double f[8];
  assert_int_equal(sfhet_ising_fsn_map(&m, T, J, th, 4, ph, 2, f, NULL, 2, NULL, ws), SFHET_OK);
  sfhet_ising_gap_result r;
  sfhet_ising_field fz = {0, 0, 0};
  assert_int_equal(sfhet_ising_gap(&m, T, fz, &r, ws), SFHET_OK);
  double cp, cz;
  assert_int_equal(sfhet_ising_chi_raw(&m, T, r.sol[0].delta, &cp, &cz, ws), SFHET_OK);
  for (int i = 1; i < 4; i++) {
    double s2 = pow(sin(th[i] * M_PI / 180), 2);
    assert_close(f[2 * i] - f[0], -0.5 * (cp - cz) * J * J * s2, 2e-2, 0);
    assert_close(f[2 * i + 1], f[2 * i], 1e-12, 0); /* φ-independent */
  }
  assert_true(f[6] < f[0]);
  sfhet_ising_ws_free(ws);
}

/* Weak SOC: χ∥(T -> 0)/χ_P equals C8 averaged over the Fermi surface with λ0(k) = |β(k)|. */
typedef struct {
  double kT, d, sum_w, sum_c8;
} c8_par;

static double c8(double l, double d) {
  if (l < 1e-9 * d) return 0;
  double s = hypot(l, d);
  return 1 - d * d / (2 * l * s) * log((l + s) / (s - l));
}

static double c8_weight(double e, double b, const void *v) {
  const c8_par *p = v;
  double cu = cosh(0.5 * (e + b) / p->kT), cd = cosh(0.5 * (e - b) / p->kT);
  return 0.25 / p->kT * (1 / (cu * cu) + 1 / (cd * cd));
}

static double c8_value(double e, double b, const void *v) {
  const c8_par *p = v;
  return c8_weight(e, b, v) * c8(fabs(b), p->d);
}

static void test_c8_weak_soc(void **st) {
  (void)st;
  sfhet_ising_model m = model(1e-5);
  double d0 = m.p[SFHET_ISING_DELTA0];
  m.p[SFHET_ISING_PHI0] = asin(2 * d0 / (3 * sqrt(3.0) * m.p[SFHET_ISING_T0])); /* λ_soc = 2Δ0 */
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  double Tc0, T, sp, sz, np, nz;
  assert_int_equal(sfhet_ising_tc0(&m, &Tc0, ws), SFHET_OK);
  T = 0.08 * Tc0;
  assert_int_equal(sfhet_ising_chi_raw(&m, T, d0, &sp, &sz, ws), SFHET_OK);
  assert_int_equal(sfhet_ising_chi_raw(&m, T, 0, &np, &nz, ws), SFHET_OK);
  assert_close(np / nz, 1.0, 2e-3, 0); /* weak SOC: χ_n^soc -> χ_P */
  c8_par p = {0.02 * d0, d0, 0, 0};
  double w, c;
  ising_mesh_build(&ws->mesh, &m, ising_scale(&m, 0.02 * d0, ISING_FLOOR_THERMAL));
  ising_mesh_integrate(&ws->mesh, c8_weight, &p, &w, NULL);
  ising_mesh_integrate(&ws->mesh, c8_value, &p, &c, NULL);
  assert_close(sp / nz, c / w, 2e-2, 0);
  sfhet_ising_ws_free(ws);
}

/* Tightening the cubature tolerance moves Δ and f by less than the reported error estimates. */
static void test_convergence(void **st) {
  (void)st;
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  sfhet_ising_gap_result a, b;
  sfhet_ising_field f = {0.2, 60, 0};
  sfhet_ising_model m1 = model(1e-3), m2 = model(1e-5);
  assert_int_equal(sfhet_ising_gap(&m1, 2.0, f, &a, ws), SFHET_OK);
  assert_int_equal(sfhet_ising_gap(&m2, 2.0, f, &b, ws), SFHET_OK);
  assert_true(fabs(a.sol[0].delta - b.sol[0].delta) <= a.sol[0].delta_err);
  assert_true(fabs(a.sol[0].f_sn - b.sol[0].f_sn) <= a.sol[0].f_err);
  assert_true(b.sol[0].delta_err < a.sol[0].delta_err);
  sfhet_ising_ws_free(ws);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tc0_and_delta_T), cmocka_unit_test(test_zeeman_line),
      cmocka_unit_test(test_chi_yosida),      cmocka_unit_test(test_pauli_first_order),
      cmocka_unit_test(test_fsn_anisotropy),  cmocka_unit_test(test_c8_weak_soc),
      cmocka_unit_test(test_convergence),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
