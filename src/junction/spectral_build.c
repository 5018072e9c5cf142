/* Lattice arrays of the spectral path and their transforms (see spectral_int.h for the layout):
 *   SIS  G ∝ Σ_m (N1 f)_m N2'_{m+D} + N1_m (N2 k_T − N2' f)_{m+D},  I ∝ Σ_m (N1 f)_m N2_{m+D} − N1_m (N2 f)_{m+D}
 *   NIS  G ∝ Σ_m k_T(q_m h) Ñ_{m+D},  Ñ = (1 + P) N↑ + (1 − P) N↓
 * Identical electrodes share one set of DOS samples (the two sides lie on the same lattice because the
 * lag origin is a multiple of 2h); every array is tapered smoothly to zero over its outer T nodes, so the
 * circular correlation is smooth all around (needed by the frequency-domain averages and the
 * interpolation between nodes); the tapers only touch nodes outside every bias's thermal window. */
#include <math.h>
#include <string.h>

#include "junction/fftcorr.h"
#include "junction/lattice.h"
#include "junction/spectral_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

size_t spec_slot(const spec_geom *g) { return (g->L / 2 + 1 + 3) / 4 * 4; }

fftw_complex *spec_alloc(sfhet_junction_ws *ws, const spec_geom *g) {
  size_t ns = spec_slot(g);
  fftw_complex *s = junction_arena(ws, ns * sizeof *s);
  if (s) memset(s, 0, ns * sizeof *s);
  return s;
}

fftw_complex *spec_alloc_raw(sfhet_junction_ws *ws, const spec_geom *g) {
  return junction_arena(ws, spec_slot(g) * sizeof(fftw_complex));
}

static double *dalloc(sfhet_junction_ws *ws, size_t n) { return junction_arena(ws, n * sizeof(double)); }

int spec_transform(sfhet_junction_ws *ws, const spec_geom *g, double *x, size_t n, fftw_complex *out) {
  if (g->T) lat_apply_taper(x, n, g->taper, g->T);
  if (junction_fft_r2c(ws, g->L, x, n, out)) SFHET_ERROR(SFHET_ENOMEM, "out of memory (FFT)");
  return SFHET_OK;
}

/* Whether both SIS electrodes are the same model with the same parameter values. */
static int identical(const sfhet_junction *j) {
  const sfhet_dos_info *m2 = junction_dos2(j);
  if (m2 != j->dos1) return 0;
  for (size_t k = 0; k < m2->n_params; k++)
    if (j->p1[k] != j->p2[k]) return 0;
  return 1;
}

/* DOS (and dN/dE) of both SIS electrodes: side A (N1 only) and side B (N2, N2'), per channel. */
static int sis_dos(const sfhet_junction *j, const spec_geom *g, double **N1, double **N2, double **dN2,
                   sfhet_junction_ws *ws) {
  for (int ch = 0; ch < g->nch; ch++) {
    N1[ch] = dalloc(ws, g->nA), N2[ch] = dalloc(ws, g->nB), dN2[ch] = dalloc(ws, g->nB);
    if (!N1[ch] || !N2[ch] || !dN2[ch]) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  if (!identical(j)) {
    SFHET_TRY(lat_dos(j->dos1, j->p1, g->nch, g->f, g->h, g->a, g->a0, g->nA, N1, NULL, ws));
    return lat_dos(junction_dos2(j), j->p2, g->nch, g->f, g->h, g->a, g->b0, g->nB, N2, dN2, ws);
  }
  long lo = g->a0 < g->b0 ? g->a0 : g->b0, hiA = g->a0 + (long)g->nA, hiB = g->b0 + (long)g->nB;
  size_t nu = (size_t)((hiA > hiB ? hiA : hiB) - lo);
  double *U[JUNCTION_MAXCH], *dU[JUNCTION_MAXCH];
  for (int ch = 0; ch < g->nch; ch++) {
    U[ch] = dalloc(ws, nu), dU[ch] = dalloc(ws, nu);
    if (!U[ch] || !dU[ch]) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  SFHET_TRY(lat_dos(j->dos1, j->p1, g->nch, g->f, g->h, g->a, lo, nu, U, dU, ws));
  for (int ch = 0; ch < g->nch; ch++) {
    memcpy(N1[ch], U[ch] + (g->a0 - lo), g->nA * sizeof(double));
    memcpy(N2[ch], U[ch] + (g->b0 - lo), g->nB * sizeof(double));
    memcpy(dN2[ch], dU[ch] + (g->b0 - lo), g->nB * sizeof(double));
  }
  return SFHET_OK;
}

static int sis_build(const sfhet_junction *j, const spec_geom *g, int wantI, spec_arrays *s,
                     sfhet_junction_ws *ws) {
  double kT = SFHET_KB_MEV * j->T, *N1[JUNCTION_MAXCH], *N2[JUNCTION_MAXCH], *dN2[JUNCTION_MAXCH];
  SFHET_TRY(sis_dos(j, g, N1, N2, dN2, ws));
  double *kB = dalloc(ws, g->nB), *x = dalloc(ws, g->nB);
  s->fA = dalloc(ws, g->nA), s->fB = dalloc(ws, g->nB);
  if (!kB || !x || !s->fA || !s->fB) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  lat_fermi(g->h, kT, g->a0, g->nA, s->fA, NULL, ws);
  lat_fermi(g->h, kT, g->b0, g->nB, s->fB, kB, ws);
  for (int ch = 0; ch < g->nch; ch++) {
    fftw_complex **sl[6] = {&s->A1[ch], &s->A2[ch], &s->B1[ch], &s->B2[ch], &s->C1[ch], &s->C2[ch]};
    for (int q = 0; q < (wantI ? 6 : 4); q++)
      if (!(*sl[q] = spec_alloc_raw(ws, g))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    const double *n1 = N1[ch], *n2 = N2[ch], *d2 = dN2[ch], *fA = s->fA, *fB = s->fB;
    for (size_t i = 0; i < g->nA; i++) x[i] = n1[i] * fA[i];
    SFHET_TRY(spec_transform(ws, g, x, g->nA, s->A1[ch]));
    memcpy(x, n1, g->nA * sizeof *x);
    SFHET_TRY(spec_transform(ws, g, x, g->nA, s->A2[ch]));
    memcpy(x, d2, g->nB * sizeof *x);
    SFHET_TRY(spec_transform(ws, g, x, g->nB, s->B1[ch]));
    for (size_t i = 0; i < g->nB; i++) x[i] = n2[i] * kB[i] - d2[i] * fB[i];
    SFHET_TRY(spec_transform(ws, g, x, g->nB, s->B2[ch]));
    if (!wantI) continue;
    memcpy(x, n2, g->nB * sizeof *x);
    SFHET_TRY(spec_transform(ws, g, x, g->nB, s->C1[ch]));
    for (size_t i = 0; i < g->nB; i++) x[i] = n2[i] * fB[i];
    SFHET_TRY(spec_transform(ws, g, x, g->nB, s->C2[ch]));
  }
  return SFHET_OK;
}

/* The NIS conductance kernel on side B: Ñ = (1 + P) N↑ + (1 − P) N↓ (N for one channel). A point
 * contact's Andreev kernel would be filled here instead. */
static int nis_sigma(const sfhet_junction *j, const spec_geom *g, double *out, sfhet_junction_ws *ws) {
  double *N[2] = {out, g->nch == 2 ? dalloc(ws, g->nB) : NULL};
  if (g->nch == 2 && !N[1]) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  SFHET_TRY(lat_dos(j->dos1, j->p1, g->nch, g->f, g->h, g->a, g->b0, g->nB, N, NULL, ws));
  if (g->nch == 2)
    for (size_t i = 0; i < g->nB; i++) out[i] = (1.0 + j->P) * N[0][i] + (1.0 - j->P) * N[1][i];
  return SFHET_OK;
}

static int nis_build(const sfhet_junction *j, const spec_geom *g, spec_arrays *s, sfhet_junction_ws *ws) {
  double kT = SFHET_KB_MEV * j->T, *x = dalloc(ws, g->nB);
  s->A1[0] = spec_alloc_raw(ws, g), s->B1[0] = spec_alloc_raw(ws, g);
  if (!x || !s->A1[0] || !s->B1[0]) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  lat_fermi(g->h, kT, g->a0, g->nA, NULL, x, ws);
  SFHET_TRY(spec_transform(ws, g, x, g->nA, s->A1[0]));
  SFHET_TRY(nis_sigma(j, g, x, ws));
  return spec_transform(ws, g, x, g->nB, s->B1[0]);
}

int spec_build(const sfhet_junction *j, const spec_geom *g, int wantI, spec_arrays *s, sfhet_junction_ws *ws) {
  memset(s, 0, sizeof *s);
  return g->sis ? sis_build(j, g, wantI, s, ws) : nis_build(j, g, s, ws);
}

/* Y[j] += w conj(A[jj]) B[j] (shift 0: jj = j) or w A[J − j] B[j] (Nyquist-shifted A, conjugated twice). */
static void acc(fftw_complex *Y, const fftw_complex *A, const fftw_complex *B, double w, size_t J, int shift) {
  for (size_t i = 0; i <= J; i++) {
    const double *a = A[shift ? J - i : i];
    double ar = a[0], ai = shift ? a[1] : -a[1], br = B[i][0], bi = B[i][1];
    Y[i][0] += w * (ar * br - ai * bi);
    Y[i][1] += w * (ar * bi + ai * br);
  }
}

void spec_combine(const spec_geom *g, const spec_arrays *s, int alt, int cur, fftw_complex *Y) {
  size_t J = g->L / 2;
  memset(Y, 0, (J + 1) * sizeof *Y);
  if (!g->sis) {
    acc(Y, s->A1[0], s->B1[0], 1.0, J, alt);
    return;
  }
  for (int ch = 0; ch < g->nch; ch++) {
    if (cur) {
      acc(Y, s->A1[ch], s->C1[ch], g->w[ch], J, alt);
      acc(Y, s->A2[ch], s->C2[ch], -g->w[ch], J, alt);
    } else {
      acc(Y, s->A1[ch], s->B1[ch], g->w[ch], J, alt);
      acc(Y, s->A2[ch], s->B2[ch], g->w[ch], J, alt);
    }
  }
}
