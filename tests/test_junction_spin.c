/* The spin-coherent junction (junction/channels.h): SIS of two isingqc electrodes with a tilted exchange
 * field is the full spin trace 2 Tr[ρ1 T ρ2 T], T = √(1 + P σ·f), ρ = N/2 + s·σ. Independent sources
 * (tests/data/README.md, "junction spin trace"): the trace does not depend on the frame in which the
 * electrodes report their spins (isingqc axis modes 0..3, rotated by the engine into f); a filter along
 * c set on the junction equals the electrodes' own axis at c; G(P) = A + P B + √(1 − P²) C exactly (the
 * weights of the collinear and transverse channels), so G(±1), G(0) predict G(±0.5); the dG/dθ column
 * against differences of G. The conformance suite checks the trace against its own quadrature. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/junction.h"
#include "testutil.h"

enum { NV = 9 };
static const double V[NV] = {-2.4, -1.75, -1.2, -0.4, 0.0, 0.6, 1.5, 1.7, 2.3};

static sfhet_junction qc(int sis, double theta, double theta2, int axis, double P, double T) {
  sfhet_junction j;
  sfhet_junction_init(&j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, sfhet_dos_find("isingqc"), NULL);
  const char *nm[] = {"delta", "gamma", "dso", "b", "eta", "theta", "axis"};
  double v[] = {0.84, 0.05, 3.0, 0.5, 1.5, theta, axis};
  for (int k = 0; k < 7; k++) assert_int_equal(sfhet_junction_set(&j, nm[k], v[k]), SFHET_OK);
  if (sis) assert_int_equal(sfhet_junction_set(&j, "theta2", theta2), SFHET_OK);
  j.P = P, j.T = T;
  return j;
}

static void eval(const sfhet_junction *j, double *G) {
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  int st = sfhet_junction_eval(j, V, NV, G, NULL, NULL, ws);
  if (st) fprintf(stderr, "eval: %s\n", sfhet_last_error());
  assert_int_equal(st, SFHET_OK);
  sfhet_junction_ws_free(ws);
}

/* P = 0: the same G whichever frame the electrodes use, equal or different tilts, 1.5 K and T -> 0. */
static void test_frame_free(void **state) {
  (void)state;
  const double T[2] = {1.5, 1e-3}, th2[2] = {60.0, 25.0};
  for (int t = 0; t < 2; t++)
    for (int e = 0; e < 2; e++) {
      double G0[NV], G[NV];
      sfhet_junction j = qc(1, 60.0, th2[e], 0, 0.0, T[t]);
      eval(&j, G0);
      for (int ax = 1; ax <= 3; ax++) {
        j = qc(1, 60.0, th2[e], ax, 0.0, T[t]);
        eval(&j, G);
        for (int i = 0; i < NV; i++) assert_close(G[i], G0[i], 1e-10, 1e-12);
      }
    }
}

/* A filter set on the junction (filter_axis = c) equals the electrodes' own axis at c, for SIS (either
 * tilt) and for NIS, whatever frame the electrodes report in. */
static void test_filter_axis(void **state) {
  (void)state;
  for (int sis = 0; sis <= 1; sis++) {
    double ref[NV], G[NV];
    sfhet_junction j = qc(sis, 60.0, 35.0, 1, 0.4, 1.5);
    eval(&j, ref);
    for (int ax = 0; ax <= 3; ax += 2) {
      j = qc(sis, 60.0, 35.0, ax, 0.4, 1.5);
      j.filter_axis[2] = 2.0; /* any length */
      eval(&j, G);
      for (int i = 0; i < NV; i++) assert_close(G[i], ref[i], 1e-10, 1e-12);
    }
  }
}

/* G(P) = A + P B + √(1 − P²) C: the collinear channels weigh 2(1 ± P), the transverse 4 √(1 − P²). */
static void test_filter_weights(void **state) {
  (void)state;
  double g[5][NV];
  const double P[5] = {1.0, -1.0, 0.0, 0.5, -0.5};
  for (int k = 0; k < 5; k++) {
    sfhet_junction j = qc(1, 60.0, 40.0, 0, P[k], 1.5);
    eval(&j, g[k]);
  }
  double big = 0.0;
  for (int i = 0; i < NV; i++) {
    double A = 0.5 * (g[0][i] + g[1][i]), B = 0.5 * (g[0][i] - g[1][i]), C = g[2][i] - A;
    for (int k = 3; k < 5; k++) assert_close(g[k][i], A + P[k] * B + sqrt(1.0 - P[k] * P[k]) * C, 1e-9, 1e-11);
    big = fmax(big, fabs(C));
  }
  assert_true(big > 1e-2); /* the transverse term is not negligible here */
}

/* dG/dθ (the frame follows θ) against central differences of G, with a filter. */
static void test_dtheta(void **state) {
  (void)state;
  sfhet_junction j = qc(1, 60.0, 60.0, 0, 0.3, 1.5);
  double dG[NV], gp[NV], gm[NV], h = 1e-3;
  const char *nm[] = {"theta"};
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_dG(&j, V, NV, nm, 1, dG, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
  sfhet_junction jj = j;
  assert_int_equal(sfhet_junction_set(&jj, "theta", 60.0 + h), SFHET_OK);
  eval(&jj, gp);
  assert_int_equal(sfhet_junction_set(&jj, "theta", 60.0 - h), SFHET_OK);
  eval(&jj, gm);
  for (int i = 0; i < NV; i++) assert_close(dG[i], (gp[i] - gm[i]) / (2 * h), 2e-3, 1e-5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_frame_free), cmocka_unit_test(test_filter_axis), cmocka_unit_test(test_filter_weights),
      cmocka_unit_test(test_dtheta),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
