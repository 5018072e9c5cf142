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
  double *d;             /* displacement of a trial step (3n) */
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

/* Retraction: mt = normalise(m + alpha (p1 e1 + p2 e2)) per moment; d (may be NULL) receives mt - m
 * computed without cancellation. */
void mag_retract(const sfhet_mag_ws *ws, const double *m, const double *p, double alpha,
                 double *mt, double *d);

/* E(m + d) - E(m) for a displacement d, without the cancellation of two total energies (E is
 * quadratic in the moments); *size (may be NULL) is the sum of the magnitudes of its terms. */
double mag_energy_change(const sfhet_mag_system *sys, const double *H, const double *m,
                         const double *d, double *size);

/* Largest rotation angle [rad] between two states of n moments. */
double mag_max_rotation(size_t n, const double *a, const double *b);

/* Applies the Kondorsky reversal rule to m in field H; returns the number of reversed moments. */
int mag_nucleate(const sfhet_mag_system *sys, const double *H, double *m);

/* Start number c of the multi-start set (field direction u); 0 when c is past the end. */
int mag_start_state(const sfhet_mag_system *s, const double *u, size_t c, double *m);

/* Moment-weighted <M>.u of state m (normalised to saturation 1). */
double mag_mpar(const sfhet_mag_system *s, const double *m, const double *u);

/* Sign of <M>.u: +1, -1, or 0 for a compensated state (|<M>.u| <= 1e-12). */
int mag_sign(const sfhet_mag_system *s, const double *m, const double *u);

/* State of one loop trace, shared by the driver (trace.c) and the continuation (branch.c). */
typedef struct {
  sfhet_mag_ws *ws;
  const sfhet_mag_system *s;
  const sfhet_mag_loop *L;
  sfhet_mag_result *r;
  size_t k;         /* grid interval being followed */
  double tol, zero; /* field resolution of events; |Hc| below zero is reported as 0 */
  double *scratch;  /* 3 states of 3n values */
  int sign;         /* sign of <M>.u last seen uncompensated (0 before any) */
  size_t cap_event, cap_onset, cap_hc;
} mag_tracer;

/* Follows the tracked minimum from m (a minimum at field h0) to field h1 by continuation; m becomes the
 * state at h1. Switching events, onsets and coercive fields found on the way are appended to t->r. */
int mag_follow(mag_tracer *t, double h0, double h1, double *m);

/* Whether a state of this sign reverses <M>.u against the last uncompensated sign (then the new one). */
int mag_reversed(mag_tracer *t, int sign);

/* Climbing-image geodesic NEB: relaxes the interior images of img[nimg][3n] (ends fixed at minima) to
 * a minimum-energy path in field H; scale is the system's energy scale; work holds
 * nimg (2 * 3n + 1) + 3n doubles; *climb is the climbing image. SFHET_ENOCONV when the forces did
 * not fall below 1e-6 scale (the path is still returned). */
int mag_neb(const sfhet_mag_system *s, const double *H, double *img, size_t nimg, double scale,
            double *work, size_t *climb);

/* Appends an event or a coercive field to the result (arrays grow by doubling). */
int mag_push_event(sfhet_mag_event **a, size_t *n, size_t *cap, sfhet_mag_event e);
int mag_push_hc(mag_tracer *t, double h);

#endif
