/* BCS gap and Abrikosov–Gor'kov Tc: sfhet against (a) the energy-integral gap equation solved with GSL
 * QAGIU + Brent in C and (b) a scipy baseline (brentq + quad / digamma) run by /usr/bin/python3, all
 * timed in this run. Prints time per point and ratios, plus the largest relative difference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>

#include "sfhet/thermo.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
  double t, d;
  gsl_integration_workspace *w;
} ref_ctx;

static double integrand(double xi, void *p) {
  const ref_ctx *c = p;
  double E = hypot(xi, c->d), a = xi > 0 ? tanh(xi / (2 * c->t)) / xi : 1.0 / (2 * c->t);
  return a - tanh(E / (2 * c->t)) / E;
}

static double eq(double d, void *p) {
  ref_ctx *c = p;
  c->d = d;
  gsl_function F = {integrand, c};
  double r, err;
  gsl_integration_qagiu(&F, 0.0, 1e-13, 1e-11, 1000, c->w, &r, &err);
  return r + log(c->t);
}

/* Baseline: energy-integral gap equation (C, GSL). */
static double ref_gap(double t, gsl_integration_workspace *w) {
  ref_ctx c = {t, 0, w};
  gsl_function F = {eq, &c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, 1e-7, 2.0);
  double x = 0;
  for (int i = 0; i < 200; i++) {
    gsl_root_fsolver_iterate(s);
    x = gsl_root_fsolver_root(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0, 1e-12) == GSL_SUCCESS)
      break;
  }
  gsl_root_fsolver_free(s);
  return x;
}

static double python_per_point(const char *script) {
  FILE *p = popen(script, "r");
  double v = NAN;
  if (p) {
    if (fscanf(p, "%lf", &v) != 1) v = NAN;
    pclose(p);
  }
  return v;
}

static const char *PY_GAP =
    "/usr/bin/python3 -c \"\n"
    "import time, numpy as np\n"
    "from scipy.integrate import quad\n"
    "from scipy.optimize import brentq\n"
    "def f(d,t): return quad(lambda x: (np.tanh(x/(2*t))/x if x>0 else 1/(2*t)) - np.tanh(np.hypot(x,d)/(2*t))/np.hypot(x,d), 0, np.inf, epsabs=1e-13, epsrel=1e-11, limit=1000)[0] + np.log(t)\n"
    "ts = np.linspace(0.05, 0.999, 100)\n"
    "t0 = time.perf_counter()\n"
    "[brentq(f, 1e-7, 2.0, args=(t,), xtol=1e-13) for t in ts]\n"
    "print((time.perf_counter()-t0)/len(ts))\n\" 2>/dev/null";

static const char *PY_AG =
    "/usr/bin/python3 -c \"\n"
    "import time, numpy as np\n"
    "from scipy.special import digamma\n"
    "from scipy.optimize import brentq\n"
    "kB=8.617333262e-2; Tc0=7.0; ac=0.5*np.pi*np.exp(-np.euler_gamma)*kB*Tc0\n"
    "al = np.linspace(0.001, 0.999, 2000)*ac\n"
    "t0 = time.perf_counter()\n"
    "[brentq(lambda t: digamma(0.5+a/(2*np.pi*kB*Tc0*t)) - digamma(0.5) + np.log(t), 1e-9, 1.0, xtol=1e-15, rtol=1e-14) for a in al]\n"
    "print((time.perf_counter()-t0)/len(al))\n\" 2>/dev/null";

int main(void) {
  enum { N = 400 };
  gsl_set_error_handler_off();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  double y[N], yr[N], maxrel = 0;
  double t0 = now();
  for (int rep = 0; rep < 10; rep++)
    for (int i = 0; i < N; i++) sfhet_bcs_gap_reduced(0.05 + 0.949 * i / (N - 1.0), &y[i]);
  double ts = (now() - t0) / (10.0 * N);
  t0 = now();
  for (int i = 0; i < N; i++) yr[i] = ref_gap(0.05 + 0.949 * i / (N - 1.0), w);
  double tr = (now() - t0) / N;
  for (int i = 0; i < N; i++) maxrel = fmax(maxrel, fabs(y[i] / yr[i] - 1));
  double tp = python_per_point(PY_GAP);
  printf("BCS gap, %d temperatures 0.05..0.999 Tc\n", N);
  printf("  sfhet Matsubara sum + Brent:        %.3g us/point\n", 1e6 * ts);
  printf("  C energy integral (GSL QAGIU+Brent): %.3g us/point   ratio %.1f\n", 1e6 * tr, tr / ts);
  printf("  scipy quad + brentq:                %.3g us/point   ratio %.1f\n", 1e6 * tp, tp / ts);
  printf("  max relative difference sfhet vs C energy integral: %.2g\n", maxrel);
  enum { M = 2000 };
  double ac = sfhet_ag_alpha_c(7.0), Tc, sum = 0;
  t0 = now();
  for (int i = 0; i < M; i++) {
    sfhet_ag_tc(7.0, (0.001 + 0.998 * i / (M - 1.0)) * ac, &Tc);
    sum += Tc;
  }
  double ta = (now() - t0) / M, tpa = python_per_point(PY_AG);
  printf("AG Tc(alpha), %d points up to alpha_c\n", M);
  printf("  sfhet (GSL digamma + Brent): %.3g us/point\n", 1e6 * ta);
  printf("  scipy digamma + brentq:      %.3g us/point   ratio %.1f  (checksum %.6f)\n", 1e6 * tpa, tpa / ta,
         sum / M);
  gsl_integration_workspace_free(w);
  return maxrel < 1e-7 ? 0 : 1;
}
