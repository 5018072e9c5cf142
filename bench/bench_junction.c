/* Benchmark of one SIS dI/dV curve: 401 biases −5..5 mV, Δ = 0.86 meV, requested accuracy 1e-4, for
 * Γ = 80 µeV at 1.5 K and Γ = 2 µeV at 50 mK, each without and with a 10 µV (peak) lock-in. In one run,
 * against the baselines a competent user would write, every time CPU time on one core, every accuracy
 * max |G − G_ref|/(|G_ref| + 1e-3) against a 1e-10 reference:
 *   floor: bench/floor_kernel.c, the minimal C FFT kernel (DOS once, 4 r2c + 1 c2r, no error control),
 *          its grid chosen (untimed) as the cheapest that reaches the accuracy; timed interleaved with
 *          sfhet in alternating rounds (best round of each);
 *   numpy: bench/junction_numpy.py, the same algorithm vectorised, grid chosen the same way;
 *   secondary (no lock-in): the textbook numpy trapezoid per bias (bench/junction_baseline.py) and GSL
 *          QAGP per bias.
 * Goal: sfhet within 1.5x of the floor at 1.5 K and at 50 mK with the lock-in. */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "floor_kernel.h"
#include "junction/grid.h"
#include "junction/smooth.h"
#include "junction/spectral.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"

enum { NV = 401, ROUNDS = 5 };
static const double V0 = -5.0, STEP = 0.025, DELTA = 0.86, TOL = 1e-4;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time: robust on a shared machine */
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double max_relerr(const double *G, const double *ref, size_t n) {
  double m = 0;
  for (size_t i = 0; i < n; i++) m = fmax(m, fabs(G[i] - ref[i]) / (fabs(ref[i]) + 1e-3));
  return m;
}

static sfhet_junction make(double g, double T, double vac, double tol) {
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&j, "delta", DELTA);
  sfhet_junction_set(&j, "gamma", g);
  j.T = T, j.vac = vac, j.rel_tol = tol;
  return j;
}

/* ---------------------------------------------------------------- secondary baselines */

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

static double qag_curve(double g, double T, const double *V, double *G) {
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(10000);
  double kT = SFHET_KB_MEV * T, t0 = now();
  for (int i = 0; i < NV; i++) {
    qp q = {DELTA, g, kT, V[i]};
    double W = 40 * kT, lo = fmin(0, -V[i]) - W, hi = fmax(0, -V[i]) + W, pts[8], e;
    double c[4] = {-DELTA, DELTA, -DELTA - V[i], DELTA - V[i]};
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

/* Directory of this file (the Python scripts live beside it), or SFHET_BENCH_DIR. */
static const char *bench_dir(void) {
  static char dir[512];
  if (getenv("SFHET_BENCH_DIR")) return getenv("SFHET_BENCH_DIR");
  snprintf(dir, sizeof dir, "%s", __FILE__);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  else snprintf(dir, sizeof dir, ".");
  return dir;
}

/* Runs a Python baseline; returns its output line (empty when unavailable). */
static void python(const char *args, char *line, size_t size) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/%s 2>&1", bench_dir(), args);
  line[0] = '\0';
  FILE *p = popen(cmd, "r");
  if (!p) return;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) {
    size_t used = strlen(line);
    snprintf(line + used, size - used, "%s", buf);
  }
  pclose(p);
}

static double json_num(const char *line, const char *key) {
  char k[64];
  snprintf(k, sizeof k, "\"%s\":", key);
  const char *s = strstr(line, k);
  return s ? atof(s + strlen(k)) : NAN;
}

static void textbook(double g, double T, const char *ref) {
  char args[512], line[2048];
  snprintf(args, sizeof args, "junction_baseline.py %g %g %g -5 5 %d %g %s", DELTA, g, T, NV, TOL, ref);
  python(args, line, sizeof line);
  double fs = NAN, fe = NAN, ns = NAN, ne = NAN;
  long npts = 0;
  for (char *l = strtok(line, "\n"); l; l = strtok(NULL, "\n")) {
    sscanf(l, "fair_s=%lf", &fs);
    sscanf(l, "fair_err=%lf", &fe);
    sscanf(l, "naive_s=%lf", &ns);
    sscanf(l, "naive_err=%lf", &ne);
    sscanf(l, "fair_npts=%ld", &npts);
  }
  if (fs > 0) printf("    numpy textbook, trapezoid per bias (%ld-point grid): %.1f ms, error %.2g\n", npts, 1e3 * fs, fe);
  if (ns > 0) printf("    numpy textbook, trapezoid I + np.gradient: %.1f ms, error %.2g (bias-grid limited)\n", 1e3 * ns, ne);
}

/* ---------------------------------------------------------------- floor */

/* Cheapest floor grid (spacing step/m, window in kT) reaching accuracy acc; NULL if none up to m = 400. */
static floor_plan *floor_for(double g, double T, double vac, const double *ref, double acc, double *err, int *mm) {
  double kT = SFHET_KB_MEV * T, Gf[NV], wins[2] = {log(1 / acc) + 4, log(1 / acc) + 14};
  floor_plan *best = NULL;
  int bestm = 0;
  double beste = NAN, bestw = 0;
  for (int w = 0; w < 2; w++)
    for (int m = 1; m <= 400; m++) {
      floor_plan *p = floor_setup(DELTA, g, T, vac, V0, STEP, NV, m, wins[w] * kT);
      if (!p) break;
      floor_run(p, Gf);
      double e = max_relerr(Gf, ref, NV);
      floor_free(p);
      if (e <= acc) {
        if (!best || m < bestm || (m == bestm && wins[w] < bestw)) bestm = m, beste = e, bestw = wins[w];
        best = (floor_plan *)1;
        break;
      }
    }
  if (!best) return NULL;
  *err = beste, *mm = bestm;
  return floor_setup(DELTA, g, T, vac, V0, STEP, NV, bestm, bestw * kT);
}

/* CPU seconds per call of f over at least 0.2 s. */
static double time_sfhet(const sfhet_junction *j, const double *V, double *G, sfhet_junction_ws *ws) {
  int reps = 0;
  double t0 = now(), t;
  do {
    junction_spectral_forget(ws); /* every call computes (no reuse of the previous identical call) */
    sfhet_junction_eval(j, V, NV, G, NULL, NULL, ws);
    reps++;
  } while ((t = now() - t0) < 0.2);
  return t / reps;
}

static double time_floor(floor_plan *p, double *G) {
  int reps = 0;
  double t0 = now(), t;
  do {
    floor_run(p, G);
    reps++;
  } while ((t = now() - t0) < 0.2);
  return t / reps;
}

/* ---------------------------------------------------------------- one case */

static int run_case(const char *label, double g, double T, double vac, double *ratio) {
  static double V[NV], G[NV], ref[NV], Gf[NV], Gq[NV];
  for (int i = 0; i < NV; i++) V[i] = V0 + STEP * i;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  sfhet_junction jr = make(g, T, vac, 1e-10), j = make(g, T, vac, TOL);
  if (sfhet_junction_eval(&jr, V, NV, ref, NULL, NULL, ws) || sfhet_junction_eval(&j, V, NV, G, NULL, NULL, ws)) {
    printf("%s: sfhet failed: %s\n", label, sfhet_last_error());
    return 1;
  }
  /* the reference against the per-bias direct path (own lattices, per-node lock-in) at 21 biases */
  double Vs[21], Rs[21], Rd[21], chk = 0.0;
  for (int k = 0; k < 21; k++) Vs[k] = V[k * 20], Rs[k] = ref[k * 20];
  junction_spectral_mode = 0, junction_smooth_mode = 0, junction_fft_mode = 0;
  for (int k = 0; k < 21; k++) sfhet_junction_eval(&jr, Vs + k, 1, Rd + k, NULL, NULL, ws);
  junction_spectral_mode = 1, junction_smooth_mode = 1, junction_fft_mode = -1;
  chk = max_relerr(Rd, Rs, 21);
  double fe = NAN, fe2 = NAN, es = max_relerr(G, ref, NV);
  int m = 0, m2 = 0;
  floor_plan *fp = floor_for(g, T, vac, ref, TOL, &fe, &m), *fq = floor_for(g, T, vac, ref, es, &fe2, &m2);
  double ts = INFINITY, tf = INFINITY, tq = INFINITY;
  for (int r = 0; r < ROUNDS; r++) { /* interleaved rounds, best of each */
    ts = fmin(ts, time_sfhet(&j, V, G, ws));
    if (fp) tf = fmin(tf, time_floor(fp, Gf));
    if (fq) tq = fmin(tq, time_floor(fq, Gf));
  }
  char path[] = "/tmp/bench_junction_refXXXXXX", args[512], line[2048];
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  for (int i = 0; f && i < NV; i++) fprintf(f, "%.17g,%.17g\n", V[i], ref[i]);
  if (f) fclose(f);
  snprintf(args, sizeof args, "junction_numpy.py %g %g %g %g %g %g %d %g %s", DELTA, g, T, vac, V0, STEP, NV, TOL, path);
  python(args, line, sizeof line);
  double tn = json_num(line, "seconds"), en = json_num(line, "err");
  printf("%s\n", label);
  printf("  reference (1e-10) vs per-bias direct path at 21 biases: %.2g\n", chk);
  printf("  sfhet:                 %8.3f ms per curve, error %.2g (requested %.0e)\n", 1e3 * ts, es, TOL);
  if (fp) printf("  floor kernel (m = %3d): %8.3f ms, error %.2g  -> sfhet / floor = %.2f\n", m, 1e3 * tf, fe, ts / tf);
  else printf("  floor kernel: does not reach %.0e up to m = 400\n", TOL);
  if (fq) printf("  floor kernel at sfhet's accuracy (m = %d): %.3f ms, error %.2g -> sfhet / floor = %.2f\n", m2,
                 1e3 * tq, fe2, ts / tq);
  if (tn > 0) printf("  numpy (DOS once, FFT correlations, m = %g): %.2f ms, error %.2g -> numpy / sfhet = %.1f\n",
                     json_num(line, "m"), 1e3 * tn, en, tn / ts);
  else printf("  numpy baseline unavailable: %s", line);
  if (vac == 0.0) {
    printf("  secondary baselines:\n");
    textbook(g, T, path);
    double tqg = qag_curve(g, T, V, Gq);
    printf("    GSL QAGP per bias (epsrel 1e-5): %.1f ms, error %.2g -> %.0fx sfhet\n", 1e3 * tqg,
           max_relerr(Gq, ref, NV), tqg / ts);
  }
  remove(path);
  *ratio = fp ? ts / tf : INFINITY;
  floor_free(fp);
  floor_free(fq);
  sfhet_junction_ws_free(ws);
  return 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  gsl_set_error_handler_off();
  printf("bench_junction: %d-point SIS dI/dV, Delta = %.2f meV, %g..%g mV, requested accuracy %.0e, one core, "
         "CPU time\n", NV, DELTA, V0, V0 + STEP * (NV - 1), TOL);
  double r[4];
  run_case("Gamma = 80 ueV, T = 1.5 K", 0.08, 1.5, 0.0, &r[0]);
  run_case("Gamma = 80 ueV, T = 1.5 K, lock-in 10 uV", 0.08, 1.5, 0.01, &r[1]);
  run_case("Gamma = 2 ueV, T = 50 mK", 0.002, 0.05, 0.0, &r[2]);
  run_case("Gamma = 2 ueV, T = 50 mK, lock-in 10 uV", 0.002, 0.05, 0.01, &r[3]);
  printf("goals: sfhet / floor <= 1.5 at 1.5 K: %.2f (%s); at 50 mK with 10 uV lock-in: %.2f (%s)\n", r[0],
         r[0] <= 1.5 ? "met" : "NOT met", r[3], r[3] <= 1.5 ? "met" : "NOT met");
  return 0;
}
