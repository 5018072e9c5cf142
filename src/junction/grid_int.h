/* Shared internals of the lattice integrators (grid.c driver, grid_nis.c, grid_sis.c, grid_fft.c). */
#ifndef SFHET_JUNCTION_GRID_INT_H
#define SFHET_JUNCTION_GRID_INT_H

#include "junction/channels.h"
#include "junction/grid.h"

typedef struct {
  const sfhet_junction *j;
  double h, kT, W;
  int nch;                    /* channels (junction/channels.h): 1, 2 (spin up, down) or 4 */
  double w[JUNCTION_MAXCH];   /* channel weights */
  double f[3];                /* spin-filter axis (zero: none) */
  int wantG, wantI;
} ctx;

/* First electrode on the lattice k h, k = kA .. kA+nA−1 (shared by all groups), per channel:
 * a1 = N1 f, a2 = N1. */
typedef struct {
  long kA;
  size_t nA;
  double *a1[JUNCTION_MAXCH], *a2[JUNCTION_MAXCH];
} side_a;

#define SIDE_A_OFF (1 + JUNCTION_DOS_TMP)                 /* x and the DOS scratch come first */
#define SIDE_A_SIZE (SIDE_A_OFF + 2 * JUNCTION_MAXCH)      /* doubles per node */
#define SIDE_B_SIZE (SIDE_A_OFF + 4 * JUNCTION_MAXCH)

/* Second electrode on base + l h, l = l0 .. l0+nB−1, per channel: b1 = N2', b2 = N2 k_T − N2' f,
 * b3 = N2, b4 = N2 f; then G ∝ Σ a1 b1 + a2 b2 and I ∝ Σ a1 b3 − a2 b4. */
typedef struct {
  long l0;
  size_t nB;
  double *b[4][JUNCTION_MAXCH];
} side_b;

/* Samples per channel of one electrode's DOS (and dN/dE unless dN is NULL) at base + l h. */
int grid_dos_samples(const ctx *c, const sfhet_dos_info *m, const double *p, double base, long l0, size_t n,
                     double *x, double **out, double **dN, double *tmp);

/* NIS: one lattice group, and its buffer size in doubles. */
int grid_nis_group(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng, double base,
                   double *G, double *G2, double *I, double *buf);
size_t grid_nis_buf_size(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng);

/* SIS: side A extent and samples, bias windows, side B extent and samples, direct group sums. */
void grid_sis_extent_a(const ctx *c, const double *V, size_t n, long *kA, size_t *nA);
int grid_sis_side_a(const ctx *c, const double *V, size_t n, side_a *A, double *buf);
void grid_sis_window(const ctx *c, const side_a *A, double v, long *k0, long *k1);
void grid_sis_extent_b(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                       size_t ng, long *l0, size_t *nB);
int grid_sis_side_b(const ctx *c, double base, side_b *B, double *buf);
int grid_sis_group(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                   size_t ng, double base, double *G, double *G2, double *I, double *buf);

/* SIS by FFT: smallest and largest lag of a group, whether FFT pays, and the group sums. */
void grid_group_lags(const long *idx, const size_t *who, size_t ng, long *imin, long *imax);
int grid_use_fft(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who, size_t ng);
int grid_sis_group_fft(const ctx *c, const side_a *A, const long *idx, const size_t *who, size_t ng,
                       double base, double *G, double *G2, double *I, double *buf, sfhet_junction_ws *ws);

#endif
