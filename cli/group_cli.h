/* Grouping of long-format rows by a --group column (bkt, critcurrent, hysteresis). */
#ifndef SFHET_CLI_GROUP_CLI_H
#define SFHET_CLI_GROUP_CLI_H

#include "cli.h"
#include "sfhet/analysis.h"
#include "sfhet/table.h"

/* --group-tol (and with directions: --group-direction, --branch). */
void cli_add_group_options(cli_spec *s, int directions);

/* Groups n rows of t by grp (column gname) with --group-tol; with directions and both sweep
 * directions of the group values (--group-direction: a column, auto from their order, none) only the
 * --branch groups are kept, with a warning. x (NULL allowed) is the swept variable within a curve. */
int cli_group_rows(const cli_spec *s, sfhet_table *t, const char *gname, const double *grp, const double *x,
                   size_t n, int directions, sfhet_groups *g);

#endif
