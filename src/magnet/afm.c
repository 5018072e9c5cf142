/* A-type antiferromagnetic stack of N layers (macrospin per layer): E = HE sum_i m_i.m_{i+1}
 * - (HA/2) sum_i m_iz^2 - H.sum_i m_i (field units). The bilayer (N = 2) has the closed forms
 * H_flop = sqrt(HA (2HE - HA)), H_sat = 2HE - HA for HE > HA (seed 004: MnBi2Te4 flop ~3 T, saturation
 * ~8 T) and a direct spin flip at H = HE for HE <= HA. */
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

/* Default loop: 1.25 x the largest of the saturation field (bilayer closed form, or the instability of
 * the saturated N-layer chain HE (2 + 2 cos(pi/N)) - HA) and the end of the metastable antiparallel
 * state sqrt(HA (2HE + HA)); 1 T when both vanish. */
static double afm_field_scale(const double *p, size_t layers) {
  double HE = p[0], HA = p[1], flop, sat;
  sfhet_afm_fields(HE, HA, &flop, &sat);
  if (layers > 2) sat = HE * (2.0 + 2.0 * cos(M_PI / (double)layers)) - HA;
  double h = fmax(sat, sqrt(HA) * sqrt(2.0 * HE + HA));
  return h > 0 ? 1.25 * h : 1.0;
}

static size_t afm_closed_forms(const double *p, size_t layers, sfhet_mag_value *out, size_t max) {
  (void)layers;
  if (max < 2) return 0;
  double flop, sat;
  sfhet_afm_fields(p[0], p[1], &flop, &sat);
  out[0] = (sfhet_mag_value){"bilayer_flop_T", flop};
  out[1] = (sfhet_mag_value){"bilayer_sat_T", sat};
  return 2;
}

static int afm_invert(const double in[2], const double in_err[2], double out[2], double out_err[2]) {
  return sfhet_afm_fit(in[0], in_err[0], in[1], in_err[1], &out[0], &out_err[0], &out[1], &out_err[1]);
}

static const sfhet_mag_inversion afm_inversion = {
    .in = {"flop", "sat"},
    .in_help = {"measured spin-flop field (with --sat: fit HE, HA of the bilayer)",
                "measured saturation field"},
    .out = {"HE", "HA"},
    .invert = afm_invert,
};

const sfhet_mag_model sfhet_mag_model_afm = {
    .name = "afm",
    .summary = "A-type antiferromagnetic stack (bilayer by default; --layers N)",
    .reference = "seed 004 (MnBi2Te4 spin flop and saturation); docs/magnet.md",
    .n_params = sizeof afm_params / sizeof afm_params[0],
    .params = afm_params,
    .psi_default = 0.0,
    .flags = SFHET_MAG_LAYERS,
    .layers_min = 2,
    .chi_param = -1,
    .energy_unit = "T (per unit moment)",
    .build = afm_build,
    .field_scale = afm_field_scale,
    .closed_forms = afm_closed_forms,
    .inversion = &afm_inversion,
};

void sfhet_afm_fields(double HE, double HA, double *H_flop, double *H_sat) {
  if (HE > HA) {
    *H_flop = sqrt(HA * (2.0 * HE - HA));
    *H_sat = 2.0 * HE - HA;
  } else { /* the flop phase never has the lowest energy: antiparallel -> parallel at H = HE */
    *H_flop = NAN;
    *H_sat = HE;
  }
}

int sfhet_afm_fit(double Hf, double Hf_err, double Hs, double Hs_err, double *HE, double *HE_err,
                  double *HA, double *HA_err) {
  if (!(Hf > 0) || !(Hs > Hf) || !isfinite(Hs))
    SFHET_ERROR(SFHET_EINVAL, "--flop, --sat: need 0 < flop < sat (got %g T and %g T)", Hf, Hs);
  if (!(Hf_err >= 0) || !(Hs_err >= 0) || !isfinite(Hf_err) || !isfinite(Hs_err))
    SFHET_ERROR(SFHET_EINVAL, "--flop-err, --sat-err: field errors must be finite and >= 0");
  double r = Hf / Hs; /* < 1: the products below cannot overflow where the fields do not */
  *HA = Hf * r;
  *HE = 0.5 * Hs + 0.5 * *HA;
  double dA_df = 2.0 * r, dA_ds = -r * r;
  *HA_err = hypot(dA_df * Hf_err, dA_ds * Hs_err);
  *HE_err = 0.5 * hypot(dA_df * Hf_err, (1.0 + dA_ds) * Hs_err);
  if (!isfinite(*HA_err) || !isfinite(*HE_err))
    SFHET_ERROR(SFHET_EINVAL, "--flop-err, --sat-err: the propagated errors overflow (got %g T and %g T)",
                Hf_err, Hs_err);
  return SFHET_OK;
}
