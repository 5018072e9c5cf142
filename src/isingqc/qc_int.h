/* Internal interface of the quasiclassical Ising-superconductor solver (src/isingqc). Matrices are in
 * the Nambu–spin basis Ψ = (ψ↑, ψ↓, (iσ_y ψ†)↑, (iσ_y ψ†)↓): 4x4 index 2·(Nambu) + spin, split into
 * 2x2 spin blocks [[A, B], [C, D]] (A particle, D hole). A 4x4 matrix M is stored by its 16 Pauli
 * components M = Σ_ab m[4a + b] τ_a σ_b (a, b = 0..3), m_ab = ¼ Tr(τ_a σ_b M). */
#ifndef SFHET_ISINGQC_QC_INT_H
#define SFHET_ISINGQC_QC_INT_H

/* The solver's complex arithmetic has no infinities or NaNs to protect (all magnitudes are bounded
 * by the model's energies), so GCC may use the plain formulas for complex * and / instead of the
 * Annex G library calls (4x faster here). Applies to every function of the files including this. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("cx-limited-range")
#endif

#include <complex.h>
#include <math.h>
#include <stddef.h>

typedef double complex qc_c;

#define QC_MAX_SECTORS 1024 /* spin–orbit sectors of one sector average */

/* Default Matsubara cut-off factors: exact terms below QC_OMEGA_EXACT · s1, linear response below
 * QC_OMEGA_LIN · s2 (qc_matsu.c; chosen in docs/isingqc.md, "Numerics"). */
#define QC_OMEGA_EXACT 40.0
#define QC_OMEGA_LIN 40.0

/* 2x2 complex matrix, row-major. */
typedef struct {
  qc_c a[4];
} qc_m2;

/* The model in solver form (energies in meV, unit vectors). */
typedef struct {
  double delta, gamma, dso;
  double b[3];     /* exchange field vector b (|b| = b, direction θ, φ) */
  double eta;      /* scalar (potential) disorder rate */
  double eta_j[3]; /* frozen magnetic defects along x, y, z */
  int soc;         /* 0 valleys ±Δso, 1 Γ pocket Δso cos 3φ */
  double axis[3];  /* spin axis of N_up/N_down */
} qc_model;

/* Sector average: Ising fields β_s with weights w_s (Σ w_s = 1). */
typedef struct {
  size_t n;
  double beta[QC_MAX_SECTORS], w[QC_MAX_SECTORS];
} qc_sectors;

/* Riccati amplitudes of one sector: range(P+) = span[I; X], range(P−) = span[Y; I]. */
typedef struct {
  qc_m2 X, Y;
  int have; /* X, Y hold a usable guess */
} qc_ric;

/* Matrix sign S = sign(Ľ) of one sector with what its Fréchet derivative needs. */
typedef struct {
  qc_m2 A, B, C, D;  /* blocks of Ľ */
  qc_m2 X, Y;        /* Riccati amplitudes */
  qc_m2 M1, M2;      /* (I − YX)^−1, (I − XY)^−1 */
  qc_m2 Lp, Lm;      /* Λ+ = A + BX, Λ− = CY + D */
  qc_c S[16];        /* Pauli components of the sign */
} qc_sign;

/* Solver workspace for one model: sectors, per-sector Riccati guesses, Newton scratch. */
typedef struct {
  qc_model m;
  qc_sectors sec;
  double w[16];     /* self-energy weights: Ξ(G) = i Σ w_ab G_ab τ_a σ_b */
  qc_ric ric[QC_MAX_SECTORS];
  qc_c lu[256];     /* LU factors of I − J at the last Jacobian (reused by chord steps) */
  size_t piv[16];
  int have_lu;
  double tol;       /* residual tolerance of the Born iteration (1e-11; 1e-13 on the Matsubara axis) */
  double f_exact, f_lin; /* Matsubara cut-offs ω1, ω2 in units of their scales (qc_matsu.c) */
  long steps, jacobians, solves, fallbacks; /* counters (diagnostics, benchmarks) */
} qc_solver;

/* ---- qc_alg.c: small complex linear algebra ---- */
static inline qc_m2 qc_mul(qc_m2 x, qc_m2 y) {
  qc_m2 r = {{x.a[0] * y.a[0] + x.a[1] * y.a[2], x.a[0] * y.a[1] + x.a[1] * y.a[3],
              x.a[2] * y.a[0] + x.a[3] * y.a[2], x.a[2] * y.a[1] + x.a[3] * y.a[3]}};
  return r;
}

static inline qc_m2 qc_add(qc_m2 x, qc_m2 y) {
  for (int i = 0; i < 4; i++) x.a[i] += y.a[i];
  return x;
}

static inline qc_m2 qc_sub(qc_m2 x, qc_m2 y) {
  for (int i = 0; i < 4; i++) x.a[i] -= y.a[i];
  return x;
}

static inline qc_m2 qc_scale(qc_c s, qc_m2 x) {
  for (int i = 0; i < 4; i++) x.a[i] *= s;
  return x;
}

static inline qc_m2 qc_eye(void) {
  qc_m2 r = {{1, 0, 0, 1}};
  return r;
}

/* |re| + |im|: a cheap modulus for pivoting and convergence tests. */
static inline double qc_abs1(qc_c z) { return fabs(creal(z)) + fabs(cimag(z)); }

static inline double qc_norm(qc_m2 x) {
  double m = 0.0;
  for (int i = 0; i < 4; i++) {
    double v = qc_abs1(x.a[i]);
    m = v > m ? v : m;
  }
  return m;
}

/* Inverse of a 2x2 matrix; returns 0 when it is (numerically) singular. */
int qc_inv(qc_m2 x, qc_m2 *inv);
/* Solves the 2x2 Sylvester equation P Z − Z Q = R; 0 when singular. */
int qc_sylvester(qc_m2 P, qc_m2 Q, qc_m2 R, qc_m2 *Z);
/* op[16]: the inverse of the operator Z -> P Z − Z Q as a 4x4 matrix on row-major 2x2 entries (closed
 * form, one 2x2 inverse); 0 when singular. */
int qc_sylvester_op(qc_m2 P, qc_m2 Q, qc_c *op);
/* op applied to the row-major entries of R. */
static inline qc_m2 qc_op_apply(const qc_c *op, qc_m2 R) {
  qc_m2 Z;
  for (int i = 0; i < 4; i++)
    Z.a[i] = op[4 * i] * R.a[0] + op[4 * i + 1] * R.a[1] + op[4 * i + 2] * R.a[2] + op[4 * i + 3] * R.a[3];
  return Z;
}
/* LU with partial pivoting of an n x n row-major complex matrix in place; 0 when singular. */
int qc_lu(size_t n, qc_c *a, size_t *piv);
/* Solves with the factors of qc_lu; b is overwritten by the solution. */
void qc_lu_solve(size_t n, const qc_c *lu, const size_t *piv, qc_c *b);
/* The 2x2 block (r, c) (0 or 1 each) of the 4x4 matrix with Pauli components m. */
qc_m2 qc_block(const qc_c *m, int r, int c);
/* Pauli components of the 4x4 matrix with blocks [[a, b], [c, d]]. */
void qc_pauli(qc_m2 a, qc_m2 b, qc_m2 c, qc_m2 d, qc_c *m);

/* ---- qc_sign.c: matrix sign by the imaginary parts of the eigenvalues, and its derivative ---- */
/* Sign of the 4x4 matrix with Pauli components L, from the Riccati guess r (updated). Newton on the
 * two Riccati equations from the guess, or a scaled Newton sign iteration from scratch; returns 0 on
 * success. */
int qc_sign_eval(const qc_c *L, qc_ric *r, qc_sign *s);
/* Pauli components of the Fréchet derivative dS of the sign in the direction with Pauli components E. */
int qc_sign_deriv(const qc_sign *s, const qc_c *E, qc_c *dS);
/* K[16 i + j]: component i of dS for the unit direction τσ_j (all 16 directions). */
int qc_sign_jacobian(const qc_sign *s, qc_c *K);

/* ---- qc_model.c ---- */
/* Builds the solver for the DOS parameter vector p (table order of sfhet_isingqc_params). */
void qc_solver_init(qc_solver *sv, const double *p);
/* For the Matsubara axis: a broadening floor s [meV] for the Γ-pocket quadrature (πkT) and the tighter
 * tolerance 1e-13. */
void qc_solver_init_s(qc_solver *sv, const double *p, double s);
/* Pauli components of Ľ_s = τ3 z − β σ_z − τ3 b·σ − iΔ τ2 + Ξ(G) at complex energy z. */
void qc_lcheck(const qc_solver *sv, qc_c z, double beta, const qc_c *G, qc_c *L);
/* Spin axis of axis mode 0..3 (the b direction, c, e_θ, e_φ) for a field at θ, φ [deg]. */
void qc_spin_axis(int mode, double theta, double phi, double *a);
/* Spin-resolved DOS of the sector average G along the axis n: N± = ½ Re[(G00 + G30) ± n·(G0b + G3b)]. */
void qc_spin_dos(const qc_c *G, const double *n, double *up, double *down);

/* ---- qc_scba.c: self-consistent Born self-energy at one complex energy ---- */
/* State of the iteration G ← G + (I − J)^−1 (F(G) − G), F(G) = ⟨sign Ľ_s(G)⟩, J = ∂F/∂G (Newton,
 * or chord steps with the solver's last J while they contract fast). */
typedef struct {
  qc_c z;
  qc_c G[16];
  qc_c r[16];      /* residual F(G) − G at G */
  double rnorm;    /* its max norm */
  int evaluated, iter, fresh; /* fresh: the solver's J was computed at this G */
} qc_scba;
/* init: starts at complex energy z from guess G (NULL: the normal state τ3). */
void qc_scba_init(qc_scba *st, qc_c z, const qc_c *guess);
/* iterate: the first call evaluates F at the guess; later calls make one chord or Newton step (with
 * backtracking). SFHET_OK, or SFHET_ENOCONV when no step can be made. */
int qc_scba_iterate(qc_solver *sv, qc_scba *st);
/* test: SFHET_OK when converged (residual below sv->tol (1 + |G|)), SFHET_CONTINUE otherwise. */
int qc_scba_test(const qc_solver *sv, const qc_scba *st);
/* Driver: Newton from the guess, falling back to continuation in Im z from far above the real axis
 * (the physical, retarded branch). st holds the converged state. Returns SFHET_OK or SFHET_ENOCONV
 * (not reported: callers say where). */
int qc_scba_solve(qc_solver *sv, qc_c z, const qc_c *guess, qc_scba *st);
/* Computes J at G and factors I − J into the solver (the chord matrix of later steps); 0 on failure. */
int qc_scba_refresh(qc_solver *sv, const qc_c *G, qc_c z);
/* Whether G is on the retarded branch: the Hermitian part of G τ3 (the Nambu spectral matrix) is
 * positive semidefinite (up to 1e-8). */
int qc_retarded(const qc_c *G);
/* Linear response dG = (I − J)^−1 K v of the converged G to sector-independent changes v_k (Pauli
 * components, nv of them) of Ľ: v = τ3 for ∂/∂E, −iτ2 for ∂/∂Δ. dG[16 k + i]. 0 on failure. */
int qc_scba_response(qc_solver *sv, const qc_scba *st, const qc_c *v, size_t nv, qc_c *dG);

#endif
