/* Locale-independent strtod through a cached "C" locale object (POSIX 2008 strtod_l). */
#include "core/numparse.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

static locale_t c_loc = (locale_t)0;
static pthread_once_t loc_once = PTHREAD_ONCE_INIT;

static void make_locale(void) { c_loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

/* The "C" numeric locale, made once (thread-safe); (locale_t)0 if it cannot be made. */
static locale_t c_locale(void) {
  pthread_once(&loc_once, make_locale);
  return c_loc;
}

double sfhet_strtod(const char *s, char **end) {
  locale_t loc = c_locale();
  if (loc == (locale_t)0) return strtod(s, end);
  return strtod_l(s, end, loc);
}
