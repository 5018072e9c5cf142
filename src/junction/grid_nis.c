/* NIS sums on a lattice group (see grid.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/adaptive.h"
#include "junction/grid_int.h"
#include "sfhet/error.h"

#define NIS_NODE (4 + JUNCTION_DOS_TMP) /* doubles per lattice node: x, N↑, N↓, f, DOS scratch */

/* Collapses NIS channels into Ñ = (1+P)N↑ + (1−P)N↓ in out[0]. */
static void nis_weighted(const ctx *c, double **N, size_t n) {
  if (c->nch == 1) return;
  for (size_t i = 0; i < n; i++) N[0][i] = (1.0 + c->j->P) * N[0][i] + (1.0 - c->j->P) * N[1][i];
}

/* ---------------------------------------------------------------- NIS */

/* One lattice group of NIS biases: V[q] = base + idx[q] h for q in who[0..ng). */
int grid_nis_group(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng,
                     double base, double *G, double *G2, double *I, double *buf) {
  double h = c->h, kT = c->kT, vmax = 0.0;
  long kw = (long)ceil(c->W / h), imin = idx[who[0]], imax = imin;
  for (size_t g = 0; g < ng; g++) {
    long i = idx[who[g]];
    imin = i < imin ? i : imin;
    imax = i > imax ? i : imax;
    vmax = fmax(vmax, fabs(V[who[g]]));
  }
  long kI = c->wantI ? (long)ceil((vmax + c->W) / h) : kw;
  long l0 = imin - kI;
  size_t nl = (size_t)(imax + kI - l0 + 1), nk = (size_t)(2 * kI + 1);
  double *x = buf, *N[2] = {buf + nl, buf + 2 * nl}, *fB = buf + 3 * nl, *tmp = buf + 4 * nl;
  double *K = buf + NIS_NODE * nl, *fK = K + nk;
  SFHET_TRY(grid_dos_samples(c, c->j->dos1, c->j->p1, base, l0, nl, x, N, NULL, tmp));
  nis_weighted(c, N, nl);
  for (long k = -kI; k <= kI; k++) {
    K[k + kI] = junction_mdfermi((double)k * h, kT);
    fK[k + kI] = junction_fermi((double)k * h, kT);
  }
  if (c->wantI)
    for (size_t i = 0; i < nl; i++) fB[i] = junction_fermi(x[i], kT);
  for (size_t g = 0; g < ng; g++) {
    size_t q = who[g];
    const double *Nq = N[0] + (idx[q] - l0), *fq = fB + (idx[q] - l0);
    if (c->wantG) {
      double s = 0.0, s2 = 0.0;
      for (long k = -kw; k <= kw; k++) {
        double t = Nq[k] * K[k + kI];
        s += t;
        if (!(k & 1)) s2 += t;
      }
      G[q] = h * s;
      G2[q] = 2.0 * h * s2;
    }
    if (c->wantI) { /* E = V + k h: f(E − V) = fK[k], f(E) = fq[k] */
      long k0 = (long)floor((fmin(0.0, V[q]) - V[q] - c->W) / h);
      long k1 = (long)ceil((fmax(0.0, V[q]) - V[q] + c->W) / h);
      k0 = k0 < -kI ? -kI : k0;
      k1 = k1 > kI ? kI : k1;
      double s = 0.0;
      for (long k = k0; k <= k1; k++) s += Nq[k] * (fK[k + kI] - fq[k]);
      I[q] = h * s;
    }
  }
  return SFHET_OK;
}

size_t grid_nis_buf_size(const ctx *c, const double *V, const long *idx, const size_t *who, size_t ng) {
  long kw = (long)ceil(c->W / c->h), imin = idx[who[0]], imax = imin;
  double vmax = 0.0;
  for (size_t g = 0; g < ng; g++) {
    imin = idx[who[g]] < imin ? idx[who[g]] : imin;
    imax = idx[who[g]] > imax ? idx[who[g]] : imax;
    vmax = fmax(vmax, fabs(V[who[g]]));
  }
  long kI = c->wantI ? (long)ceil((vmax + c->W) / c->h) : kw;
  return NIS_NODE * (size_t)(imax - imin + 2 * kI + 1) + 2 * (size_t)(2 * kI + 1);
}

