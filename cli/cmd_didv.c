/* sfhet didv: tunnel-junction conductance dI/dV and current of NIS and SIS junctions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"

static void build_spec(cli_spec *s, const sfhet_junction *j) {
  cli_spec_init(s, "didv",
                "didv --junction nis|sis|pc --delta D [--gamma G] [--delta2 D2 --gamma2 G2] --T T --V RANGE "
                "[--vac VAC] [--model MODEL] [--model2 MODEL]",
                "Normalised differential conductance G = (dI/dV)/G_nn and current I/G_nn [mV] of a tunnel\n"
                "junction, from the exact current integral (not a finite difference on the bias grid):\n"
                "  nis: G(V) = ∫ N(E) [-f'(E - eV)] dE\n"
                "  sis: I(V) = ∫ N1(E) N2(E + eV) [f(E) - f(E + eV)] dE,  G = dI/dV\n"
                "  pc:  G(V) = ∫ σ(E) [-f'(E - eV)] dE, σ the Andreev kernel of --model btk|tk (BTK eq. 17;\n"
                "       docs/andreev.md); its P is the current's spin polarisation\n"
                "Spin-resolved models tunnel spin-conserving with weights (1 +- P). Electrodes whose spin is a\n"
                "vector (e.g. isingqc in a tilted field) give the full spin trace 2 Tr[rho1 T rho2 T] (sis):\n"
                "the transverse spin densities add with weight 4 sqrt(1 - P^2), P filters along the first\n"
                "electrode's spin axis. --vac applies the lock-in first-harmonic average, --sigma_inst a\n"
                "Gaussian instrument response, --zbp_amp a Gaussian zero-bias peak; I is the dc current\n"
                "without them (but with the zero-bias-peak term).\n"
                "The options are those of the chosen --model (and, for sis, --model2, suffix 2); with the\n"
                "same model on both sides every second-electrode parameter not given follows the first's.\n"
                "Output: V_mV,G,I_mV,G_err (G_err: estimated absolute discretisation error of G).\n"
                "See docs/junction.md.");
  s->epilog = cli_models_epilog("didv");
  cli_add_junction_options(s, j, "nis");
  cli_add(s, "V", CLI_RANGE, SFHET_DIM_VOLTAGE, "-3:3:601", "bias voltages");
  cli_add(s, "accuracy", CLI_QTY, SFHET_DIM_NONE, "1e-4", "requested relative accuracy of G");
  cli_add_plot_options(s, "G(V)");
}

static int setup(cli_spec *s, sfhet_junction *j) {
  if (!cli_given(s, "T")) return cli_usage_error("--T is required (the temperature)");
  SFHET_TRY(cli_junction_setup(s, j, NULL));
  double acc;
  SFHET_TRY(cli_qty(s, "accuracy", &acc));
  if (!(acc > 0.0 && acc < 0.1)) return cli_usage_error("--accuracy: %g must be in (0, 0.1)", acc);
  j->rel_tol = acc;
  return sfhet_junction_check(j);
}

static int compute_and_write(const cli_spec *s, const sfhet_junction *j, const sfhet_range *V) {
  size_t n = V->n;
  double *buf = malloc(3 * n * sizeof *buf);
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  int st = (!buf || !ws) ? SFHET_ENOMEM : SFHET_OK;
  if (st) sfhet_error(st, __FILE__, __LINE__, "out of memory");
  double *G = buf, *I = buf + n, *E = buf + 2 * n;
  if (!st) st = sfhet_junction_eval(j, V->v, n, G, I, E, ws);
  if (!st) {
    const char *names[] = {"V_mV", "G", "I_mV", "G_err"};
    const double *cols[] = {V->v, G, I, E};
    plot_table_spec ps = {.title = "tunnelling conductance", .x = 0, .y = {1}, .ny = 1, .ylabel = "G/G_N"};
    st = cli_plot_table(s, &ps, names, cols, n);
    if (!st) st = cli_write_table(s, names, 4, cols, n);
  }
  sfhet_junction_ws_free(ws);
  free(buf);
  return st;
}

static int run_didv(int argc, char **argv) {
  cli_spec s;
  sfhet_junction j;
  cli_peek_junction(argc, argv, SFHET_JUNCTION_NIS, &j);
  build_spec(&s, &j);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  SFHET_TRY(setup(&s, &j));
  sfhet_range V;
  SFHET_TRY(cli_range(&s, "V", &V));
  st = compute_and_write(&s, &j, &V);
  sfhet_range_free(&V);
  return st;
}

const cli_command cli_cmd_didv = {"didv", "tunnel-junction dI/dV and I (NIS, SIS, lock-in)", run_didv};
