/* The raw junction integrals G(V) and I(V) (no lock-in, broadening or zero-bias peak). Internal. */
#ifndef SFHET_JUNCTION_CORE_H
#define SFHET_JUNCTION_CORE_H

#include "junction/junction_int.h"

/* G, I and G_err (absolute error estimate of G) at n biases; any output may be NULL. tol: relative. */
int junction_core(const sfhet_junction *j, const double *V, size_t n, double *G, double *Icur, double *G_err,
                  double tol, sfhet_junction_ws *ws);

#endif
