/* Internal to src/bind: a fit set up from named arguments exactly as sfhet fit sets it up, shared by
 * the bound functions fit and fit_eval. */
#ifndef SFHET_BIND_FIT_H
#define SFHET_BIND_FIT_H

#include "bind/bind_int.h"
#include "sfhet/fit.h"

/* A fit's junction, model and configuration (pointers between them: never copy or move one). */
typedef struct {
  sfhet_fit_junction fj;
  sfhet_fit_model model;
  sfhet_fit_config cfg;
  int shared[SFHET_FIT_MAX_PARAMS];
  int any_shared;
  const char *loss; /* the loss's name as given (lives as long as the call's arguments) */
} bind_fit_setup;

/* Builds a setup from the arguments junction, model, model2, the junction's and the nuisance
 * parameters, free, shared, starts, seed, loss, loss_scale, clip, max_evals, time_limit (sfhet fit's
 * options of the same names, with its defaults and checks). */
int bind_fit_setup_make(bind_args *a, bind_fit_setup *f);

/* The parameters of a setup as result strings name, unit, column, column_err (table
 * column names with units) and arrays start, lo, hi, free, shared, given. */
int bind_fit_setup_describe(const bind_fit_setup *f, sfhet_bind_res *r);

#endif
