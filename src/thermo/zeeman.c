/* Second-order (normal-state instability) line of a superconductor with Zeeman splitting ±h
 * (Sarma; Maki & Tsuneto, Prog. Theor. Phys. 31, 945 (1964)):
 *   ln(Tc0/T) = Re ψ(½ + i h/2πkT) − ψ(½),
 * and the tricritical point where the quartic Ginzburg–Landau coefficient on this line,
 * ∝ −Re ψ''(½ + i h/2πkT), changes sign. Below T* the line is reentrant in T; sfhet_zeeman_tc returns
 * the highest root, which lies between the line's field maximum and Tc0. */
#include <complex.h>
#include <math.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

typedef struct {
  double target; /* ln(Tc0/T) */
} h2_ctx;

static double h2_eq(double y, void *p) {
  const h2_ctx *c = p;
  return thermo_repsi_shift(y) - c->target;
}

/* y = h/(2π kT) on the line at t = T/Tc0. */
static int line_y(double t, double *y) {
  h2_ctx c = {-log(t)};
  return thermo_root(h2_eq, &c, 0.0, 2.0 / t + 10.0, 1e-14, 0.0, y);
}

int sfhet_zeeman_h2(double Tc0, double T, double *h) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "T must be >= 0, got %g K", T);
  if (T >= Tc0) return *h = 0, SFHET_OK;
  if (T == 0) return *h = sfhet_ag_alpha_c(Tc0), SFHET_OK; /* Δ0/2, same limit as AG */
  double y;
  SFHET_TRY(line_y(T / Tc0, &y));
  *h = 2.0 * M_PI * SFHET_KB_MEV * T * y;
  return SFHET_OK;
}

/* Maximum of the line (universal): t_m = T/Tc0 and h_m/kTc0, from mpmath (d h2/dt = 0, 30 digits;
 * tests/test_thermo.c checks them against this file's own h2). */
#define ZEEMAN_TMAX 0.478484865594607
#define ZEEMAN_HMAX 1.08546231299725

typedef struct {
  double yh; /* h/(2π kTc0) */
} tc_ctx;

static double tc_eq(double t, void *p) {
  const tc_ctx *c = p;
  return -log(t) - thermo_repsi_shift(c->yh / t);
}

int sfhet_zeeman_tc(double Tc0, double h, double *Tc) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  if (!isfinite(h)) SFHET_ERROR(SFHET_EINVAL, "--zeeman: must be finite");
  h = fabs(h);
  if (h == 0) return *Tc = Tc0, SFHET_OK;
  double k = SFHET_KB_MEV * Tc0;
  tc_ctx c = {h / (2.0 * M_PI * k)};
  /* above the maximum (the line is flat there: rounding of t_m changes h_m by ~1e-28) no instability */
  if (h > ZEEMAN_HMAX * k * (1 + 1e-12) || tc_eq(ZEEMAN_TMAX, &c) < 0) return *Tc = 0, SFHET_OK;
  double t;
  SFHET_TRY(thermo_root(tc_eq, &c, ZEEMAN_TMAX, 1.0, 1e-14, 0.0, &t));
  *Tc = t * Tc0;
  return SFHET_OK;
}

/* Σ_{n>=0} Re (n + ½ + i y)^{-3} = −Re ψ''(½ + i y)/2, with a midpoint Euler–Maclaurin tail. */
static double repsi2_half(double y, void *p) {
  (void)p;
  const int N = 400;
  double s = 0.0;
  for (int n = N - 1; n >= 0; n--) s += creal(cpow(n + 0.5 + I * y, -3));
  double complex z = N + I * y;
  return s + creal(0.5 / (z * z)) + creal(-3.0 / (z * z * z * z)) / 24.0;
}

int sfhet_pauli_tricritical(double Tc0, double *Tstar, double *hstar) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  double y;
  SFHET_TRY(thermo_root(repsi2_half, NULL, 0.05, 2.0, 1e-14, 0.0, &y));
  double t = exp(-thermo_repsi_shift(y));
  *Tstar = t * Tc0;
  *hstar = 2.0 * M_PI * SFHET_KB_MEV * *Tstar * y;
  return SFHET_OK;
}
