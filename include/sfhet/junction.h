/* Tunnel-junction conductance: NIS and SIS with any DOS model on each side, thermal smearing, lock-in
 * first-harmonic averaging, Gaussian instrument broadening and an optional zero-bias-peak term.
 * Parameters are named (one table), so the CLI and the fitter address them alike. */
#ifndef SFHET_JUNCTION_H
#define SFHET_JUNCTION_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/dos.h"
#include "sfhet/param.h"

SFHET_API_BEGIN

typedef enum { SFHET_JUNCTION_NIS = 0, SFHET_JUNCTION_SIS = 1 } sfhet_junction_kind;

/* Most named parameters of one junction (both electrodes' DOS parameters and the measurement ones). */
#define SFHET_JUNCTION_MAX_PARAMS (2 * SFHET_DOS_MAX_PARAMS + 8)

/* A junction: the DOS model and its parameters on each side plus the measurement parameters. */
typedef struct {
  sfhet_junction_kind kind;
  const sfhet_dos_info *dos1;            /* superconducting electrode (NIS) or first electrode (SIS) */
  const sfhet_dos_info *dos2;            /* second electrode for SIS (NULL: same model as dos1) */
  double p1[SFHET_DOS_MAX_PARAMS];       /* dos1 parameters, in its table's order */
  double p2[SFHET_DOS_MAX_PARAMS];       /* dos2 parameters */
  double T;                              /* temperature [K] */
  double vac;                            /* lock-in excitation, peak amplitude [mV] (0: none) */
  double sigma_inst;                     /* Gaussian instrument broadening, std. dev. [mV] (0: none) */
  double zbp_amp;                        /* zero-bias-peak amplitude (dimensionless, 0: none) */
  double zbp_sigma;                      /* zero-bias-peak width [mV] */
  double P;                              /* barrier spin polarisation (spin filter), -1..1 */
  double rel_tol;                        /* requested relative accuracy on G (0: 1e-4) */
  int follow[SFHET_DOS_MAX_PARAMS];      /* SIS, same model: p2[k] follows p1[k] (set by init, cleared
                                            by setting the second-electrode parameter itself) */
  double filter_axis[3];                 /* lab-frame direction of the spin filter P and of N_up/N_down
                                            (zero, the default: the first electrode's spin axis, see
                                            sfhet_dos_info.spin_axis; ignored for collinear models) */
} sfhet_junction;

/* Caller-owned workspace (grids, FFT plans); reused across evaluations. */
typedef struct sfhet_junction_ws sfhet_junction_ws;

/* Allocates a workspace (NULL on failure). */
sfhet_junction_ws *sfhet_junction_ws_alloc(void);

/* Frees a workspace (NULL allowed). */
void sfhet_junction_ws_free(sfhet_junction_ws *ws);

/* Initialises a junction with every parameter at its default (dos2 NULL: dos2 = dos1). With the same
 * model on both sides of an SIS junction the second electrode follows the first: each of its
 * parameters takes the first's value until it is set itself (sfhet_junction_tie). */
void sfhet_junction_init(sfhet_junction *j, sfhet_junction_kind kind, const sfhet_dos_info *dos1,
                         const sfhet_dos_info *dos2);

/* Number of named parameters of this junction (DOS parameters of both sides, then T, vac, ...).
 * Second-electrode parameters are named by sfhet_junction_side2_name (delta2, gamma2, ...). */
size_t sfhet_junction_nparams(const sfhet_junction *j);

/* Description of named parameter k (name, unit, default, bounds, help). */
const sfhet_param_info *sfhet_junction_param(const sfhet_junction *j, size_t k);

/* Reads or writes a parameter by name; unknown names give SFHET_EINVAL. Writing a first-electrode
 * parameter also writes the second's where it follows; writing a second-electrode parameter unties it. */
int sfhet_junction_get(const sfhet_junction *j, const char *name, double *value);
int sfhet_junction_set(sfhet_junction *j, const char *name, double value);

/* Index of a named parameter (0 <= k < nparams), or -1. */
int sfhet_junction_index(const sfhet_junction *j, const char *name);

/* sfhet_junction_set by index. */
int sfhet_junction_set_index(sfhet_junction *j, size_t k, double value);

/* The one place second-electrode names are made: "<name>2" into buf (size bytes). */
void sfhet_junction_side2_name(const char *name, char *buf, size_t size);

/* The one tie operation: parameter k (a second-electrode parameter of an SIS junction with the same
 * model on both sides) follows its first-electrode counterpart (tie != 0: takes its value now and on
 * every later write of it) or not. SFHET_EINVAL for other parameters. */
int sfhet_junction_tie(sfhet_junction *j, size_t k, int tie);

/* Whether parameter k currently follows its first-electrode counterpart. */
int sfhet_junction_tied(const sfhet_junction *j, size_t k);

/* Index (within the first electrode's table, i.e. the junction index) of the first-electrode
 * counterpart of second-electrode parameter k when both sides have the same model, else -1. */
int sfhet_junction_counterpart(const sfhet_junction *j, size_t k);

/* Validates the DOS registry for junctions: every model complete (eval, width, edges), parameter names
 * unique within a model and not colliding with a generated second-electrode name of any model, with a
 * junction parameter (T, vac, ...) or with a name in reserved[n] (the fitter's nuisance parameters,
 * the commands' own options). SFHET_EINVAL naming the model and parameter otherwise. */
int sfhet_junction_registry_check(const char *const *reserved, size_t n);

/* The same checks for an explicit list of nl models (as a registry would hold them). */
int sfhet_junction_models_check(const sfhet_dos_info *const *list, size_t nl, const char *const *reserved,
                                size_t n);

/* Checks every parameter against its bounds (errors name the option, e.g. "--gamma"). */
int sfhet_junction_check(const sfhet_junction *j);

/* Normalised conductance G = (dI/dV)/G_nn and current I/G_nn [mV] at n bias voltages V [mV], both
 * from the same exact current (dI/dV is not a finite difference on the user's grid). G, Icur and G_err
 * (estimated absolute discretisation error of G) may each be NULL. */
int sfhet_junction_eval(const sfhet_junction *j, const double *V, size_t n, double *G, double *Icur,
                        double *G_err, sfhet_junction_ws *ws);

/* dG/dp for the named parameters (nk of them) at n biases: dG[i*nk + k]. Cheap (shared grids). */
int sfhet_junction_dG(const sfhet_junction *j, const double *V, size_t n, const char *const *names,
                      size_t nk, double *dG, sfhet_junction_ws *ws);

SFHET_API_END

#endif
