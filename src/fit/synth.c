/* Synthetic spectra and field sweeps (sfhet/synth.h). */
#include "sfhet/synth.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"

void sfhet_synth_init(sfhet_synth *s, const sfhet_junction *j) {
  memset(s, 0, sizeof *s);
  s->base = *j;
  s->Bsat = 0.4;
  s->gnn = 1.0;
}

int sfhet_synth_check(const sfhet_synth *s) {
  if (!(s->Bsat > 0.0) || !isfinite(s->Bsat)) SFHET_ERROR(SFHET_ERANGE, "--Bsat: must be > 0, got %g", s->Bsat);
  if (!(s->lag >= 0.0) || !isfinite(s->lag)) SFHET_ERROR(SFHET_ERANGE, "--lag: must be >= 0, got %g", s->lag);
  if (!(s->noise >= 0.0) || !isfinite(s->noise)) SFHET_ERROR(SFHET_ERANGE, "--noise: must be >= 0, got %g", s->noise);
  if (!(s->gnn > 0.0) || !isfinite(s->gnn)) SFHET_ERROR(SFHET_ERANGE, "--gnn: must be > 0, got %g", s->gnn);
  if (!isfinite(s->V0)) SFHET_ERROR(SFHET_ERANGE, "--V0: must be finite");
  SFHET_TRY(sfhet_junction_check(&s->base));
  for (size_t k = 0; k < sfhet_junction_nparams(&s->base); k++) {
    if (s->change[k] == 0.0) continue;
    const sfhet_param_info *q = sfhet_junction_param(&s->base, k);
    char what[80];
    snprintf(what, sizeof what, "--d%s: %s at saturation", q->name, q->name);
    double v;
    SFHET_TRY(sfhet_junction_get(&s->base, q->name, &v));
    SFHET_TRY(sfhet_param_check(q, v + s->change[k], what));
  }
  return SFHET_OK;
}

double sfhet_synth_profile(const sfhet_synth *s, double B, int dir) {
  double f = fmin(fabs(B - (double)dir * s->lag) / s->Bsat, 1.0);
  return f * f;
}

int sfhet_synth_junction(const sfhet_synth *s, double B, int dir, sfhet_junction *out) {
  *out = s->base;
  double f = sfhet_synth_profile(s, B, dir);
  for (size_t k = 0; k < sfhet_junction_nparams(out); k++) {
    if (s->change[k] == 0.0 || sfhet_junction_tied(out, k)) continue;
    double v;
    SFHET_TRY(sfhet_junction_get(&s->base, sfhet_junction_param(out, k)->name, &v));
    SFHET_TRY(sfhet_junction_set_index(out, k, v + s->change[k] * f));
  }
  return SFHET_OK;
}

int sfhet_synth_spectrum(const sfhet_synth *s, double B, int dir, const double *V, size_t n, void *rng,
                         double *y, sfhet_junction_ws *ws) {
  sfhet_junction j;
  SFHET_TRY(sfhet_synth_junction(s, B, dir, &j));
  double *Vs = malloc((n ? n : 1) * sizeof *Vs);
  if (!Vs) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) Vs[i] = V[i] - s->V0;
  int st = sfhet_junction_eval(&j, Vs, n, y, NULL, NULL, ws);
  free(Vs);
  for (size_t i = 0; i < n && !st; i++)
    y[i] = s->gnn * y[i] + (s->noise > 0.0 && rng ? gsl_ran_gaussian(rng, s->noise) : 0.0);
  return st;
}
