/* libFuzzer target: the numpy .npy decoder of QCoDeS array parameters on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "io/npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  double *v = NULL;
  size_t n = 0;
  char why[96];
  if (npy_decode(data, size, &v, &n, why) == 0) {
    volatile double s = 0;
    for (size_t i = 0; i < n; i++) s += v[i];
    free(v);
  }
  return 0;
}
