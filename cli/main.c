/* sfhet: subcommand dispatch, --help, --version, and the one place that prints errors and exits. Also
 * the process-wide safety of the outputs: every file of a command is committed together at the end
 * (an output set), a termination signal removes temporary files, and the thread count is bounded. */
#include <errno.h>
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "par_cli.h"
#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/par.h"
#include "sfhet/text.h"
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

int cli_cores(void) {
  int n = omp_get_num_procs();
  return n > 0 ? n : 1;
}

/* OMP_NUM_THREADS (or OpenMP's default) above the number of cores is reduced to it: more threads
 * gain nothing, and absurd values crash libgomp when it builds the team. */
static void limit_threads(void) {
  if (omp_get_max_threads() > cli_cores()) omp_set_num_threads(cli_cores());
}

static volatile sig_atomic_t running; /* a command is running: an exit() now is not ours */

static void on_signal(int sig) {
  sfhet_outfile_remove_temps();
  signal(sig, SIG_DFL);
  raise(sig); /* delivered when the handler returns: the process ends as the signal intended */
}

/* Termination signals remove the temporary output files first (ignored signals stay ignored). */
static void install_signal_handlers(void) {
  static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ};
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(sigs[i], &sa, NULL);
}

/* A library that calls exit() in the middle of a command (libgomp when it cannot create threads). */
static void on_foreign_exit(void) {
  if (!running) return;
  sfhet_outfile_remove_temps();
  fputs("sfhet: error: the OpenMP runtime (or another library) ended the command (its message is above); "
        "try fewer --threads or a smaller OMP_STACKSIZE\n", stderr);
}

/* Standard output flushed without error (a full disk, /dev/full), else EIO with its message. */
static int finish_stdout(void) {
  if (fflush(stdout) == 0 && !ferror(stdout)) return SFHET_OK;
  SFHET_ERROR(SFHET_EIO, "standard output: write error: %s", strerror(errno ? errno : EIO));
}

static int fail(int st) {
  const char *msg = sfhet_last_error();
  if (!msg[0] && ferror(stdout)) msg = "standard output: write error";
  fprintf(stderr, "sfhet: error: %s\n", msg[0] ? msg : sfhet_strerror(st));
  return sfhet_status_exit_code(st);
}

/* Runs a command; its output files appear together when it succeeds, none when it fails. */
static int run_command(const cli_command *cmd, int argc, char **argv) {
  static sfhet_outset outputs;
  sfhet_clear_error();
  sfhet_outset_begin(&outputs);
  running = 1;
  int st = cmd->run(argc, argv);
  running = 0;
  if (st != SFHET_OK && st != CLI_HELP) {
    sfhet_outset_abort(&outputs);
    return st;
  }
  SFHET_TRY(sfhet_outset_commit(&outputs));
  return finish_stdout();
}

int main(int argc, char **argv) {
  cli_par_begin(&argc, &argv); /* under mpirun: MPI, rank 0 alone prints (cli/par_cli.c) */
  install_signal_handlers();
  atexit(on_foreign_exit);
  limit_threads();
  if (argc < 2) { /* the usage, then the one error line */
    usage(stderr);
    sfhet_error(SFHET_EUSAGE, __FILE__, __LINE__, "no command given (see the usage above)");
    return fail(SFHET_EUSAGE);
  }
  int st;
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    st = finish_stdout();
  } else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("sfhet %s (MPI %s)\n", SFHET_VERSION, sfhet_par_built() ? "built in" : "not built in");
    st = finish_stdout();
  } else {
    const cli_command *cmd = find_command(argv[1]);
    if (!cmd) {
      char name[128];
      sfhet_error(SFHET_EUSAGE, __FILE__, __LINE__, "unknown command '%s' (see 'sfhet --help')",
                  sfhet_text_escape(name, sizeof name, argv[1]));
      return fail(SFHET_EUSAGE);
    }
    st = run_command(cmd, argc - 1, argv + 1);
  }
  return st == SFHET_OK ? 0 : fail(st);
}
