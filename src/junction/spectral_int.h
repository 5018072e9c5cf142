/* Shared internals of the spectral path (spectral.c driver and outputs, spectral_build.c lattice arrays
 * and transforms, spectral_deriv.c parameter derivatives). */
#ifndef SFHET_JUNCTION_SPECTRAL_INT_H
#define SFHET_JUNCTION_SPECTRAL_INT_H

#include <fftw3.h>

#include "junction/channels.h"
#include "junction/spectral.h"
#include "junction/ws_int.h"

#define SPEC_TAPER_MAX 64

/* Lattice geometry of one pass. Lags D = 0..nd−1 are the biases V_D = Vo + D h (Vo a multiple of 2h).
 * SIS: side A holds the first electrode at E = α h, α = a0 .. a0+nA−1; side B the second at
 * E + V = β h, β = b0 .. b0+nB−1, b0 = a0 + Vo/h, nB = nA + nd − 1, so that
 * Σ_m a[m] b[m + D] is the lattice sum at lag D. NIS: side A is the thermal kernel at q h,
 * q = a0 .. a0+nA−1 (a0 = −Q), side B the weighted DOS Ñ at β h, b0 = Vo/h + a0. */
typedef struct {
  int sis, nch;             /* channels (junction/channels.h) */
  double w[JUNCTION_MAXCH]; /* channel weights */
  double f[3];              /* spin-filter axis (zero: none) */
  double h, kT, W, a, aV;   /* spacing, kT, thermal window, energy and bias strip half-widths */
  double Vo;
  size_t nd;
  long a0, b0;
  size_t nA, nB, L, T;      /* L: transform length (even), T: taper nodes at each array end */
  double taper[SPEC_TAPER_MAX];
  double x0, r;             /* output positions x0 + i r in lag units */
  size_t n;
  int onlat;                /* x0 and r are integers: outputs sampled from an inverse transform */
} spec_geom;

/* Spectra of the lattice arrays of one junction (each geometry.L/2 + 1 values, 64-byte aligned).
 * SIS, per channel: A1 = N1 f, A2 = N1, B1 = N2', B2 = N2 k_T − N2' f (and for I: C1 = N2, C2 = N2 f).
 * NIS: A1 = k_T (thermal kernel), B1 = Ñ. */
typedef struct {
  fftw_complex *A1[JUNCTION_MAXCH], *A2[JUNCTION_MAXCH], *B1[JUNCTION_MAXCH], *B2[JUNCTION_MAXCH],
      *C1[JUNCTION_MAXCH], *C2[JUNCTION_MAXCH];
  double *fA, *fB;          /* Fermi function on sides A and B (SIS; for derivative arrays) */
} spec_arrays;

/* Number of complex values of one spectrum slot (L/2 + 1 rounded up to 4). */
size_t spec_slot(const spec_geom *g);

/* A zeroed spectrum slot from the arena (NULL when out of memory); _raw: not zeroed (for transforms). */
fftw_complex *spec_alloc(sfhet_junction_ws *ws, const spec_geom *g);
fftw_complex *spec_alloc_raw(sfhet_junction_ws *ws, const spec_geom *g);

/* Lattice samples of junction j on geometry g and their transforms (I arrays when wantI). */
int spec_build(const sfhet_junction *j, const spec_geom *g, int wantI, spec_arrays *s, sfhet_junction_ws *ws);

/* Tapers x (length n) and transforms it into out. */
int spec_transform(sfhet_junction_ws *ws, const spec_geom *g, double *x, size_t n, fftw_complex *out);

/* Y = Σ_ch w_ch Σ_pairs conj(A) B (G); with alt, Yalt = the same with A's spectrum shifted by the Nyquist
 * frequency (the sums over every second node); with cur, the current pairs conj(A1) C1 − conj(A2) C2. */
void spec_combine(const spec_geom *g, const spec_arrays *s, int alt, int cur, fftw_complex *Y);

/* y[i] at the output positions from spectrum Y (times h, times mult[j] unless NULL; deriv: d/dV). */
int spec_output(sfhet_junction_ws *ws, const spec_geom *g, const fftw_complex *Y, const double *mult, int deriv,
                double *y);

/* dG/dp columns of o (smoothing kernel K or NULL) at the accepted geometry. */
int spec_derivs(const sfhet_junction *j, const spec_geom *g, const spec_arrays *s, const double *K,
                const spec_out *o, sfhet_junction_ws *ws);

#endif
