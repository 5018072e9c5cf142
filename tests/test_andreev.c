/* Andreev-reflection kernels against independent closed forms and quadratures: BTK's Table II
 * (piecewise A(E), B(E) at Γ = 0), its published zero-bias values and excess current 4Δ/3, the Dynes DOS
 * as Z -> ∞, σ -> 1 far above the gap, the Z = 0 limits (2 unpolarised, 0 fully polarised, 1 for the
 * diffusive contact), Mazin's ballistic β form, the Strijkers piecewise form, the diffusive average
 * against adaptive quadrature, Tanaka-Kashiwaya reducing to BTK for an s-wave gap, the zero-bias peak
 * height of d_xy and p_x gaps in closed form, and dσ/dE against difference quotients. */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

#include "sfhet/andreev.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "testutil.h"

static const sfhet_andreev_info *btk(void) { return sfhet_andreev_find("btk"); }
static const sfhet_andreev_info *tk(void) { return sfhet_andreev_find("tk"); }

static double sigma1(const sfhet_andreev_info *m, const double *p, double E, sfhet_andreev_ws *ws) {
  double s;
  assert_int_equal(m->eval(p, &E, 1, &s, NULL, ws), SFHET_OK);
  return s;
}

/* BTK Table II, Γ = 0: E < Δ: A = Δ²/(E² + (Δ² - E²)(1 + 2Z²)²), B = 1 - A; E > Δ: u0² = (1 + √(E²-Δ²)/E)/2,
 * v0² = 1 - u0², γ = u0² + (u0² - v0²) Z², A = u0² v0²/γ², B = (u0² - v0²)² Z²(1 + Z²)/γ². */
static void btk_table2(double E, double d, double Z, double *A, double *B) {
  E = fabs(E);
  if (E < d) {
    double c = 1 + 2 * Z * Z;
    *A = d * d / (E * E + (d * d - E * E) * c * c), *B = 1 - *A;
    return;
  }
  double u2 = 0.5 * (1 + sqrt(E * E - d * d) / E), v2 = 1 - u2, g = u2 + (u2 - v2) * Z * Z;
  *A = u2 * v2 / (g * g), *B = (u2 - v2) * (u2 - v2) * Z * Z * (1 + Z * Z) / (g * g);
}

static void test_btk_table2(void **st) {
  (void)st;
  const double Zs[] = {0.0, 0.5, 1.0, 3.0}, d = 1.3;
  double p[SFHET_BTK_NP] = {d, 0.0, 0.0, 0.0, SFHET_BTK_BALLISTIC};
  for (size_t a = 0; a < 4; a++)
    for (double E = -4.0; E <= 4.0; E += 0.0137) {
      if (fabs(fabs(E) - d) < 1e-9) continue;
      double A, B, A0, B0;
      sfhet_btk_ab(E, d, 0.0, Zs[a], &A, &B);
      btk_table2(E, d, Zs[a], &A0, &B0);
      assert_close(A, A0, 1e-12, 1e-14);
      assert_close(B, B0, 1e-12, 1e-14);
      p[SFHET_BTK_Z] = Zs[a];
      assert_close(sigma1(btk(), p, E, NULL), (1 + Zs[a] * Zs[a]) * (1 + A0 - B0), 1e-12, 1e-14);
    }
}

/* σ(0) = 2(1 + Z²)/(1 + 2Z²)² (BTK: 2 at Z = 0, 10/9 at Z = 0.5, 4/9 at Z = 1) and the Z = 0 excess
 * current ∫_0^∞ (σ - 1) dE = 4Δ/3 (BTK eq. 27: I_exc R_N = 4Δ/3e). */
static double excess_integrand(double E, void *vp) {
  return sigma1(btk(), vp, E, NULL) - 1.0;
}

static void test_btk_published(void **st) {
  (void)st;
  double p[SFHET_BTK_NP] = {0.9, 0.0, 0.0, 0.0, SFHET_BTK_BALLISTIC};
  const double Zs[] = {0.0, 0.5, 1.0}, want[] = {2.0, 10.0 / 9.0, 4.0 / 9.0};
  for (int k = 0; k < 3; k++) {
    p[SFHET_BTK_Z] = Zs[k];
    assert_close(sigma1(btk(), p, 0.0, NULL), want[k], 1e-14, 0);
  }
  p[SFHET_BTK_Z] = 0.0;
  gsl_function f = {excess_integrand, p};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
  double in, out, err;
  assert_int_equal(gsl_integration_qags(&f, 0.0, 0.9, 0, 1e-12, 2000, w, &in, &err), 0);
  assert_int_equal(gsl_integration_qagiu(&f, 0.9, 0, 1e-10, 2000, w, &out, &err), 0);
  gsl_integration_workspace_free(w);
  assert_close(in + out, 4.0 * 0.9 / 3.0, 1e-8, 0);
}

/* Z -> ∞: every ballistic and diffusive variant tends to the Dynes DOS: the largest deviation over
 * -3..3 meV falls as 1/Z² unpolarised and as 1/Z polarised (the 2iZ term of Mazin's denominator with a
 * complex β = z/Ω); checked by halving it from Z = 50 to 100 (1/4 and 1/2) and by its size at 100. */
static double tunnel_dev(int v, double P, double Z, sfhet_andreev_ws *ws) {
  double p[SFHET_BTK_NP] = {1.0, 0.05, Z, P, v}, dev = 0;
  for (double E = -3.0; E <= 3.0; E += 0.005)
    dev = fmax(dev, fabs(sigma1(btk(), p, E, ws) - sfhet_dynes_n(E, 1.0, 0.05)));
  return dev;
}

static void test_tunnel_limit(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  for (int v = 0; v < 2; v++)
    for (double P = 0.0; P <= 1.0; P += 0.5) {
      double d50 = tunnel_dev(v, P, 50.0, ws), d100 = tunnel_dev(v, P, 100.0, ws);
      if (P == 0) assert_true(d100 < 4e-4 && fabs(d100 / d50 - 0.25) < 0.02);
      else assert_true(d100 < 0.06 && fabs(d100 / d50 - 0.5) < 0.03);
    }
  sfhet_andreev_ws_free(ws);
}

/* Far above the gap σ -> 1 for every model and variant. */
static void test_high_energy(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  for (int v = 0; v < 3; v++)
    for (double Z = 0.0; Z <= 2.0; Z += 0.5) {
      double p[SFHET_BTK_NP] = {1.0, 0.02, Z, 0.6, v};
      assert_close(sigma1(btk(), p, 60.0, ws), 1.0, 2e-3, 0);
      assert_close(sigma1(btk(), p, -60.0, ws), 1.0, 2e-3, 0);
    }
  for (int pa = 0; pa < 4; pa++) {
    double p[SFHET_TK_NP] = {1.0, 0.02, 2.0, pa, 30.0};
    assert_close(sigma1(tk(), p, 60.0, ws), 1.0, 2e-3, 0);
  }
  sfhet_andreev_ws_free(ws);
}

/* Z = 0: σ(0) = 2 unpolarised, 0 fully polarised (ballistic, Strijkers); the diffusive contact has
 * σ(0) = 1 (the Dorokhov average of 2T²/(2-T)², Beenakker / Artemenko-Volkov-Zaitsev) and 0 at P = 1. */
static void test_z0_limits(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  double p[SFHET_BTK_NP] = {1.0, 0.0, 0.0, 0.0, SFHET_BTK_BALLISTIC};
  assert_close(sigma1(btk(), p, 0.0, ws), 2.0, 1e-15, 0);
  p[SFHET_BTK_P] = 1.0;
  assert_close(sigma1(btk(), p, 0.0, ws), 0.0, 0, 1e-15);
  p[SFHET_BTK_SPIN] = SFHET_BTK_STRIJKERS;
  assert_close(sigma1(btk(), p, 0.3, ws), 0.0, 0, 1e-15);
  p[SFHET_BTK_P] = 0.0;
  assert_close(sigma1(btk(), p, 0.3, ws), 2.0, 1e-15, 0);
  p[SFHET_BTK_SPIN] = SFHET_BTK_DIFFUSIVE;
  assert_close(sigma1(btk(), p, 0.0, ws), 1.0, 1e-10, 0);
  p[SFHET_BTK_P] = 1.0;
  assert_close(sigma1(btk(), p, 0.0, ws), 0.0, 0, 1e-12);
  /* P mixes linearly */
  for (int v = 0; v < 3; v++) {
    double q[SFHET_BTK_NP] = {1.0, 0.03, 0.4, 0.0, v}, E = 1.1;
    double s0 = sigma1(btk(), q, E, ws);
    q[SFHET_BTK_P] = 1.0;
    double s1 = sigma1(btk(), q, E, ws);
    q[SFHET_BTK_P] = 0.35;
    assert_close(sigma1(btk(), q, E, ws), 0.65 * s0 + 0.35 * s1, 1e-13, 0);
  }
  sfhet_andreev_ws_free(ws);
}

/* Fully polarised ballistic current above the gap (Mazin et al. 2001, Γ = 0):
 * σ_p = (1 + Z²) 4β/((1 + β)² + 4Z²), β = E/√(E² - Δ²). */
static void test_mazin_beta(void **st) {
  (void)st;
  double p[SFHET_BTK_NP] = {1.0, 0.0, 0.0, 1.0, SFHET_BTK_BALLISTIC};
  for (double Z = 0.0; Z <= 2.0; Z += 0.25)
    for (double E = 1.001; E < 5.0; E += 0.071) {
      p[SFHET_BTK_Z] = Z;
      double b = E / sqrt(E * E - 1.0), want = (1 + Z * Z) * 4 * b / ((1 + b) * (1 + b) + 4 * Z * Z);
      assert_close(sigma1(btk(), p, E, NULL), want, 1e-12, 0);
      assert_close(sigma1(btk(), p, -E, NULL), want, 1e-12, 0);
    }
}

/* Strijkers et al. 2001, Γ = 0: with ε = |E|/√(E² - Δ²), A = (ε² - 1)/(ε + 1 + 2Z²)², B = 4Z²(1 + Z²)/(ε + 1
 * + 2Z²)² above the gap; polarised σ_p = (1 + Z²)(1 - B/(1 - A)) there and 0 inside. */
static void test_strijkers(void **st) {
  (void)st;
  double p[SFHET_BTK_NP] = {1.0, 0.0, 0.0, 1.0, SFHET_BTK_STRIJKERS};
  for (double Z = 0.0; Z <= 2.0; Z += 0.5)
    for (double E = 0.0; E < 4.0; E += 0.0731) {
      p[SFHET_BTK_Z] = Z;
      double want = 0.0;
      if (E > 1.0) {
        double e = E / sqrt(E * E - 1), c = 1 + 2 * Z * Z, A = (e * e - 1) / ((e + c) * (e + c));
        double B = 4 * Z * Z * (1 + Z * Z) / ((e + c) * (e + c));
        want = (1 + Z * Z) * (1 - B / (1 - A));
      }
      assert_close(sigma1(btk(), p, E, NULL), want, 1e-11, 1e-14);
    }
  p[SFHET_BTK_GAMMA] = 0.05;
  assert_true(btk()->width(p) == 0.0); /* piecewise: no analytic strip */
  p[SFHET_BTK_P] = 0.0;
  assert_close(btk()->width(p), 0.05, 0, 0);
}

/* The diffusive form against an adaptive quadrature (GSL QAG) of the ballistic σ over t in (t0, 1),
 * Z_ch = t/√(1 - t²), t0 = Z/√(1 + Z²). */
typedef struct {
  double E;
  double p[SFHET_BTK_NP];
} diff_params;

static double diff_integrand(double t, void *vp) {
  diff_params *d = vp;
  double q[SFHET_BTK_NP];
  memcpy(q, d->p, sizeof q);
  q[SFHET_BTK_SPIN] = SFHET_BTK_BALLISTIC;
  q[SFHET_BTK_Z] = t < 1 ? t / sqrt(1 - t * t) : 1e8;
  return sigma1(btk(), q, d->E, NULL);
}

static void test_diffusive_quadrature(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
  const double Zs[] = {0.0, 0.3, 1.0}, Es[] = {0.0, 0.6, 0.97, 1.2, 2.5}, Ps[] = {0.0, 1.0};
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 5; b++)
      for (int c = 0; c < 2; c++) {
        diff_params d = {Es[b], {1.0, 0.04, Zs[a], Ps[c], SFHET_BTK_DIFFUSIVE}};
        gsl_function f = {diff_integrand, &d};
        double t0 = Zs[a] / sqrt(1 + Zs[a] * Zs[a]), r, err;
        assert_int_equal(gsl_integration_qags(&f, t0, 1.0, 0, 1e-11, 2000, w, &r, &err), 0);
        assert_close(sigma1(btk(), d.p, Es[b], ws), r / (1 - t0), 2e-8, 1e-12);
      }
  gsl_integration_workspace_free(w);
  sfhet_andreev_ws_free(ws);
}

/* Tanaka-Kashiwaya with an s-wave gap: at every angle the BTK conductance with barrier Z/cosθ, and the
 * angle average equals an adaptive quadrature of that over cosθ σ_N(θ). */
typedef struct {
  double E, Z, g;
} tk_avg;

static double s_wave_integrand(double th, void *vp) {
  tk_avg *a = vp;
  double c = cos(th), sn = c * c / (c * c + a->Z * a->Z);
  double p[SFHET_BTK_NP] = {1.0, a->g, a->Z / c, 0.0, SFHET_BTK_BALLISTIC};
  return c * sn * sigma1(btk(), p, a->E, NULL);
}

static double sn_integrand(double th, void *vp) {
  tk_avg *a = vp;
  double c = cos(th);
  return c * c * c / (c * c + a->Z * a->Z);
}

static void test_tk_s_wave_is_btk(void **st) {
  (void)st;
  double p[SFHET_TK_NP] = {1.0, 0.03, 0.7, SFHET_TK_S, 0.0};
  for (double th = -1.5; th <= 1.5; th += 0.1)
    for (double E = -2.5; E <= 2.5; E += 0.093) {
      double q[SFHET_BTK_NP] = {1.0, 0.03, 0.7 / cos(th), 0.0, SFHET_BTK_BALLISTIC};
      assert_close(sfhet_tk_sigma_angle(p, E, th), sigma1(btk(), q, E, NULL), 1e-11, 1e-13);
    }
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
  for (double E = 0.0; E <= 2.0; E += 0.25) {
    tk_avg a = {E, 0.7, 0.03};
    gsl_function f = {s_wave_integrand, &a}, g = {sn_integrand, &a};
    double num, den, err;
    assert_int_equal(gsl_integration_qags(&f, -M_PI / 2, M_PI / 2, 0, 1e-11, 2000, w, &num, &err), 0);
    assert_int_equal(gsl_integration_qags(&g, -M_PI / 2, M_PI / 2, 0, 1e-12, 2000, w, &den, &err), 0);
    assert_close(sigma1(tk(), p, E, ws), num / den, 1e-8, 0);
  }
  gsl_integration_workspace_free(w);
  sfhet_andreev_ws_free(ws);
}

/* Zero-bias peak of a sign-changing gap (d_xy: α = 45°, p_x: α = 0) at Γ = 0: every angle carries a
 * zero-energy Andreev bound state, σ_N σ_R = 2, so σ(0) = 4 / ∫cosθ σ_N dθ with
 * ∫cosθ σ_N dθ = 2 - (Z²/a) ln((a + 1)/(a - 1)), a = √(1 + Z²). At Z = 0 every pairing gives σ(0) = 2. */
static void test_tk_zero_bias_peak(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  const double Zs[] = {0.5, 1.0, 3.0, 10.0};
  for (int k = 0; k < 4; k++) {
    double Z = Zs[k], a = sqrt(1 + Z * Z), norm = 2 - Z * Z / a * log((a + 1) / (a - 1));
    double pd[SFHET_TK_NP] = {1.0, 0.0, Z, SFHET_TK_D, 45.0}, pp[SFHET_TK_NP] = {1.0, 0.0, Z, SFHET_TK_P, 0.0};
    assert_close(sigma1(tk(), pd, 0.0, ws), 4 / norm, 1e-9, 0);
    assert_close(sigma1(tk(), pp, 0.0, ws), 4 / norm, 1e-9, 0);
    /* no peak for the s wave or d_x2-y2 (α = 0) */
    double ps[SFHET_TK_NP] = {1.0, 0.0, Z, SFHET_TK_S, 0.0}, pd0[SFHET_TK_NP] = {1.0, 0.0, Z, SFHET_TK_D, 0.0};
    assert_true(sigma1(tk(), ps, 0.0, ws) < 2.0 && sigma1(tk(), pd0, 0.0, ws) < 1.0);
  }
  for (int pa = 0; pa < 4; pa++) {
    double p[SFHET_TK_NP] = {1.0, 0.0, 0.0, pa, 20.0};
    assert_close(sigma1(tk(), p, 0.0, ws), 2.0, 1e-9, 0);
  }
  sfhet_andreev_ws_free(ws);
}

/* The angle quadrature (8 to 256 panels of 16 Gauss-Legendre nodes, more for a smaller Γ) against
 * adaptive quadrature for d, p and chiral p gaps down to Γ = 0.012 Δ (108 panels for d). */
typedef struct {
  const double *p;
  double E;
} tk_pt;

static double tk_integrand(double th, void *vp) {
  tk_pt *t = vp;
  double c = cos(th), Z = t->p[SFHET_TK_Z];
  return c * (c * c / (c * c + Z * Z)) * sfhet_tk_sigma_angle(t->p, t->E, th);
}

static void test_tk_angle_quadrature(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(4000);
  const double gs[] = {0.012, 0.02, 0.1};
  for (int b = 0; b < 3; b++)
    for (int pa = 1; pa < 4; pa++)
      for (double E = 0.0; E <= 1.5; E += 0.3) {
        double p[SFHET_TK_NP] = {1.0, gs[b], 2.0, pa, 25.0};
        tk_pt t = {p, E};
        tk_avg a = {E, 2.0, 0};
        gsl_function f = {tk_integrand, &t}, g = {sn_integrand, &a};
        double num, den, err;
        assert_int_equal(gsl_integration_qags(&f, -M_PI / 2, M_PI / 2, 0, 1e-11, 4000, w, &num, &err), 0);
        assert_int_equal(gsl_integration_qags(&g, -M_PI / 2, M_PI / 2, 0, 1e-12, 4000, w, &den, &err), 0);
        assert_close(sigma1(tk(), p, E, ws), num / den, 1e-7, 0);
      }
  gsl_integration_workspace_free(w);
  sfhet_andreev_ws_free(ws);
}

/* dσ/dE of every model against central differences (Γ > 0: analytic). */
static void check_derivative(const sfhet_andreev_info *m, const double *p, sfhet_andreev_ws *ws) {
  for (double E = -2.3; E <= 2.3; E += 0.173) {
    double s, d, up, dn, h = 1e-5, Ep = E + h, Em = E - h;
    assert_int_equal(m->eval(p, &E, 1, &s, &d, ws), SFHET_OK);
    assert_int_equal(m->eval(p, &Ep, 1, &up, NULL, ws), SFHET_OK);
    assert_int_equal(m->eval(p, &Em, 1, &dn, NULL, ws), SFHET_OK);
    assert_close(d, (up - dn) / (2 * h), 1e-5, 1e-6);
  }
}

static void test_derivatives(void **st) {
  (void)st;
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  for (int v = 0; v < 3; v++) {
    double p[SFHET_BTK_NP] = {1.0, 0.07, 0.6, 0.45, v};
    check_derivative(btk(), p, ws);
  }
  for (int pa = 0; pa < 4; pa++) {
    double p[SFHET_TK_NP] = {1.0, 0.07, 1.5, pa, 40.0};
    check_derivative(tk(), p, ws);
  }
  sfhet_andreev_ws_free(ws);
}

/* Registry, bounds, variants, edges; the same values with and without a caller's workspace. */
static void test_registry(void **st) {
  (void)st;
  assert_int_equal(sfhet_andreev_count(), 2);
  assert_null(sfhet_andreev_find("nope"));
  const sfhet_andreev_info *b = btk();
  double p[SFHET_BTK_NP] = {1.0, 0.0, 0.5, 0.2, 0};
  assert_int_equal(sfhet_andreev_check(b, p), SFHET_OK);
  p[SFHET_BTK_P] = 1.5;
  assert_int_equal(sfhet_andreev_check(b, p), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--P"));
  double v;
  assert_int_equal(sfhet_andreev_variant(b, "strijkers", &v), SFHET_OK);
  assert_close(v, SFHET_BTK_STRIJKERS, 0, 0);
  assert_int_equal(sfhet_andreev_variant(tk(), "chiral_p", &v), SFHET_OK);
  assert_close(v, SFHET_TK_CHIRAL_P, 0, 0);
  assert_int_equal(sfhet_andreev_variant(b, "wave", &v), SFHET_EINVAL);
  double E[4];
  p[SFHET_BTK_P] = 0.2;
  assert_int_equal(b->edges(p, E, 4), 2);
  assert_close(E[1], 1.0, 0, 0);
  double q[SFHET_TK_NP] = {1.0, 0.01, 1.0, SFHET_TK_D, 45.0};
  assert_int_equal(tk()->edges(q, E, 4), 3);
  assert_close(tk()->width(q), 0.01, 0, 0);
  double Es[3] = {0.1, 0.9, 1.4}, s1[3], s2[3];
  sfhet_andreev_ws *ws = sfhet_andreev_ws_alloc();
  assert_int_equal(tk()->eval(q, Es, 3, s1, NULL, ws), SFHET_OK);
  assert_int_equal(tk()->eval(q, Es, 3, s2, NULL, NULL), SFHET_OK);
  for (int i = 0; i < 3; i++) assert_close(s1[i], s2[i], 0, 0);
  sfhet_andreev_ws_free(ws);
  sfhet_andreev_ws_free(NULL);
  double p0[SFHET_BTK_NP] = {0.0, 0.0, 0.5, 0.3, 1}; /* no gap: the normal state */
  assert_close(sigma1(b, p0, 0.0, NULL), 1.0, 0, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_btk_table2),         cmocka_unit_test(test_btk_published),
      cmocka_unit_test(test_tunnel_limit),       cmocka_unit_test(test_high_energy),
      cmocka_unit_test(test_z0_limits),          cmocka_unit_test(test_mazin_beta),
      cmocka_unit_test(test_strijkers),          cmocka_unit_test(test_diffusive_quadrature),
      cmocka_unit_test(test_tk_s_wave_is_btk),   cmocka_unit_test(test_tk_zero_bias_peak),
      cmocka_unit_test(test_tk_angle_quadrature), cmocka_unit_test(test_derivatives),
      cmocka_unit_test(test_registry),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
