/* sfhet: subcommand dispatch, --help, --version, and the one place that prints errors and exits. */
#include <omp.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/version.h"

static void usage(FILE *fp) {
  fprintf(fp,
          "sfhet %s: superconductor/magnet heterostructure physics from the command line\n\n"
          "Usage: sfhet COMMAND [SUBCOMMAND] [OPTIONS]\n       sfhet COMMAND --help\n\n"
          "Commands:\n",
          SFHET_VERSION);
  for (size_t i = 0; i < cli_ncommands; i++)
    fprintf(fp, "  %-12s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
  fprintf(fp,
          "\nOptions:\n  --help       this help\n  --version    print the version\n\n"
          "Quantities take units (0.86meV, 80ueV, 1.5K, 300mK, 40uV, 0.4T); ranges are\n"
          "START:STOP:COUNT or comma lists. Tables are CSV on stdout (or -o FILE); --json gives\n"
          "scalar results as JSON. Exit status: 0 ok, 2 bad usage/input, 1 computation failed.\n");
}

static const cli_command *find_command(const char *name) {
  for (size_t i = 0; i < cli_ncommands; i++)
    if (strcmp(cli_commands[i]->name, name) == 0) return cli_commands[i];
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("sfhet %s\n", SFHET_VERSION);
    return 0;
  }
  const cli_command *cmd = find_command(argv[1]);
  if (!cmd) {
    fprintf(stderr, "sfhet: error: unknown command '%s' (see 'sfhet --help')\n", argv[1]);
    return 2;
  }
  sfhet_clear_error();
  int st = cmd->run(argc - 1, argv + 1);
  if (st == CLI_HELP || st == 0) return 0;
  const char *msg = sfhet_last_error();
  fprintf(stderr, "sfhet: error: %s\n", msg[0] ? msg : sfhet_strerror(st));
  return sfhet_status_exit_code(st);
}
