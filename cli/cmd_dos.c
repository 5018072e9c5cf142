/* sfhet dos: a density-of-states model on an energy grid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  static char about[1024], model_help[320];
  const char *models = cli_dos_models();
  snprintf(about, sizeof about,
           "Densities of states normalised to the normal state, N(E), on an energy grid.\n"
           "Models: %s. Every model's parameters are listed below; a model uses only its own\n"
           "(see docs/dos.md for the equations). Output columns: E_meV,N (and N_up,N_down for\n"
           "spin-resolved models).",
           models);
  cli_spec_init(s, "dos", "dos --model MODEL [--delta D] [--gamma G] [--E RANGE] ...", about);
  snprintf(model_help, sizeof model_help, "DOS model: %s", models);
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, "dynes", model_help);
  cli_add(s, "E", CLI_RANGE, SFHET_DIM_ENERGY, "-3:3:601", "energies");
  for (size_t i = 0; i < sfhet_dos_count(); i++)
    cli_add_params(s, sfhet_dos_get(i)->params, sfhet_dos_get(i)->n_params);
}

/* Options of other models given with this one are a usage error. */
static int check_foreign(const cli_spec *s, const sfhet_dos_info *m) {
  for (size_t i = 0; i < sfhet_dos_count(); i++) {
    const sfhet_dos_info *o = sfhet_dos_get(i);
    for (size_t k = 0; k < o->n_params; k++) {
      const char *name = o->params[k].name;
      if (cli_given(s, name) && sfhet_param_find(m->params, m->n_params, name) < 0)
        return cli_usage_error("--%s is not a parameter of model '%s'", name, m->name);
    }
  }
  return SFHET_OK;
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
    st = cli_write_table(s, names, m->spin_resolved ? 4 : 2, cols, n);
  }
  free(buf);
  return st;
}

static int run_dos(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  const char *name = cli_str(&s, "model");
  const sfhet_dos_info *m = sfhet_dos_find(name);
  if (!m) {
    return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", name, cli_dos_models());
  }
  SFHET_TRY(check_foreign(&s, m));
  double p[SFHET_DOS_MAX_PARAMS];
  SFHET_TRY(cli_params(&s, m->params, m->n_params, p));
  sfhet_range E;
  SFHET_TRY(cli_range(&s, "E", &E));
  st = compute_and_write(&s, m, p, &E);
  sfhet_range_free(&E);
  return st;
}

const cli_command cli_cmd_dos = {"dos", "densities of states (Dynes, anisotropic, Zeeman, Maki)",
                                 run_dos};
