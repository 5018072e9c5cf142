/* Ising lattice model, BZ level: weak-coupling BCS limits (Tc0, Δ(T), the Zeeman line, Yosida χ⊥),
 * each against an independent GSL solution of the BCS equations. */
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
  sfhet_ising_gap_result r0; /* T = 0 and T -> 0: Δ0 by construction of g (R(0+) unresolved there) */
  sfhet_ising_field f0 = {0, 0, 0};
  for (int k = 0; k < 2; k++) {
    assert_int_equal(sfhet_ising_gap(&m, k ? 0.01 : 0.0, f0, &r0, ws), SFHET_OK);
    assert_int_equal(r0.sol[0].kind, SFHET_ISING_STABLE);
    assert_close(r0.sol[0].delta, d0, 1e-9, 0);
  }
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tc0_and_delta_T),
      cmocka_unit_test(test_zeeman_line),
      cmocka_unit_test(test_chi_yosida),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
