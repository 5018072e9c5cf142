/* Per-k quantities of the 4x4 BdG Hamiltonian (seed 003 eq. C1) with ξ↑ = ε + β, ξ↓ = ε − β, s-wave Δ
 * and exchange field J = (J_x, 0, J_z) (φ = 0 by the spin-rotation symmetry about z). Its
 * characteristic polynomial is E⁴ − 2S E² − 8εβJ_z E + S² − 4Q with S = ε² + β² + Δ² + J² and
 * Q = ε²β² + β²J_z² + (Δ² + ε²)J²: closed forms for J ∥ z (blocks J_z ± sqrt(ξ↑² + Δ²),
 * −J_z ± sqrt(ξ↓² + Δ²)) and J ⊥ z (E² = S ± 2 sqrt(Q)); Ferrari's quartic solution otherwise. */
#include <gsl/gsl_poly.h>
#include <math.h>

#include "lattice/ising_internal.h"

/* tanh without the call where it is +-1 in double precision (|x| > 19.06). */
static double tanh_fast(double x) { return x > 19.1 ? 1.0 : x < -19.1 ? -1.0 : tanh(x); }

/* sqrt(x² + y²) for the bounded band energies here (hypot's overflow care is not needed). */
static double norm2(double x, double y) { return sqrt(x * x + y * y); }

/* sech²(x), 0 where cosh would overflow. */
static double sech2(double x) {
  if (fabs(x) > 350) return 0.0;
  double c = cosh(x);
  return 1.0 / (c * c);
}

/* tanh(x/2T) (sign(x) at T = 0). */
static double th(double x, double T) {
  if (T <= 0) return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
  return tanh_fast(0.5 * x / T);
}

/* Divided difference of th between x1 and x2 (its derivative when they coincide). */
static double dd_th(double x1, double x2, double T) {
  double dx = x1 - x2;
  if (T <= 0) return dx != 0 ? (th(x1, 0) - th(x2, 0)) / dx : 0.0;
  double u = 0.5 * dx / T;
  if (fabs(u) < 1e-3) {
    return 0.5 / T * (1 + u * u / 6) * sqrt(sech2(0.5 * x1 / T) * sech2(0.5 * x2 / T));
  }
  return (th(x1, T) - th(x2, T)) / dx;
}

/* t(E) = tanh(E/2T)/E (1/|E| at T = 0) and its derivative. */
static double tfun(double E, double T) {
  if (T <= 0) return 1.0 / fabs(E);
  double x = 0.5 * E / T;
  if (fabs(x) < 1e-4) return 0.5 / T * (1 - x * x / 3);
  return tanh_fast(x) / E;
}

static double tder(double E, double T) {
  if (T <= 0) return -1.0 / (E * fabs(E));
  double x = 0.5 * E / T;
  if (fabs(x) < 1e-3) return 0.25 / (T * T) * (-2 * x / 3 + 8 * x * x * x / 15);
  return (0.5 / T * sech2(x) - tanh_fast(x) / E) / E;
}

/* Divided difference of t(sqrt(y)) between y1 = E1² and y2 = E2². */
static double dd_tsq(double E1, double E2, double T) {
  double y1 = E1 * E1, y2 = E2 * E2, dy = y1 - y2;
  if (fabs(dy) > 1e-6 * (y1 + y2)) return (tfun(E1, T) - tfun(E2, T)) / dy;
  double Em = sqrt(0.5 * (y1 + y2));
  return tder(Em, T) / (2 * Em);
}

/* (T/2) ln(2 cosh(E/2T)): minus the free energy of one BdG level (|E|/4 at T = 0). */
static double lc(double E, double T) {
  double a = fabs(E);
  if (T <= 0 || a > 50 * T) return 0.25 * a; /* the thermal term is below 1e-21 of it there */
  return 0.25 * a + 0.5 * T * log1p(exp(-a / T));
}

/* E±² = S ± 2 sqrt(Q) for J ⊥ z, with E+² − E−² = 4 sqrt(Q). */
static void inplane(double e, double b, double d, double j, double *Ep, double *Em, double *sq) {
  double S = e * e + b * b + d * d + j * j, Q = b * b * e * e + j * j * (d * d + e * e);
  double r = sqrt(Q), lo = S - 2 * r;
  *sq = r;
  *Ep = sqrt(S + 2 * r);
  *Em = sqrt(lo > 0 ? lo : 0);
}

/* Ferrari: roots of E⁴ + pE² + qE + r with p = −2S, via the largest root m of
 * m³ − 2S m² + 4Q m − q²/8 = 0; (E² − S + m)² = 2m (E − q/4m)². */
/* Largest root of the resolvent: Newton from m0 = S + sqrt(S² − 4Q) (the root for q = 0, where the
 * cubic is increasing and convex), GSL's closed form when that start is near a double root. */
static double resolvent(double S, double Q, double q) {
  double disc = S * S - 4 * Q, m = S + sqrt(disc > 0 ? disc : 0), q8 = q * q / 8;
  double fp0 = (3 * m - 4 * S) * m + 4 * Q;
  if (fp0 < 1e-6 * m * m) {
    double m0, m1, m2;
    int n = gsl_poly_solve_cubic(-2 * S, 4 * Q, -q8, &m0, &m1, &m2);
    m = n == 3 ? m2 : m0;
  }
  for (int it = 0; it < 60; it++) {
    double f = ((m - 2 * S) * m + 4 * Q) * m - q8, fp = (3 * m - 4 * S) * m + 4 * Q;
    if (!(fp > 0)) break;
    /* f at its rounding floor: further steps are noise */
    if (fabs(f) <= 1e-15 * (((m + 2 * S) * m + 4 * Q) * m + q8)) break;
    double step = f / fp;
    m -= step;
    if (fabs(step) <= 1e-15 * m) break;
  }
  return m;
}

static void quartic(double S, double Q, double q, double E[4]) {
  double m = resolvent(S, Q, q);
  if (m < 1e-300) m = 1e-300;
  double s2 = sqrt(2 * m), c = s2 * q / (4 * m);
  double d1 = 2 * m - 4 * (m - S + c), d2 = 2 * m - 4 * (m - S - c);
  d1 = sqrt(d1 > 0 ? d1 : 0), d2 = sqrt(d2 > 0 ? d2 : 0);
  E[0] = 0.5 * (s2 - d1), E[1] = 0.5 * (s2 + d1);
  E[2] = 0.5 * (-s2 - d2), E[3] = 0.5 * (-s2 + d2);
}

static void sort4(double E[4]) {
  for (int i = 1; i < 4; i++)
    for (int j = i; j > 0 && E[j] < E[j - 1]; j--) {
      double t = E[j];
      E[j] = E[j - 1], E[j - 1] = t;
    }
}

void ising_bdg_eig(double e, double b, double d, double jz, double jx, double E[4]) {
  if (jx == 0) {
    double Au = norm2(e + b, d), Ad = norm2(e - b, d);
    E[0] = jz - Au, E[1] = jz + Au, E[2] = -jz - Ad, E[3] = -jz + Ad;
  } else if (jz == 0) {
    double Ep, Em, r;
    inplane(e, b, d, jx, &Ep, &Em, &r);
    E[0] = -Ep, E[1] = -Em, E[2] = Em, E[3] = Ep;
  } else if (d == 0) {
    double rp = norm2(b + jz, jx), rh = norm2(b - jz, jx);
    E[0] = e - rp, E[1] = e + rp, E[2] = -e - rh, E[3] = -e + rh;
  } else {
    double J2 = jz * jz + jx * jx;
    double S = e * e + b * b + d * d + J2;
    double Q = e * e * b * b + b * b * jz * jz + (d * d + e * e) * J2;
    quartic(S, Q, -8 * b * e * jz, E);
  }
  sort4(E);
}

double ising_k_inv_g(double e, double b, const void *par) {
  const ising_kpar *p = par;
  return 0.25 * (1 / norm2(e + b, p->delta0) + 1 / norm2(e - b, p->delta0));
}

/* h(E) = th(E) (S − 2J² − E²) and its derivative, for the general-angle kernel. */
static double hfun(double E, double T, double c) { return th(E, T) * (c - E * E); }

static double hder(double E, double T, double c) {
  double dth = T > 0 ? 0.5 / T * sech2(0.5 * E / T) : 0.0;
  return dth * (c - E * E) - 2 * E * th(E, T);
}

/* Third divided difference h[E0..E3] (sorted roots; coincident neighbours use derivatives). */
static double dd3(const double E[4], double T, double c) {
  double f[4], f1[3], f2[2];
  for (int i = 0; i < 4; i++) f[i] = hfun(E[i], T, c);
  double tol = 1e-7 * (fabs(E[0]) + fabs(E[3]));
  for (int i = 0; i < 3; i++) {
    double dx = E[i + 1] - E[i];
    f1[i] = dx > tol ? (f[i + 1] - f[i]) / dx : hder(0.5 * (E[i] + E[i + 1]), T, c);
  }
  for (int i = 0; i < 2; i++) {
    double dx = E[i + 2] - E[i];
    f2[i] = dx > tol ? (f1[i + 1] - f1[i]) / dx : 0.0;
  }
  double dx = E[3] - E[0];
  return dx > tol ? (f2[1] - f2[0]) / dx : 0.0;
}

double ising_k_kernel(double e, double b, const void *par) {
  const ising_kpar *p = par;
  double T = p->T, d = p->delta, jz = p->jz, jx = p->jx;
  if (jx == 0) {
    double Au = norm2(e + b, d), Ad = norm2(e - b, d);
    return 0.25 * (dd_th(jz + Au, jz - Au, T) + dd_th(-jz + Ad, -jz - Ad, T));
  }
  if (jz == 0) {
    double Ep, Em, r;
    inplane(e, b, d, jx, &Ep, &Em, &r);
    return 0.25 * (tfun(Ep, T) + tfun(Em, T)) + jx * jx * dd_tsq(Ep, Em, T);
  }
  double E[4], J2 = jz * jz + jx * jx;
  ising_bdg_eig(e, b, d, jz, jx, E);
  return -0.5 * dd3(E, T, e * e + b * b + d * d - J2);
}

double ising_k_gapfn(double e, double b, const void *par) {
  return ising_k_inv_g(e, b, par) - ising_k_kernel(e, b, par);
}

static double levels(double e, double b, double d, double jz, double jx, double T) {
  if (jx == 0) {
    double Au = norm2(e + b, d), Ad = norm2(e - b, d);
    return lc(jz + Au, T) + lc(jz - Au, T) + lc(jz + Ad, T) + lc(jz - Ad, T);
  }
  if (jz == 0) {
    double Ep, Em, r;
    inplane(e, b, d, jx, &Ep, &Em, &r);
    return 2 * (lc(Ep, T) + lc(Em, T));
  }
  double E[4];
  ising_bdg_eig(e, b, d, jz, jx, E);
  return lc(E[0], T) + lc(E[1], T) + lc(E[2], T) + lc(E[3], T);
}

double ising_k_fsn(double e, double b, const void *par) {
  const ising_kpar *p = par;
  double d = p->delta, T = p->T;
  double ref = 2 * (lc(e + b, T) + lc(e - b, T));
  return d * d * ising_k_inv_g(e, b, par) - levels(e, b, d, p->jz, p->jx, T) + ref;
}

double ising_k_fn(double e, double b, const void *par) {
  const ising_kpar *p = par;
  double T = p->T;
  return 2 * (lc(e + b, T) + lc(e - b, T)) - levels(e, b, 0, p->jz, p->jx, T);
}

double ising_k_chi_perp(double e, double b, const void *par) {
  const ising_kpar *p = par;
  double T = p->T, Au = norm2(e + b, p->delta), Ad = norm2(e - b, p->delta);
  return 0.25 / T * (sech2(0.5 * Au / T) + sech2(0.5 * Ad / T));
}

double ising_k_chi_par(double e, double b, const void *par) {
  const ising_kpar *p = par;
  double T = p->T, d = p->delta, ae = fabs(e), ab = fabs(b);
  double Ep = norm2(ae + ab, d), Em = norm2(ae - ab, d);
  return 0.5 * (tfun(Ep, T) + tfun(Em, T)) + 2 * (d * d + e * e) * dd_tsq(Ep, Em, T);
}
