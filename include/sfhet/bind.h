/* Flat interface for language bindings (the Python package sfhet calls it through ctypes). Only
 * numbers, strings, double arrays and one opaque result handle cross it, never a struct layout, so a
 * binding needs no header parsing and survives changes of the library's structs.
 *
 * One entry point runs every bound function by name ("dos", "didv", "fit", "read", ...; the function
 * "functions" lists them with their arguments). Arguments come as named text, parsed like the CLI's
 * options ("0.86", "80ueV", "sis", "delta,gamma"; a bare number is in the default unit of the
 * parameter's dimension), plus named double arrays. Results are named double arrays (each with a
 * shape) and named strings, owned by the result. Statuses and messages are those of sfhet/error.h
 * (sfhet_last_error() after a failed call, in the calling thread). */
#ifndef SFHET_BIND_H
#define SFHET_BIND_H

#include "sfhet/api.h"

#include <stddef.h>

SFHET_API_BEGIN

/* The result of a bound function: named double arrays and named strings. */
typedef struct sfhet_bind_res sfhet_bind_res;

/* Runs bound function fn with nargs named text arguments (name[k] = value[k]) and narrays named arrays
 * (aname[k]: array[k] of len[k] doubles, read only during the call). Unknown argument names are an
 * error naming the accepted ones. On success *out holds a new result (free it with
 * sfhet_bind_res_free); on failure *out is NULL and the status is returned. Thread-safe: calls share
 * no state. */
int sfhet_bind_call(const char *fn, size_t nargs, const char *const *name, const char *const *value,
                    size_t narrays, const char *const *aname, const double *const *array, const size_t *len,
                    sfhet_bind_res **out);

/* Frees a result (NULL allowed). */
void sfhet_bind_res_free(sfhet_bind_res *r);

/* Number of arrays in a result. */
size_t sfhet_bind_res_narrays(const sfhet_bind_res *r);

/* Name of array k (0 <= k < narrays), NULL when out of range. */
const char *sfhet_bind_res_array_name(const sfhet_bind_res *r, size_t k);

/* Values of array k, row-major, with its shape: *rows x *cols (cols 1 for a vector; either may be 0).
 * NULL when out of range. Owned by the result. */
const double *sfhet_bind_res_array(const sfhet_bind_res *r, size_t k, size_t *rows, size_t *cols);

/* Number of strings in a result; keys may repeat (a list: one "name" per parameter). */
size_t sfhet_bind_res_nstrings(const sfhet_bind_res *r);

/* Key and value of string k (0 <= k < nstrings), NULL when out of range. Owned by the result. */
const char *sfhet_bind_res_string_key(const sfhet_bind_res *r, size_t k);
const char *sfhet_bind_res_string(const sfhet_bind_res *r, size_t k);

/* Version of the library ("0.1.0"). */
const char *sfhet_bind_version(void);

SFHET_API_END

#endif
