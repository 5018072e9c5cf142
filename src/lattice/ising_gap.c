/* Self-consistent gap (seed 003 App. B), free energy (eq. 6, conventions in docs/ising.md) and the
 * linearised gap equation for Tc. Everything is a BZ average on one frozen adaptive mesh, with
 * 1/g = <k0> evaluated on the same nodes, so that the gap function <k0 − K(Δ)> and f_sn are
 * integrals of localised differences. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <omp.h>
#include <string.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define NSCAN 16

void ising_field_xz(sfhet_ising_field f, double *jz, double *jx) {
  double th = f.theta * M_PI / 180.0, c = cos(th), s = sin(th);
  if (fabs(c) < 1e-12) c = 0;
  if (fabs(s) < 1e-12) s = 0;
  *jz = f.J * c;
  *jx = fabs(f.J * s);
}

double ising_avg(const ising_mesh *mesh, ising_node_fn *fn, const ising_kpar *p, double *err) {
  double v, e;
  ising_mesh_integrate(mesh, fn, p, &v, &e);
  if (err) *err = e;
  return v;
}

double ising_gapfn_of_delta(double d, void *v) {
  ising_gapfn_ctx *c = v;
  c->p.delta = d;
  return ising_avg(c->mesh, ising_k_gapfn, &c->p, NULL);
}

double ising_gapfn_of_kT(double kT, void *v) {
  ising_gapfn_ctx *c = v;
  c->p.T = kT;
  return ising_avg(c->mesh, ising_k_gapfn, &c->p, NULL);
}

/* Brent root of fn in [lo, hi] (a sign change is guaranteed by the caller). */
int ising_brent(double (*fn)(double, void *), void *ctx, double lo, double hi, double atol,
                double *root) {
  gsl_function F = {fn, ctx};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  int st = gsl_root_fsolver_set(s, &F, lo, hi), it = 0;
  while (!st && it++ < 100) {
    st = gsl_root_fsolver_iterate(s);
    if (st) break;
    st = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), atol, 1e-10);
    if (st == GSL_SUCCESS) break;
    if (st == GSL_CONTINUE) st = 0;
  }
  *root = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (st != GSL_SUCCESS)
    SFHET_ERROR(SFHET_ENOCONV, "ising: root search did not converge (try a larger --rtol or other T)");
  return SFHET_OK;
}

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

int ising_solve_gap(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double jz,
                    double jx, sfhet_ising_gap_result *res) {
  double d0 = m->p[SFHET_ISING_DELTA0];
  ising_gapfn_ctx c = {mesh, {kT, 0, d0, jz, jx}};
  double x[NSCAN + 1], r[NSCAN + 1], rerr, r0err;
  res->n = 0;
  for (int i = 0; i <= NSCAN; i++) {
    x[i] = 1.05 * d0 * i / NSCAN;
    c.p.delta = x[i];
    r[i] = ising_avg(mesh, ising_k_gapfn, &c.p, i ? NULL : &r0err);
    if (!isfinite(r[i])) SFHET_ERROR(SFHET_EFAILED, "ising: non-finite gap function at Δ = %g meV", x[i]);
  }
  add_solution(res, 0.0, 0.0, r[0] > 0, &c);
  for (int i = 0; i < NSCAN; i++) {
    if ((r[i] < 0) == (r[i + 1] < 0)) continue;
    if (i == 0 && fabs(r[0]) < r0err) continue; /* Δ -> 0 unresolved on this mesh (T ≈ 0) */
    double root;
    SFHET_TRY(ising_brent(ising_gapfn_of_delta, &c, x[i], x[i + 1], 1e-8 * d0, &root));
    c.p.delta = root;
    ising_avg(mesh, ising_k_gapfn, &c.p, &rerr);
    double slope = (r[i + 1] - r[i]) / (x[i + 1] - x[i]);
    add_solution(res, root, rerr / fabs(slope), r[i] < 0, &c);
  }
  if (r[NSCAN] < 0)
    SFHET_ERROR(SFHET_EFAILED, "ising: gap function still negative at Δ = 1.05 Δ0 (check --delta0)");
  classify(res);
  return SFHET_OK;
}


double ising_tc_guess(const sfhet_ising_model *m) {
  return m->p[SFHET_ISING_DELTA0] * exp(SFHET_EULER_GAMMA) / M_PI;
}

/* Mesh shared by all linearised-gap computations of a model. */
int ising_tc_mesh(sfhet_ising_ws *ws, const sfhet_ising_model *m) {
  return ising_mesh_build(&ws->tcmesh, m, ising_scale(m, 0.3 * ising_tc_guess(m), ISING_FLOOR_THERMAL));
}

int ising_solve_tc(const ising_mesh *mesh, const sfhet_ising_model *m, double jz, double jx,
                   double kTc0, double *kTc) {
  ising_gapfn_ctx c = {mesh, {kTc0, 0, m->p[SFHET_ISING_DELTA0], jz, jx}};
  double hi = 1.02 * kTc0, fhi = ising_gapfn_of_kT(hi, &c);
  if (fhi < 0) SFHET_ERROR(SFHET_EFAILED, "ising: normal state unstable above 1.02 Tc0");
  const int n = 49;
  for (int i = 1; i <= n; i++) {
    double lo = kTc0 * (1.02 - i * 0.02), flo = ising_gapfn_of_kT(lo, &c);
    if (flo < 0) return ising_brent(ising_gapfn_of_kT, &c, lo, hi, 1e-10 * kTc0, kTc);
    hi = lo, fhi = flo;
  }
  *kTc = 0;
  return SFHET_OK;
}

int sfhet_ising_tc0(const sfhet_ising_model *m, double *Tc0, sfhet_ising_ws *ws) {
  SFHET_TRY(ising_tc_mesh(ws, m));
  if (ws->tc0_valid && !memcmp(ws->tc0_key, m->p, sizeof ws->tc0_key)) {
    *Tc0 = ws->tc0;
    return SFHET_OK;
  }
  ising_gapfn_ctx c = {&ws->tcmesh, {0, 0, m->p[SFHET_ISING_DELTA0], 0, 0}};
  double g = ising_tc_guess(m), kT;
  SFHET_TRY(ising_brent(ising_gapfn_of_kT, &c, 0.7 * g, 1.3 * g, 1e-11 * g, &kT));
  *Tc0 = ws->tc0 = kT / SFHET_KB_MEV;
  memcpy(ws->tc0_key, m->p, sizeof ws->tc0_key);
  ws->tc0_valid = 1;
  return SFHET_OK;
}

int sfhet_ising_tc(const sfhet_ising_model *m, double J, double theta, double *Tc,
                   sfhet_ising_ws *ws) {
  if (!(J >= 0)) SFHET_ERROR(SFHET_EINVAL, "--J: must be >= 0, got %g", J);
  double Tc0, jz, jx, kTc;
  SFHET_TRY(sfhet_ising_tc0(m, &Tc0, ws));
  sfhet_ising_field f = {J, theta, 0};
  ising_field_xz(f, &jz, &jx);
  SFHET_TRY(ising_solve_tc(&ws->tcmesh, m, jz, jx, Tc0 * SFHET_KB_MEV, &kTc));
  *Tc = kTc / SFHET_KB_MEV;
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
  SFHET_TRY(ising_mesh_build(&ws->mesh, m, ising_scale(m, kT, ISING_FLOOR_GAP)));
  ising_kpar p = {0, 0, m->p[SFHET_ISING_DELTA0], 0, 0};
  res->g = 1.0 / ising_avg(&ws->mesh, ising_k_inv_g, &p, NULL);
  res->N0 = ising_dos0(&ws->mesh, ws->mesh.scale / M_PI);
  res->nodes = ws->mesh.n;
  return ising_solve_gap(&ws->mesh, m, kT, jz, jx, res);
}

/* Density of states per spin at the Fermi level, thermally smeared at kT: <Σσ −n_F'(ξσ)>/2. */
double ising_dos0(const ising_mesh *mesh, double kT) {
  ising_kpar p = {kT, 0, 1, 0, 0};
  return 0.5 * ising_avg(mesh, ising_k_chi_perp, &p, NULL);
}
