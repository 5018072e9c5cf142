/* Locale-independent strtod through a cached "C" locale object (POSIX 2008 strtod_l). */
#include "core/numparse.h"

#include <locale.h>
#include <stdlib.h>

static locale_t c_locale(void) {
  static locale_t loc = (locale_t)0;
  if (loc == (locale_t)0) {
    locale_t l = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
#pragma omp critical(sfhet_c_locale)
    {
      if (loc == (locale_t)0)
        loc = l;
      else if (l != (locale_t)0)
        freelocale(l);
    }
  }
  return loc;
}

double sfhet_strtod(const char *s, char **end) {
  locale_t loc = c_locale();
  if (loc == (locale_t)0) return strtod(s, end);
  return strtod_l(s, end, loc);
}
