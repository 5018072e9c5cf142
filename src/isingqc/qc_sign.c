/* Matrix sign of Ľ by the signs of the imaginary parts of its eigenvalues (the ξ-integrated retarded
 * Green's function, g = sign Ľ), written through Riccati amplitudes: the invariant subspaces of Ľ with
 * Im λ > 0 and Im λ < 0 are span[I; X] and span[Y; I] (Schopohl–Maki parametrisation), so
 *   Q = [[I, Y], [X, I]],  Q^−1 Ľ Q = diag(Λ+, Λ−),  Λ+ = A + BX,  Λ− = CY + D,
 *   S = Q diag(I, −I) Q^−1 = [[M1(I + YX), −2 M1 Y], [2 M2 X, −M2(I + XY)]],
 * M1 = (I − YX)^−1, M2 = (I − XY)^−1, with X, Y the solutions of the algebraic Riccati equations
 *   C + DX − XA − XBX = 0,   AY + B − YCY − YD = 0
 * whose Λ± lie in the right half planes. From a nearby guess each Newton step is one 2x2 Sylvester
 * solve; without one, the scaled Newton sign iteration X ← ½(μX + (μX)^−1) on −iĽ (Higham, Functions
 * of Matrices, SIAM 2008, §5.3 and §5.5) gives S, and X, Y follow from its spectral projectors.
 * The Fréchet derivative dS in a direction E solves, in the basis Q, the Sylvester equations
 *   Λ+ Y' − Y' Λ− = 2 Ẽ+−,   Λ− Z' − Z' Λ+ = −2 Ẽ−+,   dS = Q [[0, Y'], [Z', 0]] Q^−1
 * (from S² = 1 and [S, Ľ] = 0; Higham §5.1). */
#include <math.h>
#include <string.h>

#include "isingqc/qc_int.h"

#define RIC_MAXIT 12
#define SIGN_MAXIT 100

/* Both eigenvalues of the 2x2 matrix x have imaginary parts of sign sg (+1 / −1), up to rounding. */
static int half_plane(qc_m2 x, int sg) {
  /* λ = t ± r, r² = c: Im λ± = Im t ± Im r with (Im r)² = (|c| − Re c)/2 */
  qc_c t = 0.5 * (x.a[0] + x.a[3]), c = t * t - (x.a[0] * x.a[3] - x.a[1] * x.a[2]);
  double ir = sqrt(fmax(0.5 * (cabs(c) - creal(c)), 0.0)), it = sg * cimag(t);
  double tol = 1e-13 * (qc_abs1(t) + sqrt(qc_abs1(c)));
  return it - ir > -tol;
}

/* Newton on C + DX − XA − XBX = 0 from X (in place); 1 when converged. */
static int newton_x(const qc_sign *s, qc_m2 *X) {
  for (int it = 0; it < RIC_MAXIT; it++) {
    qc_m2 XB = qc_mul(*X, s->B);
    qc_m2 R = qc_sub(qc_add(s->C, qc_mul(s->D, *X)), qc_add(qc_mul(*X, s->A), qc_mul(XB, *X)));
    qc_m2 dX;
    if (!qc_sylvester(qc_sub(s->D, XB), qc_add(s->A, qc_mul(s->B, *X)), qc_scale(-1.0, R), &dX)) return 0;
    *X = qc_add(*X, dX);
    double nx = qc_norm(*X);
    if (!isfinite(nx) || nx > 1e8) return 0;
    if (qc_norm(dX) <= 1e-7 * (1.0 + nx)) return 1; /* quadratic: the remaining error is ~1e-16 */
  }
  return 0;
}

/* Newton on AY + B − YCY − YD = 0 from Y (in place); 1 when converged. */
static int newton_y(const qc_sign *s, qc_m2 *Y) {
  for (int it = 0; it < RIC_MAXIT; it++) {
    qc_m2 YC = qc_mul(*Y, s->C);
    qc_m2 R = qc_sub(qc_add(qc_mul(s->A, *Y), s->B), qc_add(qc_mul(YC, *Y), qc_mul(*Y, s->D)));
    qc_m2 dY;
    if (!qc_sylvester(qc_sub(s->A, YC), qc_add(qc_mul(s->C, *Y), s->D), qc_scale(-1.0, R), &dY)) return 0;
    *Y = qc_add(*Y, dY);
    double ny = qc_norm(*Y);
    if (!isfinite(ny) || ny > 1e8) return 0;
    if (qc_norm(dY) <= 1e-7 * (1.0 + ny)) return 1;
  }
  return 0;
}

/* S and the Q-basis quantities from converged X, Y; 0 when the subspaces are not the right ones. */
static int finish(qc_sign *s) {
  qc_m2 e = qc_eye(), YX = qc_mul(s->Y, s->X), XY = qc_mul(s->X, s->Y);
  if (!qc_inv(qc_sub(e, YX), &s->M1) || !qc_inv(qc_sub(e, XY), &s->M2)) return 0;
  s->Lp = qc_add(s->A, qc_mul(s->B, s->X));
  s->Lm = qc_add(qc_mul(s->C, s->Y), s->D);
  if (!half_plane(s->Lp, 1) || !half_plane(s->Lm, -1)) return 0;
  qc_m2 S11 = qc_mul(s->M1, qc_add(e, YX)), S12 = qc_scale(-2.0, qc_mul(s->M1, s->Y));
  qc_m2 S21 = qc_scale(2.0, qc_mul(s->M2, s->X)), S22 = qc_scale(-1.0, qc_mul(s->M2, qc_add(e, XY)));
  qc_pauli(S11, S12, S21, S22, s->S);
  return 1;
}

/* Dense 4x4 from blocks. */
static void dense(qc_m2 a, qc_m2 b, qc_m2 c, qc_m2 d, qc_c *m) {
  const qc_m2 *blk[4] = {&a, &b, &c, &d};
  for (int r = 0; r < 4; r++)
    for (int col = 0; col < 4; col++) m[4 * r + col] = blk[2 * (r / 2) + col / 2]->a[2 * (r % 2) + col % 2];
}

/* Inverse of a dense 4x4 and |det|; 0 when singular. */
static int inv4(const qc_c *m, qc_c *inv, double *absdet) {
  qc_c lu[16];
  size_t piv[4];
  memcpy(lu, m, sizeof lu);
  if (!qc_lu(4, lu, piv)) return 0;
  double d = 1.0;
  for (int k = 0; k < 4; k++) d *= cabs(lu[5 * k]);
  *absdet = d;
  for (int c = 0; c < 4; c++) {
    qc_c col[4] = {0, 0, 0, 0};
    col[c] = 1;
    qc_lu_solve(4, lu, piv, col);
    for (int r = 0; r < 4; r++) inv[4 * r + c] = col[r];
  }
  return 1;
}

/* Scaled Newton iteration for sign(−iĽ) (= the sign by imaginary parts of Ľ); S dense. */
static int sign_newton(const qc_sign *s, qc_c *S) {
  qc_c x[16], xi[16];
  dense(s->A, s->B, s->C, s->D, x);
  for (int i = 0; i < 16; i++) x[i] *= -I;
  int scale = 1;
  for (int it = 0; it < SIGN_MAXIT; it++) {
    double ad;
    if (!inv4(x, xi, &ad)) return 0;
    double mu = scale ? pow(ad, -0.25) : 1.0, diff = 0.0, nrm = 0.0;
    if (!isfinite(mu) || !(mu > 0.0)) mu = 1.0;
    for (int i = 0; i < 16; i++) {
      qc_c nx = 0.5 * (mu * x[i] + xi[i] / mu);
      diff = fmax(diff, cabs(nx - x[i]));
      nrm = fmax(nrm, cabs(nx));
      x[i] = nx;
    }
    if (diff < 1e-2 * nrm) scale = 0;
    if (diff <= 1e-14 * nrm) {
      memcpy(S, x, sizeof x);
      return 1;
    }
  }
  return 0;
}

/* X, Y from the spectral projectors P± = (1 ± S)/2 of a dense sign S. */
static int from_projectors(const qc_c *S, qc_m2 *X, qc_m2 *Y) {
  qc_m2 p11, p21, m12, m22, i11, i22;
  for (int r = 0; r < 2; r++)
    for (int c = 0; c < 2; c++) {
      p11.a[2 * r + c] = 0.5 * ((r == c) + S[4 * r + c]);
      p21.a[2 * r + c] = 0.5 * S[4 * (r + 2) + c];
      m12.a[2 * r + c] = -0.5 * S[4 * r + c + 2];
      m22.a[2 * r + c] = 0.5 * ((r == c) - S[4 * (r + 2) + c + 2]);
    }
  if (!qc_inv(p11, &i11) || !qc_inv(m22, &i22)) return 0;
  *X = qc_mul(p21, i11);
  *Y = qc_mul(m12, i22);
  return 1;
}

int qc_sign_eval(const qc_c *L, qc_ric *r, qc_sign *s) {
  s->A = qc_block(L, 0, 0);
  s->B = qc_block(L, 0, 1);
  s->C = qc_block(L, 1, 0);
  s->D = qc_block(L, 1, 1);
  if (r->have) {
    s->X = r->X;
    s->Y = r->Y;
    if (newton_x(s, &s->X) && newton_y(s, &s->Y) && finish(s)) {
      r->X = s->X, r->Y = s->Y;
      return 1;
    }
  }
  qc_c S[16];
  if (!sign_newton(s, S) || !from_projectors(S, &s->X, &s->Y)) return r->have = 0, 0;
  newton_x(s, &s->X);
  newton_y(s, &s->Y);
  if (!finish(s)) return r->have = 0, 0;
  r->X = s->X, r->Y = s->Y, r->have = 1;
  return 1;
}

/* Off-diagonal blocks Ẽ+−, Ẽ−+ of Q^−1 E Q for E with blocks e[4]. */
static void rotate(const qc_sign *s, const qc_m2 *e, qc_m2 *ep, qc_m2 *em) {
  qc_m2 t = qc_sub(qc_add(qc_mul(e[0], s->Y), e[1]), qc_mul(s->Y, qc_add(qc_mul(e[2], s->Y), e[3])));
  *ep = qc_mul(s->M1, t);
  qc_m2 u = qc_sub(qc_add(e[2], qc_mul(e[3], s->X)), qc_mul(s->X, qc_add(e[0], qc_mul(e[1], s->X))));
  *em = qc_mul(s->M2, u);
}

/* dS from the Sylvester solutions Y', Z'. */
static void assemble(const qc_sign *s, qc_m2 yd, qc_m2 zd, qc_c *dS) {
  qc_m2 U = qc_mul(yd, s->M2), V = qc_mul(zd, s->M1);
  qc_m2 YV = qc_mul(s->Y, V), XU = qc_mul(s->X, U);
  qc_pauli(qc_sub(YV, qc_mul(U, s->X)), qc_sub(U, qc_mul(YV, s->Y)), qc_sub(V, qc_mul(XU, s->X)),
           qc_sub(XU, qc_mul(V, s->Y)), dS);
}

/* The inverse Sylvester operators of Λ+ Y' − Y' Λ− and Λ− Z' − Z' Λ+ (closed form, qc_alg.c). */
typedef struct {
  qc_c mp[16], mm[16];
} syl_ops;

static int factor(const qc_sign *s, syl_ops *f) {
  return qc_sylvester_op(s->Lp, s->Lm, f->mp) && qc_sylvester_op(s->Lm, s->Lp, f->mm);
}

static void deriv_blocks(const qc_sign *s, const syl_ops *f, const qc_m2 *e, qc_c *dS) {
  qc_m2 ep, em;
  rotate(s, e, &ep, &em);
  assemble(s, qc_op_apply(f->mp, qc_scale(2.0, ep)), qc_op_apply(f->mm, qc_scale(-2.0, em)), dS);
}

int qc_sign_deriv(const qc_sign *s, const qc_c *E, qc_c *dS) {
  syl_ops f;
  if (!factor(s, &f)) return 0;
  qc_m2 e[4] = {qc_block(E, 0, 0), qc_block(E, 0, 1), qc_block(E, 1, 0), qc_block(E, 1, 1)};
  deriv_blocks(s, &f, e, dS);
  return 1;
}

int qc_sign_jacobian(const qc_sign *s, qc_c *K) {
  syl_ops f;
  if (!factor(s, &f)) return 0;
  /* τ_a entries (00, 01, 10, 11) and σ_b as 2x2 matrices */
  static const qc_c tau[4][4] = {{1, 0, 0, 1}, {0, 1, 1, 0}, {0, -I, I, 0}, {1, 0, 0, -1}};
  static const qc_m2 sig[4] = {{{1, 0, 0, 1}}, {{0, 1, 1, 0}}, {{0, -I, I, 0}}, {{1, 0, 0, -1}}};
  qc_c col[16];
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++) {
      qc_m2 e[4];
      for (int k = 0; k < 4; k++) e[k] = qc_scale(tau[a][k], sig[b]);
      deriv_blocks(s, &f, e, col);
      for (int i = 0; i < 16; i++) K[16 * i + 4 * a + b] = col[i];
    }
  return 1;
}
