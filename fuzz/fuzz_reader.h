/* Shared body of the reader fuzz targets: parse bytes as one format, then decode every column, touch
 * every cell and metadata value, and run the column/unit lookups the commands use. */
#ifndef SFHET_FUZZ_READER_H
#define SFHET_FUZZ_READER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sfhet/table.h"

static inline int fuzz_reader(const uint8_t *data, size_t size, sfhet_format format) {
  sfhet_table *t = NULL;
  if (sfhet_table_parse_format("fuzz", (const char *)data, size, format, &t) != 0) return 0;
  volatile size_t sum = 0;
  for (size_t c = 0; c < sfhet_table_ncols(t); c++) {
    const double *v;
    size_t miss;
    if (sfhet_table_column(t, c, SFHET_MISSING_NAN, &v, &miss) == 0 && sfhet_table_nrows(t)) sum += v[0] == v[0];
    sum += strlen(sfhet_table_unit(t, c));
    if (sfhet_table_nrows(t)) sum += strlen(sfhet_table_cell(t, sfhet_table_nrows(t) - 1, c));
  }
  for (size_t i = 0; i < sfhet_table_nmeta(t); i++) sum += strlen(sfhet_table_meta_value(t, i));
  sfhet_table_meta(t, "Amplitude");
  const double *x;
  sfhet_colinfo info;
  sfhet_colreq req = {"1", NULL, SFHET_COL_DIM, SFHET_DIM_VOLTAGE, "--x"};
  sfhet_table_column_req(t, &req, SFHET_MISSING_NAN, &x, NULL, &info);
  sfhet_table_free(t);
  return 0;
}

#endif
