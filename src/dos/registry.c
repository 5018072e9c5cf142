/* The list of DOS models. */
#include <stdio.h>
#include <string.h>

#include "sfhet/dos.h"
#include "sfhet/error.h"

/* The registered models in --help order: adding a model is its file plus one line here. */
#define DOS_MODELS(X) \
  X(dynes)            \
  X(aniso)            \
  X(zeeman)           \
  X(maki)             \
  X(twogap)           \
  X(isingqc)

#define DOS_DECLARE(n) extern const sfhet_dos_info sfhet_dos_##n;
DOS_MODELS(DOS_DECLARE)
#define DOS_ENTRY(n) &sfhet_dos_##n,
static const sfhet_dos_info *const registry[] = {DOS_MODELS(DOS_ENTRY)};

size_t sfhet_dos_count(void) { return sizeof registry / sizeof registry[0]; }

const sfhet_dos_info *sfhet_dos_get(size_t i) { return i < sfhet_dos_count() ? registry[i] : NULL; }

const sfhet_dos_info *sfhet_dos_find(const char *name) {
  for (size_t i = 0; i < sfhet_dos_count(); i++)
    if (strcmp(registry[i]->name, name) == 0) return registry[i];
  return NULL;
}

int sfhet_dos_check(const sfhet_dos_info *m, const double *p) {
  char what[64];
  for (size_t k = 0; k < m->n_params; k++) {
    snprintf(what, sizeof what, "--%s", m->params[k].name);
    SFHET_TRY(sfhet_param_check(&m->params[k], p[k], what));
  }
  return SFHET_OK;
}
