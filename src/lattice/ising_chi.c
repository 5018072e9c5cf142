/* Spin susceptibility χ = −∂²f/∂J²|_{J=0} (seed 003 eq. C6) from the closed-form J-derivatives of the
 * BdG eigenvalues: out-of-plane (E = ±J_z + sqrt(ξσ² + Δ²)) gives the Yosida form
 * Σσ sech²(Eσ/2T)/4T; in-plane (E±² = S ± 2 sqrt(Q)) gives ½Σ± t(E±)[1 ± (Δ² + ε²)/|εβ|], t = tanh(E/2T)/E,
 * written with a divided difference so that it stays finite where β = 0. */
#include <math.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"


int sfhet_ising_chi_raw(const sfhet_ising_model *m, double T, double delta, double *chi_par,
                        double *chi_perp, sfhet_ising_ws *ws) {
  if (!(T > 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: χ needs T > 0 K, got %g", T);
  double kT = T * SFHET_KB_MEV;
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_THERMAL), &mesh));
  ising_kpar p = {kT, delta, m->p[SFHET_ISING_DELTA0], 0, 0};
  if (chi_par) *chi_par = ising_avg(mesh, ising_k_chi_par, &p, NULL);
  if (chi_perp) *chi_perp = ising_avg(mesh, ising_k_chi_perp, &p, NULL);
  return SFHET_OK;
}

int sfhet_ising_chi(const sfhet_ising_model *m, double T, double *chi_par, double *chi_perp,
                    sfhet_ising_ws *ws) {
  if (!(T > 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: χ needs T > 0 K, got %g", T);
  double kT = T * SFHET_KB_MEV;
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_THERMAL), &mesh));
  double d, sp, sz, np, nz;
  SFHET_TRY(ising_gap_j0(mesh, m, kT, &d, NULL));
  SFHET_TRY(sfhet_ising_chi_raw(m, T, d, &sp, &sz, ws));
  SFHET_TRY(sfhet_ising_chi_raw(m, T, 0, &np, &nz, ws));
  if (!(np > 0) || !(nz > 0))
    SFHET_ERROR(SFHET_EFAILED, "ising: normal-state susceptibility not positive at T = %g K", T);
  if (chi_par) *chi_par = sp / np;
  if (chi_perp) *chi_perp = sz / nz;
  return SFHET_OK;
}

/* Eq. C8 with the local splitting λ0: χ_s/χ_P = 1 − Δ² atanh(λ0/s)/(λ0 s), s = sqrt(λ0² + Δ²) (the
 * printed form ½ ln((λ0 + s)/(s − λ0)) = atanh(λ0/s)); 0 for λ0 -> 0, 1 for Δ = 0. */
static double c8(double l, double d) {
  if (!(l > 0)) return d > 0 ? 0.0 : 1.0;
  double s = sqrt(l * l + d * d);
  return 1 - d * d * atanh(l / s) / (l * s);
}

/* Fermi-surface weight Σσ −∂n_F/∂ξσ and the C8-weighted one (λ0 = |β(k)|, gap in p->delta). */
static double fs_weight(double e, double b, const void *v) {
  const ising_kpar *p = v;
  ising_kpar q = *p;
  q.delta = 0;
  return ising_k_chi_perp(e, b, &q);
}

static double fs_c8(double e, double b, const void *v) {
  const ising_kpar *p = v;
  return fs_weight(e, b, v) * c8(fabs(b), p->delta);
}

int sfhet_ising_chi_weak_soc(const sfhet_ising_model *m, double T, double *chi_c8, sfhet_ising_ws *ws) {
  if (!(T > 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: χ needs T > 0 K, got %g", T);
  double kT = T * SFHET_KB_MEV, d;
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, kT, ISING_FLOOR_THERMAL), &mesh));
  SFHET_TRY(ising_gap_j0(mesh, m, kT, &d, NULL));
  ising_kpar p = {kT, d, m->p[SFHET_ISING_DELTA0], 0, 0};
  double w = ising_avg(mesh, fs_weight, &p, NULL), c = ising_avg(mesh, fs_c8, &p, NULL);
  if (!(w > 0)) SFHET_ERROR(SFHET_EFAILED, "ising: no Fermi-surface weight at T = %g K", T);
  *chi_c8 = c / w;
  return SFHET_OK;
}
