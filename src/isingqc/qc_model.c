/* The quasiclassical model of seed 002 in solver form: field vector, self-energy weights, spin–orbit
 * sectors and the matrix Ľ_s of one sector (docs/isingqc.md, "Model").
 *   Ľ_s = τ3 (E + iΓ) − β_s σ_z − τ3 b·σ − iΔ τ2 + i η ⟨g⟩ + i Σ_j η_j (τ3σ_j) ⟨g⟩ (τ3σ_j)
 * (= τ3 (E − M_s) with the self-energy Σ = −iη τ3⟨g⟩ − i Σ_j η_j σ_j ⟨g⟩ τ3 σ_j). Conjugation by τ3σ_j
 * multiplies τ_a σ_b by ±1, so Ξ(G) = i Σ_ab w_ab G_ab τ_a σ_b with w_ab = η + Σ_j η_j ε_a ε_jb. */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

#include "isingqc/qc_int.h"
#include "sfhet/isingqc.h"

/* sin and cos of an angle in degrees, exact at multiples of 90°. */
static void sincos_deg(double deg, double *s, double *c) {
  double q = deg / 90.0;
  if (q == floor(q) && fabs(q) < 1e9) {
    long k = ((long)q % 4 + 4) % 4;
    static const double sv[4] = {0, 1, 0, -1}, cv[4] = {1, 0, -1, 0};
    *s = sv[k], *c = cv[k];
    return;
  }
  double r = deg * M_PI / 180.0;
  *s = sin(r), *c = cos(r);
}

/* Unit vector of polar angle theta and azimuth phi (degrees). */
static void direction(double theta, double phi, double *n) {
  double st, ct, sp, cp;
  sincos_deg(theta, &st, &ct);
  sincos_deg(phi, &sp, &cp);
  n[0] = st * cp, n[1] = st * sp, n[2] = ct;
}

/* The spin axis of N_up/N_down: 0 along b (n), 1 the c axis, 2 e_θ (in the plane of b and c, normal
 * to b), 3 e_φ (normal to b and c); n, e_θ, e_φ are orthonormal for every direction. */
void qc_spin_axis(int mode, double theta, double phi, double *a) {
  if (mode == 0) {
    direction(theta, phi, a);
    return;
  }
  double st, ct, sp, cp;
  sincos_deg(theta, &st, &ct);
  sincos_deg(phi, &sp, &cp);
  if (mode == 1) a[0] = 0, a[1] = 0, a[2] = 1;
  else if (mode == 2) a[0] = ct * cp, a[1] = ct * sp, a[2] = -st;
  else a[0] = -sp, a[1] = cp, a[2] = 0;
}

static void valley_sectors(const qc_model *m, qc_sectors *sec) {
  sec->n = 2;
  sec->beta[0] = m->dso, sec->beta[1] = -m->dso;
  sec->w[0] = sec->w[1] = 0.5;
}

/* Γ pocket: ⟨f(Δso cos 3φ)⟩_φ = (1/π)∫_0^π f(Δso cos u) du by Gauss–Legendre panels. In a sector
 * with |β| >> b⊥ the in-plane field shifts the edges by ~b⊥²/2|β|, so an energy E meets an edge where
 * β ~ b⊥²/2(E − Δ), a feature of width δβ ~ 2s β²/b⊥² (s: the broadening; ~s for |β| <~ b⊥). Panels
 * span KAPPA such widths (in u: δβ/(Δso sin u), at most 0.2), mirrored about u = π/2. */
#define GL_NODES 16
#define KAPPA 2.0
static void gamma_sectors(const qc_model *m, double bperp, double floor_s, qc_sectors *sec) {
  double s = fmax(fmax(m->gamma, floor_s), 0.01 * (m->delta + bperp) + 1e-6), h = 0.5 * M_PI, bp[QC_MAX_SECTORS / GL_NODES];
  size_t nb = 0, cap = QC_MAX_SECTORS / GL_NODES / 2;
  bp[nb++] = h;
  for (double u = h; u > 0.0 && nb < cap;) {
    double beta = m->dso * cos(u), wb = KAPPA * s * (1.0 + 2.0 * beta * beta / (bperp * bperp));
    double wu = fmin(wb / (m->dso * fmax(sin(u), 1e-12)), 0.2);
    u = u - wu < 0.05 * wu ? 0.0 : u - wu;
    bp[nb++] = u;
  }
  if (bp[nb - 1] > 0.0) bp[nb - 1] = 0.0; /* cap reached: the last panel runs to u = 0 */
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(GL_NODES);
  sec->n = 0;
  for (size_t k = 0; k + 1 < nb && t; k++)
    for (size_t i = 0; i < GL_NODES; i++) {
      double x, w;
      gsl_integration_glfixed_point(bp[k + 1], bp[k], i, &x, &w, t);
      double beta = m->dso * cos(x);
      sec->beta[sec->n] = beta, sec->w[sec->n++] = w / M_PI;
      sec->beta[sec->n] = -beta, sec->w[sec->n++] = w / M_PI;
    }
  gsl_integration_glfixed_table_free(t);
}

void qc_solver_init(qc_solver *sv, const double *p) {
  qc_solver_init_s(sv, p, 0.0);
  sv->tol = 1e-11; /* real axis: the DOS to ~1e-10 */
}

void qc_solver_init_s(qc_solver *sv, const double *p, double s) {
  memset(sv, 0, sizeof *sv);
  sv->tol = 1e-13; /* Matsubara axis: f/Δ near Tc needs the digits */
  sv->f_exact = QC_OMEGA_EXACT, sv->f_lin = QC_OMEGA_LIN;
  qc_model *m = &sv->m;
  m->delta = p[SFHET_ISINGQC_DELTA];
  m->gamma = p[SFHET_ISINGQC_GAMMA];
  m->dso = p[SFHET_ISINGQC_DSO];
  double n[3];
  direction(p[SFHET_ISINGQC_THETA], p[SFHET_ISINGQC_PHI], n);
  for (int k = 0; k < 3; k++) m->b[k] = p[SFHET_ISINGQC_B] * n[k];
  m->eta = p[SFHET_ISINGQC_ETA];
  m->eta_j[0] = p[SFHET_ISINGQC_ETA_X];
  m->eta_j[1] = p[SFHET_ISINGQC_ETA_Y];
  m->eta_j[2] = p[SFHET_ISINGQC_ETA_Z];
  m->soc = (int)p[SFHET_ISINGQC_SOC];
  qc_spin_axis((int)p[SFHET_ISINGQC_AXIS], p[SFHET_ISINGQC_THETA], p[SFHET_ISINGQC_PHI], m->axis);
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++) {
      double w = m->eta, ea = (a == 0 || a == 3) ? 1.0 : -1.0;
      for (int j = 0; j < 3; j++) w += m->eta_j[j] * ea * ((b == 0 || b == j + 1) ? 1.0 : -1.0);
      sv->w[4 * a + b] = w;
    }
  /* With b ∥ c (or b = 0) every matrix commutes with σ_z, β_s σ_z only shifts eigenvalues by real
   * amounts and g does not depend on the sector: one sector is exact. */
  double bperp = hypot(m->b[0], m->b[1]);
  if (bperp == 0.0 || m->dso == 0.0) {
    sv->sec.n = 1, sv->sec.beta[0] = 0.0, sv->sec.w[0] = 1.0;
  } else if (m->soc == 1) {
    gamma_sectors(m, bperp, s, &sv->sec);
  } else {
    valley_sectors(m, &sv->sec);
  }
}

void qc_lcheck(const qc_solver *sv, qc_c z, double beta, const qc_c *G, qc_c *L) {
  for (int i = 0; i < 16; i++) L[i] = G ? I * sv->w[i] * G[i] : 0;
  L[12] += z;          /* τ3 σ0 */
  L[3] -= beta;        /* τ0 σ3 */
  for (int k = 0; k < 3; k++) L[13 + k] -= sv->m.b[k]; /* τ3 σ_k */
  L[8] -= I * sv->m.delta; /* τ2 σ0 */
}

void qc_spin_dos(const qc_c *G, const double *n, double *up, double *down) {
  double t = creal(G[0] + G[12]), s = 0.0;
  for (int k = 0; k < 3; k++) s += n[k] * creal(G[1 + k] + G[13 + k]);
  *up = 0.5 * (t + s);
  *down = 0.5 * (t - s);
}
