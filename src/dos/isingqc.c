/* Ising superconductor with exchange field and defect scattering (seed 002; quasiclassical Nambu–spin
 * Green's functions with the self-consistent Born self-energy, src/isingqc and docs/isingqc.md):
 *   N_σ(E) = ½ Re Tr_p[½(1 + σ n·σ) ⟨sign Ľ_s(E + iΓ)⟩],  n = the b direction (axis 0) or z (axis 1).
 * With Γ > 0, N is interpolated from Chebyshev panels solved once per parameter set and thread
 * (src/isingqc/qc_mesh.c; accuracy ~1e-9), so dN/dE comes in closed form from the same panels; with
 * Γ = 0 every energy is solved directly. N(E) = N(−E) always (particle–hole symmetry), while
 * N_↑(E) = N_↓(−E). The spin density s is a vector off the axis in general (a field tilted from c): eval_de
 * gives its transverse components (nch = 4) from the mesh's modes b, e_θ, e_φ, so that SIS junctions
 * form the full spin trace (docs/isingqc.md). */
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

/* Transverse projections of the spin density onto e[0], e[1] (NULL: none wanted), per energy. */
typedef struct {
  const double *e[2];
  double *s[2];
} qc_transverse;

/* Γ = 0: the Born equations at every energy, warm-started from the thread's previous energy; with tr,
 * also s·e1, s·e2 from the same solutions. */
static int direct(qc_tls *t, const double *p, const double *E, size_t n, double *N, double *up, double *dn,
                  const qc_transverse *tr) {
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
    for (int q = 0; tr && q < 2; q++) {
      double a, b;
      qc_spin_dos(st.G, tr->e[q], &a, &b);
      tr->s[q][i] = 0.5 * (a - b);
    }
  }
  return SFHET_OK;
}

static int isingqc_eval(const double *p, const double *E, size_t n, double *N, double *N_up, double *N_down) {
  SFHET_TRY(check_energies(E, n));
  qc_tls *t = qc_tls_get();
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0)) return direct(t, p, E, n, N, N_up, N_down, NULL);
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

/* The axis of the axis mode; the spin density is along b exactly for b ∥ c (C2 about c) and for b in
 * plane with η_x = η_y or b along x or y (mirror symmetries), and vanishes at b = 0. */
static int isingqc_axis(const double *p, double *n) {
  int mode = (int)p[SFHET_ISINGQC_AXIS];
  double th = p[SFHET_ISINGQC_THETA] * M_PI / 180.0, ph = p[SFHET_ISINGQC_PHI] * M_PI / 180.0;
  qc_spin_axis(mode, p[SFHET_ISINGQC_THETA], p[SFHET_ISINGQC_PHI], n);
  if (p[SFHET_ISINGQC_B] == 0.0) return 0;
  int along_c = fabs(sin(th)) < 1e-12, in_plane = fabs(cos(th)) < 1e-12;
  int sym = p[SFHET_ISINGQC_ETA_X] == p[SFHET_ISINGQC_ETA_Y] || fabs(sin(2.0 * ph)) < 1e-12;
  int along_b = along_c || (in_plane && sym);
  return !(along_b && (mode == 0 || (mode == 1 && along_c)));
}

/* Weights c[q][a] = e_q · a_a of the transverse pair e_q of the axis on the axis modes a = 0 (b),
 * 2 (e_θ), 3 (e_φ) (orthonormal; mode 1, c, unused), and the pair itself. */
static void transverse_frame(const double *p, double e[2][3], double c[2][QC_AXES]) {
  double n[3], a[3];
  isingqc_axis(p, n);
  sfhet_spin_frame(n, e[0], e[1]);
  for (int k = 0; k < QC_AXES; k++) {
    qc_spin_axis(k, p[SFHET_ISINGQC_THETA], p[SFHET_ISINGQC_PHI], a);
    for (int q = 0; q < 2; q++) c[q][k] = k == 1 ? 0.0 : e[q][0] * a[0] + e[q][1] * a[1] + e[q][2] * a[2];
  }
}

/* nch = 4 with Γ = 0: direct solutions (values only). */
static int direct4(qc_tls *t, const double *p, const double *E, size_t n, double *const *N) {
  double e[2][3], c[2][QC_AXES];
  transverse_frame(p, e, c);
  qc_transverse tr = {{e[0], e[1]}, {N[2], N[3]}};
  return direct(t, p, E, n, NULL, N[0], N[1], &tr);
}

static int isingqc_de(const double *p, const double *E, size_t n, int nch, double *const *N, double *const *dN) {
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0) && (nch != 4 || dN)) return SFHET_CONTINUE;
  SFHET_TRY(check_energies(E, n));
  qc_tls *t = qc_tls_get();
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0)) return direct4(t, p, E, n, N);
  qc_mesh *m;
  SFHET_TRY(qc_mesh_get(t, p, max_abs(E, n), &m));
  double e[2][3], c[2][QC_AXES];
  if (nch == 4) transverse_frame(p, e, c);
  for (size_t i = 0; i < n; i++) {
    double u, d, du, dd;
    qc_mesh_eval(m, E[i], &u, &d, &du, &dd);
    if (nch == 1) {
      N[0][i] = u + d;
      if (dN) dN[0][i] = du + dd;
      continue;
    }
    N[0][i] = u, N[1][i] = d;
    if (dN) dN[0][i] = du, dN[1][i] = dd;
    if (nch != 4) continue;
    double s[2], ds[2];
    qc_mesh_eval_spin(m, E[i], (const double (*)[QC_AXES])c, s, ds);
    N[2][i] = s[0], N[3][i] = s[1];
    if (dN) dN[2][i] = ds[0], dN[3][i] = ds[1];
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
    .spin_axis = isingqc_axis,
    .n_tests = 4,
    /* p: delta, gamma, dso, b, theta, phi, eta, eta_x, eta_y, eta_z, soc, axis */
    .tests = {{.p = {0.86, 0.03, 12.0, 0, 90, 0, 0, 0, 0, 0, 0, 0},
               .checks = SFHET_DOS_TEST_EVEN | SFHET_DOS_TEST_BCS, .bcs_delta = 0.86, .bcs_gamma = 0.03},
              {.p = {0.86, 0.03, 12.0, 0.15, 0, 0, 0.5, 0, 0, 0, 0, 0}, .checks = SFHET_DOS_TEST_EVEN},
              {.p = {0.86, 0.03, 0.3, 0.2, 90, 0, 0.3, 0, 0, 0, 0, 0}, .checks = SFHET_DOS_TEST_EVEN |
               SFHET_DOS_TEST_FIT, .free = "b,eta"},
              {.p = {0.86, 0.05, 2.0, 0.25, 60, 30, 0.2, 0.02, 0.01, 0.03, 1, 1}, .checks = SFHET_DOS_TEST_EVEN}},
};
