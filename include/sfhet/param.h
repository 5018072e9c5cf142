/* Named model parameters: the one table that drives the library, the fitter, CLI options and --help
 * (after libxc's ext_params and PETSc's options). */
#ifndef SFHET_PARAM_H
#define SFHET_PARAM_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/units.h"

SFHET_API_BEGIN

/* Flags of a parameter. */
enum {
  SFHET_PARAM_INTEGER = 1u << 0, /* value must be an integer */
  SFHET_PARAM_LO_OPEN = 1u << 1, /* lower bound excluded (value > lo) */
  SFHET_PARAM_HI_OPEN = 1u << 2, /* upper bound excluded (value < hi) */
  SFHET_PARAM_NOFIT = 1u << 3,   /* not a continuous fit parameter (e.g. an integer index) */
  SFHET_PARAM_WIDE = 1u << 4     /* a positive scale that may be off by decades (a broadening): random
                                    fit starts spread it by factors e^±1.5 instead of e^±0.3 */
};

/* Description of one named parameter; values are stored in the default unit of dim. */
typedef struct {
  const char *name;   /* option and key name, e.g. "delta" */
  const char *symbol; /* symbol in docs, e.g. "Δ" */
  sfhet_dim dim;      /* dimension, which fixes the default unit */
  double def;         /* default value */
  double lo, hi;      /* bounds (use -INFINITY/INFINITY for none) */
  unsigned flags;     /* SFHET_PARAM_* */
  const char *help;   /* one line of help text */
} sfhet_param_info;

/* Index of a parameter by name in a table of n, or -1. */
int sfhet_param_find(const sfhet_param_info *table, size_t n, const char *name);

/* Checks a value against the parameter's bounds and flags; what names the source ("--gamma"). */
int sfhet_param_check(const sfhet_param_info *info, double value, const char *what);

/* Writes the defaults of a table of n parameters into values[n]. */
void sfhet_param_defaults(const sfhet_param_info *table, size_t n, double *values);

/* Table column name of a parameter with its unit: "delta_meV", "delta_err_meV" (err), "gnn". */
void sfhet_param_column(const sfhet_param_info *info, int err, char *buf, size_t size);

/* Formats the admissible range of a parameter into buf ("0 < x <= 10", "any"). */
void sfhet_param_bounds_text(const sfhet_param_info *info, char *buf, size_t size);

SFHET_API_END

#endif
