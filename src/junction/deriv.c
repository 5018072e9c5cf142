/* dG/dp for named parameters by central differences of sfhet_junction_eval. */
#include <math.h>
#include <stdlib.h>

#include "junction/junction_int.h"
#include "sfhet/error.h"

/* Step for parameter value x with natural scale s (the smallest broadening or temperature). */
static double fd_step(double x, double s) { return 1e-4 * fmax(fabs(x), s); }

int sfhet_junction_dG(const sfhet_junction *j, const double *V, size_t n, const char *const *names,
                      size_t nk, double *dG, sfhet_junction_ws *ws) {
  double *gp = malloc(2 * n * sizeof *gp);
  if (!gp) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *gm = gp + n;
  sfhet_junction jj = *j;
  int st = SFHET_OK;
  for (size_t k = 0; k < nk && !st; k++) {
    double x;
    st = sfhet_junction_get(j, names[k], &x);
    if (st) break;
    double h = fd_step(x, 1e-3);
    sfhet_junction_set(&jj, names[k], x + h);
    st = sfhet_junction_eval(&jj, V, n, gp, NULL, NULL, ws);
    if (!st) {
      sfhet_junction_set(&jj, names[k], x - h);
      st = sfhet_junction_eval(&jj, V, n, gm, NULL, NULL, ws);
    }
    sfhet_junction_set(&jj, names[k], x);
    for (size_t i = 0; i < n && !st; i++) dG[i * nk + k] = (gp[i] - gm[i]) / (2 * h);
  }
  free(gp);
  return st;
}
