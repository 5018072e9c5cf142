/* What the junction integrators need to know about an electrode's DOS: its broadening and its edges. */
#include <math.h>
#include <string.h>

#include "junction/junction_int.h"

double junction_dos_param(const sfhet_dos_info *m, const double *p, const char *name, double def) {
  int k = sfhet_param_find(m->params, m->n_params, name);
  return k < 0 ? def : p[k];
}

double junction_dos_width(const sfhet_dos_info *m, const double *p) {
  return junction_dos_param(m, p, "gamma", 0.0);
}

size_t junction_dos_edges(const sfhet_dos_info *m, const double *p, double *edges, size_t max) {
  double d = fabs(junction_dos_param(m, p, "delta", 0.0));
  double h = fabs(junction_dos_param(m, p, "h", 0.0));
  double cand[6] = {-d, d, -d - h, -d + h, d - h, d + h};
  size_t nc = h > 0.0 ? 6 : 2, n = 0;
  for (size_t i = 0; i < nc && n < max; i++) edges[n++] = cand[i];
  return n;
}

