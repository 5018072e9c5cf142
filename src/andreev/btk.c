/* BTK point-contact conductance (Blonder, Tinkham, Klapwijk, PRB 25, 4515 (1982), Table II) with Dynes
 * broadening E -> z = E + iΓ in the coherence factors (Plecenik et al., PRB 49, 10016 (1994)) and a
 * spin-polarised current fraction P. With Ω = sqrt(z - Δ) sqrt(z + Δ) and c = 1 + 2Z² the BTK
 * coefficients are, for every E (the piecewise forms of BTK's Table II at Γ = 0),
 *   A = Δ² / |z + cΩ|²,   B = 4 Z²(1 + Z²) |Ω|² / |z + cΩ|²,   σ_u = (1 + Z²)(1 + A - B).
 * The fully polarised current has no Andreev reflection; its conductance is
 *   Mazin ballistic:  σ_p = (1 + Z²) 4 Re(z Ω*) / |z + (1 + 2iZ) Ω|²   (= (1+Z²) 4β/((1+β)² + 4Z²), β = E/√(E²-Δ²))
 *   Strijkers:        σ_p = 0 for |E| < Δ, (1 + Z²)(1 - B/(1 - A)) above,
 * and σ = (1 - P) σ_u + P σ_p. The diffusive (Mazin) form averages the ballistic σ over the Dorokhov
 * distribution of channel transmissions, the barrier setting its lower end (docs/andreev.md). */
#include <math.h>

#include "andreev/andreev_int.h"
#include "sfhet/error.h"

const sfhet_param_info andreev_btk_params[SFHET_BTK_NP] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 1.0, 0.0, 1e3, 0, "superconducting gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE,
     "Dynes broadening E -> E + iΓ (Plecenik et al. 1994)"},
    {"Z", "Z", SFHET_DIM_NONE, 0.5, 0.0, 100.0, 0, "BTK barrier strength (mH/ħ²k_F)"},
    {"P", "P", SFHET_DIM_NONE, 0.0, 0.0, 1.0, 0, "spin polarisation of the current"},
    {"spin", "", SFHET_DIM_NONE, 0.0, 0.0, 2.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
     "polarised-current model: 0 Mazin ballistic, 1 Mazin diffusive, 2 Strijkers"},
};

static const char *const btk_variants[] = {"ballistic", "diffusive", "strijkers"};

void sfhet_btk_ab(double E, double delta, double gamma, double Z, double *A, double *B) {
  if (!(delta > 0)) {
    *A = 0.0, *B = Z * Z / (1.0 + Z * Z);
    return;
  }
  andreev_cx om = andreev_omega(E, gamma, delta);
  andreev_cx q = acx_add(acx(E, gamma), acx_scale(om, 1.0 + 2.0 * Z * Z));
  double den = acx_abs2(q);
  *A = delta * delta / den;
  *B = 4.0 * Z * Z * (1.0 + Z * Z) * acx_abs2(om) / den;
}

/* Unpolarised σ_u and dσ_u/dE (dΩ/dE = z/Ω; 0 where Ω = 0 exactly). */
static void btk_unpol(double E, double d, double g, double Z, double *s, double *ds) {
  andreev_cx z = acx(E, g), om = andreev_omega(E, g, d);
  double c = 1.0 + 2.0 * Z * Z, k = 4.0 * Z * Z * (1.0 + Z * Z), n = 1.0 + Z * Z;
  andreev_cx q = acx_add(z, acx_scale(om, c));
  double D = acx_abs2(q), u = acx_abs2(om), num = d * d - k * u;
  *s = n * (1.0 + num / D);
  if (!ds) return;
  if (u == 0.0) {
    *ds = 0.0;
    return;
  }
  andreev_cx dom = acx_div(z, om);
  double du = 2.0 * acx_mul(acx_conj(om), dom).re;
  double dD = 2.0 * acx_mul(acx_conj(q), acx_add(acx(1.0, 0.0), acx_scale(dom, c))).re;
  *ds = n * (-k * du * D - num * dD) / (D * D);
}

/* Mazin ballistic polarised σ_p = (1 + Z²) 4 Re(z Ω*) / |z + (1 + 2iZ) Ω|² and its derivative. */
static void mazin_pol(double E, double d, double g, double Z, double *s, double *ds) {
  andreev_cx z = acx(E, g), om = andreev_omega(E, g, d), a = acx(1.0, 2.0 * Z);
  andreev_cx q = acx_add(z, acx_mul(a, om));
  double n = 1.0 + Z * Z, N = 4.0 * acx_mul(z, acx_conj(om)).re, D = acx_abs2(q);
  *s = n * N / D;
  if (!ds) return;
  if (acx_abs2(om) == 0.0) {
    *ds = 0.0;
    return;
  }
  andreev_cx dom = acx_div(z, om);
  double dN = 4.0 * (om.re + acx_mul(z, acx_conj(dom)).re);
  double dD = 2.0 * acx_mul(acx_conj(q), acx_add(acx(1.0, 0.0), acx_mul(a, dom))).re;
  *ds = n * (dN * D - N * dD) / (D * D);
}

/* Strijkers polarised σ_p: 0 for |E| < Δ, (1 + Z²)(1 - B/(1 - A)) above, from the Dynes-broadened A, B
 * (derivative by a central difference of step 1e-7 Δ inside each piece). */
static double strijkers_value(double E, double d, double g, double Z) {
  if (fabs(E) < d) return 0.0;
  double A, B;
  sfhet_btk_ab(E, d, g, Z, &A, &B);
  return 1.0 - A > 0 ? (1.0 + Z * Z) * (1.0 - B / (1.0 - A)) : 1.0 + Z * Z;
}

static void strijkers_pol(double E, double d, double g, double Z, double *s, double *ds) {
  *s = strijkers_value(E, d, g, Z);
  if (!ds) return;
  double h = 1e-7 * fmax(d, 1e-3), a = fabs(E);
  if (fabs(a - d) <= h) {
    *ds = 0.0;
    return;
  }
  *ds = (strijkers_value(E + h, d, g, Z) - strijkers_value(E - h, d, g, Z)) / (2.0 * h);
}

/* Ballistic σ = (1 - P) σ_u + P σ_p at one energy. */
static void ballistic(const double *p, int strijkers, double Z, double E, double *s, double *ds) {
  double su, dsu, sp = 0.0, dsp = 0.0, P = p[SFHET_BTK_P];
  btk_unpol(E, p[SFHET_BTK_DELTA], p[SFHET_BTK_GAMMA], Z, &su, ds ? &dsu : NULL);
  if (P > 0 && strijkers) strijkers_pol(E, p[SFHET_BTK_DELTA], p[SFHET_BTK_GAMMA], Z, &sp, ds ? &dsp : NULL);
  else if (P > 0) mazin_pol(E, p[SFHET_BTK_DELTA], p[SFHET_BTK_GAMMA], Z, &sp, ds ? &dsp : NULL);
  *s = (1.0 - P) * su + P * sp;
  if (ds) *ds = (1.0 - P) * dsu + P * dsp;
}

/* Diffusive: channel transmissions T = 1/(1 + Z_ch²) of a diffusive contact follow Dorokhov's law,
 * uniform in t = tanh x with T = 1 - t²; the barrier Z is the lower end t0 = Z/√(1 + Z²). The average
 * of the ballistic σ over t in (t0, 1) is taken in s = √(1 - t) (smooth at t = 1, where Z_ch ~ 1/s). */
static void diffusive(const double *p, const sfhet_andreev_ws *ws, double E, double *s, double *ds) {
  double Z = p[SFHET_BTK_Z], t0 = Z / sqrt(1.0 + Z * Z), s0 = sqrt(1.0 - t0), acc = 0.0, dacc = 0.0;
  for (size_t k = 0; k < ANDREEV_NS; k++) {
    double sk = s0 * ws->s[k], t = 1.0 - sk * sk, zc = t / (sk * sqrt(1.0 + t)), v, dv = 0.0;
    double w = ws->s_w[k] * 2.0 * sk * s0; /* dt = 2 s ds, ds = s0 du */
    ballistic(p, 0, zc, E, &v, ds ? &dv : NULL);
    acc += w * v, dacc += w * dv;
  }
  *s = acc / (1.0 - t0);
  if (ds) *ds = dacc / (1.0 - t0);
}

static int btk_eval(const double *p, const double *E, size_t n, double *sigma, double *dsigma,
                    sfhet_andreev_ws *ws) {
  int spin = (int)p[SFHET_BTK_SPIN];
  if (!(p[SFHET_BTK_DELTA] > 0)) { /* no gap: the normal state */
    for (size_t i = 0; i < n; i++) {
      sigma[i] = 1.0;
      if (dsigma) dsigma[i] = 0.0;
    }
    return SFHET_OK;
  }
  sfhet_andreev_ws *tmp = NULL, *w = spin == SFHET_BTK_DIFFUSIVE ? andreev_ws_or_tmp(ws, &tmp) : ws;
  if (spin == SFHET_BTK_DIFFUSIVE && !w) SFHET_ERROR(SFHET_ENOMEM, "btk: out of memory");
  for (size_t i = 0; i < n; i++) {
    double *d = dsigma ? &dsigma[i] : NULL;
    if (spin == SFHET_BTK_DIFFUSIVE) diffusive(p, w, E[i], &sigma[i], d);
    else ballistic(p, spin == SFHET_BTK_STRIJKERS, p[SFHET_BTK_Z], E[i], &sigma[i], d);
  }
  sfhet_andreev_ws_free(tmp);
  return SFHET_OK;
}

static double btk_width(const double *p) {
  if (p[SFHET_BTK_SPIN] == SFHET_BTK_STRIJKERS && p[SFHET_BTK_P] > 0) return 0.0; /* piecewise */
  return p[SFHET_BTK_GAMMA];
}

static size_t btk_edges(const double *p, double *E, size_t max) {
  if (max < 2 || !(p[SFHET_BTK_DELTA] > 0)) return 0;
  E[0] = -p[SFHET_BTK_DELTA], E[1] = p[SFHET_BTK_DELTA];
  return 2;
}

const sfhet_andreev_info sfhet_andreev_btk = {
    .name = "btk",
    .summary = "BTK point contact with barrier Z, Dynes broadening and spin polarisation P",
    .reference = "Blonder, Tinkham, Klapwijk, PRB 25, 4515 (1982); Plecenik et al., PRB 49, 10016 (1994); "
                 "Mazin, Golubov, Nadgorny, J. Appl. Phys. 89, 7576 (2001); Strijkers et al., PRB 63, "
                 "104510 (2001)",
    .n_params = SFHET_BTK_NP,
    .params = andreev_btk_params,
    .variant = SFHET_BTK_SPIN,
    .n_variants = 3,
    .variants = btk_variants,
    .eval = btk_eval,
    .width = btk_width,
    .edges = btk_edges,
};
