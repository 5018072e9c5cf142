/* Registry of macrospin models and presets. */
#include <math.h>
#include <string.h>

#include "sfhet/magnet.h"

extern const sfhet_mag_model sfhet_mag_model_sw, sfhet_mag_model_afm, sfhet_mag_model_fsf,
    sfhet_mag_model_crbr3;

static const sfhet_mag_model *const models[] = {&sfhet_mag_model_sw, &sfhet_mag_model_afm,
                                                &sfhet_mag_model_fsf, &sfhet_mag_model_crbr3};

size_t sfhet_mag_model_count(void) { return sizeof models / sizeof models[0]; }
const sfhet_mag_model *sfhet_mag_model_get(size_t i) { return i < sfhet_mag_model_count() ? models[i] : NULL; }

const sfhet_mag_model *sfhet_mag_model_find(const char *name) {
  for (size_t i = 0; name && i < sfhet_mag_model_count(); i++)
    if (strcmp(models[i]->name, name) == 0) return models[i];
  return NULL;
}

int sfhet_mag_model_param(const sfhet_mag_model *m, const char *name) {
  return sfhet_param_find(m->params, m->n_params, name);
}

/* K2 = K1/1.12 and Ms1 = 1.12 Ms2 as in seed 003 Fig. 4. */
#define FIG4(k1) {"K1", "K2", "Ms1", "Ms2", "chiJ2"}, {k1, (k1) / 1.12, 1.12, 1.0, 1.0}
static const sfhet_mag_preset presets[] = {
    {"mnbi2te4", &sfhet_mag_model_afm,
     "MnBi2Te4 bilayer form: H_E = 4.5625 T, H_A = 1.125 T (flop 3 T, saturation 8 T, seed 004)",
     {"HE", "HA"}, {4.5625, 1.125}, NAN},
    {"crbr3", &sfhet_mag_model_crbr3, "CrBr3: H_K = 0.35 T, H_n = 10 mT (seed 000 Extended Data Fig. 2)",
     {"HK", "Hn"}, {0.35, 0.010}, NAN},
    {"fig4a", &sfhet_mag_model_fsf,
     "seed 003 Fig. 4a: K1 = 1.05 chi_s(0)J^2, K1 = 1.12 K2, Ms1 = 1.12 Ms2, field out of plane",
     FIG4(1.05), 0.0},
    {"fig4b", &sfhet_mag_model_fsf, "seed 003 Fig. 4b: K1 = 0.95 chi_s(0)J^2, field out of plane",
     FIG4(0.95), 0.0},
    {"fig4c", &sfhet_mag_model_fsf, "seed 003 Fig. 4c: K1 = 0.85 chi_s(0)J^2, field out of plane",
     FIG4(0.85), 0.0},
    {"fig4d", &sfhet_mag_model_fsf, "seed 003 Fig. 4d: as fig4c with the field in plane", FIG4(0.85),
     90.0},
};
#undef FIG4

size_t sfhet_mag_preset_count(void) { return sizeof presets / sizeof presets[0]; }
const sfhet_mag_preset *sfhet_mag_preset_get(size_t i) {
  return i < sfhet_mag_preset_count() ? &presets[i] : NULL;
}
const sfhet_mag_preset *sfhet_mag_preset_find(const char *name) {
  for (size_t i = 0; name && i < sfhet_mag_preset_count(); i++)
    if (strcmp(presets[i].name, name) == 0) return &presets[i];
  return NULL;
}

void sfhet_mag_defaults(const sfhet_mag_model *m, const sfhet_mag_preset *preset, double *p,
                        double *psi) {
  sfhet_param_defaults(m->params, m->n_params, p);
  *psi = m->psi_default;
  if (!preset || preset->model != m) return;
  for (size_t k = 0; k < SFHET_MAG_MAX_PARAMS && preset->names[k]; k++) {
    int i = sfhet_mag_model_param(m, preset->names[k]);
    if (i >= 0) p[i] = preset->values[k];
  }
  if (isfinite(preset->psi)) *psi = preset->psi;
}
