/* Nanonis spectroscopy .dat: "key<TAB>value<TAB>" header lines (kept as metadata: position, lock-in
 * and sweep settings), a blank line, [DATA], then a tab-separated table with units in the column
 * names ("Bias calc (V)", "LI Demod 1 X (A)") and NaN cells. */
#include <string.h>

#include "io/table_int.h"
#include "sfhet/error.h"

static int header_line(sfhet_table *t, char *line, size_t lineno, void *ctx) {
  (void)lineno, (void)ctx;
  char *tab = strchr(line, '\t');
  if (tab) *tab = '\0';
  char *key = tbl_trim(line), *value = tab ? tab + 1 : line + strlen(line);
  if (!*key) return SFHET_OK;
  size_t n = strlen(value);
  while (n > 0 && (value[n - 1] == '\t' || value[n - 1] == ' ')) value[--n] = '\0';
  return tbl_add_meta(t, key, value);
}

int tbl_read_nanonis(sfhet_table *t, char *buf, size_t len) {
  tbl_text_opts o = {'\t', 1, 0, 0};
  return tbl_header_then_table(t, buf, len, "[DATA]", header_line, NULL, &o, "Nanonis .dat");
}
