/* The junction fit model's derivative hook (src/fit/jmodel.c through junction_derivs): every Jacobian
 * column dy/dp and dy/dx against central differences of the model itself evaluated at 1e-9 accuracy
 * (steps 1e-4 of the parameter), for uniform biases (the spectral path: closed-form dN/dp of tied and
 * untied Dynes electrodes, frozen-lattice differences for T and vac) and non-uniform ones (frozen-
 * lattice differences of the evaluation), spin-split electrodes with a spin filter, and NIS. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "testutil.h"

enum { N = 121 };

static void check_model(sfhet_fit_junction *fj, const char *freelist, const double *x, size_t n) {
  sfhet_fit_model m;
  assert_int_equal(sfhet_fit_junction_model(&m, fj), 0);
  assert_non_null(m.deriv);
  sfhet_fit_junction fr = *fj; /* the same model at 1e-9 for the differences */
  fr.j.rel_tol = 1e-9;
  sfhet_fit_model mr;
  assert_int_equal(sfhet_fit_junction_model(&mr, &fr), 0);
  double p[SFHET_FIT_MAX_PARAMS];
  int want[SFHET_FIT_MAX_PARAMS] = {0};
  for (size_t k = 0; k < m.np; k++) p[k] = m.info[k].def;
  char list[128];
  snprintf(list, sizeof list, "%s", freelist);
  for (char *t = strtok(list, ","); t; t = strtok(NULL, ","))
    for (size_t k = 0; k < m.np; k++)
      if (strcmp(m.info[k].name, t) == 0) want[k] = 1;
  static double jac[N * SFHET_FIT_MAX_PARAMS], dx[N], yp[N], ym[N], xs[N];
  void *ws = m.ws_alloc(&m), *wr = mr.ws_alloc(&mr);
  assert_int_equal(m.deriv(&m, p, want, x, n, jac, m.np, dx, ws), 0);
  for (size_t k = 0; k <= m.np; k++) {
    if (k < m.np && !want[k]) continue;
    double q[SFHET_FIT_MAX_PARAMS], h = k < m.np ? 1e-4 * fmax(fabs(p[k]), 1e-2) : 1e-5, big = 0.0, diff = 0.0;
    memcpy(q, p, sizeof q);
    for (int s = 0; s < 2; s++) {
      for (size_t i = 0; i < n; i++) xs[i] = x[i] + (k == m.np ? (s ? -h : h) : 0.0);
      if (k < m.np) q[k] = p[k] + (s ? -h : h);
      assert_int_equal(mr.eval(&mr, q, xs, n, s ? ym : yp, wr), 0);
    }
    for (size_t i = 0; i < n; i++) {
      double fd = (yp[i] - ym[i]) / (2 * h), an = k < m.np ? jac[i * m.np + k] : dx[i];
      big = fmax(big, fabs(fd));
      diff = fmax(diff, fabs(an - fd));
    }
    if (!(diff <= 2e-3 * big + 1e-9))
      fprintf(stderr, "column %s: largest |d| %.4g, largest difference %.3g\n", k < m.np ? m.info[k].name : "x", big,
              diff);
    assert_true(diff <= 2e-3 * big + 1e-9);
  }
  m.ws_free(ws);
  mr.ws_free(wr);
}

static void uniform(double *x, double a, double b, size_t n) {
  for (size_t i = 0; i < n; i++) x[i] = a + (b - a) * (double)i / (double)(n - 1);
}

/* SIS, identical Dynes electrodes (delta2, gamma2 follow), lock-in: the spectral path. */
static void test_sis_tied(void **state) {
  (void)state;
  double x[N];
  uniform(x, -3.0 + 0.013, 3.0 + 0.013, N); /* a bias offset: not mirror-symmetric */
  sfhet_fit_junction fj;
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&fj.j, "gamma", 0.06);
  sfhet_junction_set(&fj.j, "T", 1.2);
  sfhet_junction_set(&fj.j, "vac", 0.03);
  check_model(&fj, "delta,gamma,T,vac", x, N);
  sfhet_junction_set(&fj.j, "T", 0.1); /* narrow peaks */
  sfhet_junction_set(&fj.j, "gamma", 0.01);
  check_model(&fj, "delta,gamma", x, N);
}

/* SIS with separate second-electrode parameters (the iω route) and Zeeman-split electrodes with P. */
static void test_sis_untied_spin(void **state) {
  (void)state;
  double x[N];
  uniform(x, -3.0, 3.0, N);
  sfhet_fit_junction fj;
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&fj.j, "gamma", 0.05);
  sfhet_junction_set(&fj.j, "delta2", 0.6);
  sfhet_junction_set(&fj.j, "gamma2", 0.03);
  sfhet_junction_set(&fj.j, "T", 0.8);
  check_model(&fj, "delta,gamma,delta2,gamma2", x, N);
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_SIS, sfhet_dos_find("zeeman"), sfhet_dos_find("dynes"));
  sfhet_junction_set(&fj.j, "gamma", 0.04);
  sfhet_junction_set(&fj.j, "h", 0.1);
  sfhet_junction_set(&fj.j, "gamma2", 0.05);
  sfhet_junction_set(&fj.j, "T", 0.7);
  sfhet_junction_set(&fj.j, "P", 0.3);
  check_model(&fj, "delta,gamma,h,delta2,P", x, N);
}

/* NIS, uniform and non-uniform biases (the frozen-lattice differences). */
static void test_nis(void **state) {
  (void)state;
  double x[N];
  uniform(x, -2.0, 2.0, N);
  sfhet_fit_junction fj;
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_NIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&fj.j, "gamma", 0.03);
  sfhet_junction_set(&fj.j, "T", 0.4);
  sfhet_junction_set(&fj.j, "vac", 0.02);
  check_model(&fj, "delta,gamma,T", x, N);
  for (size_t i = 0; i < N; i++) x[i] = 1.5 * sinh(2.0 * ((double)i - 60.0) / 60.0) / sinh(2.0);
  check_model(&fj, "delta,gamma,T,vac", x, N);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sis_tied),
      cmocka_unit_test(test_sis_untied_spin),
      cmocka_unit_test(test_nis),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
