/* Weak-coupling BCS gap from the Matsubara form of the gap equation (seed 000 "BCS Δ(T)"):
 *   ln(Tc/T) = 2π kT Σ_{n>=0} [1/ω_n − 1/sqrt(ω_n² + Δ²)],  ω_n = π kT (2n+1).
 * In units of kT (x_n = π(2n+1), u = (Δ/kT)²) each term is u/(x r (r + x)), r = sqrt(x² + u), which has
 * no cancellation; the sum runs to N = 32 + 4 sqrt(u) terms and the rest is the midpoint Euler–Maclaurin
 * tail (integral plus f'/24). The root is found in u = Δ², so the accuracy holds as Δ → 0 near Tc. */
#include <math.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

/* 2π Σ_n f(x_n) for u = (Δ/kT)². */
static double matsubara_sum(double u) {
  size_t N = 32 + (size_t)(4.0 * sqrt(u));
  double s = 0.0;
  for (size_t n = N; n-- > 0;) { /* smallest terms first */
    double x = M_PI * (double)(2 * n + 1), r = sqrt(x * x + u);
    s += u / (x * r * (r + x));
  }
  double x0 = 2.0 * M_PI * (double)N, r0 = sqrt(x0 * x0 + u);
  double integral = log1p(u / (2.0 * x0 * (r0 + x0))) / (2.0 * M_PI);
  double dfdx = -u * (r0 * r0 + r0 * x0 + x0 * x0) / ((r0 + x0) * x0 * x0 * r0 * r0 * r0);
  double tail = integral + 2.0 * M_PI * dfdx / 24.0;
  return 2.0 * M_PI * (s + tail);
}

typedef struct {
  double lnt; /* ln(Tc/T) */
} gap_ctx;

static double gap_eq(double u, void *p) {
  const gap_ctx *c = p;
  return matsubara_sum(u) - c->lnt;
}

/* y = Δ/kTc at t = T/Tc, given lnt = ln(Tc/T) computed by the caller as accurately as it can. */
static int gap_reduced(double t, double lnt, double *y) {
  const double y0 = thermo_bcs_ratio();
  if (t >= 1.0 || lnt <= 0) return *y = 0.0, SFHET_OK;
  if (t < 0.02) { /* Δ = Δ0 [1 − sqrt(2π kT/Δ0) e^{-Δ0/kT}]: the correction is below 1e-30 here */
    *y = t > 0 ? y0 * (1.0 - sqrt(2.0 * M_PI * t / y0) * exp(-y0 / t)) : y0;
    return SFHET_OK;
  }
  gap_ctx c = {lnt};
  double hi = (1.01 * y0 / t) * (1.01 * y0 / t), u;
  SFHET_TRY(thermo_root(gap_eq, &c, 0.0, hi, 4e-15, 0.0, &u));
  *y = sqrt(u) * t; /* Δ/(kTc) = (Δ/kT)(T/Tc) */
  return SFHET_OK;
}

int sfhet_bcs_gap_reduced(double t, double *y) {
  if (!(t >= 0) || !isfinite(t)) SFHET_ERROR(SFHET_EINVAL, "T/Tc must be finite and >= 0, got %g", t);
  return gap_reduced(t, t > 0 ? -log(t) : INFINITY, y);
}

int sfhet_bcs_gap(double T, double Tc, double delta0, double *delta) {
  if (!(Tc > 0) || !isfinite(Tc)) SFHET_ERROR(SFHET_EINVAL, "--Tc: must be > 0, got %g K", Tc);
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be >= 0, got %g K", T);
  double y;
  /* ln(Tc/T) = log1p((Tc − T)/T): Tc − T is exact near Tc, so Δ keeps its accuracy as T → Tc */
  SFHET_TRY(gap_reduced(T / Tc, T > 0 ? log1p((Tc - T) / T) : INFINITY, &y));
  double scale = delta0 > 0 ? delta0 / thermo_bcs_ratio() : SFHET_KB_MEV * Tc;
  *delta = y * scale;
  return SFHET_OK;
}
