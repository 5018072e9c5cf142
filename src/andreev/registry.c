/* The Andreev-reflection models, their workspace and parameter checks. */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "andreev/andreev_int.h"
#include "sfhet/error.h"


static const sfhet_andreev_info *const models[] = {&sfhet_andreev_btk, &sfhet_andreev_tk};

size_t sfhet_andreev_count(void) { return sizeof models / sizeof models[0]; }

const sfhet_andreev_info *sfhet_andreev_get(size_t i) {
  return i < sfhet_andreev_count() ? models[i] : NULL;
}

const sfhet_andreev_info *sfhet_andreev_find(const char *name) {
  for (size_t i = 0; name && i < sfhet_andreev_count(); i++)
    if (strcmp(models[i]->name, name) == 0) return models[i];
  return NULL;
}

int sfhet_andreev_check(const sfhet_andreev_info *m, const double *p) {
  char what[40];
  for (size_t k = 0; k < m->n_params; k++) {
    snprintf(what, sizeof what, "--%s", m->params[k].name);
    SFHET_TRY(sfhet_param_check(&m->params[k], p[k], what));
  }
  return SFHET_OK;
}

int sfhet_andreev_variant(const sfhet_andreev_info *m, const char *name, double *value) {
  for (size_t k = 0; name && k < m->n_variants; k++)
    if (strcmp(m->variants[k], name) == 0) {
      *value = (double)k;
      return SFHET_OK;
    }
  SFHET_ERROR(SFHET_EINVAL, "--%s: '%s' is not one of the %s model's variants",
              m->params[m->variant].name, name ? name : "", m->name);
}

/* Composite nodes of np panels on (a, b) from the reference rule. */
static void panels(const sfhet_andreev_ws *ws, double a, double b, size_t np, double *x, double *w) {
  double h = (b - a) / (double)np;
  for (size_t q = 0; q < np; q++)
    for (size_t i = 0; i < ANDREEV_GL; i++) {
      x[q * ANDREEV_GL + i] = a + h * ((double)q + 0.5 * (1.0 + ws->gl_x[i]));
      w[q * ANDREEV_GL + i] = 0.5 * h * ws->gl_w[i];
    }
}

void andreev_theta_panels(sfhet_andreev_ws *ws, size_t np) {
  if (np < ANDREEV_THETA_PANELS_MIN) np = ANDREEV_THETA_PANELS_MIN;
  if (np > ANDREEV_THETA_PANELS_MAX) np = ANDREEV_THETA_PANELS_MAX;
  if (ws->n_theta == np * ANDREEV_GL) return;
  panels(ws, -M_PI / 2, M_PI / 2, np, ws->theta, ws->theta_w);
  ws->n_theta = np * ANDREEV_GL;
}

sfhet_andreev_ws *sfhet_andreev_ws_alloc(void) {
  sfhet_andreev_ws *ws = malloc(sizeof *ws);
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(ANDREEV_GL);
  if (!ws || !t) {
    free(ws);
    if (t) gsl_integration_glfixed_table_free(t);
    return NULL;
  }
  for (size_t i = 0; i < ANDREEV_GL; i++)
    gsl_integration_glfixed_point(-1.0, 1.0, i, &ws->gl_x[i], &ws->gl_w[i], t);
  gsl_integration_glfixed_table_free(t);
  ws->n_theta = 0;
  andreev_theta_panels(ws, ANDREEV_THETA_PANELS_MIN);
  panels(ws, 0.0, 1.0, ANDREEV_S_PANELS, ws->s, ws->s_w);
  return ws;
}

void sfhet_andreev_ws_free(sfhet_andreev_ws *ws) { free(ws); }

sfhet_andreev_ws *andreev_ws_or_tmp(sfhet_andreev_ws *ws, sfhet_andreev_ws **tmp) {
  *tmp = NULL;
  if (ws) return ws;
  return *tmp = sfhet_andreev_ws_alloc();
}
