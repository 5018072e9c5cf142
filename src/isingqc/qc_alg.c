/* Small complex linear algebra of the quasiclassical solver: 2x2 blocks, 2x2 Sylvester solvers in
 * closed form, dense LU with partial pivoting, and the Pauli-component <-> block conversion. Complex division is
 * written out (one real division per pivot) so no libgcc __divdc3 call sits in the inner loops. */
#include <math.h>
#include <string.h>

#include "isingqc/qc_int.h"

static qc_c recip(qc_c z) {
  double d = creal(z) * creal(z) + cimag(z) * cimag(z);
  return creal(z) / d - (cimag(z) / d) * I; /* d is finite and positive here */
}

int qc_inv(qc_m2 x, qc_m2 *inv) {
  qc_c det = x.a[0] * x.a[3] - x.a[1] * x.a[2];
  double sc = qc_norm(x), ad = qc_abs1(det);
  if (!(ad > 1e-300) || !(ad > 1e-15 * sc * sc) || !isfinite(ad)) return 0;
  qc_c id = recip(det);
  qc_m2 r = {{x.a[3] * id, -x.a[1] * id, -x.a[2] * id, x.a[0] * id}};
  *inv = r;
  return 1;
}

int qc_lu(size_t n, qc_c *a, size_t *piv) {
  for (size_t k = 0; k < n; k++) {
    size_t p = k;
    double best = qc_abs1(a[k * n + k]);
    for (size_t i = k + 1; i < n; i++)
      if (qc_abs1(a[i * n + k]) > best) best = qc_abs1(a[i * n + k]), p = i;
    if (!(best > 1e-300) || !isfinite(best)) return 0;
    piv[k] = p;
    if (p != k)
      for (size_t j = 0; j < n; j++) {
        qc_c t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
    qc_c inv = recip(a[k * n + k]);
    for (size_t i = k + 1; i < n; i++) {
      qc_c f = a[i * n + k] * inv;
      a[i * n + k] = f;
      if (f != 0)
        for (size_t j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return 1;
}

void qc_lu_solve(size_t n, const qc_c *lu, const size_t *piv, qc_c *b) {
  for (size_t k = 0; k < n; k++) /* all row interchanges first: the factors hold whole swapped rows */
    if (piv[k] != k) {
      qc_c t = b[k];
      b[k] = b[piv[k]];
      b[piv[k]] = t;
    }
  for (size_t k = 0; k < n; k++)
    for (size_t i = k + 1; i < n; i++) b[i] -= lu[i * n + k] * b[k];
  for (size_t k = n; k-- > 0;) {
    for (size_t j = k + 1; j < n; j++) b[k] -= lu[k * n + j] * b[j];
    b[k] *= recip(lu[k * n + k]);
  }
}

/* Cayley–Hamilton pieces of Z -> P Z − Z Q: Mi = (P² − tP + dI)^−1 and N = Mi (P − tI), t = tr Q,
 * d = det Q, so that Z = N R + Mi R Q (derivation at qc_sylvester). */
static int sylvester_parts(qc_m2 P, qc_m2 Q, qc_m2 *N, qc_m2 *Mi) {
  qc_c t = Q.a[0] + Q.a[3], d = Q.a[0] * Q.a[3] - Q.a[1] * Q.a[2];
  qc_m2 Pt = P;
  Pt.a[0] -= t, Pt.a[3] -= t;
  qc_m2 M = qc_mul(P, Pt);
  M.a[0] += d, M.a[3] += d;
  if (!qc_inv(M, Mi)) return 0;
  *N = qc_mul(*Mi, Pt);
  return 1;
}

int qc_sylvester_op(qc_m2 P, qc_m2 Q, qc_c *op) {
  qc_m2 N, Mi;
  if (!sylvester_parts(P, Q, &N, &Mi)) return 0;
  /* Z_ij = Σ_k N_ik R_kj + Σ_kl Mi_ik R_kl Q_lj on row-major entries 2i + j */
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      for (int k = 0; k < 2; k++)
        for (int l = 0; l < 2; l++)
          op[4 * (2 * i + j) + 2 * k + l] = (l == j ? N.a[2 * i + k] : 0) + Mi.a[2 * i + k] * Q.a[2 * l + j];
  return 1;
}

/* 2x2 Sylvester in closed form: with Q² = tQ − dI (Cayley–Hamilton), P Z − Z Q = R gives
 * P²Z − tPZ + dZ = P(PZ − ZQ) + (PZ − ZQ)Q − t(PZ − ZQ) (the terms PZQ cancel and ZQ² − tZQ = −dZ),
 * i.e. (P² − tP + dI) Z = PR + RQ − tR, solvable when P and Q have no common eigenvalue. */
int qc_sylvester(qc_m2 P, qc_m2 Q, qc_m2 R, qc_m2 *Z) {
  qc_m2 N, Mi;
  if (!sylvester_parts(P, Q, &N, &Mi)) return 0;
  *Z = qc_add(qc_mul(N, R), qc_mul(Mi, qc_mul(R, Q)));
  return 1;
}

/* c0 + c·σ as a 2x2 matrix. */
static qc_m2 spin(const qc_c *c) {
  qc_m2 r = {{c[0] + c[3], c[1] - I * c[2], c[1] + I * c[2], c[0] - c[3]}};
  return r;
}

/* Tr(σ_b M) for b = 0..3. */
static void traces(qc_m2 x, qc_c *t) {
  t[0] = x.a[0] + x.a[3];
  t[1] = x.a[1] + x.a[2];
  t[2] = I * (x.a[1] - x.a[2]);
  t[3] = x.a[0] - x.a[3];
}

qc_m2 qc_block(const qc_c *m, int r, int c) {
  qc_c v[4];
  for (int b = 0; b < 4; b++) {
    const qc_c *t0 = m + b, *t1 = m + 4 + b, *t2 = m + 8 + b, *t3 = m + 12 + b;
    if (r == c) v[b] = r == 0 ? *t0 + *t3 : *t0 - *t3;
    else v[b] = r == 0 ? *t1 - I * *t2 : *t1 + I * *t2; /* (τ1)_01 = 1, (τ2)_01 = −i, (τ2)_10 = i */
  }
  return spin(v);
}

void qc_pauli(qc_m2 a, qc_m2 b, qc_m2 c, qc_m2 d, qc_c *m) {
  qc_c ta[4], tb[4], tc[4], td[4];
  traces(a, ta);
  traces(b, tb);
  traces(c, tc);
  traces(d, td);
  for (int k = 0; k < 4; k++) {
    m[k] = 0.25 * (ta[k] + td[k]);
    m[12 + k] = 0.25 * (ta[k] - td[k]);
    m[4 + k] = 0.25 * (tb[k] + tc[k]);
    m[8 + k] = 0.25 * I * (tb[k] - tc[k]);
  }
}
