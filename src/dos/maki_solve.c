/* Newton iteration for the Maki–Fulde equations with continuation in Im E as the safe fallback. */
#include "dos/maki_solve.h"

#include <math.h>

/* Retarded root S(u) = sqrt(u² − 1) ≈ u at large |u|, cut only on the real segment [−1, 1]. */
static double complex root(double complex u) { return csqrt(u - 1.0) * csqrt(u + 1.0); }

/* Residual F and Jacobian of the two equations at complex energy z (in units of Δ), written with
 * 1/sqrt(1 − u²) = i/S(u) (the retarded branch). */
static void residual(const maki_params_t *p, double complex z, const double complex *u, double complex *F,
                     double complex J[2][2]) {
  double hd = p->h / p->delta, b = p->bso, ze = p->zeta;
  double complex S[2], S3[2];
  for (int k = 0; k < 2; k++) {
    S[k] = root(u[k]);
    S3[k] = S[k] * S[k] * S[k];
  }
  for (int k = 0; k < 2; k++) {
    int o = 1 - k;
    double complex a = z - (k == 0 ? hd : -hd);
    F[k] = u[k] - a - I * ze * u[k] / S[k] - I * b * (u[o] - u[k]) / S[o];
    J[k][k] = 1.0 + I * ze / S3[k] + I * b / S[o];
    J[k][o] = -I * b * (1.0 / S[o] - (u[o] - u[k]) * u[o] / S3[o]);
  }
}

/* Newton from u (in place); 0 when converged. */
static int newton(const maki_params_t *p, double complex z, double complex *u, int maxit) {
  for (int it = 0; it < maxit; it++) {
    double complex F[2], J[2][2];
    residual(p, z, u, F, J);
    double complex det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
    if (!(cabs(det) > 0.0) || !isfinite(cabs(det))) return 1;
    double complex d0 = (F[0] * J[1][1] - F[1] * J[0][1]) / det;
    double complex d1 = (J[0][0] * F[1] - J[1][0] * F[0]) / det;
    u[0] -= d0;
    u[1] -= d1;
    double sc = 1.0 + cabs(u[0]) + cabs(u[1]);
    if (!isfinite(sc)) return 1;
    if (cabs(d0) + cabs(d1) <= 1e-14 * sc) return 0;
  }
  return 1;
}

/* Continuation in y = Im z from far above the real axis down to Γ/Δ. */
static int from_above(const maki_params_t *p, double x, double complex *u) {
  double y_end = p->gamma / p->delta, y = y_end + 10.0 + 2.0 * fabs(x) + 2.0 * fabs(p->h / p->delta) + 2.0 * p->zeta + 2.0 * p->bso;
  double hd = p->h / p->delta;
  u[0] = (x - hd) + I * y;
  u[1] = (x + hd) + I * y;
  if (newton(p, x + I * y, u, 50)) return 1;
  if (y_end <= 0.0) y_end = 1e-13;
  double step = 0.5;                          /* geometric factor on (y - y_end) */
  for (int guard = 0; guard < 20000 && y > y_end; guard++) {
    double yn = y_end + (y - y_end) * step;
    if (yn - y_end < 1e-12 * (1.0 + fabs(x))) yn = y_end;
    double complex t[2] = {u[0], u[1]};
    if (newton(p, x + I * yn, t, 30) == 0) {
      u[0] = t[0];
      u[1] = t[1];
      y = yn;
      step = fmax(0.1, step * 0.7);
    } else {
      step = 1.0 - 0.5 * (1.0 - step);        /* smaller move */
      if (step > 0.999999) return 1;
    }
  }
  return y > y_end;
}

int maki_solve(const maki_params_t *p, double E, const double complex *guess, double complex *u) {
  double x = E / p->delta;
  double complex z = x + I * (p->gamma / p->delta > 0 ? p->gamma / p->delta : 1e-13);
  if (guess) {
    u[0] = guess[0];
    u[1] = guess[1];
    if (newton(p, z, u, 12) == 0) return 0;
  }
  return from_above(p, x, u);
}

double maki_dos(double complex u) { return 0.5 * creal(u / root(u)); }
