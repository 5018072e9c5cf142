/* Zeeman-split Dynes DOS: N_σ(E) = ½ N_Dynes(E − σh), σ = +1 (up), −1 (down); N = N_up + N_down
 * (Meservey & Tedrow, Phys. Rep. 238, 173 (1994), sec. 3 with ζ = b_so = 0; seed 000 Methods).
 * With Γ = 0 each spin band diverges at its own edges E = ±Δ ± h (no finite limit: an error there). */
#include <math.h>

#include "dos/dos_common.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info zeeman_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "superconducting gap"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening (quasiparticle lifetime)"},
    {"h", "h", SFHET_DIM_ENERGY, 0.0, -1e3, 1e3, 0,
     "Zeeman splitting: spin-up DOS shifted by +h (h = μ_B B for g = 2)"},
};

static int zeeman_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                       double *N_down) {
  for (size_t i = 0; i < n; i++) {
    double up = 0.5 * sfhet_dynes_n(E[i] - p[2], p[0], p[1]);
    double dn = 0.5 * sfhet_dynes_n(E[i] + p[2], p[0], p[1]);
    if (N) N[i] = up + dn;
    if (N_up) N_up[i] = up;
    if (N_down) N_down[i] = dn;
    if (isinf(up)) return dos_divergence("zeeman", E[i], "spin up: E - h = ±delta");
    if (isinf(dn)) return dos_divergence("zeeman", E[i], "spin down: E + h = ±delta");
  }
  return SFHET_OK;
}

static int zeeman_de(const double *p, const double *E, size_t n, int nch, double *const *N,
                     double *const *dN) {
  if (!(p[1] > 0.0)) return SFHET_CONTINUE;
  for (size_t i = 0; i < n; i++) {
    double a, da, b, db;
    dos_dynes_nd(E[i] - p[2], p[0], p[1], &a, dN ? &da : NULL);
    dos_dynes_nd(E[i] + p[2], p[0], p[1], &b, dN ? &db : NULL);
    if (nch == 1) {
      N[0][i] = 0.5 * (a + b);
      if (dN) dN[0][i] = 0.5 * (da + db);
    } else {
      N[0][i] = 0.5 * a, N[1][i] = 0.5 * b;
      if (dN) dN[0][i] = 0.5 * da, dN[1][i] = 0.5 * db;
    }
  }
  return SFHET_OK;
}

static double zeeman_width(const double *p) { return p[1]; }

static size_t zeeman_edges(const double *p, double *E, size_t max) { return dos_edges_split(p[0], p[2], E, max); }

static void zeeman_start(double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
}

const sfhet_dos_info sfhet_dos_zeeman = {
    .name = "zeeman",
    .summary = "Zeeman-split Dynes DOS (spin-resolved)",
    .reference = "Meservey & Tedrow, Phys. Rep. 238, 173 (1994), sec. 3 (zeta = b_so = 0); seed 000 Methods",
    .n_params = sizeof zeeman_params / sizeof zeeman_params[0],
    .params = zeeman_params,
    .spin_resolved = 1,
    .eval = zeeman_eval,
    .width = zeeman_width,
    .edges = zeeman_edges,
    .start = zeeman_start,
    .eval_de = zeeman_de,
    .n_tests = 3,
    .tests = {{.p = {0.86, 0.05, 0.0}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS, .bcs_delta = 0.86,
               .bcs_gamma = 0.05},
              {.p = {0.86, 0.05, 0.3}, .checks = SFHET_DOS_TEST_FIT, .free = "delta,gamma,h"},
              {.p = {0.5, 0.01, -0.2}}},
};
