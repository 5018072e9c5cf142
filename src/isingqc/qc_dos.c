/* Spin-resolved density of states with the Born self-energy solved at every energy (no interpolation):
 * N_σ = ½ Re Tr_p[P_σ ⟨g⟩] on the particle block, dN/dE from the linear response of the converged
 * solution (∂Ľ/∂E = τ3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "isingqc/qc_ws.h"
#include "sfhet/error.h"

sfhet_isingqc_ws *sfhet_isingqc_ws_alloc(void) { return calloc(1, sizeof(sfhet_isingqc_ws)); }

void sfhet_isingqc_ws_free(sfhet_isingqc_ws *ws) { free(ws); }

double qc_real_axis_im(const qc_model *m, double E) {
  if (m->gamma > 0.0) return m->gamma;
  return 1e-9 * (fabs(E) + m->delta + hypot(hypot(m->b[0], m->b[1]), m->b[2]) + 1e-3);
}

int qc_dos_point(qc_solver *sv, double E, const qc_c *guess, qc_scba *st, double *up, double *down,
                 double *dN) {
  qc_c z = E + I * qc_real_axis_im(&sv->m, E);
  int s = qc_scba_solve(sv, z, guess, st);
  /* Γ = 0 within ~1e-8 of a square-root edge: the iteration can stall; a 100 or 1e4 times larger
   * regularisation (still 1e-5 of the scale) moves N only there, where the edge is integrable */
  for (int k = 0; s && sv->m.gamma == 0.0 && k < 2; k++) {
    z = E + I * qc_real_axis_im(&sv->m, E) * (k ? 1e4 : 1e2);
    s = qc_scba_solve(sv, z, NULL, st);
  }
  if (!s) qc_spin_dos(st->G, sv->m.axis, up, down);
  if (s) SFHET_ERROR(SFHET_ENOCONV, "isingqc: the Born self-energy did not converge at E = %g meV; try a "
                     "larger --gamma (Dynes broadening) or smaller defect rates", E);
  if (dN) {
    qc_c v[16] = {0}, dG[16];
    v[12] = 1.0;
    if (!qc_scba_response(sv, st, v, 1, dG)) SFHET_ERROR(SFHET_ENOCONV, "isingqc: no dN/dE at E = %g meV", E);
    *dN = creal(dG[0] + dG[12]);
  }
  return SFHET_OK;
}

int sfhet_isingqc_dos(const double *p, const double *E, size_t n, double *N, double *N_up, double *N_down,
                      double *dN, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  qc_solver_init(&ws->sv, p);
  qc_scba st;
  int have = 0;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(E[i])) SFHET_ERROR(SFHET_ERANGE, "--E: energies must be finite");
    double up, dn, d;
    SFHET_TRY(qc_dos_point(&ws->sv, E[i], have ? st.G : NULL, &st, &up, &dn, dN ? &d : NULL));
    have = 1;
    if (N) N[i] = up + dn;
    if (N_up) N_up[i] = up;
    if (N_down) N_down[i] = dn;
    if (dN) dN[i] = d;
  }
  return SFHET_OK;
}
