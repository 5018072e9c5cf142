/* A-type antiferromagnetic stack of N layers (macrospin per layer): E = HE sum_i m_i.m_{i+1}
 * - (HA/2) sum_i m_iz^2 - H.sum_i m_i (field units). The bilayer (N = 2) has the closed forms
 * H_flop = sqrt(HA (2HE - HA)), H_sat = 2HE - HA (seed 004: MnBi2Te4 flop ~3 T, saturation ~8 T). */
#include <math.h>

#include "sfhet/error.h"
#include "sfhet/magnet.h"

static const sfhet_param_info afm_params[] = {
    {"HE", "H_E", SFHET_DIM_FIELD, 4.5625, 0.0, INFINITY, 0,
     "interlayer antiferromagnetic exchange field H_E (energy HE m_i.m_j per pair)"},
    {"HA", "H_A", SFHET_DIM_FIELD, 1.125, 0.0, INFINITY, 0,
     "uniaxial anisotropy field H_A (energy -(HA/2) m_z^2 per layer, easy axis z)"},
};

static int afm_build(const double *p, size_t layers, sfhet_mag_system *s) {
  if (layers < 2) SFHET_ERROR(SFHET_ERANGE, "--layers: an antiferromagnetic stack needs at least 2 layers");
  SFHET_TRY(sfhet_mag_init(s, layers));
  for (size_t i = 0; i < layers; i++) s->K[i] = 0.5 * p[1];
  for (size_t i = 0; i + 1 < layers; i++) SFHET_TRY(sfhet_mag_add_pair(s, i, i + 1, p[0], p[0], p[0]));
  return SFHET_OK;
}

const sfhet_mag_model sfhet_mag_model_afm = {
    "afm", "A-type antiferromagnetic stack (bilayer by default; --layers N)",
    "seed 004 (MnBi2Te4 spin flop and saturation); docs/magnet.md", 2, afm_params, 0.0, afm_build};

void sfhet_afm_fields(double HE, double HA, double *H_flop, double *H_sat) {
  *H_flop = sqrt(HA * (2.0 * HE - HA));
  *H_sat = 2.0 * HE - HA;
}

int sfhet_afm_fit(double Hf, double Hf_err, double Hs, double Hs_err, double *HE, double *HE_err,
                  double *HA, double *HA_err) {
  if (!(Hf > 0) || !(Hs > Hf))
    SFHET_ERROR(SFHET_EINVAL, "--fit: need 0 < H_flop < H_sat (got %g T and %g T)", Hf, Hs);
  if (!(Hf_err >= 0) || !(Hs_err >= 0)) SFHET_ERROR(SFHET_EINVAL, "--fit: field errors must be >= 0");
  *HA = Hf * Hf / Hs;
  *HE = 0.5 * (Hs + *HA);
  double dA_df = 2.0 * Hf / Hs, dA_ds = -Hf * Hf / (Hs * Hs);
  *HA_err = hypot(dA_df * Hf_err, dA_ds * Hs_err);
  *HE_err = 0.5 * hypot(dA_df * Hf_err, (1.0 + dA_ds) * Hs_err);
  return SFHET_OK;
}
