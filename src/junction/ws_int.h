/* Layout of the junction workspace (internal). */
#ifndef SFHET_JUNCTION_WS_INT_H
#define SFHET_JUNCTION_WS_INT_H

#include <fftw3.h>
#include <gsl/gsl_integration.h>

#include "sfhet/junction.h"

#define JUNCTION_QAG_LIMIT 2000

struct sfhet_junction_ws {
  gsl_integration_workspace *qag;
  double *buf[2];
  size_t cap[2];
  size_t fft_L;                       /* FFT length of the cached plans (0: none) */
  fftw_plan fft_fwd, fft_bwd;
  double *fft_real;
  fftw_complex *fft_spec, *fft_work; /* FFTCORR_SLOTS spectra; one work spectrum */
  double *sbuf;                       /* fine bias grid of the smoothing path (smooth.c) */
  size_t scap;
  double *qbuf;                       /* smoothing nodes and per-node scratch (eval.c) */
  size_t qcap;
};

/* Destroys the cached FFT plans and buffers. */
void junction_fft_release(sfhet_junction_ws *ws);

/* Scratch array number which (0 or 1) of at least n doubles, owned by the workspace (NULL when out of
 * memory); growing it invalidates earlier pointers into the same array. */
double *junction_ws_buf(sfhet_junction_ws *ws, int which, size_t n);

/* Grows *b (capacity *cap doubles) to at least n doubles; NULL when out of memory (*b unchanged). */
double *junction_ws_grow(double **b, size_t *cap, size_t n);

#endif
