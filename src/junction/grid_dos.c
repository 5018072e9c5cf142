/* The electrodes' DOS on a junction lattice: samples per channel and their energy derivative (closed
 * form from the model's descriptor, else a central difference). Shared by the NIS and SIS lattice sums
 * (grid_nis.c, grid_sis.c), which the driver grid.c calls. */
#include <math.h>

#include "junction/grid_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

double junction_strip(const sfhet_junction *j) {
  double a = M_PI * SFHET_KB_MEV * j->T;
  a = fmin(a, j->dos1->width(j->p1));
  if (j->kind == SFHET_JUNCTION_SIS) a = fmin(a, junction_dos2(j)->width(j->p2));
  return a;
}

/* Samples per channel of one electrode's DOS at x_l = base + l h, l = l0 .. l0+n−1, in the junction's
 * spin frame, and (dN not NULL) dN/dE: closed form where the model has one, otherwise a central
 * difference with a step far below every feature (1e-5 a). tmp: JUNCTION_DOS_TMP n doubles. */
int grid_dos_samples(const ctx *c, const sfhet_dos_info *m, const double *p, double base, long l0,
                       size_t n, double *x, double **out, double **dN, double *tmp) {
  for (size_t i = 0; i < n; i++) x[i] = base + (double)(l0 + (long)i) * c->h;
  return junction_dos_channels(m, p, c->nch, c->f, x, n, 1e-5 * junction_strip(c->j), out, dN, tmp);
}
