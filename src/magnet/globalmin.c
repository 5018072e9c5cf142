/* Global minimum by multi-start relaxation (--equilibrium) and the start set it shares with the
 * barrier search. */
#include <math.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/error.h"

/* Start number c of the multi-start set; returns 0 when c is past the end. */
int mag_start_state(const sfhet_mag_system *s, const double *u, size_t c, double *m) {
  size_t n = s->n, npat = n <= 8 ? ((size_t)1 << n) : 4;
  if (c < 2) {
    for (size_t i = 0; i < n; i++)
      for (size_t k = 0; k < 3; k++) m[3 * i + k] = (c ? -1.0 : 1.0) * u[k];
    return 1;
  }
  c -= 2;
  if (c < npat) {
    for (size_t i = 0; i < n; i++) {
      int up = n <= 8 ? (int)((c >> i) & 1u) : (c == 0 ? 1 : c == 1 ? 0 : (int)((i + c) & 1u));
      for (size_t k = 0; k < 3; k++) m[3 * i + k] = (up ? 1.0 : -1.0) * s->axis[i][k];
    }
    return 1;
  }
  c -= npat;
  if (c < 12) { /* canted (spin-flop-like) and quasi-random starts */
    for (size_t i = 0; i < n; i++) {
      double z, phi;
      if (c < 4) {
        z = c < 2 ? 0.5 : -0.5;
        phi = ((i + c) & 1u) ? M_PI : 0.0;
      } else {
        double t = fmod(0.5 + (double)((c - 4) * n + i) * 0.6180339887498949, 1.0);
        z = 2.0 * t - 1.0;
        phi = 2.0 * M_PI * fmod((double)((c - 4) * n + i) * 0.7548776662466927, 1.0);
      }
      double r = sqrt(fmax(0.0, 1.0 - z * z));
      m[3 * i] = r * cos(phi), m[3 * i + 1] = r * sin(phi), m[3 * i + 2] = z;
    }
    return 1;
  }
  return 0;
}

int sfhet_mag_global_min(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                         double *m, int keep) {
  size_t n3 = 3 * sys->n;
  double *best = ws->buf, *cand = ws->buf + n3, Ebest = INFINITY;
  double hn = sqrt(H[0] * H[0] + H[1] * H[1] + H[2] * H[2]);
  double u[3] = {0, 0, 1};
  if (hn > 0)
    for (size_t k = 0; k < 3; k++) u[k] = H[k] / hn;
  double tie = 1e-10 * mag_scale(sys, H);
  int found = 0;
  for (size_t c = 0;; c++) {
    if (c == 0 && keep) {
      memcpy(cand, m, n3 * sizeof *m);
    } else if (!mag_start_state(sys, u, keep ? c - 1 : c, cand)) {
      break;
    }
    for (size_t i = 0; sys->planar && i < sys->n; i++)
      if (hypot(cand[3 * i], cand[3 * i + 2]) < 1e-6) cand[3 * i] = 1.0; /* projected start */
    if (sfhet_mag_relax(ws, sys, H, cand, NULL) != SFHET_OK) continue;
    double E = sfhet_mag_energy(sys, H, cand);
    if (E < Ebest - tie) {
      Ebest = E;
      memcpy(best, cand, n3 * sizeof *m);
      found = 1;
    }
  }
  if (!found)
    SFHET_ERROR(SFHET_ENOCONV, "no start converged to a minimum in field (%g, %g, %g) T", H[0], H[1],
                H[2]);
  sfhet_clear_error();
  memcpy(m, best, n3 * sizeof *m);
  return SFHET_OK;
}

