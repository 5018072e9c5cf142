/* Per-bias adaptive quadrature of the junction integrals (internal). */
#ifndef SFHET_JUNCTION_ADAPTIVE_H
#define SFHET_JUNCTION_ADAPTIVE_H

#include "junction/junction_int.h"

/* Fermi function f(x) = 1/(exp(x/kT)+1), overflow-safe. */
double junction_fermi(double x, double kT);

/* -df/dx, overflow-safe. */
double junction_mdfermi(double x, double kT);

/* G (want_G) or I at one bias V [mV], without lock-in, broadening or zero-bias peak. */
int junction_adaptive_point(const sfhet_junction *j, double V, int want_G, double rel_tol, double *value,
                            double *err, sfhet_junction_ws *ws);

#endif
