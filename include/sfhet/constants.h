/* Physical constants, CODATA 2018 (exact where the 2019 SI fixes them), in SI and in sfhet's
 * working units (energies meV, temperatures K, fields T, voltages mV). The only place they are defined. */
#ifndef SFHET_CONSTANTS_H
#define SFHET_CONSTANTS_H

#define SFHET_E_CHARGE 1.602176634e-19      /* elementary charge e [C] (exact) */
#define SFHET_H_PLANCK 6.62607015e-34       /* Planck constant h [J s] (exact) */
#define SFHET_HBAR 1.054571817e-34          /* reduced Planck constant hbar [J s] */
#define SFHET_KB_SI 1.380649e-23            /* Boltzmann constant [J/K] (exact) */
#define SFHET_MU_B_SI 9.2740100783e-24      /* Bohr magneton [J/T] */
#define SFHET_M_E 9.1093837015e-31          /* electron mass [kg] */
#define SFHET_G_E 2.00231930436256          /* |electron g-factor| */
#define SFHET_MU_0 1.25663706212e-6         /* vacuum permeability [N/A^2] */

#define SFHET_KB_MEV 8.617333262e-2         /* Boltzmann constant [meV/K] */
#define SFHET_MU_B_MEV 5.7883818060e-2      /* Bohr magneton [meV/T] */
#define SFHET_HBAR_MEV_S 6.582119569e-13    /* hbar [meV s] */
#define SFHET_MEV_J 1.602176634e-22         /* 1 meV in joule (exact) */

#define SFHET_EULER_GAMMA 0.57721566490153286061 /* Euler-Mascheroni constant */
/* Weak-coupling BCS ratio Delta(0)/(kB Tc) = pi exp(-gamma_E). */
#define SFHET_BCS_RATIO 1.7638769888620456

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#endif
