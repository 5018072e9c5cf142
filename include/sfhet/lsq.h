/* Generic bounded nonlinear least squares over named parameters (GSL gsl_multifit_nlinear, trust region
 * with geodesic acceleration). Bounds through smooth MINUIT-style transforms; errors from the covariance
 * in parameter space, scaled by the reduced chi^2 unless sigmas are given; parameters that end at a bound
 * are flagged and get no error. */
#ifndef SFHET_LSQ_H
#define SFHET_LSQ_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

/* One fit parameter: set name, value (start), bounds and free before the fit; err and at_bound after. */
typedef struct {
  const char *name;
  double value;  /* in: start value; out: fitted value */
  double lo, hi; /* bounds (+-INFINITY for none) */
  int free;      /* nonzero: fitted; zero: held at value */
  double scale;  /* typical size for finite-difference steps (0: from the start value) */
  double err;    /* out: one standard error (0 if fixed, NaN if at a bound) */
  int at_bound;  /* out: -1 at lower bound, +1 at upper bound, 0 inside */
} sfhet_lsq_param;

/* Model values at all n data points for the full parameter vector p (length np); returns a status. */
typedef int sfhet_lsq_fn(const double *p, double *model, void *ctx);

/* Optional analytic Jacobian: jac[i*np + k] = d model_i / d p_k for every k with want[k] != 0. */
typedef int sfhet_lsq_dfn(const double *p, const int *want, double *jac, void *ctx);

/* The data and the model. */
typedef struct {
  size_t n;            /* data points */
  const double *y;     /* data values */
  const double *sigma; /* one-sigma errors (NULL: unknown, errors scaled by sqrt(chi2_red)) */
  sfhet_lsq_fn *f;
  sfhet_lsq_dfn *df;   /* NULL: finite differences */
  void *ctx;
  size_t max_iter;     /* 0: 200 */
  double xtol, gtol, ftol; /* 0: 1e-10, 1e-10, 1e-12 */
} sfhet_lsq_problem;

/* Fit summary; corr (n_free x n_free, order of free parameters) is owned by the result. */
typedef struct {
  double chi2, chi2_red;
  size_t dof, n_iter, n_free;
  int converged;
  int errors_scaled; /* 1 if errors were scaled by sqrt(chi2_red) */
  char reason[128];  /* why the iteration stopped */
  double *corr;      /* correlation matrix of the free parameters (NaN rows for at-bound ones) */
} sfhet_lsq_result;

/* Fits the free parameters; par[np] is updated in place. Returns SFHET_OK when converged,
 * SFHET_ENOCONV (with the result filled) when not, SFHET_EDATA for fewer points than free parameters. */
int sfhet_lsq_fit(const sfhet_lsq_problem *pb, sfhet_lsq_param *par, size_t np, sfhet_lsq_result *res);

/* Frees the result's arrays (keeps the scalars). */
void sfhet_lsq_result_free(sfhet_lsq_result *res);

SFHET_API_END

#endif
