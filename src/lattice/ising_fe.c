/* Free-energy maps over the exchange-field direction and the critical field J_c(θ, T).
 * The BdG spectrum depends on φ only through a spin rotation about z, which commutes with the Ising
 * SOC and the singlet pairing, so f_sn(θ, φ) = f_sn(θ, 0): each θ is solved once (in parallel) and
 * copied across φ. */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

typedef struct {
  const ising_mesh *mesh;
  const sfhet_ising_model *m;
  double kT, J;
  const double *theta;
  double *f, *d;
} map_ctx;

static int map_point(size_t i, void *v) {
  map_ctx *c = v;
  double jz, jx;
  sfhet_ising_field fld = {c->J, c->theta[i], 0};
  ising_field_xz(fld, &jz, &jx);
  sfhet_ising_gap_result res;
  SFHET_TRY(ising_solve_gap(c->mesh, c->m, c->kT, jz, jx, &res));
  c->f[i] = res.sol[0].f_sn;
  c->d[i] = res.sol[0].delta;
  return SFHET_OK;
}

int sfhet_ising_fsn_map(const sfhet_ising_model *m, double T, double J, const double *theta,
                        size_t nt, const double *phi, size_t np, double *out, double *delta,
                        int nthreads, const sfhet_progress *progress, sfhet_ising_ws *ws) {
  (void)phi;
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be >= 0 K, got %g", T);
  if (!(J >= 0) || !isfinite(J)) SFHET_ERROR(SFHET_EINVAL, "--J: must be >= 0 meV, got %g", J);
  double kT = T * SFHET_KB_MEV;
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_GAP), &mesh));
  double *buf = malloc(2 * nt * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  map_ctx c = {mesh, m, kT, J, theta, buf, buf + nt};
  int st = sfhet_sweep_map_dist(nt, map_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{buf, sizeof *buf, 0, NULL}, {buf + nt, sizeof *buf, 0, NULL}}, 2);
  for (size_t i = 0; !st && i < nt; i++)
    for (size_t j = 0; j < np; j++) {
      out[i * np + j] = c.f[i];
      if (delta) delta[i * np + j] = c.d[i];
    }
  free(buf);
  return st;
}

/* Whether the lowest stationary point at J is superconducting; its Δ. */
static int sc_wins(const ising_mesh *mesh, const sfhet_ising_model *m, double kT, double theta,
                   double J, int *wins, double *delta) {
  double jz, jx;
  sfhet_ising_field f = {J, theta, 0};
  ising_field_xz(f, &jz, &jx);
  sfhet_ising_gap_result res;
  SFHET_TRY(ising_solve_gap(mesh, m, kT, jz, jx, &res));
  *delta = res.sol[0].delta;
  *wins = *delta > 0;
  return SFHET_OK;
}

int sfhet_ising_jc(const sfhet_ising_model *m, double T, double theta, double *Jc, int *first_order,
                   sfhet_ising_ws *ws) {
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be >= 0 K, got %g", T);
  double kT = T * SFHET_KB_MEV, d0 = m->p[SFHET_ISING_DELTA0];
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_GAP), &mesh));
  double lo = 0, hi = 0.5 * d0, dlo = 0, dhi;
  int wins = 1;
  SFHET_TRY(sc_wins(mesh, m, kT, theta, 0, &wins, &dlo));
  if (!wins) SFHET_ERROR(SFHET_EINVAL, "--T: %g K is above Tc0; no critical field", T);
  for (;;) {
    SFHET_TRY(sc_wins(mesh, m, kT, theta, hi, &wins, &dhi));
    if (!wins) break;
    lo = hi, dlo = dhi, hi *= 2;
    if (hi > 1e4 * d0) SFHET_ERROR(SFHET_ENOSOL, "ising: no critical field below %g meV", hi);
  }
  while (hi - lo > 2e-4 * hi) {
    double mid = 0.5 * (lo + hi), dm;
    SFHET_TRY(sc_wins(mesh, m, kT, theta, mid, &wins, &dm));
    if (wins) lo = mid, dlo = dm;
    else hi = mid;
  }
  *Jc = 0.5 * (lo + hi);
  *first_order = dlo > 0.1 * d0;
  return SFHET_OK;
}
