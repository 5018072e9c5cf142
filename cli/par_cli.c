/* MPI start for the command line: every rank runs the same command; only rank 0 is heard. */
#include "par_cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "sfhet/par.h"

void cli_par_begin(int *argc, char ***argv) {
  if (sfhet_par_init(argc, argv) != 0) return; /* not started: a single process */
  atexit(sfhet_par_finalize);
  if (sfhet_par_is_root() || getenv("SFHET_PAR_VERBOSE")) return;
  if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) return;
}
