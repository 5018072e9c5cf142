/* A tunnel junction (sfhet/junction.h) as a fit model over its named parameters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/fit.h"

/* Whether junction parameter k belongs to the second electrode. */
static int is_side2(const sfhet_junction *j, size_t k) {
  size_t n1 = j->dos1->n_params, nj = sfhet_junction_nparams(j);
  size_t nmeas = nj - n1 - (j->kind == SFHET_JUNCTION_SIS ? (j->dos2 ? j->dos2 : j->dos1)->n_params : 0);
  return j->kind == SFHET_JUNCTION_SIS && k >= n1 && k < nj - nmeas;
}

static int jm_eval(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y,
                   void *ws) {
  const sfhet_fit_junction *fj = m->data;
  sfhet_junction j = fj->j;
  if (j.rel_tol == 0) j.rel_tol = 1e-5; /* smooth enough for the fit's finite-difference Jacobian */
  size_t n1 = j.dos1->n_params;
  for (size_t k = 0; k < m->np; k++) {
    SFHET_TRY(sfhet_junction_set(&j, m->info[k].name, p[k]));
    if (fj->tie_second && k < n1) {
      char name2[64];
      snprintf(name2, sizeof name2, "%s2", m->info[k].name);
      SFHET_TRY(sfhet_junction_set(&j, name2, p[k]));
    }
  }
  return sfhet_junction_eval(&j, x, n, y, NULL, NULL, ws);
}

static void *jm_ws_alloc(const sfhet_fit_model *m) { return sfhet_junction_ws_alloc(); }

static void jm_ws_free(void *ws) { sfhet_junction_ws_free(ws); }

int sfhet_fit_junction_model(sfhet_fit_model *m, const sfhet_fit_junction *fj) {
  memset(m, 0, sizeof *m);
  const sfhet_junction *j = &fj->j;
  int tie = fj->tie_second && j->kind == SFHET_JUNCTION_SIS && (!j->dos2 || j->dos2 == j->dos1);
  if (fj->tie_second && !tie)
    SFHET_ERROR(SFHET_EINVAL, "fit: the second electrode can follow the first only for an SIS junction "
                "with the same DOS model on both sides");
  size_t nj = sfhet_junction_nparams(j);
  for (size_t k = 0; k < nj; k++) {
    if (tie && is_side2(j, k)) continue;
    if (m->np >= SFHET_FIT_MAX_PARAMS - SFHET_FIT_NUISANCE)
      SFHET_ERROR(SFHET_EINVAL, "fit: the junction has too many parameters");
    const sfhet_param_info *q = sfhet_junction_param(j, k);
    m->info[m->np] = *q;
    SFHET_TRY(sfhet_junction_get(j, q->name, &m->info[m->np].def));
    m->np++;
  }
  m->eval = jm_eval;
  m->ws_alloc = jm_ws_alloc;
  m->ws_free = jm_ws_free;
  m->data = fj;
  m->peak_factor = j->kind == SFHET_JUNCTION_SIS ? 2.0 : 1.0;
  return SFHET_OK;
}
