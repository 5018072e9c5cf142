/* libFuzzer target: quantity and range parsers on arbitrary text, for every dimension. A success must
 * give finite values and a range of at most SFHET_RANGE_MAX values; a failure must leave no range. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/units.h"

static void require(int ok) {
  if (!ok) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > 256) return 0;
  char *s = malloc(size);
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  sfhet_dim dim = (sfhet_dim)(data[0] % SFHET_DIM_COUNT);
  double v;
  if (sfhet_parse_quantity(s, dim, "--x", &v) == 0) require(isfinite(v));
  sfhet_range r;
  if (sfhet_parse_range(s, dim, "--x", &r) == 0) {
    require(r.n >= 1 && r.n <= SFHET_RANGE_MAX);
    for (size_t i = 0; i < r.n; i++) require(isfinite(r.v[i]));
  } else {
    require(r.v == NULL && r.n == 0);
  }
  sfhet_range_free(&r);
  free(s);
  return 0;
}
