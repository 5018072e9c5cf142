/* Internal to src/fit: the points an Arrhenius analysis uses. */
#ifndef SFHET_ARRHENIUS_INT_H
#define SFHET_ARRHENIUS_INT_H

#include <stddef.h>

/* The rows with Tmin <= T <= Tmax and a finite G: those with T > 0, G > 0 (and sigma > 0 if given) as
 * t = T, l = ln G, sl = sigma/G (1 without sigma); the others are counted in *skipped. Returns the
 * number kept. */
size_t arrhenius_window(const double *T, const double *G, const double *sigma, size_t n, double Tmin,
                        double Tmax, double *t, double *l, double *sl, size_t *skipped);

#endif
