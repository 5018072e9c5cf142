/* Registry-driven conformance suite: every registered DOS model, at every test case its descriptor
 * declares, against independent checks — N -> 1 far from the gap (N − 1 = O(Δ²/E²)), conservation of
 * spectral weight (∫(N − 1) dE = 0 for a function analytic in the upper half plane decaying as 1/E²),
 * N_up + N_down = N, particle-hole symmetry where the case says so, the Dynes (BCS) limit where it
 * applies, closed-form dN/dE and dN/dp against central differences of eval, NIS and SIS conductance at
 * the default accuracy against brute-force GSL quadrature of the model's own eval written here, and an
 * SIS fit that recovers the case's parameters from synthetic noisy data. A new model is covered by
 * declaring test cases: this file lists no model. Sources in tests/data/README.md ("## dos"). */
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "sfhet/junction.h"
#include "testutil.h"

typedef struct {
  const sfhet_dos_info *m;
  const double *p;
  double kT, V; /* for the junction integrands */
  int ch;       /* 0 up, 1 down, -1 total */
} ctx_t;

static double N_ch(const sfhet_dos_info *m, const double *p, double E, int ch) {
  double N, up, dn;
  assert_int_equal(m->eval(p, &E, 1, &N, &up, &dn), SFHET_OK);
  return ch < 0 ? N : ch == 0 ? up : dn;
}

/* Largest |edge| of a case (at least 0.1 meV): the energy scale of the checks. */
static double scale(const sfhet_dos_info *m, const double *p) {
  double e[16], mx = 0.1;
  size_t n = m->edges(p, e, 16);
  for (size_t i = 0; i < n; i++) {
    assert_true(isfinite(e[i]));
    mx = fmax(mx, fabs(e[i]));
  }
  return mx;
}

/* Breakpoints: the edges inside (a, b), sorted, with a and b. */
static size_t breakpoints(const sfhet_dos_info *m, const double *p, double a, double b, double shift, double *pts) {
  double e[16];
  size_t n = m->edges(p, e, 16), k = 0;
  pts[k++] = a;
  for (size_t i = 0; i < n; i++)
    if (e[i] - shift > a && e[i] - shift < b) pts[k++] = e[i] - shift;
  pts[k++] = b;
  for (size_t i = 1; i < k; i++) /* insertion sort */
    for (size_t j = i; j > 0 && pts[j] < pts[j - 1]; j--) {
      double t = pts[j];
      pts[j] = pts[j - 1];
      pts[j - 1] = t;
    }
  return k;
}

static double weight_f(double E, void *a) {
  const ctx_t *c = a;
  return N_ch(c->m, c->p, E, -1) - 1.0;
}

static void check_far_and_weight(const sfhet_dos_info *m, const double *p, gsl_integration_workspace *w) {
  double s = scale(m, p);
  for (int sgn = -1; sgn <= 1; sgn += 2) assert_close(N_ch(m, p, sgn * 100.0 * s, -1), 1.0, 0, 1e-3);
  ctx_t c = {m, p, 0, 0, -1};
  gsl_function F = {weight_f, &c};
  double L = 60.0 * s, pts[20], r, e;
  size_t np = breakpoints(m, p, -L, L, 0.0, pts);
  gsl_integration_qagp(&F, pts, np, 1e-10, 1e-9, 4000, w, &r, &e);
  r += (N_ch(m, p, L, -1) - 1.0) * L + (N_ch(m, p, -L, -1) - 1.0) * L; /* tails: N − 1 ~ c/E² */
  assert_close(r, 0.0, 0, 3e-4 * s);
}

static void check_channels_even_bcs(const sfhet_dos_info *m, const sfhet_dos_test *t) {
  double s = scale(m, t->p);
  for (double x = -3.0; x <= 3.0; x += 0.0377) {
    double E = x * s, N = N_ch(m, t->p, E, -1);
    assert_close(N_ch(m, t->p, E, 0) + N_ch(m, t->p, E, 1), N, 1e-12, 1e-12);
    assert_true(N >= -1e-12);
    if (t->checks & SFHET_DOS_TEST_EVEN) assert_close(N, N_ch(m, t->p, -E, -1), 1e-9, 1e-12);
    if (t->checks & SFHET_DOS_TEST_BCS) assert_close(N, sfhet_dynes_n(E, t->bcs_delta, t->bcs_gamma), 1e-10, 1e-12);
  }
  if ((t->checks & SFHET_DOS_TEST_EVEN) && m->even) assert_true(m->even(t->p));
  assert_true(m->width(t->p) >= 0.0);
}

/* A model with a spin axis: a unit axis; nch = 4 channels 0, 1 equal eval's N_up, N_down, the spin
 * density is a positive spectral matrix (|s| <= N/2, ρ = N/2 + s·σ >= 0), dN/dE of every channel
 * against central differences of the values. */
static void check_spin_density(const sfhet_dos_info *m, const double *p) {
  if (!m->spin_axis) return;
  double a[3], s = scale(m, p), h = 1e-6 * s;
  m->spin_axis(p, a);
  assert_close(a[0] * a[0] + a[1] * a[1] + a[2] * a[2], 1.0, 1e-14, 0.0);
  for (double x = -2.5; x <= 2.5; x += 0.173) {
    double E[3] = {x * s, x * s + h, x * s - h}, N[4][3], dN[4][3];
    double *Np[4] = {N[0], N[1], N[2], N[3]}, *dNp[4] = {dN[0], dN[1], dN[2], dN[3]};
    assert_int_equal(m->eval_de(p, E, 3, 4, Np, NULL), SFHET_OK);
    if (m->eval_de(p, E, 1, 4, Np, dNp) != SFHET_OK) continue; /* values only (no closed form here) */
    assert_close(N[0][0], N_ch(m, p, E[0], 0), 1e-11, 1e-12);
    assert_close(N[1][0], N_ch(m, p, E[0], 1), 1e-11, 1e-12);
    double sn = 0.5 * (N[0][0] - N[1][0]), tot = N[0][0] + N[1][0];
    assert_true(sqrt(sn * sn + N[2][0] * N[2][0] + N[3][0] * N[3][0]) <= 0.5 * tot * (1.0 + 1e-9) + 1e-12);
    double V[4][2];
    double *Vp[4] = {V[0], V[1], V[2], V[3]};
    assert_int_equal(m->eval_de(p, E + 1, 2, 4, Vp, NULL), SFHET_OK);
    for (int ch = 0; ch < 4; ch++)
      assert_close(dN[ch][0], (V[ch][0] - V[ch][1]) / (2 * h), 1e-5, 1e-5 * fabs(tot) / s + 1e-8);
  }
}

/* Closed forms of dN/dE and dN/dp against central differences of eval. */
static void check_closed_forms(const sfhet_dos_info *m, const double *p) {
  double s = scale(m, p), h = 1e-6 * s;
  for (int nch = 1; nch <= 2 && m->eval_de; nch++)
    for (double x = -2.5; x <= 2.5; x += 0.173) {
      double E = x * s, N[2], dN[2], *Np[2] = {&N[0], &N[1]}, *dNp[2] = {&dN[0], &dN[1]};
      if (m->eval_de(p, &E, 1, nch, Np, dNp) != SFHET_OK) break;
      for (int ch = 0; ch < nch; ch++) {
        int c = nch == 1 ? -1 : ch;
        assert_close(N[ch], N_ch(m, p, E, c), 1e-11, 1e-12);
        double fd = (N_ch(m, p, E + h, c) - N_ch(m, p, E - h, c)) / (2 * h);
        assert_close(dN[ch], fd, 1e-5, 1e-5 * fabs(N[ch]) / s + 1e-8);
      }
    }
  check_spin_density(m, p);
  for (size_t k = 0; m->dparam && k < m->n_params; k++) {
    if (m->params[k].flags & SFHET_PARAM_NOFIT) continue;
    double q[SFHET_DOS_MAX_PARAMS], hp = 1e-6 * fmax(fabs(p[k]), 0.01);
    memcpy(q, p, sizeof q);
    for (double x = -2.5; x <= 2.5; x += 0.311) {
      double E = x * s, d, *dp[1] = {&d};
      if (m->dparam(p, &E, 1, 1, &k, 1, dp) != SFHET_OK) break;
      q[k] = p[k] + hp;
      double a = N_ch(m, q, E, -1);
      q[k] = p[k] - hp;
      double b = N_ch(m, q, E, -1);
      q[k] = p[k];
      assert_close(d, (a - b) / (2 * hp), 1e-5, 1e-6 * fabs(a) / hp * 1e-6 + 1e-7);
    }
  }
}

/* ---------------------------------------------------- brute-force junction references */

static double fermi(double x, double kT) { return 0.5 * (1.0 - tanh(0.5 * x / kT)); }

static double kern(double x, double kT) {
  double c = cosh(0.5 * x / kT);
  return 1.0 / (4.0 * kT * c * c);
}

/* Quadrature nodes on [pts[0], pts[np−1]]: every interval between breakpoints (the DOS edges) cut
 * into pieces no longer than half the integrand's smoothness scale min(Γ, kT), 20-point Gauss–Legendre
 * on each (exponentially accurate for an integrand analytic in a strip wider than the piece). Returns
 * the node count; x and wt are malloc'ed. Used only for Γ > 0 (the junction cases of the suite). */
static size_t nodes(const double *pts, size_t np, double len, double **x, double **wt) {
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(20);
  size_t total = 0;
  for (size_t i = 0; i + 1 < np; i++) total += 20 * (size_t)ceil((pts[i + 1] - pts[i]) / len);
  *x = malloc(total * sizeof **x);
  *wt = malloc(total * sizeof **wt);
  size_t n = 0;
  for (size_t i = 0; i + 1 < np; i++) {
    size_t k = (size_t)ceil((pts[i + 1] - pts[i]) / len);
    for (size_t q = 0; q < k; q++) {
      double a = pts[i] + (pts[i + 1] - pts[i]) * (double)q / (double)k;
      double b = pts[i] + (pts[i + 1] - pts[i]) * (double)(q + 1) / (double)k;
      for (size_t g = 0; g < 20; g++, n++) gsl_integration_glfixed_point(a, b, g, &(*x)[n], &(*wt)[n], t);
    }
  }
  gsl_integration_glfixed_table_free(t);
  return n;
}

/* Channel ch (0 up, 1 down, −1 total; 2, 3 the transverse spin density s·e1, s·e2 of a model with a
 * spin axis) of the DOS at n energies, by the model's own vector eval (eval_de for 2, 3). */
static void dos_at(const sfhet_dos_info *m, const double *p, const double *E, size_t n, int ch, double *out) {
  double *buf = malloc(4 * n * sizeof *buf);
  if (ch >= 2) {
    double *c[4] = {buf, buf + n, buf + 2 * n, buf + 3 * n};
    assert_int_equal(m->eval_de(p, E, n, 4, c, NULL), SFHET_OK);
    memcpy(out, c[ch], n * sizeof *out);
    free(buf);
    return;
  }
  assert_int_equal(m->eval(p, E, n, buf, buf + n, buf + 2 * n), SFHET_OK);
  memcpy(out, buf + (ch < 0 ? 0 : (size_t)(ch + 1)) * n, n * sizeof *out);
  free(buf);
}

static double piece(const sfhet_dos_info *m, const double *p, double kT) {
  return 0.5 * fmin(m->width(p), kT);
}

/* NIS G(V) = ∫ N(E) (−∂f/∂E)(E − V) dE, P = 0. */
static double nis_ref(const sfhet_dos_info *m, const double *p, double kT, double V) {
  double pts[20], W = 40.0 * kT, *x, *wt, sum = 0.0;
  size_t np = breakpoints(m, p, V - W, V + W, 0.0, pts), n = nodes(pts, np, piece(m, p, kT), &x, &wt);
  double *N = malloc(n * sizeof *N);
  dos_at(m, p, x, n, -1, N);
  for (size_t i = 0; i < n; i++) sum += wt[i] * N[i] * kern(x[i] - V, kT);
  free(N), free(x), free(wt);
  return sum;
}

/* SIS G(V) = dI/dV of I(V) = 2 Σ_σ ∫ N_σ(E) N_σ(E + V) [f(E) − f(E + V)] dE (identical electrodes,
 * P = 0), plus 4 ∫ s⊥(E)·s⊥(E + V) [..] dE for a model with a spin axis (the full spin trace
 * 2 Tr ρ ρ', ρ = N/2 + s·σ), differentiated under the integral, N_σ' by a central difference of eval
 * with a step 1e-4 of the smoothness scale. */
static double sis_ref(const sfhet_dos_info *m, const double *p, double kT, double V) {
  double W = 40.0 * kT, lo = fmin(0.0, -V) - W, hi = fmax(0.0, -V) + W, pts[40], more[20], sum = 0.0, *x, *wt;
  size_t n1 = breakpoints(m, p, lo, hi, 0.0, pts), n2 = breakpoints(m, p, lo, hi, V, more);
  for (size_t i = 1; i + 1 < n2; i++) pts[n1++] = more[i];
  for (size_t i = 1; i < n1; i++)
    for (size_t j = i; j > 0 && pts[j] < pts[j - 1]; j--) {
      double t = pts[j];
      pts[j] = pts[j - 1];
      pts[j - 1] = t;
    }
  size_t n = nodes(pts, n1, piece(m, p, kT), &x, &wt);
  double *y = malloc(5 * n * sizeof *y), *N1 = y + n, *N2 = y + 2 * n, *Np = y + 3 * n, *Nm = y + 4 * n;
  double h = 1e-4 * fmin(m->width(p), kT);
  for (int ch = 0; ch < (m->spin_axis ? 4 : 2); ch++) {
    double w = ch < 2 ? 2.0 : 4.0;
    dos_at(m, p, x, n, ch, N1);
    for (size_t i = 0; i < n; i++) y[i] = x[i] + V;
    dos_at(m, p, y, n, ch, N2);
    for (size_t i = 0; i < n; i++) y[i] = x[i] + V + h;
    dos_at(m, p, y, n, ch, Np);
    for (size_t i = 0; i < n; i++) y[i] = x[i] + V - h;
    dos_at(m, p, y, n, ch, Nm);
    for (size_t i = 0; i < n; i++) {
      double e2 = x[i] + V, d2 = (Np[i] - Nm[i]) / (2 * h);
      sum += w * wt[i] * N1[i] * (d2 * (fermi(x[i], kT) - fermi(e2, kT)) + N2[i] * kern(e2, kT));
    }
  }
  free(y), free(x), free(wt);
  return sum;
}

static void check_junctions(const sfhet_dos_info *m, const double *p) {
  double s = scale(m, p), T = 1.0, kT = SFHET_KB_MEV * T;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  for (int sis = 0; sis <= 1; sis++) {
    if (!(m->width(p) > 0.0)) continue; /* BCS-like edges: covered by tests/test_junction.c */
    sfhet_junction j;
    sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, m, NULL);
    for (size_t k = 0; k < m->n_params; k++) assert_int_equal(sfhet_junction_set_index(&j, k, p[k]), SFHET_OK);
    j.T = T;
    double V[] = {0.0, 0.5 * s, (sis ? 2.0 : 1.0) * s, -1.3 * s, 3.0 * s}, G[5], Ge[5];
    assert_int_equal(sfhet_junction_eval(&j, V, 5, G, NULL, Ge, ws), SFHET_OK);
    for (int i = 0; i < 5; i++) {
      double ref = sis ? sis_ref(m, p, kT, V[i]) : nis_ref(m, p, kT, V[i]);
      if (fabs(G[i] - ref) > 3e-5 + 3e-4 * fabs(ref))
        fprintf(stderr, "%s %s p0=%g p1=%g V=%g: G=%.10g ref=%.10g est.err=%.3g\n", m->name, sis ? "sis" : "nis",
                p[0], p[1], V[i], G[i], ref, Ge[i]);
      assert_close(G[i], ref, 3e-4, 3e-5);
      assert_true(Ge[i] >= 0.0 && isfinite(Ge[i]));
    }
  }
  sfhet_junction_ws_free(ws);
}

/* ---------------------------------------------------- fit recovery */

static void check_fit(const sfhet_dos_info *m, const sfhet_dos_test *t) {
  enum { NV = 241 };
  double s = scale(m, t->p), V[NV], y[NV];
  sfhet_fit_junction fj;
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_SIS, m, NULL);
  for (size_t k = 0; k < m->n_params; k++) sfhet_junction_set_index(&fj.j, k, t->p[k]);
  fj.j.T = 1.5;
  for (int i = 0; i < NV; i++) V[i] = -3.5 * s + 7.0 * s * i / (NV - 1);
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&fj.j, V, NV, y, NULL, NULL, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 11);
  const double noise = 0.005;
  for (int i = 0; i < NV; i++) y[i] += gsl_ran_gaussian(rng, noise);
  gsl_rng_free(rng);
  sfhet_fit_model fm;
  sfhet_fit_config c;
  assert_int_equal(sfhet_fit_junction_model(&fm, &fj), SFHET_OK);
  sfhet_fit_config_init(&c, &fm);
  assert_int_equal(sfhet_fit_set_free(&c, t->free, "--free"), SFHET_OK);
  c.starts = 5;
  sfhet_fit_data d = {V, y, NULL, NV};
  sfhet_fit_result r;
  void *fws = sfhet_fit_ws_alloc(&c);
  int st = sfhet_fit_spectrum(&c, &d, NULL, &r, fws);
  sfhet_fit_ws_free(&c, fws);
  if (st) fprintf(stderr, "%s fit: %s\n", m->name, sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
  assert_true(r.converged);
  assert_true(r.chi2_red / (noise * noise) > 0.6 && r.chi2_red / (noise * noise) < 1.6);
  for (size_t q = 0; q < r.n_free; q++) {
    size_t k = r.free_idx[q];
    if (k >= fm.np) continue;
    double truth;
    assert_int_equal(sfhet_junction_get(&fj.j, c.name[k], &truth), SFHET_OK);
    if (fabs(r.value[k] - truth) > 4.0 * r.err[k])
      fprintf(stderr, "%s: %s = %g +- %g, truth %g\n", m->name, c.name[k], r.value[k], r.err[k], truth);
    assert_true(r.err[k] > 0.0 && fabs(r.value[k] - truth) <= 4.0 * r.err[k]);
  }
}

static void test_every_model(void **state) {
  (void)state;
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(4000);
  assert_true(sfhet_dos_count() >= 5);
  for (size_t i = 0; i < sfhet_dos_count(); i++) {
    const sfhet_dos_info *m = sfhet_dos_get(i);
    assert_true(m->n_tests >= 1);
    int fits = 0;
    for (size_t c = 0; c < m->n_tests; c++) {
      const sfhet_dos_test *t = &m->tests[c];
      assert_int_equal(sfhet_dos_check(m, t->p), SFHET_OK);
      check_channels_even_bcs(m, t);
      check_far_and_weight(m, t->p, w);
      check_closed_forms(m, t->p);
      check_junctions(m, t->p);
      if (t->checks & SFHET_DOS_TEST_FIT) check_fit(m, t), fits++;
    }
    assert_true(fits >= 1); /* every model declares a recovery case */
  }
  gsl_integration_workspace_free(w);
}

/* The registry's names are unambiguous; a model with a parameter named like a generated
 * second-electrode name, or like a junction or reserved name, is rejected. */
static void test_registry_names(void **state) {
  (void)state;
  const char *reserved[SFHET_FIT_NUISANCE];
  for (size_t k = 0; k < SFHET_FIT_NUISANCE; k++) reserved[k] = sfhet_fit_nuisance_params()[k].name;
  assert_int_equal(sfhet_junction_registry_check(reserved, SFHET_FIT_NUISANCE), SFHET_OK);
  static const sfhet_param_info bad_params[] = {
      {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "gap"},
      {"delta2", "Δ2", SFHET_DIM_ENERGY, 0.4, 0.0, 1e3, 0, "second gap (collides with the second electrode's)"},
  };
  sfhet_dos_info bad = *sfhet_dos_find("dynes");
  bad.name = "bad";
  bad.params = bad_params;
  bad.n_params = 2;
  const sfhet_dos_info *list[] = {sfhet_dos_find("dynes"), &bad};
  assert_int_equal(sfhet_junction_models_check(list, 2, reserved, SFHET_FIT_NUISANCE), SFHET_EINVAL);
  assert_non_null(strstr(sfhet_last_error(), "delta2"));
  static const sfhet_param_info bad_T[] = {{"T", "T", SFHET_DIM_TEMPERATURE, 1, 0, 1e3, 0, "a temperature"}};
  bad.params = bad_T;
  bad.n_params = 1;
  assert_int_equal(sfhet_junction_models_check(list + 1, 1, reserved, SFHET_FIT_NUISANCE), SFHET_EINVAL);
  static const sfhet_param_info bad_gnn[] = {{"gnn", "g", SFHET_DIM_NONE, 1, 0, 1e3, 0, "a scale"}};
  bad.params = bad_gnn;
  assert_int_equal(sfhet_junction_models_check(list + 1, 1, reserved, SFHET_FIT_NUISANCE), SFHET_EINVAL);
  bad.params = bad_params;
  bad.width = NULL;
  bad.n_params = 1;
  assert_int_equal(sfhet_junction_models_check(list + 1, 1, reserved, SFHET_FIT_NUISANCE), SFHET_EINVAL);
}

/* The one tie operation: a same-model second electrode follows the first until set itself. */
static void test_ties(void **state) {
  (void)state;
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("twogap"), NULL);
  int k1 = sfhet_junction_index(&j, "delta_s"), k2 = sfhet_junction_index(&j, "delta_s2");
  assert_true(k1 >= 0 && k2 >= 0);
  assert_true(sfhet_junction_tied(&j, (size_t)k2));
  assert_int_equal(sfhet_junction_counterpart(&j, (size_t)k2), k1);
  sfhet_junction_set(&j, "delta_s", 0.3);
  double v;
  sfhet_junction_get(&j, "delta_s2", &v);
  assert_close(v, 0.3, 0, 0);
  sfhet_junction_set(&j, "delta_s2", 0.2); /* set itself: no longer follows */
  assert_false(sfhet_junction_tied(&j, (size_t)k2));
  sfhet_junction_set(&j, "delta_s", 0.35);
  sfhet_junction_get(&j, "delta_s2", &v);
  assert_close(v, 0.2, 0, 0);
  assert_int_equal(sfhet_junction_tie(&j, (size_t)k2, 1), SFHET_OK);
  sfhet_junction_get(&j, "delta_s2", &v);
  assert_close(v, 0.35, 0, 0);
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("twogap"), sfhet_dos_find("dynes"));
  assert_int_equal(sfhet_junction_counterpart(&j, (size_t)sfhet_junction_index(&j, "delta2")), -1);
  assert_int_equal(sfhet_junction_tie(&j, (size_t)sfhet_junction_index(&j, "delta2"), 1), SFHET_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_registry_names),
      cmocka_unit_test(test_ties),
      cmocka_unit_test(test_every_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
