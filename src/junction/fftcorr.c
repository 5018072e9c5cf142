/* Cross-correlations through FFTW r2c/c2r transforms, with plans and buffers cached in the workspace.
 * FFTW's planner is not thread-safe, so planning is serialised; execution uses the new-array interface
 * on the workspace's own (aligned) buffers. */
#include "junction/fftcorr.h"

#include <fftw3.h>
#include <pthread.h>
#include <string.h>

#include "junction/ws_int.h"

static pthread_mutex_t plan_lock = PTHREAD_MUTEX_INITIALIZER;

void junction_fft_release(sfhet_junction_ws *ws) {
  pthread_mutex_lock(&plan_lock);
  if (ws->fft_fwd) fftw_destroy_plan(ws->fft_fwd);
  if (ws->fft_bwd) fftw_destroy_plan(ws->fft_bwd);
  pthread_mutex_unlock(&plan_lock);
  fftw_free(ws->fft_real);
  fftw_free(ws->fft_spec);
  fftw_free(ws->fft_work);
  ws->fft_fwd = ws->fft_bwd = NULL;
  ws->fft_real = NULL;
  ws->fft_spec = ws->fft_work = NULL;
  ws->fft_L = 0;
}

int junction_fft_setup(sfhet_junction_ws *ws, size_t L) {
  if (ws->fft_L == L) return 0;
  junction_fft_release(ws);
  size_t nc = L / 2 + 1;
  ws->fft_real = fftw_malloc(L * sizeof(double));
  ws->fft_spec = fftw_malloc(FFTCORR_SLOTS * nc * sizeof(fftw_complex));
  ws->fft_work = fftw_malloc(nc * sizeof(fftw_complex));
  if (!ws->fft_real || !ws->fft_spec || !ws->fft_work) {
    junction_fft_release(ws);
    return 1;
  }
  pthread_mutex_lock(&plan_lock);
  ws->fft_fwd = fftw_plan_dft_r2c_1d((int)L, ws->fft_real, ws->fft_work, FFTW_ESTIMATE);
  ws->fft_bwd = fftw_plan_dft_c2r_1d((int)L, ws->fft_work, ws->fft_real, FFTW_ESTIMATE);
  pthread_mutex_unlock(&plan_lock);
  if (!ws->fft_fwd || !ws->fft_bwd) {
    junction_fft_release(ws);
    return 1;
  }
  ws->fft_L = L;
  return 0;
}

void junction_fft_forward(sfhet_junction_ws *ws, int s, const double *x, size_t n) {
  size_t L = ws->fft_L, nc = L / 2 + 1;
  memcpy(ws->fft_real, x, n * sizeof(double));
  memset(ws->fft_real + n, 0, (L - n) * sizeof(double));
  fftw_execute_dft_r2c(ws->fft_fwd, ws->fft_real, ws->fft_spec + (size_t)s * nc);
}

void junction_fft_corr(sfhet_junction_ws *ws, int np, const int *sa, const int *sb, const double *sign,
                       double *out, size_t nd) {
  size_t L = ws->fft_L, nc = L / 2 + 1;
  fftw_complex *w = ws->fft_work;
  memset(w, 0, nc * sizeof(fftw_complex));
  for (int p = 0; p < np; p++) { /* conj(A) B */
    const fftw_complex *A = ws->fft_spec + (size_t)sa[p] * nc, *B = ws->fft_spec + (size_t)sb[p] * nc;
    for (size_t k = 0; k < nc; k++) {
      w[k][0] += sign[p] * (A[k][0] * B[k][0] + A[k][1] * B[k][1]);
      w[k][1] += sign[p] * (A[k][0] * B[k][1] - A[k][1] * B[k][0]);
    }
  }
  fftw_execute_dft_c2r(ws->fft_bwd, w, ws->fft_real);
  for (size_t d = 0; d < nd; d++) out[d] = ws->fft_real[d] / (double)L;
}
