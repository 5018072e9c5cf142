/* sfhet critcurrent: critical-current peaks of dV/dI(I), tracked as families across temperature or
 * field, and the fit Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2) (seed 004). */
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

#define CC_MAX_PEAKS 64

static void build_spec(cli_spec *s) {
  cli_spec_init(s, "critcurrent",
                "critcurrent --data FILE --x I --y dVdI [--group T|B] [--fit-T [--family K]]  |  "
                "critcurrent --Ic0 I --Tc TC --T RANGE",
                "Finds the critical-current peaks of dV/dI(I) in each curve (Savitzky-Golay smoothing,\n"
                "prominence above --prominence noise sigmas, the zero-bias Andreev feature excluded),\n"
                "pairs +I/-I peaks, and tracks them as families I_c^0, I_c^1, ... (ascending) across the\n"
                "--group column. Each position is refined by a Lorentzian fit on a quadratic background\n"
                "(overlapping peaks jointly), which gives its error. CSV: group,family,Ic_plus_mA,\n"
                "Ic_minus_mA,Ic_mA,prominence,Ic_err_mA (currents in the file are taken in mA). --fit-T\n"
                "fits Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2) to each family weighted by those errors (group =\n"
                "temperature in K): --json gives Ic0_mA, Tc_K (+ _err) of --family (default the family\n"
                "with the largest Ic and at least 3 points) and all families.\n"
                "Without --data: the model curve T_K,Ic_mA for --Ic0, --Tc at --T. See docs/transport.md.");
  cli_add(s, "data", CLI_STR, SFHET_DIM_NONE, NULL, "data file (long format)");
  cli_add(s, "x", CLI_STR, SFHET_DIM_NONE, "1", "bias current column [mA]");
  cli_add(s, "y", CLI_STR, SFHET_DIM_NONE, "2", "differential resistance column");
  cli_add(s, "group", CLI_STR, SFHET_DIM_NONE, NULL, "temperature or field column (one curve per value)");
  cli_add(s, "prominence", CLI_QTY, SFHET_DIM_NONE, "5", "minimum peak prominence in noise sigmas");
  cli_add(s, "smooth", CLI_INT, SFHET_DIM_NONE, "0", "smoothing half-window in points (0: n/200, >= 2)");
  cli_add(s, "zero-frac", CLI_QTY, SFHET_DIM_NONE, "0.03",
          "ignore peaks with |I| below this fraction of max |I| (zero-bias features)");
  cli_add(s, "pair-tol", CLI_QTY, SFHET_DIM_NONE, "0.1", "relative tolerance pairing |Ic+| with |Ic-|");
  cli_add(s, "track-tol", CLI_QTY, SFHET_DIM_NONE, "0.3", "relative tolerance following a family");
  cli_add(s, "fit-T", CLI_FLAG, SFHET_DIM_NONE, NULL, "fit Ic(T) of every family (group = T in K)");
  cli_add_group_options(s, 1);
  cli_add_plot_options(s, "Ic(T) (with --data: Ic of each family against the group value, with errors)");
  cli_add(s, "family", CLI_INT, SFHET_DIM_NONE, "-1", "family reported by --fit-T --json (-1: largest)");
  cli_add_params(s, sfhet_ict_params, SFHET_ICT_NP);
  cli_add(s, "T", CLI_RANGE, SFHET_DIM_TEMPERATURE, "0:12:25", "temperatures of the model curve");
}

/* The model curve Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2). */
static int model_curve(const cli_spec *s) {
  double p[SFHET_ICT_NP];
  SFHET_TRY(cli_params(s, sfhet_ict_params, SFHET_ICT_NP, p));
  sfhet_range T;
  SFHET_TRY(cli_range(s, "T", &T));
  double *ic = malloc((T.n + 1) * sizeof *ic);
  int st = SFHET_OK;
  if (!ic) SFHET_REPORT(st = SFHET_ENOMEM, "critcurrent: out of memory");
  for (size_t i = 0; !st && i < T.n; i++) {
    if (T.v[i] < 0) SFHET_REPORT(st = SFHET_ERANGE, "--T: temperatures must be >= 0 (got %g)", T.v[i]);
    else ic[i] = sfhet_ic_of_T(p[SFHET_ICT_IC0], p[SFHET_ICT_TC], T.v[i]);
  }
  if (!st) {
    const char *names[] = {"T_K", "Ic_mA"};
    const double *cols[] = {T.v, ic};
    plot_table_spec ps = {.title = "Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2)", .x = 0, .y = {1}, .ny = 1};
    st = cli_plot_table(s, &ps, names, cols, T.n);
    if (!st) st = cli_write_table(s, names, 2, cols, T.n);
  }
  free(ic);
  sfhet_range_free(&T);
  return st;
}

static int peak_opts(const cli_spec *s, sfhet_peak_opts *o, double *track_tol) {
  long sm;
  SFHET_TRY(cli_qty(s, "prominence", &o->prominence));
  SFHET_TRY(cli_int(s, "smooth", &sm));
  SFHET_TRY(cli_qty(s, "zero-frac", &o->zero_frac));
  SFHET_TRY(cli_qty(s, "pair-tol", &o->pair_tol));
  SFHET_TRY(cli_qty(s, "track-tol", track_tol));
  if (!(o->prominence > 0)) return cli_usage_error("--prominence: must be > 0");
  if (sm < 0 || sm > 10000) return cli_usage_error("--smooth: must be 0..10000");
  if (!(o->zero_frac > 0 && o->zero_frac < 1)) return cli_usage_error("--zero-frac: must be in (0, 1)");
  if (!(o->pair_tol > 0 && o->pair_tol < 1)) return cli_usage_error("--pair-tol: must be in (0, 1)");
  if (!(*track_tol > 0 && *track_tol < 10)) return cli_usage_error("--track-tol: must be in (0, 10)");
  o->smooth = (size_t)sm;
  return SFHET_OK;
}

/* Peaks of every group's curve, then the families. */
static int find_families(const cli_spec *s, const double *I, const double *y, const sfhet_groups *g,
                         sfhet_ic_families *fam) {
  sfhet_peak_opts o;
  double tol;
  SFHET_TRY(peak_opts(s, &o, &tol));
  size_t ng = g->n, nmax = 0;
  for (size_t k = 0; k < ng; k++) nmax = g->count[k] > nmax ? g->count[k] : nmax;
  sfhet_ic_peak *store = malloc(ng * CC_MAX_PEAKS * sizeof *store);
  sfhet_ic_peak **pk = malloc(ng * sizeof *pk);
  size_t *cnt = malloc(ng * sizeof *cnt);
  double *x = malloc(2 * (nmax + 1) * sizeof *x);
  int st = (store && pk && cnt && x) ? SFHET_OK : SFHET_ENOMEM;
  for (size_t k = 0; k < ng && !st; k++) {
    for (size_t i = 0; i < g->count[k]; i++) {
      size_t r = g->row[g->start[k] + i];
      x[i] = I[r], x[nmax + 1 + i] = y[r];
    }
    pk[k] = store + k * CC_MAX_PEAKS;
    st = sfhet_ic_peaks(x, x + nmax + 1, g->count[k], &o, pk[k], CC_MAX_PEAKS, &cnt[k]);
    if (st && g->n > 1) {
      char msg[256];
      snprintf(msg, sizeof msg, "%s", sfhet_last_error());
      SFHET_REPORT(st, "group %g: %s", g->value[k], msg);
    }
  }
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "critcurrent: out of memory");
  if (!st) st = sfhet_ic_track(g->value, pk, cnt, ng, tol, fam);
  free(store), free(pk), free(cnt), free(x);
  return st;
}

/* Ic of every family (up to PLOT_MAX_SERIES) against the group value, with its error. */
static int plot_families(const cli_spec *s, const sfhet_ic_families *f, const char *gname) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  size_t nf = f->n_families < PLOT_MAX_SERIES ? f->n_families : PLOT_MAX_SERIES, ng = f->n_groups;
  double *b = malloc((3 * nf * ng + 1) * sizeof *b);
  if (!b) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  static char tt[PLOT_MAX_SERIES][32];
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = "critical-current families", p.xlabel = gname ? gname : "group", p.ylabel = "Ic_mA", p.weight = 1;
  for (size_t fi = 0; fi < nf; fi++) {
    double *x = b + 3 * fi * ng, *y = x + ng, *e = y + ng;
    size_t m = 0;
    for (size_t g = 0; g < ng; g++) {
      const sfhet_ic_peak *pk = &f->ic[fi * ng + g];
      if (isnan(pk->mean)) continue;
      x[m] = f->group[g], y[m] = pk->mean, e[m] = isnan(pk->mean_err) ? 0 : pk->mean_err;
      m++;
    }
    snprintf(tt[fi], sizeof tt[fi], "family %zu", fi);
    plot_add(&p, tt[fi], x, y, e, m, PLOT_ERRORBARS);
  }
  int st = plot_write_opts(path, &p, 1, "--plot", &po);
  free(b);
  return st;
}

static int write_families(const cli_spec *s, const sfhet_ic_families *f, const char *gname) {
  SFHET_TRY(plot_families(s, f, gname));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  cli_meta(s, out.fp);
  sfhet_csv_meta(out.fp, "families", "%zu", f->n_families);
  const char *names[] = {gname, "family", "Ic_plus_mA", "Ic_minus_mA", "Ic_mA", "prominence", "Ic_err_mA"};
  size_t off = gname ? 0 : 1, one_sided = 0, no_err = 0;
  for (size_t i = 0; i < f->n_families * f->n_groups; i++)
    if (!isnan(f->ic[i].mean)) one_sided += isnan(f->ic[i].plus) || isnan(f->ic[i].minus),
                               no_err += isnan(f->ic[i].mean_err);
  if (one_sided)
    sfhet_csv_meta(out.fp, "nan", "%zu peak(s) seen at one current polarity only: the missing side is nan",
                   one_sided);
  if (no_err)
    sfhet_csv_meta(out.fp, "nan", "%zu peak(s) without a position error (local fit failed): Ic_err_mA nan",
                   no_err);
  sfhet_csv_header(out.fp, names + off, 7 - off);
  for (size_t fi = 0; fi < f->n_families; fi++)
    for (size_t g = 0; g < f->n_groups; g++) {
      const sfhet_ic_peak *p = &f->ic[fi * f->n_groups + g];
      if (isnan(p->mean)) continue;
      double row[7] = {f->group[g], (double)fi, p->plus, p->minus, p->mean, p->height, p->mean_err};
      sfhet_csv_row(out.fp, row + off, 7 - off);
    }
  if (one_sided)
    cli_warn(s, "%zu peak(s) seen at one current polarity only (the data do not reach the other); "
             "their missing side is nan", one_sided);
  if (no_err)
    cli_warn(s, "%zu peak(s) without a position error (the local fit failed); Ic(T) fits of their "
             "families are unweighted", no_err);
  return sfhet_outfile_commit(&out);
}

typedef struct {
  sfhet_ict_fit_result r;
  int status;
  char msg[160];
} fam_fit;

static void fit_all(const sfhet_ic_families *f, fam_fit *ff) {
  double *v = malloc(2 * (f->n_groups + 1) * sizeof *v);
  for (size_t fi = 0; fi < f->n_families; fi++) {
    if (!v) {
      ff[fi].status = SFHET_ENOMEM;
      continue;
    }
    double *e = v + f->n_groups + 1;
    for (size_t g = 0; g < f->n_groups; g++)
      v[g] = f->ic[fi * f->n_groups + g].mean, e[g] = f->ic[fi * f->n_groups + g].mean_err;
    ff[fi].status = sfhet_ict_fit(f->group, v, e, f->n_groups, &ff[fi].r);
    snprintf(ff[fi].msg, sizeof ff[fi].msg, "%s", ff[fi].status ? sfhet_last_error() : "");
  }
  free(v);
  sfhet_clear_error();
}

static void json_fit(sfhet_json *j, size_t fi, const fam_fit *ff) {
  sfhet_json_int(j, "family", (long long)fi);
  if (ff->status) {
    sfhet_json_string(j, "error", ff->msg);
    return;
  }
  sfhet_json_number(j, "Ic0_mA", ff->r.Ic0);
  sfhet_json_number(j, "Ic0_err_mA", ff->r.Ic0_err);
  sfhet_json_number(j, "Tc_K", ff->r.Tc);
  sfhet_json_number(j, "Tc_err_K", ff->r.Tc_err);
  sfhet_json_number(j, "chi2_red", ff->r.chi2_red);
  sfhet_json_int(j, "n_points", (long long)ff->r.n_used);
  sfhet_json_bool(j, "weighted", ff->r.weighted);
}

static int write_fits(const cli_spec *s, const sfhet_ic_families *f, const fam_fit *ff, size_t sel) {
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  if (s->json) {
    sfhet_json j;
    sfhet_json_begin(&j, out.fp, 2);
    json_fit(&j, sel, &ff[sel]);
    sfhet_json_array_begin(&j, "families");
    for (size_t fi = 0; fi < f->n_families; fi++) {
      sfhet_json_object_begin(&j, NULL);
      json_fit(&j, fi, &ff[fi]);
      sfhet_json_object_end(&j);
    }
    sfhet_json_array_end(&j);
    sfhet_json_end(&j);
  } else {
    cli_meta(s, out.fp);
    const char *names[] = {"family", "Ic0_mA", "Ic0_err_mA", "Tc_K", "Tc_err_K", "chi2_red", "n_points"};
    sfhet_csv_header(out.fp, names, 7);
    for (size_t fi = 0; fi < f->n_families; fi++) {
      const sfhet_ict_fit_result *r = &ff[fi].r;
      double row[7] = {(double)fi, NAN, NAN, NAN, NAN, NAN, 0};
      if (!ff[fi].status)
        row[1] = r->Ic0, row[2] = r->Ic0_err, row[3] = r->Tc, row[4] = r->Tc_err, row[5] = r->chi2_red,
        row[6] = (double)r->n_used;
      sfhet_csv_row(out.fp, row, 7);
      if (ff[fi].status) cli_warn(s, "family %zu: %s", fi, ff[fi].msg);
      else if (isnan(r->Ic0_err) || isnan(r->Tc_err)) cli_warn(s, "family %zu: a parameter ended at a bound", fi);
    }
  }
  return sfhet_outfile_commit(&out);
}

/* Fits every family; the reported one is --family or the largest-Ic family with >= 3 points. */
static int fit_families(const cli_spec *s, const sfhet_ic_families *f) {
  long want;
  SFHET_TRY(cli_int(s, "family", &want));
  if (want >= (long)f->n_families || want < -1)
    return cli_usage_error("--family: %ld is not a family (found %zu: 0..%zu)", want, f->n_families,
                           f->n_families - 1);
  fam_fit *ff = calloc(f->n_families, sizeof *ff);
  if (!ff) SFHET_ERROR(SFHET_ENOMEM, "critcurrent: out of memory");
  fit_all(f, ff);
  size_t sel = f->n_families;
  if (want >= 0) sel = (size_t)want;
  for (size_t fi = f->n_families; want < 0 && fi-- > 0;)
    if (ff[fi].status != SFHET_EDATA) {
      sel = fi;
      break;
    }
  int st = SFHET_OK;
  if (sel == f->n_families)
    SFHET_REPORT(st = SFHET_EDATA, "critcurrent --fit-T: no family has 3 or more temperatures");
  else if (ff[sel].status && s->json)
    SFHET_REPORT(st = ff[sel].status, "critcurrent --fit-T: family %zu: %s", sel, ff[sel].msg);
  if (!st) st = write_fits(s, f, ff, sel);
  free(ff);
  return st;
}

static int run_cc(int argc, char **argv) {
  cli_spec s;
  build_spec(&s);
  int st = cli_parse(&s, argc, argv);
  if (st) return st;
  if (cli_str(&s, "data") && (cli_given(&s, "Ic0") || cli_given(&s, "Tc") || cli_given(&s, "T")))
    return cli_usage_error("--Ic0/--Tc/--T give the model curve; they do not go with --data");
  if (!cli_str(&s, "data")) {
    if (cli_given(&s, "Ic0") || cli_given(&s, "Tc")) return model_curve(&s);
    return cli_usage_error("--data is required (or --Ic0/--Tc for the model curve)");
  }
  if (cli_flag(&s, "fit-T") && !cli_str(&s, "group"))
    return cli_usage_error("--fit-T needs --group with the temperature column");
  if (s.json && !cli_flag(&s, "fit-T"))
    return cli_usage_error("--json: the families are a CSV table; --json goes with --fit-T");
  sfhet_table *t;
  SFHET_TRY(sfhet_table_read(cli_str(&s, "data"), &t));
  const double *I, *y, *grp = NULL;
  size_t gcol = 0;
  st = sfhet_table_get(t, cli_str(&s, "x"), "--x", &I);
  if (!st) st = sfhet_table_get(t, cli_str(&s, "y"), "--y", &y);
  if (!st && cli_str(&s, "group")) st = sfhet_table_find(t, cli_str(&s, "group"), "--group", &gcol);
  if (!st && cli_str(&s, "group")) st = sfhet_table_get(t, cli_str(&s, "group"), "--group", &grp);
  size_t n = sfhet_table_nrows(t);
  double *ones = grp ? NULL : calloc(n + 1, sizeof *ones);
  sfhet_groups g = {0};
  sfhet_ic_families fam = {0};
  if (!st && grp) st = cli_group_rows(&s, t, cli_str(&s, "group"), grp, I, n, 1, &g);
  else if (!st) st = sfhet_groups_make(ones, n, 1e-6, &g);
  if (!st) st = find_families(&s, I, y, &g, &fam);
  if (!st && cli_flag(&s, "fit-T")) st = fit_families(&s, &fam);
  else if (!st) st = write_families(&s, &fam, grp ? sfhet_table_colname(t, gcol) : NULL);
  sfhet_ic_families_free(&fam);
  sfhet_groups_free(&g);
  free(ones);
  sfhet_table_free(t);
  return st;
}

const cli_command cli_cmd_critcurrent = {"critcurrent",
                                         "critical currents from dV/dI peaks, families, Ic(T) fit (seed 004)",
                                         run_cc};
