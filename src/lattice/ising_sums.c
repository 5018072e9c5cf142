/* BZ sums of the gap equation in one pass over the mesh. At J = 0 each spin-split band contributes
 * t(A) = tanh(A/2T)/A with A = sqrt(ξ² + Δ²): one tanh per band and node gives the gap function
 * R(Δ) = <k0 − ¼ Σσ t(Aσ)>, its derivative dR/d(Δ²) = −<¼ Σσ t'(Aσ)/(2Aσ)> (t' from the same tanh,
 * sech² = 1 − tanh²) for Newton's method, and the linearised R(T) with dR/dT. tanh is 1 to double
 * precision for arguments above 19.1, where the call is skipped (most nodes at low T). */
#include <math.h>

#include "lattice/ising_gap.h"

#define TANH_ONE 19.1 /* tanh(x) == 1 in double precision for x > 19.06 */

static double tanh_pos(double x) { return x > TANH_ONE ? 1.0 : tanh(x); }

/* t(A) and t'(A)/(2A) at half inverse temperature hb = 1/(2kT) (kT > 0), A >= 0. */
static void t_and_slope(double A, double hb, double *t, double *s) {
  double x = A * hb;
  if (x < 1e-4) { /* series of tanh(x)/A and its derivative */
    *t = hb * (1 - x * x / 3);
    *s = hb * hb * hb * (-2.0 / 3 + 8.0 * x * x / 15) * 0.5;
    return;
  }
  double th = tanh_pos(x), tt = th / A;
  *t = tt;
  *s = ((1 - th * th) * hb - tt) / (2 * A * A);
}

void ising_sum_j0(const ising_mesh *mesh, double kT, double delta, double *R, double *dR, double *err) {
  double d2 = delta * delta, hb = kT > 0 ? 0.5 / kT : INFINITY, sum = 0, dsum = 0, es = 0;
  for (size_t i = 0; i < mesh->n; i += ISING_RULE_N) {
    double cell = 0;
    for (size_t j = i; j < i + ISING_RULE_N; j++) {
      double Au = sqrt(mesh->xu2[j] + d2), Ad = sqrt(mesh->xd2[j] + d2), tu, td, su, sd;
      if (kT > 0) {
        t_and_slope(Au, hb, &tu, &su);
        t_and_slope(Ad, hb, &td, &sd);
      } else {
        tu = 1 / Au, td = 1 / Ad, su = -0.5 / (Au * Au * Au), sd = -0.5 / (Ad * Ad * Ad);
      }
      double f = mesh->k0[j] - 0.25 * (tu + td);
      sum += mesh->w[j] * f;
      dsum -= mesh->w[j] * 0.25 * (su + sd);
      cell += mesh->wd[j] * f;
    }
    es += fabs(cell);
  }
  *R = sum;
  if (dR) *dR = dsum;
  if (err) *err = es;
}

/* tanh(ξ/2T)/ξ and its T-derivative −sech²(ξ/2T)/(2T²) at half inverse temperature hb. */
static void lin_term(double x2, double hb, double *t, double *dt) {
  double a = sqrt(x2), x = a * hb;
  if (x < 1e-4) {
    *t = hb * (1 - x * x / 3);
    *dt = -2 * hb * hb * (1 - x * x);
    return;
  }
  double th = tanh_pos(x);
  *t = th / a;
  *dt = -2 * hb * hb * (1 - th * th);
}

void ising_sum_lin(const ising_mesh *mesh, double kT, double *R, double *dR) {
  double hb = 0.5 / kT, sum = 0, dsum = 0;
  for (size_t j = 0; j < mesh->n; j++) {
    double tu, td, du, dd;
    lin_term(mesh->xu2[j], hb, &tu, &du);
    lin_term(mesh->xd2[j], hb, &td, &dd);
    sum += mesh->w[j] * (mesh->k0[j] - 0.25 * (tu + td));
    dsum -= mesh->w[j] * 0.25 * (du + dd);
  }
  *R = sum;
  *dR = dsum;
}

void ising_sum_gap(const ising_mesh *mesh, const ising_kpar *p, size_t nd, const double *delta,
                   double *R, double *err0) {
  ising_kpar q = *p;
  double es = 0;
  for (size_t k = 0; k < nd; k++) R[k] = 0;
  for (size_t i = 0; i < mesh->n; i += ISING_RULE_N) {
    double cell = 0;
    for (size_t j = i; j < i + ISING_RULE_N; j++)
      for (size_t k = 0; k < nd; k++) {
        q.delta = delta[k];
        double f = mesh->k0[j] - ising_k_kernel(mesh->e[j], mesh->b[j], &q);
        R[k] += mesh->w[j] * f;
        if (k == 0) cell += mesh->wd[j] * f;
      }
    es += fabs(cell);
  }
  if (err0) *err0 = es;
}
