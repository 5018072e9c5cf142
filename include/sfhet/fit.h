/* Fitting of measured spectra: a model over named parameters, nuisance parameters of real data (bias
 * offset V0, conductance scale gnn, linear background bg0 + bg1*V), automatic and multiple starts,
 * single spectra, sweeps fitted in parallel with warm starts, and global fits with shared parameters.
 * Everything goes through the one bounded least-squares engine, sfhet_lsq_fit. */
#ifndef SFHET_FIT_H
#define SFHET_FIT_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/junction.h"
#include "sfhet/lsq.h"
#include "sfhet/param.h"
#include "sfhet/sweep.h"

SFHET_API_BEGIN

#define SFHET_FIT_MAX_PARAMS 40 /* model parameters plus the 4 nuisance ones */
#define SFHET_FIT_NUISANCE 4

typedef struct sfhet_fit_model sfhet_fit_model;

/* Model values y at n points x for the model's parameter vector p, with a per-thread workspace. */
typedef int sfhet_fit_eval_fn(const sfhet_fit_model *m, const double *p, const double *x, size_t n,
                              double *y, void *ws);

/* Optional analytic (or grid-reusing) derivatives of the model at n points x: for every model
 * parameter k with want[k] != 0, dy/dp_k into jac[i * ld + k]; with dydx not NULL also dy/dx at each
 * point. Returns SFHET_OK, or SFHET_CONTINUE to make the fitter use central differences instead. */
typedef int sfhet_fit_deriv_fn(const sfhet_fit_model *m, const double *p, const int *want, const double *x,
                               size_t n, double *jac, size_t ld, double *dydx, void *ws);

/* Start values from estimates read off a spectrum: gap [meV] (coherence-peak energy divided by
 * peak_factor) and width [meV] (peak half width). Writes candidate values into p[np] (current values on
 * entry); the fitter keeps those of free parameters that were not given. */
typedef void sfhet_fit_start_fn(const sfhet_fit_model *m, double gap, double width, double *p);

/* A caveat about a fit with parameter values p (printed with its result), or NULL. */
typedef const char *sfhet_fit_note_fn(const sfhet_fit_model *m, const double *p);

/* A model for the fitter: named parameters and an evaluation. */
struct sfhet_fit_model {
  size_t np;                                  /* model parameters (without the nuisance ones) */
  sfhet_param_info info[SFHET_FIT_MAX_PARAMS]; /* name, unit, default, bounds, flags, help */
  sfhet_fit_eval_fn *eval;
  void *(*ws_alloc)(const sfhet_fit_model *m); /* NULL: no workspace */
  void (*ws_free)(void *ws);
  const void *data; /* model-specific, read-only during fits */
  double peak_factor; /* coherence peak at peak_factor*gap (2 SIS, 1 NIS; 0: no automatic start) */
  sfhet_fit_start_fn *start;                  /* NULL: no automatic start values of model parameters */
  size_t start_like[SFHET_FIT_MAX_PARAMS];    /* 0: parameter k has its own start; j + 1: it starts at
                                                 parameter j's start (a second electrode's counterpart) */
  sfhet_fit_note_fn *note;                    /* NULL: no caveats */
  /* Energy scale (largest |gap edge|) of electrode side (0 or 1) at p. With it, a fit whose parameters
   * k and start_like[k] − 1 may be exchanged without changing the model curve (an SIS junction of two
   * electrodes of the same model) is reported in one order: that of the start values, or side 0 the
   * larger. NULL: no ordering. */
  double (*gap_of)(const sfhet_fit_model *m, const double *p, int side);
  sfhet_fit_deriv_fn *deriv;                  /* NULL: central differences of eval */
};

/* A junction as a fit model. The junction (kept by the caller, unchanged while fitting) gives the fixed
 * values; second-electrode parameters that follow the first (sfhet_junction_tie) are not fit
 * parameters of their own and keep following. */
typedef struct {
  sfhet_junction j;
  size_t jidx[SFHET_FIT_MAX_PARAMS]; /* junction index of fit parameter k (filled by the model) */
} sfhet_fit_junction;

/* Builds a fit model over the named parameters of fj->j that do not follow another (fj must outlive
 * the model). */
int sfhet_fit_junction_model(sfhet_fit_model *m, sfhet_fit_junction *fj);

/* Parameter table of the nuisance parameters V0 [mV], gnn, bg0, bg1 [1/mV]. */
const sfhet_param_info *sfhet_fit_nuisance_params(void);

/* What to fit: for every parameter (model then nuisance), its value, whether it is free, whether the
 * value was given (else free parameters get automatic starts) and its bounds. */
typedef struct {
  const sfhet_fit_model *model;
  size_t np; /* model->np + SFHET_FIT_NUISANCE */
  const char *name[SFHET_FIT_MAX_PARAMS];
  double value[SFHET_FIT_MAX_PARAMS], lo[SFHET_FIT_MAX_PARAMS], hi[SFHET_FIT_MAX_PARAMS];
  int free[SFHET_FIT_MAX_PARAMS], given[SFHET_FIT_MAX_PARAMS];
  int starts;        /* most starting points (>= 1; extra ones are random around the first, tried only
                        when the first fit is implausible: not converged, at a bound, or chi^2 above
                        the data's noise; see all_starts) */
  unsigned long seed;
  size_t max_iter;   /* 0: the engine's default */
  double xtol;       /* relative step tolerance in the engine's variables (init: 1e-7, far below
                        the statistical errors; 0: the engine's default 1e-10) */
  int all_starts;    /* nonzero: always try all c->starts starting points (init: 0) */
  sfhet_lsq_loss loss; /* robust loss (init: linear) */
  double loss_scale; /* its f_scale in units of sigma, or without sigma of the data's noise level
                        (docs/fit.md); 0: 1 */
  double clip;       /* iterative sigma clip: points whose residual is beyond clip times the robust
                        spread (1.4826 MAD) of the residuals are left out (0: none) */
  size_t max_evals;  /* model evaluations per fit, starts and clip rounds included (init: 20000; 0:
                        no limit) */
  double time_limit; /* seconds per fit (init: 0: no limit; the command line sets one) */
  sfhet_lsq_monitor_fn *monitor; /* progress of single and global fits (not sweeps); NULL: none */
  void *monitor_ctx;
  unsigned char **rejected; /* NULL, or per spectrum (1 for sfhet_fit_spectrum, m for sweeps) an array
                               of n flags that receives 1 for the points the clip left out; a global
                               fit leaves those points out */
  unsigned char bound[SFHET_FIT_MAX_PARAMS]; /* fixed parameters that take each spectrum's sweep value
                                               (`fit --bind T`; sfhet_fit_sweep only) */
  const double *bind_value; /* with any bound[]: the m sweep values, in the bound parameters' units */
} sfhet_fit_config;

/* Initialises a configuration from a model: defaults, bounds, nothing free, one start. */
void sfhet_fit_config_init(sfhet_fit_config *c, const sfhet_fit_model *m);

/* Index of a parameter by name, or -1. */
int sfhet_fit_index(const sfhet_fit_config *c, const char *name);

/* Frees parameters named in a comma list ("delta,gamma"); unknown names give SFHET_EINVAL naming what. */
int sfhet_fit_set_free(sfhet_fit_config *c, const char *list, const char *what);

/* One spectrum's data (x ascending, no NaN; sigma may be NULL). */
typedef struct {
  const double *x, *y, *sigma;
  size_t n;
} sfhet_fit_data;

/* Result of one fit. */
typedef struct {
  double value[SFHET_FIT_MAX_PARAMS], err[SFHET_FIT_MAX_PARAMS]; /* err: 0 fixed, NaN at a bound */
  int at_bound[SFHET_FIT_MAX_PARAMS];                           /* -1 lower, +1 upper, 0 inside */
  double chi2, chi2_red;
  size_t n_points, n_free, n_iter;
  int converged, errors_scaled;
  int status;        /* SFHET_OK or the error status of this fit */
  char reason[128];
  size_t free_idx[SFHET_FIT_MAX_PARAMS];                         /* parameter index of each free one */
  double corr[SFHET_FIT_MAX_PARAMS * SFHET_FIT_MAX_PARAMS];      /* n_free x n_free */
  size_t n_evals;    /* model evaluations spent on this fit (all starts and clip rounds) */
  size_t n_rejected; /* points left out by the clip (n_points counts the others) */
  int stopped;       /* SFHET_LSQ_STOP_EVALS / _TIME when the budget or the time limit ended it */
  double cond;       /* condition number of the normalised Jacobian (sfhet_lsq_result.cond) */
  int unidentified;  /* 1 + index of a parameter the data do not determine (named in reason), or 0 */
} sfhet_fit_result;

/* Model (with nuisance parameters) at n points for a full parameter vector p[c->np]; ws from
 * sfhet_fit_ws_alloc. */
int sfhet_fit_eval(const sfhet_fit_config *c, const double *p, const double *x, size_t n, double *y,
                   void *ws);

/* How far a fit is from what the data's noise explains: chi2_red with sigma given, else chi2_red over
 * the square of the noise level estimated from the data (median second difference; for noise-free data,
 * where that is 0, 1e-4 of the rms signal); ~1 for a model that describes the data, much larger when it
 * does not. */
double sfhet_fit_misfit(const sfhet_fit_result *r, const sfhet_fit_data *d);

/* Workspace for sfhet_fit_eval / sfhet_fit_spectrum (one per thread). */
void *sfhet_fit_ws_alloc(const sfhet_fit_config *c);
void sfhet_fit_ws_free(const sfhet_fit_config *c, void *ws);

/* Mean of y over the biases with |x| >= 0.8 max|x| (the normal-state level of a spectrum; 1 if none). */
double sfhet_fit_large_bias_level(const sfhet_fit_data *d);

/* Automatic start values for the free parameters not given: the model's start() from the
 * coherence-peak position and width, parameters that follow others from those, gnn from the
 * large-bias level, V0 from the peak asymmetry. */
void sfhet_fit_auto_start(const sfhet_fit_config *c, const sfhet_fit_data *d, double *p);

/* Fits one spectrum from start p0 (NULL: the configured values with automatic starts); when that fit is
 * implausible (or c->all_starts), tries the other c->starts − 1 starting points and keeps the best.
 * Returns the fit's status (also in r->status). */
int sfhet_fit_spectrum(const sfhet_fit_config *c, const sfhet_fit_data *d, const double *p0,
                       sfhet_fit_result *r, void *ws);

/* Fits m spectra (a sweep) in parallel: fixed chunks of neighbouring spectra, each chunk warm-started
 * from its previous spectrum (results do not depend on the thread count). r[m] and status[m] filled.
 * Returns SFHET_OK when every fit converged, else the status of the first failing spectrum. */
int sfhet_fit_sweep(const sfhet_fit_config *c, const sfhet_fit_data *d, size_t m, int nthreads,
                    const sfhet_progress *progress, sfhet_fit_result *r);

/* Global fit of m spectra: parameters with shared[k] != 0 take one value for all spectra, the other
 * free parameters one value per spectrum. Starts from the per-spectrum results r (e.g. from
 * sfhet_fit_sweep), which are overwritten; shared values and errors are copied into every r[i].
 * *chi2_red receives the joint reduced chi^2. */
int sfhet_fit_global(const sfhet_fit_config *c, const int *shared, const sfhet_fit_data *d, size_t m,
                     sfhet_fit_result *r, double *chi2_red, int nthreads);

SFHET_API_END

#endif
