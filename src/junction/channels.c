/* Tunnelling channels and the electrodes' DOS per channel in the junction's spin frame (channels.h). */
#include "junction/channels.h"

#include <math.h>
#include <string.h>

#include "junction/junction_int.h"
#include "sfhet/error.h"

void junction_weights(int nch, double P, double *w) {
  w[0] = nch == 1 ? 1.0 : 2.0 * (1.0 + P);
  w[1] = 2.0 * (1.0 - P);
  w[2] = w[3] = 4.0 * sqrt(fmax(0.0, 1.0 - P * P));
}

static int unit(const double *v, double *u) {
  double r = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  if (!(r > 0.0) || !isfinite(r)) return 0;
  for (int k = 0; k < 3; k++) u[k] = v[k] / r;
  return 1;
}

/* Whether the spins of model m at p have a part transverse to f (not exactly along ±f). */
static int transverse(const sfhet_dos_info *m, const double *p, const double *f) {
  double n[3];
  if (m->spin_axis(p, n)) return 1;
  double c = n[0] * f[0] + n[1] * f[1] + n[2] * f[2];
  return !(fabs(fabs(c) - 1.0) < 1e-13);
}

int junction_channels(const sfhet_junction *j, double *w, double *f) {
  const sfhet_dos_info *m1 = j->dos1, *m2 = junction_dos2(j);
  int sis = j->kind == SFHET_JUNCTION_SIS;
  int spin = m1->spin_resolved || (sis && m2->spin_resolved);
  int nch = spin || j->P != 0.0 ? 2 : 1;
  f[0] = f[1] = f[2] = 0.0;
  if (!unit(j->filter_axis, f)) {
    if (m1->spin_axis) m1->spin_axis(j->p1, f);
    else if (sis && m2->spin_axis) m2->spin_axis(j->p2, f);
  }
  if (sis && m1->spin_axis && m2->spin_axis && (transverse(m1, j->p1, f) || transverse(m2, j->p2, f))) nch = 4;
  junction_weights(nch, j->P, w);
  return nch;
}

int junction_needs_rotation(const sfhet_dos_info *m, const double *p, const double *f) {
  if (!m->spin_axis || !f || (f[0] == 0.0 && f[1] == 0.0 && f[2] == 0.0)) return 0;
  double n[3];
  m->spin_axis(p, n);
  return fabs(n[0] - f[0]) + fabs(n[1] - f[1]) + fabs(n[2] - f[2]) > 1e-13;
}

/* Model values per its own channels (mch = 1, 2 or 4) at x. */
static int values(const sfhet_dos_info *m, const double *p, int mch, const double *x, size_t n,
                  double *const *N, double *tmp) {
  if (mch == 1) return m->eval(p, x, n, N[0], NULL, NULL);
  if (mch == 2) return m->eval(p, x, n, tmp, N[0], N[1]);
  int st = m->eval_de(p, x, n, 4, N, NULL);
  if (st == SFHET_CONTINUE) SFHET_ERROR(SFHET_EFAILED, "%s: no spin-density channels (model defect)", m->name);
  return st;
}

/* The model's own channels and dN/dE (closed form, else a central difference). tmp: (2 mch + 1) n. */
static int model_channels(const sfhet_dos_info *m, const double *p, int mch, const double *x, size_t n,
                          double step, double *const *N, double *const *dN, double *tmp) {
  if (m->eval_de && m->eval_de(p, x, n, mch, N, dN) == SFHET_OK) return SFHET_OK;
  SFHET_TRY(values(m, p, mch, x, n, N, tmp));
  if (!dN) return SFHET_OK;
  double *xs = tmp + 2 * (size_t)mch * n, *Np[JUNCTION_MAXCH], *Nm[JUNCTION_MAXCH];
  for (int ch = 0; ch < mch; ch++) Np[ch] = tmp + (size_t)ch * n, Nm[ch] = tmp + (size_t)(mch + ch) * n;
  for (int sgn = 0; sgn < 2; sgn++) {
    double **o = sgn ? Nm : Np;
    for (size_t i = 0; i < n; i++) xs[i] = x[i] + (sgn ? -step : step);
    SFHET_TRY(values(m, p, mch, xs, n, o, dN[0])); /* dN[0]: scratch of the two-channel eval */
  }
  for (size_t i = 0; i < n; i++) {
    double den = (x[i] + step) - (x[i] - step);
    for (int ch = 0; ch < mch; ch++) dN[ch][i] = (Np[ch][i] - Nm[ch][i]) / den;
  }
  return SFHET_OK;
}

/* out (nch channels in f's frame) from the model's four channels M in the frame of its axis n. */
static void rotate(const double *n, const double *f, int nch, double *const *M, double *const *out, size_t len) {
  double e1[3], e2[3], g1[3], g2[3], c[3][3];
  sfhet_spin_frame(n, e1, e2);
  sfhet_spin_frame(f, g1, g2);
  const double *t[3] = {f, g1, g2}, *a[3] = {n, e1, e2};
  for (int q = 0; q < 3; q++)
    for (int k = 0; k < 3; k++) c[q][k] = t[q][0] * a[k][0] + t[q][1] * a[k][1] + t[q][2] * a[k][2];
  for (size_t i = 0; i < len; i++) {
    double N = M[0][i] + M[1][i], s[3] = {0.5 * (M[0][i] - M[1][i]), M[2][i], M[3][i]}, r[3];
    for (int q = 0; q < 3; q++) r[q] = c[q][0] * s[0] + c[q][1] * s[1] + c[q][2] * s[2];
    if (nch == 1) {
      out[0][i] = N;
      continue;
    }
    out[0][i] = 0.5 * N + r[0], out[1][i] = 0.5 * N - r[0];
    if (nch == 4) out[2][i] = r[1], out[3][i] = r[2];
  }
}

int junction_dos_channels(const sfhet_dos_info *m, const double *p, int nch, const double *f, const double *x,
                          size_t n, double step, double *const *N, double *const *dN, double *tmp) {
  int rot = nch > 1 && junction_needs_rotation(m, p, f);
  int mch = rot || (nch == 4 && m->spin_axis) ? 4 : (nch == 4 ? 2 : nch);
  if (!rot) {
    SFHET_TRY(model_channels(m, p, mch, x, n, step, N, dN, tmp));
    for (int ch = mch; ch < nch; ch++) {
      memset(N[ch], 0, n * sizeof **N);
      if (dN) memset(dN[ch], 0, n * sizeof **dN);
    }
    return SFHET_OK;
  }
  double *M[4], *dM[4], nax[3];
  for (int ch = 0; ch < 4; ch++) M[ch] = tmp + (size_t)ch * n, dM[ch] = tmp + (size_t)(4 + ch) * n;
  SFHET_TRY(model_channels(m, p, 4, x, n, step, M, dN ? dM : NULL, tmp + 8 * n));
  m->spin_axis(p, nax);
  rotate(nax, f, nch, M, N, n);
  if (dN) rotate(nax, f, nch, dM, dN, n);
  return SFHET_OK;
}

int junction_dos_point(const sfhet_dos_info *m, const double *p, int nch, const double *f, double E, double step,
                       double *N, double *dN) {
  double tmp[JUNCTION_DOS_TMP], *pn[JUNCTION_MAXCH], *pd[JUNCTION_MAXCH];
  for (int ch = 0; ch < JUNCTION_MAXCH; ch++) pn[ch] = N + ch, pd[ch] = dN ? dN + ch : NULL;
  return junction_dos_channels(m, p, nch, f, &E, 1, step, pn, dN ? pd : NULL, tmp);
}

double junction_nis_weight(int nch, double P, const double *N) {
  return nch == 1 ? N[0] : (1.0 + P) * N[0] + (1.0 - P) * N[1];
}
