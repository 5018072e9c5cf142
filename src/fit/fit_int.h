/* Internals shared by the fit sources (not installed). */
#ifndef SFHET_FIT_INT_H
#define SFHET_FIT_INT_H

#include "sfhet/fit.h"

/* Robust noise level of the data: the median |second difference| of y over 0.6745·sqrt(6) (Gaussian
 * white noise gives its standard deviation; the few points on sharp peaks do not move a median). With
 * sigma given, the median sigma. 0 for fewer than 5 points. */
double fit_noise_level(const sfhet_fit_data *d);

/* Median of v[n] (n >= 1; v is sorted in place). */
double fit_median(double *v, size_t n);

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

/* n values at parameters p (a model evaluation). */
typedef int fit_values_fn(const double *p, double *out, void *ctx);

/* d out / d p[k] of the n values of f at p by a central difference with step h, kept inside (lo, hi):
 * a second-order one-sided difference next to a bound, a shorter step in a narrow interval, the other
 * side when an evaluation fails; no point lies on a bound. f0: the values at p (NULL: evaluated when
 * needed); scratch: 3n. p is restored. */
int fit_fd_column(fit_values_fn *f, void *ctx, double *p, size_t k, double lo, double hi, double h,
                  size_t n, const double *f0, double *col, double *scratch);

/* Parameter table entry of parameter k of a configuration (model, then nuisance). */
const sfhet_param_info *fit_param_info(const sfhet_fit_config *c, size_t k);

/* Typical sizes of the parameters for the engine (sfhet_lsq_param.scale) from the start p and the data:
 * max(|p_k|, a data floor) where the floor follows from the units of x and y (energies and voltages:
 * the bias spacing; gnn: the large-bias level; bg0: that level; bg1: level / max|x|); 0 where neither
 * gives one (the engine then takes the Jacobian's). */
void fit_param_scales(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p, double *scale);

/* SFHET_LSQ_LO_OPEN / _HI_OPEN of parameter k (its table's open bounds). */
int fit_param_open(const sfhet_fit_config *c, size_t k);

/* The engine's settings shared by single and global fits: finite-difference step, loss and its scale
 * (noise: the data's noise level, used without sigma), monitor; budget and pdf are left to the caller. */
void fit_options(const sfhet_fit_config *c, double noise, int have_sigma, sfhet_lsq_options *o);

#endif
