/* One order for fits with an exchange symmetry: the two electrodes of an SIS junction with the same
 * model give the same curve when exchanged, so a fit may land on either labelling (issue: the electrodes
 * came back swapped in 20 of 20 unequal-gap fits). The result is reported in the order of the start
 * values when they tell the electrodes apart, else with the larger gap first — and only after checking
 * that the exchanged parameters give the same model curve on the data (P ≠ 0 or an asymmetric DOS
 * breaks the symmetry). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/error.h"

/* perm[k]: the parameter whose value moves to k (pairs exchanged); 0 when no pair can be exchanged
 * (a pair with one free and one fixed parameter cannot). */
static int make_perm(const sfhet_fit_config *c, size_t *perm) {
  const sfhet_fit_model *m = c->model;
  int pairs = 0;
  for (size_t k = 0; k < c->np; k++) perm[k] = k;
  for (size_t k = 0; k < m->np; k++) {
    if (!m->start_like[k]) continue;
    size_t a = m->start_like[k] - 1;
    if (c->free[a] != c->free[k]) return 0;
    perm[k] = a, perm[a] = k;
    pairs += c->free[k];
  }
  return pairs > 0;
}

/* Whether the model curves at p and q agree on the data: to 1e-5 of their size (the accuracy the
 * junction integrals are evaluated to inside fits, which the exchange does not preserve bit for bit) or
 * to 1% of the data's noise. A broken symmetry (spin polarisation, asymmetric DOS) changes the curve
 * at the level of the asymmetry, far above both. */
static int same_curve(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p, const double *q,
                      void *ws) {
  double *y = malloc(2 * d->n * sizeof *y);
  if (!y) return 0;
  int ok = sfhet_fit_eval(c, p, d->x, d->n, y, ws) == SFHET_OK &&
           sfhet_fit_eval(c, q, d->x, d->n, y + d->n, ws) == SFHET_OK;
  double mx = 0.0, diff = 0.0;
  for (size_t i = 0; ok && i < d->n; i++) {
    mx = fmax(mx, fabs(y[i]));
    diff = fmax(diff, fabs(y[i] - y[d->n + i]));
  }
  free(y);
  return ok && diff <= fmax(1e-5 * mx, 0.01 * fit_noise_level(d));
}

/* Applies perm to the values, errors, bound flags and the correlation matrix of r. */
static void permute(const sfhet_fit_config *c, const size_t *perm, sfhet_fit_result *r) {
  sfhet_fit_result t = *r;
  size_t pos[SFHET_FIT_MAX_PARAMS]; /* position of parameter k among the free ones */
  for (size_t a = 0; a < r->n_free; a++) pos[r->free_idx[a]] = a;
  for (size_t k = 0; k < c->np; k++) {
    r->value[k] = t.value[perm[k]];
    r->err[k] = t.err[perm[k]];
    r->at_bound[k] = t.at_bound[perm[k]];
  }
  for (size_t a = 0; a < r->n_free; a++)
    for (size_t b = 0; b < r->n_free; b++)
      r->corr[a * r->n_free + b] =
          t.corr[pos[perm[r->free_idx[a]]] * r->n_free + pos[perm[r->free_idx[b]]]];
}

void fit_order_sides(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *start,
                     sfhet_fit_result *r, void *ws) {
  const sfhet_fit_model *m = c->model;
  size_t perm[SFHET_FIT_MAX_PARAMS];
  if (!m->gap_of || r->status != SFHET_OK || !make_perm(c, perm)) return;
  double s0 = m->gap_of(m, start, 0), s1 = m->gap_of(m, start, 1);
  double g0 = m->gap_of(m, r->value, 0), g1 = m->gap_of(m, r->value, 1);
  int want_first_larger = s0 != s1 ? s0 > s1 : 1;
  if (g0 == g1 || (g0 > g1) == want_first_larger) return;
  double q[SFHET_FIT_MAX_PARAMS];
  for (size_t k = 0; k < c->np; k++) q[k] = r->value[perm[k]];
  if (same_curve(c, d, r->value, q, ws)) permute(c, perm, r);
}
