/* Device fit with reuse (exact-key caches of gaps and spectra, sweep-continued gap curve, closed-form
 * linear columns) against
 * the same fit of the same noisy map with plain central differences of the un-reused forward model
 * (sfhet_device_fit_config.numeric), in one run, from the same start. Prints wall times, evaluations,
 * the ratio and both fits' parameters and errors (equal accuracy: the same engine tolerances).
 * Usage: bench_device [NFIELDS [NBIAS]] (default 21 x 321; the goal is seconds on 2 cores).
 * Measured 2026-12-02, 21 x 321, 2 threads, 2-core machine shared with other jobs (wall inflated by
 * the load): reuse 86.7 s wall / 61.0 s CPU, 170 evaluations; numeric 732 s wall / 661 s CPU, 206
 * evaluations; ratio wall 8.5, CPU 10.8; the fits agree to 5e-4 sigma. Not yet "seconds": a 1-thread
 * profile of a 5 x 101 fit puts ~48 % in the real-axis DOS meshes of the re-evaluated spectra (Born
 * solves) and ~37 % in the warm secant steps of the gap equation (Matsubara sums), both paid by each
 * finite-difference column of lambda, eta, HK (docs/device.md, "Performance"). After exact reuse only
 * (no warm starts: thread-independent) and one isingqc mesh for all spin projections, 5 x 101, 2 threads:
 * reuse 18.8 s wall / 22.8 s CPU, numeric 90.6 / 95.1 s, ratio 4.8 wall / 4.2 CPU (21 x 321 not re-run). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sfhet/device.h"

static void print_fit(const char *label, const sfhet_device_fit_result *r, double t) {
  printf("%-9s %7.2f s, %4zu evaluations, chi2_red %.4f, converged %d:", label, t, r->n_evals, r->chi2_red,
         r->converged);
  for (size_t a = 0; a < r->n_free; a++)
    printf(" %s = %.6g +- %.2g", sfhet_device_params[r->free_idx[a]].name, r->value[r->free_idx[a]],
           r->err[r->free_idx[a]]);
  printf("\n");
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  size_t nf = argc > 1 ? (size_t)atol(argv[1]) : 21, nv = argc > 2 ? (size_t)atol(argv[2]) : 321;
  if (nf < 2 || nv < 5) return fprintf(stderr, "usage: bench_device [NFIELDS>=2 [NBIAS>=5]]\n"), 2;
  sfhet_device_fit_config c;
  sfhet_device_fit_config_init(&c);
  c.p[SFHET_DEVICE_LAMBDA] = 0.4, c.p[SFHET_DEVICE_DSO] = 1.0, c.p[SFHET_DEVICE_ETA] = 0.3;
  c.p[SFHET_DEVICE_GAMMA0] = 0.05, c.p[SFHET_DEVICE_VAC] = 0.02;
  sfhet_device_field *f = malloc(nf * sizeof *f);
  double *V = malloc(nv * sizeof *V), *G = malloc(nf * nv * sizeof *G), *S = malloc(nf * nv * sizeof *S);
  const double **Vp = malloc(nf * sizeof *Vp), **Gp = malloc(nf * sizeof *Gp), **Sp = malloc(nf * sizeof *Sp);
  size_t *nvs = malloc(nf * sizeof *nvs);
  for (size_t k = 0; k < nv; k++) V[k] = -3.0 + 6.0 * (double)k / (double)(nv - 1);
  for (size_t i = 0; i < nf; i++) {
    f[i] = (sfhet_device_field){0.6 * (double)i / (double)(nf - 1), 1};
    Vp[i] = V, Gp[i] = G + i * nv, Sp[i] = S + i * nv, nvs[i] = nv;
  }
  sfhet_device_ws *ws = sfhet_device_ws_alloc(0);
  if (sfhet_device_map(c.p, f, nf, V, nv, G, NULL, ws)) return 1;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  for (size_t r = 0; r < nf * nv; r++) S[r] = 0.01 * G[r], G[r] += gsl_ran_gaussian(rng, S[r]);
  sfhet_device_data d = {nf, f, nvs, Vp, Gp, Sp};
  if (sfhet_device_fit_set_free(&c, "lambda,eta,HK,gamma0,gnn", "free")) return 1;
  c.p[SFHET_DEVICE_LAMBDA] = 0.35, c.p[SFHET_DEVICE_ETA] = 0.25, c.p[SFHET_DEVICE_HK] = 0.3;
  c.p[SFHET_DEVICE_GAMMA0] = 0.06;
  printf("device fit of a %zu-field x %zu-bias map (1%% noise), %d threads; start 10-20%% off the truth\n"
         "truth: lambda = 0.4 meV, eta = 0.3 meV, HK = 0.35 T, gamma0 = 0.05 meV, gnn = 1\n",
         nf, nv, omp_get_max_threads());
  sfhet_device_fit_result a, b;
  sfhet_device_ws *w1 = sfhet_device_ws_alloc(0), *w2 = sfhet_device_ws_alloc(0);
  double t0 = omp_get_wtime(), c0 = (double)clock() / CLOCKS_PER_SEC;
  int s1 = sfhet_device_fit(&c, &d, &a, w1);
  double t1 = omp_get_wtime(), c1 = (double)clock() / CLOCKS_PER_SEC;
  c.numeric = 1;
  int s2 = sfhet_device_fit(&c, &d, &b, w2);
  double t2 = omp_get_wtime(), c2 = (double)clock() / CLOCKS_PER_SEC;
  print_fit("reuse", &a, t1 - t0);
  print_fit("numeric", &b, t2 - t1);
  double dmax = 0;
  for (size_t q = 0; q < a.n_free; q++) {
    size_t k = a.free_idx[q];
    dmax = fmax(dmax, fabs(a.value[k] - b.value[k]) / a.err[k]);
  }
  printf("status %d / %d; largest difference of the two fits' values: %.3g sigma\n", s1, s2, dmax);
  printf("CPU time (all threads): reuse %.2f s, numeric %.2f s\n", c1 - c0, c2 - c1);
  printf("ratio (numeric / reuse): wall %.2f, CPU %.2f\n", (t2 - t1) / (t1 - t0), (c2 - c1) / (c1 - c0));
  sfhet_device_ws_free(ws), sfhet_device_ws_free(w1), sfhet_device_ws_free(w2);
  gsl_rng_free(rng);
  free(f), free(V), free(G), free(S), free(Vp), free(Gp), free(Sp), free(nvs);
  return 0;
}
