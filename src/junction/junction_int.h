/* Internal helpers of the junction module (not installed). */
#ifndef SFHET_JUNCTION_INT_H
#define SFHET_JUNCTION_INT_H

#include "sfhet/junction.h"

/* Number of measurement parameters after the DOS parameters (T, vac, sigma_inst, zbp_amp, zbp_sigma, P). */
#define JUNCTION_NMEAS 6

/* The second electrode's model (dos2, or dos1 when dos2 is NULL). */
const sfhet_dos_info *junction_dos2(const sfhet_junction *j);


#endif
