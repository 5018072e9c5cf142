/* SIS sums by direct window sums on a lattice group (see grid.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/adaptive.h"
#include "junction/grid_int.h"
#include "sfhet/error.h"

/* ---------------------------------------------------------------- SIS */

void grid_sis_extent_a(const ctx *c, const double *V, size_t n, long *kA, size_t *nA) {
  double vmin = 0.0, vmax = 0.0;
  for (size_t i = 0; i < n; i++) vmin = fmin(vmin, V[i]), vmax = fmax(vmax, V[i]);
  *kA = (long)floor((-vmax - c->W) / c->h);
  *nA = (size_t)((long)ceil((-vmin + c->W) / c->h) - *kA + 1);
}

int grid_sis_side_a(const ctx *c, const double *V, size_t n, side_a *A, double *buf) {
  grid_sis_extent_a(c, V, n, &A->kA, &A->nA);
  size_t nA = A->nA;
  double *x = buf, *tmp = buf + nA;                  /* tmp: JUNCTION_DOS_TMP nA */
  for (int ch = 0; ch < JUNCTION_MAXCH; ch++) {
    A->a1[ch] = buf + (size_t)(SIDE_A_OFF + ch) * nA;
    A->a2[ch] = buf + (size_t)(SIDE_A_OFF + JUNCTION_MAXCH + ch) * nA;
  }
  SFHET_TRY(grid_dos_samples(c, c->j->dos1, c->j->p1, 0.0, A->kA, nA, x, A->a2, NULL, tmp));
  for (size_t i = 0; i < nA; i++) {
    double f = junction_fermi(x[i], c->kT);
    for (int ch = 0; ch < c->nch; ch++) A->a1[ch][i] = A->a2[ch][i] * f;
  }
  return SFHET_OK;
}

/* Window of E = k h for bias v: [min(0, −v) − W, max(0, −v) + W], clipped to side A. */
void grid_sis_window(const ctx *c, const side_a *A, double v, long *k0, long *k1) {
  *k0 = (long)floor((fmin(0.0, -v) - c->W) / c->h);
  *k1 = (long)ceil((fmax(0.0, -v) + c->W) / c->h);
  if (*k0 < A->kA) *k0 = A->kA;
  if (*k1 > A->kA + (long)A->nA - 1) *k1 = A->kA + (long)A->nA - 1;
}

void grid_sis_extent_b(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                         size_t ng, long *l0, size_t *nB) {
  long lmin = 0, lmax = 0;
  for (size_t g = 0; g < ng; g++) {
    long k0, k1, i = idx[who[g]];
    grid_sis_window(c, A, V[who[g]], &k0, &k1);
    lmin = (g == 0 || k0 + i < lmin) ? k0 + i : lmin;
    lmax = (g == 0 || k1 + i > lmax) ? k1 + i : lmax;
  }
  *l0 = lmin;
  *nB = (size_t)(lmax - lmin + 1);
}

/* Fills side B on l = l0 .. l0+nB−1 (B->l0, B->nB set by the caller). */
int grid_sis_side_b(const ctx *c, double base, side_b *B, double *buf) {
  size_t nB = B->nB;
  double *x = buf, *tmp = buf + nB;                  /* tmp: JUNCTION_DOS_TMP nB */
  for (int q = 0; q < 4; q++)
    for (int ch = 0; ch < JUNCTION_MAXCH; ch++) B->b[q][ch] = buf + (size_t)(SIDE_A_OFF + JUNCTION_MAXCH * q + ch) * nB;
  double **N2 = B->b[2], **dN2 = B->b[0];
  SFHET_TRY(grid_dos_samples(c, junction_dos2(c->j), c->j->p2, base, B->l0, nB, x, N2, dN2, tmp));
  for (size_t i = 0; i < nB; i++) {
    double f = junction_fermi(x[i], c->kT), k = junction_mdfermi(x[i], c->kT);
    for (int ch = 0; ch < c->nch; ch++) {
      B->b[1][ch][i] = N2[ch][i] * k - dN2[ch][i] * f;
      B->b[3][ch][i] = N2[ch][i] * f;
    }
  }
  return SFHET_OK;
}

/* Σ_k p[k] q[k+i] + r[k] s[k+i] over k0..k1, all nodes (*all) and even k only (*even). */
static void pair_sums(const double *p, const double *q, const double *r, const double *s, long k0, long k1,
                      double *all, double *even) {
  double e0 = 0.0, e1 = 0.0, o0 = 0.0, o1 = 0.0;
  long k = k0;
  if (k & 1) {
    o0 += p[k] * q[k] + r[k] * s[k];
    k++;
  }
  for (; k + 3 <= k1; k += 4) {
    e0 += p[k] * q[k] + r[k] * s[k];
    o0 += p[k + 1] * q[k + 1] + r[k + 1] * s[k + 1];
    e1 += p[k + 2] * q[k + 2] + r[k + 2] * s[k + 2];
    o1 += p[k + 3] * q[k + 3] + r[k + 3] * s[k + 3];
  }
  for (; k <= k1; k++) {
    double t = p[k] * q[k] + r[k] * s[k];
    if (k & 1)
      o0 += t;
    else
      e0 += t;
  }
  *even = e0 + e1;
  *all = e0 + e1 + o0 + o1;
}

int grid_sis_group(const ctx *c, const side_a *A, const double *V, const long *idx, const size_t *who,
                     size_t ng, double base, double *G, double *G2, double *I, double *buf) {
  side_b B;
  grid_sis_extent_b(c, A, V, idx, who, ng, &B.l0, &B.nB);
  SFHET_TRY(grid_sis_side_b(c, base, &B, buf));
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g];
    long k0, k1, i = idx[q];
    grid_sis_window(c, A, V[q], &k0, &k1);
    double tg = 0.0, tg2 = 0.0, ti = 0.0;
    for (int ch = 0; ch < c->nch; ch++) {
      const double *a1 = A->a1[ch] - A->kA, *a2 = A->a2[ch] - A->kA;
      const double *b[4];
      for (int m = 0; m < 4; m++) b[m] = B.b[m][ch] - B.l0 + i;
      double all, even;
      if (c->wantG) {
        pair_sums(a1, b[0], a2, b[1], k0, k1, &all, &even);
        tg += c->w[ch] * all;
        tg2 += c->w[ch] * even;
      }
      if (c->wantI) {
        double s = 0.0;
        for (long k = k0; k <= k1; k++) s += a1[k] * b[2][k] - a2[k] * b[3][k];
        ti += c->w[ch] * s;
      }
    }
    if (G) G[q] = c->h * tg;
    if (G2) G2[q] = 2.0 * c->h * tg2;
    if (I) I[q] = c->h * ti;
  }
  return SFHET_OK;
}

