/* Tanaka-Kashiwaya conductance of a normal metal / anisotropic superconductor contact (PRL 74, 3451
 * (1995), eqs. 1-3). An electron incident at angle θ from the interface normal meets the pair potentials
 * Δ+ = Δ(θ) (transmitted electron-like) and Δ- = Δ(π - θ) (hole-like); with z = E + iΓ,
 *   Γ± = |Δ±| / (z + Ω±),  Ω± = sqrt(z - |Δ±|) sqrt(z + |Δ±|),  e^{iφ} = (Δ- Δ+*) / |Δ- Δ+|,
 *   σ_R(E, θ) = [1 + σ_N |Γ+|² + (σ_N - 1) |Γ+ Γ-|²] / |1 + (σ_N - 1) Γ+ Γ- e^{iφ}|²,
 *   σ_N(θ) = cos²θ / (cos²θ + Z²)   (Z in the BTK convention: Z_TK = 2 Z),
 *   σ(E) = ∫ dθ cosθ σ_N σ_R / ∫ dθ cosθ σ_N   over (-π/2, π/2) (composite Gauss-Legendre).
 * For an s-wave gap σ_R(E, θ) is the BTK conductance with barrier Z/cosθ divided by σ_N(θ). A sign
 * change Δ+ Δ- < 0 (d_xy, p_x) makes the denominator vanish at E = 0: the zero-bias conductance peak. */
#include <complex.h>
#include <math.h>

#include "andreev/andreev_int.h"
#include "sfhet/error.h"

static const sfhet_param_info tk_params[SFHET_TK_NP] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e3, 0, "maximum of the gap |Δ(θ)|"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening E -> E + iΓ"},
    {"Z", "Z", SFHET_DIM_NONE, 1.0, 0.0, 100.0, 0, "barrier strength at normal incidence (BTK convention)"},
    {"pairing", "", SFHET_DIM_NONE, 0.0, 0.0, 3.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
     "0 s, 1 d (cos 2(θ-α)), 2 p (cos(θ-α)), 3 chiral p (e^{i(θ-α)})"},
    {"alpha", "α", SFHET_DIM_ANGLE, 0.0, -360.0, 360.0, SFHET_PARAM_NOFIT,
     "angle of the gap lobe from the interface normal (d_xy: 45, p_x: 0)"},
};

static const char *const tk_variants[] = {"s", "d", "p", "chiral_p"};

/* Pair potential at angle th [rad] (complex for chiral p). */
static double complex tk_gap(const double *p, double th) {
  double d = p[SFHET_TK_DELTA], a = p[SFHET_TK_ALPHA] * M_PI / 180.0;
  switch ((int)p[SFHET_TK_PAIRING]) {
  case SFHET_TK_D: return d * cos(2.0 * (th - a));
  case SFHET_TK_P: return d * cos(th - a);
  case SFHET_TK_CHIRAL_P: return d * cexp(I * (th - a));
  default: return d;
  }
}

/* Γ = |Δ|/(z + Ω) and dΓ/dz = -Γ/Ω (0 for a vanishing gap). */
static void tk_gamma(double complex z, double mag, double complex *G, double complex *dG) {
  if (!(mag > 0)) {
    *G = 0, *dG = 0;
    return;
  }
  double complex om = andreev_omega(z, mag);
  *G = mag / (z + om);
  *dG = om != 0 ? -*G / om : 0;
}

/* σ_R(E, θ) and dσ_R/dE for angle th with normal-state transparency sn. */
static void tk_point(const double *p, double E, double th, double sn, double *s, double *ds) {
  double complex z = E + I * p[SFHET_TK_GAMMA], dp = tk_gap(p, th), dm = tk_gap(p, M_PI - th);
  double ap = cabs(dp), am = cabs(dm);
  double complex ph = (ap > 0 && am > 0) ? dm * conj(dp) / (ap * am) : 1.0, Gp, Gm, dGp, dGm;
  tk_gamma(z, ap, &Gp, &dGp);
  tk_gamma(z, am, &Gm, &dGm);
  double gp2 = creal(Gp * conj(Gp)), gm2 = creal(Gm * conj(Gm));
  double complex X = Gp * Gm * ph, den = 1.0 + (sn - 1.0) * X;
  double N = 1.0 + sn * gp2 + (sn - 1.0) * gp2 * gm2, D = creal(den * conj(den));
  *s = N / D;
  if (!ds) return;
  double dgp2 = 2.0 * creal(conj(Gp) * dGp), dgm2 = 2.0 * creal(conj(Gm) * dGm);
  double complex dX = (dGp * Gm + Gp * dGm) * ph;
  double dN = sn * dgp2 + (sn - 1.0) * (dgp2 * gm2 + gp2 * dgm2);
  double dD = 2.0 * creal(conj(den) * (sn - 1.0) * dX);
  *ds = (dN * D - N * dD) / (D * D);
}

double sfhet_tk_sigma_angle(const double *p, double E, double theta) {
  double c = cos(theta), Z = p[SFHET_TK_Z], sn = c * c / (c * c + Z * Z), s;
  tk_point(p, E, theta, sn, &s, NULL);
  return s;
}

/* Angle panels: the s-wave integrand is smooth in θ. For d and p the features where |Δ(θ)| = |E|, and
 * for chiral p the Andreev bound state at E = Δ sin θ, have an angular width ~ Γ/k with k = max|dE/dθ|
 * (2Δ for d, Δ for p and chiral p); a 16-node panel resolves them when it is at most
 * TK_PANEL_FEATURES such widths wide. The count is capped at 256 panels (reached for d at Γ < 0.008 Δ);
 * measured relative errors: < 2e-8 for Γ >= 0.003 Δ, 5e-6 at Γ = 0.001 Δ, 1e-3 at Γ = 0 (kinks at
 * |Δ(θ)| = |E|; docs/andreev.md). */
#define TK_PANEL_FEATURES 3.0

static size_t tk_panels(const double *p) {
  int pa = (int)p[SFHET_TK_PAIRING];
  if (pa == SFHET_TK_S) return ANDREEV_THETA_PANELS_MIN;
  double slope = (pa == SFHET_TK_D ? 2.0 : 1.0) * p[SFHET_TK_DELTA], g = p[SFHET_TK_GAMMA];
  if (!(g > 0)) return ANDREEV_THETA_PANELS_MAX;
  double np = ceil(M_PI * slope / (TK_PANEL_FEATURES * g));
  return np > ANDREEV_THETA_PANELS_MAX ? ANDREEV_THETA_PANELS_MAX : (size_t)np;
}

static int tk_eval(const double *p, const double *E, size_t n, double *sigma, double *dsigma,
                   sfhet_andreev_ws *ws) {
  sfhet_andreev_ws *tmp, *w = andreev_ws_or_tmp(ws, &tmp);
  if (!w) SFHET_ERROR(SFHET_ENOMEM, "tk: out of memory");
  andreev_theta_panels(w, tk_panels(p));
  double Z = p[SFHET_TK_Z], norm = 0.0;
  double *wn = w->wn, *sn = w->sn;
  for (size_t k = 0; k < w->n_theta; k++) {
    double c = cos(w->theta[k]);
    sn[k] = c * c / (c * c + Z * Z);
    wn[k] = w->theta_w[k] * c * sn[k];
    norm += wn[k];
  }
  for (size_t i = 0; i < n; i++) {
    double acc = 0.0, dacc = 0.0;
    for (size_t k = 0; k < w->n_theta; k++) {
      double s, d = 0.0;
      tk_point(p, E[i], w->theta[k], sn[k], &s, dsigma ? &d : NULL);
      acc += wn[k] * s, dacc += wn[k] * d;
    }
    sigma[i] = acc / norm;
    if (dsigma) dsigma[i] = dacc / norm;
  }
  sfhet_andreev_ws_free(tmp);
  return SFHET_OK;
}

static double tk_width(const double *p) { return p[SFHET_TK_GAMMA]; }

static size_t tk_edges(const double *p, double *E, size_t max) {
  size_t k = 0;
  double d = p[SFHET_TK_DELTA];
  if (d > 0 && k + 2 <= max) E[k++] = -d, E[k++] = d;
  if ((int)p[SFHET_TK_PAIRING] != SFHET_TK_S && k < max) E[k++] = 0.0; /* nodes, zero-bias peak */
  return k;
}

const sfhet_andreev_info sfhet_andreev_tk = {
    .name = "tk",
    .summary = "Tanaka-Kashiwaya N/S conductance of an s, d, p or chiral-p gap (zero-bias peak)",
    .reference = "Tanaka, Kashiwaya, PRL 74, 3451 (1995), eqs. 1-3; Dynes broadening as Plecenik et al., "
                 "PRB 49, 10016 (1994)",
    .n_params = SFHET_TK_NP,
    .params = tk_params,
    .variant = SFHET_TK_PAIRING,
    .n_variants = 4,
    .variants = tk_variants,
    .eval = tk_eval,
    .width = tk_width,
    .edges = tk_edges,
};
