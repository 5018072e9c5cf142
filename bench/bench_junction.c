/* Benchmark of the junction integrals: a 401-point SIS dI/dV curve (Δ = 0.86 meV, −5..5 mV) at 1e-4,
 * for Γ = 80 µeV, T = 1.5 K and for the dilution-fridge case Γ = 2 µeV, T = 50 mK. Prints the time per
 * curve and ratios against, in the same run, (a) numpy trapezoid baselines (bench/junction_baseline.py:
 * the differentiated integrand on a uniform grid refined to the same accuracy, and the naive
 * trapz + np.gradient) and (b) per-bias adaptive quadrature (GSL QAGP with breakpoints, epsrel 1e-5). */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sfhet/constants.h"
#include "sfhet/junction.h"
#include "junction/smooth.h"

enum { NV = 401 };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time: robust on a shared machine */
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct {
  double d, g, kT, V;
} qp;

static double qag_integrand(double E, void *arg) { /* SIS dI/dV integrand with N2' in closed form */
  const qp *q = arg;
  double complex z1 = E + I * q->g, z2 = E + q->V + I * q->g;
  double complex s1 = csqrt(z1 - q->d) * csqrt(z1 + q->d), s2 = csqrt(z2 - q->d) * csqrt(z2 + q->d);
  double n1 = creal(z1 / s1), n2 = creal(z2 / s2), dn2 = creal(-q->d * q->d / (s2 * s2 * s2));
  double x = E + q->V, fa = 0.5 * (1 - tanh(0.5 * E / q->kT)), fb = 0.5 * (1 - tanh(0.5 * x / q->kT));
  double c = cosh(0.5 * x / q->kT);
  return n1 * (dn2 * (fa - fb) + n2 / (4 * q->kT * c * c));
}

static double qag_curve(double d, double g, double T, const double *V, double *G) {
  gsl_set_error_handler_off();
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(10000);
  double kT = SFHET_KB_MEV * T, t0 = now();
  for (int i = 0; i < NV; i++) {
    qp q = {d, g, kT, V[i]};
    double W = 40 * kT, lo = fmin(0, -V[i]) - W, hi = fmax(0, -V[i]) + W, pts[8], e;
    double c[4] = {-d, d, -d - V[i], d - V[i]};
    int np = 0;
    pts[np++] = lo;
    for (int k = 0; k < 4; k++) /* sorted insert of the interior edges */
      if (c[k] > lo && c[k] < hi) {
        int m = np++;
        while (m > 1 && pts[m - 1] > c[k]) pts[m] = pts[m - 1], m--;
        pts[m] = c[k];
      }
    pts[np++] = hi;
    gsl_function F = {qag_integrand, &q};
    gsl_integration_qagp(&F, pts, (size_t)np, 1e-12, 1e-5, 10000, w, &G[i], &e);
  }
  gsl_integration_workspace_free(w);
  return now() - t0;
}

static double max_relerr(const double *G, const double *ref) {
  double m = 0;
  for (int i = 0; i < NV; i++) m = fmax(m, fabs(G[i] - ref[i]) / (fabs(ref[i]) + 1e-3));
  return m;
}

/* Runs the Python baseline; fills fair/naive seconds and errors (negative when unavailable). */
static void python_baseline(double d, double g, double T, const char *ref, double *fair_s, double *fair_err,
                            double *naive_s, double *naive_err, long *npts) {
  char cmd[512], line[256];
  *fair_s = *naive_s = -1;
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 bench/junction_baseline.py %g %g %g -5 5 %d 1e-4 %s", d, g, T,
           NV, ref);
  FILE *p = popen(cmd, "r");
  if (!p) return;
  while (fgets(line, sizeof line, p)) {
    sscanf(line, "fair_s=%lf", fair_s);
    sscanf(line, "fair_err=%lf", fair_err);
    sscanf(line, "naive_s=%lf", naive_s);
    sscanf(line, "naive_err=%lf", naive_err);
    sscanf(line, "fair_npts=%ld", npts);
  }
  pclose(p);
}

static void run_case(const char *label, double d, double g, double T, double goal_ms) {
  static double V[NV], G[NV], ref[NV], Gq[NV];
  for (int i = 0; i < NV; i++) V[i] = -5.0 + 10.0 * i / (NV - 1);
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", d);
  sfhet_junction_set(&j, "gamma", g);
  sfhet_junction_set(&j, "delta2", d);
  sfhet_junction_set(&j, "gamma2", g);
  j.T = T;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  j.rel_tol = 1e-9; /* reference */
  if (sfhet_junction_eval(&j, V, NV, ref, NULL, NULL, ws)) {
    printf("%s: reference failed\n", label);
    return;
  }
  j.rel_tol = 1e-4;
  sfhet_junction_eval(&j, V, NV, G, NULL, NULL, ws); /* warm-up */
  int reps = 0;
  double t0 = now(), t;
  do {
    sfhet_junction_eval(&j, V, NV, G, NULL, NULL, ws);
    reps++;
  } while ((t = now() - t0) < 1.0);
  double ms = 1e3 * t / reps;
  char path[] = "/tmp/bench_junction_refXXXXXX";
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  for (int i = 0; f && i < NV; i++) fprintf(f, "%.17g,%.17g\n", V[i], ref[i]);
  if (f) fclose(f);
  double fs, fe = NAN, ns, ne = NAN;
  long npts = 0;
  python_baseline(d, g, T, path, &fs, &fe, &ns, &ne, &npts);
  remove(path);
  double qs = qag_curve(d, g, T, V, Gq);
  printf("%s\n", label);
  printf("  sfhet:        %8.3f ms per curve (goal <= %.0f ms), max rel. error %.2g vs 1e-9 reference\n", ms,
         goal_ms, max_relerr(G, ref));
  if (fs > 0)
    printf("  numpy trapz of dI/dV integrand, %ld-point grid: %.1f ms (error %.2g) -> sfhet is %.0fx faster\n",
           npts, 1e3 * fs, fe, 1e3 * fs / ms);
  if (ns > 0)
    printf("  numpy trapz I + np.gradient (same grid): %.1f ms, error %.2g (bias-grid floor) -> %.0fx\n", 1e3 * ns,
           ne, 1e3 * ns / ms);
  if (fs <= 0) printf("  numpy baseline unavailable (/usr/bin/python3 with numpy needed)\n");
  printf("  GSL QAGP per bias (epsrel 1e-5): %.1f ms (error %.2g) -> sfhet is %.0fx faster\n", 1e3 * qs,
         max_relerr(Gq, ref), 1e3 * qs / ms);
  sfhet_junction_ws_free(ws);
}

/* CPU ms per curve of sfhet_junction_eval (repeated for at least 0.5 s). */
static double time_eval(const sfhet_junction *j, const double *V, double *G, sfhet_junction_ws *ws) {
  int reps = 0;
  double t0 = now(), t;
  do {
    sfhet_junction_eval(j, V, NV, G, NULL, NULL, ws);
    reps++;
  } while ((t = now() - t0) < 0.5);
  return 1e3 * t / reps;
}

/* Lock-in (first harmonic, peak amplitude vac): the fine-bias-grid path against one evaluation per
 * Gauss-Chebyshev node (junction_smooth_mode = 0), both at tolerance tol. */
static void lockin_case(const char *label, double d, double g, double T, double vac, double tol) {
  static double V[NV], G[2][NV];
  for (int i = 0; i < NV; i++) V[i] = -5.0 + 10.0 * i / (NV - 1);
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", d), sfhet_junction_set(&j, "delta2", d);
  sfhet_junction_set(&j, "gamma", g), sfhet_junction_set(&j, "gamma2", g);
  j.T = T, j.vac = vac, j.rel_tol = tol;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  double ms[2];
  for (int mode = 0; mode < 2; mode++) {
    junction_smooth_mode = mode;
    ms[mode] = time_eval(&j, V, G[mode], ws);
  }
  junction_smooth_mode = 1;
  printf("%s, lock-in %g uV, tolerance %g\n  sfhet fine bias grid: %8.3f ms per curve; one evaluation per "
         "lock-in node: %.3f ms -> %.1fx; max rel. difference %.2g\n", label, 1e3 * vac, tol, ms[1], ms[0],
         ms[0] / ms[1], max_relerr(G[1], G[0]));
  sfhet_junction_ws_free(ws);
}

int main(void) {
  printf("bench_junction: 401-point SIS dI/dV, Delta = 0.86 meV, -5..5 mV, accuracy 1e-4, one core\n");
  run_case("Gamma = 80 ueV, T = 1.5 K", 0.86, 0.08, 1.5, 1.0);
  run_case("Gamma = 2 ueV, T = 50 mK", 0.86, 0.002, 0.05, 10.0);
  lockin_case("Gamma = 80 ueV, T = 1.5 K", 0.86, 0.08, 1.5, 0.04, 1e-5);
  lockin_case("Gamma = 80 ueV, T = 1.5 K", 0.86, 0.08, 1.5, 0.04, 1e-4);
  lockin_case("Gamma = 2 ueV, T = 50 mK", 0.86, 0.002, 0.05, 0.01, 1e-4);
  return 0;
}
