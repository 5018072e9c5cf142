/* Quantum Design MultiVu .dat (PPMS, MPMS, DynaCool): a [Header] section of "KEY, value" lines and
 * ';' comments, then [Data] with a comma-separated header row ("Comment", "Time Stamp (sec)",
 * "Temperature (K)", "Magnetic Field (Oe)", ...) and rows in which unmeasured columns are empty. */
#include <string.h>

#include "io/table_int.h"
#include "sfhet/error.h"

/* [Header], then "KEY, value" (or "; comment") lines into the metadata. */
static int header_line(sfhet_table *t, char *line, size_t lineno, void *ctx) {
  int *in_header = ctx;
  line = tbl_trim(line);
  if (strcmp(line, "[Header]") == 0) return *in_header = 1, SFHET_OK;
  if (!*line) return SFHET_OK;
  if (!*in_header)
    SFHET_ERROR(SFHET_EPARSE, "%s:%zu: a MultiVu file starts with [Header], found '%.40s'", t->name, lineno, line);
  if (*line == ';') return tbl_add_meta(t, "comment", tbl_trim(line + 1));
  char *comma = strchr(line, ',');
  if (!comma) return tbl_add_meta(t, line, "");
  *comma = '\0';
  return tbl_add_meta(t, tbl_trim(line), tbl_trim(comma + 1));
}

int tbl_read_multivu(sfhet_table *t, char *buf, size_t len) {
  int in_header = 0;
  tbl_text_opts o = {',', 1, 1, 0};
  return tbl_header_then_table(t, buf, len, "[Data]", header_line, &in_header, &o, "MultiVu");
}
