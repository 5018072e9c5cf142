/* Maki–Fulde spin-split DOS with orbital depairing ζ and spin-orbit scattering b_so (Meservey &
 * Tedrow, Phys. Rep. 238, 173 (1994), eqs. (9)–(10); the reference of seed 000):
 *   u± = (E ∓ h + iΓ)/Δ + ζ u±/sqrt(1 − u±²) + b (u∓ − u±)/sqrt(1 − u∓²),
 *   N_±(E) = ½ Re[u± / sqrt(u±² − 1)],
 * with 1/sqrt(1 − u²) = i/sqrt(u² − 1) on the retarded branch (sqrt(u² − 1) ≈ u at large |u|, cut on
 * the real segment [−1, 1]), which makes the sgn(E) of the paper automatic.
 * N_up = N_+, N_down = N_-. Solved per energy by Newton on (u+, u−): from the previous energy's solution
 * when it is close (continuation in E), otherwise (or when that fails) by continuation in the imaginary
 * part of the energy from far in the upper half plane, where u ≈ z/Δ, down to Γ. */
#include <complex.h>
#include <math.h>

#include "dos/dos_common.h"
#include "dos/maki_solve.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info maki_params[] = {
    {"delta", "Δ", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, SFHET_PARAM_LO_OPEN, "superconducting gap (order parameter)"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening (E -> E + iΓ)"},
    {"h", "h", SFHET_DIM_ENERGY, 0.0, -1e3, 1e3, 0, "Zeeman splitting μ_B B: spin-up shifted by +h"},
    {"zeta", "ζ", SFHET_DIM_NONE, 0.0, 0.0, 100.0, 0, "orbital depairing parameter (in units of Δ)"},
    {"bso", "b_so", SFHET_DIM_NONE, 0.0, 0.0, 100.0, 0, "spin-orbit scattering b = ħ/(3 τ_so Δ)"},
};

static int maki_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                     double *N_down) {
  /* Solved at |E| and |h| only; particle-hole symmetry N_up(−E) = N_down(E) and N_up(E; −h) =
   * N_down(E; h) give the rest exactly. */
  maki_params_t mp = {p[0], p[1], fabs(p[2]), p[3], p[4]};
  double complex u[2] = {0, 0};
  int have = 0;
  double xprev = 0.0;
  for (size_t i = 0; i < n; i++) {
    double x = fabs(E[i]);
    int cont = have && fabs(x - xprev) <= 0.02 * (mp.delta + mp.h) + 0.5 * mp.gamma;
    if (maki_solve(&mp, x, cont ? u : NULL, u))
      SFHET_ERROR(SFHET_ENOCONV, "maki: no solution of the Maki-Fulde equations at E = %g meV", E[i]);
    have = 1;
    xprev = x;
    double a = maki_dos(u[0]), b = maki_dos(u[1]);
    int swap = (E[i] < 0.0) != (p[2] < 0.0);
    if (N) N[i] = a + b;
    if (N_up) N_up[i] = swap ? b : a;
    if (N_down) N_down[i] = swap ? a : b;
  }
  return SFHET_OK;
}

static double maki_width(const double *p) { return p[1]; }

static size_t maki_edges(const double *p, double *E, size_t max) { return dos_edges_split(p[0], p[2], E, max); }

static void maki_start(double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
}

const sfhet_dos_info sfhet_dos_maki = {
    .name = "maki",
    .summary = "Maki-Fulde spin-split DOS with orbital depairing and spin-orbit scattering",
    .reference = "Meservey & Tedrow, Phys. Rep. 238, 173 (1994), eqs. (9)-(10); seed 000 Methods",
    .n_params = sizeof maki_params / sizeof maki_params[0],
    .params = maki_params,
    .spin_resolved = 1,
    .eval = maki_eval,
    .width = maki_width,
    .edges = maki_edges,
    .start = maki_start,
    .n_tests = 4,
    .tests = {{.p = {0.86, 0.02, 0, 0, 0}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS, .bcs_delta = 0.86,
               .bcs_gamma = 0.02},
              {.p = {0.86, 0.02, 0, 0.1, 0}, .checks = SFHET_DOS_TEST_EVEN},
              {.p = {0.86, 0.05, 0.2, 0.05, 0.1}, .checks = SFHET_DOS_TEST_FIT, .free = "delta,gamma,h"},
              {.p = {0.86, 0.03, 0.0, 0.2, 0.0}, .checks = SFHET_DOS_TEST_EVEN}},
};
