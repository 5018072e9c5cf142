/* In-plane upper critical field of an Ising superconductor with spin-orbit field λ (spin levels ±λ,
 * out of plane) and in-plane Zeeman energy h = μB B (g = 2: levels ±h), clean limit, as specified in
 * issue 5 (the form used for Ising superconductors, e.g. Ilić, Meyer, Houzet, PRL 119, 117001 (2017)):
 *   ln(T/Tc0) + h²/(h²+λ²) [Re ψ(½ + i sqrt(h²+λ²)/2πkT) − ψ(½)] = 0.
 * For λ = 0 it is the Zeeman second-order line. Solved for h at given T (left side increasing in h). */
#include <math.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

typedef struct {
  double lnt, lambda, twopikT;
} ising_ctx;

static double ising_eq(double h, void *p) {
  const ising_ctx *c = p;
  double s = h * h + c->lambda * c->lambda;
  if (s == 0) return c->lnt;
  return c->lnt + (h * h / s) * thermo_repsi_shift(sqrt(s) / c->twopikT);
}

int sfhet_ising_hc2(double Tc0, double lambda, double T, double *h) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  if (!(lambda >= 0) || !isfinite(lambda))
    SFHET_ERROR(SFHET_EINVAL, "--ising-lambda: must be >= 0, got %g meV", lambda);
  if (!(T > 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be > 0, got %g K", T);
  if (T >= Tc0) return *h = 0, SFHET_OK;
  ising_ctx c = {log(T / Tc0), lambda, 2.0 * M_PI * SFHET_KB_MEV * T};
  double hi = fmax(lambda, SFHET_KB_MEV * Tc0);
  for (int k = 0; k < 200 && ising_eq(hi, &c) < 0; k++) hi *= 2.0;
  return thermo_root(ising_eq, &c, 0.0, hi, 1e-13, 0.0, h);
}
