/* Parameter and bias derivatives of the junction conductance (internal; used by sfhet_junction_dG and
 * the fit model's derivative hook). */
#ifndef SFHET_JUNCTION_DERIV_H
#define SFHET_JUNCTION_DERIV_H

#include "junction/junction_int.h"

/* G (may be NULL), dG[i * ld + c] = ∂G/∂p for junction parameter kidx[c] (c < nk), and dGdV (may be NULL)
 * = ∂G/∂V, at the n biases, everything as sfhet_junction_eval computes it (averages, zero-bias peak).
 * Uniform biases: the spectral path at one lattice (closed-form dN/dp where the model has it);
 * otherwise finite differences with the lattice spacing frozen at that of the central evaluation. */
int junction_derivs(const sfhet_junction *j, const double *V, size_t n, const size_t *kidx, size_t nk, double *G,
                    double *dG, size_t ld, double *dGdV, sfhet_junction_ws *ws);

#endif
