/* Closed-form Dynes and Zeeman DOS with their energy derivative from one square root:
 *   s = sqrt(z² − Δ²) on the retarded branch (Im s > 0 for Im z > 0),  N = Re(z/s),  N' = Re(−Δ²/s³),
 * z = E + iΓ, Γ > 0 (Dynes et al., PRL 41, 1509 (1978)). Used by the lattice integrators, which need
 * both for thousands of energies; other models go through their info's eval and a central difference. */
#include <math.h>
#include <string.h>

#include "junction/fastdos.h"

/* N and dN/dE of the Dynes DOS at E (gamma > 0). */
static void dynes_nd(double E, double d, double g, double *N, double *dN) {
  double wr = E * E - g * g - d * d, wi = 2.0 * E * g; /* w = z² − Δ² */
  double r = sqrt(wr * wr + wi * wi), t = sqrt(0.5 * (r + fabs(wr)));
  double sr, si;
  if (wr >= 0.0) {
    sr = t;
    si = wi / (2.0 * t);
  } else {
    sr = fabs(wi) / (2.0 * t);
    si = copysign(t, wi);
  }
  if (si < 0.0) sr = -sr, si = -si;
  double m2 = sr * sr + si * si;
  *N = (E * sr + g * si) / m2;                          /* Re(z conj(s)) / |s|² */
  if (dN) {
    double s3r = sr * (sr * sr - 3.0 * si * si), s3i = si * (3.0 * sr * sr - si * si);
    *dN = -d * d * s3r / (s3r * s3r + s3i * s3i);        /* Re(−Δ²/s³) */
  }
}

int junction_fast_dos(const sfhet_dos_info *m, const double *p, const double *x, size_t n, int nch,
                      double **N, double **dN) {
  int dynes = strcmp(m->name, "dynes") == 0, zeeman = strcmp(m->name, "zeeman") == 0;
  if ((!dynes && !zeeman) || !(p[1] > 0.0) || (zeeman && nch != 2)) return 0;
  double d = p[0], g = p[1], hz = zeeman ? p[2] : 0.0;
  for (size_t i = 0; i < n; i++) {
    double a, da, b, db;
    dynes_nd(x[i] - hz, d, g, &a, dN ? &da : NULL);
    if (zeeman) dynes_nd(x[i] + hz, d, g, &b, dN ? &db : NULL);
    if (nch == 1) {
      N[0][i] = a;
      if (dN) dN[0][i] = da;
    } else if (zeeman) {
      N[0][i] = 0.5 * a, N[1][i] = 0.5 * b;
      if (dN) dN[0][i] = 0.5 * da, dN[1][i] = 0.5 * db;
    } else {
      N[0][i] = N[1][i] = 0.5 * a;
      if (dN) dN[0][i] = dN[1][i] = 0.5 * da;
    }
  }
  return 1;
}
