/* sfhet tmr: Julliere tunnelling magnetoresistance and its inverse. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
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
  cli_add_plot_options(s, "TMR against P2 at the given P1 (equal electrodes without P1), the result marked");
}

/* TMR(P2) at fixed P1 (equal electrodes: TMR(P) with P1 = P2 = P) and the point (p, tmr). */
static int plot_tmr(const cli_spec *s, double P1, int equal, double pt, double tmr) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  enum { M = 199 };
  double c[2 * M];
  size_t m = 0;
  for (size_t i = 0; i < M; i++) {
    double x = -0.99 + 1.98 * (double)i / (M - 1), t;
    if (sfhet_tmr_julliere(equal ? x : P1, x, &t) == SFHET_OK && fabs(t) <= fmax(4 * fabs(tmr), 0.5))
      c[m] = x, c[M + m] = 100 * t, m++;
    sfhet_clear_error();
  }
  double px = pt, py = 100 * tmr;
  static char tt[64];
  snprintf(tt, sizeof tt, "%s = %.4g, TMR = %.4g %%", equal ? "P" : "P2", pt, 100 * tmr);
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = equal ? "Julliere TMR, equal electrodes" : "Julliere TMR at fixed P1", p.weight = 1;
  p.xlabel = equal ? "polarisation P = P1 = P2" : "polarisation P2", p.ylabel = "TMR (%)";
  plot_add(&p, "2 P1 P2/(1 - P1 P2)", c, c + M, NULL, m, PLOT_LINES);
  plot_add(&p, tt, &px, &py, NULL, 1, PLOT_POINTS);
  return plot_write_opts(path, &p, 1, "--plot", &po);
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
    SFHET_TRY(plot_tmr(&s, P1, isnan(P1), P, t));
    return emit(&s, isnan(P1) ? "P" : "P2", P, NULL, 0);
  }
  if (!cli_given(&s, "P1") || !cli_given(&s, "P2"))
    return cli_usage_error("--P1 and --P2 are required (or --tmr to invert)");
  SFHET_TRY(cli_qty(&s, "P1", &P1));
  SFHET_TRY(cli_qty(&s, "P2", &P2));
  SFHET_TRY(sfhet_tmr_julliere(P1, P2, &t));
  SFHET_TRY(plot_tmr(&s, P1, 0, P2, t));
  return emit(&s, "TMR", t, "TMR_percent", 100.0 * t);
}

const cli_command cli_cmd_tmr = {"tmr", "Julliere tunnelling magnetoresistance and its inverse", run_tmr};
