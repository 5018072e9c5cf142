/* Julliere tunnelling magnetoresistance, TMR = (R_AP - R_P)/R_P = 2 P1 P2 / (1 - P1 P2)
 * (M. Julliere, Phys. Lett. A 54, 225 (1975); seed 001 ref. 36), and its inverse. */
#include <math.h>

#include "sfhet/error.h"
#include "sfhet/spin.h"

int sfhet_tmr_julliere(double P1, double P2, double *tmr) {
  if (!(fabs(P1) <= 1) || !(fabs(P2) <= 1))
    SFHET_ERROR(SFHET_ERANGE, "--P1/--P2: polarisations must lie in [-1, 1] (got %g, %g)", P1, P2);
  if (P1 * P2 >= 1.0)
    SFHET_ERROR(SFHET_ERANGE, "--P1/--P2: P1 P2 = 1 gives an infinite TMR");
  *tmr = 2.0 * P1 * P2 / (1.0 - P1 * P2);
  return SFHET_OK;
}

int sfhet_tmr_polarization(double tmr, double P1, double *P) {
  if (!isfinite(tmr) || tmr <= -1.0)
    SFHET_ERROR(SFHET_ERANGE, "--tmr: must be finite and > -1 (got %g)", tmr);
  if (isnan(P1)) {
    if (tmr < 0)
      SFHET_ERROR(SFHET_ERANGE, "--tmr: equal electrodes give TMR >= 0 (got %g); give --P1", tmr);
    *P = sqrt(tmr / (2.0 + tmr));
    return SFHET_OK;
  }
  if (!(fabs(P1) <= 1) || P1 == 0)
    SFHET_ERROR(SFHET_ERANGE, "--P1: must be in [-1, 1] and non-zero (got %g)", P1);
  double P2 = tmr / (P1 * (2.0 + tmr));
  if (fabs(P2) > 1.0)
    SFHET_ERROR(SFHET_ENOSOL, "--tmr: TMR %g needs |P2| = %g > 1 with P1 = %g", tmr, fabs(P2), P1);
  *P = P2;
  return SFHET_OK;
}
