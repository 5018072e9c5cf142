/* The device chain (src/device/) against independent sources: the junction of two isingqc electrodes
 * built by hand at B = 0 (b = λ along c) and above H_K (b = λ + μB B in plane), the Stoner–Wohlfarth
 * hard-axis magnetisation sin θ_m = B/H_K, the sweep-continued gap curve against the full root scan,
 * maps and fits independent of the evaluation history and of the thread count (bit for bit), and the
 * spectral weight of a flat spectrum. tests/data/README.md, "device". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "sfhet/constants.h"
#include "sfhet/device.h"
#include "sfhet/dos.h"
#include "sfhet/isingqc.h"
#include "sfhet/junction.h"

#define NV 41

static void base_params(double *p) {
  sfhet_param_defaults(sfhet_device_params, SFHET_DEVICE_NPARAMS, p);
  p[SFHET_DEVICE_LAMBDA] = 0.4, p[SFHET_DEVICE_DSO] = 1.0, p[SFHET_DEVICE_ETA] = 0.3;
  p[SFHET_DEVICE_GAMMA0] = 0.05, p[SFHET_DEVICE_VAC] = 0.02, p[SFHET_DEVICE_P] = 0.2;
}

static void grid(double *V) {
  for (int k = 0; k < NV; k++) V[k] = -2.5 + 5.0 * k / (NV - 1);
}

/* The SIS conductance of two isingqc electrodes with exchange b at θ, Δ from the full root scan. */
static void reference(const double *p, double b, double theta, const double *V, double *G, double *delta) {
  const sfhet_dos_info *qc = sfhet_dos_find("isingqc");
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, qc, NULL);
  assert_int_equal(sfhet_junction_set(&j, "dso", p[SFHET_DEVICE_DSO]), 0);
  assert_int_equal(sfhet_junction_set(&j, "eta", p[SFHET_DEVICE_ETA]), 0);
  assert_int_equal(sfhet_junction_set(&j, "b", b), 0);
  assert_int_equal(sfhet_junction_set(&j, "theta", theta), 0);
  double q[SFHET_ISINGQC_NPARAMS];
  memcpy(q, j.p1, sizeof q);
  sfhet_isingqc_ws *w = sfhet_isingqc_ws_alloc();
  sfhet_isingqc_gap_result r;
  assert_int_equal(sfhet_isingqc_gap(q, p[SFHET_DEVICE_TC0], p[SFHET_DEVICE_T], &r, w), 0);
  sfhet_isingqc_ws_free(w);
  *delta = r.sol[0].delta;
  assert_int_equal(sfhet_junction_set(&j, "delta", *delta), 0);
  assert_int_equal(sfhet_junction_set(&j, "gamma", p[SFHET_DEVICE_GAMMA0]), 0);
  j.T = p[SFHET_DEVICE_T], j.vac = p[SFHET_DEVICE_VAC], j.P = p[SFHET_DEVICE_P];
  sfhet_junction_ws *jw = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&j, V, NV, G, NULL, NULL, jw), 0);
  sfhet_junction_ws_free(jw);
}

/* B = 0: m = +c, b = λ along c; above H_K: m in plane, b = λ + μB B (g = 2) in plane. */
static void test_limits(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS], V[NV], G[2 * NV], R[NV], d;
  base_params(p);
  grid(V);
  sfhet_device_field f[2] = {{0.0, 1}, {0.6, 1}};
  sfhet_device_state st[2];
  sfhet_device_ws *ws = sfhet_device_ws_alloc(2);
  assert_int_equal(sfhet_device_map(p, f, 2, V, NV, G, st, ws), 0);
  reference(p, p[SFHET_DEVICE_LAMBDA], 0.0, V, R, &d);
  assert_close(st[0].theta_m, 0.0, 0, 1e-9);
  assert_close(st[0].delta, d, 1e-8, 0);
  for (int k = 0; k < NV; k++) assert_close(G[k], R[k], 1e-7, 1e-9);
  reference(p, p[SFHET_DEVICE_LAMBDA] + SFHET_MU_B_MEV * 0.6, 90.0, V, R, &d);
  assert_close(st[1].theta_m, 90.0, 0, 1e-6);
  assert_close(st[1].delta, d, 1e-8, 0);
  for (int k = 0; k < NV; k++) assert_close(G[NV + k], R[k], 1e-7, 1e-9);
  sfhet_device_ws_free(ws);
}

/* Hard-axis Stoner–Wohlfarth: sin θ_m = B/H_K below H_K; the same states sweeping down. */
static void test_magnet(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS], B[6] = {0.0, 0.07, 0.14, 0.21, 0.28, 0.5};
  base_params(p);
  sfhet_device_field *f;
  size_t nf;
  assert_int_equal(sfhet_device_sweep(B, 6, 1, 1, &f, &nf), 0);
  assert_int_equal(nf, 12);
  sfhet_device_state st[12];
  sfhet_device_ws *ws = sfhet_device_ws_alloc(2);
  assert_int_equal(sfhet_device_states(p, f, nf, st, ws), 0);
  for (size_t i = 0; i < nf; i++) {
    double B0 = f[i].B, want = B0 >= p[SFHET_DEVICE_HK] ? 90.0 : asin(B0 / p[SFHET_DEVICE_HK]) * 180.0 / M_PI;
    assert_close(fabs(90.0 - fabs(90.0 - st[i].theta_m)), want, 1e-6, 1e-6);
    assert_close(st[i].delta, st[11 - i].delta, 1e-9, 0);
  }
  free(f);
  sfhet_device_ws_free(ws);
}

/* A map after a step of the parameters equals the same map from a fresh workspace, bit for bit: the
 * caches reuse only exact parameters, never warm starts from the earlier evaluation. */
static void test_history(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS], V[NV], Ga[3 * NV], Gb[3 * NV];
  base_params(p);
  grid(V);
  sfhet_device_field f[3] = {{0.1, 1}, {0.2, 1}, {0.3, 1}};
  sfhet_device_state a[3], b[3];
  sfhet_device_ws *used = sfhet_device_ws_alloc(2), *fresh = sfhet_device_ws_alloc(2);
  assert_int_equal(sfhet_device_map(p, f, 3, V, NV, Ga, a, used), 0);
  p[SFHET_DEVICE_LAMBDA] *= 1.01, p[SFHET_DEVICE_ETA] *= 0.99;
  assert_int_equal(sfhet_device_map(p, f, 3, V, NV, Ga, a, used), 0);
  assert_int_equal(sfhet_device_map(p, f, 3, V, NV, Gb, b, fresh), 0);
  for (int i = 0; i < 3; i++) assert_memory_equal(&a[i].delta, &b[i].delta, sizeof a[i].delta);
  assert_memory_equal(Ga, Gb, sizeof Ga);
  sfhet_device_ws_free(used), sfhet_device_ws_free(fresh);
}

/* The map and the fit on 1 and on 2 threads give the same numbers, bit for bit (issue 17 follow-up:
 * per-thread caches and warm starts made the fit depend on the thread count). */
static void test_threads(void **state) {
  (void)state;
  enum { NF = 6 };
  double p[SFHET_DEVICE_NPARAMS], V[NV], G1[NF * NV], G2[NF * NV], S[NF * NV];
  base_params(p);
  grid(V);
  sfhet_device_field f[NF];
  for (int i = 0; i < NF; i++) f[i] = (sfhet_device_field){0.1 * i, 1};
  sfhet_device_ws *w1 = sfhet_device_ws_alloc(1), *w2 = sfhet_device_ws_alloc(2);
  assert_int_equal(sfhet_device_map(p, f, NF, V, NV, G1, NULL, w1), 0);
  assert_int_equal(sfhet_device_map(p, f, NF, V, NV, G2, NULL, w2), 0);
  assert_memory_equal(G1, G2, sizeof G1);
  const double *Vp[NF], *Gp[NF], *Sp[NF];
  size_t nv[NF];
  for (int i = 0; i < NF * NV; i++) /* a fixed pseudo-noise of 1 % */
    S[i] = 0.01 * G1[i], G1[i] += S[i] * sin(12.9898 * i + 1.0);
  for (int i = 0; i < NF; i++) Vp[i] = V, Gp[i] = G1 + i * NV, Sp[i] = S + i * NV, nv[i] = NV;
  sfhet_device_data d = {NF, f, nv, Vp, Gp, Sp};
  sfhet_device_fit_config c;
  sfhet_device_fit_config_init(&c);
  memcpy(c.p, p, sizeof c.p);
  assert_int_equal(sfhet_device_fit_set_free(&c, "lambda,eta,HK,gamma0", "--free"), 0);
  c.p[SFHET_DEVICE_LAMBDA] = 0.36, c.p[SFHET_DEVICE_ETA] = 0.27, c.p[SFHET_DEVICE_HK] = 0.32;
  c.p[SFHET_DEVICE_GAMMA0] = 0.055;
  sfhet_device_fit_result r1, r2;
  sfhet_device_ws *v1 = sfhet_device_ws_alloc(1), *v2 = sfhet_device_ws_alloc(2);
  int s1 = sfhet_device_fit(&c, &d, &r1, v1), s2 = sfhet_device_fit(&c, &d, &r2, v2);
  assert_int_equal(s1, 0);
  assert_int_equal(s2, 0);
  assert_int_equal(r1.n_evals, r2.n_evals);
  assert_memory_equal(r1.value, r2.value, sizeof r1.value);
  assert_memory_equal(r1.err, r2.err, sizeof r1.err);
  assert_memory_equal(&r1.chi2, &r2.chi2, sizeof r1.chi2);
  sfhet_device_ws_free(w1), sfhet_device_ws_free(w2), sfhet_device_ws_free(v1), sfhet_device_ws_free(v2);
}

/* The gap curve along a sweep on one thread (every field after the first continued from its
 * neighbour) equals the full root scan of sfhet_isingqc_gap at each field's (b, θ_b). */
static void test_sweep_gap(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS];
  base_params(p);
  enum { NF = 7 };
  sfhet_device_field f[NF];
  for (int i = 0; i < NF; i++) f[i] = (sfhet_device_field){0.1 * i, 1};
  sfhet_device_state st[NF];
  sfhet_device_ws *ws = sfhet_device_ws_alloc(1);
  sfhet_isingqc_ws *w = sfhet_isingqc_ws_alloc();
  assert_int_equal(sfhet_device_states(p, f, NF, st, ws), 0);
  double q[SFHET_ISINGQC_NPARAMS];
  sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, q);
  q[SFHET_ISINGQC_DSO] = p[SFHET_DEVICE_DSO], q[SFHET_ISINGQC_ETA] = p[SFHET_DEVICE_ETA];
  q[SFHET_ISINGQC_GAMMA] = 0.0;
  for (int i = 0; i < NF; i++) {
    q[SFHET_ISINGQC_B] = st[i].b, q[SFHET_ISINGQC_THETA] = st[i].theta_b;
    sfhet_isingqc_gap_result r;
    assert_int_equal(sfhet_isingqc_gap(q, p[SFHET_DEVICE_TC0], p[SFHET_DEVICE_T], &r, w), 0);
    assert_close(st[i].delta, r.sol[0].delta, 1e-9, 0);
  }
  sfhet_isingqc_ws_free(w);
  sfhet_device_ws_free(ws);
}

/* One SIS conductance of two isingqc electrodes (b at θ, gap delta) with both spin axes in isingqc axis
 * mode `axis`, spin filter P along the lab direction f (NULL: the electrodes' axis). */
static void sis_axis(const double *p, double b, double theta, double delta, int axis, double P, const double *f,
                     const double *V, double *G) {
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("isingqc"), NULL);
  const char *nm[] = {"dso", "eta", "b", "theta", "delta", "gamma", "axis", "dso2", "eta2", "b2", "theta2", "delta2",
                      "gamma2", "axis2"};
  double v[] = {p[SFHET_DEVICE_DSO], p[SFHET_DEVICE_ETA], b, theta, delta, p[SFHET_DEVICE_GAMMA0], axis};
  for (int k = 0; k < 14; k++) {
    int st = sfhet_junction_set(&j, nm[k], v[k % 7]);
    if (k < 7) assert_int_equal(st, 0);
  }
  j.T = p[SFHET_DEVICE_T], j.vac = p[SFHET_DEVICE_VAC], j.P = P;
  for (int k = 0; f && k < 3; k++) j.filter_axis[k] = f[k];
  sfhet_junction_ws *jw = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&j, V, NV, G, NULL, NULL, jw), 0);
  sfhet_junction_ws_free(jw);
}

/* Spin filtering along m, not b: below H_K the Zeeman energy tilts b away from m (θ_b ≠ θ_m). The
 * chain's G equals a hand-built junction with the filter along m = (sin θ_m, 0, cos θ_m) (the wiring,
 * to rounding), and the same with the electrodes' spin frame at c or e_θ instead of b (the junction
 * rotates it: the full trace does not depend on the frame). Closed form in P: with the same b on both
 * electrodes the P-linear SIS term ∫ [N S'_m + S_m N'] (f − f') cancels exactly (N even, S odd in E by
 * particle–hole symmetry), so G(P) = A + √(1 − P²) B, the transverse spin coherence suppressed by
 * the filter: [G(0.6) − G(0)] / [G(0.3) − G(0)] = (√0.64 − 1) / (√0.91 − 1), and B ≠ 0 because S is not
 * along m. */
static void test_filter_along_m(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS], V[NV], G[3][NV], g[3][NV];
  base_params(p);
  /* H_K = 5 T, B = 3 T: the Zeeman energy (0.17 meV) ~ λ tilts b from m; weak SOC: a sizeable S */
  p[SFHET_DEVICE_LAMBDA] = 0.2, p[SFHET_DEVICE_HK] = 5.0, p[SFHET_DEVICE_DSO] = 0.2;
  grid(V);
  sfhet_device_field f = {3.0, 1};
  sfhet_device_state st;
  sfhet_device_ws *ws = sfhet_device_ws_alloc(1);
  const double Ps[3] = {0.0, 0.3, 0.6};
  for (int k = 0; k < 3; k++) {
    p[SFHET_DEVICE_P] = Ps[k];
    assert_int_equal(sfhet_device_map(p, &f, 1, V, NV, G[k], &st, ws), 0);
  }
  sfhet_device_ws_free(ws);
  double d = (st.theta_m - st.theta_b) * M_PI / 180.0, tm = st.theta_m * M_PI / 180.0;
  double m[3] = {sin(tm), 0.0, cos(tm)};
  assert_true(fabs(d) > 0.05); /* b is not along m here */
  for (int axis = 0; axis < 3; axis++) sis_axis(p, st.b, st.theta_b, st.delta, axis, 0.6, m, V, g[axis]);
  double big = 0, r3 = sqrt(1.0 - 0.09), r6 = sqrt(1.0 - 0.36);
  for (int k = 0; k < NV; k++) {
    double gnn = p[SFHET_DEVICE_GNN];
    assert_close(G[2][k] / gnn, g[0][k], 0, 1e-12);
    assert_close(g[1][k], g[0][k], 0, 1e-10);
    assert_close(g[2][k], g[0][k], 0, 1e-10);
    double d3 = (G[1][k] - G[0][k]) / gnn, d6 = (G[2][k] - G[0][k]) / gnn;
    assert_close(d6 * (r3 - 1.0), d3 * (r6 - 1.0), 0, 1e-6);
    big = fmax(big, fabs(d6));
  }
  assert_true(big > 1e-4);
  print_message("filter term at P = 0.6 up to %.3g, theta_m - theta_b %.3g rad\n", big, d);
}

/* The map for 1 and 2 threads: the same bits (gap runs of fixed length, isingqc meshes that depend on
 * their parameters only); after other parameters on the same workspace (the gap warm-started from
 * their roots): the same to 1e-9. */
static void test_thread_independence(void **state) {
  (void)state;
  double p[SFHET_DEVICE_NPARAMS], q[SFHET_DEVICE_NPARAMS];
  base_params(p);
  memcpy(q, p, sizeof q);
  q[SFHET_DEVICE_LAMBDA] *= 1.02, q[SFHET_DEVICE_ETA] *= 0.97;
  enum { NFT = 5, NVT = 41 };
  sfhet_device_field f[NFT];
  double V[NVT], G1[NFT * NVT], G2[NFT * NVT], G3[NFT * NVT];
  for (int i = 0; i < NFT; i++) f[i] = (sfhet_device_field){0.12 * i, 1};
  for (int k = 0; k < NVT; k++) V[k] = -2.5 + 5.0 * k / (NVT - 1);
  sfhet_device_ws *one = sfhet_device_ws_alloc(1), *two = sfhet_device_ws_alloc(2), *hist = sfhet_device_ws_alloc(2);
  assert_int_equal(sfhet_device_map(p, f, NFT, V, NVT, G1, NULL, one), 0);
  assert_int_equal(sfhet_device_map(p, f, NFT, V, NVT, G2, NULL, two), 0);
  assert_int_equal(sfhet_device_map(q, f, NFT, V, NVT, G3, NULL, hist), 0);
  assert_int_equal(sfhet_device_map(p, f, NFT, V, NVT, G3, NULL, hist), 0);
  assert_memory_equal(G1, G2, sizeof G1);
  for (int k = 0; k < NFT * NVT; k++) assert_close(G3[k], G1[k], 1e-9, 0);
  sfhet_device_ws_free(one), sfhet_device_ws_free(two), sfhet_device_ws_free(hist);
}

/* A flat spectrum: weight = the bias range, no peak; bad input. */
static void test_features_and_input(void **state) {
  (void)state;
  double V[NV], G[NV], pk, w, wt;
  grid(V);
  for (int k = 0; k < NV; k++) G[k] = 1.0;
  assert_int_equal(sfhet_device_features(V, G, NV, &pk, &w, &wt), 0);
  assert_close(wt, 5.0, 1e-12, 0);
  assert_true(isnan(pk) && isnan(w));
  double p[SFHET_DEVICE_NPARAMS];
  base_params(p);
  p[SFHET_DEVICE_HK] = -1.0;
  assert_int_not_equal(sfhet_device_check(p), 0);
  sfhet_device_fit_config c;
  sfhet_device_fit_config_init(&c);
  assert_int_not_equal(sfhet_device_fit_set_free(&c, "lambda,nope", "--free"), 0);
  assert_int_not_equal(sfhet_device_fit_set_free(&c, "Hn", "--free"), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_magnet),
      cmocka_unit_test(test_history),
      cmocka_unit_test(test_threads),
      cmocka_unit_test(test_sweep_gap),
      cmocka_unit_test(test_thread_independence),
      cmocka_unit_test(test_filter_along_m),
      cmocka_unit_test(test_features_and_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
