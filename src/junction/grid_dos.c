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

/* Samples per channel of one electrode's DOS at x_l = base + l h, l = l0 .. l0+n−1, and (dN not NULL)
 * dN/dE: closed form for Dynes/Zeeman, otherwise a central difference with a step far below every
 * feature (1e-5 a; the difference of the actual abscissae is the denominator). tmp: 5 n doubles. */
int grid_dos_samples(const ctx *c, const sfhet_dos_info *m, const double *p, double base, long l0,
                       size_t n, double *x, double **out, double **dN, double *tmp) {
  for (size_t i = 0; i < n; i++) x[i] = base + (double)(l0 + (long)i) * c->h;
  if (m->eval_de && m->eval_de(p, x, n, c->nch, out, dN) == SFHET_OK) return SFHET_OK;
  double *xs = tmp + 4 * n;
  if (c->nch == 1)
    SFHET_TRY(m->eval(p, x, n, out[0], NULL, NULL));
  else
    SFHET_TRY(m->eval(p, x, n, tmp, out[0], out[1]));
  if (!dN) return SFHET_OK;
  double d = 1e-5 * junction_strip(c->j), *Np[2] = {tmp, tmp + n}, *Nm[2] = {tmp + 2 * n, tmp + 3 * n};
  for (int sgn = 0; sgn < 2; sgn++) {
    double **o = sgn ? Nm : Np;
    for (size_t i = 0; i < n; i++) xs[i] = x[i] + (sgn ? -d : d);
    SFHET_TRY(c->nch == 1 ? m->eval(p, xs, n, o[0], NULL, NULL) : m->eval(p, xs, n, dN[0], o[0], o[1]));
  }
  for (size_t i = 0; i < n; i++) {
    double den = (x[i] + d) - (x[i] - d);
    for (int ch = 0; ch < c->nch; ch++) dN[ch][i] = (Np[ch][i] - Nm[ch][i]) / den;
  }
  return SFHET_OK;
}
