/* Solver of the Maki–Fulde equations for u± at one energy (internal to src/dos). */
#ifndef SFHET_DOS_MAKI_SOLVE_H
#define SFHET_DOS_MAKI_SOLVE_H

#include <complex.h>

typedef struct {
  double delta, gamma, h, zeta, bso;
} maki_params_t;

/* Solves for u[0] = u+, u[1] = u− at energy E [meV]; guess (may be NULL) is a nearby solution.
 * Returns 0 on success. */
int maki_solve(const maki_params_t *p, double E, const double complex *guess, double complex *u);

/* Spin-resolved DOS of a solution u: ½ Re[u / sqrt(u² − 1)] on the retarded branch. */
double maki_dos(double complex u);

#endif
