/* The device fit (sfhet_device_fit: exact-key caches of gaps and spectra, the sweep-continued gap
 * curve, closed-form linear columns, forward-difference columns with every gap one Newton step from the
 * current root) against, on the same noisy map from the same start, in one run:
 *  1. headline: what a competent C user writes with the public forward model, GSL's Levenberg-Marquardt
 *     (gsl_multifit_nlinear, forward differences, step 1e-5) on sfhet_device_model (its exact-key
 *     caches on, so the gnn and Gamma0 columns are cheap for it too);
 *  2. second line: plain central differences of the un-reused model (sfhet_device_fit_config.numeric).
 * Equal accuracy: all three reach the same minimum (the largest difference of values is printed, in
 * units of the reported errors) with the same errors. Prints wall and CPU times, evaluations, ratios.
 * Usage: bench_device [NFIELDS [NBIAS]] (default 21 x 321; the goal is seconds on 2 cores).
 * Measured 2026-12-02, 2 threads, quiet 2-core machine: 21 x 321: reuse 2.97 s wall (10 evaluations),
 * GSL 4.56 s (36), numeric 42.9 s (170): ratios 1.54 and 14.4 wall, values within 2.4e-4 sigma.
 * 5 x 101: reuse 1.91 s (26), GSL 1.71 s (42), numeric 18.5 s (199): ratios 0.90 and 9.7 (on the small
 * map the engine takes more iterations and GSL is as fast). */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The baseline a competent C user writes with the public forward model: GSL's trust-region
 * Levenberg-Marquardt (gsl_multifit_nlinear, its defaults: forward differences, More scaling, QR) on the
 * weighted residuals of sfhet_device_model, the difference step set to 1e-5 (the model's gap solve
 * is converged to ~1e-10: GSL's default sqrt(eps) step would turn that into ~1 % Jacobian noise). */
typedef struct {
  const sfhet_device_data *d;
  sfhet_device_ws *ws;
  double p[SFHET_DEVICE_NPARAMS];
  size_t idx[SFHET_DEVICE_NPARAMS], nfree, n, nevals;
  const double *y, *s;
  double *G;
} gsl_job;

static int gsl_resid(const gsl_vector *x, void *vp, gsl_vector *f) {
  gsl_job *J = vp;
  double p[SFHET_DEVICE_NPARAMS];
  memcpy(p, J->p, sizeof p);
  for (size_t a = 0; a < J->nfree; a++) p[J->idx[a]] = gsl_vector_get(x, a);
  J->nevals++;
  if (sfhet_device_model(p, J->d, J->G, NULL, J->ws)) return GSL_EBADFUNC;
  for (size_t r = 0; r < J->n; r++) gsl_vector_set(f, r, (J->G[r] - J->y[r]) / J->s[r]);
  return GSL_SUCCESS;
}

/* Fits with GSL from the start in J->p; values and errors (unscaled: sigma is known) into v, e. */
static int gsl_fit(gsl_job *J, double *v, double *e, double *chi2) {
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
  fp.h_df = 1e-5;
  gsl_multifit_nlinear_fdf fdf = {gsl_resid, NULL, NULL, J->n, J->nfree, J, 0, 0, 0};
  gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, J->n, J->nfree);
  gsl_vector *x = gsl_vector_alloc(J->nfree);
  gsl_matrix *cov = gsl_matrix_alloc(J->nfree, J->nfree);
  for (size_t a = 0; a < J->nfree; a++) gsl_vector_set(x, a, J->p[J->idx[a]]);
  int info, st = gsl_multifit_nlinear_init(x, &fdf, w);
  if (!st) st = gsl_multifit_nlinear_driver(200, 1e-8, 1e-10, 1e-12, NULL, NULL, &info, w);
  if (!st) st = gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov);
  double c;
  gsl_blas_ddot(gsl_multifit_nlinear_residual(w), gsl_multifit_nlinear_residual(w), &c);
  *chi2 = c;
  for (size_t a = 0; a < J->nfree; a++)
    v[a] = gsl_vector_get(gsl_multifit_nlinear_position(w), a), e[a] = sqrt(gsl_matrix_get(cov, a, a));
  gsl_multifit_nlinear_free(w), gsl_vector_free(x), gsl_matrix_free(cov);
  return st;
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
  gsl_job J = {&d, sfhet_device_ws_alloc(0), {0}, {0}, a.n_free, nf * nv, 0, G, S, malloc(nf * nv * sizeof(double))};
  c.numeric = 0;
  memcpy(J.p, c.p, sizeof J.p);
  memcpy(J.idx, a.free_idx, sizeof J.idx);
  double gv[SFHET_DEVICE_NPARAMS], ge[SFHET_DEVICE_NPARAMS], gchi2 = 0, c3 = (double)clock() / CLOCKS_PER_SEC;
  int s3 = gsl_fit(&J, gv, ge, &gchi2);
  double t3 = omp_get_wtime(), c4 = (double)clock() / CLOCKS_PER_SEC;
  print_fit("reuse", &a, t1 - t0);
  print_fit("numeric", &b, t2 - t1);
  printf("%-9s %7.2f s, %4zu evaluations, chi2_red %.4f, status %d:", "gsl-fwd", t3 - t2, J.nevals,
         gchi2 / (double)(nf * nv - a.n_free), s3);
  double gmax = 0;
  for (size_t q = 0; q < a.n_free; q++) {
    printf(" %s = %.6g +- %.2g", sfhet_device_params[a.free_idx[q]].name, gv[q], ge[q]);
    gmax = fmax(gmax, fabs(gv[q] - a.value[a.free_idx[q]]) / a.err[a.free_idx[q]]);
  }
  printf("\n");
  double dmax = 0;
  for (size_t q = 0; q < a.n_free; q++) {
    size_t k = a.free_idx[q];
    dmax = fmax(dmax, fabs(a.value[k] - b.value[k]) / a.err[k]);
  }
  printf("status %d / %d; largest difference of the two fits' values: %.3g sigma\n", s1, s2, dmax);
  printf("CPU time (all threads): reuse %.2f s, numeric %.2f s\n", c1 - c0, c2 - c1);
  printf("ratio (numeric / reuse): wall %.2f, CPU %.2f\n", (t2 - t1) / (t1 - t0), (c2 - c1) / (c1 - c0));
  printf("ratio (GSL forward-difference LM on sfhet_device_model / reuse): wall %.2f, CPU %.2f; largest "
         "difference of its values from reuse: %.3g sigma\n", (t3 - t2) / (t1 - t0), (c4 - c3) / (c1 - c0), gmax);
  sfhet_device_ws_free(J.ws), free(J.G);
  sfhet_device_ws_free(ws), sfhet_device_ws_free(w1), sfhet_device_ws_free(w2);
  gsl_rng_free(rng);
  free(f), free(V), free(G), free(S), free(Vp), free(Gp), free(Sp), free(nvs);
  return 0;
}
