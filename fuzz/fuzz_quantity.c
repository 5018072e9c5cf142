/* libFuzzer target: quantity and range parsers on arbitrary text, for every dimension. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > 256) return 0;
  char *s = malloc(size + 1);
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  sfhet_dim dim = (sfhet_dim)(data[0] % SFHET_DIM_COUNT);
  double v;
  sfhet_parse_quantity(s, dim, "--x", &v);
  sfhet_range r;
  if (sfhet_parse_range(s, dim, "--x", &r) == 0 && r.n <= 100000) sfhet_range_free(&r);
  else sfhet_range_free(&r);
  free(s);
  return 0;
}
