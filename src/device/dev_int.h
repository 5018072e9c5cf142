/* Internals of the device chain (src/device/): the workspace and its caches. */
#ifndef SFHET_DEV_INT_H
#define SFHET_DEV_INT_H

#include <stddef.h>

#include "sfhet/device.h"
#include "sfhet/isingqc.h"
#include "sfhet/junction.h"
#include "sfhet/magnet.h"

/* Parameters the self-consistent gap depends on (besides b, θ_b): Tc0, T, dso, η, η_x, η_y, η_z. */
#define DEV_GAP_KEYS 9
/* Parameters one spectrum depends on: Tc0, T, dso, the four η, Γ0, vac, P, V0, b, θ_b, φ_b, Δ, m. */
#define DEV_SPEC_KEYS 18

/* Per field point: the last gap solved (key, Δ, slope dg/dΔ) and the last spectrum (key, G_SIS),
 * reused only at exactly the same key. */
typedef struct {
  int have_gap, have_spec;
  int check_fe;      /* the gap's free energy is still to be compared with the normal state's */
  double gkey[DEV_GAP_KEYS], delta, slope;
  double skey[DEV_SPEC_KEYS];
  double m[3];       /* the magnet's direction (the spin filter's axis) */
  double *G;         /* nv values */
  size_t nv;
  double *Vc;        /* copy of the bias grid G belongs to */
} dev_point;

struct sfhet_device_ws {
  int nthreads;
  int nocache;             /* nonzero: every evaluation from scratch (benchmark baseline) */
  sfhet_mag_ws *mag;
  sfhet_isingqc_ws **qc;   /* one per thread */
  sfhet_junction_ws **jw;  /* one per thread */
  dev_point *pt;           /* cache per field point */
  size_t npt;
  const sfhet_progress *progress; /* of the spectra (NULL: none) */
  const dev_point *lin;    /* non-NULL in a Jacobian column: the base roots (dev_gap's Newton step) */
  size_t n_gap_full, n_gap_top, n_gap_sweep, n_spec, n_spec_reused; /* counters (benchmarks) */
};

/* Sizes the per-point caches for nf points (kept when unchanged; cleared otherwise). */
int dev_ws_points(sfhet_device_ws *ws, size_t nf);

/* A deep copy of every point cache (NULL: out of memory, reported by the caller). */
dev_point *dev_points_save(const sfhet_device_ws *ws);

/* Puts n saved point caches back into ws (ws NULL: only frees them) and frees the copy. */
void dev_points_restore(sfhet_device_ws *ws, dev_point *saved, size_t n);

/* The magnet's states along the sweep: m[3 nf] (tracked from +c). */
int dev_magnet(const double *p, const sfhet_device_field *f, size_t nf, double *m, sfhet_device_ws *ws);

/* Exchange field of point with field B and magnetisation m: |b| [meV], θ_b and φ_b [deg]. */
void dev_exchange(const double *p, double B, const double *m, double *b, double *theta, double *phi);

/* Self-consistent gap of point i (its cache at the same key; in a Jacobian column (ws->lin) one Newton
 * step from the base root; else continued from the point nb solved at the same parameters along the
 * sweep when nb >= 0, else from the largest root, the full scan where these do not settle), isingqc
 * vector q (delta ignored). */
int dev_gap(const double *p, const double *q, size_t i, long nb, double *delta, sfhet_device_ws *ws, int thread);

/* Installs a root computed elsewhere (another MPI rank) as point i's gap cache: root = {Δ, its slope
 * dg/dΔ, check_fe}. */
void dev_gap_install(const double *p, const double *q, size_t i, const double *root, sfhet_device_ws *ws);

/* Where point i's root left the normal state metastable too (check_fe), keeps it only below the normal
 * state's free energy, else replaces it by the full scan's (an error when that is the normal state). */
int dev_gap_check(const double *p, const double *q, size_t i, sfhet_device_ws *ws, int thread);

/* isingqc parameter vector for device parameters p and exchange (b, θ, φ), Δ and Γ given. */
void dev_qc_params(const double *p, double b, double theta, double phi, double delta, double gamma, double *q);

/* States and every point's G_SIS(V_i - V0) on its own grid V[i] (nv[i] biases) in the point caches. */
int dev_map_sis(const double *p, const sfhet_device_field *f, size_t nf, const double *const *V, const size_t *nv,
                sfhet_device_state *st, sfhet_device_ws *ws);

#endif
