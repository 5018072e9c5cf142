/* sfhet tmr: Julliere tunnelling magnetoresistance and its inverse. */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/spin.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "tmr", "tmr --P1 P1 --P2 P2  |  tmr --tmr X [--P1 P1]",
                "Julliere TMR = (R_AP - R_P)/R_P = 2 P1 P2 / (1 - P1 P2) (Julliere 1975; seed 001).\n"
                "With --tmr (a ratio, 0.1 = 10 %): the common polarisation P of two equal electrodes,\n"
                "P = sqrt(TMR/(2 + TMR)), or with --P1 the other electrode's P2 = TMR/(P1 (2 + TMR)).");
  cli_add(s, "P1", CLI_QTY, SFHET_DIM_NONE, NULL, "spin polarisation of electrode 1 (-1..1)");
  cli_add(s, "P2", CLI_QTY, SFHET_DIM_NONE, NULL, "spin polarisation of electrode 2 (-1..1)");
  cli_add(s, "tmr", CLI_QTY, SFHET_DIM_NONE, NULL, "measured TMR ratio, to invert");
}

static int emit(const cli_spec *s, const char *k1, double v1, const char *k2, double v2) {
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    sfhet_json_number(&j, k1, v1);
    if (k2) sfhet_json_number(&j, k2, v2);
    sfhet_json_end(&j);
  } else {
    fprintf(out.fp, "%s %.12g\n", k1, v1);
    if (k2) fprintf(out.fp, "%s %.12g\n", k2, v2);
  }
  return sfhet_outfile_commit(&out);
}

static int run_tmr(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  double P1 = NAN, P2, t;
  if (cli_given(&s, "tmr")) {
    if (cli_given(&s, "P2")) return cli_usage_error("--P2: give either --P1 --P2 or --tmr [--P1]");
    SFHET_TRY(cli_qty(&s, "tmr", &t));
    if (cli_given(&s, "P1")) SFHET_TRY(cli_qty(&s, "P1", &P1));
    double P;
    SFHET_TRY(sfhet_tmr_polarization(t, P1, &P));
    return emit(&s, isnan(P1) ? "P" : "P2", P, NULL, 0);
  }
  if (!cli_given(&s, "P1") || !cli_given(&s, "P2"))
    return cli_usage_error("--P1 and --P2 are required (or --tmr to invert)");
  SFHET_TRY(cli_qty(&s, "P1", &P1));
  SFHET_TRY(cli_qty(&s, "P2", &P2));
  SFHET_TRY(sfhet_tmr_julliere(P1, P2, &t));
  return emit(&s, "TMR", t, "TMR_percent", 100.0 * t);
}

const cli_command cli_cmd_tmr = {"tmr", "Julliere tunnelling magnetoresistance and its inverse", run_tmr};
