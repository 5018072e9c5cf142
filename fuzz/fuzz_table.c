/* libFuzzer target: the table reader on arbitrary bytes, then every column converted. */
#include <stddef.h>
#include <stdint.h>

#include "sfhet/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sfhet_table *t = NULL;
  if (sfhet_table_parse("fuzz", (const char *)data, size, &t) != 0) return 0;
  for (size_t c = 0; c < sfhet_table_ncols(t); c++) {
    const double *v;
    size_t miss;
    sfhet_table_column(t, c, SFHET_MISSING_NAN, &v, &miss);
  }
  size_t col;
  sfhet_table_find(t, "1", "--x", &col);
  sfhet_table_free(t);
  return 0;
}
