/* Internals of the least-squares engine (lsq.c, lsq_eval.c, lsq_loss.c, lsq_cov.c; not installed). */
#ifndef SFHET_LSQ_INT_H
#define SFHET_LSQ_INT_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <stddef.h>

#include "sfhet/lsq.h"

typedef struct {
  const sfhet_lsq_problem *pb;
  const sfhet_lsq_options *opt; /* never NULL */
  sfhet_lsq_param *par;
  size_t np, nfree, n;
  size_t *idx;      /* free parameter indices */
  double *p;        /* full parameter vector */
  double *model;    /* n model values at pm (valid when have_model) */
  double *pm;       /* np: the parameters model[] belongs to */
  double *pacc;     /* np: the last accepted point of the iteration (lsq.c step cap) */
  int have_model;
  double *s;        /* typical size (scale) per free parameter */
  double *jac;      /* n * np Jacobian buffer for df */
  int *want;        /* np flags for df */
  double *col, *scratch; /* n and 3n: finite-difference scratch */
  double rs;        /* residual scale: internal residuals are (loss-transformed r) / rs */
  double fs;        /* loss scale f_scale in units of r */
  int status;       /* first model error */
  int trial;        /* inside the iteration: points are trial steps that may be rejected */
  int stop;         /* SFHET_LSQ_STOP_* once the budget or the time limit is reached */
  size_t evals, iter;
  size_t fail_iter; /* 1 + the last iteration in which a trial point was rejected (0: none) */
  double t0, chi2;  /* start time; chi^2 of the latest accepted point (for the monitor) */
} lsq_ctx;

/* Seconds on a monotonic clock. */
double lsq_now(void);

/* One model evaluation at p into out, counted against the budget and the time limit (c->stop set and
 * SFHET_ENOCONV returned when either is reached), reported to the monitor. */
int lsq_eval(lsq_ctx *c, const double *p, double *out);

/* Model values at the current c->p in c->model (reusing them when c->p has not changed). */
int lsq_model_at_p(lsq_ctx *c);

/* Unweighted p-space Jacobian d model_i / d p_k at c->p for the listed parameter columns (df where it
 * gives them, else central differences kept inside the bounds) into J (n x nc). */
int lsq_jacobian_p(lsq_ctx *c, const size_t *cols, size_t nc, gsl_matrix *J);

/* Scales of free parameters whose start value and bounds give none, from their Jacobian column. */
int lsq_probe_scales(lsq_ctx *c);

/* Residual r_i = (model_i - y_i) / sigma_i. */
double lsq_residual(const lsq_ctx *c, size_t i, double model);

/* Loss-transformed residual f~ (1/2 f~^2 = scipy's per-point cost) and w = d f~ / d r. */
double lsq_loss_residual(sfhet_lsq_loss loss, double fs, double r, double *w);

/* psi(r) = d cost / d r and its derivative psi'(r): raw, and clipped at 1e-10 as scipy does. */
double lsq_loss_psi(sfhet_lsq_loss loss, double fs, double r);
double lsq_loss_curvature_raw(sfhet_lsq_loss loss, double fs, double r);
double lsq_loss_curvature(sfhet_lsq_loss loss, double fs, double r);

/* Errors, correlations, bound flags and the identifiability checks at the final point. */
int lsq_uncertainties(lsq_ctx *c, sfhet_lsq_result *res);

/* -1 / +1 if free parameter j with value v sits at its lower / upper bound, else 0. */
int lsq_near_bound(const lsq_ctx *c, size_t j, double v);

/* The rule of lsq_near_bound for bounds lo, hi and size s: within 1e-7 of the larger of |bound|, s,
 * |v| (of hi − lo when both are finite). */
int lsq_bound_side(double lo, double hi, double s, double v);

/* p kept inside [lo, hi] and off an open bound (SFHET_LSQ_LO_OPEN | _HI_OPEN in open) by
 * max(1e-9 s, 1e-12 |bound|), s the parameter's size. */
double lsq_clamp_value(double lo, double hi, int open, double s, double p);

/* Huber's variance factor of a robust fit, [sum psi^2 / dof] / [mean psi']^2 times mean psi'_clipped
 * (lsq_cov.c), from the sums over n points of psi^2, psi' raw and psi' clipped. */
double lsq_robust_kappa(double psi2, double curv_raw, double clip, double n, size_t dof);

#endif
