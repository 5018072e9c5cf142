/* Internal workspace of the macrospin engine (tangent-space Newton). */
#ifndef SFHET_MAG_INTERNAL_H
#define SFHET_MAG_INTERNAL_H

#include "sfhet/magnet.h"

struct sfhet_mag_ws {
  size_t nmax, n, dim;   /* capacity, moments in use, tangent dimension 2n */
  const sfhet_mag_system *sys;
  double H[3];
  double *m, *mt, *G;    /* state, trial state, Euclidean gradient (3n each) */
  double *e1, *e2;       /* tangent frames (3n each) */
  double *g, *p, *q;     /* tangent gradient, step, scratch (2n each) */
  double *h, *hc;        /* tangent Hessian and a factorisation copy (dim^2) */
  double *eig, *work;    /* eigenvalues (dim), LAPACK work */
  size_t lwork;
  double *buf;           /* scratch for multi-start and refinement: 4 * 3n */
  double E, gnorm, scale, gtol, eigtol;
  int pd;                /* Hessian positive definite at the current state */
  int has_axis;          /* continuous rotational symmetry about axis[] (zero mode removed) */
  double axis[3];
  double min_eig;        /* valid when computed (NaN otherwise) */
  int stuck, passed_unstable, nucleated;
  size_t iter;
};

/* Energy scale of a system in field H (for tolerances). */
double mag_scale(const sfhet_mag_system *sys, const double *H);

/* Derivatives at ws->m: Euclidean gradient, frames, tangent gradient and Hessian, pd flag, gnorm. */
void mag_derivs(sfhet_mag_ws *ws);

/* Smallest eigenvalue (and eigenvectors in hc, column-major) of ws->h; returns a LAPACK status. */
int mag_eigen(sfhet_mag_ws *ws);

/* Retraction: mt = normalise(m + p1 e1 + p2 e2) per moment, step scaled by alpha. */
void mag_retract(const sfhet_mag_ws *ws, const double *m, const double *p, double alpha,
                 double *mt);

/* Largest rotation angle [rad] between two states of n moments. */
double mag_max_rotation(size_t n, const double *a, const double *b);

/* Applies the Kondorsky reversal rule to m in field H; returns the number of reversed moments. */
int mag_nucleate(const sfhet_mag_system *sys, const double *H, double *m);

#endif
