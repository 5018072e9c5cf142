/* Closed-form DOS and derivative for the Dynes and Zeeman models (internal). */
#ifndef SFHET_JUNCTION_FASTDOS_H
#define SFHET_JUNCTION_FASTDOS_H

#include <stddef.h>

#include "sfhet/dos.h"

/* When m is "dynes" or "zeeman" with Γ > 0: fills N[c][i] (and dN[c][i] unless dN is NULL) for the nch
 * channels (1: total N; 2: N_up, N_down) at energies x[0..n) and returns 1; otherwise returns 0. */
int junction_fast_dos(const sfhet_dos_info *m, const double *p, const double *x, size_t n, int nch,
                      double **N, double **dN);

#endif
