/* sfhet dos: a density-of-states model on an energy grid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s, const sfhet_dos_info *m) {
  static char model_help[320];
  cli_spec_init(s, "dos", "dos --model MODEL [--delta D] [--gamma G] [--E RANGE] ...",
                "Densities of states normalised to the normal state, N(E), on an energy grid.\n"
                "The options are the parameters of the chosen --model (see docs/dos.md for the\n"
                "equations). Output columns: E_meV,N (and N_up,N_down for spin-resolved models).");
  s->epilog = cli_models_epilog("dos");
  snprintf(model_help, sizeof model_help, "DOS model: %s", cli_dos_models());
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, "dynes", model_help);
  cli_add(s, "E", CLI_RANGE, SFHET_DIM_ENERGY, "-3:3:601", "energies");
  cli_add(s, "models", CLI_FLAG, SFHET_DIM_NONE, NULL, "list the registered models (one name per line) and exit");
  cli_add_model_options(s, m);
  cli_add_plot_options(s, "N(E) (and N_up, N_down)");
}

static int compute_and_write(const cli_spec *s, const sfhet_dos_info *m, const double *p,
                             const sfhet_range *E) {
  size_t n = E->n;
  double *buf = malloc(3 * n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *N = buf, *up = buf + n, *dn = buf + 2 * n;
  int st = m->eval(p, E->v, n, N, up, dn);
  if (!st) {
    const char *names[] = {"E_meV", "N", "N_up", "N_down"};
    const double *cols[] = {E->v, N, up, dn};
    plot_table_spec ps = {.title = m->name, .x = 0, .y = {1, 2, 3}, .ny = m->spin_resolved ? 3 : 1,
                          .ylabel = "N(E)/N0"};
    st = cli_plot_table(s, &ps, names, cols, n);
    if (!st) st = cli_write_table(s, names, m->spin_resolved ? 4 : 2, cols, n);
  }
  free(buf);
  return st;
}

static int run_dos(int argc, char **argv) {
  cli_spec s;
  build_spec(&s, cli_peek_model(argc, argv));
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  if (cli_flag(&s, "models")) {
    for (size_t i = 0; i < sfhet_dos_count(); i++) printf("%s\n", sfhet_dos_get(i)->name);
    return fflush(stdout) == 0 ? SFHET_OK : SFHET_EIO;
  }
  const sfhet_dos_info *m;
  SFHET_TRY(cli_model(&s, &m));
  double p[SFHET_DOS_MAX_PARAMS];
  SFHET_TRY(cli_params(&s, m->params, m->n_params, p));
  SFHET_TRY(sfhet_dos_check(m, p));
  sfhet_range E;
  SFHET_TRY(cli_range(&s, "E", &E));
  st = compute_and_write(&s, m, p, &E);
  sfhet_range_free(&E);
  return st;
}

const cli_command cli_cmd_dos = {"dos", "densities of states of every registered model (Dynes, Maki, ...)",
                                 run_dos};
