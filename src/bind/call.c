/* The registry of bound functions and the one entry point that runs them. */
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"
#include "sfhet/version.h"

/* Every bound function; each is defined in one of the files of src/bind. */
#define BIND_FUNCTIONS(X)                                                                            \
  X(functions) X(statuses) X(dims) X(models) X(params) X(magnet_models) X(presets) X(quantity)         \
  X(range) X(read) X(groups) X(dos) X(didv) X(fit) X(fit_eval) X(gap) X(gap_fit) X(pairbreak)         \
  X(pairbreak_fit) X(hanle) X(hanle_fit) X(tmr) X(ising_lambda) X(ising_bands) X(ising_gap) X(ising_tc)     \
  X(ising_chi) X(ising_free_energy) X(ising_jc) X(ising_map) X(loop) X(loop_invert) X(isingqc_gap) X(isingqc_tc)     \
  X(isingqc_bc) X(isingqc_peaks) X(isingqc_flop) X(isingqc_flop_temps) X(device) X(device_fit)

#define BIND_X_DECL(n) extern const bind_fn bind_fn_##n;
BIND_FUNCTIONS(BIND_X_DECL)
#undef BIND_X_DECL

static const bind_fn *const registry[] = {
#define BIND_X_PTR(n) &bind_fn_##n,
    BIND_FUNCTIONS(BIND_X_PTR)
#undef BIND_X_PTR
};

size_t bind_fn_count(void) { return sizeof registry / sizeof registry[0]; }

const bind_fn *bind_fn_get(size_t i) { return i < bind_fn_count() ? registry[i] : NULL; }

const char *sfhet_bind_version(void) { return SFHET_VERSION; }

/* Names present, none twice, within the limits. */
static int check_names(const char *fn, size_t n, const char *const *name, const char *what) {
  if (n > BIND_MAX_ARGS) SFHET_ERROR(SFHET_EINVAL, "%s: more than %d %s", fn, BIND_MAX_ARGS, what);
  for (size_t k = 0; k < n; k++) {
    if (!name || !name[k] || !name[k][0]) SFHET_ERROR(SFHET_EINVAL, "%s: %s %zu has no name", fn, what, k);
    for (size_t i = 0; i < k; i++)
      if (strcmp(name[i], name[k]) == 0) SFHET_ERROR(SFHET_EINVAL, "%s: %s '%s' given twice", fn, what, name[k]);
  }
  return SFHET_OK;
}

static int run(const bind_fn *f, bind_args *a, sfhet_bind_res **out) {
  sfhet_bind_res *r = bind_res_new();
  if (!r) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = f->run(a, r);
  if (!st) st = bind_done(a); /* also for a function that did not check before computing */
  if (st) {
    sfhet_bind_res_free(r);
    return st;
  }
  *out = r;
  return SFHET_OK;
}

int sfhet_bind_call(const char *fn, size_t nargs, const char *const *name, const char *const *value,
                    size_t narrays, const char *const *aname, const double *const *array, const size_t *len,
                    sfhet_bind_res **out) {
  sfhet_clear_error();
  if (!out) SFHET_ERROR(SFHET_EINVAL, "sfhet_bind_call: no result pointer");
  *out = NULL;
  if (!fn) SFHET_ERROR(SFHET_EINVAL, "sfhet_bind_call: no function name");
  const bind_fn *f = NULL;
  for (size_t i = 0; i < bind_fn_count() && !f; i++)
    if (strcmp(registry[i]->name, fn) == 0) f = registry[i];
  if (!f) SFHET_ERROR(SFHET_EINVAL, "unknown function '%s' (the function 'functions' lists them)", fn);
  SFHET_TRY(check_names(fn, nargs, name, "argument"));
  SFHET_TRY(check_names(fn, narrays, aname, "array"));
  for (size_t k = 0; k < nargs; k++)
    if (!value || !value[k]) SFHET_ERROR(SFHET_EINVAL, "%s: argument '%s' has no value", fn, name[k]);
  if (narrays && (!array || !len)) SFHET_ERROR(SFHET_EINVAL, "%s: arrays without data or lengths", fn);
  bind_args a = {.fn = fn, .n = nargs, .name = name, .value = value, .na = narrays, .aname = aname,
                 .array = array, .len = len};
  return run(f, &a, out);
}
