/* The floor kernel (see floor_kernel.h): what the fastest straightforward FFT implementation costs. */
#include "floor_kernel.h"

#include <fftw3.h>
#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KB 8.617333262e-2 /* meV/K */

struct floor_plan {
  double d, g, kT, h;
  size_t n, nE, nA, nd, L;
  int m, lead;                /* lead: lags before the first bias (lock-in margin) */
  long off;                   /* side B starts off nodes after side A on the one energy grid */
  size_t nU;                  /* nodes of the energy grid (union of both sides) */
  double e0;                  /* energy of grid node 0 */
  double *E, *N, *dN, *x, *out, *K;
  fftw_complex *S[4], *W;
  fftw_plan fwd, bwd;
};

void floor_free(floor_plan *p) {
  if (!p) return;
  fftw_destroy_plan(p->fwd);
  fftw_destroy_plan(p->bwd);
  for (int k = 0; k < 4; k++) fftw_free(p->S[k]);
  fftw_free(p->W);
  fftw_free(p->x);
  fftw_free(p->out);
  free(p->E), free(p->N), free(p->dN), free(p->K);
  free(p);
}

floor_plan *floor_setup(double delta, double gamma, double T, double vac, double v0, double step, size_t n,
                        int m, double W) {
  floor_plan *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->d = delta, p->g = gamma, p->kT = KB * T, p->h = step / m, p->n = n, p->m = m;
  p->lead = (int)ceil(vac / p->h) + 2;
  double vlo = v0 - p->lead * p->h;
  p->nd = (n - 1) * (size_t)m + 1 + 2 * (size_t)p->lead;
  double vhi = vlo + (double)(p->nd - 1) * p->h;
  /* side A: E = e0 + k h over [min(0,−vhi) − W, max(0,−vlo) + W]; side B: E + V on the same grid */
  long ka = (long)floor((fmin(0.0, -vhi) - W) / p->h), kb = (long)ceil((fmax(0.0, -vlo) + W) / p->h);
  p->nA = (size_t)(kb - ka + 1);
  size_t nB = p->nA + p->nd - 1;
  p->e0 = (double)ka * p->h;
  for (p->L = nB; ; p->L++) { /* 2-3-5 smooth length */
    size_t q = p->L;
    while (q % 2 == 0) q /= 2;
    while (q % 3 == 0) q /= 3;
    while (q % 5 == 0) q /= 5;
    if (q == 1 && p->L % 2 == 0) break;
  }
  size_t nc = p->L / 2 + 1;
  p->x = fftw_malloc(p->L * sizeof(double)), p->out = fftw_malloc(p->L * sizeof(double));
  p->K = malloc(nc * sizeof(double));
  for (int k = 0; k < 4; k++) p->S[k] = fftw_malloc(nc * sizeof(fftw_complex));
  p->W = fftw_malloc(nc * sizeof(fftw_complex));
  if (!p->x || !p->out || !p->K || !p->S[3] || !p->W) {
    floor_free(p);
    return NULL;
  }
  /* side B sits on the same grid shifted by the first lag vlo (a multiple of h for the benchmark's
   * biases); the DOS is evaluated once on the union of both sides */
  p->off = lround(vlo / p->h);
  if (fabs(vlo / p->h - (double)p->off) > 1e-6) {
    floor_free(p);
    return NULL;
  }
  long lo = p->off < 0 ? p->off : 0, hi = (long)nB + p->off > (long)p->nA ? (long)nB + p->off : (long)p->nA;
  p->nU = (size_t)(hi - lo);
  p->e0 = (double)(ka + lo) * p->h;
  p->off -= lo; /* side A starts at node −lo, side B at node off − lo */
  p->nE = (size_t)(-lo);
  free(p->E), free(p->N), free(p->dN);
  p->E = malloc(p->nU * sizeof(double)), p->N = malloc(p->nU * sizeof(double)), p->dN = malloc(2 * p->nU * sizeof(double));
  if (!p->E || !p->N || !p->dN) {
    floor_free(p);
    return NULL;
  }
  for (size_t k = 0; k < p->nU; k++) p->E[k] = p->e0 + (double)k * p->h;
  p->fwd = fftw_plan_dft_r2c_1d((int)p->L, p->x, p->S[0], FFTW_ESTIMATE);
  p->bwd = fftw_plan_dft_c2r_1d((int)p->L, p->W, p->out, FFTW_ESTIMATE);
  for (size_t j = 0; j < nc; j++) {
    double w = 2.0 * M_PI * (double)j / ((double)p->L * p->h), u = w * vac;
    p->K[j] = u > 1e-4 ? 2.0 * gsl_sf_bessel_J1(u) / u : 1.0 - u * u / 8.0;
  }
  return p;
}

/* Dynes N and dN/dE (s = sqrt(z² − Δ²), Im s > 0, z = E + iΓ; N = Re z/s, N' = Re(−Δ²/s³)). */
static void dynes(double E, double d, double g, double *N, double *dN) {
  double wr = E * E - g * g - d * d, wi = 2.0 * E * g, r = sqrt(wr * wr + wi * wi), t = sqrt(0.5 * (r + fabs(wr)));
  double sr = wr >= 0 ? t : fabs(wi) / (2 * t), si = wr >= 0 ? wi / (2 * t) : copysign(t, wi);
  if (si < 0) sr = -sr, si = -si;
  double m2 = sr * sr + si * si;
  *N = (E * sr + g * si) / m2;
  double s3r = sr * (sr * sr - 3 * si * si), s3i = si * (3 * sr * sr - si * si);
  *dN = -d * d * s3r / (s3r * s3r + s3i * s3i);
}

static double fermi(double x, double kT) { double e = exp(-fabs(x) / kT); return x >= 0 ? e / (1 + e) : 1 / (1 + e); }

static void transform(floor_plan *p, const double *a, size_t na, fftw_complex *out) {
  memcpy(p->x, a, na * sizeof(double));
  memset(p->x + na, 0, (p->L - na) * sizeof(double));
  fftw_execute_dft_r2c(p->fwd, p->x, out);
}

void floor_run(floor_plan *p, double *G) {
  size_t nA = p->nA, nB = p->nA + p->nd - 1, nc = p->L / 2 + 1;
  double *N = p->N, *dN = p->dN, *buf = p->dN + p->nU;
  for (size_t k = 0; k < p->nU; k++) dynes(p->E[k], p->d, p->g, &N[k], &dN[k]); /* DOS once */
  const double *NA = N + p->nE, *EA = p->E + p->nE, *NB = N + p->off, *dB = dN + p->off, *EB = p->E + p->off;
  for (size_t k = 0; k < nA; k++) buf[k] = NA[k] * fermi(EA[k], p->kT);
  transform(p, buf, nA, p->S[0]);          /* N1 f */
  transform(p, NA, nA, p->S[1]);           /* N1 */
  transform(p, dB, nB, p->S[2]);           /* N2' */
  for (size_t k = 0; k < nB; k++) {        /* N2 k_T − N2' f */
    double e = exp(-fabs(EB[k]) / p->kT), f = EB[k] >= 0 ? e / (1 + e) : 1 / (1 + e);
    buf[k] = NB[k] * e / (p->kT * (1 + e) * (1 + e)) - dB[k] * f;
  }
  transform(p, buf, nB, p->S[3]);
  for (size_t j = 0; j < nc; j++) { /* conj(A1) B1 + conj(A2) B2, times the lock-in kernel */
    double re = 0, im = 0;
    for (int q = 0; q < 2; q++) {
      const double *a = p->S[q][j], *b = p->S[2 + q][j];
      re += a[0] * b[0] + a[1] * b[1];
      im += a[0] * b[1] - a[1] * b[0];
    }
    p->W[j][0] = p->K[j] * re, p->W[j][1] = p->K[j] * im;
  }
  fftw_execute_dft_c2r(p->bwd, p->W, p->out);
  for (size_t i = 0; i < p->n; i++) G[i] = p->h * p->out[(size_t)p->lead + i * (size_t)p->m] / (double)p->L;
}
