/* Superconducting densities of states, normalised to the normal state. Each model is one file declaring
 * a const sfhet_dos_info; the registry lists them for the CLI, the junctions and the fitter. */
#ifndef SFHET_DOS_H
#define SFHET_DOS_H

#include <stddef.h>

#include "sfhet/param.h"

/* Maximum number of parameters of one DOS model. */
#define SFHET_DOS_MAX_PARAMS 8

/* Evaluates N(E) at n energies E [meV] for parameter values p (in the order of the info's table).
 * N_up and N_down (each normalised so that N = N_up + N_down) may be NULL; models without spin
 * splitting fill them with N/2. Energies may be in any order unless the model says otherwise. */
typedef int sfhet_dos_eval_fn(const double *p, const double *E, size_t n, double *N, double *N_up,
                              double *N_down);

/* A DOS model. */
typedef struct {
  const char *name;      /* CLI name, e.g. "dynes" */
  const char *summary;   /* one line */
  const char *reference; /* paper and equation */
  size_t n_params;
  const sfhet_param_info *params;
  int spin_resolved;     /* nonzero if N_up != N_down in general */
  sfhet_dos_eval_fn *eval;
} sfhet_dos_info;

/* Number of registered DOS models. */
size_t sfhet_dos_count(void);

/* Registered model i (0 <= i < count). */
const sfhet_dos_info *sfhet_dos_get(size_t i);

/* Model by name, or NULL. */
const sfhet_dos_info *sfhet_dos_find(const char *name);

/* Dynes DOS at one energy: Re[z / (sqrt(z - delta) sqrt(z + delta))], z = E + i gamma [meV]. */
double sfhet_dynes_n(double E, double delta, double gamma);

/* Checks every parameter value of a model against its bounds; what prefixes the messages. */
int sfhet_dos_check(const sfhet_dos_info *model, const double *p);

#endif
