/* Critical temperatures from the linearised gap equation: Tc0 (J = 0) by Newton's method on kT with
 * the derivative from the same BZ sum, Tc(J, θ) by a downward scan in steps of 0.02 Tc0 and Brent. */
#include <math.h>
#include <string.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

double ising_tc_guess(const sfhet_ising_model *m) {
  return m->p[SFHET_ISING_DELTA0] * exp(SFHET_EULER_GAMMA) / M_PI;
}

/* Mesh shared by all linearised-gap computations of a model. */
int ising_tc_mesh(sfhet_ising_ws *ws, const sfhet_ising_model *m, const ising_mesh **mesh) {
  return ising_ws_mesh(ws, m, ising_scale(m, 0.3 * ising_tc_guess(m), ISING_FLOOR_THERMAL), mesh);
}

static void lin_fdf(double kT, void *v, double *f, double *df) { ising_sum_lin(v, kT, f, df); }

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
  if (ws->tc0_valid && !memcmp(ws->tc0_key, m->p, sizeof ws->tc0_key)) {
    *Tc0 = ws->tc0;
    return SFHET_OK;
  }
  const ising_mesh *mesh;
  SFHET_TRY(ising_tc_mesh(ws, m, &mesh));
  double g = ising_tc_guess(m), kT, flo, fhi, d;
  ising_sum_lin(mesh, 0.7 * g, &flo, &d);
  ising_sum_lin(mesh, 1.3 * g, &fhi, &d);
  if (!(flo < 0 && fhi > 0))
    SFHET_ERROR(SFHET_ENOCONV, "ising: no Tc0 within 30%% of the BCS estimate %g K (check --delta0)",
                g / SFHET_KB_MEV);
  SFHET_TRY(ising_newton(lin_fdf, (void *)mesh, 0.7 * g, 1.3 * g, g, 1e-12 * g, &kT));
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
  const ising_mesh *mesh;
  SFHET_TRY(ising_tc_mesh(ws, m, &mesh));
  sfhet_ising_field f = {J, theta, 0};
  ising_field_xz(f, &jz, &jx);
  SFHET_TRY(ising_solve_tc(mesh, m, jz, jx, Tc0 * SFHET_KB_MEV, &kTc));
  *Tc = kTc / SFHET_KB_MEV;
  return SFHET_OK;
}

