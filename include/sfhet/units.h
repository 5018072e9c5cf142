/* Physical quantities with units: dimensions, default units, and the quantity/range parsers of the CLI
 * contract ("0.86meV", "80 µeV", "-5:5:401", "0,0.25,1"). */
#ifndef SFHET_UNITS_H
#define SFHET_UNITS_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

/* Dimensions; every one has a default unit in which sfhet stores values. */
typedef enum {
  SFHET_DIM_NONE = 0,   /* dimensionless */
  SFHET_DIM_ENERGY,     /* meV */
  SFHET_DIM_TEMPERATURE,/* K */
  SFHET_DIM_VOLTAGE,    /* mV */
  SFHET_DIM_FIELD,      /* T */
  SFHET_DIM_LENGTH,     /* nm */
  SFHET_DIM_TIME,       /* s */
  SFHET_DIM_ANGLE,      /* deg */
  SFHET_DIM_DIFFUSION,  /* m^2/s */
  SFHET_DIM_CURRENT,    /* mA */
  SFHET_DIM_RESISTANCE, /* ohm */
  SFHET_DIM_CONDUCTANCE,/* S (measured dI/dV; not converted when read as a signal) */
  SFHET_DIM_COUNT
} sfhet_dim;

/* Default unit symbol of a dimension ("" for dimensionless). */
const char *sfhet_dim_unit(sfhet_dim dim);

/* Human name of a dimension ("energy", "temperature", ...). */
const char *sfhet_dim_name(sfhet_dim dim);

/* The dimension of a unit symbol ("mK", "Oe", "uS") and the factor that converts a value in it to the
 * dimension's default unit; SFHET_EUNIT (not reported) if sfhet does not know the unit. */
int sfhet_unit_lookup(const char *unit, sfhet_dim *dim, double *factor);

/* Parses a number with optional unit suffix (space allowed) into the default unit of dim.
 * A unit of another dimension gives SFHET_EUNIT; a malformed, hexadecimal or non-finite number
 * SFHET_EPARSE.
 * what names the source in error messages (e.g. "--delta"). */
int sfhet_parse_quantity(const char *text, sfhet_dim dim, const char *what, double *value);

/* A list of values (owned by the struct; free with sfhet_range_free). */
typedef struct {
  size_t n;
  double *v;
} sfhet_range;

/* The most values a range may have (COUNT of START:STOP:COUNT, or items of a list): ranges are grids
 * typed on a command line, and 10^6 points resolve any of sfhet's curves; larger requests are an error
 * (SFHET_ERANGE) before any memory is allocated. */
#define SFHET_RANGE_MAX 1000000

/* Parses START:STOP:COUNT (1 <= COUNT <= SFHET_RANGE_MAX, both ends included), a comma list, or a
 * single value; each number may carry a unit of dimension dim. Numbers are decimal only: hexadecimal,
 * inf and nan are refused (SFHET_EPARSE). */
int sfhet_parse_range(const char *text, sfhet_dim dim, const char *what, sfhet_range *range);

/* Fills a range with count evenly spaced values from start to stop inclusive. */
int sfhet_range_linspace(sfhet_range *range, double start, double stop, size_t count);

/* Releases the values of a range (accepts a zeroed or already freed range). */
void sfhet_range_free(sfhet_range *range);

SFHET_API_END

#endif
