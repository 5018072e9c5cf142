/* The Matsubara gap function with the coupling eliminated by the clean Tc0 (docs/isingqc.md, "Gap"):
 *   g(Δ) = ln(T/Tc0) + 2πT Σ_{n>=0} t_n,   t_n = 1/ω_n − f(ω_n)/Δ,   f = −¼ Tr[τ2 ⟨g(iω_n)⟩],
 * ω_n = πT(2n + 1) (T in meV here), E -> iω_n + iΓ. At Δ -> 0 f/Δ is the linear response of the
 * normal state ⟨g⟩ = τ3 (exact for ω > 0), which couples only the off-diagonal Nambu blocks F:
 *   A_s Y_s − Y_s D_s = 2(−1 + iW F),  D_s Z_s − Z_s A_s = −2(1 + iW F'),  F = ⟨Y_s⟩, F' = ⟨Z_s⟩,
 * A_s = (z + i w_30) − β_s σ_z − b·σ, D_s = −(z + i w_30) − β_s σ_z + b·σ (qc_sign.c with X = Y = 0),
 * W scaling the σ_b components by the anomalous self-energy weights. The sum is exact for
 * ω < ω1 = 40 max(Δ, b, Γ + Ση, 2πT), linear-response for ω < ω2 = 40 max(…, Δso), and beyond uses
 * the asymptotic series (c0 + c1/ω + c2/ω²)/ω² fitted at ω2, 2ω2, 4ω2 and summed with polygammas;
 * the nonlinear remainder t − t_lin beyond ω1 likewise as (c0 + c1/ω + c2/ω²)/ω³ (exact solutions at
 * ω1, 2ω1, 4ω1). */
#include <gsl/gsl_sf_psi.h>
#include <math.h>
#include <string.h>

#include "isingqc/qc_matsu.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAX_TERMS 2000000

/* σ-component scaling W on row-major 2x2 entries: F -> Σ_b w_b F_b σ_b. */
static qc_m2 wscale(const double *w, qc_m2 F) {
  qc_c c0 = 0.5 * (F.a[0] + F.a[3]), c1 = 0.5 * (F.a[1] + F.a[2]), c2 = 0.5 * I * (F.a[1] - F.a[2]),
       c3 = 0.5 * (F.a[0] - F.a[3]);
  c0 *= w[0], c1 *= w[1], c2 *= w[2], c3 *= w[3];
  qc_m2 r = {{c0 + c3, c1 - I * c2, c1 + I * c2, c0 - c3}};
  return r;
}

/* One off-diagonal block of the linear response: F = ⟨P_s⟩ 2(c + iW F), P_s the inverse Sylvester
 * operator of (upper = 1) A_s, D_s or (upper = 0) D_s, A_s. Returns Tr F. */
static int block_response(const qc_solver *sv, qc_c z, int upper, qc_c *trF) {
  const double *b = sv->m.b, *wa = sv->w + 4; /* w_1b = w_2b */
  qc_c zz = z + I * sv->w[12];
  qc_c P[16] = {0}; /* ⟨P_s⟩ on entry vectors */
  for (size_t s = 0; s < sv->sec.n; s++) {
    double be = sv->sec.beta[s];
    qc_m2 A = {{zz - be - b[2], -(b[0] - I * b[1]), -(b[0] + I * b[1]), zz + be + b[2]}};
    qc_m2 D = {{-zz - be + b[2], b[0] - I * b[1], b[0] + I * b[1], -zz + be - b[2]}};
    qc_c op[16];
    if (!(upper ? qc_sylvester_op(A, D, op) : qc_sylvester_op(D, A, op))) return 0;
    for (int k = 0; k < 16; k++) P[k] += sv->sec.w[s] * op[k];
  }
  /* upper: F = 2P(−1 + iWF); lower: F = −2P(1 + iWF) -> (I − iσ P W) F = −2 P 1, σ = ±2 */
  double sg = upper ? 2.0 : -2.0;
  qc_c a[16], rhs[4];
  size_t piv[4];
  for (int j = 0; j < 4; j++) {
    qc_m2 e = {{0, 0, 0, 0}};
    e.a[j] = 1;
    qc_m2 we = wscale(wa, e);
    for (int i = 0; i < 4; i++) {
      qc_c pw = 0;
      for (int k = 0; k < 4; k++) pw += P[4 * i + k] * we.a[k];
      a[4 * i + j] = (i == j) - sg * I * pw;
    }
  }
  for (int i = 0; i < 4; i++) rhs[i] = -2.0 * (P[4 * i] + P[4 * i + 3]);
  if (!qc_lu(4, a, piv)) return 0;
  qc_lu_solve(4, a, piv, rhs);
  *trF = rhs[0] + rhs[3];
  return 1;
}

int qc_lin_kernel(const qc_solver *sv, double omega, double *f1) {
  qc_c z = I * (omega + sv->m.gamma), t12, t21;
  if (!block_response(sv, z, 1, &t12) || !block_response(sv, z, 0, &t21)) return SFHET_ENOCONV;
  *f1 = creal(-0.25 * I * (t12 - t21));
  return SFHET_OK;
}

int qc_exact_f(qc_solver *sv, double omega, const qc_c *guess, qc_scba *st, double *f) {
  qc_c z = I * (omega + sv->m.gamma);
  if (qc_scba_solve(sv, z, guess, st))
    SFHET_ERROR(SFHET_ENOCONV, "isingqc: the Born self-energy did not converge at the Matsubara frequency "
                "%g meV; try smaller defect rates", omega);
  *f = creal(-st->G[8]);
  return SFHET_OK;
}

/* Σ_{n>=N} (n + ½)^−k = (−1)^k ψ^(k−1)(N + ½)/(k − 1)!, k >= 2. */
static double zeta_tail(int k, double N) {
  double fact = 1.0;
  for (int i = 2; i < k; i++) fact *= i;
  return ((k % 2) ? -1.0 : 1.0) * gsl_sf_psi_n(k - 1, N + 0.5) / fact;
}

/* Scales of the exact and the linear part. */
static void scales(const qc_solver *sv, double kT, double *s1, double *s2) {
  const qc_model *m = &sv->m;
  double bb = sqrt(m->b[0] * m->b[0] + m->b[1] * m->b[1] + m->b[2] * m->b[2]);
  double pb = m->gamma + m->eta + m->eta_j[0] + m->eta_j[1] + m->eta_j[2];
  *s1 = fmax(fmax(m->delta, bb), fmax(pb, 2.0 * M_PI * kT));
  *s2 = fmax(*s1, m->dso);
}

/* Coefficients c0 + c1 x + c2 x² through three points (x, y). */
static void quadratic(const double *x, const double *y, double *c) {
  double d1 = (y[1] - y[0]) / (x[1] - x[0]), d2 = (y[2] - y[1]) / (x[2] - x[1]);
  c[2] = (d2 - d1) / (x[2] - x[0]);
  c[1] = d1 - c[2] * (x[0] + x[1]);
  c[0] = y[0] - c[1] * x[0] - c[2] * x[0] * x[0];
}

/* 2πT Σ_{n>=N} Σ_k c_k/ω_n^(p + k), k = 0..2. */
static double series_tail(const double *c, int p, double tp, double N) {
  double t = 0.0;
  for (int k = 0; k < 3; k++) t += c[k] / pow(tp, p + k - 1) * zeta_tail(p + k, N);
  return t;
}

/* 2πT Σ_{n>=N} t_lin(ω_n) from t_lin ≈ (c0 + c1/ω + c2/ω²)/ω² fitted at ω_N·{1, 2, 4}. */
static int lin_tail(const qc_solver *sv, double kT, double N, double *tail) {
  double w0 = 2.0 * M_PI * kT * (N + 0.5), x[3], y[3], c[3];
  for (int k = 0; k < 3; k++) {
    double w = w0 * (double)(1 << k), f1;
    SFHET_TRY(qc_lin_kernel(sv, w, &f1));
    x[k] = 1.0 / w;
    y[k] = (1.0 / w - f1) * w * w;
  }
  quadratic(x, y, c);
  *tail = series_tail(c, 2, 2.0 * M_PI * kT, N);
  return SFHET_OK;
}

/* 2πT Σ_{n>=N} (t − t_lin)(ω_n) from (c0 + c1/ω + c2/ω²)/ω³ fitted at ω_N·{1, 2, 4}. */
static int exact_tail(qc_solver *sv, double kT, double N, const qc_c *guess, double *tail) {
  double w0 = 2.0 * M_PI * kT * (N + 0.5), x[3], y[3], c[3];
  qc_scba st;
  for (int k = 0; k < 3; k++) {
    double w = w0 * (double)(1 << k), f, f1;
    SFHET_TRY(qc_exact_f(sv, w, k ? st.G : guess, &st, &f));
    SFHET_TRY(qc_lin_kernel(sv, w, &f1));
    x[k] = 1.0 / w;
    y[k] = (f1 - f / sv->m.delta) * w * w * w;
  }
  quadratic(x, y, c);
  *tail = series_tail(c, 3, 2.0 * M_PI * kT, N);
  return SFHET_OK;
}

int qc_gap_function(qc_solver *sv, double Tc0, double T, double *g) {
  double kT = SFHET_KB_MEV * T, s1, s2;
  scales(sv, kT, &s1, &s2);
  double tp = 2.0 * M_PI * kT;
  double N1 = sv->m.delta > 0.0 ? ceil(sv->f_exact * s1 / tp) : 0.0,
         N2 = ceil(sv->f_lin * s2 / tp);
  if (N2 > MAX_TERMS)
    SFHET_ERROR(SFHET_ENOCONV, "isingqc: %.3g Matsubara terms needed at T = %g K; raise --T", N2, T);
  double sum = 0.0, dtail = 0.0;
  qc_scba st;
  if (N1 > 0) SFHET_TRY(exact_tail(sv, kT, N1, NULL, &dtail));
  for (long n = (long)N1 - 1; n >= 0; n--) { /* exact terms, from high to low frequency (warm starts) */
    double w = tp * ((double)n + 0.5), f, f1;
    SFHET_TRY(qc_exact_f(sv, w, n < (long)N1 - 1 ? st.G : NULL, &st, &f));
    SFHET_TRY(qc_lin_kernel(sv, w, &f1));
    sum += f1 - f / sv->m.delta; /* t_exact − t_lin */
  }
  for (long n = 0; n < (long)N2; n++) {
    double w = tp * ((double)n + 0.5), f1;
    SFHET_TRY(qc_lin_kernel(sv, w, &f1));
    sum += 1.0 / w - f1;
  }
  double tail;
  SFHET_TRY(lin_tail(sv, kT, N2, &tail));
  *g = log(T / Tc0) + tp * sum + dtail + tail;
  return isfinite(*g) ? SFHET_OK : SFHET_ENOCONV;
}
