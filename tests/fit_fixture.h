/* Junction fit fixtures shared by the fit tests (test_fit.c, test_global.c). */
#ifndef SFHET_TEST_FIT_FIXTURE_H
#define SFHET_TEST_FIT_FIXTURE_H

#include "sfhet/fit.h"
#include "sfhet/junction.h"

/* A junction fit configuration (Dynes electrodes at T, lock-in vac) with delta, gamma free. */
void junction_config(sfhet_fit_junction *fj, sfhet_fit_model *m, sfhet_fit_config *c, sfhet_junction_kind kind,
                     double T, double vac);

/* Noise-free junction spectrum with the given delta and gamma (both electrodes). */
void junction_spectrum(const sfhet_fit_junction *fj, double delta, double gamma, const double *x, size_t n,
                       double *y);

#endif
