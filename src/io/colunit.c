/* Units in column headers ("Bias (V)", "V_mV", "T [mK]") and columns read in the dimension a command
 * asks for (docs/data.md, "Units of columns"). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io/table_int.h"
#include "sfhet/error.h"

static void copy_trim(char *dst, size_t n, const char *src, size_t len) {
  if (!dst || n == 0) return;
  while (len > 0 && isspace((unsigned char)*src)) src++, len--;
  while (len > 0 && isspace((unsigned char)src[len - 1])) len--;
  if (len >= n) len = n - 1;
  memcpy(dst, src, len);
  dst[len] = '\0';
}

static int known_unit(const char *u) {
  sfhet_dim d;
  double f;
  return sfhet_unit_lookup(u, &d, &f) == SFHET_OK;
}

/* Content of the last (open, close) group of name: start and length, 0 if none. */
static int last_group(const char *name, char open, char close, size_t *at, size_t *len) {
  const char *c = strrchr(name, close);
  if (!c) return 0;
  const char *o = c;
  while (o > name && o[-1] != open) o--;
  if (o == name) return 0;
  *at = (size_t)(o - name);
  *len = (size_t)(c - o);
  return 1;
}

/* The text after the last '_' if it is a unit sfhet knows of two or more characters (mV, mK, Oe, uA,
 * meV, ohm) or one of sfhet's one-letter default units T, K, s. Other single letters are more often
 * names (V_A, T_B, V_G, I_S: channel, sensor, gate, source) and are not taken as units. */
static const char *suffix_unit(const char *name) {
  const char *u = strrchr(name, '_');
  if (!u || u == name || !u[1]) return NULL;
  u++;
  if (!u[1] && !strchr("TKs", u[0])) return NULL;
  return known_unit(u) ? u : NULL;
}

void sfhet_colname_split(const char *name, char *base, size_t nbase, char *unit, size_t nunit) {
  size_t at, len, n = strlen(name);
  if (unit && nunit) unit[0] = '\0';
  if (last_group(name, '(', ')', &at, &len) && len > 0) {
    copy_trim(unit, nunit, name + at, len);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%.*s%s", (int)(at - 1), name, name + at + len + 1);
    char *w = tmp;
    for (const char *r = tmp; *r; r++) /* "Input 3 (A) [filt]" -> "Input 3 [filt]" */
      if (!(*r == ' ' && w > tmp && w[-1] == ' ')) *w++ = *r;
    *w = '\0';
    copy_trim(base, nbase, tmp, strlen(tmp));
    return;
  }
  if (last_group(name, '[', ']', &at, &len) && len > 0 && len < 32) {
    char u[32];
    copy_trim(u, sizeof u, name + at, len);
    if (known_unit(u)) {
      copy_trim(unit, nunit, u, strlen(u));
      copy_trim(base, nbase, name, at - 1);
      return;
    }
  }
  const char *u = suffix_unit(name);
  if (u) {
    copy_trim(unit, nunit, u, strlen(u));
    copy_trim(base, nbase, name, (size_t)(u - 1 - name));
    return;
  }
  copy_trim(base, nbase, name, n);
}

/* "Bias calc" + "mV" -> "Bias_calc_mV" (an output name without spaces, carrying the unit). */
static void out_name(const char *name, const char *unit, char *out, size_t n) {
  char base[96], u[32];
  sfhet_colname_split(name, base, sizeof base, u, sizeof u);
  if (!unit[0] || (u[0] && strcmp(u, unit) == 0 && strchr(name, '(') == NULL && strchr(name, '[') == NULL)) {
    snprintf(out, n, "%s", name);
    return;
  }
  for (char *c = base; *c; c++)
    if (*c == ' ' || *c == ',' || *c == '"') *c = '_';
  snprintf(out, n, "%.60s_%.31s", base[0] ? base : "col", unit);
}

static int is_signal_dim(sfhet_dim d) {
  return d == SFHET_DIM_NONE || d == SFHET_DIM_CONDUCTANCE || d == SFHET_DIM_CURRENT ||
         d == SFHET_DIM_VOLTAGE;
}

static const char *article(const char *noun) { return strchr("aeiou", noun[0]) ? "an" : "a"; }

/* The dimension and factor of unit u for request r (column name for messages). */
static int resolve(const sfhet_colreq *r, const char *colname, const char *u, sfhet_dim *dim, double *f) {
  *dim = SFHET_DIM_NONE;
  *f = 1.0;
  int dimensionless = u[0] == '\0' || strcmp(u, "1") == 0;
  int known = !dimensionless && sfhet_unit_lookup(u, dim, f) == SFHET_OK;
  if (r->mode == SFHET_COL_OWN) {
    if (!known) *dim = SFHET_DIM_NONE, *f = 1.0;
    return SFHET_OK;
  }
  if (!dimensionless && !known)
    SFHET_ERROR(SFHET_EUNIT, "%s: column '%s' has unit '%s', which sfhet does not know; give the unit of "
                "the numbers with %s-unit", r->what, colname, u, r->what);
  if (r->mode == SFHET_COL_SIGNAL) {
    if (!is_signal_dim(*dim))
      SFHET_ERROR(SFHET_EUNIT, "%s: column '%s' has unit '%s' (%s %s), but %s takes a conductance, a lock-in "
                  "current or voltage, or a dimensionless G; give %s-unit to override", r->what, colname,
                  u, article(sfhet_dim_name(*dim)), sfhet_dim_name(*dim), r->what, r->what);
    *f = 1.0;
    return SFHET_OK;
  }
  if (dimensionless) return *dim = r->dim, *f = 1.0, SFHET_OK; /* taken to be in the default unit */
  if (*dim != r->dim)
    SFHET_ERROR(SFHET_EUNIT, "%s: column '%s' has unit '%s' (%s %s), but %s takes %s %s (default unit %s); "
                "give %s-unit to override", r->what, colname, u, article(sfhet_dim_name(*dim)),
                sfhet_dim_name(*dim), r->what, article(sfhet_dim_name(r->dim)), sfhet_dim_name(r->dim),
                sfhet_dim_unit(r->dim), r->what);
  return SFHET_OK;
}

int sfhet_table_column_req(sfhet_table *t, const sfhet_colreq *r, sfhet_missing_policy policy,
                           const double **values, size_t *n_missing, sfhet_colinfo *info) {
  memset(info, 0, sizeof *info);
  size_t col;
  SFHET_TRY(sfhet_table_find(t, r->spec, r->what, &col));
  const char *name = sfhet_table_colname(t, col);
  const char *u = r->unit ? r->unit : sfhet_table_unit(t, col);
  sfhet_dim dim;
  double f;
  SFHET_TRY(resolve(r, name, u, &dim, &f));
  const double *raw;
  SFHET_TRY(sfhet_table_column(t, col, policy, &raw, n_missing));
  SFHET_TRY(tbl_scaled(t, col, f, values));
  info->col = col;
  info->dim = dim;
  info->factor = f;
  snprintf(info->file_unit, sizeof info->file_unit, "%s", strcmp(u, "1") ? u : "");
  int keep = r->mode == SFHET_COL_SIGNAL || dim == SFHET_DIM_NONE;
  snprintf(info->unit, sizeof info->unit, "%s", keep ? info->file_unit : sfhet_dim_unit(dim));
  int rename = r->mode != SFHET_COL_SIGNAL && info->file_unit[0];
  out_name(name, rename ? info->unit : "", info->outname, sizeof info->outname);
  return SFHET_OK;
}
