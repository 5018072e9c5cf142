/* Self-consistent gap (seed 003 App. B) and its stationary points with their free energies (eq. 6,
 * conventions in docs/ising.md). Everything is a BZ average on one frozen adaptive mesh, with 1/g = <k0>
 * evaluated on the same nodes, so that the gap function <k0 − K(Δ)> and f_sn are integrals of
 * localised differences. At J = 0 the gap function increases with Δ and has one root, found by
 * Newton's method on Δ² with the derivative from the same sum; otherwise all roots are bracketed by a
 * scan of 17 gaps (one batched pass) and refined by Brent. */
#include <math.h>
#include <string.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define NSCAN 16

static void add_solution(sfhet_ising_gap_result *res, double d, double derr, int is_min,
                         const ising_gapfn_ctx *c) {
  if (res->n >= SFHET_ISING_MAX_SOL) return;
  ising_kpar p = c->p;
  p.delta = d;
  sfhet_ising_solution *s = &res->sol[res->n++];
  s->delta = d;
  s->delta_err = derr;
  s->f_sn = ising_avg(c->mesh, ising_k_fsn, &p, &s->f_err);
  s->kind = is_min ? SFHET_ISING_METASTABLE : SFHET_ISING_UNSTABLE;
}

/* Orders solutions by f_sn and marks the lowest local minimum stable. */
static void classify(sfhet_ising_gap_result *res) {
  for (size_t i = 1; i < res->n; i++)
    for (size_t j = i; j > 0 && res->sol[j].f_sn < res->sol[j - 1].f_sn; j--) {
      sfhet_ising_solution t = res->sol[j];
      res->sol[j] = res->sol[j - 1], res->sol[j - 1] = t;
    }
  for (size_t i = 0; i < res->n; i++)
    if (res->sol[i].kind == SFHET_ISING_METASTABLE) {
      res->sol[i].kind = SFHET_ISING_STABLE;
      sfhet_ising_solution t = res->sol[i];
      memmove(&res->sol[1], &res->sol[0], i * sizeof t);
      res->sol[0] = t;
      return;
    }
}

typedef struct {
  const ising_mesh *mesh;
  double kT, err, slope;
} j0_ctx;

/* R and dR/d(Δ²) at u = Δ²; keeps the cubature error and dR/dΔ of the last point. */
static void j0_fdf(double u, void *v, double *f, double *df) {
  j0_ctx *c = v;
  double d = sqrt(u);
  ising_sum_j0(c->mesh, c->kT, d, f, df, &c->err);
  c->slope = 2 * d * *df;
}

int ising_gap_j0(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double *delta,
                 double *delta_err) {
  double d0 = m->p[SFHET_ISING_DELTA0], R0, err0;
  ising_sum_j0(mesh, kT, 0.0, &R0, NULL, &err0);
  if (!isfinite(R0)) SFHET_ERROR(SFHET_EFAILED, "ising: non-finite gap function at Δ = 0");
  *delta = 0;
  if (delta_err) *delta_err = 0;
  double ulo = 0;
  if (fabs(R0) < err0) { /* R(0+) unresolved on this mesh (T -> 0): decide by R(Δ0/16) */
    double R1;
    ising_sum_j0(mesh, kT, d0 / 16, &R1, NULL, NULL);
    if (R1 >= 0) return SFHET_OK;
    ulo = d0 * d0 / 256;
  } else if (R0 >= 0) {
    return SFHET_OK; /* normal state */
  }
  /* R(Δ) > 0 for Δ > Δ0 at every T (tanh <= 1), so (ulo, (1.05 Δ0)²) brackets the root; start from the
   * BCS interpolation Δ0 tanh(1.74 sqrt(Tc/T − 1)) */
  double kTc = ising_tc_guess(m), x = kT < kTc ? d0 * tanh(1.74 * sqrt(kTc / fmax(kT, 1e-300) - 1)) : 0.1 * d0;
  j0_ctx c = {mesh, kT, 0, 0};
  double u;
  SFHET_TRY(ising_newton(j0_fdf, &c, ulo, 1.1025 * d0 * d0, x * x, 1e-12 * d0 * d0, &u));
  *delta = sqrt(u);
  if (delta_err) *delta_err = c.err / fabs(c.slope);
  return SFHET_OK;
}

/* J = 0: the normal state and at most one superconducting solution. */
static int solve_j0(ising_gapfn_ctx *c, const sfhet_ising_model *m, sfhet_ising_gap_result *res) {
  double d, derr;
  SFHET_TRY(ising_gap_j0(c->mesh, m, c->p.T, &d, &derr));
  sfhet_ising_solution *s = &res->sol[res->n++]; /* Δ = 0: f_sn = 0 exactly at J = 0 */
  *s = (sfhet_ising_solution){0, 0, 0, 0, d > 0 ? SFHET_ISING_UNSTABLE : SFHET_ISING_METASTABLE};
  if (d > 0) add_solution(res, d, derr, 1, c);
  return SFHET_OK;
}

int ising_solve_gap(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double jz,
                    double jx, sfhet_ising_gap_result *res) {
  double d0 = m->p[SFHET_ISING_DELTA0];
  ising_gapfn_ctx c = {mesh, {kT, 0, d0, jz, jx}};
  double x[NSCAN + 1], r[NSCAN + 1], rerr, r0err;
  res->n = 0;
  if (jz == 0 && jx == 0) {
    SFHET_TRY(solve_j0(&c, m, res));
    classify(res);
    return SFHET_OK;
  }
  for (int i = 0; i <= NSCAN; i++) x[i] = 1.05 * d0 * i / NSCAN;
  ising_sum_gap(mesh, &c.p, NSCAN + 1, x, r, &r0err);
  for (int i = 0; i <= NSCAN; i++)
    if (!isfinite(r[i])) SFHET_ERROR(SFHET_EFAILED, "ising: non-finite gap function at Δ = %g meV", x[i]);
  add_solution(res, 0.0, 0.0, r[0] > 0, &c);
  for (int i = 0; i < NSCAN; i++) {
    if ((r[i] < 0) == (r[i + 1] < 0)) continue;
    if (i == 0 && fabs(r[0]) < r0err) continue; /* Δ -> 0 unresolved on this mesh (T ≈ 0) */
    double root, rr;
    SFHET_TRY(ising_brent(ising_gapfn_of_delta, &c, x[i], x[i + 1], 1e-8 * d0, &root));
    ising_sum_gap(mesh, &c.p, 1, &root, &rr, &rerr);
    double slope = (r[i + 1] - r[i]) / (x[i + 1] - x[i]);
    add_solution(res, root, rerr / fabs(slope), r[i] < 0, &c);
  }
  if (r[NSCAN] < 0)
    SFHET_ERROR(SFHET_EFAILED, "ising: gap function still negative at Δ = 1.05 Δ0 (check --delta0)");
  classify(res);
  return SFHET_OK;
}


static int check_inputs(double T, sfhet_ising_field f) {
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be >= 0 K, got %g", T);
  if (!(f.J >= 0) || !isfinite(f.J)) SFHET_ERROR(SFHET_EINVAL, "--J: must be >= 0 meV, got %g", f.J);
  return SFHET_OK;
}

int sfhet_ising_gap(const sfhet_ising_model *m, double T, sfhet_ising_field f,
                    sfhet_ising_gap_result *res, sfhet_ising_ws *ws) {
  SFHET_TRY(check_inputs(T, f));
  memset(res, 0, sizeof *res);
  SFHET_TRY(sfhet_ising_tc0(m, &res->Tc0, ws));
  double kT = T * SFHET_KB_MEV, jz, jx;
  ising_field_xz(f, &jz, &jx);
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_GAP), &mesh));
  res->g = 1.0 / mesh->inv_g;
  res->N0 = ising_dos0(mesh, mesh->scale / M_PI);
  res->nodes = mesh->n;
  return ising_solve_gap(mesh, m, kT, jz, jx, res);
}

/* Density of states per spin at the Fermi level, thermally smeared at kT: <Σσ −n_F'(ξσ)>/2. */
double ising_dos0(const ising_mesh *mesh, double kT) {
  ising_kpar p = {kT, 0, 1, 0, 0};
  return 0.5 * ising_avg(mesh, ising_k_chi_perp, &p, NULL);
}
