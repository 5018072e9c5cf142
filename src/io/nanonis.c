/* Nanonis spectroscopy .dat: "key<TAB>value<TAB>" header lines (kept as metadata: position, lock-in
 * and sweep settings), a blank line, [DATA], then a tab-separated table with units in the column
 * names ("Bias calc (V)", "LI Demod 1 X (A)") and NaN cells. */
#include <string.h>

#include "io/table_int.h"
#include "sfhet/error.h"

static int header_line(sfhet_table *t, char *line) {
  char *tab = strchr(line, '\t');
  if (tab) *tab = '\0';
  char *key = tbl_trim(line), *value = tab ? tab + 1 : "";
  if (!*key) return SFHET_OK;
  size_t n = strlen(value);
  while (n > 0 && (value[n - 1] == '\t' || value[n - 1] == ' ')) value[--n] = '\0';
  return tbl_add_meta(t, key, value);
}

int tbl_read_nanonis(sfhet_table *t, char *buf, size_t len) {
  size_t pos = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, lineno = 0;
  int too_long = 0;
  char *line;
  while ((line = tbl_next_line(buf, len, &pos, &too_long)) != NULL) {
    lineno++;
    if (too_long)
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: line longer than %zu bytes", t->name, lineno,
                  (size_t)SFHET_TABLE_MAX_LINE);
    if (strcmp(tbl_trim(line), "[DATA]") == 0) {
      tbl_text_opts o = {'\t', 1, 0, 0};
      return tbl_parse_text(t, len, pos, lineno, &o);
    }
    SFHET_TRY(header_line(t, line));
  }
  SFHET_ERROR(SFHET_EPARSE, "%s: Nanonis .dat file without a [DATA] line (%zu lines read)", t->name, lineno);
}
