/* Parameter tables: lookup, bound checks, defaults. */
#include "sfhet/param.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sfhet/error.h"

int sfhet_param_find(const sfhet_param_info *table, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(table[i].name, name) == 0) return (int)i;
  return -1;
}

void sfhet_param_bounds_text(const sfhet_param_info *p, char *buf, size_t size) {
  const char *lo_op = (p->flags & SFHET_PARAM_LO_OPEN) ? "<" : "<=";
  const char *hi_op = (p->flags & SFHET_PARAM_HI_OPEN) ? "<" : "<=";
  if (isfinite(p->lo) && isfinite(p->hi))
    snprintf(buf, size, "%g %s x %s %g", p->lo, lo_op, hi_op, p->hi);
  else if (isfinite(p->lo))
    snprintf(buf, size, "x %s %g", (p->flags & SFHET_PARAM_LO_OPEN) ? ">" : ">=", p->lo);
  else if (isfinite(p->hi))
    snprintf(buf, size, "x %s %g", hi_op, p->hi);
  else
    snprintf(buf, size, "any");
}

int sfhet_param_check(const sfhet_param_info *p, double v, const char *what) {
  char b[96];
  if (!isfinite(v))
    SFHET_ERROR(SFHET_ERANGE, "%s: value must be finite", what);
  int below = (p->flags & SFHET_PARAM_LO_OPEN) ? !(v > p->lo) : !(v >= p->lo);
  int above = (p->flags & SFHET_PARAM_HI_OPEN) ? !(v < p->hi) : !(v <= p->hi);
  if (below || above) {
    sfhet_param_bounds_text(p, b, sizeof b);
    SFHET_ERROR(SFHET_ERANGE, "%s: %g %s is outside the allowed range (%s, in %s)", what, v,
                sfhet_dim_unit(p->dim), b, sfhet_dim_unit(p->dim)[0] ? sfhet_dim_unit(p->dim) : "units");
  }
  if ((p->flags & SFHET_PARAM_INTEGER) && v != floor(v))
    SFHET_ERROR(SFHET_ERANGE, "%s: %g must be an integer", what, v);
  return SFHET_OK;
}

void sfhet_param_column(const sfhet_param_info *q, int err, char *buf, size_t size) {
  const char *u = sfhet_dim_unit(q->dim);
  snprintf(buf, size, "%s%s%s%s", q->name, err ? "_err" : "", u[0] ? "_" : "", u);
}

void sfhet_param_defaults(const sfhet_param_info *table, size_t n, double *values) {
  for (size_t i = 0; i < n; i++) values[i] = table[i].def;
}
