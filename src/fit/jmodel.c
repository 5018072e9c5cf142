/* A tunnel junction (sfhet/junction.h) as a fit model over its named parameters: every parameter that
 * does not follow another; starts and caveats from the electrodes' DOS descriptors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "junction/deriv.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

/* The junction at fit parameters p (accuracy 1e-5 unless the junction's own is set). */
static int jm_junction(const sfhet_fit_model *m, const double *p, sfhet_junction *j) {
  const sfhet_fit_junction *fj = m->data;
  *j = fj->j;
  if (j->rel_tol == 0) j->rel_tol = 1e-5;
  for (size_t k = 0; k < m->np; k++) SFHET_TRY(sfhet_junction_set_index(j, fj->jidx[k], p[k]));
  return SFHET_OK;
}

static int jm_eval(const sfhet_fit_model *m, const double *p, const double *x, size_t n, double *y,
                   void *ws) {
  sfhet_junction j;
  SFHET_TRY(jm_junction(m, p, &j));
  return sfhet_junction_eval(&j, x, n, y, NULL, NULL, ws);
}

/* Jacobian columns from the engine (junction_derivs: one lattice for all columns, closed-form dN/dp
 * where the model has it, frozen-lattice differences otherwise) and dG/dV for the bias offset. */
static int jm_deriv(const sfhet_fit_model *m, const double *p, const int *want, const double *x, size_t n,
                    double *jac, size_t ld, double *dydx, void *ws) {
  const sfhet_fit_junction *fj = m->data;
  sfhet_junction j;
  SFHET_TRY(jm_junction(m, p, &j));
  size_t kidx[SFHET_FIT_MAX_PARAMS], col[SFHET_FIT_MAX_PARAMS], nc = 0;
  for (size_t k = 0; k < m->np; k++)
    if (want[k]) kidx[nc] = fj->jidx[k], col[nc++] = k;
  double *d = malloc((nc ? nc : 1) * (n ? n : 1) * sizeof *d);
  if (!d) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  int st = junction_derivs(&j, x, n, kidx, nc, NULL, d, nc, dydx, ws);
  for (size_t i = 0; i < n && !st; i++)
    for (size_t c = 0; c < nc; c++) jac[i * ld + col[c]] = d[i * nc + c];
  free(d);
  return st;
}

static void *jm_ws_alloc(const sfhet_fit_model *m) { return sfhet_junction_ws_alloc(); }

static void jm_ws_free(void *ws) { sfhet_junction_ws_free(ws); }

/* Fit index of junction parameter jk, or -1. */
static int fit_index(const sfhet_fit_model *m, size_t jk) {
  const sfhet_fit_junction *fj = m->data;
  for (size_t k = 0; k < m->np; k++)
    if (fj->jidx[k] == jk) return (int)k;
  return -1;
}

/* One electrode's start values through its model's start(), written to the fit parameters of its
 * junction indices first .. first + model->n_params − 1. */
static void side_start(const sfhet_fit_model *m, const sfhet_dos_info *d, size_t first, double gap,
                       double width, double *p) {
  if (!d->start) return;
  double q[SFHET_DOS_MAX_PARAMS];
  int at[SFHET_DOS_MAX_PARAMS];
  for (size_t i = 0; i < d->n_params; i++) {
    at[i] = fit_index(m, first + i);
    q[i] = at[i] >= 0 ? p[at[i]] : d->params[i].def;
  }
  d->start(gap, width, q);
  for (size_t i = 0; i < d->n_params; i++)
    if (at[i] >= 0) p[at[i]] = q[i];
}

/* Side 1 from its model; side 2 from its own model when it differs (with the same model its
 * parameters follow side 1's starts through m->start_like). */
static void jm_start(const sfhet_fit_model *m, double gap, double width, double *p) {
  const sfhet_fit_junction *fj = m->data;
  const sfhet_junction *j = &fj->j;
  side_start(m, j->dos1, 0, gap, width, p);
  if (j->kind == SFHET_JUNCTION_SIS && j->dos2 && j->dos2 != j->dos1)
    side_start(m, j->dos2, j->dos1->n_params, gap, width, p);
}

/* The electrodes' caveats (the first that applies). */
static const char *jm_note(const sfhet_fit_model *m, const double *p) {
  const sfhet_fit_junction *fj = m->data;
  sfhet_junction j = fj->j;
  for (size_t k = 0; k < m->np; k++) sfhet_junction_set_index(&j, fj->jidx[k], p[k]);
  const char *a = j.dos1->fit_note ? j.dos1->fit_note(j.p1) : NULL;
  if (a || j.kind != SFHET_JUNCTION_SIS) return a;
  const sfhet_dos_info *d2 = j.dos2 ? j.dos2 : j.dos1;
  return d2->fit_note ? d2->fit_note(j.p2) : NULL;
}

/* Largest |edge| of one electrode's DOS at the fit parameters p. */
static double jm_gap_of(const sfhet_fit_model *m, const double *p, int side) {
  const sfhet_fit_junction *fj = m->data;
  sfhet_junction j = fj->j;
  for (size_t k = 0; k < m->np; k++) sfhet_junction_set_index(&j, fj->jidx[k], p[k]);
  const sfhet_dos_info *d = side ? (j.dos2 ? j.dos2 : j.dos1) : j.dos1;
  double e[16], mx = 0.0;
  size_t n = d->edges(side ? j.p2 : j.p1, e, 16);
  for (size_t i = 0; i < n; i++) mx = fmax(mx, fabs(e[i]));
  return mx;
}

int sfhet_fit_junction_model(sfhet_fit_model *m, sfhet_fit_junction *fj) {
  memset(m, 0, sizeof *m);
  const sfhet_junction *j = &fj->j;
  size_t nj = sfhet_junction_nparams(j);
  m->data = fj;
  for (size_t k = 0; k < nj; k++) {
    if (sfhet_junction_tied(j, k)) continue;
    if (m->np >= SFHET_FIT_MAX_PARAMS - SFHET_FIT_NUISANCE)
      SFHET_ERROR(SFHET_EINVAL, "fit: the junction has too many parameters");
    const sfhet_param_info *q = sfhet_junction_param(j, k);
    m->info[m->np] = *q;
    SFHET_TRY(sfhet_junction_get(j, q->name, &m->info[m->np].def));
    fj->jidx[m->np] = k;
    m->np++;
  }
  for (size_t k = 0; k < m->np; k++) {
    int c = sfhet_junction_counterpart(j, fj->jidx[k]), f = c >= 0 ? fit_index(m, (size_t)c) : -1;
    m->start_like[k] = f >= 0 ? (size_t)f + 1 : 0;
  }
  m->eval = jm_eval;
  m->deriv = jm_deriv;
  m->ws_alloc = jm_ws_alloc;
  m->ws_free = jm_ws_free;
  m->start = jm_start;
  m->note = jm_note;
  if (j->kind == SFHET_JUNCTION_SIS) m->gap_of = jm_gap_of;
  m->peak_factor = j->kind == SFHET_JUNCTION_SIS ? 2.0 : 1.0;
  return SFHET_OK;
}
