/* Test reference shared by the junction tests: the lock-in first harmonic by direct quadrature. */
#ifndef SFHET_TEST_JUNCTION_REF_H
#define SFHET_TEST_JUNCTION_REF_H

#include "sfhet/junction.h"

/* (2/π) ∫_{-1}^{1} G(V + vac x) √(1 − x²) dx with G from j without lock-in (j->vac ignored), by GSL
 * QAWS (the √ weight exactly) to relative accuracy epsrel. */
double junction_lockin_ref(const sfhet_junction *j, double V, double vac, double epsrel);

#endif
