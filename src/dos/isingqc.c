/* Ising superconductor with exchange field and defect scattering (seed 002; quasiclassical Nambu–spin
 * Green's functions with the self-consistent Born self-energy, src/isingqc and docs/isingqc.md):
 *   N_σ(E) = ½ Re Tr_p[½(1 + σ n·σ) ⟨sign Ľ_s(E + iΓ)⟩],  n = the b direction (axis 0) or z (axis 1).
 * With Γ > 0, N is interpolated from Chebyshev panels solved once per parameter set and thread
 * (src/isingqc/qc_mesh.c; accuracy ~1e-9), so dN/dE comes in closed form from the same panels; with
 * Γ = 0 every energy is solved directly. N(E) = N(−E) always (particle–hole symmetry), while
 * N_↑(E) = N_↓(−E). */
#include <math.h>

#include "dos/dos_common.h"
#include "isingqc/qc_mesh.h"
#include "isingqc/qc_ws.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"

static double max_abs(const double *E, size_t n) {
  double m = 0.0;
  for (size_t i = 0; i < n; i++) m = fmax(m, fabs(E[i]));
  return m;
}

static int check_energies(const double *E, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isfinite(E[i])) SFHET_ERROR(SFHET_ERANGE, "isingqc: energies must be finite");
  return SFHET_OK;
}

/* Γ = 0: the Born equations at every energy, warm-started from the thread's previous energy. */
static int direct(qc_tls *t, const double *p, const double *E, size_t n, double *N, double *up, double *dn) {
  qc_solver *sv = qc_tls_solver(t, p);
  for (size_t i = 0; i < n; i++) {
    qc_scba st;
    double u, d;
    double span = 0.05 * (p[SFHET_ISINGQC_DELTA] + p[SFHET_ISINGQC_B]) + 1e-6;
    const qc_c *g = t->have_last && fabs(E[i] - t->E_last) < span ? t->G_last : NULL;
    SFHET_TRY(qc_dos_point(sv, E[i], g, &st, &u, &d, NULL));
    for (int k = 0; k < 16; k++) t->G_last[k] = st.G[k];
    t->E_last = E[i], t->have_last = 1;
    if (N) N[i] = u + d;
    if (up) up[i] = u;
    if (dn) dn[i] = d;
  }
  return SFHET_OK;
}

static int isingqc_eval(const double *p, const double *E, size_t n, double *N, double *N_up, double *N_down) {
  SFHET_TRY(check_energies(E, n));
  qc_tls *t = qc_tls_get();
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0)) return direct(t, p, E, n, N, N_up, N_down);
  qc_mesh *m;
  SFHET_TRY(qc_mesh_get(t, p, max_abs(E, n), &m));
  for (size_t i = 0; i < n; i++) {
    double u, d;
    qc_mesh_eval(m, E[i], &u, &d, NULL, NULL);
    if (N) N[i] = u + d;
    if (N_up) N_up[i] = u;
    if (N_down) N_down[i] = d;
  }
  return SFHET_OK;
}

static int isingqc_de(const double *p, const double *E, size_t n, int nch, double *const *N, double *const *dN) {
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0)) return SFHET_CONTINUE;
  SFHET_TRY(check_energies(E, n));
  qc_tls *t = qc_tls_get();
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  qc_mesh *m;
  SFHET_TRY(qc_mesh_get(t, p, max_abs(E, n), &m));
  for (size_t i = 0; i < n; i++) {
    double u, d, du, dd;
    qc_mesh_eval(m, E[i], &u, &d, &du, &dd);
    if (nch == 1) {
      N[0][i] = u + d;
      if (dN) dN[0][i] = du + dd;
    } else {
      N[0][i] = u, N[1][i] = d;
      if (dN) dN[0][i] = du, dN[1][i] = dd;
    }
  }
  return SFHET_OK;
}

static double isingqc_width(const double *p) { return p[SFHET_ISINGQC_GAMMA]; }

/* Gap edges ±Δ and, for a field component along c, the Zeeman-split edges ±Δ ± b cos θ; in-plane
 * fields and defects move the edges only by O(b²/Δso, η) (the quadratures find them). */
static size_t isingqc_edges(const double *p, double *E, size_t max) {
  double bz = p[SFHET_ISINGQC_B] * fabs(cos(p[SFHET_ISINGQC_THETA] * M_PI / 180.0));
  return dos_edges_split(p[SFHET_ISINGQC_DELTA], bz < 1e-12 * p[SFHET_ISINGQC_B] ? 0.0 : bz, E, max);
}

static void isingqc_start(double gap, double width, double *p) {
  p[SFHET_ISINGQC_DELTA] = gap;
  p[SFHET_ISINGQC_GAMMA] = width;
}

static const char *isingqc_note(const double *p) {
  double st = sin(p[SFHET_ISINGQC_THETA] * M_PI / 180.0);
  if (p[SFHET_ISINGQC_B] * fabs(st) < 1e-9 && p[SFHET_ISINGQC_ETA] > 0.0)
    return "scalar disorder eta has no effect without an in-plane exchange field (Anderson's theorem): "
           "its error is meaningless";
  return NULL;
}

const sfhet_dos_info sfhet_dos_isingqc = {
    .name = "isingqc",
    .summary = "Ising SC, exchange field and defects (seed 002; Born, spin-resolved)",
    .reference = "Wickramaratne et al. (seed 002); quasiclassical SCBA, docs/isingqc.md",
    .n_params = SFHET_ISINGQC_NPARAMS,
    .params = sfhet_isingqc_params,
    .spin_resolved = 1,
    .eval = isingqc_eval,
    .width = isingqc_width,
    .edges = isingqc_edges,
    .start = isingqc_start,
    .eval_de = isingqc_de,
    .fit_note = isingqc_note,
    .n_tests = 4,
    /* p: delta, gamma, dso, b, theta, phi, eta, eta_x, eta_y, eta_z, soc, axis */
    .tests = {{.p = {0.86, 0.03, 12.0, 0, 90, 0, 0, 0, 0, 0, 0, 0},
               .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS, .bcs_delta = 0.86, .bcs_gamma = 0.03},
              {.p = {0.86, 0.03, 12.0, 0.15, 0, 0, 0.5, 0, 0, 0, 0, 0}, .checks = SFHET_DOS_TEST_EVEN},
              {.p = {0.86, 0.03, 0.3, 0.2, 90, 0, 0.3, 0, 0, 0, 0, 0}, .checks = SFHET_DOS_TEST_EVEN |
               SFHET_DOS_TEST_FIT, .free = "b,eta"},
              {.p = {0.86, 0.05, 2.0, 0.25, 60, 30, 0.2, 0.02, 0.01, 0.03, 1, 1}, .checks = SFHET_DOS_TEST_EVEN}},
};
