/* Macrospin magnetism: N unit moments m_i with uniaxial anisotropy, Zeeman energy, pairwise bilinear
 * (diagonal-tensor) exchange; zero-temperature hysteresis by tracking the local minimum (Newton on the
 * analytic tangent-space gradient and Hessian), instability detection, relaxation and switching-field
 * refinement; the global minimum (multi-start) for --equilibrium. Models: Stoner-Wohlfarth, A-type
 * antiferromagnetic stacks, F/Ising-superconductor/F (seed 003 eq. 13), CrBr3. Energies are in "field x
 * moment" units (T for unit moments); see docs/magnet.md. */
#ifndef SFHET_MAGNET_H
#define SFHET_MAGNET_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"

SFHET_API_BEGIN

#define SFHET_MAG_MAX 64        /* moments per system */
#define SFHET_MAG_MAX_PAIRS 128 /* coupled pairs per system */

/* Coupling of moments i and j: E += J[0] mix mjx + J[1] miy mjy + J[2] miz mjz. */
typedef struct {
  size_t i, j;
  double J[3];
} sfhet_mag_pair;

/* A system of n moments. Energy:
 * E = sum_i [ -K_i (m_i.a_i)^2 - M_i H.m_i ] + sum_pairs sum_c J_c m_ic m_jc. */
typedef struct {
  size_t n;
  double M[SFHET_MAG_MAX];       /* moment magnitudes (Zeeman weights, also the weights of <M>) */
  double K[SFHET_MAG_MAX];       /* anisotropy constants (>0 easy axis, <0 easy plane) */
  double axis[SFHET_MAG_MAX][3]; /* unit anisotropy axes */
  size_t npair;
  sfhet_mag_pair pair[SFHET_MAG_MAX_PAIRS];
  double nucleation; /* >0: a moment whose easy-axis component opposes the field projection by more
                        than this (Kondorsky criterion, field units) is reversed; 0: off */
  int planar;        /* nonzero: moments restricted to the xz plane (seed 003 eq. 13 uses polar angles
                        only); states and fields must then lie in that plane */
} sfhet_mag_system;

/* Empty system of n identical moments: M = 1, K = 0, axis z, no pairs. */
int sfhet_mag_init(sfhet_mag_system *sys, size_t n);

/* Adds a pair coupling (Jx, Jy, Jz). */
int sfhet_mag_add_pair(sfhet_mag_system *sys, size_t i, size_t j, double jx, double jy, double jz);

/* Total energy of state m[3n] in field H[3]. */
double sfhet_mag_energy(const sfhet_mag_system *sys, const double *H, const double *m);

/* Euclidean gradient dE/dm[3n] at m. */
void sfhet_mag_gradient(const sfhet_mag_system *sys, const double *H, const double *m, double *g);

/* Workspace for relaxation, tracing and barriers of systems of up to n moments (caller-owned). */
typedef struct sfhet_mag_ws sfhet_mag_ws;
/* Allocates a workspace for up to n moments (NULL when out of memory or n outside 1..SFHET_MAG_MAX). */
sfhet_mag_ws *sfhet_mag_ws_alloc(size_t n);
/* Frees a workspace (accepts NULL). */
void sfhet_mag_ws_free(sfhet_mag_ws *ws);

/* Relaxation summary. */
typedef struct {
  size_t n_iter;
  double energy;     /* final energy */
  double grad_norm;  /* final max tangent-gradient component */
  double min_eig;    /* smallest eigenvalue of the tangent Hessian at the end */
  int passed_unstable; /* 1 if some iterate had a non-positive-definite Hessian */
  int nucleated;     /* number of Kondorsky reversals applied */
} sfhet_mag_relax_info;

/* Iterative relaxation as init / iterate / test: init copies m[3n]; iterate takes one Newton (or
 * saddle-free Newton / negative-curvature) step with a backtracking line search, so the energy never
 * increases; test returns SFHET_OK at a local minimum (gradient below tolerance, Hessian positive
 * semidefinite to tolerance), SFHET_CONTINUE to continue, SFHET_ENOCONV if no further decrease is possible. */
int sfhet_mag_relax_init(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                         const double *m);
int sfhet_mag_relax_iterate(sfhet_mag_ws *ws);
int sfhet_mag_relax_test(const sfhet_mag_ws *ws);
/* Current state of the iteration (3n values, owned by the workspace). */
const double *sfhet_mag_relax_state(const sfhet_mag_ws *ws);

/* Driver: relaxes m[3n] in place to a local minimum in field H; info may be NULL. */
int sfhet_mag_relax(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H, double *m,
                    sfhet_mag_relax_info *info);

/* Smallest eigenvalue of the tangent-space Hessian at m (LAPACKE dsyev). */
int sfhet_mag_min_eig(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                      const double *m, double *min_eig);

/* Global minimum in field H by multi-start relaxation (collinear patterns, the field direction,
 * quasi-random starts and, if m holds a state on entry and keep != 0, that state); result in m. */
int sfhet_mag_global_min(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                         double *m, int keep);

/* A switching event (a discontinuity of the tracked minimum) or a continuous instability onset. */
typedef struct {
  size_t index; /* field grid interval [H_index, H_index+1] that contains it */
  double H;     /* field where it happens (signed, along the field direction), located on the model */
  double dM;    /* jump of the projected magnetisation <M>.u across it (0 for a continuous onset) */
} sfhet_mag_event;

/* Hysteresis loop: fields H_k u for k = 0..nh-1 in the given order. */
typedef struct {
  double u[3];        /* unit field direction */
  const double *H;    /* field magnitudes (signed) */
  size_t nh;
  int equilibrium;    /* nonzero: global minimum at every field instead of tracking */
  const double *m0;   /* initial state (3n) or NULL: relax from all moments along sign(H_0) u,
                         tilted towards their easy axes */
  int refine;         /* nonzero: locate events and coercive fields on the model (continuation with
                         bisection); 0: at grid resolution (midpoints, linear interpolation) */
} sfhet_mag_loop;

/* Loop result; arrays owned by the result (free with sfhet_mag_result_free). */
typedef struct {
  size_t n, nh;
  double *m;        /* states, m[(k*n + i)*3 + c] */
  double *H;        /* field magnitudes (copy of the loop's) */
  double *E;        /* energy per point */
  double *Mz, *Mx, *My, *Mpar; /* moment-weighted averages normalised to saturation 1; Mpar = <M>.u */
  size_t nevent, nonset, ncoercive;
  sfhet_mag_event *event; /* switching events (discontinuities), in sweep order */
  sfhet_mag_event *onset; /* continuous instabilities (the tracked minimum turns into a saddle and the
                             state moves on continuously, e.g. a pitchfork), in sweep order */
  double *coercive;       /* fields where Mpar changes sign (Mpar >= 0 counts as positive), in sweep
                             order; a value within 1e-10 max|H| of zero is reported as 0 */
} sfhet_mag_result;

/* Traces the loop; returns SFHET_ENOCONV naming the field if a relaxation fails. Tracking follows the
 * minimum by continuation: a step is continuous when no moment rotates by more than 0.05 rad and no
 * nucleation applies; otherwise the step is halved, and a step below 1e-13 of the field that is still
 * not continuous is a switching event. */
int sfhet_mag_trace(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const sfhet_mag_loop *loop,
                    sfhet_mag_result *res);
/* Frees the arrays of a result (accepts a zeroed result). */
void sfhet_mag_result_free(sfhet_mag_result *res);

/* Coercive fields of a traced loop (res->coercive): writes up to max values, returns the count. */
size_t sfhet_mag_coercive(const sfhet_mag_result *res, double *hc, size_t max);

/* Energy barrier out of the local minimum m[3n] (relaxed in field H): the lowest first-order saddle
 * between it and any other local minimum (multi-start), found by a climbing-image geodesic nudged
 * elastic band from several initial paths and polished by Newton's method on the gradient (one negative
 * Hessian eigenvalue checked; relaxing off the saddle downhill reaches m); *barrier = E_saddle - E_min.
 * SFHET_ENOSOL when there is no other minimum separated by a barrier (the only minimum at that field, or
 * a continuum of degenerate minima). */
int sfhet_mag_barrier(sfhet_mag_ws *ws, const sfhet_mag_system *sys, const double *H,
                      const double *m, double *barrier);

/* ---- models ---- */
#define SFHET_MAG_MAX_PARAMS 10
#define SFHET_MAG_MAX_VALUES 4

/* Which command inputs a model takes besides its parameters. */
enum {
  SFHET_MAG_LAYERS = 1u << 0, /* a number of layers (layers_min .. SFHET_MAG_MAX) */
  SFHET_MAG_CHI_T = 1u << 1   /* a superconductor term chi_s J^2 (parameter chi_param) that follows a
                                 susceptibility chi_s(T): loops at temperatures T */
};

/* A named scalar (closed-form characteristic fields of a model, for summaries). */
typedef struct {
  const char *name; /* key with unit suffix, e.g. "bilayer_flop_T" */
  double value;     /* NaN where the quantity does not exist */
} sfhet_mag_value;

/* Inversion of two measured fields (T, with standard errors) into two model parameters. */
typedef struct {
  const char *in[2];      /* input names, e.g. "flop", "sat" */
  const char *in_help[2]; /* one line each */
  const char *out[2];     /* parameter names obtained, e.g. "HE", "HA" */
  int (*invert)(const double in[2], const double in_err[2], double out[2], double out_err[2]);
} sfhet_mag_inversion;

/* A macrospin model, fully described here: the command line reads only this struct. */
typedef struct {
  const char *name;
  const char *summary;
  const char *reference;
  size_t n_params;
  const sfhet_param_info *params;
  double psi_default;      /* default field angle from z [deg] */
  unsigned flags;          /* SFHET_MAG_LAYERS | SFHET_MAG_CHI_T */
  size_t layers_min;       /* with SFHET_MAG_LAYERS: fewest layers (default 2) */
  int chi_param;           /* with SFHET_MAG_CHI_T: index of chi_s J^2 in params (else -1) */
  const char *energy_unit; /* unit of energies and barriers, e.g. "T (per unit moment)" */
  /* builds the system from parameter values p[n_params] and a layer count */
  int (*build)(const double *p, size_t layers, sfhet_mag_system *sys);
  /* field magnitude (T, > 0; may overflow to infinity) of the default loop +-H */
  double (*field_scale)(const double *p, size_t layers);
  /* closed-form characteristic fields for summaries (may be NULL): writes up to max, returns count;
   * NaN for a field that does not exist (JSON null) */
  size_t (*closed_forms)(const double *p, size_t layers, sfhet_mag_value *out, size_t max);
  /* with SFHET_MAG_CHI_T: the chi_s J^2 at which T* occurs (may be NULL) */
  double (*chi_threshold)(const double *p);
  const sfhet_mag_inversion *inversion; /* or NULL */
} sfhet_mag_model;

/* Number of registered models; model i (NULL past the end); a model by name (NULL if unknown). */
size_t sfhet_mag_model_count(void);
const sfhet_mag_model *sfhet_mag_model_get(size_t i);
const sfhet_mag_model *sfhet_mag_model_find(const char *name);
/* Index of a named parameter of a model (or -1). */
int sfhet_mag_model_param(const sfhet_mag_model *m, const char *name);

/* A preset: a model with parameter values by name ("mnbi2te4", "crbr3", "fig4a" ...). */
typedef struct {
  const char *name;
  const sfhet_mag_model *model;
  const char *help;
  const char *names[SFHET_MAG_MAX_PARAMS]; /* parameters set by the preset (NULL-terminated) */
  double values[SFHET_MAG_MAX_PARAMS];
  double psi; /* field angle [deg], NaN: the model's default */
} sfhet_mag_preset;
/* Number of presets; preset i (NULL past the end); a preset by name (NULL if unknown). */
size_t sfhet_mag_preset_count(void);
const sfhet_mag_preset *sfhet_mag_preset_get(size_t i);
const sfhet_mag_preset *sfhet_mag_preset_find(const char *name);

/* Default parameters p[n_params] and field angle of a model, overridden by a preset (may be NULL). */
void sfhet_mag_defaults(const sfhet_mag_model *m, const sfhet_mag_preset *preset, double *p,
                        double *psi);

/* T* of a SFHET_MAG_CHI_T model: where chi_s(T) J^2 (a table T[n] ascending, c[n] scaled so that c[0]
 * maps to p[chi_param]) crosses the model's chi_threshold. SFHET_ENOSOL if not crossed (or the model
 * has no threshold). */
int sfhet_mag_tstar(const sfhet_mag_model *m, const double *p, const double *T, const double *c,
                    size_t n, double *tstar);

/* Field direction for angle psi [deg] from z towards x. */
void sfhet_mag_field_dir(double psi_deg, double u[3]);

/* Stoner-Wohlfarth switching field h_sw(psi) = (cos^{2/3} psi + sin^{2/3} psi)^{-3/2} (units of H_K). */
double sfhet_sw_astroid(double psi_deg);

/* A-type AFM bilayer closed forms. HE > HA: spin flop at sqrt(HA (2HE - HA)), saturation at 2HE - HA.
 * HE <= HA: no spin-flop phase (*H_flop = NaN); the bilayer flips from the antiparallel to the
 * parallel state at *H_sat = HE. */
void sfhet_afm_fields(double HE, double HA, double *H_flop, double *H_sat);

/* Inverts measured flop and saturation fields (with standard errors, may be 0) for the bilayer:
 * HA = Hf^2/Hs, HE = (Hs + HA)/2, errors by linear propagation (independent inputs). */
int sfhet_afm_fit(double Hf, double Hf_err, double Hs, double Hs_err, double *HE, double *HE_err,
                  double *HA, double *HA_err);

/* chi_s(T) J^2 from a table (T ascending) by linear interpolation, scaled so the lowest-T entry
 * maps to chiJ2_0: chiJ2(T) = chiJ2_0 * c(T)/c(T_0). Outside the table range: SFHET_ERANGE. */
int sfhet_fsf_chi_interp(const double *T, const double *c, size_t n, double chiJ2_0, double t,
                         double *chiJ2);

/* Temperature T* where the out-of-plane and in-plane parallel states of the F/S/F stack have equal
 * energy at H = 0: chi_s(T*) J^2 = (K1 + K2)/2; SFHET_ENOSOL if not crossed in the table. */
int sfhet_fsf_tstar(const double *T, const double *c, size_t n, double chiJ2_0, double K1, double K2,
                    double *tstar);

SFHET_API_END

#endif
