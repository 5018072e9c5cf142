/* The NbSe2/CrBr3/NbSe2 junction as one chain (issue 17; docs/device.md): an applied in-plane field
 * sweep turns the CrBr3 macrospin m(B) (seed 000 Extended Data Fig. 2, the crbr3 magnet model with
 * hysteresis tracked along the sweep); the exchange energy on each NbSe2 electrode is b = λ m plus the
 * Zeeman energy (g/2) μB B of the applied field; each electrode is the isingqc superconductor (seed 002)
 * with the self-consistent gap Δ(T, b); the SIS conductance (seed 000 Methods) adds thermal and lock-in
 * smearing and spin filtering P along the magnet direction m (the full spin trace). The inverse fits a whole measured map G(B, V) for the
 * physical parameters through the one least-squares engine (sfhet/lsq.h).
 * Energies in meV, fields in T, temperatures in K, angles in degrees. */
#ifndef SFHET_DEVICE_H
#define SFHET_DEVICE_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/lsq.h"
#include "sfhet/param.h"
#include "sfhet/sweep.h"

SFHET_API_BEGIN

/* Indices of the device parameters (table order), then the fit's nuisance parameters. */
enum {
  SFHET_DEVICE_TC0,    /* clean critical temperature Tc0 */
  SFHET_DEVICE_T,      /* temperature */
  SFHET_DEVICE_LAMBDA, /* interfacial exchange energy λ: b = λ m */
  SFHET_DEVICE_HK,     /* CrBr3 anisotropy field H_K (in-plane saturation field) */
  SFHET_DEVICE_HN,     /* CrBr3 nucleation (coercive) field */
  SFHET_DEVICE_G,      /* g factor of the Zeeman energy (g/2) μB B of the applied field */
  SFHET_DEVICE_DSO,    /* Ising spin-orbit field Δso */
  SFHET_DEVICE_ETA,    /* scalar disorder rate η */
  SFHET_DEVICE_ETA_X,  /* magnetic-defect rates η_x, η_y, η_z */
  SFHET_DEVICE_ETA_Y,
  SFHET_DEVICE_ETA_Z,
  SFHET_DEVICE_GAMMA0, /* Dynes broadening Γ0 (inhomogeneous: in the DOS, not in the gap equation) */
  SFHET_DEVICE_VAC,    /* lock-in excitation amplitude */
  SFHET_DEVICE_P,      /* barrier spin polarisation along m */
  SFHET_DEVICE_V0,     /* bias offset (fit nuisance) */
  SFHET_DEVICE_GNN,    /* conductance scale (fit nuisance) */
  SFHET_DEVICE_BG0,    /* background bg0 + bg1 V (fit nuisance) */
  SFHET_DEVICE_BG1,
  SFHET_DEVICE_NPARAMS
};

/* The parameter table (names, units, defaults, bounds, help). */
extern const sfhet_param_info sfhet_device_params[SFHET_DEVICE_NPARAMS];

/* Checks values against the table (errors name the option, e.g. "--lambda"). */
int sfhet_device_check(const double *p);

/* One field point of a sweep: applied field [T] and direction (+1 up, -1 down). */
typedef struct {
  double B;
  int dir;
} sfhet_device_field;

/* The sweep B[0..n-1] (up, as given), then (down) the reverse, or both in that order: *out (malloc'ed,
 * caller frees) and *nout points. */
int sfhet_device_sweep(const double *B, size_t n, int up, int down, sfhet_device_field **out, size_t *nout);

/* State of the chain at one field point. */
typedef struct {
  double theta_m; /* magnetisation angle from the c axis [deg] */
  double b;       /* |b| [meV] */
  double theta_b; /* angle of b from the c axis [deg] */
  double delta;   /* self-consistent gap Δ(T, b) [meV] */
} sfhet_device_state;

/* Caller-owned workspace: magnet, junction and isingqc workspaces per thread and the caches that
 * make repeated evaluations cheap (the gap curve along the sweep, spectra at the same state). */
typedef struct sfhet_device_ws sfhet_device_ws;

/* Allocates a workspace for up to nthreads threads (0: all cores; NULL on failure). */
sfhet_device_ws *sfhet_device_ws_alloc(int nthreads);

/* Frees a workspace (NULL allowed). */
void sfhet_device_ws_free(sfhet_device_ws *ws);

/* Progress of the spectra of later map evaluations (NULL: none; the reporter must outlive them). */
void sfhet_device_ws_progress(sfhet_device_ws *ws, const sfhet_progress *progress);

/* Chain states at the nf field points (in sweep order: the magnet is tracked from m = +c at the first
 * point). ENOCONV (reported, with advice) when the magnet or the gap equation fails; ENOSOL when the
 * superconductor is normal at some field. */
int sfhet_device_states(const double *p, const sfhet_device_field *f, size_t nf, sfhet_device_state *st,
                        sfhet_device_ws *ws);

/* The map: G[i * nv + k] at field point i and bias V[k] [mV] (nuisance parameters applied:
 * G = gnn G_SIS(V - V0) + bg0 + bg1 V), st[nf] receives the states (may be NULL). */
int sfhet_device_map(const double *p, const sfhet_device_field *f, size_t nf, const double *V, size_t nv,
                     double *G, sfhet_device_state *st, sfhet_device_ws *ws);

/* Features of one spectrum G(V) (V ascending): the coherence peak above V = 0 [mV], its full width at
 * half height above the normal level 1 [mV] (linear interpolation; NaN when not resolved) and the
 * spectral weight ∫ G dV over the bias range [mV]. */
int sfhet_device_features(const double *V, const double *G, size_t nv, double *peak, double *fwhm,
                          double *weight);

/* A measured map: nf field points, each with nv[i] biases V[i] and conductances G[i] (sigma may be
 * NULL, else per point). */
typedef struct {
  size_t nf;
  const sfhet_device_field *f;
  const size_t *nv;
  const double *const *V, *const *G, *const *sigma;
} sfhet_device_data;

/* A measured map in long format (one row per point: B [T], direction (NULL: all +1), V, G, sigma
 * (may be NULL)) split into spectra, each run of rows with equal B and direction, in row order (the
 * sweep order of the magnet); d points into the caller's arrays. */
typedef struct {
  sfhet_device_field *f;
  size_t nf, *nv;
  const double **V, **G, **sig;
  sfhet_device_data d;
} sfhet_device_rows;

/* Splits n rows into m (free with sfhet_device_rows_free, also after an error); SFHET_EDATA naming
 * what when a spectrum has fewer than 3 points. The values must have been checked by the caller. */
int sfhet_device_rows_split(const double *B, const double *dir, const double *V, const double *G, const double *sig,
                            size_t n, const char *what, sfhet_device_rows *m);

/* Frees the arrays of m. */
void sfhet_device_rows_free(sfhet_device_rows *m);

/* The model of a map's points at p (each spectrum on its own biases): G concatenated in data order, the
 * states st[d->nf] (may be NULL). */
int sfhet_device_model(const double *p, const sfhet_device_data *d, double *G, sfhet_device_state *st,
                       sfhet_device_ws *ws);

/* What to fit: start values p, which are free (free[k]), bounds lo/hi, evaluation budget and time
 * limit (0: none), a progress monitor (may be NULL). */
typedef struct {
  double p[SFHET_DEVICE_NPARAMS];
  int free[SFHET_DEVICE_NPARAMS];
  double lo[SFHET_DEVICE_NPARAMS], hi[SFHET_DEVICE_NPARAMS];
  size_t max_evals;
  double time_limit;
  int numeric; /* nonzero: plain central differences of the full forward model, no caches (benchmark
                  baseline) */
  sfhet_lsq_monitor_fn *monitor;
  void *monitor_ctx;
} sfhet_device_fit_config;

/* Starts from the defaults with nothing free (bounds from the table). */
void sfhet_device_fit_config_init(sfhet_device_fit_config *c);

/* Frees the parameters named in a comma list ("lambda,eta,HK,gamma0"); unknown or fixed-only names
 * give SFHET_EINVAL naming what. */
int sfhet_device_fit_set_free(sfhet_device_fit_config *c, const char *list, const char *what);

/* Result: values, errors (0 fixed, NaN at a bound), chi2, chi2_red, converged, the correlation matrix of
 * the free parameters (order of free_idx), the engine's evaluations of the map (n_evals: what max_evals
 * counts), the maps evaluated for Jacobian columns (n_column_maps, their gaps one Newton step from the
 * column's base) and the engine's reason. */
typedef struct {
  double value[SFHET_DEVICE_NPARAMS], err[SFHET_DEVICE_NPARAMS];
  int at_bound[SFHET_DEVICE_NPARAMS];
  double chi2, chi2_red;
  size_t n_points, n_free, n_iter, n_evals, n_column_maps;
  int converged, errors_scaled;
  size_t free_idx[SFHET_DEVICE_NPARAMS];
  double corr[SFHET_DEVICE_NPARAMS * SFHET_DEVICE_NPARAMS];
  char reason[128];
} sfhet_device_fit_result;

/* Fits the map (global least squares over all spectra; errors from the engine's covariance). Returns
 * SFHET_OK when converged, SFHET_ENOCONV (result filled) when not, input errors for bad data. */
int sfhet_device_fit(const sfhet_device_fit_config *c, const sfhet_device_data *d, sfhet_device_fit_result *r,
                     sfhet_device_ws *ws);

/* Whether the applied fields of the map reach H_K (a field with |B| >= HK): without one the fit does
 * not determine H_K beyond a lower bound. */
int sfhet_device_covers_hk(const sfhet_device_data *d, double HK);

/* Distance [T] from HK to the nearest applied |B| of the map: m(B) saturates with a square-root kink at
 * |B| = H_K, so chi^2 is not quadratic in H_K when a field lies within a few errors of it. */
double sfhet_device_hk_gap_to_field(const sfhet_device_data *d, double HK);

SFHET_API_END

#endif
