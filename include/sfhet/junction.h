/* Tunnel-junction conductance: NIS and SIS with any DOS model on each side, thermal smearing, lock-in
 * first-harmonic averaging, Gaussian instrument broadening and an optional zero-bias-peak term.
 * Parameters are named (one table), so the CLI and the fitter address them alike. */
#ifndef SFHET_JUNCTION_H
#define SFHET_JUNCTION_H

#include <stddef.h>

#include "sfhet/dos.h"
#include "sfhet/param.h"

typedef enum { SFHET_JUNCTION_NIS = 0, SFHET_JUNCTION_SIS = 1 } sfhet_junction_kind;

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
} sfhet_junction;

/* Caller-owned workspace (grids, FFT plans); reused across evaluations. */
typedef struct sfhet_junction_ws sfhet_junction_ws;

/* Allocates a workspace (NULL on failure). */
sfhet_junction_ws *sfhet_junction_ws_alloc(void);

/* Frees a workspace (NULL allowed). */
void sfhet_junction_ws_free(sfhet_junction_ws *ws);

/* Initialises a junction with every parameter at its default (dos2 = dos1). */
void sfhet_junction_init(sfhet_junction *j, sfhet_junction_kind kind, const sfhet_dos_info *dos1,
                         const sfhet_dos_info *dos2);

/* Number of named parameters of this junction (DOS parameters of both sides, then T, vac, ...).
 * Second-electrode parameters carry the suffix "2" (delta2, gamma2, ...). */
size_t sfhet_junction_nparams(const sfhet_junction *j);

/* Description of named parameter k (name, unit, default, bounds, help). */
const sfhet_param_info *sfhet_junction_param(const sfhet_junction *j, size_t k);

/* Reads or writes a parameter by name; unknown names give SFHET_EINVAL. */
int sfhet_junction_get(const sfhet_junction *j, const char *name, double *value);
int sfhet_junction_set(sfhet_junction *j, const char *name, double value);

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

#endif
