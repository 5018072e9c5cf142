/* Internal helpers of the junction module (not installed). */
#ifndef SFHET_JUNCTION_INT_H
#define SFHET_JUNCTION_INT_H

#include "sfhet/junction.h"

/* Number of measurement parameters after the DOS parameters (T, vac, sigma_inst, zbp_amp, zbp_sigma, P). */
#define JUNCTION_NMEAS 6

/* The second electrode's model (dos2, or dos1 when dos2 is NULL). */
const sfhet_dos_info *junction_dos2(const sfhet_junction *j);

/* Value of a DOS parameter by name in model m with values p, or def when the model lacks it. */
double junction_dos_param(const sfhet_dos_info *m, const double *p, const char *name, double def);

/* Smallest broadening (strip half-width of analyticity, meV) of one electrode's DOS: Γ plus depairing. */
double junction_dos_width(const sfhet_dos_info *m, const double *p);

/* Energies [meV] where one electrode's DOS has edges (gap edges, Zeeman-shifted edges); returns count. */
size_t junction_dos_edges(const sfhet_dos_info *m, const double *p, double *edges, size_t max);

#endif
