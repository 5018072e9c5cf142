/* Quantum Design MultiVu .dat (PPMS, MPMS, DynaCool): a [Header] section of "KEY, value" lines and
 * ';' comments, then [Data] with a comma-separated header row ("Comment", "Time Stamp (sec)",
 * "Temperature (K)", "Magnetic Field (Oe)", ...) and rows in which unmeasured columns are empty. */
#include <string.h>

#include "io/table_int.h"
#include "sfhet/error.h"

/* "KEY, value" (or "; comment") into the metadata. */
static int header_line(sfhet_table *t, char *line) {
  line = tbl_trim(line);
  if (!*line) return SFHET_OK;
  if (*line == ';') return tbl_add_meta(t, "comment", tbl_trim(line + 1));
  char *comma = strchr(line, ',');
  if (!comma) return tbl_add_meta(t, line, "");
  *comma = '\0';
  return tbl_add_meta(t, tbl_trim(line), tbl_trim(comma + 1));
}

int tbl_read_multivu(sfhet_table *t, char *buf, size_t len) {
  size_t pos = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, lineno = 0;
  int too_long = 0, in_header = 0;
  char *line;
  while ((line = tbl_next_line(buf, len, &pos, &too_long)) != NULL) {
    lineno++;
    if (too_long)
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: line longer than %zu bytes", t->name, lineno,
                  (size_t)SFHET_TABLE_MAX_LINE);
    char *l = tbl_trim(line);
    if (strcmp(l, "[Data]") == 0) {
      tbl_text_opts o = {',', 1, 1, 0};
      return tbl_parse_text(t, len, pos, lineno, &o);
    }
    if (strcmp(l, "[Header]") == 0) {
      in_header = 1;
      continue;
    }
    if (!in_header && *l)
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: a MultiVu file starts with [Header], found '%.40s'", t->name,
                  lineno, l);
    SFHET_TRY(header_line(t, l));
  }
  SFHET_ERROR(SFHET_EPARSE, "%s: MultiVu file without a [Data] section (%zu lines read)", t->name, lineno);
}
