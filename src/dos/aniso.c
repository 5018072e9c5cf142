/* Anisotropic gap Δ(θ) = Δ0 cos(lθ), Dynes-broadened and averaged over θ ∈ [0, 2π) (seed 001 eq. 1
 * with Δ0² cos²(lθ) under the root). For l >= 1 the average of F(cos²(lθ)) does not depend on l and
 *   <z / sqrt(z² − Δ0² cos² θ)> = (2/π) K(Δ0/z) = 1 / AGM(1, sqrt(z² − Δ0²)/z),   z = E + iΓ,
 * exact (no θ grid, so nodes cost nothing); the complex AGM takes at each step the root b with
 * |a − b| <= |a + b| (Cox 1984), which continues the real-axis integral into the upper half plane.
 * Singular points of Γ = 0 (docs/dos.md): Δ0 = 0 gives N = 1; at E = 0 a nodal gap gives N = 0 (the
 * limit Γ -> 0+, N ~ (Γ/Δ0) ln(Δ0/Γ)); at E = ±Δ0 N diverges logarithmically: an error there. */
#include <complex.h>
#include <math.h>

#include "dos/dos_common.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static const sfhet_param_info aniso_params[] = {
    {"delta", "Δ0", SFHET_DIM_ENERGY, 0.86, 0.0, 1e3, 0, "gap maximum Δ0 (gap Δ0 cos(lθ))"},
    {"gamma", "Γ", SFHET_DIM_ENERGY, 0.0, 0.0, 1e3, SFHET_PARAM_WIDE, "Dynes broadening (quasiparticle lifetime)"},
    {"l", "l", SFHET_DIM_NONE, 0.0, 0.0, 3.0, SFHET_PARAM_INTEGER | SFHET_PARAM_NOFIT,
     "angular order of the gap (0: isotropic, 1..3: nodal; integer)"},
};

static double complex agm(double complex a, double complex b) {
  for (int it = 0; it < 60; it++) {
    double complex an = 0.5 * (a + b), bn = csqrt(a * b);
    if (cabs(an - bn) > cabs(an + bn)) bn = -bn;
    a = an;
    b = bn;
    if (cabs(a - b) <= 1e-16 * cabs(a)) break;
  }
  return 0.5 * (a + b);
}

/* θ-averaged DOS for a nodal gap (l >= 1). */
static double nodal_n(double E, double d, double g) {
  double complex z = E + I * g;
  if (d == 0.0) return 1.0;
  if (cabs(z) == 0.0) return 0.0;
  double complex kp = csqrt(z - d) * csqrt(z + d) / z;
  if (cabs(kp) == 0.0) return INFINITY;
  return creal(1.0 / agm(1.0, kp));
}

static int aniso_eval(const double *p, const double *E, size_t n, double *N, double *N_up,
                      double *N_down) {
  int l = (int)p[2];
  for (size_t i = 0; i < n; i++) {
    double v = l == 0 ? sfhet_dynes_n(E[i], p[0], p[1]) : nodal_n(E[i], p[0], p[1]);
    if (N) N[i] = v;
    if (N_up) N_up[i] = 0.5 * v;
    if (N_down) N_down[i] = 0.5 * v;
    if (isinf(v)) return dos_divergence("aniso", E[i], "E = ±delta");
  }
  return SFHET_OK;
}

static double aniso_width(const double *p) { return p[1]; }

static size_t aniso_edges(const double *p, double *E, size_t max) { return dos_edges_split(p[0], 0.0, E, max); }

static void aniso_start(double gap, double width, double *p) {
  p[0] = gap;
  p[1] = width;
}

/* l = 0 is the Dynes DOS: its closed-form energy derivative applies. */
static int aniso_de(const double *p, const double *E, size_t n, int nch, double *const *N,
                    double *const *dN) {
  if (p[2] != 0.0 || !(p[1] > 0.0)) return SFHET_CONTINUE;
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

static const char *aniso_note(const double *p) {
  return p[2] >= 1.0 ? "the theta-averaged DOS of a gap cos(l theta) is the same for l = 1, 2 and 3: this "
                       "fit cannot tell p-, d- and f-wave pairing apart (docs/dos.md)"
                     : NULL;
}

const sfhet_dos_info sfhet_dos_aniso = {
    .name = "aniso",
    .summary = "anisotropic gap Δ0·cos(lθ), θ-averaged Dynes DOS",
    .reference = "seed 001 eq. 1 (Δ0² cos²(lθ) under the root); closed form via the complete elliptic integral",
    .n_params = sizeof aniso_params / sizeof aniso_params[0],
    .params = aniso_params,
    .spin_resolved = 0,
    .eval = aniso_eval,
    .width = aniso_width,
    .edges = aniso_edges,
    .start = aniso_start,
    .eval_de = aniso_de,
    .fit_note = aniso_note,
    .n_tests = 4,
    .tests = {{.p = {0.86, 0.05, 0}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS, .bcs_delta = 0.86,
               .bcs_gamma = 0.05},
              {.p = {0.86, 0.03, 2}, .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_FIT, .free = "delta,gamma"},
              {.p = {0.86, 0.04, 3}, .checks = SFHET_DOS_TEST_EVEN},
              {.p = {0.86, 0.01, 1}, .checks = SFHET_DOS_TEST_EVEN}},
};
