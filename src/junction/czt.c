/* Chirp-z evaluation of a trigonometric interpolant (Bluestein, IEEE Trans. Audio Electroacoust. 18, 451
 * (1970)): with ij = (i² + j² − (i − j)²)/2, Σ_j u_j z^{ij} = ζ_i Σ_j (u_j ζ_j) conj(ζ_{i−j}), ζ_k = z^{k²/2},
 * a convolution done by FFTs of length M >= J + n. The chirp phases are computed in long double and
 * reduced modulo 2π (arguments up to ~π r L/4). */
#include "junction/czt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/fftcorr.h"
#include "junction/ws_int.h"
#include "sfhet/error.h"

/* Cached tables: pre[j] (J+1), post[i] (n), filter spectrum gh[M]; all complex. */
typedef struct {
  size_t M, J, n;
  fftw_complex *pre, *post, *gh;
} chirp;

/* exp(i π r k² / L) for integer k (phase reduced in long double). */
static void zeta(double r, size_t L, long k, double *re, double *im) {
  long double ph = (long double)M_PI * (long double)r * (long double)k * (long double)k / (long double)L;
  ph = fmodl(ph, 2.0L * (long double)M_PI);
  *re = (double)cosl(ph);
  *im = (double)sinl(ph);
}


/* exp(2πi j x0/L) (phase reduced in long double). */
static void phase(double x0, size_t L, size_t j, double *re, double *im) {
  long double ph = fmodl(2.0L * (long double)M_PI * (long double)j * (long double)x0 / (long double)L,
                         2.0L * (long double)M_PI);
  *re = (double)cosl(ph);
  *im = (double)sinl(ph);
}

/* z[k] = ζ_k = exp(iπ r k²/L), k < K, by ζ_{k+1} = ζ_k u_k, u_{k+1} = u_k e^{2iπr/L} (u_k = e^{iπr(2k+1)/L}),
 * re-anchored exactly every 512 values (relative rounding below 1e-13). */
static void chirp_table(double r, size_t L, size_t K, fftw_complex *z) {
  double cr, ci, ur = 1.0, ui = 0.0;
  zeta(2.0 * r, L, 1, &cr, &ci); /* e^{2iπr/L} */
  for (size_t k = 0; k < K; k++) {
    if (k % 512 == 0) {
      zeta(r, L, (long)k, &z[k][0], &z[k][1]);
      phase(0.5 * r * (double)(2 * k + 1), L, 1, &ur, &ui); /* e^{iπ r (2k+1)/L} */
    } else {
      z[k][0] = z[k - 1][0] * ur - z[k - 1][1] * ui;
      z[k][1] = z[k - 1][0] * ui + z[k - 1][1] * ur;
      double t = ur * cr - ui * ci;
      ui = ur * ci + ui * cr;
      ur = t;
    }
  }
}

static size_t pad64(size_t bytes) { return (bytes + 63) / 64 * 64; }

/* One 64-byte aligned block (freed by free(), as the workspace caches do): header, pre, post, gh. */
static chirp *make_chirp(sfhet_junction_ws *ws, size_t L, double x0, double r, size_t n) {
  size_t J = L / 2, M = junction_fft_size(J + n + 1), cs = sizeof(fftw_complex), K = J + 1 > n ? J + 1 : n;
  size_t o1 = pad64(sizeof(chirp)), o2 = o1 + pad64((J + 1) * cs), o3 = o2 + pad64(n * cs);
  fftw_complex *z = junction_arena(ws, K * cs);
  void *raw = NULL;
  if (!z || posix_memalign(&raw, 64, o3 + M * cs)) return NULL;
  chirp *c = raw;
  c->M = M, c->J = J, c->n = n;
  c->pre = (fftw_complex *)((char *)raw + o1);
  c->post = (fftw_complex *)((char *)raw + o2);
  c->gh = (fftw_complex *)((char *)raw + o3);
  chirp_table(r, L, K, z);
  double sr, si, pr = 1.0, pi = 0.0;
  phase(x0, L, 1, &sr, &si);
  for (size_t j = 0; j <= J; j++) { /* c_j e^{2πi j x0/L} ζ_j / L, the phase by recurrence */
    if (j % 512 == 0) phase(x0, L, j, &pr, &pi);
    double w = (j == 0 || j == J ? 1.0 : 2.0) / (double)L;
    c->pre[j][0] = w * (pr * z[j][0] - pi * z[j][1]);
    c->pre[j][1] = w * (pr * z[j][1] + pi * z[j][0]);
    double t = pr * sr - pi * si;
    pi = pr * si + pi * sr;
    pr = t;
  }
  memcpy(c->post, z, n * cs);
  memset(c->gh, 0, M * cs);
  for (long k = -(long)J; k < (long)n; k++) { /* conj(ζ_k) at k mod M (ζ even in k) */
    size_t q = k < 0 ? (size_t)((long)M + k) : (size_t)k, a = (size_t)labs(k);
    c->gh[q][0] = z[a][0];
    c->gh[q][1] = -z[a][1];
  }
  if (junction_fft_c2c(ws, M, -1, c->gh)) {
    free(raw);
    return NULL;
  }
  return c;
}

int junction_czt(sfhet_junction_ws *ws, size_t L, const fftw_complex *S, const double *mult, int deriv, double h,
                 double x0, double r, size_t n, double *y) {
  double key[4] = {(double)L, x0, r, (double)n};
  int hit;
  junction_cache *slot = junction_cache_slot(ws, ws->czt, key, 4, &hit);
  if (!hit) {
    slot->data = make_chirp(ws, L, x0, r, n);
    if (!slot->data) SFHET_ERROR(SFHET_ENOMEM, "out of memory (chirp-z tables)");
  }
  chirp *c = slot->data;
  size_t M = c->M, J = c->J;
  fftw_complex *u = junction_arena(ws, M * sizeof *u);
  if (!u) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double wscale = 2.0 * M_PI / ((double)L * h);
  for (size_t j = 0; j <= J; j++) {
    double sr = S[j][0], si = S[j][1], m = mult ? mult[j] : 1.0;
    if (deriv) { /* × i ω_j */
      double w = wscale * (double)j, t = sr;
      sr = -w * si;
      si = w * t;
    }
    u[j][0] = m * (sr * c->pre[j][0] - si * c->pre[j][1]);
    u[j][1] = m * (sr * c->pre[j][1] + si * c->pre[j][0]);
  }
  memset(u + J + 1, 0, (M - J - 1) * sizeof *u);
  if (junction_fft_c2c(ws, M, -1, u)) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  for (size_t k = 0; k < M; k++) {
    double ar = u[k][0], ai = u[k][1], br = c->gh[k][0], bi = c->gh[k][1];
    u[k][0] = ar * br - ai * bi;
    u[k][1] = ar * bi + ai * br;
  }
  if (junction_fft_c2c(ws, M, 1, u)) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  for (size_t i = 0; i < n; i++) /* Re(ζ_i (u ⊛ g)_i) / M */
    y[i] = (c->post[i][0] * u[i][0] - c->post[i][1] * u[i][1]) / (double)M;
  return SFHET_OK;
}
