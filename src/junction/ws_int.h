/* Layout of the junction workspace (internal). */
#ifndef SFHET_JUNCTION_WS_INT_H
#define SFHET_JUNCTION_WS_INT_H

#include <fftw3.h>
#include <gsl/gsl_integration.h>

#include "sfhet/junction.h"

#define JUNCTION_QAG_LIMIT 2000
#define JUNCTION_PLANS 16  /* FFTW plans kept, keyed by kind and length (least recently used replaced) */
#define JUNCTION_BLOCKS 32 /* arena blocks of the spectral path */
#define JUNCTION_CACHES 8  /* kernel and chirp caches kept */

/* Work done by the evaluations of a workspace (operation counts, for tests and benchmarks). */
typedef struct {
  double dos;     /* DOS samples (closed-form or model evaluations, per energy) */
  double fermi;   /* Fermi / thermal-kernel values */
  double fft;     /* Σ n log2 n over the FFTs (real and complex) */
  double mac;     /* multiply-adds of direct lattice sums and interpolation */
  double quad;    /* integrand calls of adaptive quadrature */
  double evals;   /* lattice passes (one per spacing tried) */
} junction_work;

/* One cached FFTW plan. */
typedef struct {
  int kind;       /* 0 none, 1 r2c, 2 c2r, 3 c2c forward, 4 c2c backward */
  size_t n;
  fftw_plan plan;
  unsigned long used;
} junction_plan;

/* One arena block (64-byte aligned, never moved). */
typedef struct {
  char *p;
  size_t cap, used;
} junction_block;

/* A cached array of doubles with the key it was made for. */
typedef struct {
  double key[6];
  size_t n;
  void *data;
  unsigned long used;
} junction_cache;

struct sfhet_junction_ws {
  gsl_integration_workspace *qag;
  double *buf[2];
  size_t cap[2];
  double *sbuf;                       /* fine bias grid of the smoothing path (smooth.c) */
  size_t scap;
  double *qbuf;                       /* smoothing nodes and per-node scratch (eval.c) */
  size_t qcap;
  junction_plan plans[JUNCTION_PLANS];
  unsigned long clock;                /* use counter for the plan and kernel caches */
  double *fft_real;                   /* real transform buffer (fft_rcap doubles) */
  fftw_complex *fft_cplx[2];          /* complex transform buffers (fft_ccap each) */
  size_t fft_rcap, fft_ccap;
  fftw_complex *legacy_spec;          /* FFTCORR_SLOTS spectra of the legacy correlation (grid_fft.c) */
  size_t legacy_L;
  junction_block blk[JUNCTION_BLOCKS];
  junction_cache khat[JUNCTION_CACHES];  /* smoothing kernels in the frequency domain (kernels.c) */
  junction_cache czt[JUNCTION_CACHES];   /* chirp-z tables (czt.c) */
  junction_work work;
  double fix_h;                       /* > 0: every lattice pass uses this spacing, no refinement (the
                                         finite differences of deriv.c: one lattice for all evaluations) */
  double last_h;                      /* spacing of the last accepted lattice pass */
  void *memo;                         /* the last accepted spectral pass (spectral.c), kept in the arena */
};

/* Destroys the cached FFT plans and buffers. */
void junction_fft_release(sfhet_junction_ws *ws);

/* Scratch array number which (0 or 1) of at least n doubles, owned by the workspace (NULL when out of
 * memory); growing it invalidates earlier pointers into the same array. */
double *junction_ws_buf(sfhet_junction_ws *ws, int which, size_t n);

/* Grows *b (capacity *cap doubles) to at least n doubles; NULL when out of memory (*b unchanged). */
double *junction_ws_grow(double **b, size_t *cap, size_t n);

/* Arena of the spectral path: 64-byte aligned memory valid until the next junction_arena_reset. */
void *junction_arena(sfhet_junction_ws *ws, size_t bytes);
void junction_arena_reset(sfhet_junction_ws *ws);

/* Work counters of the workspace (reset by junction_work_reset). */
const junction_work *junction_ws_work(const sfhet_junction_ws *ws);
void junction_work_reset(sfhet_junction_ws *ws);

/* A cache slot for key[0..nk) (nk <= 6): *hit = 1 when it holds that key (data valid), else the least
 * recently used slot, freed and keyed anew, with data NULL (the caller fills it with malloc'd memory). */
junction_cache *junction_cache_slot(sfhet_junction_ws *ws, junction_cache *set, const double *key, size_t nk,
                                    int *hit);

#endif
