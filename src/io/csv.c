/* CSV writing with metadata lines and 12 significant digits. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "io/io_int.h"
#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/text.h"

void sfhet_format_number(char *buf, size_t size, double v) {
  if (isnan(v))
    snprintf(buf, size, "nan");
  else if (isinf(v))
    snprintf(buf, size, v > 0 ? "inf" : "-inf");
  else
    snprintf(buf, size, "%.12g", v == 0.0 ? 0.0 : v);
}

int sfhet_csv_meta(FILE *fp, const char *key, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(fp, "# %s: ", key);
  vfprintf(fp, fmt, ap);
  va_end(ap);
  fputc('\n', fp);
  return ferror(fp) ? SFHET_EIO : SFHET_OK;
}

int sfhet_csv_header(FILE *fp, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++) {
    sfhet_csv_field(fp, names[i]);
    fputc(i + 1 < n ? ',' : '\n', fp);
  }
  return ferror(fp) ? SFHET_EIO : SFHET_OK;
}

int sfhet_csv_row(FILE *fp, const double *v, size_t n) {
  char b[40];
  for (size_t i = 0; i < n; i++) {
    if (isinf(v[i])) {
      char msg[200];
      snprintf(msg, sizeof msg, "column %zu of the table is infinite: the result overflowed for these "
               "inputs; nothing written (check the magnitudes of the inputs)", i + 1);
      io_mark_bad(fp, SFHET_EFAILED, msg);
    }
    sfhet_format_number(b, sizeof b, v[i]);
    fputs(b, fp);
    fputc(i + 1 < n ? ',' : '\n', fp);
  }
  return ferror(fp) ? SFHET_EIO : SFHET_OK;
}
