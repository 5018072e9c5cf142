/* Global fits (sfhet_fit_global, the block Levenberg-Marquardt of src/fit/global_block.c) against
 * independent solutions: (1) a problem linear in its parameters (shared gnn, one bg0 per spectrum), whose
 * solution and covariance GSL's weighted linear least squares gives in closed form; (2) the same
 * nonlinear joint problem (shared gnn, V0; delta, gamma per spectrum) solved densely by the engine
 * sfhet_lsq_fit_opt; (3) recovery of the shared parameters over 40 noise seeds with the spread of the
 * results matching the reported errors; (4) the same numbers for any thread count. */
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit_fixture.h"
#include "sfhet/error.h"
#include "testutil.h"

#define M 6
#define NP 81

typedef struct {
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  sfhet_fit_config c;
  double x[M][NP], y[M][NP], s[M][NP];
  double td[M], tg[M];
  sfhet_fit_data d[M];
  int shared[SFHET_FIT_MAX_PARAMS];
} job;

/* An NIS field sweep: delta, gamma rising along it, gnn = 1.3, V0 = 0.02 mV, noise on every point. */
static void make_job(job *j, unsigned long seed, double noise, int with_sigma) {
  memset(j, 0, sizeof *j);
  junction_config(&j->fj, &j->m, &j->c, SFHET_JUNCTION_NIS, 0.3, 0.02);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  for (int b = 0; b < M; b++) {
    double xs[NP];
    j->td[b] = 0.86 - 0.03 * b, j->tg[b] = 0.05 + 0.01 * b;
    for (int i = 0; i < NP; i++) j->x[b][i] = -3.0 + 6.0 * i / (NP - 1), xs[i] = j->x[b][i] - 0.02;
    junction_spectrum(&j->fj, j->td[b], j->tg[b], xs, NP, j->y[b]);
    for (int i = 0; i < NP; i++) j->y[b][i] = 1.3 * j->y[b][i] + gsl_ran_gaussian(rng, noise), j->s[b][i] = noise;
    j->d[b] = (sfhet_fit_data){j->x[b], j->y[b], with_sigma ? j->s[b] : NULL, NP};
  }
  gsl_rng_free(rng);
}

/* Per-spectrum fits, then the global one with the named shared parameters. */
static int global(job *j, const char *shared, sfhet_fit_result *r, double *chi2, int threads) {
  assert_int_equal(sfhet_fit_sweep(&j->c, j->d, M, threads, NULL, r), SFHET_OK);
  memset(j->shared, 0, sizeof j->shared);
  for (const char *s = shared; *s;) {
    size_t len = strcspn(s, ",");
    char name[16];
    memcpy(name, s, len), name[len] = 0;
    j->shared[sfhet_fit_index(&j->c, name)] = 1;
    s += len + (s[len] == ',');
  }
  return sfhet_fit_global(&j->c, j->shared, j->d, M, r, chi2, threads);
}

/* Shared gnn and one bg0 per spectrum with delta, gamma fixed: the model is linear in the free
 * parameters, y = gnn G(V) + bg0_i; the stacked weighted linear least squares is the exact answer. */
static void test_linear_closed_form(void **state) {
  (void)state;
  static job j;
  make_job(&j, 5, 0.01, 1);
  int kd = sfhet_fit_index(&j.c, "delta"), kg = sfhet_fit_index(&j.c, "gamma");
  int kn = sfhet_fit_index(&j.c, "gnn"), kb = sfhet_fit_index(&j.c, "bg0");
  j.c.free[kd] = j.c.free[kg] = 0;
  j.c.value[kd] = 0.8, j.c.value[kg] = 0.07;
  assert_int_equal(sfhet_fit_set_free(&j.c, "gnn,bg0", "--free"), SFHET_OK);
  /* the data: the model at gnn = 1.3 (delta, gamma as held, V0 = 0), a background step 0.01 per spectrum
   * and noise; the design matrix: column 0 the model at gnn = 1, bg0 = 0, column 1 + b spectrum b's
   * indicator */
  double p[SFHET_FIT_MAX_PARAMS], G[NP];
  memcpy(p, j.c.value, sizeof p);
  p[kn] = 1, p[kb] = 0;
  void *ws = sfhet_fit_ws_alloc(&j.c);
  assert_int_equal(sfhet_fit_eval(&j.c, p, j.x[0], NP, G, ws), SFHET_OK);
  sfhet_fit_ws_free(&j.c, ws);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  for (int b = 0; b < M; b++)
    for (int i = 0; i < NP; i++) j.y[b][i] = 1.3 * G[i] + 0.01 * b + gsl_ran_gaussian(rng, 0.01);
  gsl_rng_free(rng);
  sfhet_fit_result r[M];
  double chi2;
  assert_int_equal(global(&j, "gnn", r, &chi2, 2), SFHET_OK);
  gsl_matrix *X = gsl_matrix_calloc(M * NP, 1 + M), *cov = gsl_matrix_alloc(1 + M, 1 + M);
  gsl_vector *y = gsl_vector_alloc(M * NP), *w = gsl_vector_alloc(M * NP), *c = gsl_vector_alloc(1 + M);
  for (int b = 0; b < M; b++)
    for (int i = 0; i < NP; i++) {
      gsl_matrix_set(X, b * NP + i, 0, G[i]), gsl_matrix_set(X, b * NP + i, 1 + b, 1.0);
      gsl_vector_set(y, b * NP + i, j.y[b][i]), gsl_vector_set(w, b * NP + i, 1e4);
    }
  gsl_multifit_linear_workspace *lw = gsl_multifit_linear_alloc(M * NP, 1 + M);
  double chisq;
  assert_int_equal(gsl_multifit_wlinear(X, w, y, c, cov, &chisq, lw), 0);
  print_message("gnn: global %.9f +- %.3e, closed form %.9f +- %.3e\n", r[0].value[kn], r[0].err[kn],
                gsl_vector_get(c, 0), sqrt(gsl_matrix_get(cov, 0, 0)));
  /* values to 0.01 sigma: the iteration stops once the Gauss-Newton step left would lower chi^2 by < 1e-6
   * chi^2/dof, i.e. move no parameter by more than ~1e-3 of its error */
  assert_close(r[0].value[kn], gsl_vector_get(c, 0), 0, 0.01 * r[0].err[kn]);
  assert_close(r[0].err[kn], sqrt(gsl_matrix_get(cov, 0, 0)), 1e-6, 0);
  for (int b = 0; b < M; b++) {
    assert_close(r[b].value[kb], gsl_vector_get(c, 1 + b), 0, 0.01 * r[b].err[kb]);
    assert_close(r[b].err[kb], sqrt(gsl_matrix_get(cov, 1 + b, 1 + b)), 1e-6, 0);
    assert_close(r[b].chi2, 0, 0, 10.0 * NP); /* finite, per spectrum */
  }
  assert_close(chi2 * (M * NP - 1 - M), chisq, 1e-9, 0);
  gsl_multifit_linear_free(lw);
  gsl_matrix_free(X), gsl_matrix_free(cov);
  gsl_vector_free(y), gsl_vector_free(w), gsl_vector_free(c);
}

/* The stacked problem for the engine: parameters [gnn, V0, (delta, gamma) per spectrum]. */
typedef struct {
  job *j;
  void *ws;
  int k[4]; /* gnn, V0, delta, gamma */
} dense;

static int dense_f(const double *pg, double *model, void *ctx) {
  dense *D = ctx;
  for (int b = 0; b < M; b++) {
    double p[SFHET_FIT_MAX_PARAMS];
    memcpy(p, D->j->c.value, sizeof p);
    p[D->k[0]] = pg[0], p[D->k[1]] = pg[1], p[D->k[2]] = pg[2 + 2 * b], p[D->k[3]] = pg[3 + 2 * b];
    SFHET_TRY(sfhet_fit_eval(&D->j->c, p, D->j->x[b], NP, model + b * NP, D->ws));
  }
  return SFHET_OK;
}

/* The nonlinear joint problem: the block solution against the engine on the dense stacked problem. */
static void test_dense_engine(void **state) {
  (void)state;
  static job j;
  make_job(&j, 7, 0.01, 0);
  assert_int_equal(sfhet_fit_set_free(&j.c, "gnn,V0", "--free"), SFHET_OK);
  sfhet_fit_result r[M];
  double chi2, y[M * NP];
  assert_int_equal(global(&j, "gnn,V0", r, &chi2, 2), SFHET_OK);
  dense D = {&j, sfhet_fit_ws_alloc(&j.c), {0}};
  const char *nm[4] = {"gnn", "V0", "delta", "gamma"};
  for (int a = 0; a < 4; a++) D.k[a] = sfhet_fit_index(&j.c, nm[a]);
  sfhet_lsq_param par[2 + 2 * M];
  for (int a = 0; a < 2 + 2 * M; a++) {
    int k = D.k[a < 2 ? a : 2 + a % 2], b = a < 2 ? 0 : (a - 2) / 2;
    double v = r[b].value[k] * (1 + 0.01 * (a % 3)); /* near, not at, the block solution */
    par[a] = (sfhet_lsq_param){nm[a < 2 ? a : 2 + a % 2], v, j.c.lo[k], j.c.hi[k], 1, fabs(v) + 1e-3, 0, 0};
  }
  for (int b = 0; b < M; b++) memcpy(y + b * NP, j.y[b], sizeof j.y[b]);
  sfhet_lsq_problem pb = {M * NP, y, NULL, dense_f, NULL, &D, 0, 1e-12, 0, 0};
  sfhet_lsq_options o = {.fd_step = 1e-3};
  sfhet_lsq_result lr;
  assert_int_equal(sfhet_lsq_fit_opt(&pb, &o, par, 2 + 2 * M, &lr), SFHET_OK);
  print_message("gnn: block %.8f +- %.3e, dense %.8f +- %.3e; V0: block %.6f +- %.3e, dense %.6f +- %.3e\n",
                r[0].value[D.k[0]], r[0].err[D.k[0]], par[0].value, par[0].err, r[0].value[D.k[1]],
                r[0].err[D.k[1]], par[1].value, par[1].err);
  assert_close(chi2, lr.chi2_red, 1e-6, 0);
  for (int a = 0; a < 2 + 2 * M; a++) {
    int k = D.k[a < 2 ? a : 2 + a % 2], b = a < 2 ? 0 : (a - 2) / 2;
    assert_close(r[b].value[k], par[a].value, 0, 0.01 * par[a].err);
    assert_close(r[b].err[k], par[a].err, 0.02, 0);
  }
  sfhet_lsq_result_free(&lr);
  sfhet_fit_ws_free(&j.c, D.ws);
}

/* Over 40 noise seeds: the shared gnn and V0 (and spectrum 0's delta) within 3 sigma of the truth in
 * >= 37 fits, the spread of the results within ±25% of the mean reported error. */
static void test_recovery(void **state) {
  (void)state;
  enum { NSEED = 40, NQ = 3 };
  static job j;
  double v[NQ][NSEED], e[NQ][NSEED], truth[NQ] = {1.3, 0.02, 0.86};
  const char *nm[NQ] = {"gnn", "V0", "delta"};
  int inside[NQ] = {0};
  for (int s = 0; s < NSEED; s++) {
    make_job(&j, 100 + (unsigned long)s, 0.01, 1);
    assert_int_equal(sfhet_fit_set_free(&j.c, "gnn,V0", "--free"), SFHET_OK);
    sfhet_fit_result r[M];
    double chi2;
    assert_int_equal(global(&j, "gnn,V0", r, &chi2, 2), SFHET_OK);
    for (int q = 0; q < NQ; q++) {
      int k = sfhet_fit_index(&j.c, nm[q]);
      v[q][s] = r[0].value[k], e[q][s] = r[0].err[k];
      inside[q] += fabs(v[q][s] - truth[q]) <= 3 * e[q][s];
    }
  }
  for (int q = 0; q < NQ; q++) {
    double mean = 0, var = 0, me = 0;
    for (int s = 0; s < NSEED; s++) mean += v[q][s] / NSEED, me += e[q][s] / NSEED;
    for (int s = 0; s < NSEED; s++) var += (v[q][s] - mean) * (v[q][s] - mean) / (NSEED - 1);
    printf("%s: truth %g, mean %.6g, spread %.3e, mean error %.3e (ratio %.3f), within 3 sigma %d/%d\n", nm[q],
           truth[q], mean, sqrt(var), me, sqrt(var) / me, inside[q], NSEED);
    assert_true(inside[q] >= 37);
    assert_true(fabs(sqrt(var) / me - 1.0) <= 0.25);
  }
}

/* Thread count: the same values and errors to the last bit. */
static void test_threads(void **state) {
  (void)state;
  static job j;
  make_job(&j, 9, 0.01, 0);
  assert_int_equal(sfhet_fit_set_free(&j.c, "gnn", "--free"), SFHET_OK);
  static sfhet_fit_result r1[M], r2[M];
  double c1, c2;
  assert_int_equal(global(&j, "gnn", r1, &c1, 1), SFHET_OK);
  assert_int_equal(global(&j, "gnn", r2, &c2, 2), SFHET_OK);
  for (int b = 0; b < M; b++) {
    assert_memory_equal(r1[b].value, r2[b].value, j.c.np * sizeof(double));
    assert_memory_equal(r1[b].err, r2[b].err, j.c.np * sizeof(double));
  }
  assert_memory_equal(&c1, &c2, sizeof c1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_linear_closed_form), cmocka_unit_test(test_dense_engine),
      cmocka_unit_test(test_recovery), cmocka_unit_test(test_threads),
  };
  if (getenv("SFHET_TEST_FILTER")) cmocka_set_test_filter(getenv("SFHET_TEST_FILTER"));
  return cmocka_run_group_tests(tests, NULL, NULL);
}
