/* Robust losses of the least-squares engine, with scipy.optimize.least_squares's definitions: the cost of
 * a residual r is C(r) = 1/2 f_s^2 rho(z), z = (r / f_s)^2. The engine minimises sum C through the
 * transformed residuals f~ = sign(r) f_s sqrt(rho(z)), so that 1/2 f~^2 = C exactly. */
#include <math.h>
#include <string.h>

#include "fit/lsq_int.h"
#include "sfhet/error.h"

/* rho(z) and its first two derivatives. */
static void rho3(sfhet_lsq_loss loss, double z, double *r0, double *r1, double *r2) {
  switch (loss) {
    case SFHET_LOSS_SOFT_L1: {
      double t = 1.0 + z;
      *r0 = 2.0 * (sqrt(t) - 1.0), *r1 = 1.0 / sqrt(t), *r2 = -0.5 / (t * sqrt(t));
      return;
    }
    case SFHET_LOSS_HUBER:
      if (z <= 1.0) {
        *r0 = z, *r1 = 1.0, *r2 = 0.0;
      } else {
        double q = sqrt(z);
        *r0 = 2.0 * q - 1.0, *r1 = 1.0 / q, *r2 = -0.5 / (z * q);
      }
      return;
    case SFHET_LOSS_CAUCHY:
      *r0 = log1p(z), *r1 = 1.0 / (1.0 + z), *r2 = -1.0 / ((1.0 + z) * (1.0 + z));
      return;
    default:
      *r0 = z, *r1 = 1.0, *r2 = 0.0;
  }
}

double lsq_loss_residual(sfhet_lsq_loss loss, double fs, double r, double *w) {
  if (loss == SFHET_LOSS_LINEAR) {
    *w = 1.0;
    return r;
  }
  double z = (r / fs) * (r / fs), r0, r1, r2;
  rho3(loss, z, &r0, &r1, &r2);
  if (z < 1e-12) { /* rho(z) = z + O(z^2): f~ = r, w = rho'(0) = 1 */
    *w = 1.0;
    return r;
  }
  double ft = copysign(fs * sqrt(r0), r);
  *w = r1 * r / ft; /* d f~/dr = psi / f~ */
  return ft;
}

double lsq_loss_psi(sfhet_lsq_loss loss, double fs, double r) {
  double z = (r / fs) * (r / fs), r0, r1, r2;
  rho3(loss, z, &r0, &r1, &r2);
  return r1 * r;
}

double lsq_loss_curvature_raw(sfhet_lsq_loss loss, double fs, double r) {
  double z = (r / fs) * (r / fs), r0, r1, r2;
  rho3(loss, z, &r0, &r1, &r2);
  return r1 + 2.0 * z * r2;
}

double lsq_loss_curvature(sfhet_lsq_loss loss, double fs, double r) {
  return fmax(lsq_loss_curvature_raw(loss, fs, r), 1e-10);
}

int sfhet_lsq_loss_parse(const char *name, sfhet_lsq_loss *loss, const char *what) {
  static const char *const names[] = {"linear", "soft_l1", "huber", "cauchy"};
  for (int k = 0; k < 4; k++)
    if (name && strcmp(name, names[k]) == 0) {
      *loss = (sfhet_lsq_loss)k;
      return SFHET_OK;
    }
  SFHET_ERROR(SFHET_EINVAL, "%s: unknown loss '%s' (linear, soft_l1, huber, cauchy)", what,
              name ? name : "");
}
