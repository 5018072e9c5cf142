/* Fitting benchmarks, all measured in this run:
 * 1. one 2-parameter SIS fit of 201 points (1.5 K, 40 uV lock-in) against the same fit in Debian's
 *    python3-lmfit + numpy written straightforwardly (bench/fit_baseline_lmfit_naive.py: trapz for I,
 *    np.gradient for dI/dV; the headline ratio) and carefully (bench/fit_baseline_lmfit.py: FFT
 *    correlations) -> both ratios;
 * 2. a 500-spectrum field sweep fitted on 2 threads -> seconds;
 * 3. 1000 fits from random starts -> fraction that reach the best fit.
 * Usage: bench_fit [N_SWEEP [N_RANDOM]] (defaults 500 and 1000); run from the source tree or set
 * SFHET_BENCH_DIR to the bench/ folder holding the Python script. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "sfhet/sweep.h"

#define NV 201
static const double TK = 1.5, VAC = 0.04, DELTA = 0.86, GAMMA = 0.08, NOISE = 0.01;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static sfhet_fit_junction fj;
static sfhet_fit_model model;
static sfhet_fit_config cfg;

static void setup(void) {
  sfhet_junction_init(&fj.j, SFHET_JUNCTION_SIS, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&fj.j, "T", TK);
  sfhet_junction_set(&fj.j, "vac", VAC);
  if (sfhet_fit_junction_model(&model, &fj)) exit(1);
  sfhet_fit_config_init(&cfg, &model);
  sfhet_fit_set_free(&cfg, "delta,gamma", "bench");
  cfg.value[0] = 0.8, cfg.value[1] = 0.05, cfg.given[0] = cfg.given[1] = 1; /* lmfit's start values */
}

/* Noisy SIS spectrum with the given delta, gamma. */
static void spectrum(double d, double g, const double *V, double *y, gsl_rng *rng) {
  sfhet_junction j = fj.j;
  sfhet_junction_set(&j, "delta", d), sfhet_junction_set(&j, "delta2", d);
  sfhet_junction_set(&j, "gamma", g), sfhet_junction_set(&j, "gamma2", g);
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  if (sfhet_junction_eval(&j, V, NV, y, NULL, NULL, ws)) exit(1);
  sfhet_junction_ws_free(ws);
  for (int i = 0; i < NV; i++) y[i] += gsl_ran_gaussian(rng, NOISE);
}

static double python_seconds(const char *script, const char *csv, int reps) {
  char src[512], cmd[1024], line[1024] = "";
  snprintf(src, sizeof src, "%s", __FILE__); /* this file's folder holds the Python script */
  char *slash = strrchr(src, '/');
  if (slash) *slash = '\0';
  else snprintf(src, sizeof src, ".");
  const char *dir = getenv("SFHET_BENCH_DIR") ? getenv("SFHET_BENCH_DIR") : src;
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/%s %s %g %g %d 2>&1", dir, script, csv, TK, VAC, reps);
  FILE *p = popen(cmd, "r");
  if (!p || !fgets(line, sizeof line, p)) return NAN;
  pclose(p);
  const char *k = strstr(line, "\"seconds_per_fit\":");
  if (!k) {
    printf("  python baseline failed: %s", line);
    return NAN;
  }
  printf("  %s: %s", script, line);
  return atof(k + 18);
}

static void bench_single(gsl_rng *rng) {
  double V[NV], y[NV];
  for (int i = 0; i < NV; i++) V[i] = -4 + 8.0 * i / (NV - 1);
  spectrum(DELTA, GAMMA, V, y, rng);
  char csv[] = "/tmp/sfhet_bench_fitXXXXXX";
  int fd = mkstemp(csv);
  FILE *f = fdopen(fd, "w");
  fprintf(f, "V_mV,G\n");
  for (int i = 0; i < NV; i++) fprintf(f, "%.12g,%.12g\n", V[i], y[i]);
  fclose(f);
  sfhet_fit_data d = {V, y, NULL, NV};
  sfhet_fit_result r;
  void *ws = sfhet_fit_ws_alloc(&cfg);
  int reps = 50;
  double t0 = now();
  for (int k = 0; k < reps; k++)
    if (sfhet_fit_spectrum(&cfg, &d, NULL, &r, ws)) printf("  fit failed: %s\n", sfhet_last_error());
  double tc = (now() - t0) / reps;
  sfhet_fit_ws_free(&cfg, ws);
  printf("1. SIS fit, 2 free parameters, %d points, T = %g K, vac = %g mV\n", NV, TK, VAC);
  printf("  sfhet: %.2f ms per fit (delta = %.5f +- %.5f, gamma = %.5f +- %.5f, %zu iterations)\n",
         tc * 1e3, r.value[0], r.err[0], r.value[1], r.err[1], r.n_iter);
  double tn = python_seconds("fit_baseline_lmfit_naive.py", csv, 2);
  printf("  lmfit + numpy, straightforward (trapz I, np.gradient): %.2f ms per fit\n", tn * 1e3);
  double tp = python_seconds("fit_baseline_lmfit.py", csv, 3);
  printf("  lmfit + numpy, careful (FFT correlations): %.2f ms per fit\n", tp * 1e3);
  printf("  ratio straightforward lmfit / sfhet = %.1f (goal >= 100); careful lmfit / sfhet = %.1f\n",
         tn / tc, tp / tc);
  remove(csv);
}

static void bench_sweep(gsl_rng *rng, size_t m) {
  double *V = malloc(NV * sizeof *V), *y = malloc(m * NV * sizeof *y);
  sfhet_fit_data *d = malloc(m * sizeof *d);
  sfhet_fit_result *r = malloc(m * sizeof *r);
  for (int i = 0; i < NV; i++) V[i] = -4 + 8.0 * i / (NV - 1);
  for (size_t b = 0; b < m; b++) {
    double f = fmin((double)b / (0.4 * (double)m), 1.0);
    spectrum(DELTA + 0.02 * f * f, GAMMA + 0.04 * f * f, V, y + b * NV, rng);
    d[b] = (sfhet_fit_data){V, y + b * NV, NULL, NV};
  }
  sfhet_fit_config c = cfg;
  c.given[0] = c.given[1] = 0; /* automatic starts, as the CLI does */
  double t0 = now();
  int st = sfhet_fit_sweep(&c, d, m, 2, NULL, r);
  double t = now() - t0;
  size_t ok = 0;
  for (size_t b = 0; b < m; b++) ok += r[b].status == SFHET_OK;
  printf("2. sweep of %zu spectra (%d points each) on 2 threads: %.2f s (%.1f ms per spectrum), "
         "%zu converged%s\n", m, NV, t, 1e3 * t / (double)m, ok, st ? " (some failed)" : "");
  free(V), free(y), free(d), free(r);
}

typedef struct {
  const double *V, *y;
  double *value;
  int *status;
  unsigned long seed;
} rand_ctx;

static int random_fit(size_t i, void *ctx) {
  rand_ctx *c = ctx;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, c->seed + i);
  sfhet_fit_config cf = cfg;
  cf.value[0] = DELTA * (0.5 + gsl_rng_uniform(rng));      /* 0.5 .. 1.5 x delta */
  cf.value[1] = GAMMA * exp(log(5.0) * (2 * gsl_rng_uniform(rng) - 1)); /* /5 .. x5 */
  gsl_rng_free(rng);
  sfhet_fit_data d = {c->V, c->y, NULL, NV};
  sfhet_fit_result r;
  void *ws = sfhet_fit_ws_alloc(&cf);
  c->status[i] = sfhet_fit_spectrum(&cf, &d, NULL, &r, ws);
  sfhet_fit_ws_free(&cf, ws);
  c->value[2 * i] = r.value[0], c->value[2 * i + 1] = r.value[1];
  return SFHET_OK;
}

static void bench_random(gsl_rng *rng, size_t n) {
  double V[NV], y[NV];
  for (int i = 0; i < NV; i++) V[i] = -4 + 8.0 * i / (NV - 1);
  spectrum(DELTA, GAMMA, V, y, rng);
  sfhet_fit_data d = {V, y, NULL, NV};
  sfhet_fit_result best;
  void *ws = sfhet_fit_ws_alloc(&cfg);
  sfhet_fit_spectrum(&cfg, &d, NULL, &best, ws);
  sfhet_fit_ws_free(&cfg, ws);
  double *val = malloc(2 * n * sizeof *val);
  int *st = malloc(n * sizeof *st);
  rand_ctx c = {V, y, val, st, 99};
  double t0 = now();
  sfhet_sweep_map(n, random_fit, &c, 2, NULL, NULL);
  double t = now() - t0;
  size_t hit = 0;
  for (size_t i = 0; i < n; i++)
    hit += st[i] == SFHET_OK && fabs(val[2 * i] - best.value[0]) < 0.1 * best.err[0] &&
           fabs(val[2 * i + 1] - best.value[1]) < 0.1 * best.err[1];
  printf("3. %zu fits from random starts (delta x0.5..1.5, gamma x/5..x5, one start each): %zu reach the "
         "best fit within 0.1 sigma (%.1f %%), %.1f s on 2 threads\n", n, hit, 100.0 * (double)hit / (double)n, t);
  free(val), free(st);
}

int main(int argc, char **argv) {
  size_t nsweep = argc > 1 ? (size_t)atol(argv[1]) : 500, nrand = argc > 2 ? (size_t)atol(argv[2]) : 1000;
  setvbuf(stdout, NULL, _IOLBF, 0); /* results appear as they are measured */
  setup();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 1);
  bench_single(rng);
  bench_sweep(rng, nsweep);
  bench_random(rng, nrand);
  gsl_rng_free(rng);
  return 0;
}
