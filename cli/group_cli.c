/* Grouping of long-format rows by a --group column (bkt, critcurrent, hysteresis): readback
 * tolerance and sweep direction. */
#include <stdlib.h>
#include <string.h>

#include "group_cli.h"
#include "sfhet/error.h"

void cli_add_group_options(cli_spec *s, int directions) {
  cli_add(s, "group-tol", CLI_STR, SFHET_DIM_NONE, NULL,
          "--group readbacks within this of each other are one curve (e.g. 20mK, or a number in the\n"
          "                         group column's unit); default: equal values");
  if (!directions) return;
  cli_add(s, "group-direction", CLI_STR, SFHET_DIM_NONE, "auto",
          "direction of the --group sweep: a column whose sign gives it, auto (from the order of the\n"
          "                         group values) or none; with both directions only --branch is analysed");
  cli_add(s, "branch", CLI_STR, SFHET_DIM_NONE, "up", "with both sweep directions of --group: up or down");
}

/* The groups of branch want (contiguous in g) as a grouping of their own. */
static int keep_branch(sfhet_groups *g, const int *gdir, int want) {
  size_t a = 0, b;
  while (a < g->n && gdir[a] != want) a++;
  for (b = a; b < g->n && gdir[b] == want; b++) {}
  size_t k = 0;
  for (size_t j = a; j < b; j++) {
    g->value[k] = g->value[j], g->count[k] = g->count[j], g->start[k] = g->start[j];
    k++;
  }
  g->n = k;
  if (k == 0) SFHET_ERROR(SFHET_EDATA, "--branch: the data have no %s sweep", want > 0 ? "up" : "down");
  return SFHET_OK;
}

int cli_group_rows(const cli_spec *s, sfhet_table *t, const char *gname, const double *grp, const double *x,
                   size_t n, int directions, sfhet_groups *g) {
  memset(g, 0, sizeof *g);
  double tol = 0;
  const char *gt = cli_str(s, "group-tol");
  if (gt) {
    SFHET_TRY(sfhet_parse_quantity(gt, sfhet_colname_dim(gname), "--group-tol", &tol));
    if (!(tol >= 0)) return cli_usage_error("--group-tol: %s is negative", gt);
  }
  const char *dm = directions ? cli_str(s, "group-direction") : "none";
  if (!gt && strcmp(dm, "none") == 0) return sfhet_groups_make(grp, n, 1e-6, g);
  const double *dcol = NULL;
  if (strcmp(dm, "auto") != 0 && strcmp(dm, "none") != 0)
    SFHET_TRY(sfhet_table_get(t, dm, "--group-direction", &dcol));
  int *gdir = NULL, want = 1;
  if (directions) {
    const char *br = cli_str(s, "branch");
    want = strcmp(br, "up") == 0 ? 1 : strcmp(br, "down") == 0 ? -1 : 0;
    if (!want) return cli_usage_error("--branch: '%s' is not up or down", br);
  }
  SFHET_TRY(sfhet_groups_make_dirs(grp, x, dcol, n, tol, strcmp(dm, "none") != 0, g, &gdir));
  int st = gdir ? keep_branch(g, gdir, want) : SFHET_OK;
  if (!st && gdir && !s->quiet)
    cli_warn(s, "--group %s: the data hold an up and a down sweep; analysing the %s sweep (--branch)", gname,
             want > 0 ? "up" : "down");
  free(gdir);
  if (st) sfhet_groups_free(g);
  return st;
}
