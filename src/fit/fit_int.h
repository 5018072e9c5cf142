/* Internals shared by the fit sources (not installed). */
#ifndef SFHET_FIT_INT_H
#define SFHET_FIT_INT_H

#include "sfhet/fit.h"

/* Robust noise level of the data: the median |second difference| of y over 0.6745·sqrt(6) (Gaussian
 * white noise gives its standard deviation; the few points on sharp peaks do not move a median). With
 * sigma given, the median sigma. 0 for fewer than 5 points. */
double fit_noise_level(const sfhet_fit_data *d);

/* Whether a fit result is trustworthy without extra starts: converged, no free parameter at a bound,
 * and chi2_red within the noise (<= 1 + 5 sqrt(2/dof) with sigma given, else <= 2 × noise level²). */
int fit_result_plausible(const sfhet_fit_result *r, const sfhet_fit_data *d);

/* The model's own workspace inside a fit workspace (from sfhet_fit_ws_alloc). */
void *fit_ws_model(void *fit_ws);

/* Reports a fit of two exchangeable electrodes (model->gap_of, start_like pairs) in one order: that
 * of the start values when they differ, else the larger gap first; only when the exchange leaves the
 * model curve on the data unchanged. */
void fit_order_sides(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *start,
                     sfhet_fit_result *r, void *ws);

#endif
