/* Hysteresis between the two directions of a field sweep (seed 000, Fig. 3c-f). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/analysis.h"
#include "sfhet/error.h"

void sfhet_hyst_free(sfhet_hyst *h) {
  if (!h) return;
  free(h->x);
  free(h->up);
  free(h->down);
  free(h->dG);
  memset(h, 0, sizeof *h);
}

/* Direction of row i: sign of dir[i], else of x[i] - x[i-1] (row 0 and flat steps take the next or
 * previous non-zero step). */
static void directions(const double *x, const double *dir, size_t n, int *d) {
  for (size_t i = 0; i < n; i++) {
    double s = dir ? dir[i] : (i > 0 ? x[i] - x[i - 1] : 0.0);
    d[i] = s > 0 ? 1 : s < 0 ? -1 : 0;
  }
  if (dir) return;
  for (size_t i = 0; i + 1 < n && d[0] == 0; i++) d[0] = d[i + 1];
  for (size_t i = 1; i < n; i++)
    if (d[i] == 0) d[i] = d[i - 1];
}

/* Copies the rows with direction sgn into fresh arrays and cleans them. */
static int branch(const double *x, const double *y, const int *d, size_t n, int sgn, double **bx,
                  double **by, size_t *m) {
  *bx = malloc((n ? n : 1) * sizeof **bx);
  *by = malloc((n ? n : 1) * sizeof **by);
  if (!*bx || !*by) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (d[i] == sgn) {
      (*bx)[k] = x[i];
      (*by)[k++] = y[i];
    }
  *m = k;
  return sfhet_xy_clean(*bx, *by, NULL, m, NULL);
}

static int compare(const double *ux, const double *uy, size_t nu, const double *dx, const double *dy,
                   size_t nd, sfhet_hyst *h) {
  if (nu < 2 || nd < 2)
    SFHET_ERROR(SFHET_EDATA, "hysteresis: need at least 2 points in each sweep direction (got %zu up, "
                "%zu down); give --direction or data swept both ways", nu, nd);
  double tol = 1e-9 * (fabs(dx[0]) + fabs(dx[nd - 1])); /* as in sfhet_interp_linear */
  double lo = fmax(ux[0], dx[0]) - tol, hi = fmin(ux[nu - 1], dx[nd - 1]) + tol;
  size_t k = 0;
  for (size_t i = 0; i < nu; i++) k += ux[i] >= lo && ux[i] <= hi;
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "hysteresis: the two sweep directions share no field range");
  h->x = malloc(k * sizeof *h->x);
  h->up = malloc(k * sizeof *h->up);
  h->down = malloc(k * sizeof *h->down);
  h->dG = malloc(k * sizeof *h->dG);
  if (!h->x || !h->up || !h->down || !h->dG) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t j = 0;
  for (size_t i = 0; i < nu; i++)
    if (ux[i] >= lo && ux[i] <= hi) {
      h->x[j] = ux[i];
      h->up[j++] = uy[i];
    }
  h->n = k;
  SFHET_TRY(sfhet_interp_linear(dx, dy, nd, h->x, k, h->down, "hysteresis: down sweep"));
  size_t best = 0;
  for (size_t i = 0; i < k; i++) {
    h->dG[i] = h->up[i] - h->down[i];
    if (fabs(h->dG[i]) > fabs(h->dG[best])) best = i;
  }
  h->dG_max = h->dG[best];
  h->x_at_max = h->x[best];
  return SFHET_OK;
}

int sfhet_hysteresis(const double *x, const double *y, const double *dir, size_t n, sfhet_hyst *h) {
  memset(h, 0, sizeof *h);
  int *d = malloc((n ? n : 1) * sizeof *d);
  double *ux = NULL, *uy = NULL, *dx = NULL, *dy = NULL;
  size_t nu = 0, nd = 0;
  int st = d ? SFHET_OK : SFHET_ENOMEM;
  if (!st) {
    directions(x, dir, n, d);
    st = branch(x, y, d, n, 1, &ux, &uy, &nu);
  }
  if (!st) st = branch(x, y, d, n, -1, &dx, &dy, &nd);
  if (!st) st = compare(ux, uy, nu, dx, dy, nd, h);
  if (!st) {
    h->n_up = nu;
    h->n_down = nd;
  } else {
    sfhet_hyst_free(h);
  }
  free(d), free(ux), free(uy), free(dx), free(dy);
  return st;
}

int sfhet_hyst_vanish(const double *T, const double *dgmax, size_t n, double threshold, double *Tv) {
  for (size_t i = 0; i < n; i++) {
    double a = fabs(dgmax[i]);
    if (a > threshold) continue;
    if (i == 0) {
      *Tv = T[0];
      return SFHET_OK;
    }
    double b = fabs(dgmax[i - 1]);
    *Tv = T[i - 1] + (b - threshold) / (b - a) * (T[i] - T[i - 1]);
    return SFHET_OK;
  }
  SFHET_ERROR(SFHET_ENOSOL, "hysteresis: |dG| stays above the threshold %g at every temperature; "
              "measure higher temperatures or raise --threshold", threshold);
}
