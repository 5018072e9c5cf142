/* Bounded least squares: NIST StRD Misra1a certified values, recovery and error calibration on
 * synthetic noisy data, bound flagging, analytic Jacobian, bad input; independence of the units,
 * robust losses against scipy.optimize.least_squares, the evaluation budget and time limit,
 * unidentifiable parameters, model input errors as computation failures. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "testutil.h"

static const double misra_x[14] = {77.6,  114.9, 141.1, 190.8, 239.9, 289.0, 332.8,
                                   378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0};
static const double misra_y[14] = {10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02,
                                   44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78};

static int misra_f(const double *p, double *m, void *ctx) {
  (void)ctx;
  for (int i = 0; i < 14; i++) m[i] = p[0] * (1 - exp(-p[1] * misra_x[i]));
  return SFHET_OK;
}

static int misra_df(const double *p, const int *want, double *J, void *ctx) {
  (void)ctx;
  for (int i = 0; i < 14; i++) {
    if (want[0]) J[i * 2 + 0] = 1 - exp(-p[1] * misra_x[i]);
    if (want[1]) J[i * 2 + 1] = p[0] * misra_x[i] * exp(-p[1] * misra_x[i]);
  }
  return SFHET_OK;
}

static void misra(int analytic) {
  sfhet_lsq_param par[2] = {{"b1", 500, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"b2", 1e-4, -INFINITY, INFINITY, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {14, misra_y, NULL, misra_f, analytic ? misra_df : NULL, NULL, 0, 0, 0, 0};
  sfhet_lsq_result r;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_OK);
  /* NIST StRD Misra1a certified values (see tests/data/README.md) */
  assert_close(par[0].value, 2.3894212918E+02, 1e-6, 0);
  assert_close(par[1].value, 5.5015643181E-04, 1e-6, 0);
  assert_close(par[0].err, 2.7070075241E+00, 1e-4, 0);
  assert_close(par[1].err, 7.2668688436E-06, 1e-4, 0);
  assert_close(r.chi2, 1.2455138894E-01, 1e-6, 0);
  assert_int_equal(r.dof, 12);
  assert_true(r.converged);
  assert_true(r.errors_scaled);
  assert_true(fabs(r.corr[1]) < 1 && fabs(r.corr[1]) > 0.5); /* b1, b2 strongly correlated */
  assert_close(r.corr[0], 1, 1e-12, 0);
  sfhet_lsq_result_free(&r);
}

static void test_misra_fd(void **s) { (void)s; misra(0); }
static void test_misra_analytic(void **s) { (void)s; misra(1); }

/* Gaussian peak on a background with known sigma: truth within 3 sigma and calibrated errors. */
typedef struct {
  const double *x;
  size_t n;
} peak_ctx;

static int peak_f(const double *p, double *m, void *ctx) {
  peak_ctx *c = ctx;
  for (size_t i = 0; i < c->n; i++) {
    double u = (c->x[i] - p[1]) / p[2];
    m[i] = p[0] * exp(-0.5 * u * u) + p[3];
  }
  return SFHET_OK;
}

static void test_recovery_calibration(void **s) {
  (void)s;
  enum { N = 101, REP = 200 };
  double x[N], y[N], sig[N];
  const double truth[4] = {2.0, 0.3, 0.7, 0.5};
  for (int i = 0; i < N; i++) x[i] = -3 + 6.0 * i / (N - 1), sig[i] = 0.05;
  peak_ctx c = {x, N};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 12345);
  double sum[4] = {0}, sum2[4] = {0}, errsum[4] = {0};
  int within = 0;
  for (int rep = 0; rep < REP; rep++) {
    peak_f(truth, y, &c);
    for (int i = 0; i < N; i++) y[i] += gsl_ran_gaussian(rng, sig[i]);
    sfhet_lsq_param par[4] = {{"A", 1.0, 0, 10, 1, 0, 0, 0},
                              {"x0", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"w", 1.0, 0.01, INFINITY, 1, 0, 0, 0},
                              {"b", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0}};
    sfhet_lsq_problem pb = {N, y, sig, peak_f, NULL, &c, 0, 0, 0, 0};
    sfhet_lsq_result r;
    assert_int_equal(sfhet_lsq_fit(&pb, par, 4, &r), SFHET_OK);
    assert_false(r.errors_scaled);
    int ok = 1;
    for (int k = 0; k < 4; k++) {
      sum[k] += par[k].value;
      sum2[k] += par[k].value * par[k].value;
      errsum[k] += par[k].err;
      ok &= fabs(par[k].value - truth[k]) < 3 * par[k].err;
    }
    within += ok;
    sfhet_lsq_result_free(&r);
  }
  gsl_rng_free(rng);
  assert_true(within >= 0.95 * REP); /* expect 0.9973^4 ~ 99% */
  for (int k = 0; k < 4; k++) {
    double mean = sum[k] / REP, sd = sqrt(sum2[k] / REP - mean * mean), err = errsum[k] / REP;
    assert_close(mean, truth[k], 0, 4 * sd / sqrt(REP));
    assert_close(sd, err, 0.2, 0); /* reported errors match the scatter within 20% */
  }
}

static void test_bound_flag(void **s) {
  (void)s;
  enum { N = 50 };
  double x[N], y[N];
  for (int i = 0; i < N; i++) x[i] = -3 + 6.0 * i / (N - 1);
  peak_ctx c = {x, N};
  const double truth[4] = {2.0, 0.3, 0.7, 0.5};
  peak_f(truth, y, &c);
  /* amplitude bounded above below the truth: ends at the bound, flagged, no error */
  sfhet_lsq_param par[4] = {{"A", 1.0, 0, 1.5, 1, 0, 0, 0},
                            {"x0", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"w", 1.0, 0.01, INFINITY, 1, 0, 0, 0},
                            {"b", 0.5, -INFINITY, INFINITY, 0, 0, 0, 0}};
  sfhet_lsq_problem pb = {N, y, NULL, peak_f, NULL, &c, 500, 0, 0, 0};
  sfhet_lsq_result r;
  sfhet_lsq_fit(&pb, par, 4, &r);
  assert_int_equal(par[0].at_bound, 1);
  assert_true(isnan(par[0].err));
  assert_close(par[0].value, 1.5, 1e-5, 0);
  assert_int_equal(par[1].at_bound, 0);
  assert_true(par[1].err > 0);
  assert_true(par[3].err == 0 && par[3].value == 0.5); /* fixed stays fixed */
  sfhet_lsq_result_free(&r);
}

/* A model that cannot be evaluated for b2 > 2e-3 (ENOCONV, like a near-divergent integral): trial steps
 * there must be rejected, not end the fit; a fit pinned against that wall by its rejected steps is not
 * converged (it used to be reported as converged at b2 = 2e-3 with step size below xtol); a start there
 * is an error. */
static int guarded_failures;

static int guarded_f(const double *p, double *m, void *ctx) {
  if (p[1] > 2e-3) {
    guarded_failures++;
    SFHET_ERROR(SFHET_ENOCONV, "model: b2 = %g out of reach", p[1]);
  }
  return misra_f(p, m, ctx);
}

/* A parameter whose Jacobian column vanishes at the start (y = 1 + eta^2 g(x), eta from 1e-4; the truth
 * 0.3): the Gauss-Newton step aims ~10^3 sizes away. The step cap rejects such trials without
 * evaluating the model (where a real model, a DOS with a huge scattering rate, is slow or undefined),
 * so the fit converges without ever evaluating far from the path. */
static int far_evals;

static int weak_f(const double *p, double *m, void *ctx) {
  (void)ctx;
  if (fabs(p[0]) > 10) far_evals++;
  for (int i = 0; i < 40; i++) {
    double x = 0.1 * i;
    m[i] = 1.0 + p[0] * p[0] * exp(-(x - 2) * (x - 2));
  }
  return SFHET_OK;
}

static void test_weak_start_column(void **s) {
  (void)s;
  double y[40];
  const double truth = 0.3;
  weak_f(&truth, y, NULL);
  for (int i = 0; i < 40; i++) y[i] += 1e-4 * sin(7.0 * i); /* deterministic "noise" */
  sfhet_lsq_param par[1] = {{"eta", 1e-4, 0, 1000, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {40, y, NULL, weak_f, NULL, NULL, 500, 0, 0, 0};
  sfhet_lsq_result r;
  far_evals = 0;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 1, &r), SFHET_OK);
  assert_close(par[0].value, truth, 1e-3, 0);
  assert_int_equal(far_evals, 0);
  sfhet_lsq_result_free(&r);
}

static void test_trial_rejection(void **s) {
  (void)s;
  sfhet_lsq_param par[2] = {{"b1", 50, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"b2", 1.5e-3, -INFINITY, INFINITY, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {14, misra_y, NULL, guarded_f, NULL, NULL, 500, 0, 0, 0};
  sfhet_lsq_result r;
  guarded_failures = 0;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_OK); /* certified values, wall or not */
  assert_close(par[0].value, 2.3894212918E+02, 1e-6, 0);
  assert_close(par[1].value, 5.5015643181E-04, 1e-6, 0);
  sfhet_lsq_result_free(&r);
  par[0].value = 10, par[1].value = 1e-3; /* the first steps run into the wall and stay there */
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_ENOCONV);
  assert_false(r.converged);
  assert_non_null(strstr(r.reason, "cannot be evaluated"));
  assert_true(guarded_failures > 0); /* the trial points beyond the wall were tried and rejected */
  sfhet_lsq_result_free(&r);
  par[0].value = 500;
  par[1].value = 3e-3;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_ENOCONV);
  sfhet_lsq_result_free(&r);
}

static void test_bad_input(void **s) {
  (void)s;
  sfhet_lsq_param par[2] = {{"b1", 500, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"b2", 1e-4, -INFINITY, INFINITY, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {1, misra_y, NULL, misra_f, NULL, NULL, 0, 0, 0, 0};
  sfhet_lsq_result r;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_EDATA);
  assert_non_null(strstr(sfhet_last_error(), "1 data points for 2 free parameters"));
  pb.n = 14;
  par[0].lo = 0;
  par[0].hi = 100;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_EINVAL);
  assert_non_null(strstr(sfhet_last_error(), "outside its bounds"));
  par[0].value = NAN;
  assert_int_equal(sfhet_lsq_fit(&pb, par, 2, &r), SFHET_EINVAL);
}

/* The peak of test_recovery_calibration in other units: x in 1e-3 of its unit, y in 1e-6 (a spectrum
 * in V and S instead of mV and uS). The fit must give the same numbers: the engine works in the
 * parameters' own sizes and the data's spread, not in absolute units. */
static void invariance_data(double xs, double ys, double *x, double *y, size_t n) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 99);
  for (size_t i = 0; i < n; i++) {
    double u = -3 + 6.0 * (double)i / (double)(n - 1), a = (u - 0.3) / 0.7;
    x[i] = xs * u;
    y[i] = ys * (2.0 * exp(-0.5 * a * a) + 0.5 + 0.001 * u + gsl_ran_gaussian(rng, 0.05));
  }
  gsl_rng_free(rng);
}

typedef struct {
  const double *x;
  size_t n;
} line_peak_ctx;

static int line_peak_f(const double *p, double *m, void *ctx) { /* peak + b + c x */
  line_peak_ctx *c = ctx;
  for (size_t i = 0; i < c->n; i++) {
    double u = (c->x[i] - p[1]) / p[2];
    m[i] = p[0] * exp(-0.5 * u * u) + p[3] + p[4] * c->x[i];
  }
  return SFHET_OK;
}

static void fit_in_units(double xs, double ys, sfhet_lsq_param *par, sfhet_lsq_result *r) {
  enum { N = 201 };
  static double x[N], y[N];
  invariance_data(xs, ys, x, y, N);
  line_peak_ctx c = {x, N};
  const double start[5] = {1.5 * ys, 0.1 * xs, 1.0 * xs, 0.2 * ys, 0.0};
  const char *names[5] = {"A", "x0", "w", "b", "c"};
  for (int k = 0; k < 5; k++) par[k] = (sfhet_lsq_param){names[k], start[k], -INFINITY, INFINITY, 1, 0, 0, 0};
  par[2].lo = 0;
  sfhet_lsq_problem pb = {N, y, NULL, line_peak_f, NULL, &c, 0, 0, 0, 0};
  assert_int_equal(sfhet_lsq_fit(&pb, par, 5, r), SFHET_OK);
}

static void test_unit_invariance(void **s) {
  (void)s;
  sfhet_lsq_param a[5], b[5];
  sfhet_lsq_result ra, rb;
  fit_in_units(1.0, 1.0, a, &ra);
  fit_in_units(1e-3, 1e-6, b, &rb);
  const double unit[5] = {1e-6, 1e-3, 1e-3, 1e-6, 1e-3}; /* A, b in y; x0, w in x; c in y/x */
  for (int k = 0; k < 5; k++) {
    double va = a[k].value * unit[k], ea = a[k].err * unit[k];
    print_message("%s: %.12g +- %.3g | %.12g +- %.3g\n", a[k].name, va, ea, b[k].value, b[k].err);
    assert_close(b[k].value, va, 1e-6, 1e-6 * ea);
    assert_close(b[k].err, ea, 1e-6, 0);
  }
  assert_close(rb.chi2, ra.chi2 * 1e-12, 1e-6, 0);
  print_message("iterations %zu, %zu; evaluations %zu, %zu\n", ra.n_iter, rb.n_iter, ra.n_evals, rb.n_evals);
  assert_true(rb.n_evals <= 3 * ra.n_evals / 2 + 4 && ra.n_evals <= 3 * rb.n_evals / 2 + 4); /* similar work */
  sfhet_lsq_result_free(&ra);
  sfhet_lsq_result_free(&rb);
}

/* Robust losses against scipy.optimize.least_squares (tests/data/robust_ref.py): a Gaussian peak with
 * four spikes, residuals in units of sigma = 0.05, f_scale = 1. */
#define RN 101
static double rx[RN], ry[RN], rsig[RN];

static void robust_data(void) {
  for (int i = 0; i < RN; i++) {
    double u1 = fmod(i * 0.6180339887498949 + 0.1, 1.0), u2 = fmod(i * 0.4142135623730951 + 0.3, 1.0);
    double eps = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2), a;
    rx[i] = -3 + 6.0 * i / (RN - 1);
    a = (rx[i] - 0.3) / 0.7;
    ry[i] = 2.0 * exp(-0.5 * a * a) + 0.5 + 0.05 * eps;
    rsig[i] = 0.05;
  }
  ry[10] += 1.0, ry[37] += -0.8, ry[64] += 1.5, ry[90] += 2.0;
}

static void test_robust_vs_scipy(void **s) {
  (void)s;
  static const char *names[4] = {"linear", "soft_l1", "huber", "cauchy"};
  static const double ref[4][5] = { /* A, x0, w, b, cost (scipy 1.10.1) */
      {2.021056065652e+00, 3.413635115260e-01, 6.572251954220e-01, 5.667483782701e-01, 1.505954198859e+03},
      {2.004664267550e+00, 3.043811714658e-01, 6.929961162674e-01, 5.072646045927e-01, 1.355310880465e+02},
      {2.004060892622e+00, 3.046537803083e-01, 6.936303760279e-01, 5.067580834517e-01, 1.442926993195e+02},
      {1.998036249288e+00, 3.017862052500e-01, 7.008208705635e-01, 5.008883381293e-01, 3.910938174822e+01}};
  robust_data();
  peak_ctx c = {rx, RN};
  for (int l = 0; l < 4; l++) {
    sfhet_lsq_loss loss;
    assert_int_equal(sfhet_lsq_loss_parse(names[l], &loss, "--loss"), SFHET_OK);
    sfhet_lsq_param par[4] = {{"A", 1.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"x0", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"w", 1.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"b", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0}};
    sfhet_lsq_problem pb = {RN, ry, rsig, peak_f, NULL, &c, 500, 1e-14, 1e-14, 1e-15};
    sfhet_lsq_options o = {.loss = loss, .loss_scale = 1.0};
    sfhet_lsq_result r;
    assert_int_equal(sfhet_lsq_fit_opt(&pb, &o, par, 4, &r), SFHET_OK);
    for (int k = 0; k < 4; k++) assert_close(par[k].value, ref[l][k], 1e-6, 0);
    assert_close(r.chi2, 2 * ref[l][4], 1e-7, 0); /* chi2 = 2 x scipy's cost */
    sfhet_lsq_result_free(&r);
  }
  sfhet_lsq_loss loss;
  assert_int_equal(sfhet_lsq_loss_parse("tukey", &loss, "--loss"), SFHET_EINVAL);
  assert_non_null(strstr(sfhet_last_error(), "--loss: unknown loss 'tukey'"));
}

/* Errors of robust fits: over 200 realisations of the peak with 4 % spikes (+-20 sigma), the truth
 * within 3 sigma and the spread of the values equal to the mean reported error within 20 %, with
 * sigma given and without (errors then scaled by the robust chi2 analogue). */
static void robust_calibration(sfhet_lsq_loss loss, int with_sigma) {
  enum { N = 101, REP = 200 };
  double x[N], y[N], sig[N];
  const double truth[4] = {2.0, 0.3, 0.7, 0.5};
  for (int i = 0; i < N; i++) x[i] = -3 + 6.0 * i / (N - 1), sig[i] = 0.05;
  peak_ctx c = {x, N};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 777);
  double sum[4] = {0}, sum2[4] = {0}, errsum[4] = {0};
  int within = 0;
  for (int rep = 0; rep < REP; rep++) {
    peak_f(truth, y, &c);
    for (int i = 0; i < N; i++) {
      y[i] += gsl_ran_gaussian(rng, 0.05);
      if (gsl_rng_uniform(rng) < 0.04) y[i] += (gsl_rng_uniform(rng) < 0.5 ? -1 : 1) * 1.0;
    }
    sfhet_lsq_param par[4] = {{"A", 1.0, 0, 10, 1, 0, 0, 0},
                              {"x0", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"w", 1.0, 0.01, INFINITY, 1, 0, 0, 0},
                              {"b", 0.0, -INFINITY, INFINITY, 1, 0, 0, 0}};
    sfhet_lsq_problem pb = {N, y, with_sigma ? sig : NULL, peak_f, NULL, &c, 0, 0, 0, 0};
    sfhet_lsq_options o = {.loss = loss, .loss_scale = with_sigma ? 1.0 : 0.05};
    sfhet_lsq_result r;
    assert_int_equal(sfhet_lsq_fit_opt(&pb, &o, par, 4, &r), SFHET_OK);
    int ok = 1;
    for (int k = 0; k < 4; k++) {
      sum[k] += par[k].value, sum2[k] += par[k].value * par[k].value, errsum[k] += par[k].err;
      ok &= fabs(par[k].value - truth[k]) < 3 * par[k].err;
    }
    within += ok;
    sfhet_lsq_result_free(&r);
  }
  gsl_rng_free(rng);
  print_message("loss %d, sigma %d: %d/%d within 3 sigma\n", (int)loss, with_sigma, within, REP);
  assert_true(within >= 0.93 * REP); /* ~99 % expected */
  for (int k = 0; k < 4; k++) {
    double mean = sum[k] / REP, sd = sqrt(sum2[k] / REP - mean * mean), err = errsum[k] / REP;
    print_message("  p%d: spread %.3g, mean error %.3g (ratio %.2f)\n", k, sd, err, sd / err);
    assert_close(mean, truth[k], 0, 4 * sd / sqrt(REP));
    assert_close(sd, err, 0.2, 0);
  }
}

static void test_robust_calibration(void **s) {
  (void)s;
  robust_calibration(SFHET_LOSS_HUBER, 1);
  robust_calibration(SFHET_LOSS_HUBER, 0);
  robust_calibration(SFHET_LOSS_SOFT_L1, 1);
  robust_calibration(SFHET_LOSS_CAUCHY, 0);
}

/* The budget and the time limit stop a fit with ENOCONV and say which. */
static int slow_f(const double *p, double *m, void *ctx) {
  struct timespec ts = {0, 20000000}; /* 20 ms */
  nanosleep(&ts, NULL);
  return misra_f(p, m, ctx);
}

static void test_budget_and_time_limit(void **s) {
  (void)s;
  sfhet_lsq_param par[2] = {{"b1", 500, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"b2", 1e-4, -INFINITY, INFINITY, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {14, misra_y, NULL, misra_f, NULL, NULL, 0, 0, 0, 0};
  sfhet_lsq_options o = {.max_evals = 8};
  sfhet_lsq_result r;
  assert_int_equal(sfhet_lsq_fit_opt(&pb, &o, par, 2, &r), SFHET_ENOCONV);
  assert_int_equal(r.stopped, SFHET_LSQ_STOP_EVALS);
  assert_true(r.n_evals <= 8 && !r.converged);
  assert_non_null(strstr(r.reason, "evaluation budget"));
  assert_non_null(strstr(sfhet_last_error(), "larger evaluation budget or time limit"));
  assert_true(isnan(par[0].err));
  sfhet_lsq_result_free(&r);
  par[0].value = 500, par[1].value = 1e-4;
  pb.f = slow_f;
  sfhet_lsq_options t = {.time_limit = 0.1};
  assert_int_equal(sfhet_lsq_fit_opt(&pb, &t, par, 2, &r), SFHET_ENOCONV);
  assert_int_equal(r.stopped, SFHET_LSQ_STOP_TIME);
  assert_non_null(strstr(r.reason, "time limit"));
  sfhet_lsq_result_free(&r);
}

/* Parameters the data do not determine: no effect at all, a degenerate pair, an absurd error. */
typedef struct {
  int kind;
} unid_ctx;

static int unid_f(const double *p, double *m, void *ctx) {
  const unid_ctx *u = ctx;
  for (int i = 0; i < 14; i++) {
    double x = misra_x[i] / 100;
    if (u->kind == 0) m[i] = p[0] * x + p[1] + 0 * p[2];      /* p2 unused */
    else if (u->kind == 1) m[i] = (p[0] + p[2]) * x + p[1];   /* only p0 + p2 matters */
    else m[i] = p[0] * x + p[1] + 1e-9 * p[2] * x * x;        /* p2 barely matters */
  }
  return SFHET_OK;
}

/* 10 x + 3 with scatter orthogonal to 1, x and x^2: p2 of kind 2 fits to ~0 with an enormous error */
static double line_y[14];

static void make_line_y(void) {
  double e[14], basis[3][14];
  for (int i = 0; i < 14; i++) {
    double x = misra_x[i] / 100;
    e[i] = 0.1 * sin(3.0 * i), basis[0][i] = 1, basis[1][i] = x, basis[2][i] = x * x;
  }
  for (int b = 0; b < 3; b++) { /* Gram-Schmidt */
    for (int a = 0; a < b; a++) {
      double d = 0;
      for (int i = 0; i < 14; i++) d += basis[a][i] * basis[b][i];
      for (int i = 0; i < 14; i++) basis[b][i] -= d * basis[a][i];
    }
    double nrm = 0, d = 0;
    for (int i = 0; i < 14; i++) nrm += basis[b][i] * basis[b][i];
    for (int i = 0; i < 14; i++) basis[b][i] /= sqrt(nrm), d += basis[b][i] * e[i];
    for (int i = 0; i < 14; i++) e[i] -= d * basis[b][i];
  }
  for (int i = 0; i < 14; i++) line_y[i] = 10 * misra_x[i] / 100 + 3 + e[i];
}

static void test_unidentifiable(void **s) {
  (void)s;
  const char *want[3] = {"c has no effect on the model", "do not determine", "over 1000 times its size"};
  for (int kind = 0; kind < 3; kind++) {
    sfhet_lsq_param par[3] = {{"a", 1, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"b", 1, -INFINITY, INFINITY, 1, 0, 0, 0},
                              {"c", 1, -INFINITY, INFINITY, 1, 0, 0, 0}};
    unid_ctx u = {kind};
    make_line_y();
    sfhet_lsq_problem pb = {14, kind == 2 ? line_y : misra_y, NULL, unid_f, NULL, &u, 0, 0, 0, 0};
    sfhet_lsq_result r;
    assert_int_equal(sfhet_lsq_fit(&pb, par, 3, &r), SFHET_ENOCONV);
    print_message("kind %d: %s (cond %g)\n", kind, r.reason, r.cond);
    assert_false(r.converged);
    assert_non_null(strstr(r.reason, want[kind]));
    assert_true(r.unidentified >= 1);
    if (kind == 0) assert_int_equal(r.unidentified, 3), assert_true(isnan(par[2].err));
    if (kind == 1) assert_true(r.cond > 1e7);
    sfhet_lsq_result_free(&r);
  }
}

/* A model that rejects its own input (like "--gamma: ... outside the allowed range") at a point the fit
 * has accepted: a computation failure (exit class 1), never the model's usage status. */
static int calls;

static int picky_f(const double *p, double *m, void *ctx) {
  if (++calls > 12) SFHET_ERROR(SFHET_ERANGE, "--b2: %g is outside the allowed range", p[1]);
  return misra_f(p, m, ctx);
}

static void test_model_input_error_is_failure(void **s) {
  (void)s;
  sfhet_lsq_param par[2] = {{"b1", 500, -INFINITY, INFINITY, 1, 0, 0, 0},
                            {"b2", 1e-4, -INFINITY, INFINITY, 1, 0, 0, 0}};
  sfhet_lsq_problem pb = {14, misra_y, NULL, picky_f, NULL, NULL, 0, 0, 0, 0};
  sfhet_lsq_result r;
  calls = 0;
  int st = sfhet_lsq_fit(&pb, par, 2, &r);
  print_message("%s\n", sfhet_last_error());
  assert_int_equal(st, SFHET_EFAILED);
  assert_int_equal(sfhet_status_exit_code(st), 1);
  assert_non_null(strstr(sfhet_last_error(), "fit: the model cannot be evaluated at b1 = "));
  sfhet_lsq_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_misra_fd),          cmocka_unit_test(test_misra_analytic),
      cmocka_unit_test(test_recovery_calibration), cmocka_unit_test(test_bound_flag),
      cmocka_unit_test(test_weak_start_column), cmocka_unit_test(test_trial_rejection), cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_unit_invariance), cmocka_unit_test(test_robust_vs_scipy),
      cmocka_unit_test(test_robust_calibration), cmocka_unit_test(test_budget_and_time_limit),
      cmocka_unit_test(test_unidentifiable), cmocka_unit_test(test_model_input_error_is_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
