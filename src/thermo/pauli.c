/* Pauli-limited thin film (uniform state, no FFLO): condensation free energy per N(0) with Zeeman
 * splitting ±h (Sarma, J. Phys. Chem. Solids 24, 1029 (1963); Maki & Tsuneto 1964), weak coupling:
 *   Ω/N0 = Δ²[ln(Δ/Δ0) − ½] + (π²(kT)²/3 + h²) − 2 kT Σ_{σ=±} ∫_0^∞ dξ ln(1 + e^{−(E+σh)/kT}),
 * E = sqrt(ξ² + Δ²), Δ0 = π e^{−γ} kTc0 (the second term is the same integral at Δ = 0, in closed form).
 * The critical field is the second-order line above the tricritical point T* and, below it, the field
 * where the superconducting minimum of Ω reaches zero (first order); at T = 0, h = Δ0/√2
 * (Clogston–Chandrasekhar). Quadrature: GSL QAG with a breakpoint at E = h. */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/thermo.h"
#include "thermo/troot.h"

#define PAULI_LIMIT 512

typedef struct {
  double Tc0, kT, h, delta0;
  gsl_integration_workspace *w;
  double delta; /* current gap while integrating */
  double dlast; /* gap at the last minimum found (warm start), 0 if none */
  int status;
} pauli_ctx;

static double softplus(double z) { return fmax(z, 0.0) + log1p(exp(-fabs(z))); }

static double integrand(double xi, void *p) {
  const pauli_ctx *c = p;
  double E = hypot(xi, c->delta);
  return c->kT * (softplus(-(E + c->h) / c->kT) + softplus(-(E - c->h) / c->kT));
}

/* ∫_0^∞ dξ kT Σσ ln(1 + e^{−(E+σh)/kT}) for T > 0. */
static double thermal_integral(pauli_ctx *c) {
  double d = c->delta, brk = c->h > d ? sqrt(c->h * c->h - d * d) : 0.0;
  double Eup = c->h + 40.0 * c->kT;
  if (Eup <= d) return 0.0; /* every term below kT e^{-40} */
  double up = sqrt(Eup * Eup - d * d), sum = 0.0, r, err;
  double eps = 1e-15 * c->delta0 * c->delta0;
  gsl_function F = {integrand, c};
  if (brk > 0) {
    if (gsl_integration_qag(&F, 0.0, brk, eps, 1e-12, PAULI_LIMIT, GSL_INTEG_GAUSS31, c->w, &r, &err))
      c->status = SFHET_ENOCONV;
    sum += r;
  }
  if (gsl_integration_qag(&F, brk, up, eps, 1e-12, PAULI_LIMIT, GSL_INTEG_GAUSS31, c->w, &r, &err))
    c->status = SFHET_ENOCONV;
  return sum + r;
}

/* Ω/N0 at gap d [meV]. */
static double omega(double d, pauli_ctx *c) {
  double h = c->h, cond = d > 0 ? d * d * (log(d / c->delta0) - 0.5) : 0.0;
  if (c->kT == 0) { /* T = 0: only E < h contributes, ∫_0^{ξh} (h − E) dξ in closed form */
    if (h <= d) return cond + h * h;
    double xh = sqrt(h * h - d * d);
    double J = d > 0 ? 0.5 * (h * xh - d * d * asinh(xh / d)) : 0.5 * h * h;
    return cond + h * h - 2.0 * J;
  }
  c->delta = d;
  return cond + M_PI * M_PI * c->kT * c->kT / 3.0 + h * h - 2.0 * thermal_integral(c);
}

static int ctx_init(pauli_ctx *c, double Tc0, double T, double h) {
  if (!(Tc0 > 0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0, got %g K", Tc0);
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "T must be >= 0, got %g K", T);
  if (!isfinite(h)) SFHET_ERROR(SFHET_EINVAL, "h must be finite");
  c->Tc0 = Tc0;
  c->kT = SFHET_KB_MEV * T;
  c->h = fabs(h);
  c->delta0 = thermo_bcs_ratio() * SFHET_KB_MEV * Tc0;
  c->status = SFHET_OK;
  c->dlast = 0.0;
  c->w = gsl_integration_workspace_alloc(PAULI_LIMIT);
  if (!c->w) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  return SFHET_OK;
}

int sfhet_pauli_free_energy(double Tc0, double T, double h, double delta, double *f) {
  pauli_ctx c;
  if (!(delta >= 0) || !isfinite(delta)) SFHET_ERROR(SFHET_EINVAL, "delta must be >= 0, got %g", delta);
  SFHET_TRY(ctx_init(&c, Tc0, T, h));
  *f = omega(delta, &c);
  gsl_integration_workspace_free(c.w);
  if (c.status) SFHET_ERROR(c.status, "free-energy quadrature did not converge at T = %g K", T);
  return SFHET_OK;
}

static double omega_fn(double d, void *p) { return omega(d, p); }

/* Brent refinement of a bracketed minimum (f(b) below f(a) and f(c)); updates c->dlast. */
static double refine(pauli_ctx *c, double a, double fa, double b, double fb, double cc, double fc) {
  gsl_function F = {omega_fn, c};
  gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  if (!m) return fb;
  gsl_min_fminimizer_set_with_values(m, &F, b, fb, a, fa, cc, fc);
  for (int it = 0; it < 100; it++) {
    if (gsl_min_fminimizer_iterate(m)) break;
    double lo = gsl_min_fminimizer_x_lower(m), hi = gsl_min_fminimizer_x_upper(m);
    if (gsl_min_test_interval(lo, hi, 0.0, 1e-9) == GSL_SUCCESS) break;
  }
  double best = fmin(fb, gsl_min_fminimizer_f_minimum(m));
  c->dlast = gsl_min_fminimizer_x_minimum(m);
  gsl_min_fminimizer_free(m);
  return best;
}

/* Ω at the superconducting local minimum with the largest Δ in (0, 1.5 Δ(T)]: warm start from the
 * last minimum when it still brackets one, else a log grid; then Brent. A positive value (Δ0²) when
 * there is none, i.e. only the normal state is stable. */
static double min_omega(pauli_ctx *c, double dT) {
  if (c->dlast > 0) {
    double a = 0.9 * c->dlast, b = c->dlast, cc = fmin(1.1 * c->dlast, 1.5 * dT);
    double fa = omega(a, c), fb = omega(b, c), fc = omega(cc, c);
    if (fb < fa && fb < fc) return refine(c, a, fa, b, fb, cc, fc);
  }
  enum { NG = 48 };
  double g[NG], v[NG];
  for (int i = 0; i < NG; i++) {
    g[i] = 1.5 * dT * pow(1e-3, 1.0 - (double)i / (NG - 1));
    v[i] = omega(g[i], c);
  }
  int ib = NG - 2;
  while (ib > 0 && !(v[ib] < v[ib - 1] && v[ib] < v[ib + 1])) ib--;
  if (ib == 0) return c->dlast = 0.0, c->delta0 * c->delta0;
  return refine(c, g[ib - 1], v[ib - 1], g[ib], v[ib], g[ib + 1], v[ib + 1]);
}

typedef struct {
  pauli_ctx *c;
  double dT; /* BCS gap at h = 0 */
} hc_ctx;

static double hc_eq(double h, void *p) {
  hc_ctx *q = p;
  q->c->h = h;
  return min_omega(q->c, q->dT);
}

/* First-order field below T*: min Ω(h) = 0 between the second-order line and a field where it is > 0. */
static int first_order(pauli_ctx *c, double T, double *h) {
  double h2, dT;
  SFHET_TRY(sfhet_zeeman_h2(c->Tc0, T, &h2));
  SFHET_TRY(sfhet_bcs_gap(T, c->Tc0, 0.0, &dT));
  hc_ctx q = {c, dT};
  if (hc_eq(h2, &q) >= 0) return *h = h2, SFHET_OK; /* at T* within rounding */
  /* the low-T form h² = Δ0²/2 − π²(kT)²/3 lies below the line (quasiparticles only lower Ω_s) */
  double lo = h2, est = 0.5 * c->delta0 * c->delta0 - M_PI * M_PI * c->kT * c->kT / 3.0;
  if (est > h2 * h2 && hc_eq(sqrt(est), &q) < 0) lo = sqrt(est);
  double hi = lo + 0.01 * c->delta0;
  for (int k = 0; k < 100 && hc_eq(hi, &q) < 0; k++) lo = hi, hi += 0.01 * c->delta0;
  SFHET_TRY(thermo_root(hc_eq, &q, lo, hi, 1e-11, 0.0, h));
  if (c->status) SFHET_ERROR(c->status, "free-energy quadrature did not converge at T = %g K", T);
  return SFHET_OK;
}

int sfhet_pauli_hc(double Tc0, double T, double *h, int *order) {
  double Ts, hs;
  SFHET_TRY(sfhet_pauli_tricritical(Tc0, &Ts, &hs));
  if (!(T >= 0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be >= 0, got %g K", T);
  if (T >= Ts) return *order = 2, sfhet_zeeman_h2(Tc0, T, h);
  *order = 1;
  if (T == 0) return *h = thermo_bcs_ratio() * SFHET_KB_MEV * Tc0 / M_SQRT2, SFHET_OK;
  pauli_ctx c;
  SFHET_TRY(ctx_init(&c, Tc0, T, 0.0));
  int st = first_order(&c, T, h);
  gsl_integration_workspace_free(c.w);
  return st;
}
