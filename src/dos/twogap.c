/* Two-gap DOS: N(E) = w·N_D(E; Δ, Γ) + (1 − w)·N_D(E; Δs, Γs), the weighted sum of two Dynes DOS
 * (tunnelling into two bands with independent gaps and no interband scattering: the standard
 * description of multiband superconductors such as MgB2 and 2H-NbSe2; Noat et al., PRB 92, 134510
 * (2015) for NbSe2). The second gap is named delta_s, gamma_s (not delta2: that is the second
 * electrode's delta in an SIS junction). Each term is a Dynes DOS, so every closed form of dynes.c
 * carries over term by term. */
#include <math.h>

#include "dos/dos_common.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info twogap_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "gap of the first band"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening of the first band"},
    {"delta_s", "Δ_s", SFHET_DIM_ENERGY, 0.4, 0.0, 1e3, 0, "gap of the second band"},
    {"gamma_s", "Γ_s", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening of the second band"},
    {"w", "w", SFHET_DIM_NONE, 0.7, 0.0, 1.0, 0, "tunnelling weight of the first band (1 - w: the second)"},
};

/* One band's weighted DOS; a band without weight contributes nothing (not 0·inf at its edge). */
static double band(double w, double E, double d, double g) {
  return w != 0.0 ? w * sfhet_dynes_n(E, d, g) : 0.0;
}

static int twogap_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                       double *N_down) {
  for (size_t i = 0; i < n; i++) {
    double a = band(p[4], E[i], p[0], p[1]), b = band(1.0 - p[4], E[i], p[2], p[3]), v = a + b;
    if (N) N[i] = v;
    if (N_up) N_up[i] = 0.5 * v;
    if (N_down) N_down[i] = 0.5 * v;
    if (isinf(a)) return dos_divergence("twogap", E[i], "E = ±delta");
    if (isinf(b)) return dos_divergence("twogap", E[i], "E = ±delta_s");
  }
  return SFHET_OK;
}

static int twogap_de(const double *p, const double *E, size_t n, int nch, double *const *N,
                     double *const *dN) {
  if (!(p[1] > 0.0) || !(p[3] > 0.0)) return SFHET_CONTINUE;
  double f = nch == 1 ? 1.0 : 0.5;
  for (size_t i = 0; i < n; i++) {
    double a, da, b, db;
    dos_dynes_nd(E[i], p[0], p[1], &a, dN ? &da : NULL);
    dos_dynes_nd(E[i], p[2], p[3], &b, dN ? &db : NULL);
    for (int ch = 0; ch < nch; ch++) {
      N[ch][i] = f * (p[4] * a + (1.0 - p[4]) * b);
      if (dN) dN[ch][i] = f * (p[4] * da + (1.0 - p[4]) * db);
    }
  }
  return SFHET_OK;
}

/* ∂N/∂Δ, ∂N/∂Γ of each band scaled by its weight; ∂N/∂w = N_D(Δ, Γ) − N_D(Δs, Γs). */
static double dparam_one(const double *p, double E, size_t k) {
  double dd, dg, ds, dgs;
  dos_dynes_dparam(E, p[0], p[1], &dd, &dg);
  dos_dynes_dparam(E, p[2], p[3], &ds, &dgs);
  switch (k) {
  case 0: return p[4] * dd;
  case 1: return p[4] * dg;
  case 2: return (1.0 - p[4]) * ds;
  case 3: return (1.0 - p[4]) * dgs;
  default: return sfhet_dynes_n(E, p[0], p[1]) - sfhet_dynes_n(E, p[2], p[3]);
  }
}

static int twogap_dparam(const double *p, const double *E, size_t n, int nch, const size_t *k, size_t nk,
                         double *const *dN) {
  if (!(p[1] > 0.0) || !(p[3] > 0.0)) return SFHET_CONTINUE;
  double f = nch == 1 ? 1.0 : 0.5;
  for (size_t j = 0; j < nk; j++)
    for (size_t i = 0; i < n; i++) {
      double v = f * dparam_one(p, E[i], k[j]);
      for (int ch = 0; ch < nch; ch++) dN[ch][j * n + i] = v;
    }
  return SFHET_OK;
}

/* The narrower strip of the two bands that carry weight. */
static double twogap_width(const double *p) {
  if (p[4] >= 1.0) return p[1];
  if (p[4] <= 0.0) return p[3];
  return fmin(p[1], p[3]);
}

static size_t twogap_edges(const double *p, double *E, size_t max) {
  size_t n = dos_edges_split(p[0], 0.0, E, max);
  return n + dos_edges_split(p[2], 0.0, E + n, max - n);
}

/* The larger gap is the one whose coherence peak a spectrum shows first; the second starts at half. */
static void twogap_start(double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
  p[2] = 0.5 * gap;
  p[3] = width;
}

const sfhet_dos_info sfhet_dos_twogap = {
    .name = "twogap",
    .summary = "two-band DOS: weighted sum of two Dynes DOS (w, 1 - w)",
    .reference = "Noat et al., PRB 92, 134510 (2015) (NbSe2); sum of Dynes DOS (Dynes et al., PRL 41, 1509 (1978))",
    .n_params = sizeof twogap_params / sizeof twogap_params[0],
    .params = twogap_params,
    .spin_resolved = 0,
    .eval = twogap_eval,
    .width = twogap_width,
    .edges = twogap_edges,
    .start = twogap_start,
    .eval_de = twogap_de,
    .dparam = twogap_dparam,
    .n_tests = 3,
    .tests = {{.p = {0.86, 0.05, 0.4, 0.03, 1.0}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS,
               .bcs_delta = 0.86, .bcs_gamma = 0.05},
              {.p = {0.86, 0.04, 0.4, 0.03, 0.0}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS,
               .bcs_delta = 0.4, .bcs_gamma = 0.03},
              {.p = {1.0, 0.03, 0.4, 0.03, 0.6}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_FIT,
               .free = "delta,delta_s,w"}},
};
