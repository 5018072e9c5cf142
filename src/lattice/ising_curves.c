/* Curves over many points, parallel with sfhet_sweep_map: Tc(J) on one shared mesh, χ(T) and J_c(θ)
 * with one workspace per point (their meshes depend on T). */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

typedef struct {
  const sfhet_ising_model *m;
  const ising_mesh *mesh;
  const double *x;
  double a, kTc0; /* theta (Tc, J_c) or unused */
  double *o1, *o2;
} curve_ctx;

static int tc_point(size_t i, void *v) {
  curve_ctx *c = v;
  double jz, jx, kTc;
  if (!(c->x[i] >= 0)) SFHET_ERROR(SFHET_EINVAL, "--J: must be >= 0, got %g", c->x[i]);
  sfhet_ising_field f = {c->x[i], c->a, 0};
  ising_field_xz(f, &jz, &jx);
  SFHET_TRY(ising_solve_tc(c->mesh, c->m, jz, jx, c->kTc0, &kTc));
  c->o1[i] = kTc / SFHET_KB_MEV;
  return SFHET_OK;
}

int sfhet_ising_tc_curve(const sfhet_ising_model *m, double theta, const double *J, size_t n,
                         double *Tc, int nthreads, const sfhet_progress *progress,
                         sfhet_ising_ws *ws) {
  double Tc0;
  const ising_mesh *mesh;
  SFHET_TRY(sfhet_ising_tc0(m, &Tc0, ws));
  SFHET_TRY(ising_tc_mesh(ws, m, &mesh));
  curve_ctx c = {m, mesh, J, theta, Tc0 * SFHET_KB_MEV, Tc, NULL};
  int st = sfhet_sweep_map_dist(n, tc_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{Tc, sizeof *Tc, 0, NULL}}, 1);
  return st;
}

typedef struct {
  curve_ctx c;
  double *c8;
  ising_ws_set set; /* one per thread: neighbouring temperatures reuse a cached mesh */
} chi_ctx;

static int chi_point(size_t i, void *v) {
  chi_ctx *c = v;
  sfhet_ising_ws *ws = ising_ws_set_mine(&c->set);
  SFHET_TRY(sfhet_ising_chi(c->c.m, c->c.x[i], &c->c.o1[i], &c->c.o2[i], ws));
  return c->c8 ? sfhet_ising_chi_weak_soc(c->c.m, c->c.x[i], &c->c8[i], ws) : SFHET_OK;
}

int sfhet_ising_chi_curve(const sfhet_ising_model *m, const double *T, size_t n, double *chi_par,
                          double *chi_perp, double *chi_c8, int nthreads, const sfhet_progress *progress) {
  chi_ctx c = {{m, NULL, T, 0, 0, chi_par, chi_perp}, chi_c8, {NULL, 0}};
  SFHET_TRY(ising_ws_set_alloc(nthreads, &c.set));
  int st = sfhet_sweep_map_dist(n, chi_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{chi_par, sizeof *chi_par, 0, NULL}, {chi_perp, sizeof *chi_perp, 0, NULL}, {chi_c8, chi_c8 ? sizeof *chi_c8 : 0, 0, NULL}}, 3);
  ising_ws_set_free(&c.set);
  return st;
}

int sfhet_ising_chi_table(const sfhet_ising_model *m, size_t n, double *T, double *chi_par,
                          double *chi_perp, int nthreads, const sfhet_progress *progress) {
  if (n < 2) SFHET_ERROR(SFHET_EINVAL, "ising: a chi table needs at least 2 temperatures");
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  double Tc0 = 0;
  int st = sfhet_ising_tc0(m, &Tc0, ws);
  sfhet_ising_ws_free(ws);
  if (st) return st;
  for (size_t k = 0; k < n; k++) T[k] = Tc0 * (0.02 + 1.23 * (double)k / (double)(n - 1));
  return sfhet_ising_chi_curve(m, T, n, chi_par, chi_perp, NULL, nthreads, progress);
}

static int jc_point(size_t i, void *v) {
  curve_ctx *c = v;
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  int fo = 0;
  int st = sfhet_ising_jc(c->m, c->a, c->x[i], &c->o1[i], &fo, ws);
  c->o2[i] = fo;
  sfhet_ising_ws_free(ws);
  return st;
}

int sfhet_ising_jc_curve(const sfhet_ising_model *m, double T, const double *theta, size_t n,
                         double *Jc, double *first_order, int nthreads,
                         const sfhet_progress *progress) {
  curve_ctx c = {m, NULL, theta, T, 0, Jc, first_order};
  int st = sfhet_sweep_map_dist(n, jc_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{Jc, sizeof *Jc, 0, NULL}, {first_order, sizeof *first_order, 0, NULL}}, 2);
  return st;
}
