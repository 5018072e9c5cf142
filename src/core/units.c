/* Quantity and range parsing with SI-prefixed units, locale-independent. */
#include "sfhet/units.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numparse.h"
#include "sfhet/error.h"

typedef struct {
  const char *symbol; /* base symbol, prefixes allowed in front */
  double factor;      /* value of 1 base unit in the dimension's default unit */
  int prefix_power;   /* the prefix factor is raised to this power (2 for m2/s) */
  int allow_prefix;
} unit_def;

static const unit_def energy_units[] = {{"eV", 1e3, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def temperature_units[] = {{"K", 1.0, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def voltage_units[] = {{"V", 1e3, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def field_units[] = {
    {"T", 1.0, 1, 1}, {"G", 1e-4, 1, 1}, {"Oe", 1e-4, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def length_units[] = {
    {"m", 1e9, 1, 1}, {"\xc3\x85", 0.1, 1, 0}, {NULL, 0, 0, 0}};
static const unit_def time_units[] = {{"s", 1.0, 1, 1}, {"sec", 1.0, 1, 0}, {NULL, 0, 0, 0}};
static const unit_def angle_units[] = {
    {"deg", 1.0, 1, 0}, {"\xc2\xb0", 1.0, 1, 0}, {"rad", 180.0 / M_PI, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def diffusion_units[] = {
    {"m2/s", 1.0, 2, 1}, {"m^2/s", 1.0, 2, 1}, {"m\xc2\xb2/s", 1.0, 2, 1}, {NULL, 0, 0, 0}};
static const unit_def current_units[] = {{"A", 1e3, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def resistance_units[] = {
    {"Ohm", 1.0, 1, 1}, {"ohm", 1.0, 1, 1}, {"Ohms", 1.0, 1, 1}, {"\xce\xa9", 1.0, 1, 1}, {NULL, 0, 0, 0}};
static const unit_def conductance_units[] = {{"S", 1.0, 1, 1}, {NULL, 0, 0, 0}};

static const unit_def *const unit_tables[SFHET_DIM_COUNT] = {
    NULL, energy_units, temperature_units, voltage_units, field_units, length_units,
    time_units, angle_units, diffusion_units, current_units, resistance_units, conductance_units};

static const char *const dim_units[SFHET_DIM_COUNT] = {
    "", "meV", "K", "mV", "T", "nm", "s", "deg", "m2/s", "mA", "ohm", "S"};
static const char *const dim_names[SFHET_DIM_COUNT] = {
    "dimensionless", "energy", "temperature", "voltage", "magnetic field", "length",
    "time", "angle", "diffusion constant", "current", "resistance", "conductance"};

const char *sfhet_dim_unit(sfhet_dim dim) {
  return (dim >= 0 && dim < SFHET_DIM_COUNT) ? dim_units[dim] : "?";
}

const char *sfhet_dim_name(sfhet_dim dim) {
  return (dim >= 0 && dim < SFHET_DIM_COUNT) ? dim_names[dim] : "?";
}

static const char *article(const char *noun) { return strchr("aeiou", noun[0]) ? "an" : "a"; }

typedef struct {
  const char *text;
  double factor;
} prefix_def;

static const prefix_def prefixes[] = {
    {"G", 1e9}, {"M", 1e6}, {"k", 1e3}, {"c", 1e-2}, {"m", 1e-3}, {"u", 1e-6},
    {"\xc2\xb5", 1e-6}, {"\xce\xbc", 1e-6}, {"n", 1e-9}, {"p", 1e-12}, {"f", 1e-15},
    {NULL, 0}};

/* Factor of a unit string within one dimension's table; 0 if not a unit of it. */
static double unit_factor(const unit_def *table, const char *u) {
  for (const unit_def *d = table; d && d->symbol; d++)
    if (strcmp(u, d->symbol) == 0) return d->factor;
  for (const unit_def *d = table; d && d->symbol; d++) {
    if (!d->allow_prefix) continue;
    size_t ls = strlen(d->symbol), lu = strlen(u);
    if (lu <= ls || strcmp(u + lu - ls, d->symbol) != 0) continue;
    for (const prefix_def *p = prefixes; p->text; p++) {
      if (strlen(p->text) == lu - ls && strncmp(u, p->text, lu - ls) == 0)
        return d->factor * pow(p->factor, d->prefix_power);
    }
  }
  return 0.0;
}

/* The dimension a unit string belongs to, or -1. */
static int unit_dimension(const char *u) {
  for (int d = 1; d < SFHET_DIM_COUNT; d++)
    if (unit_factor(unit_tables[d], u) != 0.0) return d;
  return -1;
}

int sfhet_unit_lookup(const char *unit, sfhet_dim *dim, double *factor) {
  int d = unit ? unit_dimension(unit) : -1;
  if (d < 0) return SFHET_EUNIT;
  *dim = (sfhet_dim)d;
  *factor = unit_factor(unit_tables[d], unit);
  return SFHET_OK;
}

/* End of a decimal number at s: [+-] digits [. digits] [e [+-] digits], at least one digit before the
 * exponent; s itself when there is none. Hexadecimal ("0x10"), "inf" and "nan" are not numbers here. */
static const char *decimal_end(const char *s) {
  const char *p = s + (*s == '+' || *s == '-');
  int digits = 0;
  while (isdigit((unsigned char)*p)) p++, digits++;
  if (*p == '.')
    for (p++; isdigit((unsigned char)*p); p++) digits++;
  if (!digits) return s;
  if (*p == 'e' || *p == 'E') {
    const char *q = p + 1;
    q += (*q == '+' || *q == '-');
    if (isdigit((unsigned char)*q)) {
      while (isdigit((unsigned char)*q)) q++;
      p = q;
    }
  }
  return p;
}

/* The number at text (decimal only); *end after it. */
static int parse_number(const char *text, const char *what, double *x, char **end) {
  const char *p = text + (*text == '+' || *text == '-');
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    SFHET_ERROR(SFHET_EPARSE, "%s: '%s': hexadecimal numbers are not accepted; write it in decimal", what,
                text);
  const char *e = decimal_end(text);
  if (e == text) {
    sfhet_strtod(text, end);
    if (*end != text) SFHET_ERROR(SFHET_EPARSE, "%s: '%s' is not a finite number", what, text);
    SFHET_ERROR(SFHET_EPARSE, "%s: '%s' is not a number", what, text);
  }
  *x = sfhet_strtod(text, end);
  if (*end != e) SFHET_ERROR(SFHET_EPARSE, "%s: '%s' is not a number", what, text);
  return SFHET_OK;
}

int sfhet_parse_quantity(const char *text, sfhet_dim dim, const char *what, double *value) {
  if (!text) SFHET_ERROR(SFHET_EPARSE, "%s: missing value", what);
  while (isspace((unsigned char)*text)) text++;
  char *end = NULL;
  double x;
  SFHET_TRY(parse_number(text, what, &x, &end));
  if (!isfinite(x))
    SFHET_ERROR(SFHET_EPARSE, "%s: '%s' is not a finite number (too large)", what, text);
  while (isspace((unsigned char)*end)) end++;
  char unit[32];
  size_t len = strlen(end);
  while (len > 0 && isspace((unsigned char)end[len - 1])) len--;
  if (len >= sizeof unit)
    SFHET_ERROR(SFHET_EUNIT, "%s: unknown unit '%s'", what, end);
  memcpy(unit, end, len);
  unit[len] = '\0';
  if (len == 0) {
    *value = x;
    return SFHET_OK;
  }
  if (dim == SFHET_DIM_NONE)
    SFHET_ERROR(SFHET_EUNIT, "%s: '%s' takes a plain number, not unit '%s'", what, text, unit);
  double f = unit_factor(unit_tables[dim], unit);
  if (f == 0.0) {
    int other = unit_dimension(unit);
    if (other > 0)
      SFHET_ERROR(SFHET_EUNIT, "%s: unit '%s' is %s %s, but %s takes %s %s (default unit %s)",
                  what, unit, article(dim_names[other]), dim_names[other], what,
                  article(dim_names[dim]), dim_names[dim], dim_units[dim]);
    SFHET_ERROR(SFHET_EUNIT, "%s: unknown unit '%s' for %s %s (default unit %s)", what, unit,
                article(dim_names[dim]), dim_names[dim], dim_units[dim]);
  }
  *value = x * f;
  if (!isfinite(*value))
    SFHET_ERROR(SFHET_EPARSE, "%s: '%s' overflows", what, text);
  return SFHET_OK;
}

void sfhet_range_free(sfhet_range *range) {
  if (!range) return;
  free(range->v);
  range->v = NULL;
  range->n = 0;
}

int sfhet_range_linspace(sfhet_range *range, double start, double stop, size_t count) {
  range->v = malloc((count ? count : 1) * sizeof *range->v);
  if (!range->v) SFHET_ERROR(SFHET_ENOMEM, "range of %zu values: out of memory", count);
  range->n = count;
  double span = stop - start; /* infinite for ends like ±1e308: then a convex combination instead */
  for (size_t i = 0; i < count; i++) {
    double k = (double)i, m = count > 1 ? (double)(count - 1) : 1.0;
    range->v[i] = isfinite(span) ? start + span * k / m : start * (1.0 - k / m) + stop * (k / m);
  }
  if (count > 1) range->v[count - 1] = stop;
  return SFHET_OK;
}

/* START:STOP:COUNT. */
static int parse_linspace(char *buf, sfhet_dim dim, const char *what, sfhet_range *range) {
  char *c1 = strchr(buf, ':');
  char *c2 = strchr(c1 + 1, ':');
  if (!c2 || strchr(c2 + 1, ':'))
    SFHET_ERROR(SFHET_EPARSE, "%s: range must be START:STOP:COUNT", what);
  *c1 = *c2 = '\0';
  double a, b, cnt;
  SFHET_TRY(sfhet_parse_quantity(buf, dim, what, &a));
  SFHET_TRY(sfhet_parse_quantity(c1 + 1, dim, what, &b));
  SFHET_TRY(sfhet_parse_quantity(c2 + 1, SFHET_DIM_NONE, what, &cnt));
  if (cnt < 1 || cnt != floor(cnt) || cnt > SFHET_RANGE_MAX) /* checked before anything is allocated */
    SFHET_ERROR(SFHET_ERANGE, "%s: COUNT in START:STOP:COUNT must be an integer in 1..%d, got '%s'", what,
                SFHET_RANGE_MAX, c2 + 1);
  return sfhet_range_linspace(range, a, b, (size_t)cnt);
}

/* v1,v2,... */
static int parse_list(char *buf, sfhet_dim dim, const char *what, sfhet_range *range) {
  size_t n = 1;
  for (const char *p = buf; *p; p++) n += (*p == ',');
  if (n > SFHET_RANGE_MAX)
    SFHET_ERROR(SFHET_ERANGE, "%s: a list of %zu values; at most %d", what, n, SFHET_RANGE_MAX);
  range->v = malloc(n * sizeof *range->v);
  if (!range->v) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", what);
  range->n = 0;
  char *tok = buf;
  for (size_t i = 0; i < n; i++) {
    char *comma = strchr(tok, ',');
    if (comma) *comma = '\0';
    int st = sfhet_parse_quantity(tok, dim, what, &range->v[i]);
    if (st) {
      sfhet_range_free(range);
      return st;
    }
    range->n++;
    tok = comma ? comma + 1 : tok;
  }
  return SFHET_OK;
}

int sfhet_parse_range(const char *text, sfhet_dim dim, const char *what, sfhet_range *range) {
  range->n = 0;
  range->v = NULL;
  if (!text || !*text) SFHET_ERROR(SFHET_EPARSE, "%s: empty range", what);
  char *buf = strdup(text);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", what);
  int st = strchr(buf, ':') ? parse_linspace(buf, dim, what, range)
                            : parse_list(buf, dim, what, range);
  free(buf);
  return st;
}
