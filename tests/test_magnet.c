/* Macrospin engine: Stoner-Wohlfarth astroid and hard-axis loop, A-type AFM bilayer spin flop and its
 * metastability fields, F/S/F coercive field of seed 003 eq. 13, energy monotonicity of relaxation,
 * barriers, CrBr3 nucleation, the AFM inversion and T*. Sources: tests/data/README.md (## magnet). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/magnet.h"
#include "testutil.h"

static sfhet_mag_ws *ws;

static int setup(void **st) {
  (void)st;
  ws = sfhet_mag_ws_alloc(8);
  return ws ? 0 : -1;
}
static int teardown(void **st) {
  (void)st;
  sfhet_mag_ws_free(ws);
  return 0;
}

static double *linspace(double a, double b, size_t n) {
  double *v = malloc(n * sizeof *v);
  for (size_t k = 0; k < n; k++) v[k] = a + (b - a) * (double)k / (double)(n - 1);
  return v;
}

static void build(const char *model, const double *p, size_t layers, sfhet_mag_system *s) {
  const sfhet_mag_model *m = sfhet_mag_model_find(model);
  assert_non_null(m);
  assert_int_equal(m->build(p, layers, s), SFHET_OK);
}

static void trace(const sfhet_mag_system *s, double psi, double *H, size_t nh, int eq, const double *m0,
                  sfhet_mag_result *r) {
  sfhet_mag_loop L = {{0, 0, 0}, H, nh, eq, m0, 1};
  sfhet_mag_field_dir(psi, L.u);
  int st = sfhet_mag_trace(ws, s, &L, r);
  if (st) print_message("trace: %s\n", sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
}

/* Largest |event field| (the first switch of a loop from +Hmax). */
static double first_event(const sfhet_mag_result *r) {
  assert_true(r->nevent >= 1);
  return r->event[0].H;
}

static void test_astroid(void **st) {
  (void)st;
  sfhet_mag_system s;
  double HK = 0.7;
  build("sw", &HK, 1, &s);
  double *H = linspace(2.0, -2.0, 41);
  for (double psi = 1; psi < 90; psi += psi < 5 ? 1 : 4) {
    sfhet_mag_result r;
    trace(&s, psi, H, 41, 0, NULL, &r);
    assert_close(-first_event(&r), HK * sfhet_sw_astroid(psi), 1e-7, 0);
    size_t k = r.event[0].index; /* an irreversible jump: the easy-axis component changes sign */
    assert_true(r.Mz[k] > 0 && r.Mz[k + 1] < 0);
    sfhet_mag_result_free(&r);
  }
  sfhet_mag_result r; /* field exactly along the easy axis: switches at -H_K (symmetric escape) */
  trace(&s, 0.0, H, 41, 0, NULL, &r);
  assert_close(-first_event(&r), HK, 1e-7, 0);
  assert_close(r.Mz[40], -1.0, 0, 1e-12);
  sfhet_mag_result_free(&r);
  free(H);
}

static void test_hard_axis(void **st) {
  (void)st;
  sfhet_mag_system s;
  double HK = 0.35;
  build("sw", &HK, 1, &s);
  double *H = linspace(0.7, -0.7, 141);
  sfhet_mag_result r;
  trace(&s, 90.0, H, 141, 0, NULL, &r);
  for (size_t k = 0; k < 141; k++) {
    double want = fabs(H[k]) >= HK ? (H[k] > 0 ? 1.0 : -1.0) : H[k] / HK;
    assert_close(r.Mx[k], want, 0, 1e-7);
    assert_close(r.Mz[k] * r.Mz[k] + r.Mx[k] * r.Mx[k], 1.0, 0, 1e-12);
  }
  sfhet_mag_result_free(&r);
  free(H);
}

static void test_afm_equilibrium(void **st) {
  (void)st;
  double p[2] = {4.5625, 1.125}, Hf, Hs;
  sfhet_afm_fields(p[0], p[1], &Hf, &Hs);
  assert_close(Hf, 3.0, 1e-14, 0);
  assert_close(Hs, 8.0, 1e-14, 0);
  sfhet_mag_system s;
  build("afm", p, 2, &s);
  size_t n = 251;
  double *H = linspace(0.0, 10.0, n);
  sfhet_mag_result r;
  trace(&s, 0.0, H, n, 1, NULL, &r);
  for (size_t k = 0; k < n; k++) {
    double h = H[k], want = h < Hf ? 0.0 : h < Hs ? h / Hs : 1.0;
    if (fabs(h - Hf) < 1e-9) continue; /* degenerate exactly at the flop */
    assert_close(r.Mz[k], want, 0, 1e-7);
    double Eafm = -p[0] - p[1], Eflop = -p[0] - h * h / Hs, Eferro = p[0] - p[1] - 2 * h;
    double Emin = fmin(Eafm, h < Hs ? Eflop : Eferro);
    assert_close(r.E[k], Emin, 0, 1e-9);
  }
  sfhet_mag_result_free(&r);
  free(H);
}

/* Traced bilayer loop: the AFM state survives up to sqrt(HA(2HE+HA)); the flop state, coming down,
 * down to (2HE-HA) sqrt(HA/(2HE+HA)); the ferro state loses stability at 2HE-HA (derived in
 * docs/magnet.md from the tangent Hessians of the three states). */
static void test_afm_metastability(void **st) {
  (void)st;
  double p[2] = {4.5625, 1.125}, HE = p[0], HA = p[1];
  sfhet_mag_system s;
  build("afm", p, 2, &s);
  size_t n = 101;
  double *up = linspace(0.0, 10.0, n), *dn = linspace(10.0, 0.0, n);
  double m0[6] = {0, 0, 1, 0, 0, -1};
  sfhet_mag_result r;
  trace(&s, 0.0, up, n, 0, m0, &r);
  assert_close(r.event[0].H, sqrt(HA * (2 * HE + HA)), 1e-7, 0);
  double mend[6];
  memcpy(mend, r.m + 6 * (n - 1), sizeof mend);
  sfhet_mag_result_free(&r);
  trace(&s, 0.0, dn, n, 0, mend, &r);
  /* saturated -> flop is continuous (the canting grows as sqrt(2HE - HA - H)): an onset, not a jump */
  assert_int_equal(r.nonset, 1);
  assert_close(r.onset[0].H, 2 * HE - HA, 1e-6, 0);
  assert_int_equal(r.nevent, 1);
  assert_close(r.event[0].H, (2 * HE - HA) * sqrt(HA / (2 * HE + HA)), 1e-7, 0);
  assert_close(r.Mz[n - 1], 0.0, 0, 1e-12);
  sfhet_mag_result_free(&r);
  free(up);
  free(dn);
}

/* A reversal through the compensated AFM plateau (<M>.u = 0 up to rounding, no sign) counts once, where
 * <M>.u turns positive: the AFM state's instability sqrt(HA(2HE+HA)), not the entry at the flop
 * state's (2HE-HA) sqrt(HA/(2HE+HA)) (where only rounding used to decide the sign of the plateau). */
static void test_afm_compensated(void **st) {
  (void)st;
  double p[2] = {4.5625, 1.125}, HE = p[0], HA = p[1], hc[4];
  sfhet_mag_system s;
  build("afm", p, 2, &s);
  size_t n = 201;
  double *up = linspace(-10.0, 10.0, n), m0[6] = {0, 0, -1, 0, 0, -1};
  sfhet_mag_result r;
  trace(&s, 0.0, up, n, 0, m0, &r);
  assert_int_equal(sfhet_mag_coercive(&r, hc, 4), 1);
  assert_close(hc[0], sqrt(HA * (2 * HE + HA)), 1e-7, 0);
  sfhet_mag_result_free(&r);
  free(up);
}

/* N-layer open chain: the saturated state's tangent Hessian is (HA + H) I - HE L (L the path-graph
 * Laplacian, eigenvalues 2 - 2cos(k pi/N)), so it loses stability at H = HE (2 + 2cos(pi/N)) - HA,
 * continuously (surface canting): the first onset of the down sweep. */
static void test_afm_layers(void **st) {
  (void)st;
  double p[2] = {1.0, 0.2};
  for (size_t N = 3; N <= 8; N += 5) {
    sfhet_mag_system s;
    build("afm", p, N, &s);
    double *H = linspace(6.0, 0.0, 61);
    sfhet_mag_result r;
    trace(&s, 0.0, H, 61, 0, NULL, &r);
    assert_true(r.nonset >= 1);
    assert_close(r.onset[0].H, p[0] * (2 + 2 * cos(M_PI / (double)N)) - p[1], 1e-7, 0);
    assert_true(r.nevent == 0 || r.event[0].H < r.onset[0].H);
    sfhet_mag_result_free(&r);
    free(H);
  }
}

/* Largest root of (2K1 - chi + H Ms1)(2K2 - chi + H Ms2) = chi^2: where the parallel state along +z
 * loses stability in a decreasing out-of-plane field (eq. 13 expanded to second order). */
static double fsf_switch(double K1, double K2, double M1, double M2, double chi) {
  double a1 = 2 * K1 - chi, a2 = 2 * K2 - chi;
  double A = M1 * M2, B = a1 * M2 + a2 * M1, C = a1 * a2 - chi * chi;
  return (-B + sqrt(B * B - 4 * A * C)) / (2 * A);
}

static void test_fsf_coercive(void **st) {
  (void)st;
  sfhet_mag_system s;
  double *H = linspace(3.0, -3.0, 61);
  double sym[6] = {1.5, 1.5, 1.0, 1.0, 1.0, 0.0}; /* K1 = K2, Ms1 = Ms2: Hc Ms = -2(K - chi J^2) */
  build("fsf", sym, 1, &s);
  sfhet_mag_result r;
  trace(&s, 0.0, H, 61, 0, NULL, &r);
  assert_close(first_event(&r), -2.0 * (1.5 - 1.0) / 1.0, 1e-7, 0);
  double hc[4];
  assert_true(sfhet_mag_coercive(&r, hc, 4) >= 1);
  assert_close(hc[0], -1.0, 1e-7, 0);
  sfhet_mag_result_free(&r);
  double asym[6] = {1.6, 1.6 / 1.12, 1.12, 1.0, 1.0, 0.0};
  build("fsf", asym, 1, &s);
  trace(&s, 0.0, H, 61, 0, NULL, &r);
  assert_close(first_event(&r), fsf_switch(1.6, 1.6 / 1.12, 1.12, 1.0, 1.0), 1e-7, 0);
  sfhet_mag_result_free(&r);
  free(H);
}

/* In-plane field, K < chi J^2 (seed 003 Fig. 4d): restricted to the xz plane (eq. 13's polar angles)
 * each in-plane moment is lost at H Ms = -2(chi J^2 - K) (second-order expansion about theta = pi/2,
 * no cross term); in 3D the pair rotates through y without a barrier and switches as soon as H < 0. */
static void test_fsf_inplane(void **st) {
  (void)st;
  sfhet_mag_system s;
  double p[6] = {0.85, 0.85, 1.0, 1.0, 1.0, 0.0};
  build("fsf", p, 1, &s);
  s.planar = 1;
  double *H = linspace(1.0, -1.0, 41);
  sfhet_mag_result r;
  trace(&s, 90.0, H, 41, 0, NULL, &r);
  assert_close(first_event(&r), -2.0 * (1.0 - 0.85), 1e-7, 0);
  for (size_t k = 0; k < 41; k++) assert_true(fabs(r.My[k]) < 1e-15);
  sfhet_mag_result_free(&r);
  s.planar = 0; /* the jump is at H = 0-, located to the stability tolerance 1e-9 S/M (S = 1 here) */
  trace(&s, 90.0, H, 41, 0, NULL, &r);
  assert_true(first_event(&r) <= 0 && first_event(&r) > -2e-9);
  sfhet_mag_result_free(&r);
  free(H);
}

static void check_monotone(const sfhet_mag_system *s, const double *H, const double *m0) {
  assert_int_equal(sfhet_mag_relax_init(ws, s, H, m0), SFHET_OK);
  double E = sfhet_mag_energy(s, H, sfhet_mag_relax_state(ws)), scale = 10.0;
  int st, it = 0;
  while ((st = sfhet_mag_relax_test(ws)) == SFHET_CONTINUE && it++ < 1000) {
    sfhet_mag_relax_iterate(ws);
    double E1 = sfhet_mag_energy(s, H, sfhet_mag_relax_state(ws));
    assert_true(E1 <= E + 1e-13 * scale);
    E = E1;
  }
  assert_int_equal(st, SFHET_OK);
}

static void test_energy_monotone(void **st) {
  (void)st;
  sfhet_mag_system s;
  double f[6] = {0.85, 0.85 / 1.12, 1.12, 1.0, 1.0, 0.0};
  build("fsf", f, 1, &s);
  double H1[3] = {0.1, 0.0, -0.4}, m1[6] = {0, 0, 1, 0.3, 0.2, 0.9};
  check_monotone(&s, H1, m1);
  double a[2] = {4.5625, 1.125};
  build("afm", a, 6, &s);
  double H2[3] = {0.0, 0.0, 3.2}, m2[18];
  for (int i = 0; i < 18; i++) m2[i] = sin(1.7 * i + 0.3);
  check_monotone(&s, H2, m2);
  double H3[3] = {0, 0, -1.2}, m3[18]; /* unstable symmetric start: pure escape */
  for (int i = 0; i < 6; i++) m3[3 * i] = m3[3 * i + 1] = 0, m3[3 * i + 2] = 1;
  build("afm", a, 6, &s);
  check_monotone(&s, H3, m3);
}

/* SW barrier: K (1 - h)^2 on the easy axis; at an angle, a 1-D scan of E(theta) in the field plane. */
static double scan_barrier(double HK, double psi, double h) {
  double K = HK / 2, best = INFINITY;
  double th0 = 0, E0 = INFINITY;
  for (int k = -1000; k <= 1000; k++) { /* the minimum near theta = 0 (moment up) */
    double t = 1e-3 * k, E = K * sin(t) * sin(t) - h * cos(t - psi);
    if (E < E0) E0 = E, th0 = t;
  }
  for (int dir = -1; dir <= 1; dir += 2) {
    double Emax = E0;
    for (int k = 1; k < 4000000; k++) {
      double t = th0 + dir * 1e-6 * k, E = K * sin(t) * sin(t) - h * cos(t - psi);
      if (E > Emax) Emax = E;
      else if (Emax > E0 + 1e-7 && E < Emax - 1e-9) break;
    }
    best = fmin(best, Emax - E0);
  }
  return best;
}

static void test_barrier(void **st) {
  (void)st;
  sfhet_mag_system s;
  double HK = 1.0, b;
  build("sw", &HK, 1, &s);
  double H[3] = {0, 0, -0.3}, m[3] = {0, 0, 1};
  assert_int_equal(sfhet_mag_barrier(ws, &s, H, m, &b), SFHET_OK);
  assert_close(b, 0.5 * (1 - 0.3) * (1 - 0.3), 1e-8, 0);
  double psi = 150 * M_PI / 180, H2[3] = {0.25 * sin(psi), 0, 0.25 * cos(psi)};
  assert_int_equal(sfhet_mag_barrier(ws, &s, H2, m, &b), SFHET_OK);
  assert_close(b, scan_barrier(HK, psi, 0.25), 1e-6, 1e-9);
}

/* F/S/F at H = 0 (eq. 13): stationary points with magnet j in plane and sin(theta_i) = chi/(2K_i - chi)
 * have f = K_j - chi/2 - chi^2/(2(2K_i - chi)); the barrier out of the parallel up state is the lower. */
static void test_fsf_barrier(void **st) {
  (void)st;
  sfhet_mag_system s;
  double K1 = 1.5, K2 = 1.4, chi = 1.0, p[6] = {K1, K2, 1.0, 1.0, chi, 0.0}, b;
  build("fsf", p, 1, &s);
  double H[3] = {0, 0, 0}, m[6] = {0, 0, 1, 0, 0, 1};
  assert_int_equal(sfhet_mag_barrier(ws, &s, H, m, &b), SFHET_OK);
  double b1 = K2 - chi / 2 - chi * chi / (2 * (2 * K1 - chi)), b2 = K1 - chi / 2 - chi * chi / (2 * (2 * K2 - chi));
  assert_close(b, fmin(b1, b2), 1e-8, 0);
}

static void test_crbr3(void **st) {
  (void)st;
  sfhet_mag_system s;
  double p[2] = {0.35, 0.010};
  build("crbr3", p, 1, &s);
  double *H = linspace(0.1, -0.1, 21);
  sfhet_mag_result r;
  trace(&s, 0.0, H, 21, 0, NULL, &r);
  assert_close(first_event(&r), -0.010, 1e-8, 0);
  assert_close(r.Mz[20], -1.0, 0, 1e-12);
  sfhet_mag_result_free(&r);
  free(H);
  H = linspace(0.0, 0.5, 51);
  trace(&s, 90.0, H, 51, 0, NULL, &r);
  for (size_t k = 0; k < 51; k++) assert_close(r.Mx[k], fmin(H[k] / 0.35, 1.0), 0, 1e-7);
  sfhet_mag_result_free(&r);
  free(H);
}

static void test_afm_fit(void **st) {
  (void)st;
  double HE, HA, eE, eA, Hf, Hs;
  sfhet_afm_fields(4.5625, 1.125, &Hf, &Hs);
  assert_int_equal(sfhet_afm_fit(Hf, 0.1, Hs, 0.2, &HE, &eE, &HA, &eA), SFHET_OK);
  assert_close(HE, 4.5625, 1e-14, 0);
  assert_close(HA, 1.125, 1e-14, 0);
  /* errors against a Monte Carlo of the inversion with Gaussian inputs */
  double sA = 0, sA2 = 0, sE = 0, sE2 = 0;
  unsigned long x = 12345;
  int N = 200000;
  for (int k = 0; k < N; k++) {
    double g[2];
    for (int j = 0; j < 2; j++) {
      double u1, u2;
      x = x * 6364136223846793005ul + 1442695040888963407ul, u1 = ((double)(x >> 11) + 0.5) / 9007199254740992.0;
      x = x * 6364136223846793005ul + 1442695040888963407ul, u2 = ((double)(x >> 11) + 0.5) / 9007199254740992.0;
      g[j] = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
    }
    double f = Hf + 0.01 * g[0], sfield = Hs + 0.02 * g[1], a = f * f / sfield, e = 0.5 * (sfield + a);
    sA += a, sA2 += a * a, sE += e, sE2 += e * e;
  }
  assert_int_equal(sfhet_afm_fit(Hf, 0.01, Hs, 0.02, &HE, &eE, &HA, &eA), SFHET_OK);
  assert_close(sqrt(sA2 / N - sA * sA / N / N), eA, 0.02, 0);
  assert_close(sqrt(sE2 / N - sE * sE / N / N), eE, 0.02, 0);
  assert_int_equal(sfhet_afm_fit(8, 0, 3, 0, &HE, &eE, &HA, &eA), SFHET_EINVAL);
}

static void test_tstar_and_chi(void **st) {
  (void)st;
  double T[3] = {0.0, 2.0, 4.0}, c[3] = {0.5, 0.75, 1.0}, v, ts;
  assert_int_equal(sfhet_fsf_chi_interp(T, c, 3, 1.0, 1.0, &v), SFHET_OK);
  assert_close(v, 1.25, 1e-14, 0);
  assert_int_equal(sfhet_fsf_chi_interp(T, c, 3, 1.0, 5.0, &v), SFHET_ERANGE);
  /* chi(T) = 1 + T/4 (normalised): (K1+K2)/2 = 1.5 at T* = 2 */
  assert_int_equal(sfhet_fsf_tstar(T, c, 3, 1.0, 1.6, 1.4, &ts), SFHET_OK);
  assert_close(ts, 2.0, 1e-14, 0);
  assert_int_equal(sfhet_fsf_tstar(T, c, 3, 1.0, 5, 5, &ts), SFHET_ENOSOL);
}

/* ---- issue 16: barriers by minimum-energy paths, events on the model ---- */

/* Planar F/S/F energy (seed 003 eq. 13) at polar angles t1, t2 in an in-plane field H along x. */
static double fsf_planar(const double *p, double t1, double t2, double H) {
  double chi = p[4];
  return (p[0] - chi / 2) * sin(t1) * sin(t1) + (p[1] - chi / 2) * sin(t2) * sin(t2) -
         chi * sin(t1) * sin(t2) - H * (p[2] * sin(t1) + p[3] * sin(t2));
}

/* Independent barrier: on a periodic N x N grid of (t1, t2), the lowest energy level at which the
 * sublevel set grown from the minimum at (pi/2, pi/2) reaches another local minimum of the grid
 * (flood fill, bisection on the level). Accurate to the grid's resolution. */
static double grid_barrier(const double *p, double H) {
  enum { N = 720 };
  double *E = malloc(N * N * sizeof *E), h = 2 * M_PI / N;
  int *seen = malloc(N * N * sizeof *seen), *queue = malloc(N * N * sizeof *queue);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) E[i * N + j] = fsf_planar(p, -M_PI + i * h, -M_PI + j * h, H);
  int start = (N * 3 / 4) * N + N * 3 / 4; /* (pi/2, pi/2) */
  double lo = E[start], hi = lo + 10;
  for (int it = 0; it < 50; it++) {
    double level = 0.5 * (lo + hi);
    int head = 0, tail = 0, found = 0;
    memset(seen, 0, N * N * sizeof *seen);
    queue[tail++] = start, seen[start] = 1;
    while (head < tail && !found) {
      int c = queue[head++], i = c / N, j = c % N, lmin = 1;
      for (int di = -1; di <= 1; di++)
        for (int dj = -1; dj <= 1; dj++) {
          int q = ((i + di + N) % N) * N + (j + dj + N) % N;
          if (q != c && E[q] < E[c]) lmin = 0;
        }
      int di0 = abs(i - N * 3 / 4), dj0 = abs(j - N * 3 / 4);
      if (lmin && (di0 > N / 20 || dj0 > N / 20)) found = 1;
      const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
      for (int k = 0; k < 4; k++) {
        int q = ((i + nb[k][0] + N) % N) * N + (j + nb[k][1] + N) % N;
        if (!seen[q] && E[q] <= level) seen[q] = 1, queue[tail++] = q;
      }
    }
    if (found) hi = level;
    else lo = level;
  }
  free(E), free(seen), free(queue);
  return hi - fsf_planar(p, M_PI / 2, M_PI / 2, H);
}

/* Issue 16.1: the planar fig4d barrier (in-plane minima, canted saddle) was reported as null. */
static void test_barrier_planar_fig4d(void **st) {
  (void)st;
  const sfhet_mag_preset *pr = sfhet_mag_preset_find("fig4d");
  sfhet_mag_system s;
  build("fsf", pr->values, 1, &s);
  s.planar = 1;
  const double Hs[2] = {-0.1, 0.0}, audit[2] = {0.207225, 0.391071}; /* issue 16 (brute force) */
  for (int k = 0; k < 2; k++) {
    double H[3] = {Hs[k], 0, 0}, m[6] = {1, 0, 0, 1, 0, 0}, b;
    assert_int_equal(sfhet_mag_barrier(ws, &s, H, m, &b), SFHET_OK);
    assert_close(b, audit[k], 3e-6, 0);
    double g = grid_barrier(pr->values, Hs[k]);
    assert_close(b, g, 0, 1e-3);
    print_message("fig4d planar H = %g: barrier %.6f, grid %.6f\n", Hs[k], b, g);
  }
}

static void loop_down(const sfhet_mag_system *s, double psi, double h0, size_t n, sfhet_mag_result *r) {
  double *H = linspace(h0, -h0, n);
  trace(s, psi, H, n, 0, NULL, r);
  free(H);
}

/* Issue 16.2: after the continuous onset (moment 1 cants at H Ms1 = -2(chi - K1)) no spurious,
 * grid-dependent switching events; the one jump is located on the model. */
static void test_events_grid_independent(void **st) {
  (void)st;
  const sfhet_mag_preset *pr = sfhet_mag_preset_find("fig4d");
  sfhet_mag_system s;
  build("fsf", pr->values, 1, &s);
  s.planar = 1;
  const size_t grids[3] = {241, 601, 2001};
  double first = NAN;
  for (int g = 0; g < 3; g++) {
    sfhet_mag_result r;
    loop_down(&s, 90.0, 1.2, grids[g], &r);
    assert_int_equal(r.nevent, 1);
    assert_int_equal(r.nonset, 1);
    assert_close(r.onset[0].H, -2 * (1.0 - pr->values[0]) / pr->values[2], 1e-7, 0);
    if (g == 0) first = r.event[0].H;
    assert_close(r.event[0].H, first, 1e-9, 0);
    assert_true(r.event[0].H < r.onset[0].H);
    sfhet_mag_result_free(&r);
  }
}

/* Independent Stoner-Wohlfarth jump: at the switching field h = -h_sw(psi) H_K the metastable minimum
 * (the local minimum of a fine theta grid that merges with a maximum) is lost and the moment falls into
 * the other minimum; dM = Mpar(new) - Mpar(lost). */
static double sw_jump(double psi_deg) {
  double psi = psi_deg * M_PI / 180, h = -sfhet_sw_astroid(psi_deg) * (1 - 1e-10);
  enum { N = 2000000 };
  double best_lost = NAN, best_stable = NAN, e_prev = 0, e_cur = 0, dmin = INFINITY, Emin = INFINITY;
  for (int k = 0; k <= N + 1; k++) { /* local minima of E(t) = sin^2(t)/2 - h cos(t - psi) */
    double t = -M_PI + 2 * M_PI * k / N, e = 0.5 * sin(t) * sin(t) - h * cos(t - psi);
    if (k >= 2 && e_cur < e_prev && e_cur < e) {
      double tm = t - 2 * M_PI / N, curv = cos(2 * tm) + h * cos(tm - psi);
      if (curv < dmin) dmin = curv, best_lost = cos(tm - psi);
      if (e_cur < Emin) Emin = e_cur, best_stable = cos(tm - psi);
    }
    e_prev = e_cur, e_cur = e;
  }
  return best_stable - best_lost;
}

/* Issue 16.3: coercive fields and jumps on the model, not the grid; one convention without
 * hysteresis. */
static void test_coercive_on_model(void **st) {
  (void)st;
  sfhet_mag_system s;
  double HK = 1.0;
  build("sw", &HK, 1, &s);
  for (size_t n = 41; n <= 401; n += 360) {
    sfhet_mag_result r;
    loop_down(&s, 60.0, 2.0, n, &r); /* Hc on the continuous branch: (1/2) sin 2psi H_K */
    assert_int_equal(r.ncoercive, 1);
    assert_close(r.coercive[0], -0.5 * sin(2 * 60 * M_PI / 180), 1e-10, 0);
    sfhet_mag_result_free(&r);
    loop_down(&s, 89.0, 2.0, n, &r);
    assert_int_equal(r.nevent, 1);
    assert_close(r.event[0].dM, sw_jump(89.0), 0, 1e-5);
    assert_close(r.coercive[0], -0.5 * sin(2 * 89 * M_PI / 180), 1e-9, 0);
    sfhet_mag_result_free(&r);
  }
  /* F/S/F out of plane with K < chi J^2: reversible, Mz = 0 at H = 0; Hc = 0 for every chi */
  for (double chi = 0.9; chi < 1.25; chi += 0.1) {
    double p[6] = {0.85, 0.85 / 1.12, 1.12, 1.0, chi, 0.0};
    build("fsf", p, 1, &s);
    size_t n = 201;
    double *H = linspace(0.8, -0.8, 2 * n - 1);
    for (size_t k = 0; k < n; k++) H[k] = 0.8 - 1.6 * (double)k / (double)(n - 1), H[2 * n - 2 - k] = H[k];
    sfhet_mag_result r;
    trace(&s, 0.0, H, 2 * n - 1, 0, NULL, &r);
    assert_int_equal(r.nevent, 0);
    assert_int_equal(r.ncoercive, 2);
    assert_true(r.coercive[0] == 0.0 && r.coercive[1] == 0.0);
    sfhet_mag_result_free(&r);
    free(H);
  }
  sfhet_mag_result r; /* no sign change: no coercive field at all */
  double *H = linspace(1.0, 0.1, 11);
  trace(&s, 0.0, H, 11, 0, NULL, &r);
  assert_int_equal(r.ncoercive, 0);
  sfhet_mag_result_free(&r);
  free(H);
}

int main(void) {
  sfhet_set_error_handler(NULL);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_astroid),          cmocka_unit_test(test_hard_axis),
      cmocka_unit_test(test_afm_equilibrium),  cmocka_unit_test(test_afm_metastability),
      cmocka_unit_test(test_afm_compensated),
      cmocka_unit_test(test_afm_layers),       cmocka_unit_test(test_fsf_coercive),     cmocka_unit_test(test_fsf_inplane),     cmocka_unit_test(test_energy_monotone),
      cmocka_unit_test(test_barrier),          cmocka_unit_test(test_fsf_barrier),          cmocka_unit_test(test_crbr3),
      cmocka_unit_test(test_afm_fit),          cmocka_unit_test(test_tstar_and_chi),
      cmocka_unit_test(test_barrier_planar_fig4d), cmocka_unit_test(test_events_grid_independent),
      cmocka_unit_test(test_coercive_on_model),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
