/* The T -> 0 limit of the junction integrals (internal; see cold.c). */
#ifndef SFHET_JUNCTION_COLD_H
#define SFHET_JUNCTION_COLD_H

#include "junction/junction_int.h"

/* Whether kT is below 0.04 sqrt(tol) of every DOS feature scale that matters at these biases. */
int junction_is_cold(const sfhet_junction *j, const double *V, size_t n, double tol);

/* G, I, G_err (any may be NULL) at n biases in the T = 0 limit. */
int junction_cold(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                  double tol, sfhet_junction_ws *ws);

#endif
