/* Junction conductance against brute-force adaptive quadrature written here (GSL QAGP with breakpoints
 * at every DOS edge, its own Dynes formula and Fermi functions), at several (Δ, Γ, T, V) incl. T << Tc,
 * near Tc and the dilution-fridge regime (50 mK, Γ = 2 µeV); SIS peak at 2Δ, I odd, lock-in limits and
 * lock-in/broadening against direct quadrature (QAWS), spin polarisation, G = dI/dV, dG, parameters.
 * Sources in tests/data/README.md ("## junction"). */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "junction/grid.h"
#include "sfhet/junction.h"
#include "junction_ref.h"
#include "testutil.h"

/* ------------------------------------------------------------ reference integrands */

static double ref_n(double E, double d, double g) {
  double complex z = E + I * g;
  return creal(z / (csqrt(z - d) * csqrt(z + d)));
}

static double ref_dn(double E, double d, double g) { /* dN/dE = Re[−Δ²/(z² − Δ²)^{3/2}] */
  double complex z = E + I * g, s = csqrt(z - d) * csqrt(z + d);
  return creal(-d * d / (s * s * s));
}

static double ref_f(double x, double kT) { return 0.5 * (1.0 - tanh(0.5 * x / kT)); }

static double ref_k(double x, double kT) {
  double c = cosh(0.5 * x / kT);
  return 1.0 / (4.0 * kT * c * c);
}

typedef struct {
  double d1, g1, h1, d2, g2, h2, kT, V, P;
  int sis, want_G, spin; /* spin: side 1 (and side 2) Zeeman-split by h */
} ref_t;

/* spin-channel DOS: ½ N(E − σh) */
static double chan(double E, double d, double g, double h, int s) { return 0.5 * ref_n(E - s * h, d, g); }
static double dchan(double E, double d, double g, double h, int s) { return 0.5 * ref_dn(E - s * h, d, g); }

static double nis_integrand(double E, void *arg) {
  const ref_t *r = arg;
  double n = 0.0;
  for (int s = -1; s <= 1; s += 2) n += (1.0 + s * r->P) * chan(E, r->d1, r->g1, r->h1, s);
  if (r->want_G) return n * ref_k(E - r->V, r->kT);
  return n * (ref_f(E - r->V, r->kT) - ref_f(E, r->kT));
}

static double sis_integrand(double E, void *arg) {
  const ref_t *r = arg;
  double x = E + r->V, df = ref_f(E, r->kT) - ref_f(x, r->kT), t = 0.0;
  for (int s = -1; s <= 1; s += 2) {
    double w = 2.0 * (1.0 + s * r->P), n1 = chan(E, r->d1, r->g1, r->h1, s);
    double n2 = chan(x, r->d2, r->g2, r->h2, s), dn2 = dchan(x, r->d2, r->g2, r->h2, s);
    t += w * n1 * (r->want_G ? dn2 * df + n2 * ref_k(x, r->kT) : n2 * df);
  }
  return t;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double brute(ref_t r) {
  double W = 45.0 * r.kT, lo, hi;
  if (!r.sis && r.want_G) {
    lo = r.V - W;
    hi = r.V + W;
  } else {
    double a = r.sis ? -r.V : r.V;
    lo = fmin(0.0, a) - W;
    hi = fmax(0.0, a) + W;
  }
  double c[16], pts[20];
  int nc = 0, np = 0;
  for (int s = -1; s <= 1; s += 2)
    for (int t = -1; t <= 1; t += 2) {
      c[nc++] = s * r.d1 + t * r.h1;
      if (r.sis) c[nc++] = s * r.d2 + t * r.h2 - r.V;
    }
  pts[np++] = lo;
  for (int i = 0; i < nc; i++)
    if (c[i] > lo && c[i] < hi) pts[np++] = c[i];
  pts[np++] = hi;
  qsort(pts, (size_t)np, sizeof pts[0], cmp);
  int m = 1;
  for (int i = 1; i < np; i++)
    if (pts[i] > pts[m - 1] + 1e-12) pts[m++] = pts[i];
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(20000);
  gsl_function F = {r.sis ? sis_integrand : nis_integrand, &r};
  double res, err;
  int st = gsl_integration_qagp(&F, pts, (size_t)m, 1e-14, 1e-10, 20000, w, &res, &err);
  assert_true(st == 0 || st == GSL_EROUND);
  gsl_integration_workspace_free(w);
  return res;
}

/* ------------------------------------------------------------ helpers */

static sfhet_junction make(int sis, const char *model, double d, double g, double T) {
  sfhet_junction j;
  sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, sfhet_dos_find(model), NULL);
  sfhet_junction_set(&j, "delta", d);
  sfhet_junction_set(&j, "gamma", g);
  if (sis) {
    sfhet_junction_set(&j, "delta2", d);
    sfhet_junction_set(&j, "gamma2", g);
  }
  j.T = T;
  return j;
}

static void eval(const sfhet_junction *j, const double *V, size_t n, double *G, double *Iv, double *E) {
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  int st = sfhet_junction_eval(j, V, n, G, Iv, E, ws);
  if (st) fprintf(stderr, "eval: %s\n", sfhet_last_error());
  assert_int_equal(st, 0);
  sfhet_junction_ws_free(ws);
}

/* Compares G and I at V (evaluated as one call, so both lattice paths get used) with brute force. */
static void check_points(const sfhet_junction *j, ref_t r, const double *V, size_t n, double tol) {
  double G[64], Iv[64], E[64];
  eval(j, V, n, G, Iv, E);
  for (size_t i = 0; i < n; i++) {
    r.V = V[i];
    r.want_G = 1;
    double g = brute(r);
    r.want_G = 0;
    double c = brute(r);
    assert_close(G[i], g, tol, tol * 1e-3);
    if (!(fabs(G[i] - g) <= E[i] + 1e-9 * (fabs(g) + 1)))
      fprintf(stderr, "V=%g G=%.12g ref=%.12g err=%.3g est=%.3g\n", V[i], G[i], g, G[i] - g, E[i]);
    assert_true(fabs(G[i] - g) <= E[i] + 1e-9 * (fabs(g) + 1)); /* the error estimate is honest */
    assert_close(Iv[i], c, tol, tol * 1e-3);
  }
}

static const double KB = SFHET_KB_MEV;

/* ------------------------------------------------------------ tests */

static void test_nis_regimes(void **state) {
  (void)state;
  double V1[] = {0.0, 0.5, 0.9, 1.2, 3.0, -0.7};
  sfhet_junction j = make(0, "dynes", 0.86, 0.08, 1.5);
  check_points(&j, (ref_t){0.86, 0.08, 0, 0, 0, 0, KB * 1.5, 0, 0, 0, 0, 0}, V1, 6, 1e-4);
  j = make(0, "dynes", 0.2, 0.01, 5.0); /* near Tc: small gap, kT comparable */
  check_points(&j, (ref_t){0.2, 0.01, 0, 0, 0, 0, KB * 5.0, 0, 0, 0, 0, 0}, V1, 6, 1e-4);
  double V3[] = {0.5, 0.85, 0.86, 0.862, 0.9, 0.001};
  j = make(0, "dynes", 0.86, 0.002, 0.05); /* dilution fridge */
  check_points(&j, (ref_t){0.86, 0.002, 0, 0, 0, 0, KB * 0.05, 0, 0, 0, 0, 0}, V3, 6, 1e-4);
}

static void test_sis_regimes(void **state) {
  (void)state;
  double V1[] = {0.1, 1.0, 1.72, 1.8, 4.0, -2.5};
  sfhet_junction j = make(1, "dynes", 0.86, 0.08, 1.5);
  check_points(&j, (ref_t){0.86, 0.08, 0, 0.86, 0.08, 0, KB * 1.5, 0, 0, 1, 0, 0}, V1, 6, 1e-4);
  double V2[] = {0.01, 1.70, 1.72, 1.7215, 1.75, 3.0};
  j = make(1, "dynes", 0.86, 0.002, 0.05);
  check_points(&j, (ref_t){0.86, 0.002, 0, 0.86, 0.002, 0, KB * 0.05, 0, 0, 1, 0, 0}, V2, 6, 1e-4);
  double V3[] = {0.36, 0.2, 1.36, 2.0};
  j = make(1, "dynes", 0.86, 0.05, 1.0); /* asymmetric electrodes: the Δ1 − Δ2 feature */
  sfhet_junction_set(&j, "delta2", 0.5);
  sfhet_junction_set(&j, "gamma2", 0.02);
  check_points(&j, (ref_t){0.86, 0.05, 0, 0.5, 0.02, 0, KB * 1.0, 0, 0, 1, 0, 0}, V3, 4, 1e-4);
  j = make(1, "dynes", 0.4, 0.03, 3.0); /* near Tc of a 0.86 meV gap */
  check_points(&j, (ref_t){0.4, 0.03, 0, 0.4, 0.03, 0, KB * 3.0, 0, 0, 1, 0, 0}, V1, 6, 1e-4);
}

/* The uniform-bias path (shared lattice) against brute force at 50 mK, 2 µeV. */
static void test_uniform_grid_50mK(void **state) {
  (void)state;
  enum { n = 401 };
  static double V[n], G[n], Iv[n], E[n];
  for (int i = 0; i < n; i++) V[i] = -5.0 + 0.025 * i;
  sfhet_junction j = make(1, "dynes", 0.86, 0.002, 0.05);
  eval(&j, V, n, G, Iv, E);
  ref_t r = {0.86, 0.002, 0, 0.86, 0.002, 0, KB * 0.05, 0, 0, 1, 0, 0};
  int idx[] = {200, 201, 260, 268, 269, 270, 275, 300, 400, 0, 132};
  for (size_t k = 0; k < sizeof idx / sizeof idx[0]; k++) {
    r.V = V[idx[k]];
    r.want_G = 1;
    assert_close(G[idx[k]], brute(r), 1e-4, 1e-7);
    r.want_G = 0;
    assert_close(Iv[idx[k]], brute(r), 1e-4, 1e-7);
  }
  /* I odd, G even: the negative biases evaluated on their own (no mirror pairs in the call) */
  static double Gn[n / 2], In[n / 2];
  eval(&j, V, n / 2, Gn, In, NULL);
  for (int i = 0; i < n / 2; i++) {
    assert_close(In[i], -Iv[n - 1 - i], 1e-7, 1e-10);
    assert_close(Gn[i], G[n - 1 - i], 1e-7, 1e-10);
  }
}

static void test_sis_peak_at_2delta(void **state) {
  (void)state;
  enum { n = 481 };
  static double V[n], G[n];
  for (int i = 0; i < n; i++) V[i] = 1.60 + 0.0005 * i;
  sfhet_junction j = make(1, "dynes", 0.86, 0.001, 0.3);
  eval(&j, V, n, G, NULL, NULL);
  int best = 0;
  for (int i = 0; i < n; i++)
    if (G[i] > G[best]) best = i;
  assert_close(V[best], 1.72, 0, 0.004);
}

static void test_zeeman_polarised(void **state) {
  (void)state;
  double V[] = {0.3, 0.7, 0.9, 1.2};
  sfhet_junction j = make(0, "zeeman", 0.86, 0.03, 0.3);
  sfhet_junction_set(&j, "h", 0.15);
  j.P = 0.4;
  check_points(&j, (ref_t){0.86, 0.03, 0.15, 0, 0, 0, KB * 0.3, 0, 0.4, 0, 0, 1}, V, 4, 1e-4);
  /* SIS: Zeeman-split first electrode, Dynes second, spin-conserving tunnelling with a spin filter */
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("zeeman"), sfhet_dos_find("dynes"));
  sfhet_junction_set(&j, "delta", 0.86);
  sfhet_junction_set(&j, "gamma", 0.03);
  sfhet_junction_set(&j, "h", 0.15);
  sfhet_junction_set(&j, "delta2", 0.5);
  sfhet_junction_set(&j, "gamma2", 0.04);
  j.T = 0.5;
  j.P = -0.3;
  double V2[] = {0.5, 1.2, 1.36, 1.5, 2.5};
  check_points(&j, (ref_t){0.86, 0.03, 0.15, 0.5, 0.04, 0, KB * 0.5, 0, -0.3, 1, 0, 1}, V2, 5, 1e-4);
}

/* BCS NIS (Γ = 0): reference by the substitution E = Δ cosh t, which removes the edge singularity. */
typedef struct {
  double d, kT, V;
} bcs_t;

static double bcs_integrand(double t, void *arg) {
  const bcs_t *b = arg;
  double E = b->d * cosh(t);
  return b->d * cosh(t) * (ref_k(E - b->V, b->kT) + ref_k(-E - b->V, b->kT));
}

static void test_nis_bcs(void **state) {
  (void)state;
  double V[] = {0.0, 0.5, 0.8, 0.86, 0.9, 1.5};
  double G[6];
  sfhet_junction j = make(0, "dynes", 0.86, 0.0, 1.0);
  eval(&j, V, 6, G, NULL, NULL);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
  for (int i = 0; i < 6; i++) {
    bcs_t b = {0.86, KB * 1.0, V[i]};
    gsl_function F = {bcs_integrand, &b};
    double r, e;
    gsl_integration_qag(&F, 0.0, acosh(60.0), 1e-14, 1e-11, 2000, GSL_INTEG_GAUSS61, w, &r, &e);
    assert_close(G[i], r, 1e-4, 1e-8);
  }
  gsl_integration_workspace_free(w);
}

/* ------------------------------------------------------------ lock-in and broadening */

static void test_lockin(void **state) {
  (void)state;
  sfhet_junction j = make(1, "dynes", 0.86, 0.08, 1.5);
  double V[] = {0.3, 1.6, 1.72, 1.8, 3.0}, G0[5], G1[5], Gl[5];
  eval(&j, V, 5, G0, NULL, NULL);
  j.vac = 1e-7; /* V_ac -> 0 equals no lock-in */
  eval(&j, V, 5, G1, NULL, NULL);
  for (int i = 0; i < 5; i++) assert_close(G1[i], G0[i], 1e-9, 1e-12);
  j.vac = 0.04;
  eval(&j, V, 5, Gl, NULL, NULL);
  sfhet_junction ref = make(1, "dynes", 0.86, 0.08, 1.5);
  ref.rel_tol = 1e-8; /* a smooth integrand, so QAWS reaches its own tolerance */
  for (int i = 0; i < 5; i++) assert_close(Gl[i], junction_lockin_ref(&ref, V[i], 0.04, 1e-9), 1e-4, 1e-8);
  /* Gaussian instrument response against direct quadrature */
  j.vac = 0.0;
  j.sigma_inst = 0.03;
  double Gs[5];
  eval(&j, V, 5, Gs, NULL, NULL);
  for (int i = 0; i < 5; i++) {
    double s = 0.0, hq = 0.0005;
    for (double v = -0.3; v <= 0.3 + 1e-12; v += hq) {
      double Vv = V[i] + v, g;
      eval(&ref, &Vv, 1, &g, NULL, NULL);
      s += g * exp(-0.5 * v * v / (0.03 * 0.03)) * hq / (0.03 * sqrt(2 * M_PI));
    }
    assert_close(Gs[i], s, 1e-4, 1e-8);
  }
}

static void test_zbp_and_didv(void **state) {
  (void)state;
  sfhet_junction j = make(0, "dynes", 0.86, 0.05, 1.0);
  double V[] = {0.0, 0.02, 0.5}, G0[3], G1[3];
  eval(&j, V, 3, G0, NULL, NULL);
  j.zbp_amp = 0.2;
  j.zbp_sigma = 0.05;
  eval(&j, V, 3, G1, NULL, NULL);
  for (int i = 0; i < 3; i++) assert_close(G1[i] - G0[i], 0.2 * exp(-0.5 * V[i] * V[i] / 0.0025), 1e-10, 1e-12);
  /* G is dI/dV of the returned current (both junctions, with the zero-bias peak) */
  for (int sis = 0; sis < 2; sis++) {
    sfhet_junction k = make(sis, "dynes", 0.86, 0.05, 1.0);
    k.zbp_amp = sis ? 0.0 : 0.2;
    double h = 1e-4, Vs[5] = {0.9 - 2 * h, 0.9 - h, 0.9, 0.9 + h, 0.9 + 2 * h}, G[5], Iv[5];
    eval(&k, Vs, 5, G, Iv, NULL);
    double d = (Iv[0] - 8 * Iv[1] + 8 * Iv[3] - Iv[4]) / (12 * h);
    assert_close(G[2], d, 1e-5, 1e-8);
  }
}

static void test_generic_model_path(void **state) {
  (void)state;
  /* maki with ζ = b_so = 0 is zeeman: the generic (finite-difference) path must agree with the
   * closed-form path to the accuracy */
  double V[] = {0.2, 0.9, 1.5, 1.9, 2.4};
  double Ga[5], Gb[5], Ia[5], Ib[5];
  sfhet_junction a, b;
  sfhet_junction_init(&a, SFHET_JUNCTION_SIS, sfhet_dos_find("maki"), NULL);
  sfhet_junction_init(&b, SFHET_JUNCTION_SIS, sfhet_dos_find("zeeman"), NULL);
  const char *names[] = {"delta", "gamma", "h", "delta2", "gamma2", "h2"};
  double vals[] = {0.86, 0.04, 0.1, 0.7, 0.03, 0.05};
  for (int k = 0; k < 6; k++) {
    assert_int_equal(sfhet_junction_set(&a, names[k], vals[k]), 0);
    assert_int_equal(sfhet_junction_set(&b, names[k], vals[k]), 0);
  }
  a.T = b.T = 0.8;
  a.P = b.P = 0.2;
  eval(&a, V, 5, Ga, Ia, NULL);
  eval(&b, V, 5, Gb, Ib, NULL);
  for (int i = 0; i < 5; i++) {
    assert_close(Ga[i], Gb[i], 1e-4, 1e-7);
    assert_close(Ia[i], Ib[i], 1e-4, 1e-7);
  }
}

static void test_dG(void **state) {
  (void)state;
  sfhet_junction j = make(1, "dynes", 0.86, 0.08, 1.5);
  double V[] = {0.5, 1.72, 2.5}, dG[9], gp[3], gm[3];
  const char *names[] = {"delta", "gamma", "T"};
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_dG(&j, V, 3, names, 3, dG, ws), 0);
  for (int k = 0; k < 3; k++) {
    double x, h = 1e-3;
    sfhet_junction jj = j;
    sfhet_junction_get(&j, names[k], &x);
    sfhet_junction_set(&jj, names[k], x + h);
    eval(&jj, V, 3, gp, NULL, NULL);
    sfhet_junction_set(&jj, names[k], x - h);
    eval(&jj, V, 3, gm, NULL, NULL);
    for (int i = 0; i < 3; i++) assert_close(dG[i * 3 + k], (gp[i] - gm[i]) / (2 * h), 2e-3, 1e-3);
  }
  /* at a bound (gamma2 = 0 is not allowed for SIS, vac = 0 is): one-sided difference */
  const char *nv[] = {"vac"};
  assert_int_equal(sfhet_junction_dG(&j, V, 3, nv, 1, dG, ws), 0);
  for (int i = 0; i < 3; i++) assert_true(isfinite(dG[i]));
  sfhet_junction_ws_free(ws);
}

static void test_params(void **state) {
  (void)state;
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  const char *want[] = {"delta", "gamma", "delta2", "gamma2", "T", "vac", "sigma_inst", "zbp_amp", "zbp_sigma", "P"};
  assert_int_equal(sfhet_junction_nparams(&j), 10);
  for (size_t k = 0; k < 10; k++) assert_string_equal(sfhet_junction_param(&j, k)->name, want[k]);
  assert_int_equal(sfhet_junction_param(&j, 3)->dim, SFHET_DIM_ENERGY);
  double v;
  assert_int_equal(sfhet_junction_set(&j, "gamma2", 0.07), 0);
  assert_int_equal(sfhet_junction_get(&j, "gamma2", &v), 0);
  assert_close(v, 0.07, 0, 0);
  assert_close(j.p2[1], 0.07, 0, 0);
  assert_int_equal(sfhet_junction_set(&j, "bogus", 1.0), SFHET_EINVAL);
  assert_int_not_equal(sfhet_junction_check(&j), 0); /* gamma = 0 on side 1 of an SIS junction */
  assert_non_null(strstr(sfhet_last_error(), "--gamma"));
  sfhet_junction_set(&j, "gamma", -0.1);
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--gamma"));
  sfhet_junction_set(&j, "gamma", 0.1);
  j.T = 0.0;
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--T"));
  j.T = NAN;
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  sfhet_junction_init(&j, SFHET_JUNCTION_NIS, sfhet_dos_find("aniso"), NULL);
  assert_int_equal(sfhet_junction_nparams(&j), 3 + 6);
  sfhet_junction_set(&j, "l", 4);
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--l"));
}

/* The FFT correlations and the direct window sums are two evaluations of the same trapezoid sums. */
static void test_fft_matches_direct(void **state) {
  (void)state;
  enum { n = 1001 };
  static double V[n], G[2][n], Iv[2][n];
  for (int i = 0; i < n; i++) V[i] = -4.0 + 8.5 * i / (n - 1); /* not mirror-symmetric */
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("zeeman"), sfhet_dos_find("dynes"));
  sfhet_junction_set(&j, "gamma", 0.03);
  sfhet_junction_set(&j, "h", 0.1);
  sfhet_junction_set(&j, "delta2", 0.6);
  sfhet_junction_set(&j, "gamma2", 0.05);
  j.T = 0.7;
  j.P = 0.25;
  for (int mode = 0; mode < 2; mode++) {
    junction_fft_mode = mode;
    eval(&j, V, n, G[mode], Iv[mode], NULL);
  }
  junction_fft_mode = -1;
  for (int i = 0; i < n; i++) {
    assert_close(G[1][i], G[0][i], 1e-8, 1e-8); /* FFT roundoff ~1e-16 × largest term sums */
    assert_close(Iv[1][i], Iv[0][i], 1e-8, 1e-8);
  }
  ref_t r = {0.86, 0.03, 0.1, 0.6, 0.05, 0, KB * 0.7, 0, 0.25, 1, 1, 1};
  for (int i = 0; i < n; i += 97) {
    r.V = V[i];
    assert_close(G[1][i], brute(r), 1e-4, 1e-7);
  }
}

int main(void) {
  gsl_set_error_handler_off();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nis_regimes),       cmocka_unit_test(test_sis_regimes),
      cmocka_unit_test(test_uniform_grid_50mK), cmocka_unit_test(test_sis_peak_at_2delta),
      cmocka_unit_test(test_zeeman_polarised),  cmocka_unit_test(test_nis_bcs),
      cmocka_unit_test(test_lockin),            cmocka_unit_test(test_zbp_and_didv),
      cmocka_unit_test(test_generic_model_path), cmocka_unit_test(test_dG),
      cmocka_unit_test(test_params),            cmocka_unit_test(test_fft_matches_direct),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
