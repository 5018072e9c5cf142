/* Lock-in and instrument smoothing of G through one fine uniform bias grid (internal). */
#ifndef SFHET_JUNCTION_SMOOTH_H
#define SFHET_JUNCTION_SMOOTH_H

#include "junction/junction_int.h"

/* G(V_i) = Σ_q w_q G_raw(V_i + s_q) (nq shift/weight nodes) with G_raw computed once on a uniform bias
 * grid of spacing ~0.12 a (a: strip half-width of analyticity) and interpolated by 8-point Lagrange
 * polynomials; G_err adds the interpolation error estimate (the 9-point correction) to the weighted
 * lattice error. Sets *done = 0 (and leaves G, G_err untouched) when the grid would cost more than the
 * per-node evaluations or its error cannot be brought below tol; the caller then uses the direct path. */
int junction_smooth_grid(const sfhet_junction *j, const double *V, size_t n, const double *s, const double *w,
                         size_t nq, double a, double tol, double *G, double *G_err, int *done,
                         sfhet_junction_ws *ws);

/* Test and benchmark switch: 0 disables the fine-grid path (always per-node evaluations). */
extern int junction_smooth_mode;

#endif
