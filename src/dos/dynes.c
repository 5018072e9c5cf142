/* Dynes DOS: N(E) = Re[(E + iΓ)/sqrt((E + iΓ)^2 − Δ^2)] (Dynes, Narayanamurti, Garno, PRL 41, 1509
 * (1978); seed 000 Methods). The root is split as sqrt(z − Δ)·sqrt(z + Δ), the branch that keeps
 * N(E) = N(−E) > 0 for all real E and Γ >= 0. With s = sqrt(z² − Δ²) (Im s > 0):
 *   dN/dE = Re(−Δ²/s³),  dN/dΔ = Re(zΔ/s³),  dN/dΓ = Im(Δ²/s³).
 * Singular points of Γ = 0 (docs/dos.md): Δ = 0 is the normal metal, N = 1 everywhere (also at
 * E = 0, the limit Γ -> 0+ of iΓ/sqrt(−Γ²)); at E = ±Δ ≠ 0 N diverges like (2|E − Δ|/Δ)^(−1/2) with
 * no finite limit: sfhet_dynes_n gives +inf there and the model's eval reports an error. */
#include <complex.h>
#include <math.h>

#include "dos/dos_common.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info dynes_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "superconducting gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening (quasiparticle lifetime)"},
};

double sfhet_dynes_n(double E, double delta, double gamma) {
  if (delta == 0.0) return 1.0;
  double complex z = E + I * gamma, s = csqrt(z - delta) * csqrt(z + delta);
  if (s == 0.0) return INFINITY; /* E = ±Δ with Γ = 0: the edge itself (1/0 would carry a sign) */
  return creal(z / s);
}

static int dynes_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                      double *N_down) {
  for (size_t i = 0; i < n; i++) {
    double v = sfhet_dynes_n(E[i], p[0], p[1]);
    if (N) N[i] = v;
    if (N_up) N_up[i] = 0.5 * v;
    if (N_down) N_down[i] = 0.5 * v;
    if (isinf(v)) return dos_divergence("dynes", E[i], "E = ±delta");
  }
  return SFHET_OK;
}

static int dynes_de(const double *p, const double *E, size_t n, int nch, double *const *N,
                    double *const *dN) {
  if (!(p[1] > 0.0)) return SFHET_CONTINUE;
  double f = nch == 1 ? 1.0 : 0.5;
  for (size_t i = 0; i < n; i++) {
    double a, da;
    dos_dynes_nd(E[i], p[0], p[1], &a, dN ? &da : NULL);
    for (int ch = 0; ch < nch; ch++) {
      N[ch][i] = f * a;
      if (dN) dN[ch][i] = f * da;
    }
  }
  return SFHET_OK;
}

static int dynes_dparam(const double *p, const double *E, size_t n, int nch, const size_t *k, size_t nk,
                        double *const *dN) {
  if (!(p[1] > 0.0)) return SFHET_CONTINUE;
  double f = nch == 1 ? 1.0 : 0.5;
  for (size_t i = 0; i < n; i++) {
    double dd, dg;
    dos_dynes_dparam(E[i], p[0], p[1], &dd, &dg);
    for (size_t j = 0; j < nk; j++)
      for (int ch = 0; ch < nch; ch++) dN[ch][j * n + i] = f * (k[j] == 0 ? dd : dg);
  }
  return SFHET_OK;
}

static double dynes_width(const double *p) { return p[1]; }

static size_t dynes_edges(const double *p, double *E, size_t max) { return dos_edges_split(p[0], 0.0, E, max); }

static void dynes_start(double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
}

const sfhet_dos_info sfhet_dos_dynes = {
    .name = "dynes",
    .summary = "Dynes-broadened BCS density of states",
    .reference = "Dynes et al., PRL 41, 1509 (1978); seed 000 Methods",
    .n_params = sizeof dynes_params / sizeof dynes_params[0],
    .params = dynes_params,
    .spin_resolved = 0,
    .eval = dynes_eval,
    .width = dynes_width,
    .edges = dynes_edges,
    .start = dynes_start,
    .eval_de = dynes_de,
    .dparam = dynes_dparam,
    .n_tests = 3,
    .tests = {{.p = {0.86, 0.05}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS | SFHET_DOS_TEST_FIT,
               .bcs_delta = 0.86, .bcs_gamma = 0.05, .free = "delta,gamma"},
              {.p = {0.5, 0.002}, .checks = SFHET_DOS_TEST_EVEN},
              {.p = {1.2, 0.3}, .checks = SFHET_DOS_TEST_EVEN}},
};
