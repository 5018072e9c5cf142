/* Chebyshev-panel interpolation of the isingqc DOS on E >= 0 with a per-thread cache (internal).
 * The DOS model's eval() has no workspace argument, so each thread keeps its last two meshes for
 * reuse at exactly the same parameters (never as warm starts: a mesh depends on its parameters alone),
 * and N_↑(−E) = N_↓(E) (particle–hole symmetry, tested) gives E < 0. */
#ifndef SFHET_ISINGQC_QC_MESH_H
#define SFHET_ISINGQC_QC_MESH_H

#include <stddef.h>

#include "isingqc/qc_int.h"
#include "sfhet/isingqc.h"

#define QC_DEG 16  /* polynomial degree per panel (17 Chebyshev–Lobatto nodes) */
#define QC_AXES 4  /* spin-axis modes of N_up/N_down (SFHET_ISINGQC_AXIS): one mesh serves them all */

typedef struct {
  double a, c;                    /* panel [a, c] in meV */
  double coef[QC_AXES][2][QC_DEG + 1];  /* Chebyshev coefficients of N_up, N_down on [a, c] per axis */
  double dcoef[QC_AXES][2][QC_DEG + 1]; /* of dN/dE */
  qc_c G[QC_DEG + 1][16];         /* Born solutions at the nodes (warm starts of the next nodes) */
  int filled;
} qc_panel;

typedef struct {
  double p[SFHET_ISINGQC_NPARAMS]; /* the parameters with axis 0 (the Born solutions do not depend on it) */
  int valid;
  int mode;          /* axis mode asked for by the last qc_mesh_get (the coefficients qc_mesh_eval uses) */
  double emax;       /* covered energies [0, emax] */
  double scale;      /* the smallest panel width (Γ) */
  double feat[4];    /* features the panels are graded towards */
  size_t nfeat;
  size_t n, cap;
  qc_panel *pan;
  long solves;       /* self-consistent solves made for this mesh (diagnostics) */
} qc_mesh;

/* Per-thread state: two meshes (SIS junctions with two different electrodes) and a solver. */
typedef struct qc_tls {
  qc_mesh mesh[2];
  int last;          /* index of the mesh used last */
  qc_solver sv;
  qc_c G_last[16];   /* last direct (Γ = 0) solution, a warm start for the next energy */
  double E_last;
  int have_last;
  struct qc_tls *next;
} qc_tls;

/* This thread's state (allocated on first use, kept reachable for leak checkers); NULL if out of
 * memory. */
qc_tls *qc_tls_get(void);

/* A mesh for parameters p (Γ > 0) covering |E| <= emax: a kept one with exactly p (any axis mode),
 * else built anew; it evaluates p's axis mode until the next call. */
int qc_mesh_get(qc_tls *t, const double *p, double emax, qc_mesh **mesh);

/* N_up, N_down and their E-derivatives (dup, ddn may be NULL) at energy E (any sign). */
void qc_mesh_eval(const qc_mesh *m, double E, double *up, double *dn, double *dup, double *ddn);

/* The same in axis mode a (0..QC_AXES−1) instead of the mesh's current mode. */
void qc_mesh_eval_mode(const qc_mesh *m, int a, double E, double *up, double *dn, double *dup, double *ddn);

/* Two projections of the spin density, s[q] = Σ_a w[q][a] (N_up − N_down)_a / 2 over the axis modes a,
 * and their E-derivatives (ds may be NULL), at energy E (any sign): one Chebyshev sum each. */
void qc_mesh_eval_spin(const qc_mesh *m, double E, const double (*w)[QC_AXES], double *s, double *ds);

/* The thread's solver initialised afresh for p (no state from the thread's earlier calls). */
qc_solver *qc_tls_solver(qc_tls *t, const double *p);

#endif
