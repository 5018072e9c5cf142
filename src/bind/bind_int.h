/* Internal to the binding layer (src/bind): named arguments, result building and the bound-function
 * descriptor. Each bound function is one const bind_fn (designated initialisers) listed in call.c. */
#ifndef SFHET_BIND_INT_H
#define SFHET_BIND_INT_H

#include <stddef.h>

#include "sfhet/bind.h"
#include "sfhet/junction.h"
#include "sfhet/param.h"
#include "sfhet/units.h"

#define BIND_MAX_ARGS 96  /* text arguments or arrays of one call */
#define BIND_MAX_ASKED 160 /* argument names a function may look up */

/* The arguments of one call; lookups mark what was used and remember what was asked for. */
typedef struct {
  const char *fn;
  size_t n;
  const char *const *name, *const *value;
  size_t na;
  const char *const *aname;
  const double *const *array;
  const size_t *len;
  int used[BIND_MAX_ARGS], aused[BIND_MAX_ARGS];
  char asked[BIND_MAX_ASKED][48]; /* copies: names may live in the caller's buffers */
  size_t nasked;
} bind_args;

/* Whether a text argument was given (does not mark it used). */
int bind_given(bind_args *a, const char *name);

/* Text argument, or def when absent (def may be NULL). */
const char *bind_str(bind_args *a, const char *name, const char *def);

/* A quantity in the default unit of dim; def is used when absent (NULL def: the argument is required). */
int bind_qty(bind_args *a, const char *name, sfhet_dim dim, const double *def, double *v);

/* A parameter of a table: given (parsed in its dimension) or its default, checked against its bounds. */
int bind_param(bind_args *a, const sfhet_param_info *p, double *v);

/* bind_param for every parameter of a table of n. */
int bind_params(bind_args *a, const sfhet_param_info *p, size_t n, double *v);

/* An integer argument in [lo, hi] (def when absent). */
int bind_int(bind_args *a, const char *name, long def, long lo, long hi, long *v);

/* A boolean argument ("1"/"0", "true"/"false", "yes"/"no"); 0 when absent. */
int bind_flag(bind_args *a, const char *name, int *v);

/* Flags of bind_array. */
enum { BIND_REQUIRED = 1, BIND_FINITE = 2 };

/* A double array argument (*x NULL, *n 0 when absent and not required); BIND_FINITE rejects NaN/inf
 * naming the element. */
int bind_array(bind_args *a, const char *name, unsigned flags, const double **x, size_t *n);

/* Whether an array argument was given (does not mark it used). */
int bind_has_array(bind_args *a, const char *name);

/* Fails (SFHET_EUSAGE) on arguments the function did not look up, listing those it accepts. */
int bind_done(const bind_args *a);

/* A junction at its defaults from the arguments junction (kind_default when absent; NULL: required),
 * model (default dynes) and model2. */
int bind_junction_models(bind_args *a, const char *kind_default, sfhet_junction *j);

/* A junction from the arguments junction (kind_default when absent; NULL: required), model, model2,
 * its parameters, vac_rms and accuracy, with the CLI's conventions: a second-electrode parameter of a
 * same-model SIS junction that is not given follows the first electrode's unless it is named in the
 * comma list untie. */
int bind_junction(bind_args *a, const char *kind_default, const char *untie, sfhet_junction *j);

/* Result building: a new rows x cols array (zeroed) whose storage *data the caller fills. */
int bind_res_array(sfhet_bind_res *r, const char *name, size_t rows, size_t cols, double **data);

/* A copy of n values as a vector. */
int bind_res_copy(sfhet_bind_res *r, const char *name, const double *x, size_t n);

/* A one-element array. */
int bind_res_scalar(sfhet_bind_res *r, const char *name, double v);

/* A named string (printf-style). */
int bind_res_string(sfhet_bind_res *r, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Creates an empty result (NULL when out of memory). */
sfhet_bind_res *bind_res_new(void);

/* Short name of a dimension ("energy", "field", "diffusion", "none"). */
const char *bind_dim_key(sfhet_dim d);

/* One bound function. */
typedef struct {
  const char *name;    /* name given to sfhet_bind_call */
  const char *summary; /* one line */
  const char *args;    /* the arguments it takes, for the "functions" listing */
  int (*run)(bind_args *a, sfhet_bind_res *r);
} bind_fn;

/* The registry (call.c). */
size_t bind_fn_count(void);
const bind_fn *bind_fn_get(size_t i);

#endif
