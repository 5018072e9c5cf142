/* FFTW transforms with plans cached per kind and length, once per process (FFTW_ESTIMATE, which does
 * not touch the arrays). FFTW's planner is not thread-safe, so planning is serialised; execution uses
 * the new-array interface on 64-byte aligned arrays. */
#include "junction/fftcorr.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "junction/ws_int.h"

enum { R2C = 1, C2R = 2, C2C_FWD = 3, C2C_BWD = 4 };

static pthread_mutex_t plan_lock = PTHREAD_MUTEX_INITIALIZER;

size_t junction_fft_size(size_t n) {
  for (size_t L = n < 2 ? 2 : n + (n & 1);; L += 2) {
    size_t m = L;
    while (m % 2 == 0) m /= 2;
    while (m % 3 == 0) m /= 3;
    while (m % 5 == 0) m /= 5;
    if (m == 1) return L;
  }
}

void junction_fft_release(sfhet_junction_ws *ws) {
  pthread_mutex_lock(&plan_lock);
  for (size_t i = 0; i < JUNCTION_PLANS; i++)
    if (ws->plans[i].plan) fftw_destroy_plan(ws->plans[i].plan);
  pthread_mutex_unlock(&plan_lock);
  memset(ws->plans, 0, sizeof ws->plans);
  fftw_free(ws->fft_real);
  fftw_free(ws->fft_cplx[0]);
  fftw_free(ws->fft_cplx[1]);
  fftw_free(ws->legacy_spec);
  ws->fft_real = NULL;
  ws->fft_cplx[0] = ws->fft_cplx[1] = NULL;
  ws->legacy_spec = NULL;
  ws->fft_rcap = ws->fft_ccap = ws->legacy_L = 0;
}

/* Buffers of at least nr doubles and nc complex values (plans made on them stay valid: fftw_malloc
 * keeps the alignment). */
static int buffers(sfhet_junction_ws *ws, size_t nr, size_t nc) {
  if (nr > ws->fft_rcap) {
    fftw_free(ws->fft_real);
    ws->fft_real = fftw_malloc(nr * sizeof(double));
    ws->fft_rcap = ws->fft_real ? nr : 0;
    if (!ws->fft_real) return 1;
  }
  if (nc > ws->fft_ccap) {
    for (int k = 0; k < 2; k++) {
      fftw_free(ws->fft_cplx[k]);
      ws->fft_cplx[k] = fftw_malloc(nc * sizeof(fftw_complex));
    }
    ws->fft_ccap = ws->fft_cplx[0] && ws->fft_cplx[1] ? nc : 0;
    if (!ws->fft_ccap) return 1;
  }
  return 0;
}

/* Makes a plan of this kind and length on the workspace's buffers (lock held). */
static fftw_plan make_plan(sfhet_junction_ws *ws, int kind, size_t n) {
  int ni = (int)n;
  fftw_complex *c = ws->fft_cplx[0];
  if (kind == R2C) return fftw_plan_dft_r2c_1d(ni, ws->fft_real, c, FFTW_ESTIMATE);
  if (kind == C2R) return fftw_plan_dft_c2r_1d(ni, c, ws->fft_real, FFTW_ESTIMATE);
  return fftw_plan_dft_1d(ni, c, c, kind == C2C_FWD ? FFTW_FORWARD : FFTW_BACKWARD, FFTW_ESTIMATE);
}

/* The plan in set[0..ns) for (kind, n), or NULL. */
static fftw_plan lookup(junction_plan *set, size_t ns, int kind, size_t n, unsigned long clock) {
  for (size_t i = 0; i < ns; i++)
    if (set[i].plan && set[i].kind == kind && set[i].n == n) {
      set[i].used = clock;
      return set[i].plan;
    }
  return NULL;
}

/* Process-wide plan cache: FFTW_ESTIMATE planning costs milliseconds per new length (twiddle tables),
 * so a plan is made once per (kind, length) and shared by all workspaces and threads (execution with
 * the new-array interface is thread-safe; workspace buffers come from fftw_malloc, so they have the
 * alignment of the buffers the plan was made on). Global plans are never destroyed (another thread may
 * hold one); once the table is full, further plans go to the workspace's own cache (least recently used
 * replaced, destroyed with the workspace). */
#define GLOBAL_PLANS 256
static junction_plan global_plans[GLOBAL_PLANS];
static size_t global_used;
static unsigned long global_clock;

static fftw_plan plan_of(sfhet_junction_ws *ws, int kind, size_t n) {
  if (buffers(ws, kind <= C2R ? n : 0, kind <= C2R ? n / 2 + 1 : n)) return NULL;
  pthread_mutex_lock(&plan_lock);
  fftw_plan p = lookup(global_plans, global_used, kind, n, ++global_clock);
  if (!p) p = lookup(ws->plans, JUNCTION_PLANS, kind, n, ++ws->clock);
  if (!p && global_used < GLOBAL_PLANS) {
    p = make_plan(ws, kind, n);
    if (p) global_plans[global_used++] = (junction_plan){kind, n, p, global_clock};
  } else if (!p) {
    junction_plan *lru = &ws->plans[0];
    for (size_t i = 0; i < JUNCTION_PLANS; i++)
      if (!ws->plans[i].plan || ws->plans[i].used < lru->used) lru = &ws->plans[i];
    if (lru->plan) fftw_destroy_plan(lru->plan);
    p = make_plan(ws, kind, n);
    *lru = (junction_plan){p ? kind : 0, n, p, ws->clock};
  }
  pthread_mutex_unlock(&plan_lock);
  return p;
}

static void count(sfhet_junction_ws *ws, size_t n) { ws->work.fft += (double)n * log2((double)n); }

int junction_fft_r2c(sfhet_junction_ws *ws, size_t L, const double *x, size_t n, fftw_complex *out) {
  fftw_plan p = plan_of(ws, R2C, L);
  if (!p) return 1;
  memcpy(ws->fft_real, x, n * sizeof(double));
  memset(ws->fft_real + n, 0, (L - n) * sizeof(double));
  fftw_execute_dft_r2c(p, ws->fft_real, out);
  count(ws, L);
  return 0;
}

int junction_fft_c2r(sfhet_junction_ws *ws, size_t L, const fftw_complex *spec, double *out, size_t nout) {
  fftw_plan p = plan_of(ws, C2R, L);
  if (!p) return 1;
  memcpy(ws->fft_cplx[1], spec, (L / 2 + 1) * sizeof(fftw_complex)); /* c2r destroys its input */
  fftw_execute_dft_c2r(p, ws->fft_cplx[1], ws->fft_real);
  memcpy(out, ws->fft_real, nout * sizeof(double));
  count(ws, L);
  return 0;
}

int junction_fft_c2c(sfhet_junction_ws *ws, size_t M, int sign, fftw_complex *x) {
  fftw_plan p = plan_of(ws, sign < 0 ? C2C_FWD : C2C_BWD, M);
  if (!p) return 1;
  fftw_execute_dft(p, x, x);
  count(ws, 2 * M); /* a complex transform costs about two real ones */
  return 0;
}

/* ---------------------------------------------------------------- legacy correlation interface */

/* Spectrum slot stride: a multiple of 4 complex values, so every slot is 64-byte aligned. */
static size_t stride(size_t L) { return (L / 2 + 1 + 3) / 4 * 4; }

int junction_fft_setup(sfhet_junction_ws *ws, size_t L) {
  if (ws->legacy_L == L && ws->legacy_spec) return 0;
  fftw_free(ws->legacy_spec);
  ws->legacy_spec = fftw_malloc(FFTCORR_SLOTS * stride(L) * sizeof(fftw_complex));
  ws->legacy_L = ws->legacy_spec ? L : 0;
  if (!ws->legacy_spec) return 1;
  return !plan_of(ws, R2C, L) || !plan_of(ws, C2R, L);
}

void junction_fft_forward(sfhet_junction_ws *ws, int s, const double *x, size_t n) {
  size_t L = ws->legacy_L;
  junction_fft_r2c(ws, L, x, n, ws->legacy_spec + (size_t)s * stride(L)); /* plan exists (setup) */
}

void junction_fft_corr(sfhet_junction_ws *ws, int np, const int *sa, const int *sb, const double *sign,
                       double *out, size_t nd) {
  size_t L = ws->legacy_L, nc = L / 2 + 1, st = stride(L);
  fftw_complex *w = ws->fft_cplx[1];
  memset(w, 0, nc * sizeof(fftw_complex));
  for (int p = 0; p < np; p++) { /* conj(A) B */
    const fftw_complex *A = ws->legacy_spec + (size_t)sa[p] * st, *B = ws->legacy_spec + (size_t)sb[p] * st;
    for (size_t k = 0; k < nc; k++) {
      w[k][0] += sign[p] * (A[k][0] * B[k][0] + A[k][1] * B[k][1]);
      w[k][1] += sign[p] * (A[k][0] * B[k][1] - A[k][1] * B[k][0]);
    }
  }
  fftw_plan p = plan_of(ws, C2R, L);
  fftw_execute_dft_c2r(p, w, ws->fft_real);
  count(ws, L);
  for (size_t d = 0; d < nd; d++) out[d] = ws->fft_real[d] / (double)L;
}
