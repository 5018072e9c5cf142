/* Lattice samples of the spectral path: Fermi function and thermal kernel by recurrence, DOS values
 * through the model's descriptor (halved by its particle-hole symmetry), end tapers. */
#include "junction/lattice.h"

#include <math.h>
#include <string.h>

#include "junction/channels.h"
#include "junction/ws_int.h"
#include "sfhet/error.h"

#define CHAINS 8
#define ANCHOR 64 /* nodes between exact exp() anchors */
#define TINY 1e-300

/* e[i] = exp(−|a0 + i| h/kT) for i < n, all of one sign of a0 + i (no zero crossing inside). */
static void decay(double q, long a0, size_t n, double *e) {
  int up = a0 >= 0; /* |α| grows with i */
  double r = exp(up ? -q : q), rc = pow(r, CHAINS);
  for (size_t b = 0; b < n; b += ANCHOR) {
    size_t m = n - b < ANCHOR ? n - b : ANCHOR;
    double c[CHAINS];
    for (size_t l = 0; l < CHAINS && l < m; l++) {
      double al = fabs((double)(a0 + (long)(b + l)));
      c[l] = exp(-q * al);
    }
    for (size_t i = 0; i < m; i++) {
      size_t l = i % CHAINS;
      double v = c[l];
      v = v < TINY ? 0.0 : v; /* no subnormals (their arithmetic is slow) */
      e[b + i] = v;
      c[l] = v * rc;
    }
  }
}

void lat_fermi(double h, double kT, long a0, size_t n, double *f, double *k, sfhet_junction_ws *ws) {
  double q = h / kT;
  size_t neg = a0 < 0 ? (size_t)(-a0) : 0; /* nodes with α < 0 */
  if (neg > n) neg = n;
  double *e = junction_arena(ws, n * sizeof *e);
  if (!e) { /* out of memory for the scratch: exp() per node */
    for (size_t i = 0; i < n; i++) {
      double x = (double)(a0 + (long)i) * q, ex = exp(-fabs(x));
      if (f) f[i] = x >= 0 ? ex / (1.0 + ex) : 1.0 / (1.0 + ex);
      if (k) k[i] = ex / (kT * (1.0 + ex) * (1.0 + ex));
    }
    return;
  }
  decay(q, a0, neg, e);
  decay(q, a0 + (long)neg, n - neg, e + neg);
  for (size_t i = 0; i < n; i++) {
    double ex = e[i], d = 1.0 / (1.0 + ex);
    if (f) f[i] = i < neg ? d : ex * d;
    if (k) k[i] = ex * d * d / kT;
  }
  ws->work.fermi += (double)n;
}

/* Model values at the n energies x in the spin frame of f (closed form, else eval plus a central
 * difference). */
static int dos_at(const sfhet_dos_info *m, const double *p, int nch, const double *f, double a, const double *x,
                  size_t n, double *const *N, double *const *dN, sfhet_junction_ws *ws) {
  ws->work.dos += (double)n * (dN && !m->eval_de ? 3.0 : 1.0);
  double *tmp = junction_arena(ws, JUNCTION_DOS_TMP * n * sizeof *tmp);
  if (!tmp) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return junction_dos_channels(m, p, nch, f, x, n, 1e-5 * a, N, dN, tmp);
}

/* The |α| range [lo, hi] covering a0 .. a0 + n − 1. */
static void abs_range(long a0, size_t n, long *lo, long *hi) {
  long b = a0 + (long)n - 1;
  *hi = labs(a0) > labs(b) ? labs(a0) : labs(b);
  *lo = a0 <= 0 && b >= 0 ? 0 : (labs(a0) < labs(b) ? labs(a0) : labs(b));
}

int lat_dos(const sfhet_dos_info *m, const double *p, int nch, const double *f, double h, double a, long a0,
            size_t n, double *const *N, double *const *dN, sfhet_junction_ws *ws) {
  int even = nch == 1 && (!m->even || m->even(p));
  long lo = a0, hi = a0 + (long)n - 1;
  if (even) abs_range(a0, n, &lo, &hi);
  size_t ne = (size_t)(hi - lo + 1);
  if (!even || ne >= n) { /* no saving: evaluate in place */
    double *x = junction_arena(ws, n * sizeof *x);
    if (!x) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) x[i] = (double)(a0 + (long)i) * h;
    return dos_at(m, p, nch, f, a, x, n, N, dN, ws);
  }
  double *x = junction_arena(ws, 3 * ne * sizeof *x), *Ne = x + ne, *dNe = Ne + ne;
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < ne; i++) x[i] = (double)(lo + (long)i) * h;
  double *o[1] = {Ne}, *od[1] = {dNe};
  SFHET_TRY(dos_at(m, p, 1, NULL, a, x, ne, o, dN ? od : NULL, ws));
  for (size_t i = 0; i < n; i++) {
    long al = a0 + (long)i;
    size_t q = (size_t)(labs(al) - lo);
    N[0][i] = Ne[q];
    if (dN) dN[0][i] = al < 0 ? -dNe[q] : dNe[q];
  }
  return SFHET_OK;
}

int lat_dparam(const sfhet_dos_info *m, const double *p, int nch, const double *f, double h, long a0, size_t n,
               const size_t *k, size_t nk, double *const *dN, sfhet_junction_ws *ws) {
  if (!m->dparam) return SFHET_CONTINUE;
  if (nch > 1 && (junction_needs_rotation(m, p, f) || (nch == 4 && m->spin_axis))) return SFHET_CONTINUE;
  double *x = junction_arena(ws, n * sizeof *x);
  if (!x) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) x[i] = (double)(a0 + (long)i) * h;
  ws->work.dos += (double)(n * nk);
  int st = m->dparam(p, x, n, nch == 4 ? 2 : nch, k, nk, dN);
  for (int ch = 2; ch < nch && st == SFHET_OK; ch++) memset(dN[ch], 0, n * nk * sizeof **dN);
  return st;
}

size_t lat_taper(double eps, double *t, size_t max) {
  /* step = ½ erfc(−u/(s√2)): spectrum exp(−(π s)²/2) at Nyquist, end residual ½ erfc(T/(2 s √2)) */
  double L = sqrt(2.0 * log(1.0 / eps)), s = L / M_PI, x = 3.0;
  for (int it = 0; it < 4; it++) x = sqrt(log(1.0 / (2.0 * eps * x * sqrt(M_PI)))); /* ½erfc(x) ≈ e^{−x²}/(2x√π) */
  while (0.5 * erfc(x) > eps) x += 0.05;
  size_t T = (size_t)ceil(2.0 * sqrt(2.0) * s * x);
  T += T & 1;
  if (T < 8) T = 8;
  if (T > max) T = max;
  for (size_t i = 0; i < T; i++) {
    double u = ((double)i + 0.5) - 0.5 * (double)T;
    t[i] = 0.5 * erfc(-u / (s * sqrt(2.0)));
  }
  return T;
}

void lat_apply_taper(double *x, size_t n, const double *t, size_t T) {
  for (size_t i = 0; i < T; i++) {
    x[i] *= t[i];
    x[n - 1 - i] *= t[i];
  }
}
