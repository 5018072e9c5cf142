/* Tanaka-Kashiwaya conductance of a normal metal / anisotropic superconductor contact (PRL 74, 3451
 * (1995), eqs. 1-3). An electron incident at angle θ from the interface normal meets the pair potentials
 * Δ+ = Δ(θ) (transmitted electron-like) and Δ- = Δ(π - θ) (hole-like); with z = E + iΓ,
 *   Γ± = |Δ±| / (z + Ω±),  Ω± = sqrt(z - |Δ±|) sqrt(z + |Δ±|),  e^{iφ} = (Δ- Δ+*) / |Δ- Δ+|,
 *   σ_R(E, θ) = [1 + σ_N |Γ+|² + (σ_N - 1) |Γ+ Γ-|²] / |1 + (σ_N - 1) Γ+ Γ- e^{iφ}|²,
 *   σ_N(θ) = cos²θ / (cos²θ + Z²)   (Z in the BTK convention: Z_TK = 2 Z),
 *   σ(E) = ∫ dθ cosθ σ_N σ_R / ∫ dθ cosθ σ_N   over (-π/2, π/2) (composite Gauss-Legendre).
 * For an s-wave gap σ_R(E, θ) is the BTK conductance with barrier Z/cosθ divided by σ_N(θ). A sign
 * change Δ+ Δ- < 0 (d_xy, p_x) makes the denominator vanish at E = 0: the zero-bias conductance peak. */
#include <math.h>

#include "andreev/andreev_int.h"
#include "sfhet/error.h"

const sfhet_param_info andreev_tk_params[SFHET_TK_NP] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e3, 0, "maximum of the gap |Δ(θ)|"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening E -> E + iΓ"},
    {"Z", "Z", SFHET_DIM_NONE, 1.0, 0.0, 100.0, 0, "barrier strength at normal incidence (BTK convention)"},
    {"pairing", "", SFHET_DIM_NONE, 0.0, 0.0, 3.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
     "0 s, 1 d (cos 2(θ-α)), 2 p (cos(θ-α)), 3 chiral p (e^{i(θ-α)})"},
    {"alpha", "α", SFHET_DIM_ANGLE, 0.0, -360.0, 360.0, SFHET_PARAM_NOFIT,
     "angle of the gap lobe from the interface normal (d_xy: 45, p_x: 0)"},
};

static const char *const tk_variants[] = {"s", "d", "p", "chiral_p"};

/* Pair potential at angle th [rad] as modulus and phase factor (chiral p is complex). */
static void tk_gap(const double *p, double th, double *mag, andreev_cx *phase) {
  double d = p[SFHET_TK_DELTA], a = p[SFHET_TK_ALPHA] * M_PI / 180.0, v;
  switch ((int)p[SFHET_TK_PAIRING]) {
  case SFHET_TK_D: v = d * cos(2.0 * (th - a)); break;
  case SFHET_TK_P: v = d * cos(th - a); break;
  case SFHET_TK_CHIRAL_P:
    *mag = d, *phase = acx(cos(th - a), sin(th - a));
    return;
  default: v = d;
  }
  *mag = fabs(v), *phase = acx(v < 0 ? -1.0 : 1.0, 0.0);
}

/* |Δ+|, |Δ-| and e^{iφ} = (Δ- Δ+*)/|Δ- Δ+| at angle th (e^{iφ} = 1 where a gap vanishes). */
static void tk_angle(const double *p, double th, double *ap, double *am, andreev_cx *ph) {
  andreev_cx fp, fm;
  tk_gap(p, th, ap, &fp);
  tk_gap(p, M_PI - th, am, &fm);
  *ph = (*ap > 0 && *am > 0) ? acx_mul(fm, acx_conj(fp)) : acx(1.0, 0.0);
}

/* Γ = |Δ|/(z + Ω) and dΓ/dz = -Γ/Ω (0 for a vanishing gap). */
static void tk_gamma(double E, double g, double mag, andreev_cx *G, andreev_cx *dG) {
  if (!(mag > 0)) {
    *G = *dG = acx(0.0, 0.0);
    return;
  }
  andreev_cx om = andreev_omega(E, g, mag);
  *G = acx_div(acx(mag, 0.0), acx_add(acx(E, g), om));
  *dG = acx_abs2(om) > 0 ? acx_scale(acx_div(*G, om), -1.0) : acx(0.0, 0.0);
}

/* σ_R(E, θ) and dσ_R/dE for one angle: gaps ap, am, phase ph, normal-state transparency sn. */
static void tk_point(double E, double g, double ap, double am, andreev_cx ph, double sn, double *s,
                     double *ds) {
  andreev_cx Gp, Gm, dGp, dGm;
  tk_gamma(E, g, ap, &Gp, &dGp);
  tk_gamma(E, g, am, &Gm, &dGm);
  double gp2 = acx_abs2(Gp), gm2 = acx_abs2(Gm);
  andreev_cx X = acx_mul(acx_mul(Gp, Gm), ph), den = acx_add(acx(1.0, 0.0), acx_scale(X, sn - 1.0));
  double N = 1.0 + sn * gp2 + (sn - 1.0) * gp2 * gm2, D = acx_abs2(den);
  *s = N / D;
  if (!ds) return;
  double dgp2 = 2.0 * acx_mul(acx_conj(Gp), dGp).re, dgm2 = 2.0 * acx_mul(acx_conj(Gm), dGm).re;
  andreev_cx dX = acx_mul(acx_add(acx_mul(dGp, Gm), acx_mul(Gp, dGm)), ph);
  double dN = sn * dgp2 + (sn - 1.0) * (dgp2 * gm2 + gp2 * dgm2);
  double dD = 2.0 * (sn - 1.0) * acx_mul(acx_conj(den), dX).re;
  *ds = (dN * D - N * dD) / (D * D);
}

double sfhet_tk_sigma_angle(const double *p, double E, double theta) {
  double c = cos(theta), Z = p[SFHET_TK_Z], sn = c * c / (c * c + Z * Z), s, ap, am;
  andreev_cx ph;
  tk_angle(p, theta, &ap, &am, &ph);
  tk_point(E, p[SFHET_TK_GAMMA], ap, am, ph, sn, &s, NULL);
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
  double Z = p[SFHET_TK_Z], g = p[SFHET_TK_GAMMA], norm = 0.0;
  for (size_t k = 0; k < w->n_theta; k++) { /* everything that does not depend on E */
    double c = cos(w->theta[k]);
    w->sn[k] = c * c / (c * c + Z * Z);
    w->wn[k] = w->theta_w[k] * c * w->sn[k];
    norm += w->wn[k];
    tk_angle(p, w->theta[k], &w->ap[k], &w->am[k], &w->ph[k]);
  }
  for (size_t i = 0; i < n; i++) {
    double acc = 0.0, dacc = 0.0;
    for (size_t k = 0; k < w->n_theta; k++) {
      double s, d = 0.0;
      tk_point(E[i], g, w->ap[k], w->am[k], w->ph[k], w->sn[k], &s, dsigma ? &d : NULL);
      acc += w->wn[k] * s, dacc += w->wn[k] * d;
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
    .params = andreev_tk_params,
    .variant = SFHET_TK_PAIRING,
    .n_variants = 4,
    .variants = tk_variants,
    .eval = tk_eval,
    .width = tk_width,
    .edges = tk_edges,
};
