/* Start-up validation of the DOS registry against the junction's name scheme: a model whose parameter
 * collides with a generated second-electrode name or with a junction or caller-reserved name would
 * make options and fit parameters ambiguous (a dropped option, a tie writing the wrong value). */
#include <stdio.h>
#include <string.h>

#include "junction/junction_int.h"
#include "sfhet/error.h"

static int check_complete(const sfhet_dos_info *m) {
  if (!m->name || !m->eval || !m->width || !m->edges || !m->params)
    SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': eval, width, edges and params are required",
                m->name ? m->name : "?");
  if (m->n_params > SFHET_DOS_MAX_PARAMS || m->n_tests > SFHET_DOS_MAX_TESTS)
    SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': too many parameters or test cases", m->name);
  for (size_t k = 0; k < m->n_params; k++)
    for (size_t l = 0; l < k; l++)
      if (strcmp(m->params[k].name, m->params[l].name) == 0)
        SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': parameter '%s' declared twice", m->name, m->params[k].name);
  return SFHET_OK;
}

/* Parameter names of m against the junction's measurement names, reserved[n] and the second-electrode
 * names of every model in list[nl]. */
static int check_names(const sfhet_dos_info *m, const sfhet_dos_info *const *list, size_t nl,
                       const char *const *reserved, size_t n) {
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_NIS, m, NULL);
  for (size_t k = 0; k < m->n_params; k++) {
    const char *name = m->params[k].name;
    for (size_t q = m->n_params; q < sfhet_junction_nparams(&j); q++)
      if (strcmp(sfhet_junction_param(&j, q)->name, name) == 0)
        SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': parameter '%s' is a junction parameter", m->name, name);
    for (size_t r = 0; r < n; r++)
      if (strcmp(reserved[r], name) == 0)
        SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': parameter '%s' is a reserved name", m->name, name);
    for (size_t i = 0; i < nl; i++) {
      const sfhet_dos_info *o = list[i];
      for (size_t l = 0; l < o->n_params; l++) {
        char n2[96];
        sfhet_junction_side2_name(o->params[l].name, n2, sizeof n2);
        if (strcmp(n2, name) == 0)
          SFHET_ERROR(SFHET_EINVAL, "DOS model '%s': parameter '%s' collides with the second-electrode name "
                      "of parameter '%s' of model '%s'", m->name, name, o->params[l].name, o->name);
      }
    }
  }
  return SFHET_OK;
}

int sfhet_junction_models_check(const sfhet_dos_info *const *list, size_t nl, const char *const *reserved,
                                size_t n) {
  for (size_t i = 0; i < nl; i++) {
    SFHET_TRY(check_complete(list[i]));
    for (size_t k = 0; k < i; k++)
      if (strcmp(list[k]->name, list[i]->name) == 0)
        SFHET_ERROR(SFHET_EINVAL, "DOS model '%s' registered twice", list[i]->name);
  }
  for (size_t i = 0; i < nl; i++) SFHET_TRY(check_names(list[i], list, nl, reserved, n));
  return SFHET_OK;
}

int sfhet_junction_registry_check(const char *const *reserved, size_t n) {
  const sfhet_dos_info *list[64];
  size_t nl = sfhet_dos_count();
  if (nl > 64) SFHET_ERROR(SFHET_EINVAL, "more than 64 DOS models");
  for (size_t i = 0; i < nl; i++) list[i] = sfhet_dos_get(i);
  return sfhet_junction_models_check(list, nl, reserved, n);
}
