/* Internal to src/transport: refinement of critical-current peak positions. */
#ifndef SFHET_TRANSPORT_INT_H
#define SFHET_TRANSPORT_INT_H

#include <stddef.h>

/* A local maximum of dV/dI: position, half-width estimate, prominence; err after refinement. */
typedef struct {
  double x, w, prom;
  double err; /* one standard error of x (NaN: the refinement failed, x is the parabola estimate) */
  int keep;   /* 0 for zero-bias features: fitted as neighbours, not reported */
} transport_peak;

/* Refines the positions of the m peaks (ascending x) by least-squares fits of Lorentzians on a quadratic
 * background to the raw points (xs ascending, n of them, noise sigma per point) within 4 half-widths of
 * each peak; peaks whose windows overlap are fitted jointly (so a neighbour's tail does not shift a
 * position). Sets x and err of each peak. */
int transport_ic_refine(const double *xs, const double *ys, size_t n, double sigma, transport_peak *pk,
                        size_t m);

#endif
