/* --help text generated from the option tables (names, units, defaults, bounds, help). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sfhet/version.h"

static const char *metavar(const cli_opt *o) {
  if (o->metavar) return o->metavar;
  switch (o->kind) {
    case CLI_FLAG: return "";
    case CLI_INT: return "N";
    case CLI_STR: return strcmp(o->name, "output") == 0 ? "FILE" : "TEXT";
    case CLI_RANGE: return "RANGE";
    case CLI_QTY: break;
  }
  return o->dim == SFHET_DIM_NONE ? "X" : "Q";
}

static int is_common(const char *name) {
  static const char *const common[] = {"output", "json", "quiet", "threads", "help"};
  for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
    if (strcmp(name, common[i]) == 0) return 1;
  return 0;
}

static void print_opt(const cli_opt *o, FILE *fp) {
  char left[64];
  snprintf(left, sizeof left, "--%s %s", o->name, metavar(o));
  fprintf(fp, "  %-22s %s", left, o->help ? o->help : "");
  const char *unit = sfhet_dim_unit(o->dim);
  if (o->dim != SFHET_DIM_NONE) fprintf(fp, " [%s]", unit);
  if (o->def) fprintf(fp, " (default %s%s%s)", o->def, unit[0] && o->dim ? " " : "",
                      o->dim ? unit : "");
  if (o->follows) fprintf(fp, " (default: that of --%s)", o->follows);
  if (o->param) {
    char b[96];
    sfhet_param_bounds_text(o->param, b, sizeof b);
    if (strcmp(b, "any") != 0) fprintf(fp, " {%s}", b);
  }
  fputc('\n', fp);
}

void cli_help(const cli_spec *s, FILE *fp) {
  fprintf(fp, "Usage: sfhet %s\n\n", s->usage);
  if (s->about) fprintf(fp, "%s\n\n", s->about);
  fprintf(fp, "Options:\n");
  for (size_t i = 0; i < s->n; i++)
    if (!is_common(s->opt[i].name) && !s->opt[i].group) print_opt(&s->opt[i], fp);
  for (size_t i = 0; i < s->n; i++) { /* each group once, in order of first appearance */
    const char *g = s->opt[i].group;
    int seen = 0;
    for (size_t k = 0; k < i && g && !seen; k++) seen = s->opt[k].group && strcmp(s->opt[k].group, g) == 0;
    if (!g || seen) continue;
    fprintf(fp, "\n%s:\n", g);
    for (size_t k = i; k < s->n; k++)
      if (s->opt[k].group && strcmp(s->opt[k].group, g) == 0) print_opt(&s->opt[k], fp);
  }
  if (s->epilog) fprintf(fp, "\n%s\n", s->epilog);
  fprintf(fp, "\nCommon options:\n");
  for (size_t i = 0; i < s->n; i++)
    if (is_common(s->opt[i].name)) print_opt(&s->opt[i], fp);
  fprintf(fp,
          "\nQuantities take an optional unit (0.86meV, 80ueV, 80µeV, 300mK, 40uV, 10mT, 12nm,\n"
          "20cm2/s, 0.5ns, 45deg); a bare number is in the unit shown in brackets. RANGE is\n"
          "START:STOP:COUNT (both ends included), a comma list, or one value. {..} are the bounds.\n"
          "Exit status: 0 success, 2 bad usage or input, 1 computation failed.\n");
}
