/* Spin (quasiparticle) lifetime from the Dynes broadening under in-plane saturation, Gs, and at zero
 * field, G0 (seed 000, main text and Methods). The added scattering rate is Gs - G0 when the two
 * broadenings are Lorentzian widths of independent processes (they add linearly), or sqrt(Gs^2 - G0^2)
 * when G0 is an inhomogeneous (Gaussian-like) width that combines in quadrature. */
#include <math.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

int sfhet_spin_combine_parse(const char *name, sfhet_spin_combine *c) {
  if (name && strcmp(name, "linear") == 0) *c = SFHET_COMBINE_LINEAR;
  else if (name && strcmp(name, "quadrature") == 0) *c = SFHET_COMBINE_QUADRATURE;
  else SFHET_ERROR(SFHET_EINVAL, "--combine: '%s' is not linear or quadrature", name ? name : "");
  return SFHET_OK;
}

const char *sfhet_spin_combine_name(sfhet_spin_combine c) {
  return c == SFHET_COMBINE_LINEAR ? "linear" : "quadrature";
}

int sfhet_spin_rate(double gs, double gs_err, double g0, double g0_err, sfhet_spin_combine c,
                    sfhet_spin_rate_result *r) {
  if (!(gs > 0) || !(g0 >= 0) || !isfinite(gs) || !isfinite(g0))
    SFHET_ERROR(SFHET_EINVAL, "--gamma-s and --gamma-0 must be positive and finite (got %g and %g meV)",
                gs, g0);
  if (!(gs_err >= 0) || !(g0_err >= 0) || !isfinite(gs_err) || !isfinite(g0_err))
    SFHET_ERROR(SFHET_EINVAL, "--gamma-s-err/--gamma-0-err must be finite and >= 0 (got %g and %g meV)",
                gs_err, g0_err);
  if (!(gs > g0))
    SFHET_ERROR(SFHET_EDATA, "--gamma-s (%g meV) must exceed --gamma-0 (%g meV) for a finite lifetime",
                gs, g0);
  double rate, err;
  if (c == SFHET_COMBINE_LINEAR) {
    rate = gs - g0;
    err = hypot(gs_err, g0_err);
  } else {
    rate = sqrt((gs - g0) * (gs + g0));
    err = hypot(gs / rate * gs_err, g0 / rate * g0_err);
  }
  r->rate = rate, r->rate_err = err;
  r->tau = SFHET_HBAR_MEV_S / rate;
  r->tau_err = r->tau * (err / rate);
  if (!isfinite(r->rate_err) || !isfinite(r->tau) || !isfinite(r->tau_err))
    SFHET_ERROR(SFHET_ERANGE, "--gamma-s-err/--gamma-0-err: the propagated error overflows (rate %g meV, "
                              "errors %g and %g meV)", rate, gs_err, g0_err);
  return SFHET_OK;
}
