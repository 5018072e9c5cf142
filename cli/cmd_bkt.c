/* sfhet bkt: BKT analysis of V-I curves (alpha(T) of V ~ I^alpha, T_BKT where alpha = 3) and the
 * Halperin-Nelson fit of R(T) (seed 001 Fig. 1c, Ext. Data 3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "group_cli.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/error.h"
#include "sfhet/table.h"
#include "sfhet/transport.h"

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "bkt", "bkt --data FILE --x I --y V --group T [--Imin I --Imax I]  |  bkt --rt --data FILE --x T --y R",
                "V-I mode: fits ln V = ln V0 + alpha ln I per temperature (points with I, V > 0, or the\n"
                "negative branch as |I|, |V|) in --Imin..--Imax or, without them, in the straightest run\n"
                "of max(--min-points, n/3) points; CSV T_K,alpha,alpha_err,ln_V0,ln_V0_err,Imin_mA,Imax_mA,\n"
                "n_points,rms_lnV with T_BKT_K (alpha = 3, linear interpolation, error propagated) in the\n"
                "'#' lines, or --json. Currents in the file are taken in mA.\n"
                "R-T mode (--rt): Halperin-Nelson fit R = R0 exp(-a (T/T_BKT - 1)^(-1/2)) for T > T_BKT\n"
                "on --Tmin..--Tmax and R <= --Rfrac * max R; JSON T_BKT_K, R0_ohm, a (+ _err). See docs/transport.md.");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file (long format: one row per point)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "1", "current column (V-I) or temperature column (--rt)");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "2", "voltage column (V-I) or resistance column (--rt)");
  cli_add(s, "group", CLI_STR, SFHET_DIM_NONE, NULL, "temperature column of the V-I curves [K]");
  cli_add(s, "Imin", CLI_QTY, SFHET_DIM_CURRENT, NULL, "lower end of the fit window (with --Imax)");
  cli_add(s, "Imax", CLI_QTY, SFHET_DIM_CURRENT, NULL, "upper end of the fit window");
  cli_add(s, "min-points", CLI_INT, SFHET_DIM_NONE, "5", "smallest window of the automatic search");
  cli_add(s, "alpha-only", CLI_FLAG, SFHET_DIM_NONE, NULL, "write alpha(T) without looking for T_BKT");
  cli_add(s, "rt", CLI_FLAG, SFHET_DIM_NONE, NULL, "Halperin-Nelson fit of R(T) instead");
  cli_add(s, "Tmin", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "--rt: lowest temperature used");
  cli_add(s, "Tmax", CLI_QTY, SFHET_DIM_TEMPERATURE, NULL, "--rt: highest temperature used");
  cli_add(s, "Rfrac", CLI_QTY, SFHET_DIM_NONE, "0.5", "--rt: use points with R <= Rfrac * max R");
  cli_add_group_options(s, 1);
  cli_add_plot_options(s, "alpha(T) with errors and the line alpha = 3 (V-I mode) or R(T) (--rt)");
}

typedef struct {
  sfhet_groups g;
  sfhet_powerlaw *pl;
  double *T, *a, *ae;
  double Tb, Tbe;
  size_t n_cross;
  int have_tb;
} bkt_job;

static int fit_groups(const cli_spec *s, sfhet_table *t, const double *I, const double *V, const double *Tcol,
                      size_t n, bkt_job *b) {
  double Imin = 0, Imax = 0;
  long mp;
  if (cli_given(s, "Imin") != cli_given(s, "Imax")) return cli_usage_error("--Imin and --Imax go together");
  if (cli_given(s, "Imin")) {
    SFHET_TRY(cli_qty(s, "Imin", &Imin));
    SFHET_TRY(cli_qty(s, "Imax", &Imax));
    if (!(Imin > 0 && Imax > Imin)) return cli_usage_error("--Imin/--Imax: need 0 < Imin < Imax");
  }
  SFHET_TRY(cli_int(s, "min-points", &mp));
  if (mp < 3) return cli_usage_error("--min-points: at least 3");
  SFHET_TRY(cli_group_rows(s, t, cli_str(s, "group"), Tcol, I, n, 1, &b->g));
  size_t ng = b->g.n;
  b->pl = calloc(ng + 1, sizeof *b->pl);
  b->T = calloc(3 * ng + 1, sizeof *b->T);
  double *x = malloc((2 * n + 1) * sizeof *x);
  if (!b->pl || !b->T || !x) {
    free(x);
    SFHET_ERROR(SFHET_ENOMEM, "bkt: out of memory");
  }
  b->a = b->T + ng, b->ae = b->T + 2 * ng;
  int st = SFHET_OK;
  for (size_t k = 0; k < ng && !st; k++) {
    size_t m = b->g.count[k];
    for (size_t i = 0; i < m; i++) {
      size_t r = b->g.row[b->g.start[k] + i];
      x[i] = I[r], x[n + i] = V[r];
    }
    st = sfhet_powerlaw_fit(x, x + n, m, Imin, Imax, (size_t)mp, &b->pl[k]);
    if (st) {
      char msg[256];
      snprintf(msg, sizeof msg, "%s", sfhet_last_error());
      SFHET_REPORT(st, "T = %g K: %s", b->g.value[k], msg);
    }
    b->T[k] = b->g.value[k], b->a[k] = b->pl[k].alpha, b->ae[k] = b->pl[k].alpha_err;
  }
  free(x);
  return st;
}

static void write_csv(const cli_spec *s, const bkt_job *b, FILE *fp) {
  cli_meta(s, fp);
  if (b->have_tb) {
    sfhet_csv_meta(fp, "T_BKT_K", "%.10g", b->Tb);
    sfhet_csv_meta(fp, "T_BKT_err_K", "%.6g", b->Tbe);
    sfhet_csv_meta(fp, "n_crossings", "%zu", b->n_cross);
  }
  const char *names[] = {"T_K", "alpha", "alpha_err", "ln_V0", "ln_V0_err", "Imin_mA", "Imax_mA",
                         "n_points", "rms_lnV"};
  sfhet_csv_header(fp, names, 9);
  for (size_t k = 0; k < b->g.n; k++) {
    const sfhet_powerlaw *p = &b->pl[k];
    double row[9] = {b->T[k], p->alpha, p->alpha_err, p->log_v0, p->log_v0_err, p->Imin, p->Imax,
                     (double)p->n_used, p->rms_log};
    sfhet_csv_row(fp, row, 9);
  }
}

static void write_json(const bkt_job *b, FILE *fp) {
  sfhet_json j;
  sfhet_json_begin(&j, fp, 2);
  if (b->have_tb) {
    sfhet_json_number(&j, "T_BKT_K", b->Tb);
    sfhet_json_number(&j, "T_BKT_err_K", b->Tbe);
    sfhet_json_int(&j, "n_crossings", (long long)b->n_cross);
  }
  sfhet_json_array_begin(&j, "curves");
  for (size_t k = 0; k < b->g.n; k++) {
    sfhet_json_object_begin(&j, NULL);
    sfhet_json_number(&j, "T_K", b->T[k]);
    sfhet_json_number(&j, "alpha", b->pl[k].alpha);
    sfhet_json_number(&j, "alpha_err", b->pl[k].alpha_err);
    sfhet_json_number(&j, "Imin_mA", b->pl[k].Imin);
    sfhet_json_number(&j, "Imax_mA", b->pl[k].Imax);
    sfhet_json_int(&j, "n_points", (long long)b->pl[k].n_used);
    sfhet_json_object_end(&j);
  }
  sfhet_json_array_end(&j);
  sfhet_json_end(&j);
}

/* alpha(T) with its errors, the BKT criterion alpha = 3 and T_BKT. */
static int plot_alpha(const cli_spec *s, const bkt_job *b) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  size_t n = b->g.n;
  double tl[2] = {b->T[0], b->T[n - 1]}, three[2] = {3, 3}, vx[2], vy[2] = {1, 3};
  static char tt[64];
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = "BKT: V ~ I^alpha", p.xlabel = "T_K", p.ylabel = "exponent α", p.weight = 1;
  plot_add(&p, "α(T) ± 1σ", b->T, b->a, b->ae, n, PLOT_ERRORBARS);
  plot_add(&p, "α = 3", tl, three, NULL, 2, PLOT_LINES);
  if (b->have_tb) {
    vx[0] = vx[1] = b->Tb;
    snprintf(tt, sizeof tt, "T_BKT = %.4g K", b->Tb);
    plot_add(&p, tt, vx, vy, NULL, 2, PLOT_LINES);
  }
  return plot_write_opts(path, &p, 1, "--plot", &po);
}

static int run_vi(const cli_spec *s, sfhet_table *t) {
  const double *I, *V, *T;
  if (!cli_str(s, "group")) return cli_usage_error("--group: the temperature column is required");
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "x"), "--x", &I));
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "y"), "--y", &V));
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "group"), "--group", &T));
  bkt_job b = {0};
  int st = fit_groups(s, t, I, V, T, sfhet_table_nrows(t), &b);
  if (!st && !cli_flag(s, "alpha-only")) {
    if (b.g.n < 2)
      SFHET_REPORT(st = SFHET_EDATA, "bkt: %zu temperature(s) in --group; T_BKT needs at least 2 "
                                     "(or use --alpha-only)", b.g.n);
    else
      st = sfhet_bkt_crossing(b.T, b.a, b.ae, b.g.n, &b.Tb, &b.Tbe, &b.n_cross);
    if (st == SFHET_ENOSOL) {
      char msg[256];
      snprintf(msg, sizeof msg, "%s", sfhet_last_error());
      SFHET_REPORT(st, "%s; --alpha-only writes alpha(T) anyway", msg);
    }
    b.have_tb = !st;
  }
  if (!st && b.n_cross > 1)
    cli_warn(s, "alpha(T) crosses 3 %zu times; T_BKT is the first crossing from above", b.n_cross);
  if (!st && cli_str(s, "plot")) st = plot_alpha(s, &b);
  sfhet_outfile out;
  if (!st) st = cli_out_open(s, &out);
  if (!st) {
    if (s->json) write_json(&b, out.fp);
    else write_csv(s, &b, out.fp);
    st = sfhet_outfile_commit(&out);
  }
  sfhet_groups_free(&b.g);
  free(b.pl), free(b.T);
  return st;
}

/* R(T) data and the Halperin-Nelson curve above T_BKT. */
static int plot_rt(const cli_spec *s, sfhet_table *t, const double *T, const double *R, const sfhet_hn_fit_result *r) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  size_t n = sfhet_table_nrows(t), m = 200;
  double lo = INFINITY, hi = -INFINITY, *c = malloc(2 * m * sizeof *c);
  if (!c) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    if (isfinite(T[i])) lo = fmin(lo, T[i]), hi = fmax(hi, T[i]);
  for (size_t i = 0; i < m; i++) {
    double x = lo + (hi - lo) * (double)i / (double)(m - 1), d = x / r->p[2] - 1;
    c[i] = x, c[m + i] = d > 0 ? r->p[0] * exp(-r->p[1] / sqrt(d)) : NAN;
  }
  static char xl[64], yl[64];
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = "Halperin-Nelson fit", p.weight = 1;
  size_t cx = 0, cy = 0;
  if (sfhet_table_find(t, cli_str(s, "x"), "--x", &cx) || sfhet_table_find(t, cli_str(s, "y"), "--y", &cy)) {
    free(c);
    return SFHET_EINVAL;
  }
  p.xlabel = plot_label(sfhet_table_colname(t, cx), xl, sizeof xl);
  p.ylabel = plot_label(sfhet_table_colname(t, cy), yl, sizeof yl);
  plot_add(&p, "data", T, R, NULL, n, PLOT_POINTS);
  plot_add(&p, "R0 exp(-a (T/T_BKT - 1)^(-1/2))", c, c + m, NULL, m, PLOT_LINES);
  int st = plot_write_opts(path, &p, 1, "--plot", &po);
  free(c);
  return st;
}

static int run_rt(const cli_spec *s, sfhet_table *t) {
  const double *T, *R;
  double Tmin = 0, Tmax = 0, rf;
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "x"), "--x", &T));
  SFHET_TRY(sfhet_table_get(t, cli_str(s, "y"), "--y", &R));
  if (cli_given(s, "Tmin")) SFHET_TRY(cli_qty(s, "Tmin", &Tmin));
  if (cli_given(s, "Tmax")) SFHET_TRY(cli_qty(s, "Tmax", &Tmax));
  SFHET_TRY(cli_qty(s, "Rfrac", &rf));
  if (!(rf > 0 && rf <= 1)) return cli_usage_error("--Rfrac: must be in (0, 1]");
  sfhet_hn_fit_result r;
  SFHET_TRY(sfhet_hn_fit(T, R, sfhet_table_nrows(t), Tmin, Tmax, rf, &r));
  if (cli_str(s, "plot")) SFHET_TRY(plot_rt(s, t, T, R, &r));
  for (int k = 0; k < 3; k++)
    if (isnan(r.err[k]))
      cli_warn(s, "bkt --rt: %s ended at a bound and has no error; check --Tmin/--Tmax/--Rfrac",
               sfhet_hn_params[k].name);
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  const char *key[3] = {"R0_ohm", "a", "T_BKT_K"}, *ekey[3] = {"R0_err_ohm", "a_err", "T_BKT_err_K"};
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    for (int k = 2; k >= 0; k--) {
      sfhet_json_number(&j, key[k], r.p[k]);
      sfhet_json_number(&j, ekey[k], r.err[k]);
    }
    sfhet_json_number(&j, "chi2_red", r.chi2_red);
    sfhet_json_int(&j, "n_points", (long long)r.n_used);
    sfhet_json_bool(&j, "converged", r.converged);
    sfhet_json_end(&j);
  } else {
    fprintf(out.fp, "# Halperin-Nelson fit, %zu points, chi2_red %.6g\n", r.n_used, r.chi2_red);
    for (int k = 2; k >= 0; k--) fprintf(out.fp, "%-8s %-15.10g +- %.6g\n", key[k], r.p[k], r.err[k]);
  }
  return sfhet_outfile_commit(&out);
}

/* Options of the other mode are a usage error, not silently ignored. */
static int check_mode(const cli_spec *s, int rt) {
  static const char *vi_only[] = {"group", "Imin", "Imax", "min-points", "alpha-only", "group-tol"},
                    *rt_only[] = {"Tmin", "Tmax", "Rfrac"};
  const char *const *bad = rt ? vi_only : rt_only;
  size_t n = rt ? 6 : 3;
  for (size_t k = 0; k < n; k++)
    if (cli_given(s, bad[k]))
      return cli_usage_error("--%s %s", bad[k], rt ? "is for V-I curves, not --rt" : "needs --rt");
  return SFHET_OK;
}

static int run_bkt(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  if (!cli_str(&s, "data")) return cli_usage_error("--data is required");
  SFHET_TRY(check_mode(&s, cli_flag(&s, "rt")));
  sfhet_table *t;
  SFHET_TRY(sfhet_table_read(cli_str(&s, "data"), &t));
  st = cli_flag(&s, "rt") ? run_rt(&s, t) : run_vi(&s, t);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_bkt = {"bkt", "BKT analysis: V ~ I^alpha, T_BKT at alpha = 3, Halperin-Nelson R(T)",
                                 run_bkt};
