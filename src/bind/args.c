/* Named arguments of bound functions: text values parsed like the CLI's options, arrays checked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"

static void remember(bind_args *a, const char *name) {
  for (size_t k = 0; k < a->nasked; k++)
    if (strcmp(a->asked[k], name) == 0) return;
  if (a->nasked < BIND_MAX_ASKED) snprintf(a->asked[a->nasked++], sizeof a->asked[0], "%s", name);
}

/* Index of a text argument (marked used), or -1. */
static int find_text(bind_args *a, const char *name) {
  remember(a, name);
  for (size_t k = 0; k < a->n; k++)
    if (strcmp(a->name[k], name) == 0) {
      a->used[k] = 1;
      return (int)k;
    }
  return -1;
}

int bind_given(bind_args *a, const char *name) {
  remember(a, name);
  for (size_t k = 0; k < a->n; k++)
    if (strcmp(a->name[k], name) == 0) return 1;
  return 0;
}

const char *bind_str(bind_args *a, const char *name, const char *def) {
  int k = find_text(a, name);
  return k >= 0 ? a->value[k] : def;
}

int bind_qty(bind_args *a, const char *name, sfhet_dim dim, const double *def, double *v) {
  const char *t = bind_str(a, name, NULL);
  if (!t) {
    if (!def) SFHET_ERROR(SFHET_EUSAGE, "%s: argument %s is required", a->fn, name);
    *v = *def;
    return SFHET_OK;
  }
  return sfhet_parse_quantity(t, dim, name, v);
}

int bind_param(bind_args *a, const sfhet_param_info *p, double *v) {
  SFHET_TRY(bind_qty(a, p->name, p->dim, &p->def, v));
  return sfhet_param_check(p, *v, p->name);
}

int bind_params(bind_args *a, const sfhet_param_info *p, size_t n, double *v) {
  for (size_t k = 0; k < n; k++) SFHET_TRY(bind_param(a, &p[k], &v[k]));
  return SFHET_OK;
}

int bind_int(bind_args *a, const char *name, long def, long lo, long hi, long *v) {
  const char *t = bind_str(a, name, NULL);
  if (!t) {
    *v = def;
    return SFHET_OK;
  }
  char *end;
  double d = strtod(t, &end);
  while (*end == ' ') end++;
  if (end == t || *end || d != floor(d) || !(d >= (double)lo && d <= (double)hi))
    SFHET_ERROR(SFHET_ERANGE, "%s: '%s' is not an integer in %ld..%ld", name, t, lo, hi);
  *v = (long)d;
  return SFHET_OK;
}

int bind_flag(bind_args *a, const char *name, int *v) {
  const char *t = bind_str(a, name, NULL);
  static const char *const yes[] = {"1", "true", "yes", "on"}, *const no[] = {"0", "false", "no", "off", ""};
  *v = 0;
  if (!t) return SFHET_OK;
  for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
    if (strcasecmp(t, yes[k]) == 0) return *v = 1, SFHET_OK;
  for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
    if (strcasecmp(t, no[k]) == 0) return SFHET_OK;
  SFHET_ERROR(SFHET_EINVAL, "%s: '%s' is not a boolean (true or false)", name, t);
}

int bind_array(bind_args *a, const char *name, unsigned flags, const double **x, size_t *n) {
  remember(a, name);
  *x = NULL, *n = 0;
  for (size_t k = 0; k < a->na; k++) {
    if (strcmp(a->aname[k], name)) continue;
    a->aused[k] = 1;
    *x = a->array[k], *n = a->len[k];
    if (*n && !*x) SFHET_ERROR(SFHET_EINVAL, "%s: array %s has no data", a->fn, name);
    for (size_t i = 0; (flags & BIND_FINITE) && i < *n; i++)
      if (!isfinite((*x)[i])) SFHET_ERROR(SFHET_EINVAL, "%s[%zu]: value %g is not finite", name, i, (*x)[i]);
    return SFHET_OK;
  }
  if (flags & BIND_REQUIRED) SFHET_ERROR(SFHET_EUSAGE, "%s: array %s is required", a->fn, name);
  return SFHET_OK;
}

int bind_has_array(bind_args *a, const char *name) {
  remember(a, name);
  for (size_t k = 0; k < a->na; k++)
    if (strcmp(a->aname[k], name) == 0) return 1;
  return 0;
}

int bind_done(const bind_args *a) {
  const char *bad = NULL;
  for (size_t k = 0; k < a->n && !bad; k++)
    if (!a->used[k]) bad = a->name[k];
  for (size_t k = 0; k < a->na && !bad; k++)
    if (!a->aused[k]) bad = a->aname[k];
  if (!bad) return SFHET_OK;
  char list[2048];
  size_t u = 0;
  list[0] = '\0';
  for (size_t k = 0; k < a->nasked && u < sizeof list; k++)
    u += (size_t)snprintf(list + u, sizeof list - u, "%s%s", k ? ", " : "", a->asked[k]);
  SFHET_ERROR(SFHET_EUSAGE, "%s: unknown argument '%s' (accepted here: %s)", a->fn, bad, list);
}

int bind_junction_models(bind_args *a, const char *kind_default, sfhet_junction *j) {
  const char *jk = bind_str(a, "junction", kind_default), *m1 = bind_str(a, "model", "dynes"),
             *m2 = bind_str(a, "model2", NULL);
  if (!jk) SFHET_ERROR(SFHET_EUSAGE, "junction is required (nis or sis)");
  if (strcmp(jk, "nis") && strcmp(jk, "sis")) SFHET_ERROR(SFHET_EUSAGE, "junction: '%s' is not nis or sis", jk);
  const sfhet_dos_info *d1 = sfhet_dos_find(m1), *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  if (!d1) SFHET_ERROR(SFHET_EUSAGE, "model: unknown model '%s'", m1);
  if (m2 && !d2) SFHET_ERROR(SFHET_EUSAGE, "model2: unknown model '%s'", m2);
  int sis = strcmp(jk, "sis") == 0;
  if (m2 && !sis) SFHET_ERROR(SFHET_EUSAGE, "model2 needs junction sis");
  sfhet_junction_init(j, sis ? SFHET_JUNCTION_SIS : SFHET_JUNCTION_NIS, d1, d2);
  return SFHET_OK;
}

/* Whether name is in the comma list. */
static int listed(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *p = list; p && *p;) {
    p += strspn(p, ", ");
    size_t len = strcspn(p, ", ");
    if (len == n && strncmp(p, name, n) == 0) return 1;
    p += len;
  }
  return 0;
}

int bind_junction(bind_args *a, const char *kind_default, const char *untie, sfhet_junction *j) {
  SFHET_TRY(bind_junction_models(a, kind_default, j));
  for (size_t k = 0; k < sfhet_junction_nparams(j); k++) {
    const sfhet_param_info *q = sfhet_junction_param(j, k);
    remember(a, q->name);
    if (sfhet_junction_counterpart(j, k) >= 0 && !bind_given(a, q->name)) {
      if (listed(untie, q->name)) SFHET_TRY(sfhet_junction_tie(j, k, 0));
      continue;
    }
    double v;
    SFHET_TRY(bind_param(a, q, &v));
    SFHET_TRY(sfhet_junction_set_index(j, k, v));
  }
  if (bind_given(a, "vac_rms")) {
    if (bind_given(a, "vac")) SFHET_ERROR(SFHET_EUSAGE, "vac_rms: give either vac (peak) or vac_rms, not both");
    double rms;
    SFHET_TRY(bind_qty(a, "vac_rms", SFHET_DIM_VOLTAGE, NULL, &rms));
    if (!(rms >= 0.0 && rms <= 1e3)) SFHET_ERROR(SFHET_ERANGE, "vac_rms: %g mV is outside 0..1000 mV", rms);
    j->vac = M_SQRT2 * rms;
  }
  remember(a, "vac_rms");
  double acc = 0.0; /* 0: the engine's default accuracy */
  SFHET_TRY(bind_qty(a, "accuracy", SFHET_DIM_NONE, &acc, &acc));
  if (bind_given(a, "accuracy") && !(acc > 0.0 && acc < 0.1))
    SFHET_ERROR(SFHET_ERANGE, "accuracy: %g must be in (0, 0.1)", acc);
  j->rel_tol = acc;
  return SFHET_OK;
}
