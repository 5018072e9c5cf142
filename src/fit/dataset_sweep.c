/* The sweep value of a whole file (--sweep-from): a header key ("Temperature (K)", a Nanonis key or
 * its last '>' component, a QCoDeS run column), the mean of a column, or a group of a POSIX extended
 * regular expression matched against the file name, with (?<NAME>...) naming the group. The unit
 * comes from --sweep-unit, the value's own suffix, the key's or group name's unit, or the text that
 * follows the group in the pattern ("_(?<B>[-0-9.]+)T" gives tesla). */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numparse.h"
#include "fit/dataset_int.h"
#include "sfhet/error.h"

/* "Temperature 1" + "K" -> "Temperature_1_K"; no dimension: the base alone. */
static void out_name(const char *base, sfhet_dim dim, char *name) {
  char b[48];
  snprintf(b, sizeof b, "%s", base[0] ? base : "sweep");
  for (char *c = b; *c; c++)
    if (*c == ' ' || *c == ',' || *c == '"' || *c == '>') *c = '_';
  if (dim) snprintf(name, 64, "%s_%s", b, sfhet_dim_unit(dim));
  else snprintf(name, 64, "%s", b);
}

/* Converts v in unit u to its dimension's default unit; unknown or no unit: plain number. */
static void convert(const char *u, double *v, sfhet_dim *dim, char *unit) {
  double f = 1.0;
  *dim = SFHET_DIM_NONE;
  if (u[0] && sfhet_unit_lookup(u, dim, &f) == SFHET_OK) *v *= f;
  else *dim = SFHET_DIM_NONE;
  snprintf(unit, 16, "%.15s", *dim ? sfhet_dim_unit(*dim) : (u[0] ? u : ""));
}

/* A number with an optional unit suffix ("4.2", "4.2 K", "1.5E+0"); 0 on success. */
static int number_unit(const char *text, double *v, char *unit, size_t size) {
  while (isspace((unsigned char)*text)) text++;
  char *end;
  *v = sfhet_strtod(text, &end);
  if (end == text || !isfinite(*v) || (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))) return -1;
  while (isspace((unsigned char)*end)) end++;
  snprintf(unit, size, "%s", end);
  size_t n = strlen(unit);
  while (n > 0 && isspace((unsigned char)unit[n - 1])) unit[--n] = '\0';
  return 0;
}

static int from_meta(const sfhet_dataset_spec *sp, sfhet_table *t, size_t i, const char *path, double *value,
                     char *name, char *unit, sfhet_dim *dim) {
  const char *key = sfhet_table_meta_key(t, i), *val = sfhet_table_meta_value(t, i);
  const char *last = strrchr(key, '>') ? strrchr(key, '>') + 1 : key;
  char vunit[32], base[64], kunit[32];
  if (number_unit(val, value, vunit, sizeof vunit))
    SFHET_ERROR(SFHET_EDATA, "--sweep-from: header key '%s' of %s is '%s', not a number", key, path, val);
  sfhet_colname_split(last, base, sizeof base, kunit, sizeof kunit);
  const char *u = sp->sweep_unit ? sp->sweep_unit : vunit[0] ? vunit : kunit;
  convert(u, value, dim, unit);
  out_name(base, *dim, name);
  return SFHET_OK;
}

static int from_column(const sfhet_dataset_spec *sp, sfhet_table *t, const char *col, const char *path,
                       double *value, char *name, char *unit, sfhet_dim *dim) {
  sfhet_colreq r = {col, sp->sweep_unit, SFHET_COL_OWN, SFHET_DIM_NONE, "--sweep-from"};
  sfhet_colinfo info;
  const double *v;
  SFHET_TRY(sfhet_table_column_req(t, &r, SFHET_MISSING_NAN, &v, NULL, &info));
  double s = 0;
  size_t k = 0;
  for (size_t i = 0; i < sfhet_table_nrows(t); i++)
    if (isfinite(v[i])) s += v[i], k++;
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "--sweep-from: column '%s' of %s has no values", col, path);
  *value = s / (double)k;
  *dim = info.dim;
  snprintf(unit, 16, "%.15s", info.unit);
  snprintf(name, 64, "%.63s", info.outname);
  return SFHET_OK;
}

typedef struct {
  char re[512];     /* pattern with (?<NAME> rewritten to ( */
  char group[48];   /* NAME ("" without a named group) */
  char after[16];   /* letters that follow the named group in the pattern */
  size_t index;     /* capture group holding the value */
} name_pattern;

/* Rewrites named groups and finds the value's capture group. */
static int rewrite(const char *pat, name_pattern *p) {
  size_t k = 0, groups = 0, depth = 0, target_depth = 0;
  int in_class = 0, found = 0;
  memset(p, 0, sizeof *p);
  for (const char *c = pat; *c; c++) {
    if (k + 2 >= sizeof p->re) return -1;
    if (*c == '\\' && c[1]) {
      p->re[k++] = *c++, p->re[k++] = *c;
      continue;
    }
    if (in_class) in_class = *c != ']';
    else if (*c == '[') in_class = 1;
    else if (*c == '(') {
      groups++, depth++;
      const char *n = strncmp(c, "(?<", 3) == 0 ? c + 3 : strncmp(c, "(?P<", 4) == 0 ? c + 4 : NULL;
      if (n && strchr(n, '>')) {
        size_t len = (size_t)(strchr(n, '>') - n);
        if (!found) snprintf(p->group, sizeof p->group, "%.*s", (int)len, n), p->index = groups, found = 1,
                    target_depth = depth;
        p->re[k++] = '(';
        c = n + len;
        continue;
      }
    } else if (*c == ')' && depth > 0) {
      if (found && depth == target_depth && !p->after[0]) {
        size_t a = 0;
        for (const char *q = c + 1; *q && a + 1 < sizeof p->after && (isalpha((unsigned char)*q) || (*q & 0x80)); q++)
          p->after[a++] = *q;
        target_depth = 0;
      }
      depth--;
    }
    p->re[k++] = *c;
  }
  if (!found) p->index = groups ? 1 : 0;
  return 0;
}

static int from_name(const sfhet_dataset_spec *sp, const char *pattern, const char *path, double *value,
                     char *name, char *unit, sfhet_dim *dim) {
  name_pattern p;
  regex_t re;
  regmatch_t m[10];
  if (rewrite(pattern, &p) || p.index > 9 || regcomp(&re, p.re, REG_EXTENDED) != 0)
    SFHET_ERROR(SFHET_EUSAGE, "--sweep-from: 'name:%s' is not a valid extended regular expression", pattern);
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  int hit = regexec(&re, base, 10, m, 0) == 0 && m[p.index].rm_so >= 0;
  regfree(&re);
  if (!hit) SFHET_ERROR(SFHET_EDATA, "--sweep-from: the file name '%s' does not match '%s'", base, pattern);
  char text[64], vunit[32], gbase[48], gunit[32];
  snprintf(text, sizeof text, "%.*s", (int)(m[p.index].rm_eo - m[p.index].rm_so), base + m[p.index].rm_so);
  if (number_unit(text, value, vunit, sizeof vunit))
    SFHET_ERROR(SFHET_EDATA, "--sweep-from: '%s' from the file name '%s' is not a number", text, base);
  sfhet_colname_split(p.group, gbase, sizeof gbase, gunit, sizeof gunit);
  sfhet_dim d;
  double f;
  const char *after = sfhet_unit_lookup(p.after, &d, &f) == SFHET_OK ? p.after : "";
  const char *u = sp->sweep_unit ? sp->sweep_unit : vunit[0] ? vunit : gunit[0] ? gunit : after;
  convert(u, value, dim, unit);
  out_name(gbase, *dim, name);
  return SFHET_OK;
}

int ds_sweep_from(const sfhet_dataset_spec *sp, sfhet_table *t, const char *path, double *value, char *name,
                  char *unit, sfhet_dim *dim) {
  const char *f = sp->sweep_from;
  size_t i;
  if (strncmp(f, "name:", 5) == 0) return from_name(sp, f + 5, path, value, name, unit, dim);
  if (strncmp(f, "mean:", 5) == 0) return from_column(sp, t, f + 5, path, value, name, unit, dim);
  int meta = sfhet_table_meta_find(t, strncmp(f, "meta:", 5) == 0 ? f + 5 : f, &i);
  if (meta == 1) return from_meta(sp, t, i, path, value, name, unit, dim);
  if (meta < 0) SFHET_ERROR(SFHET_EDATA, "--sweep-from: '%s' matches several header keys of %s; give the "
                            "full key", f, path);
  if (strncmp(f, "meta:", 5) == 0)
    SFHET_ERROR(SFHET_EDATA, "--sweep-from: %s has no header key '%s'", path, f + 5);
  size_t col;
  if (sfhet_table_find(t, f, "--sweep-from", &col) == SFHET_OK)
    return from_column(sp, t, f, path, value, name, unit, dim);
  SFHET_ERROR(SFHET_EDATA, "--sweep-from: '%s' is neither a header key nor a column of %s (see 'sfhet inspect "
              "--data %s')", f, path, path);
}
