/* Clinger's fast path: a decimal with <= 19 significant digits whose mantissa is below 2^53 and whose
 * power of ten is within +-22 is converted exactly by one IEEE multiplication or division. Everything
 * else (long mantissas, large exponents, inf/nan words) goes to the locale-independent strtod.
 * Hexadecimal ("0x10", "0x1p-2") is not a number in a data cell: *end is left at s. */
#include "io/fastnum.h"

#include <stdint.h>

#include "core/numparse.h"

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_digit(char c) { return c >= '0' && c <= '9'; }

double sfhet_fast_strtod(const char *s, char **end) {
  const char *p = s;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    *end = (char *)s;
    return 0.0;
  }
  uint64_t m = 0;
  int ndig = 0, exp10 = 0, any = 0;
  while (*p == '0') p++, any = 1;
  for (; is_digit(*p); p++, any = 1) {
    if (ndig >= 19) return sfhet_strtod(s, end);
    m = m * 10 + (uint64_t)(*p - '0');
    ndig += m != 0;
  }
  if (*p == '.') {
    p++;
    for (; is_digit(*p); p++, any = 1) {
      if (ndig >= 19) return sfhet_strtod(s, end);
      m = m * 10 + (uint64_t)(*p - '0');
      ndig += m != 0;
      exp10--;
    }
  }
  if (!any) return sfhet_strtod(s, end);
  if (*p == 'e' || *p == 'E') {
    const char *q = p + 1;
    int eneg = 0, e = 0;
    if (*q == '+' || *q == '-') eneg = *q++ == '-';
    if (!is_digit(*q)) return sfhet_strtod(s, end);
    for (; is_digit(*q); q++) {
      if (e > 10000) return sfhet_strtod(s, end);
      e = e * 10 + (*q - '0');
    }
    exp10 += eneg ? -e : e;
    p = q;
  }
  if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '.')
    return sfhet_strtod(s, end); /* inf, nan, trailing junk: let strtod decide */
  if (m >= (1ULL << 53) || exp10 < -22 || exp10 > 22) return sfhet_strtod(s, end);
  double v = (double)m;
  v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
  *end = (char *)p;
  return neg ? -v : v;
}
