/* The first stages of the device chain: the sweep, the CrBr3 macrospin along it (seed 000 Extended
 * Data Fig. 2 through the crbr3 magnet model and sfhet_mag_trace) and the exchange field on the
 * electrodes, b = λ m + (g/2) μB B (docs/device.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "device/dev_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

int sfhet_device_sweep(const double *B, size_t n, int up, int down, sfhet_device_field **out, size_t *nout) {
  *out = NULL, *nout = 0;
  if (n == 0 || (!up && !down)) SFHET_ERROR(SFHET_EINVAL, "--B: no field points");
  size_t m = (up ? n : 0) + (down ? n : 0);
  sfhet_device_field *f = malloc(m * sizeof *f);
  if (!f) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  size_t k = 0;
  for (size_t i = 0; up && i < n; i++) f[k++] = (sfhet_device_field){B[i], 1};
  for (size_t i = 0; down && i < n; i++) f[k++] = (sfhet_device_field){B[n - 1 - i], -1};
  *out = f, *nout = m;
  return SFHET_OK;
}

int dev_magnet(const double *p, const sfhet_device_field *f, size_t nf, double *m, sfhet_device_ws *ws) {
  const sfhet_mag_model *model = sfhet_mag_model_find("crbr3");
  if (!model) SFHET_ERROR(SFHET_EFAILED, "device: magnet model crbr3 missing");
  double mp[2] = {p[SFHET_DEVICE_HK], p[SFHET_DEVICE_HN]};
  sfhet_mag_system sys;
  SFHET_TRY(model->build(mp, 1, &sys));
  double *H = malloc(nf * sizeof *H);
  if (!H) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  for (size_t i = 0; i < nf; i++) H[i] = f[i].B;
  const double m0[3] = {0.0, 0.0, 1.0};
  sfhet_mag_loop loop = {.H = H, .nh = nf, .m0 = m0};
  sfhet_mag_field_dir(90.0, loop.u);
  sfhet_mag_result res = {0};
  int st = sfhet_mag_trace(ws->mag, &sys, &loop, &res);
  if (!st) memcpy(m, res.m, 3 * nf * sizeof *m);
  sfhet_mag_result_free(&res);
  free(H);
  if (st) SFHET_ERROR(st, "device: the CrBr3 macrospin did not relax along the sweep (try a finer --B grid)");
  return SFHET_OK;
}

void dev_exchange(const double *p, double B, const double *m, double *b, double *theta, double *phi) {
  double zee = 0.5 * p[SFHET_DEVICE_G] * SFHET_MU_B_MEV * B, lam = p[SFHET_DEVICE_LAMBDA];
  double bx = lam * m[0] + zee, by = lam * m[1], bz = lam * m[2];
  double bp = hypot(bx, by);
  *b = hypot(bp, bz);
  *theta = *b > 0.0 ? atan2(bp, bz) * 180.0 / M_PI : 0.0;
  *phi = bp > 0.0 ? atan2(by, bx) * 180.0 / M_PI : 0.0;
}

void dev_qc_params(const double *p, double b, double theta, double phi, double delta, double gamma, double *q) {
  sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, q);
  q[SFHET_ISINGQC_DELTA] = delta;
  q[SFHET_ISINGQC_GAMMA] = gamma;
  q[SFHET_ISINGQC_DSO] = p[SFHET_DEVICE_DSO];
  q[SFHET_ISINGQC_B] = b;
  q[SFHET_ISINGQC_THETA] = theta;
  q[SFHET_ISINGQC_PHI] = phi;
  q[SFHET_ISINGQC_ETA] = p[SFHET_DEVICE_ETA];
  q[SFHET_ISINGQC_ETA_X] = p[SFHET_DEVICE_ETA_X];
  q[SFHET_ISINGQC_ETA_Y] = p[SFHET_DEVICE_ETA_Y];
  q[SFHET_ISINGQC_ETA_Z] = p[SFHET_DEVICE_ETA_Z];
  q[SFHET_ISINGQC_SOC] = 0.0;
  q[SFHET_ISINGQC_AXIS] = 0.0;
}
