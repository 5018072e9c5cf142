/* isingqc thermodynamics against independent closed forms (tests/data/README.md, "isingqc"):
 *  - BCS Δ(T) against the energy-integral gap equation (GSL QAGIU) and Mühlschlegel's Δ(T/Tc = 0.5)/Δ0;
 *  - Anderson's theorem for the gap (scalar η at b = 0 and b ∥ c);
 *  - Abrikosov–Gor'kov ln(Tc0/Tc) = ψ(½ + α/2πTc) − ψ(½) with α = 2 Σ_j η_j;
 *  - the Zeeman second-order line ln(Tc0/Tc) = Re ψ(½ + i b/2πTc) − ψ(½) for b ∥ c;
 *  - the clean in-plane Ising line ln(Tc/Tc0) = (b²/ρ²)[ψ(½) − Re ψ(½ + iρ/2πTc)], ρ² = b² + Δso², for
 *    Tc(b) and for bc(T) (valley model);
 *  - the Pauli-limited free energy of the Zeeman-split BCS state (first-order region);
 *  - the linear-response kernel against the general Born response at Δ -> 0;
 *  - the flop model's closed forms (T_unitary, E_p = K_d, no hysteresis above T_unitary);
 *  - seed 002 Table I: peak shift ∝ (b/Δ)² and unchanged FWHM for b ∥ c, broadening for b ⊥ c. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_result.h>

#include "isingqc/qc_int.h"
#include "isingqc/qc_matsu.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/thermo.h"
#include "testutil.h"

enum { DEL, GAM, DSO, BB, TH, PH, ETA, EX, EY, EZ, SOC, AX };

static const double Tc0 = 7.0;

static void defaults(double *p) { sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, p); }

static double kT(double T) { return SFHET_KB_MEV * T; }

/* Re ψ(½ + i y) and ψ(½ + x) from GSL. */
static double repsi(double y) {
  gsl_sf_result r, a;
  gsl_sf_complex_psi_e(0.5, y, &r, &a);
  return r.val;
}

/* ---- independent BCS gap: ln(Tc/T) = ∫_0^∞ [tanh(ξ/2t)/ξ − tanh(E/2t)/E] dξ (units kTc) ---- */
typedef struct {
  double t, d;
} bcs_ctx;

static double bcs_integrand(double xi, void *vp) {
  const bcs_ctx *c = vp;
  double E = hypot(xi, c->d), a = xi > 0 ? tanh(xi / (2 * c->t)) / xi : 1.0 / (2 * c->t);
  return a - tanh(E / (2 * c->t)) / E;
}

static double bcs_eq(double d, void *vp) {
  bcs_ctx *c = vp;
  c->d = d;
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_function F = {bcs_integrand, c};
  double r, err;
  gsl_integration_qagiu(&F, 0.0, 1e-14, 1e-12, 1000, w, &r, &err);
  gsl_integration_workspace_free(w);
  return r - log(1.0 / c->t);
}

static double bcs_ref(double t) { /* Δ/kTc */
  bcs_ctx c = {t, 0};
  gsl_function F = {bcs_eq, &c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, 1e-6, 2.0);
  for (int i = 0; i < 100; i++) {
    gsl_root_fsolver_iterate(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0, 1e-13) == GSL_SUCCESS)
      break;
  }
  double r = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  return r;
}

static void test_bcs_gap(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  static const double ts[3] = {0.2, 0.5, 0.9};
  for (int k = 0; k < 3; k++) {
    sfhet_isingqc_gap_result r;
    for (int e = 0; e < 2; e++) {
      p[ETA] = e ? 1.5 : 0.0; /* Anderson: scalar disorder leaves Δ(T) unchanged */
      assert_int_equal(sfhet_isingqc_gap(p, Tc0, ts[k] * Tc0, &r, ws), SFHET_OK);
      assert_close(r.sol[0].delta, bcs_ref(ts[k]) * kT(Tc0), 2e-8, 0);
      assert_int_equal(r.sol[0].kind, SFHET_ISINGQC_STABLE);
    }
  }
  sfhet_isingqc_gap_result r;
  /* T = 0.1 Tc: the gap and condensation energy of the T -> 0 limit (corrections ~e^−Δ0/kT = e^−17.6) */
  assert_int_equal(sfhet_isingqc_gap(p, Tc0, 0.1 * Tc0, &r, ws), SFHET_OK);
  double d0 = SFHET_BCS_RATIO * kT(Tc0), x = kT(0.1 * Tc0) / d0; /* Δ0 = π e^−γ kTc, low-T form */
  assert_close(r.sol[0].delta, d0 * (1.0 - sqrt(2.0 * M_PI * x) * exp(-1.0 / x)), 1e-9, 0);
  /* F_s − F_n = −N(0)Δ0²/2 + (π²/3) N(0) (kT)² (Sommerfeld term of the normal state) */
  assert_close(r.sol[0].f_sn, -0.5 * d0 * d0 + M_PI * M_PI / 3.0 * pow(kT(0.1 * Tc0), 2), 2e-5, 0);
  /* above Tc0: only the normal state */
  assert_int_equal(sfhet_isingqc_gap(p, Tc0, 1.05 * Tc0, &r, ws), SFHET_OK);
  assert_int_equal(r.n, 1);
  assert_close(r.sol[0].delta, 0.0, 0, 0);
  sfhet_isingqc_ws_free(ws);
}

static void test_anderson_parallel_gap(void **state) {
  (void)state; /* b ∥ c: Δ(T, b) does not depend on η (Pauli-limited BCS, Sarma) */
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[BB] = 0.3, p[TH] = 0.0;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  sfhet_isingqc_gap_result r0, r1;
  assert_int_equal(sfhet_isingqc_gap(p, Tc0, 0.4 * Tc0, &r0, ws), SFHET_OK);
  p[ETA] = 2.0;
  assert_int_equal(sfhet_isingqc_gap(p, Tc0, 0.4 * Tc0, &r1, ws), SFHET_OK);
  assert_close(r1.sol[0].delta, r0.sol[0].delta, 1e-9, 0);
  sfhet_isingqc_ws_free(ws);
}

static void test_ag_tc(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  static const double rates[3][3] = {{0.05, 0.05, 0.05}, {0.0, 0.0, 0.12}, {0.1, 0.0, 0.02}};
  for (int k = 0; k < 3; k++) {
    p[EX] = rates[k][0], p[EY] = rates[k][1], p[EZ] = rates[k][2];
    p[ETA] = 0.7; /* scalar disorder does not matter */
    double alpha = 2.0 * (p[EX] + p[EY] + p[EZ]), Tc;
    assert_int_equal(sfhet_isingqc_tc(p, Tc0, &Tc, ws), SFHET_OK);
    double res = log(Tc0 / Tc) - (gsl_sf_psi(0.5 + alpha / (2 * M_PI * kT(Tc))) - gsl_sf_psi(0.5));
    assert_close(res, 0.0, 0, 1e-8);
  }
  sfhet_isingqc_ws_free(ws);
}

static void test_zeeman_line(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[TH] = 0.0, p[ETA] = 0.4;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  static const double bs[3] = {0.1, 0.3, 0.5};
  for (int k = 0; k < 3; k++) {
    p[BB] = bs[k];
    double Tc;
    assert_int_equal(sfhet_isingqc_tc(p, Tc0, &Tc, ws), SFHET_OK);
    assert_true(Tc > 0.0);
    double res = log(Tc0 / Tc) - (repsi(bs[k] / (2 * M_PI * kT(Tc))) - gsl_sf_psi(0.5));
    assert_close(res, 0.0, 0, 1e-8);
  }
  sfhet_isingqc_ws_free(ws);
}

static double ising_res(double b, double dso, double T) {
  double rho = hypot(b, dso);
  return log(T / Tc0) - (b * b / (rho * rho)) * (gsl_sf_psi(0.5) - repsi(rho / (2 * M_PI * kT(T))));
}

static void test_ising_line(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[TH] = 90.0, p[PH] = 30.0, p[DSO] = 6.0;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  static const double bs[3] = {0.5, 2.0, 4.0};
  for (int k = 0; k < 3; k++) {
    p[BB] = bs[k];
    double Tc;
    assert_int_equal(sfhet_isingqc_tc(p, Tc0, &Tc, ws), SFHET_OK);
    assert_close(ising_res(bs[k], 6.0, Tc), 0.0, 0, 1e-8);
  }
  static const double Ts[2] = {0.2 * 7.0, 0.6 * 7.0};
  for (int k = 0; k < 2; k++) {
    double bc;
    assert_int_equal(sfhet_isingqc_bc(p, Tc0, Ts[k], &bc, ws), SFHET_OK);
    assert_close(ising_res(bc, 6.0, Ts[k]), 0.0, 0, 1e-8);
  }
  sfhet_isingqc_ws_free(ws);
}

static void test_pauli_first_order(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  double T = 0.1 * Tc0, h = 0.7 * SFHET_BCS_RATIO * kT(Tc0);
  p[BB] = h, p[TH] = 0.0;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  sfhet_isingqc_gap_result r;
  assert_int_equal(sfhet_isingqc_gap(p, Tc0, T, &r, ws), SFHET_OK);
  assert_int_equal(r.n, 3); /* normal, superconducting (metastable here) and the unstable one between */
  for (size_t i = 0; i < r.n; i++) {
    double f;
    assert_int_equal(sfhet_pauli_free_energy(Tc0, T, h, r.sol[i].delta, &f), SFHET_OK);
    assert_close(r.sol[i].f_sn, f, 0, 1e-6);
  }
  double hc;
  int order;
  assert_int_equal(sfhet_pauli_hc(Tc0, T, &hc, &order), SFHET_OK);
  assert_int_equal(r.sol[0].kind == SFHET_ISINGQC_STABLE && r.sol[0].delta == 0.0, h > hc);
  sfhet_isingqc_ws_free(ws);
}

/* The superconducting branch alone (sfhet_isingqc_gap_largest, used by `device` along a sweep) is the
 * largest root of the full scan, with g' > 0 there; its free energy by the 6-point, one-panel rule
 * (device's quick first-order test) and by the 8 x 3 rule matches the Pauli closed form. */
static void test_largest_root(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS], d0 = SFHET_BCS_RATIO * kT(Tc0);
  defaults(p);
  p[DSO] = 2.0, p[ETA] = 0.02;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  const double bs[] = {0.0, 0.3, 0.8, 1.6}, ths[] = {0.0, 0.7, M_PI / 2}, ts[] = {0.2, 0.6};
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 3; j++)
      for (size_t k = 0; k < 2; k++) {
        p[BB] = bs[i] * d0, p[TH] = ths[j];
        sfhet_isingqc_gap_result r;
        double d, slope, top = 0.0;
        assert_int_equal(sfhet_isingqc_gap(p, Tc0, ts[k] * Tc0, &r, ws), SFHET_OK);
        for (size_t s = 0; s < r.n; s++) top = fmax(top, r.sol[s].delta);
        assert_int_equal(sfhet_isingqc_gap_largest(p, Tc0, ts[k] * Tc0, &d, &slope, ws), SFHET_OK);
        assert_close(d, top, 1e-12, 1e-9);
        if (d > 0) assert_true(slope > 0);
      }
  p[DSO] = 0.0, p[ETA] = 0.0, p[TH] = 0.0;
  const double hs[] = {0.3, 0.6, 0.7};
  for (size_t i = 0; i < 3; i++) {
    double h = hs[i] * d0, d, slope, f8, f6, f;
    p[BB] = h;
    assert_int_equal(sfhet_isingqc_gap_largest(p, Tc0, 0.1 * Tc0, &d, &slope, ws), SFHET_OK);
    assert_true(d > 0.5 * d0);
    assert_int_equal(sfhet_pauli_free_energy(Tc0, 0.1 * Tc0, h, d, &f), SFHET_OK);
    assert_int_equal(sfhet_isingqc_free_energy(p, Tc0, 0.1 * Tc0, d, 8, 3, &f8, ws), SFHET_OK);
    assert_int_equal(sfhet_isingqc_free_energy(p, Tc0, 0.1 * Tc0, d, 6, 1, &f6, ws), SFHET_OK);
    assert_close(f8, f, 0, 1e-6);
    assert_close(f6, f, 0, 1e-4 * d * d);
  }
  double f;
  assert_int_equal(sfhet_isingqc_free_energy(p, Tc0, 0.1 * Tc0, -1.0, 6, 1, &f, ws), SFHET_EINVAL);
  sfhet_isingqc_ws_free(ws);
}

/* ∂Ľ/∂Δ = −iτ2 for the general response. */
static void test_linear_kernel(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[DEL] = 0.0, p[GAM] = 0.01, p[BB] = 0.4, p[TH] = 50, p[PH] = 20, p[DSO] = 2.0, p[ETA] = 0.3;
  p[EX] = 0.02, p[EY] = 0.05, p[EZ] = 0.01;
  static qc_solver sv;
  for (int soc = 0; soc < 2; soc++) {
    p[SOC] = soc;
    qc_solver_init(&sv, p);
    static const double ws_[3] = {0.1, 1.3, 7.0};
    for (int k = 0; k < 3; k++) {
      double f1;
      assert_int_equal(qc_lin_kernel(&sv, ws_[k], &f1), SFHET_OK);
      qc_scba st;
      qc_scba_init(&st, I * (ws_[k] + p[GAM]), NULL);
      assert_int_equal(qc_scba_solve(&sv, st.z, NULL, &st), SFHET_OK);
      for (int i = 0; i < 16; i++) assert_close(cabs(st.G[i] - (i == 12)), 0, 0, 1e-12); /* normal: τ3 */
      qc_c v[16] = {0}, dG[16];
      v[8] = -I;
      assert_true(qc_scba_response(&sv, &st, v, 1, dG));
      assert_close(f1, creal(-dG[8]), 0, 1e-12);
    }
  }
}

static void test_flop(void **state) {
  (void)state;
  sfhet_isingqc_flop f;
  f.Tc0 = 6.2;
  sfhet_param_defaults(sfhet_isingqc_flop_params, SFHET_ISINGQC_FLOP_NPARAMS, f.p);
  double B[241], th[241], g[241], th2[241], g2[241];
  for (int i = 0; i < 241; i++) B[i] = -6.0 + 12.0 * i / 240.0;
  double Th, Tf, Tu, x = f.p[SFHET_FLOP_XI0] / f.p[SFHET_FLOP_RD];
  assert_int_equal(sfhet_isingqc_flop_temps(&f, B, 241, &Th, &Tf, &Tu), SFHET_OK);
  assert_close(Tu, f.Tc0 * (1 - x * x), 1e-12, 0);
  assert_true(Th <= Tu + 1e-9 && Th > 0.9 * Tu);
  /* above T_unitary the puddle has no pairing energy: the sweeps coincide */
  assert_int_equal(sfhet_isingqc_flop_loop(&f, 0.5 * (Tu + f.Tc0), B, 241, th, g, th2, g2), SFHET_OK);
  for (int i = 0; i < 241; i++) assert_close(g[i], g2[i], 0, 1e-12);
  /* well below: hysteresis, Γ_eff between Γ0 and Γ0 + Γd */
  assert_int_equal(sfhet_isingqc_flop_loop(&f, 1.5, B, 241, th, g, th2, g2), SFHET_OK);
  double dmax = 0;
  for (int i = 0; i < 241; i++) {
    dmax = fmax(dmax, fabs(g[i] - g2[i]));
    assert_true(g[i] >= f.p[SFHET_FLOP_GAMMA0] - 1e-12 && g[i] <= f.p[SFHET_FLOP_GAMMA0] + f.p[SFHET_FLOP_GAMMAD] + 1e-12);
  }
  assert_true(dmax > 0.5 * f.p[SFHET_FLOP_GAMMAD]);
  /* E_p closed form and the flop temperature E_p(T_flop) = K_d */
  double ep, d;
  assert_int_equal(sfhet_isingqc_flop_ep(&f, 2.0, &ep), SFHET_OK);
  assert_int_equal(sfhet_bcs_gap(2.0, f.Tc0, 0, &d), SFHET_OK);
  double xi2 = pow(f.p[SFHET_FLOP_XI0], 2) / (1 - 2.0 / f.Tc0);
  assert_close(ep, 0.5 * f.p[SFHET_FLOP_N0] * d * d * M_PI * (pow(f.p[SFHET_FLOP_RD], 2) - xi2), 1e-12, 0);
  f.p[SFHET_FLOP_KD] = 0.02;
  assert_int_equal(sfhet_isingqc_flop_temps(&f, B, 241, &Th, &Tf, &Tu), SFHET_OK);
  assert_int_equal(sfhet_isingqc_flop_ep(&f, Tf, &ep), SFHET_OK);
  assert_close(ep, 0.02, 1e-9, 0);
}

/* seed 002 Table I at the paper's parameters (T = 0.5 Tc, Δso = 20 Tc, η = Tc) */
static void test_table1(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS], k = kT(Tc0);
  defaults(p);
  p[GAM] = 0.02 * k, p[DSO] = 20 * k, p[ETA] = k;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  sfhet_isingqc_peak_result r0, rc, rp;
  p[BB] = 0.0;
  assert_int_equal(sfhet_isingqc_peak(p, Tc0, 0.5 * Tc0, &r0, ws), SFHET_OK);
  p[BB] = 0.45 * k, p[TH] = 0.0;
  assert_int_equal(sfhet_isingqc_peak(p, Tc0, 0.5 * Tc0, &rc, ws), SFHET_OK);
  p[TH] = 90.0;
  assert_int_equal(sfhet_isingqc_peak(p, Tc0, 0.5 * Tc0, &rp, ws), SFHET_OK);
  /* b ∥ c: the peak follows 2Δ(b), its width does not change */
  assert_close(rc.peak - r0.peak, 2.0 * (rc.delta - r0.delta), 0.05, 0);
  assert_close(rc.fwhm, r0.fwhm, 2e-3, 0);
  /* b ⊥ c: a much smaller shift, a clear broadening */
  assert_true(fabs(rp.peak - r0.peak) < 0.2 * fabs(rc.peak - r0.peak));
  assert_true(rp.fwhm > 1.05 * r0.fwhm);
  /* both shifts of Δ quadratic in b: doubling b quadruples them */
  for (int th = 0; th <= 90; th += 90) {
    sfhet_isingqc_gap_result g1, g2;
    p[TH] = th, p[BB] = 0.1 * k;
    assert_int_equal(sfhet_isingqc_gap(p, Tc0, 0.5 * Tc0, &g1, ws), SFHET_OK);
    p[BB] = 0.2 * k;
    assert_int_equal(sfhet_isingqc_gap(p, Tc0, 0.5 * Tc0, &g2, ws), SFHET_OK);
    assert_close((r0.delta - g2.sol[0].delta) / (r0.delta - g1.sol[0].delta), 4.0, 0.03, 0);
  }
  sfhet_isingqc_ws_free(ws);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bcs_gap),     cmocka_unit_test(test_anderson_parallel_gap),
      cmocka_unit_test(test_ag_tc),       cmocka_unit_test(test_zeeman_line),
      cmocka_unit_test(test_ising_line),  cmocka_unit_test(test_pauli_first_order),
      cmocka_unit_test(test_linear_kernel), cmocka_unit_test(test_flop),
      cmocka_unit_test(test_table1),      cmocka_unit_test(test_largest_root),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
