/* Ferromagnet / Ising superconductor / ferromagnet stack, seed 003 eq. 13 generalised to 3D:
 * E = sum_i (K_i - chi_s J^2/2) sin^2(theta_i) - chi_s J^2 (m_1x m_2x + m_1y m_2y) - H.(Ms1 m_1 + Ms2 m_2)
 * + Jex m_1.m_2. The in-plane product reduces to sin(theta_1) sin(theta_2) for phi_1 = phi_2. Energy
 * densities in an arbitrary unit u (the paper's chi_s(0) J^2), Ms in u/T, so fields come out in T. */
#include <math.h>

#include "sfhet/error.h"
#include "sfhet/magnet.h"

static const sfhet_param_info fsf_params[] = {
    {"K1", "K_1", SFHET_DIM_NONE, 1.05, -INFINITY, INFINITY, 0,
     "anisotropy constant of magnet 1 (energy density, unit u = chi_s(0) J^2 by convention)"},
    {"K2", "K_2", SFHET_DIM_NONE, 0.9375, -INFINITY, INFINITY, 0, "anisotropy constant of magnet 2 [u]"},
    {"Ms1", "M_s1", SFHET_DIM_NONE, 1.12, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "saturation magnetisation of magnet 1 [u/T]"},
    {"Ms2", "M_s2", SFHET_DIM_NONE, 1.0, 0.0, INFINITY, SFHET_PARAM_LO_OPEN,
     "saturation magnetisation of magnet 2 [u/T]"},
    {"chiJ2", "chi_s J^2", SFHET_DIM_NONE, 1.0, 0.0, INFINITY, 0,
     "superconductor term chi_s J^2 [u] (at T = 0 when --chi-table is given)"},
    {"Jex", "J_ex", SFHET_DIM_NONE, 0.0, -INFINITY, INFINITY, 0,
     "direct interlayer exchange Jex m_1.m_2 [u] (not in eq. 13; default 0)"},
};

static int fsf_build(const double *p, size_t layers, sfhet_mag_system *s) {
  (void)layers;
  SFHET_TRY(sfhet_mag_init(s, 2));
  double chi = p[4];
  s->K[0] = p[0] - 0.5 * chi;
  s->K[1] = p[1] - 0.5 * chi;
  s->M[0] = p[2];
  s->M[1] = p[3];
  return sfhet_mag_add_pair(s, 0, 1, p[5] - chi, p[5] - chi, p[5]);
}

/* Default loop: 3 max(|K1|, |K2|, chi_s J^2)/min(Ms1, Ms2) (coercive fields are 2|K_i - chi_s J^2|/Ms_i
 * or less); 1 T when all vanish. */
static double fsf_field_scale(const double *p, size_t layers) {
  (void)layers;
  double k = fmax(fmax(fabs(p[0]), fabs(p[1])), fabs(p[4]));
  double h = 3.0 * k / fmin(p[2], p[3]);
  return h > 0 ? h : 1.0; /* may be infinite: the command then asks for --H */
}

/* T*: chi_s(T*) J^2 = (K1 + K2)/2 (out-of-plane and in-plane parallel states degenerate at H = 0). */
static double fsf_chi_threshold(const double *p) { return 0.5 * (p[0] + p[1]); }

const sfhet_mag_model sfhet_mag_model_fsf = {
    .name = "fsf",
    .summary = "two ferromagnets coupled through an Ising superconductor",
    .reference = "seed 003 eqs. 11-15",
    .n_params = sizeof fsf_params / sizeof fsf_params[0],
    .params = fsf_params,
    .psi_default = 0.0,
    .flags = SFHET_MAG_CHI_T,
    .chi_param = 4,
    .energy_unit = "u",
    .build = fsf_build,
    .field_scale = fsf_field_scale,
    .chi_threshold = fsf_chi_threshold,
};

int sfhet_fsf_chi_interp(const double *T, const double *c, size_t n, double chiJ2_0, double t,
                         double *chiJ2) {
  if (n < 1 || !(c[0] != 0)) SFHET_ERROR(SFHET_EDATA, "chi table: empty or zero at its lowest T");
  if (t < T[0] || t > T[n - 1])
    SFHET_ERROR(SFHET_ERANGE, "--T: %g K outside the chi table range [%g, %g] K", t, T[0], T[n - 1]);
  size_t k = 0;
  while (k + 1 < n && T[k + 1] < t) k++;
  double v = c[k];
  if (k + 1 < n && T[k + 1] > T[k]) v += (c[k + 1] - c[k]) * (t - T[k]) / (T[k + 1] - T[k]);
  *chiJ2 = chiJ2_0 * v / c[0];
  return SFHET_OK;
}

/* First crossing of chiJ2_0 c(T)/c(T_0) with target, linearly interpolated. */
static int chi_crossing(const double *T, const double *c, size_t n, double chiJ2_0, double target,
                        double *tstar) {
  if (n < 2 || !(c[0] != 0)) SFHET_ERROR(SFHET_EDATA, "chi table: fewer than 2 rows or zero at lowest T");
  for (size_t k = 0; k + 1 < n; k++) {
    double a = chiJ2_0 * c[k] / c[0] - target, b = chiJ2_0 * c[k + 1] / c[0] - target;
    if (a == 0) {
      *tstar = T[k];
      return SFHET_OK;
    }
    if (a * b < 0) {
      *tstar = T[k] + (T[k + 1] - T[k]) * a / (a - b);
      return SFHET_OK;
    }
  }
  SFHET_ERROR(SFHET_ENOSOL, "no T* in the chi table: chi_s(T) J^2 never crosses %g", target);
}

int sfhet_fsf_tstar(const double *T, const double *c, size_t n, double chiJ2_0, double K1, double K2,
                    double *tstar) {
  return chi_crossing(T, c, n, chiJ2_0, 0.5 * (K1 + K2), tstar);
}

int sfhet_mag_tstar(const sfhet_mag_model *m, const double *p, const double *T, const double *c,
                    size_t n, double *tstar) {
  if (!(m->flags & SFHET_MAG_CHI_T) || m->chi_param < 0 || !m->chi_threshold)
    SFHET_ERROR(SFHET_ENOSOL, "model %s has no T*", m->name);
  return chi_crossing(T, c, n, p[m->chi_param], m->chi_threshold(p), tstar);
}
