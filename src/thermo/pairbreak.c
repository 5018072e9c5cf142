/* Abrikosov–Gor'kov pair breaking (seed 001 Methods eq. 2):
 *   ln(Tc0/Tc) = ψ(½ + α/2πkTc) − ψ(½),
 * with the thin-film orbital pair breaking α = D e² B² d²/(6ħ) (field in plane) and α = D e B (field
 * normal to the film), both converted from joule to meV. Tc is found in t = Tc/Tc0 by Brent's method;
 * Tc = 0 for α >= α_c = (π/2) e^{-γ} kTc0 = Δ0/2. */
#include <math.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

double sfhet_ag_alpha_c(double Tc0) { return 0.5 * thermo_bcs_ratio() * SFHET_KB_MEV * Tc0; }

typedef struct {
  double rho; /* α/(2π kTc0) */
} ag_ctx;

/* ψ(½ + ρ/t) − ψ(½) + ln t: positive at t = 1, negative as t → 0 when α < α_c. */
static double ag_eq(double t, void *p) {
  const ag_ctx *c = p;
  return thermo_psi_shift(c->rho / t) + log(t);
}

static int check_tc0(double Tc0) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  return SFHET_OK;
}

int sfhet_ag_tc(double Tc0, double alpha, double *Tc) {
  SFHET_TRY(check_tc0(Tc0));
  if (!(alpha >= 0) || !isfinite(alpha))
    SFHET_ERROR(SFHET_EINVAL, "--alpha: must be finite and >= 0, got %g meV", alpha);
  double ac = sfhet_ag_alpha_c(Tc0);
  if (alpha == 0) return *Tc = Tc0, SFHET_OK;
  if (alpha >= ac) return *Tc = 0, SFHET_OK;
  ag_ctx c = {alpha / (2.0 * M_PI * SFHET_KB_MEV * Tc0)};
  double lo = 1e-3;
  while (lo > 1e-9 && ag_eq(lo, &c) >= 0) lo *= 1e-2;
  if (ag_eq(lo, &c) >= 0) { /* within ~1e-16 of α_c: t = ρ sqrt(24 ln(α_c/α)) from ψ(½+z) ≈ ln z + 1/24z² */
    *Tc = Tc0 * c.rho * sqrt(24.0 * log(ac / alpha));
    return SFHET_OK;
  }
  double t;
  SFHET_TRY(thermo_root(ag_eq, &c, lo, 1.0, 1e-14, 0.0, &t));
  *Tc = t * Tc0;
  return SFHET_OK;
}

typedef struct {
  double target; /* ln(Tc0/T) */
} inv_ctx;

static double ag_inv_eq(double z, void *p) {
  const inv_ctx *c = p;
  return thermo_psi_shift(z) - c->target;
}

int sfhet_ag_alpha_at(double Tc0, double T, double *alpha) {
  SFHET_TRY(check_tc0(Tc0));
  if (!(T > 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "T must be > 0, got %g K", T);
  if (T >= Tc0) return *alpha = 0, SFHET_OK;
  inv_ctx c = {log(Tc0 / T)};
  double z, hi = 2.0 * Tc0 / T + 10.0;
  SFHET_TRY(thermo_root(ag_inv_eq, &c, 0.0, hi, 1e-14, 0.0, &z));
  *alpha = 2.0 * M_PI * SFHET_KB_MEV * T * z;
  return SFHET_OK;
}

double sfhet_orbital_alpha(double B, double D, double d_nm, sfhet_field_orient o) {
  double e = SFHET_E_CHARGE, joule;
  if (o == SFHET_FIELD_PERPENDICULAR) {
    joule = D * e * fabs(B);
  } else {
    double d = d_nm * 1e-9;
    joule = D * e * e * B * B * d * d / (6.0 * SFHET_HBAR);
  }
  return joule / SFHET_MEV_J;
}

double sfhet_orbital_field(double alpha, double D, double d_nm, sfhet_field_orient o) {
  double unit = sfhet_orbital_alpha(1.0, D, d_nm, o); /* α at 1 T */
  return o == SFHET_FIELD_PERPENDICULAR ? alpha / unit : sqrt(alpha / unit);
}

int sfhet_orbital_tc(double Tc0, double B, double D, double d_nm, sfhet_field_orient o, double *Tc) {
  if (!(D > 0) || !isfinite(D)) SFHET_ERROR(SFHET_EINVAL, "--D: must be > 0, got %g m^2/s", D);
  if (o == SFHET_FIELD_PARALLEL && (!(d_nm > 0) || !isfinite(d_nm)))
    SFHET_ERROR(SFHET_EINVAL, "--thickness: must be > 0, got %g nm", d_nm);
  if (!isfinite(B)) SFHET_ERROR(SFHET_EINVAL, "--B: must be finite");
  return sfhet_ag_tc(Tc0, sfhet_orbital_alpha(B, D, d_nm, o), Tc);
}
