/* Self-consistent Born self-energy at one complex energy z: the fixed point G = F(G) = ⟨sign Ľ_s(G)⟩
 * by Newton's method with the exact Jacobian J = ⟨K_s⟩ diag(i w) (K_s: Fréchet derivative of the
 * sign, qc_sign.c). The factors of I − J are kept in the solver: along a sequence of nearby energies
 * (a mesh, a sweep of parameters) most steps are chord steps with the previous J, and J is refreshed
 * only when a step contracts the residual by less than a factor 10. From a nearby solution this
 * converges in two or three sign evaluations. When it fails (no good guess, e.g. across a gap edge),
 * the solution is continued in Im z from far above the real axis, where G ≈ τ3, down to z: that path
 * follows the retarded (physical) branch; the SCBA also has unphysical fixed points (an eigenvalue
 * channel on the advanced side whenever η exceeds its distance from the real axis), which
 * qc_retarded() rejects. */
#include <math.h>
#include <string.h>

#include "isingqc/qc_int.h"
#include "sfhet/error.h"

#define NEWTON_MAXIT 30
#define BACKTRACK 8
#define CONT_STEPS 400

void qc_scba_init(qc_scba *st, qc_c z, const qc_c *guess) {
  st->z = z;
  if (guess) memcpy(st->G, guess, sizeof st->G);
  else {
    memset(st->G, 0, sizeof st->G);
    st->G[12] = 1.0;
  }
  st->evaluated = 0;
  st->iter = 0;
  st->fresh = 0;
  st->rnorm = INFINITY;
}

static double maxabs(const qc_c *v, size_t n) {
  double m = 0.0;
  for (size_t i = 0; i < n; i++) m = fmax(m, qc_abs1(v[i]));
  return m;
}

/* F(G) − G (and with K non-NULL the averaged sign derivatives); 0 when a sign cannot be computed. */
static int evaluate(qc_solver *sv, qc_c z, const qc_c *G, qc_c *r, qc_c *K, double *rnorm) {
  qc_c F[16] = {0}, L[16], Ks[256];
  if (K) memset(K, 0, 256 * sizeof *K);
  for (size_t s = 0; s < sv->sec.n; s++) {
    qc_sign sg;
    qc_lcheck(sv, z, sv->sec.beta[s], G, L);
    if (!qc_sign_eval(L, &sv->ric[s], &sg)) return 0;
    double w = sv->sec.w[s];
    for (int i = 0; i < 16; i++) F[i] += w * sg.S[i];
    if (K) {
      if (!qc_sign_jacobian(&sg, Ks)) return 0;
      for (int i = 0; i < 256; i++) K[i] += w * Ks[i];
    }
  }
  for (int i = 0; i < 16; i++) r[i] = F[i] - G[i];
  *rnorm = maxabs(r, 16);
  return isfinite(*rnorm);
}

/* J at G, factored into the solver (qc_int.h); 0 on failure. */
int qc_scba_refresh(qc_solver *sv, const qc_c *G, qc_c z) {
  qc_c K[256], r[16];
  double rn;
  sv->jacobians++;
  sv->have_lu = 0;
  if (!evaluate(sv, z, G, r, K, &rn)) return 0;
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++) sv->lu[16 * i + j] = (i == j) - K[16 * i + j] * I * sv->w[j];
  return sv->have_lu = qc_lu(16, sv->lu, sv->piv);
}

/* Step G + λ d for λ = 1, ½, ...; accepts the first that reduces the residual by the factor
 * (1 − 0.1 λ) (or reaches rounding level); 1 when accepted. */
static int line_search(qc_solver *sv, qc_scba *st, const qc_c *d, int tries) {
  qc_c Gt[16], rt[16];
  double lam = 1.0, rn;
  for (int k = 0; k < tries; k++, lam *= 0.5) {
    for (int i = 0; i < 16; i++) Gt[i] = st->G[i] + lam * d[i];
    if (evaluate(sv, st->z, Gt, rt, NULL, &rn) &&
        (rn < st->rnorm * (1.0 - 0.1 * lam) || rn <= 0.1 * sv->tol * (1.0 + maxabs(Gt, 16)))) {
      memcpy(st->G, Gt, sizeof Gt);
      memcpy(st->r, rt, sizeof rt);
      st->rnorm = rn;
      return 1;
    }
  }
  return 0;
}

int qc_scba_iterate(qc_solver *sv, qc_scba *st) {
  if (!st->evaluated) {
    if (!evaluate(sv, st->z, st->G, st->r, NULL, &st->rnorm)) return SFHET_ENOCONV;
    st->evaluated = 1;
    return SFHET_OK;
  }
  sv->steps++;
  st->iter++;
  qc_c d[16];
  double before = st->rnorm;
  if (sv->have_lu && !st->fresh) { /* chord step with the last J */
    memcpy(d, st->r, sizeof d);
    qc_lu_solve(16, sv->lu, sv->piv, d);
    if (line_search(sv, st, d, 1) && st->rnorm < 0.1 * before) return SFHET_OK;
  }
  if (!qc_scba_refresh(sv, st->G, st->z)) return SFHET_ENOCONV;
  st->fresh = 1;
  memcpy(d, st->r, sizeof d);
  qc_lu_solve(16, sv->lu, sv->piv, d);
  if (!line_search(sv, st, d, BACKTRACK)) return SFHET_ENOCONV;
  st->fresh = 0;
  return SFHET_OK;
}

int qc_scba_test(const qc_solver *sv, const qc_scba *st) {
  if (!st->evaluated) return SFHET_CONTINUE;
  return st->rnorm <= sv->tol * (1.0 + maxabs(st->G, 16)) ? SFHET_OK : SFHET_CONTINUE;
}

/* Iterations from the state's guess; SFHET_OK when converged. */
static int newton(qc_solver *sv, qc_scba *st, int maxit) {
  for (int it = 0; it <= maxit; it++) {
    if (qc_scba_test(sv, st) == SFHET_OK) return SFHET_OK;
    if (qc_scba_iterate(sv, st)) return SFHET_ENOCONV;
  }
  return qc_scba_test(sv, st) == SFHET_OK ? SFHET_OK : SFHET_ENOCONV;
}

int qc_retarded(const qc_c *G) {
  qc_m2 b[4] = {qc_block(G, 0, 0), qc_block(G, 0, 1), qc_block(G, 1, 0), qc_block(G, 1, 1)};
  qc_c h[16], g[16];
  double sc = 0.0;
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++) { /* G τ3: the hole columns change sign */
      g[4 * r + c] = (c < 2 ? 1.0 : -1.0) * b[2 * (r / 2) + c / 2].a[2 * (r % 2) + c % 2];
      sc = fmax(sc, qc_abs1(g[4 * r + c]));
    }
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++) h[4 * r + c] = 0.5 * (g[4 * r + c] + conj(g[4 * c + r]));
  /* Cholesky of h + ε 1: fails when h has an eigenvalue below −ε */
  double eps = 1e-8 * (1.0 + sc);
  for (int k = 0; k < 4; k++) h[5 * k] += eps;
  for (int k = 0; k < 4; k++) {
    double d = creal(h[5 * k]);
    for (int j = 0; j < k; j++) d -= creal(h[4 * k + j] * conj(h[4 * k + j]));
    if (!(d > 0.0)) return 0;
    d = sqrt(d);
    h[5 * k] = d;
    for (int i = k + 1; i < 4; i++) {
      qc_c v = h[4 * i + k];
      for (int j = 0; j < k; j++) v -= h[4 * i + j] * conj(h[4 * k + j]);
      h[4 * i + k] = v / d;
    }
  }
  return 1;
}

static void forget_guesses(qc_solver *sv) {
  for (size_t s = 0; s < sv->sec.n; s++) sv->ric[s].have = 0;
  sv->have_lu = 0;
}

/* Continuation in y = Im z − Im z_target from y0 down to 0, each step Newton from the previous one. */
static int continuation(qc_solver *sv, qc_c z, qc_scba *st) {
  const qc_model *m = &sv->m;
  double y = 2.0 * (cabs(z) + m->delta + hypot(hypot(m->b[0], m->b[1]), m->b[2]) + m->eta + m->eta_j[0] +
                    m->eta_j[1] + m->eta_j[2]) + 1e-3;
  forget_guesses(sv);
  qc_scba_init(st, z + I * y, NULL);
  if (newton(sv, st, NEWTON_MAXIT) || !qc_retarded(st->G)) return SFHET_ENOCONV;
  double q = 0.5, floor_y = 1e-3 * cimag(z);
  for (int k = 0; k < CONT_STEPS && y > 0.0; k++) {
    double yn = y * q;
    if (yn < floor_y || yn < 1e-14 * (cabs(z) + 1.0)) yn = 0.0;
    qc_c G0[16];
    memcpy(G0, st->G, sizeof G0);
    qc_scba_init(st, z + I * yn, G0);
    if (newton(sv, st, 12) == SFHET_OK && qc_retarded(st->G)) {
      y = yn;
      q = fmax(0.1, q * q);
    } else {
      qc_scba_init(st, z + I * y, G0);
      if (newton(sv, st, 4)) return SFHET_ENOCONV; /* restore the last good state */
      q = sqrt(q);
      if (q > 0.999) return SFHET_ENOCONV;
    }
  }
  return y == 0.0 ? SFHET_OK : SFHET_ENOCONV;
}

int qc_scba_solve(qc_solver *sv, qc_c z, const qc_c *guess, qc_scba *st) {
  sv->solves++;
  if (guess) {
    qc_scba_init(st, z, guess);
    if (newton(sv, st, 10) == SFHET_OK && qc_retarded(st->G)) return SFHET_OK;
    sv->fallbacks++;
  }
  return continuation(sv, z, st);
}

int qc_scba_response(qc_solver *sv, const qc_scba *st, const qc_c *v, size_t nv, qc_c *dG) {
  qc_c K[256], r[16];
  double rn;
  if (!evaluate(sv, st->z, st->G, r, K, &rn)) return 0;
  qc_c lu[256];
  size_t piv[16];
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++) lu[16 * i + j] = (i == j) - K[16 * i + j] * I * sv->w[j];
  if (!qc_lu(16, lu, piv)) return 0;
  for (size_t k = 0; k < nv; k++) {
    qc_c *d = dG + 16 * k;
    for (int i = 0; i < 16; i++) {
      d[i] = 0;
      for (int j = 0; j < 16; j++) d[i] += K[16 * i + j] * v[16 * k + (size_t)j];
    }
    qc_lu_solve(16, lu, piv, d);
  }
  return 1;
}
