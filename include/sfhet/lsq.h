/* Generic bounded nonlinear least squares over named parameters (GSL gsl_multifit_nlinear, trust region
 * with geodesic acceleration). Bounds through smooth MINUIT-style transforms; every parameter is scaled
 * by its typical size and the residuals by the data's spread, so the iteration, its stopping tests and
 * the finite-difference steps do not depend on the units of x, y or the parameters. Robust losses as in
 * scipy.optimize.least_squares. Errors from the covariance in parameter space, scaled by the reduced
 * chi^2 unless sigmas are given; parameters that end at a bound are flagged and get no error; fits
 * whose errors are absurd or whose parameters the data do not determine are reported as not
 * converged. An evaluation budget and a wall-clock limit stop any fit. */
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
  double scale;  /* typical size: the engine's variable unit and the finite-difference step unit
                    (0: |start value|, else half the bound interval or the distance to a bound, else
                    from the Jacobian column at the start) */
  double err;    /* out: one standard error (0 if fixed, NaN if at a bound or not determined) */
  int at_bound;  /* out: -1 at lower bound, +1 at upper bound, 0 inside */
} sfhet_lsq_param;

/* Model values at all n data points for the full parameter vector p (length np); returns a status. */
typedef int sfhet_lsq_fn(const double *p, double *model, void *ctx);

/* Optional analytic Jacobian: jac[i*np + k] = d model_i / d p_k for every k with want[k] != 0. */
typedef int sfhet_lsq_dfn(const double *p, const int *want, double *jac, void *ctx);

/* Optional partial Jacobian: the columns with want[k] != 0 that it can give, clearing want[k] for
 * each; columns still wanted on return are computed by the engine's central differences. */
typedef int sfhet_lsq_pdfn(const double *p, int *want, double *jac, void *ctx);

/* Progress of a running fit: iterations, model evaluations, chi^2 of the current point, seconds. */
typedef void sfhet_lsq_monitor_fn(size_t iter, size_t evals, double chi2, double elapsed, void *ctx);

/* Robust losses rho(z), z = (r/f_scale)^2, r the residual (model - y)/sigma (scipy's definitions). */
typedef enum {
  SFHET_LOSS_LINEAR = 0, /* rho = z: ordinary least squares */
  SFHET_LOSS_SOFT_L1,    /* rho = 2 (sqrt(1 + z) - 1) */
  SFHET_LOSS_HUBER,      /* rho = z (z <= 1), 2 sqrt(z) - 1 (z > 1) */
  SFHET_LOSS_CAUCHY      /* rho = ln(1 + z) */
} sfhet_lsq_loss;

/* Loss by name ("linear", "soft_l1", "huber", "cauchy"); SFHET_EINVAL naming what when unknown. */
int sfhet_lsq_loss_parse(const char *name, sfhet_lsq_loss *loss, const char *what);

/* The data and the model. */
typedef struct {
  size_t n;            /* data points */
  const double *y;     /* data values */
  const double *sigma; /* one-sigma errors (NULL: unknown, errors scaled by sqrt(chi2_red)) */
  sfhet_lsq_fn *f;
  sfhet_lsq_dfn *df;   /* NULL: finite differences */
  void *ctx;
  size_t max_iter;     /* 0: 200 */
  double xtol, gtol, ftol; /* 0: 1e-10, 1e-10, 1e-12 (in the scaled variables) */
} sfhet_lsq_problem;

#define SFHET_LSQ_LO_OPEN 1 /* sfhet_lsq_options.open: the lower bound itself is not allowed */
#define SFHET_LSQ_HI_OPEN 2 /* ... the upper bound itself is not allowed */

/* Further settings of a fit; all zero (or NULL) gives the defaults. */
typedef struct {
  sfhet_lsq_pdfn *pdf;   /* partial Jacobian (used when the problem's df is NULL) */
  double fd_step;        /* central-difference step relative to max(|p|, scale) (0: 1e-5) */
  const int *open;       /* np flags SFHET_LSQ_LO_OPEN | _HI_OPEN (NULL: closed bounds) */
  sfhet_lsq_loss loss;
  double loss_scale;     /* f_scale in units of r (0: 1) */
  size_t max_evals;      /* model evaluations after which the fit stops (0: no limit) */
  double time_limit;     /* seconds after which the fit stops (0: no limit) */
  sfhet_lsq_monitor_fn *monitor; /* NULL: none; called after every model evaluation */
  void *monitor_ctx;
} sfhet_lsq_options;

/* Why a fit stopped early (sfhet_lsq_result.stopped). */
#define SFHET_LSQ_STOP_EVALS 1 /* the evaluation budget */
#define SFHET_LSQ_STOP_TIME 2  /* the wall-clock limit */

/* Fit summary; corr (n_free x n_free, order of free parameters) is owned by the result. */
typedef struct {
  double chi2, chi2_red; /* chi2 = sum of the loss-transformed squared residuals (2 x scipy's cost) */
  size_t dof, n_iter, n_free;
  int converged;
  int errors_scaled; /* 1 if errors were scaled by sqrt(chi2_red) (robust: its robust analogue) */
  char reason[128];  /* why the iteration stopped, or why the result is not trustworthy */
  double *corr;      /* correlation matrix of the free parameters (NaN rows for at-bound ones) */
  size_t n_evals;    /* model evaluations (the Jacobian's included) */
  double elapsed;    /* seconds */
  int stopped;       /* 0, SFHET_LSQ_STOP_EVALS or SFHET_LSQ_STOP_TIME */
  double cond;       /* condition number of the column-normalised Jacobian of the interior free
                        parameters (INFINITY when a parameter has no effect; NaN if not computed) */
  int unidentified;  /* 1 + position among the free parameters of one the data do not determine (no
                        effect, a degenerate combination, an absurd error), or 0 */
} sfhet_lsq_result;

/* Fits the free parameters; par[np] is updated in place. Returns SFHET_OK when converged,
 * SFHET_ENOCONV (with the result filled) when not — also when stopped by the budget or the time limit,
 * when a relative error exceeds 1e3, or when the data do not determine the free parameters (a
 * parameter without effect, or a condition number beyond 1e7) — SFHET_EDATA for fewer points than
 * free parameters, SFHET_EFAILED when the model fails at a point the fit has accepted. */
int sfhet_lsq_fit(const sfhet_lsq_problem *pb, sfhet_lsq_param *par, size_t np, sfhet_lsq_result *res);

/* sfhet_lsq_fit with further settings (opt NULL: the defaults). */
int sfhet_lsq_fit_opt(const sfhet_lsq_problem *pb, const sfhet_lsq_options *opt, sfhet_lsq_param *par,
                      size_t np, sfhet_lsq_result *res);

/* Frees the result's arrays (keeps the scalars). */
void sfhet_lsq_result_free(sfhet_lsq_result *res);

SFHET_API_END

#endif
