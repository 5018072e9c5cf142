/* Tracking critical-current peaks across a temperature or field series into families
 * (seed 004: I_c^0 .. I_c^3 followed through Figs. 3b, 4b, 5). Greedy nearest-neighbour assignment:
 * all (family, peak) pairs sorted by their distance to the family's prediction (linear extrapolation
 * of its last two points, relative to its last value), accepted below a tolerance; a family not seen
 * in the last two groups has ended; a peak left over starts a new family. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/transport.h"

typedef struct {
  double d;
  size_t f, k;
} cand;

static int cmp_cand(const void *a, const void *b) {
  const cand *p = a, *q = b;
  return (p->d > q->d) - (p->d < q->d);
}

/* Tracking state of one family: its last two points (group value, mean Ic) and last group index. */
typedef struct {
  double g1, v1, g0, v0; /* latest (g1, v1) and the one before (g0, v0; NaN if none) */
  size_t last;
} track;

/* Predicted Ic of a family at group value x by linear extrapolation (last value if one point). */
static double predict(const track *t, double x) {
  if (isnan(t->v0) || t->g1 == t->g0) return t->v1;
  return t->v1 + (t->v1 - t->v0) * (x - t->g1) / (t->g1 - t->g0);
}

static void push(track *t, double gv, double v, size_t g) {
  t->g0 = t->g1, t->v0 = t->v1, t->g1 = gv, t->v1 = v, t->last = g;
}

/* Assigns the peaks of group g to the live families (seen in the last two groups); returns the number
 * of new families started by peaks left over. */
static size_t assign(sfhet_ic_peak *ic, size_t ng, size_t g, double gv, track *tr, size_t nf,
                     const sfhet_ic_peak *pk, size_t np, double tol, cand *c, int *taken) {
  size_t nc = 0;
  for (size_t f = 0; f < nf; f++) {
    if (g - tr[f].last > 2) continue;
    double pred = predict(&tr[f], gv);
    for (size_t k = 0; k < np; k++) c[nc++] = (cand){fabs(pk[k].mean - pred) / tr[f].v1, f, k};
  }
  qsort(c, nc, sizeof *c, cmp_cand);
  memset(taken, 0, (nf + np) * sizeof *taken);
  int *ftaken = taken + np;
  for (size_t i = 0; i < nc && c[i].d <= tol; i++) {
    if (taken[c[i].k] || ftaken[c[i].f]) continue;
    taken[c[i].k] = ftaken[c[i].f] = 1;
    ic[c[i].f * ng + g] = pk[c[i].k];
    push(&tr[c[i].f], gv, pk[c[i].k].mean, g);
  }
  size_t added = 0;
  for (size_t k = 0; k < np; k++) {
    if (taken[k]) continue;
    size_t f = nf + added++;
    ic[f * ng + g] = pk[k];
    tr[f] = (track){NAN, NAN, NAN, NAN, g};
    push(&tr[f], gv, pk[k].mean, g);
  }
  return added;
}

/* Median of a family's means, for numbering families by size. */
static double fam_median(const sfhet_ic_families *fm, size_t f, double *tmp) {
  size_t m = 0;
  for (size_t g = 0; g < fm->n_groups; g++)
    if (!isnan(fm->ic[f * fm->n_groups + g].mean)) tmp[m++] = fm->ic[f * fm->n_groups + g].mean;
  for (size_t i = 1; i < m; i++)
    for (size_t j = i; j > 0 && tmp[j - 1] > tmp[j]; j--) {
      double t = tmp[j];
      tmp[j] = tmp[j - 1], tmp[j - 1] = t;
    }
  return m ? (m % 2 ? tmp[m / 2] : 0.5 * (tmp[m / 2 - 1] + tmp[m / 2])) : INFINITY;
}

static int renumber(sfhet_ic_families *fm) {
  size_t nf = fm->n_families, ng = fm->n_groups;
  double *key = malloc((nf + ng + 1) * sizeof *key);
  size_t *ord = malloc((nf + 1) * sizeof *ord);
  sfhet_ic_peak *nic = malloc((nf * ng + 1) * sizeof *nic);
  if (!key || !ord || !nic) {
    free(key), free(ord), free(nic);
    SFHET_ERROR(SFHET_ENOMEM, "critcurrent: out of memory");
  }
  for (size_t f = 0; f < nf; f++) key[f] = fam_median(fm, f, key + nf), ord[f] = f;
  for (size_t i = 1; i < nf; i++)
    for (size_t j = i; j > 0 && key[ord[j - 1]] > key[ord[j]]; j--) {
      size_t t = ord[j];
      ord[j] = ord[j - 1], ord[j - 1] = t;
    }
  for (size_t f = 0; f < nf; f++) memcpy(nic + f * ng, fm->ic + ord[f] * ng, ng * sizeof *nic);
  free(fm->ic);
  fm->ic = nic;
  free(key), free(ord);
  return SFHET_OK;
}

int sfhet_ic_track(const double *group, sfhet_ic_peak *const *peaks, const size_t *counts,
                   size_t n_groups, double rel_tol, sfhet_ic_families *fam) {
  memset(fam, 0, sizeof *fam);
  size_t total = 0, maxp = 0;
  for (size_t g = 0; g < n_groups; g++) total += counts[g], maxp = counts[g] > maxp ? counts[g] : maxp;
  if (total == 0)
    SFHET_ERROR(SFHET_ENOSOL, "critcurrent: no critical-current peaks found in any curve "
                              "(try a lower --prominence)");
  double tol = rel_tol > 0 ? rel_tol : 0.3;
  fam->n_groups = n_groups;
  fam->group = malloc(n_groups * sizeof *fam->group);
  fam->ic = malloc(total * n_groups * sizeof *fam->ic);
  track *last = malloc(total * sizeof *last);
  cand *c = malloc((total * maxp + 1) * sizeof *c);
  int *taken = malloc((total + maxp + 1) * sizeof *taken);
  int st = SFHET_OK;
  if (!fam->group || !fam->ic || !last || !c || !taken) {
    SFHET_REPORT(st = SFHET_ENOMEM, "critcurrent: out of memory");
  } else {
    for (size_t i = 0; i < total * n_groups; i++) fam->ic[i] = (sfhet_ic_peak){NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    for (size_t g = 0; g < n_groups; g++) {
      fam->group[g] = group[g];
      fam->n_families += assign(fam->ic, n_groups, g, group[g], last, fam->n_families, peaks[g],
                                counts[g], tol, c, taken);
    }
    st = renumber(fam);
  }
  free(last), free(c), free(taken);
  if (st) sfhet_ic_families_free(fam);
  return st;
}

void sfhet_ic_families_free(sfhet_ic_families *fam) {
  if (!fam) return;
  free(fam->group);
  free(fam->ic);
  memset(fam, 0, sizeof *fam);
}
