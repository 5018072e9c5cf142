/* isingqc DOS against independent references (tests/data/README.md, "isingqc"):
 *  - the closed-form 2x2 Sylvester solvers against the 4x4 Kronecker system solved by LAPACKE zgesv;
 *  - the matrix sign against an eigendecomposition (LAPACKE zgeev), its Fréchet derivative and the
 *    Born Jacobian against finite differences;
 *  - b = 0, no defects: the Dynes DOS; Anderson's theorem (scalar η changes nothing at b = 0 and b ∥ c);
 *    b ∥ c: the Zeeman-split Dynes DOS ½ N_D(E ∓ b); Δso = 0 with b in plane: the same along b (spin
 *    rotation invariance);
 *  - isotropic or uniaxial magnetic defects at b = 0: the Abrikosov–Gor'kov DOS with α = 2 Σ_j η_j
 *    (Maki–Fulde equations with ζ = α/Δ solved by the independent maki model);
 *  - Γ pocket without self-energy: (2/π)∫_0^{π/2} N_valley(Δso cos u) du by GSL QAG;
 *  - N(E) = N(−E), N_↑(E) = N_↓(−E), ∫(N − 1) dE = 0, and the interpolating model against direct solves;
 *  - general cases against an independent numpy implementation (tests/data/isingqc_eig_ref.csv). */
#include <complex.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "isingqc/qc_int.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "testutil.h"

enum { DEL, GAM, DSO, BB, TH, PH, ETA, EX, EY, EZ, SOC, AX };

static void defaults(double *p) { sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, p); }

static const sfhet_dos_info *model(void) { return sfhet_dos_find("isingqc"); }

/* Direct (no interpolation) spin-resolved DOS at n energies. */
static void direct(const double *p, const double *E, size_t n, double *N, double *up, double *dn) {
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  assert_int_equal(sfhet_isingqc_dos(p, E, n, N, up, dn, NULL, ws), SFHET_OK);
  sfhet_isingqc_ws_free(ws);
}

static void grid(double *E, size_t n, double lo, double hi) {
  for (size_t i = 0; i < n; i++) E[i] = lo + (hi - lo) * (double)i / (double)(n - 1) + 1.234e-4;
}

/* A physical Ľ (BCS with field, spin–orbit field and a self-energy-like perturbation). */
static void sample_l(qc_c *L, unsigned seed) {
  for (int i = 0; i < 16; i++) {
    seed = seed * 1103515245u + 12345u;
    double a = (double)(seed % 1000) / 1000.0 - 0.5;
    seed = seed * 1103515245u + 12345u;
    double b = (double)(seed % 1000) / 1000.0 - 0.5;
    L[i] = 0.2 * (a + I * b);
  }
  L[12] += 0.7 + 0.15 * I, L[8] -= I, L[3] -= 0.5, L[13] -= 0.3;
}

static void dense(const qc_c *m, lapack_complex_double *d) {
  qc_m2 b[4] = {qc_block(m, 0, 0), qc_block(m, 0, 1), qc_block(m, 1, 0), qc_block(m, 1, 1)};
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++) d[4 * r + c] = b[2 * (r / 2) + c / 2].a[2 * (r % 2) + c % 2];
}

static void test_sign_vs_eig(void **state) {
  (void)state;
  for (unsigned seed = 1; seed <= 5; seed++) {
    qc_c L[16];
    sample_l(L, seed);
    qc_ric r = {.have = 0};
    qc_sign s;
    assert_true(qc_sign_eval(L, &r, &s));
    lapack_complex_double a[16], w[4], vr[16], vl[1];
    dense(L, a);
    assert_int_equal(LAPACKE_zgeev(LAPACK_ROW_MAJOR, 'N', 'V', 4, a, 4, w, vl, 1, vr, 4), 0);
    /* S_ref = V diag(sign Im λ) V^−1 */
    lapack_complex_double vi[16];
    lapack_int piv[4];
    memcpy(vi, vr, sizeof vi);
    assert_int_equal(LAPACKE_zgetrf(LAPACK_ROW_MAJOR, 4, 4, vi, 4, piv), 0);
    assert_int_equal(LAPACKE_zgetri(LAPACK_ROW_MAJOR, 4, vi, 4, piv), 0);
    lapack_complex_double sref[16], sd[16];
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < 4; j++) {
        qc_c v = 0;
        for (int k = 0; k < 4; k++) v += vr[4 * i + k] * (cimag(w[k]) > 0 ? 1.0 : -1.0) * vi[4 * k + j];
        sref[4 * i + j] = v;
      }
    dense(s.S, sd);
    for (int i = 0; i < 16; i++) assert_close(cabs(sd[i] - sref[i]), 0.0, 0.0, 1e-12);
    /* warm start from the converged amplitudes gives the same */
    qc_sign s2;
    assert_true(qc_sign_eval(L, &r, &s2));
    for (int i = 0; i < 16; i++) assert_close(cabs(s2.S[i] - s.S[i]), 0.0, 0.0, 1e-13);
  }
}

/* P Z − Z Q = R: qc_sylvester and the operator of qc_sylvester_op against the Kronecker form
 * (I ⊗ P − Qᵀ ⊗ I on row-major entries) solved by LAPACK, on pseudo-random complex matrices. */
static void test_sylvester_closed_form(void **state) {
  (void)state;
  unsigned long seed = 12345;
  double maxerr = 0.0;
  for (int trial = 0; trial < 200; trial++) {
    qc_m2 P, Q, R;
    qc_c *mats[3] = {P.a, Q.a, R.a};
    for (int m = 0; m < 3; m++)
      for (int k = 0; k < 4; k++) {
        double re, im;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL, re = (double)(seed >> 11) / 9007199254740992.0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL, im = (double)(seed >> 11) / 9007199254740992.0;
        mats[m][k] = (2.0 * re - 1.0) + (2.0 * im - 1.0) * I;
      }
    P.a[0] += 3.0 * I, P.a[3] += 3.0 * I; /* separate the spectra as on the Matsubara axis */
    lapack_complex_double K[16], rhs[4];
    lapack_int ipiv[4];
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 2; j++) {
        int row = 2 * i + j;
        for (int c = 0; c < 4; c++) K[4 * row + c] = 0;
        for (int k = 0; k < 2; k++) K[4 * row + 2 * k + j] += P.a[2 * i + k];
        for (int l = 0; l < 2; l++) K[4 * row + 2 * i + l] -= Q.a[2 * l + j];
        rhs[row] = R.a[row];
      }
    assert_int_equal(LAPACKE_zgesv(LAPACK_ROW_MAJOR, 4, 1, K, 4, ipiv, rhs, 1), 0);
    qc_m2 Z1, Z2;
    qc_c op[16];
    assert_true(qc_sylvester(P, Q, R, &Z1));
    assert_true(qc_sylvester_op(P, Q, op));
    Z2 = qc_op_apply(op, R);
    for (int k = 0; k < 4; k++) {
      double sc = 1.0 + cabs(rhs[k]);
      maxerr = fmax(maxerr, fmax(cabs(Z1.a[k] - rhs[k]), cabs(Z2.a[k] - rhs[k])) / sc);
    }
  }
  assert_true(maxerr < 1e-12);
  /* a common eigenvalue (Q = P) is reported as singular */
  qc_m2 P = {{1.0 + 2.0 * I, 0.5, 0.25, -1.0}}, Z;
  qc_c op[16];
  assert_false(qc_sylvester(P, P, P, &Z));
  assert_false(qc_sylvester_op(P, P, op));
}

static void test_sign_derivative(void **state) {
  (void)state;
  qc_c L[16], K[256];
  sample_l(L, 7);
  qc_ric r = {.have = 0};
  qc_sign s;
  assert_true(qc_sign_eval(L, &r, &s));
  assert_true(qc_sign_jacobian(&s, K));
  double h = 1e-6;
  for (int j = 0; j < 16; j++)
    for (int dir = 0; dir < 2; dir++) { /* real and imaginary steps: the sign is holomorphic */
      qc_c Lp[16], Lm[16], step = dir ? I * h : h;
      memcpy(Lp, L, sizeof Lp);
      memcpy(Lm, L, sizeof Lm);
      Lp[j] += step, Lm[j] -= step;
      qc_ric r1 = {.have = 0}, r2 = {.have = 0};
      qc_sign sp, sm;
      assert_true(qc_sign_eval(Lp, &r1, &sp) && qc_sign_eval(Lm, &r2, &sm));
      for (int i = 0; i < 16; i++) assert_close(cabs((sp.S[i] - sm.S[i]) / (2 * step) - K[16 * i + j]), 0, 0, 1e-7);
    }
}

static void test_dynes_and_anderson(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS], E[301], N[301], up[301], dn[301];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.04;
  grid(E, 301, -3, 3);
  for (int k = 0; k < 3; k++) {
    p[ETA] = k == 0 ? 0.0 : k == 1 ? 0.7 : 3.0; /* Anderson: scalar disorder changes nothing at b = 0 */
    assert_int_equal(model()->eval(p, E, 301, N, up, dn), SFHET_OK);
    for (size_t i = 0; i < 301; i++) {
      assert_close(N[i], sfhet_dynes_n(E[i], 0.86, 0.04), 0, 2e-9);
      assert_close(up[i], dn[i], 0, 2e-9);
    }
  }
  p[GAM] = 0.0, p[ETA] = 0.5; /* Γ = 0: BCS, solved at every energy */
  double Eb[5] = {0.3, 0.9, 1.2, -2.0, 5.0}, Nb[5];
  assert_int_equal(model()->eval(p, Eb, 5, Nb, NULL, NULL), SFHET_OK);
  for (int i = 0; i < 5; i++) {
    double x = fabs(Eb[i]), ref = x < 0.86 ? 0.0 : x / sqrt(x * x - 0.86 * 0.86);
    assert_close(Nb[i], ref, 1e-7, 1e-7);
  }
}

static void test_zeeman_parallel(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS], E[401], N[401], up[401], dn[401];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.03, p[BB] = 0.25, p[TH] = 0;
  grid(E, 401, -3, 3);
  for (int k = 0; k < 2; k++) {
    p[ETA] = k ? 0.8 : 0.0; /* and Anderson's theorem at b ∥ c */
    for (int ax = 0; ax < 2; ax++) {
      p[AX] = ax; /* along b or along z: the same for b ∥ c */
      assert_int_equal(model()->eval(p, E, 401, N, up, dn), SFHET_OK);
      for (size_t i = 0; i < 401; i++) {
        assert_close(up[i], 0.5 * sfhet_dynes_n(E[i] - 0.25, 0.86, 0.03), 0, 2e-9);
        assert_close(dn[i], 0.5 * sfhet_dynes_n(E[i] + 0.25, 0.86, 0.03), 0, 2e-9);
      }
    }
  }
  /* θ = 180°: b along −z swaps the spins along z */
  p[TH] = 180, p[AX] = 1, p[ETA] = 0.3;
  assert_int_equal(model()->eval(p, E, 401, N, up, dn), SFHET_OK);
  for (size_t i = 0; i < 401; i++) assert_close(up[i], 0.5 * sfhet_dynes_n(E[i] + 0.25, 0.86, 0.03), 0, 2e-9);
}

static void test_rotation_invariance(void **state) {
  (void)state; /* Δso = 0: only the angle between b and the spin axis matters */
  double p[SFHET_ISINGQC_NPARAMS], E[201], N[201], up[201], dn[201];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.03, p[BB] = 0.2, p[TH] = 63, p[PH] = 41, p[DSO] = 0.0, p[ETA] = 0.4, p[AX] = 0;
  grid(E, 201, -2.5, 2.5);
  assert_int_equal(model()->eval(p, E, 201, N, up, dn), SFHET_OK);
  for (size_t i = 0; i < 201; i++) {
    assert_close(up[i], 0.5 * sfhet_dynes_n(E[i] - 0.2, 0.86, 0.03), 0, 2e-9);
    assert_close(dn[i], 0.5 * sfhet_dynes_n(E[i] + 0.2, 0.86, 0.03), 0, 2e-9);
  }
}

static void test_abrikosov_gorkov(void **state) {
  (void)state;
  const sfhet_dos_info *maki = sfhet_dos_find("maki");
  double p[SFHET_ISINGQC_NPARAMS], E[301], N[301], Nr[301];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.02, p[BB] = 0.0, p[ETA] = 0.4;
  grid(E, 301, -2.5, 2.5);
  static const double rates[2][3] = {{0.02, 0.02, 0.02}, {0.0, 0.0, 0.05}}; /* isotropic, along z */
  for (int k = 0; k < 2; k++) {
    p[EX] = rates[k][0], p[EY] = rates[k][1], p[EZ] = rates[k][2];
    double alpha = 2.0 * (p[EX] + p[EY] + p[EZ]);
    double pm[5] = {0.86, 0.02, 0.0, alpha / 0.86, 0.0};
    assert_int_equal(model()->eval(p, E, 301, N, NULL, NULL), SFHET_OK);
    assert_int_equal(maki->eval(pm, E, 301, Nr, NULL, NULL), SFHET_OK);
    for (size_t i = 0; i < 301; i++) assert_close(N[i], Nr[i], 0, 1e-8);
  }
}

/* Γ pocket without self-energy = (2/π) ∫_0^{π/2} N_valley(Δso cos u) du. */
typedef struct {
  double p[SFHET_ISINGQC_NPARAMS], E;
} pocket_ctx;

static double valley_at(double u, void *vp) {
  pocket_ctx *c = vp;
  double p[SFHET_ISINGQC_NPARAMS], N;
  memcpy(p, c->p, sizeof p);
  p[DSO] = c->p[DSO] * cos(u), p[SOC] = 0;
  direct(p, &c->E, 1, &N, NULL, NULL);
  return N;
}

static void test_gamma_pocket(void **state) {
  (void)state;
  pocket_ctx c;
  defaults(c.p);
  c.p[DEL] = 0.86, c.p[GAM] = 0.05, c.p[BB] = 0.3, c.p[TH] = 90, c.p[DSO] = 1.5, c.p[SOC] = 1;
  static const double Es[4] = {0.5, 0.8, 1.05, 1.6};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
  for (int k = 0; k < 4; k++) {
    c.E = Es[k];
    double N, ref, err;
    direct(c.p, &c.E, 1, &N, NULL, NULL);
    gsl_function F = {valley_at, &c};
    gsl_integration_qag(&F, 0.0, M_PI / 2, 1e-10, 1e-9, 200, GSL_INTEG_GAUSS31, w, &ref, &err);
    assert_close(N, 2.0 / M_PI * ref, 0, 1e-8);
  }
  gsl_integration_workspace_free(w);
}

static void test_symmetry_and_sum_rule(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.04, p[BB] = 0.3, p[TH] = 55, p[PH] = 25, p[DSO] = 0.8, p[ETA] = 0.3;
  p[EX] = 0.02, p[EY] = 0.01, p[EZ] = 0.03;
  enum { n = 401 };
  double E[n], N[n], up[n], dn[n], Nm[n], upm[n], dnm[n], Em[n];
  grid(E, n, -3, 3);
  for (int ax = 0; ax < 2; ax++) {
    p[AX] = ax;
    for (size_t i = 0; i < n; i++) Em[i] = -E[i];
    direct(p, E, n, N, up, dn);
    direct(p, Em, n, Nm, upm, dnm);
    for (size_t i = 0; i < n; i++) {
      assert_close(N[i], Nm[i], 0, 1e-10);
      assert_close(up[i], dnm[i], 0, 1e-10);
    }
    /* the interpolating model agrees with the direct solution */
    double Ni[n], ui[n], di[n];
    assert_int_equal(model()->eval(p, E, n, Ni, ui, di), SFHET_OK);
    for (size_t i = 0; i < n; i++) assert_close(ui[i], up[i], 0, 2e-9), assert_close(di[i], dn[i], 0, 2e-9);
  }
  /* spectral weight: ∫(N − 1) dE over ±L tends to 0 like the Dynes tail (Γ-independent part 0) */
  enum { m = 40001 };
  static double Ew[m], Nw[m], Nd[m];
  grid(Ew, m, -60, 60);
  assert_int_equal(model()->eval(p, Ew, m, Nw, NULL, NULL), SFHET_OK);
  double s = 0.0, sd = 0.0, h = Ew[1] - Ew[0];
  for (size_t i = 0; i < m; i++) {
    Nd[i] = sfhet_dynes_n(Ew[i], 0.86, 0.04);
    double wt = (i == 0 || i == m - 1) ? 0.5 : 1.0;
    s += wt * h * (Nw[i] - 1.0), sd += wt * h * (Nd[i] - 1.0);
  }
  assert_close(s, sd, 0, 2e-3); /* both ≈ −Δ²/L-type tails; the gap region's weight moved, not lost */
}

static void test_dnde(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[DEL] = 0.86, p[GAM] = 0.03, p[BB] = 0.2, p[TH] = 70, p[DSO] = 0.5, p[ETA] = 0.3, p[EZ] = 0.02;
  double E[6] = {-1.7, -0.9, -0.2, 0.5, 0.87, 1.3}, N[6], dN[6], up[6], dup[6], dn[6], ddn[6];
  double *o1[1] = {N}, *d1[1] = {dN}, *o2[2] = {up, dn}, *d2[2] = {dup, ddn};
  assert_int_equal(model()->eval_de(p, E, 6, 1, o1, d1), SFHET_OK);
  assert_int_equal(model()->eval_de(p, E, 6, 2, o2, d2), SFHET_OK);
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  for (int i = 0; i < 6; i++) {
    double Nr, dr;
    assert_int_equal(sfhet_isingqc_dos(p, &E[i], 1, &Nr, NULL, NULL, &dr, ws), SFHET_OK);
    assert_close(N[i], Nr, 0, 2e-9);
    assert_close(dN[i], dr, 1e-6, 1e-6);
    assert_close(dup[i] + ddn[i], dr, 1e-6, 1e-6);
  }
  sfhet_isingqc_ws_free(ws);
  p[GAM] = 0.0;
  assert_int_equal(model()->eval_de(p, E, 6, 1, o1, d1), SFHET_CONTINUE);
}

/* The transverse spin density (eval_de nch = 4, the engine's full spin trace): with the spin frame at b
 * (axis 0), the spin vector s = s_b b + s1 e1 + s2 e2 (e1, e2 = sfhet_spin_frame(b)) projected on c,
 * e_θ and e_φ equals (N_up − N_down)/2 of direct solves with the axis there (axes 1, 2, 3), for the
 * interpolating mesh (Γ > 0, with dN/dE) and for direct solves (Γ = 0, values only). */
static void test_transverse_channels(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  p[DEL] = 0.86, p[BB] = 0.4, p[TH] = 55, p[PH] = 20, p[DSO] = 0.8, p[ETA] = 0.3, p[EZ] = 0.02;
  double E[5] = {-1.4, -0.7, 0.3, 0.9, 1.2};
  for (int g = 0; g < 2; g++) {
    p[GAM] = g ? 0.0 : 0.04, p[AX] = 0;
    double c[4][5], dc[4][5], *o[4] = {c[0], c[1], c[2], c[3]}, *d[4] = {dc[0], dc[1], dc[2], dc[3]};
    assert_int_equal(model()->eval_de(p, E, 5, 4, o, g ? NULL : d), SFHET_OK);
    if (g) assert_int_equal(model()->eval_de(p, E, 5, 4, o, d), SFHET_CONTINUE);
    double b[3], e1[3], e2[3];
    model()->spin_axis(p, b);
    sfhet_spin_frame(b, e1, e2);
    for (int ax = 1; ax <= 3; ax++) {
      double a[3], q[SFHET_ISINGQC_NPARAMS], up[5], dn[5];
      qc_spin_axis(ax, p[TH], p[PH], a);
      memcpy(q, p, sizeof q);
      q[AX] = ax;
      direct(q, E, 5, NULL, up, dn);
      for (int i = 0; i < 5; i++) {
        double sv[3];
        for (int k = 0; k < 3; k++) sv[k] = 0.5 * (c[0][i] - c[1][i]) * b[k] + c[2][i] * e1[k] + c[3][i] * e2[k];
        assert_close(sv[0] * a[0] + sv[1] * a[1] + sv[2] * a[2], 0.5 * (up[i] - dn[i]), 0, 2e-8);
      }
    }
    for (int i = 0; i < 5 && !g; i++) { /* dN/dE of the transverse channels against differences */
      double h = 1e-5, Ep[2] = {E[i] + h, E[i] - h}, v[4][2], *vp[4] = {v[0], v[1], v[2], v[3]};
      assert_int_equal(model()->eval_de(p, Ep, 2, 4, vp, NULL), SFHET_OK);
      for (int ch = 2; ch < 4; ch++) assert_close(dc[ch][i], (v[ch][0] - v[ch][1]) / (2 * h), 1e-5, 1e-6);
    }
  }
}

/* General cases (no closed form) against tests/data/isingqc_eig_ref.csv: the same equations solved
 * independently with numpy (eigendecomposition, fixed-point iteration; tests/data/isingqc_eig_ref.py). */
static void test_eig_reference(void **state) {
  (void)state;
  static const double cases[3][10] = {{0.86, 0.03, 0.5, 0.2, 90.0, 0.0, 0.3, 0.0, 0.0, 0.0},
                                      {0.86, 0.04, 0.8, 0.3, 55.0, 25.0, 0.3, 0.02, 0.01, 0.03},
                                      {1.0, 0.02, 2.0, 0.5, 90.0, 40.0, 1.0, 0.05, 0.0, 0.02}};
  FILE *f = fopen(SFHET_TEST_DATA "/isingqc_eig_ref.csv", "r");
  assert_non_null(f);
  char line[256];
  assert_non_null(fgets(line, sizeof line, f));
  int c, rows = 0;
  double E, N, up, dn;
  while (fscanf(f, "%d,%lf,%lf,%lf,%lf", &c, &E, &N, &up, &dn) == 5) {
    double p[SFHET_ISINGQC_NPARAMS], Nd, ud, dd, Nm, um, dm;
    defaults(p);
    memcpy(p, cases[c], sizeof cases[c]);
    direct(p, &E, 1, &Nd, &ud, &dd);
    assert_int_equal(model()->eval(p, &E, 1, &Nm, &um, &dm), SFHET_OK);
    assert_close(Nd, N, 0, 1e-9), assert_close(ud, up, 0, 1e-9), assert_close(dd, dn, 0, 1e-9);
    assert_close(Nm, N, 0, 2e-9), assert_close(um, up, 0, 2e-9);
    rows++;
  }
  fclose(f);
  assert_int_equal(rows, 123);
}

static void test_bad_input(void **state) {
  (void)state;
  double p[SFHET_ISINGQC_NPARAMS], E = 0.5, N;
  defaults(p);
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  p[EX] = -0.1;
  assert_int_equal(sfhet_isingqc_dos(p, &E, 1, &N, NULL, NULL, NULL, ws), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--eta_x"));
  defaults(p);
  p[TH] = 181;
  assert_int_equal(sfhet_dos_check(model(), p), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--theta"));
  sfhet_isingqc_ws_free(ws);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sylvester_closed_form), cmocka_unit_test(test_sign_vs_eig),
      cmocka_unit_test(test_sign_derivative),
      cmocka_unit_test(test_dynes_and_anderson),  cmocka_unit_test(test_zeeman_parallel),
      cmocka_unit_test(test_rotation_invariance), cmocka_unit_test(test_abrikosov_gorkov),
      cmocka_unit_test(test_gamma_pocket),        cmocka_unit_test(test_symmetry_and_sum_rule),
      cmocka_unit_test(test_dnde),                cmocka_unit_test(test_eig_reference),
      cmocka_unit_test(test_transverse_channels),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
