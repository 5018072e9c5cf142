/* sfhet spinlife: quasiparticle spin lifetime from the broadening change (seed 000 Methods). */
#include <stdio.h>

#include "cli.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "spinlife", "spinlife --gamma-s GS --gamma-0 G0 [--gamma-s-err E --gamma-0-err E] [--json]",
                "Spin (quasiparticle) lifetime from the Dynes broadening under in-plane saturation, Gs,\n"
                "and at zero field, G0 (seed 000 Methods): hbar/tau = sqrt(Gs^2 - G0^2). Errors are\n"
                "propagated to first order. --json: rate_meV, rate_err_meV, tau_s, tau_err_s.");
  cli_add(s, "gamma-s", CLI_QTY, SFHET_DIM_ENERGY, NULL, "broadening under in-plane saturation");
  cli_add(s, "gamma-0", CLI_QTY, SFHET_DIM_ENERGY, NULL, "broadening at zero field");
  cli_add(s, "gamma-s-err", CLI_QTY, SFHET_DIM_ENERGY, "0", "standard error of --gamma-s");
  cli_add(s, "gamma-0-err", CLI_QTY, SFHET_DIM_ENERGY, "0", "standard error of --gamma-0");
}

static int run_spinlife(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  double gs, g0, es, e0, r, dr, tau, dtau;
  SFHET_TRY(cli_qty(&s, "gamma-s", &gs));
  SFHET_TRY(cli_qty(&s, "gamma-0", &g0));
  SFHET_TRY(cli_qty(&s, "gamma-s-err", &es));
  SFHET_TRY(cli_qty(&s, "gamma-0-err", &e0));
  if (es < 0 || e0 < 0) return cli_usage_error("--gamma-s-err/--gamma-0-err must be >= 0");
  SFHET_TRY(sfhet_spin_lifetime(gs, es, g0, e0, &r, &dr, &tau, &dtau));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(&s, &out));
  if (s.json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_number(&j, "rate_meV", r);
    sfhet_json_number(&j, "rate_err_meV", dr);
    sfhet_json_number(&j, "tau_s", tau);
    sfhet_json_number(&j, "tau_err_s", dtau);
    sfhet_json_end(&j);
  } else {
    fprintf(out.fp, "hbar/tau = %.6g +- %.3g meV, tau = %.6g +- %.3g ps\n", r, dr, tau * 1e12, dtau * 1e12);
  }
  return sfhet_outfile_commit(&out);
}

const cli_command cli_cmd_spinlife = {"spinlife", "spin lifetime from broadening: hbar/tau = sqrt(Gs^2 - G0^2)",
                                      run_spinlife};
