/* Closed forms shared by DOS model files: the Dynes root with its derivatives, gap edges. */
#include "dos/dos_common.h"

#include <math.h>

#include "sfhet/error.h"

/* s = sqrt(z² − Δ²) with Im s >= 0, z = E + iΓ, from real arithmetic (no complex library calls). */
static void dynes_root(double E, double d, double g, double *sr, double *si) {
  double wr = E * E - g * g - d * d, wi = 2.0 * E * g; /* w = z² − Δ² */
  double r = sqrt(wr * wr + wi * wi), t = sqrt(0.5 * (r + fabs(wr)));
  if (wr >= 0.0) {
    *sr = t;
    *si = wi / (2.0 * t);
  } else {
    *sr = fabs(wi) / (2.0 * t);
    *si = copysign(t, wi);
  }
  if (*si < 0.0) *sr = -*sr, *si = -*si;
}

void dos_dynes_nd(double E, double d, double g, double *N, double *dN) {
  double sr, si;
  dynes_root(E, d, g, &sr, &si);
  double m2 = sr * sr + si * si;
  *N = (E * sr + g * si) / m2; /* Re(z conj(s)) / |s|² */
  if (dN) {
    double s3r = sr * (sr * sr - 3.0 * si * si), s3i = si * (3.0 * sr * sr - si * si);
    *dN = -d * d * s3r / (s3r * s3r + s3i * s3i); /* Re(−Δ²/s³) */
  }
}

void dos_dynes_dparam(double E, double d, double g, double *dd, double *dg) {
  double sr, si;
  dynes_root(E, d, g, &sr, &si);
  double s3r = sr * (sr * sr - 3.0 * si * si), s3i = si * (3.0 * sr * sr - si * si);
  double m = s3r * s3r + s3i * s3i, ir = s3r / m, ii = -s3i / m; /* 1/s³ */
  *dd = d * (E * ir - g * ii);                                   /* Re(zΔ/s³) */
  *dg = d * d * ii;                                              /* Im(Δ²/s³) */
}

size_t dos_edges_split(double delta, double h, double *E, size_t max) {
  double d = fabs(delta), a = fabs(h);
  double cand[6] = {-d, d, -d - a, -d + a, d - a, d + a};
  size_t nc = a > 0.0 ? 6 : 2, n = 0;
  for (size_t i = 0; i < nc && n < max; i++) E[n++] = cand[i];
  return n;
}

int dos_divergence(const char *model, double E, const char *edge) {
  SFHET_ERROR(SFHET_ERANGE, "%s: N(E) diverges at E = %.12g meV (%s, a gap edge of the DOS with gamma = 0): "
              "give gamma > 0 (--gamma) or an energy grid that does not land exactly on the edge",
              model, E, edge);
}
