/* sfhet fit: fit a junction model to measured dI/dV spectra (single spectra, sweeps, global fits). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_fit.h"
#include "plot.h"
#include "sfhet/error.h"

static void build_spec(cli_spec *s, const sfhet_junction *j) {
  cli_spec_init(s, "fit",
                "fit --data FILE --x COL --y COL --junction nis|sis|pc --T T --free LIST [--PARAM VALUE ...]",
                "Fits a tunnel-junction model (see 'sfhet didv') to measured dI/dV data by bounded nonlinear\n"
                "least squares (GSL trust region with geodesic acceleration). --free names the fitted\n"
                "parameters; every other parameter stays at its given value. Nuisance parameters of real\n"
                "data: V0 (bias offset), gnn (conductance scale), bg0 + bg1*V (linear background):\n"
                "  data = gnn * G(V - V0) + bg0 + bg1*V.\n"
                "Free parameters without a given value start from the data (the model's gap from the\n"
                "coherence-peak position: 2*gap for sis, gap for nis; its width from the peak width; gnn\n"
                "from the large-bias level); --starts N allows up to N-1 random extra starts, tried only\n"
                "when the first fit is implausible, and keeps the best fit. With the same model on both\n"
                "sis electrodes, each second-electrode parameter that is neither given nor free follows\n"
                "the first electrode's (also during the fit).\n"
                "Input: every format of docs/data.md (CSV/TSV, MultiVu, Nanonis .dat/.3ds, QCoDeS, HDF5),\n"
                "units from column headers (--x-unit/--y-unit otherwise); rows are sorted, duplicate\n"
                "biases averaged and rows with missing values skipped (with a warning).\n"
                "Without --sweep: one spectrum; --json gives delta, delta_err, ..., chi2_red, n_points,\n"
                "converged, reason, the correlation matrix and at-bound flags (a parameter that ends at a\n"
                "bound gets no error). With --sweep COL (long format): one fit per sweep value, in\n"
                "parallel, warm-started from neighbours; CSV <COL>,<p>_<unit>,<p>_err_<unit>,...,chi2_red.\n"
                "--shared LIST fits those parameters jointly for all spectra (global fit).\n"
                "The fit does not depend on the units of x and y (parameters and residuals are scaled\n"
                "internally); free gnn when y is not normalised. --loss and --clip tame spikes. A fit\n"
                "stops with exit 1 at --max-evals or --time-limit; one whose free parameters the data do\n"
                "not determine (no effect, degenerate, absurd errors) is reported as not converged,\n"
                "naming them. See docs/fit.md.");
  s->epilog = cli_models_epilog("fit");
  cli_add_spectra_options(s, NULL);
  cli_add(s, "sigma", CLI_STR, SFHET_DIM_NONE, NULL,
          "column of one-sigma errors of y (errors then not scaled by chi2_red)");
  cli_add(s, "free", CLI_STR, SFHET_DIM_NONE, NULL, "comma list of fitted parameters, e.g. delta,gamma");
  cli_add(s, "shared", CLI_STR, SFHET_DIM_NONE, NULL,
          "with --sweep: parameters fitted as one value for all spectra (global fit), e.g. T,gnn");
  fit_add_bind_option(s);
  fit_add_pixel_option(s);
  cli_add(s, "normalize", CLI_STR, SFHET_DIM_NONE, NULL,
          "normal-state spectrum file (same --x/--y columns) to divide by, interpolated");
  cli_add(s, "norm-bias", CLI_QTY, SFHET_DIM_VOLTAGE, NULL,
          "divide each spectrum by its mean conductance at |V| >= this bias");
  cli_add(s, "curves", CLI_STR, SFHET_DIM_NONE, NULL, "write data, model and residual to this CSV file");
  cli_add_plot_options(s, "data, model and residuals; with --sweep the fitted parameters against the sweep\n"
                       "                         (one series per direction) and the first and last spectra");
  cli_add(s, "plot-truth", CLI_STR, SFHET_DIM_NONE, NULL,
          "with --sweep --plot: a table of true values (synth --truth) drawn over the fitted parameters");
  cli_add(s, "starts", CLI_INT, SFHET_DIM_NONE, "3",
          "at most N starting points per spectrum: the extra ones only when the first fit is implausible\n"
          "                         (not converged, at a bound, or chi2 above the noise level); best fit kept");
  cli_add(s, "seed", CLI_INT, SFHET_DIM_NONE, "1", "seed of the random extra starts");
  fit_add_robust_options(s);
  cli_add_junction_options(s, j, NULL);
  cli_set_group(s, "Nuisance parameters of measured data");
  cli_add_params(s, sfhet_fit_nuisance_params(), SFHET_FIT_NUISANCE);
  cli_set_group(s, NULL);
}

/* Second-electrode parameters named free or shared are fit parameters of their own; the others follow. */
static int setup_junction(fit_job *f) {
  cli_spec *s = &f->s;
  if (!cli_given(s, "T") && !fit_binds(s, "T"))
    return cli_usage_error("--T is required (the measurement temperature; or --bind T to a sweep in T)");
  char untie[1100];
  snprintf(untie, sizeof untie, "%s,%s", cli_str(s, "free") ? cli_str(s, "free") : "",
           cli_str(s, "shared") ? cli_str(s, "shared") : "");
  return cli_junction_setup(s, &f->fj.j, untie);
}

static int setup_config(fit_job *f) {
  cli_spec *s = &f->s;
  SFHET_TRY(sfhet_fit_junction_model(&f->model, &f->fj));
  sfhet_fit_config *c = &f->cfg;
  sfhet_fit_config_init(c, &f->model);
  for (size_t k = f->model.np; k < c->np; k++) SFHET_TRY(cli_qty(s, c->name[k], &c->value[k]));
  for (size_t k = 0; k < c->np; k++) c->given[k] = cli_given(s, c->name[k]);
  const char *fl = cli_str(s, "free");
  if (!fl || !*fl) return cli_usage_error("--free is required (e.g. --free delta,gamma)");
  SFHET_TRY(sfhet_fit_set_free(c, fl, "--free"));
  const char *sh = cli_str(s, "shared");
  if (sh) {
    if (!cli_spectra_sweep(s)) return cli_usage_error("--shared needs --sweep");
    sfhet_fit_config tmp = *c;
    memset(tmp.free, 0, sizeof tmp.free);
    SFHET_TRY(sfhet_fit_set_free(&tmp, sh, "--shared"));
    for (size_t k = 0; k < c->np; k++)
      if (tmp.free[k]) f->shared[k] = c->free[k] = f->any_shared = 1;
  }
  long starts, seed;
  SFHET_TRY(cli_int(s, "starts", &starts));
  SFHET_TRY(cli_int(s, "seed", &seed));
  if (starts < 1 || starts > 10000) return cli_usage_error("--starts: must be 1..10000, got %ld", starts);
  c->starts = (int)starts;
  c->seed = (unsigned long)seed;
  for (size_t k = 0; k < c->np; k++)
    if (c->free[k] && (c->value[k] < c->lo[k] || c->value[k] > c->hi[k]))
      return cli_usage_error("--%s: start value %g is outside the fit bounds", c->name[k], c->value[k]);
  return fit_robust_setup(f);
}

/* Warns when gnn is held but the data do not look normalised (mean of the outer 20 % of the biases). */
static void check_level(const fit_job *f) {
  int kg = sfhet_fit_index(&f->cfg, "gnn");
  if (f->cfg.free[kg]) return;
  const sfhet_dataset *ds = &f->ds;
  sfhet_fit_data d = {ds->x[0], ds->y[0], ds->sigma[0], ds->n[0]};
  double level = sfhet_fit_large_bias_level(&d), want = f->cfg.value[kg];
  if (fabs(level / want - 1) > 0.3)
    cli_warn(&f->s, "the data at large bias are at %.4g, not near gnn = %g: free gnn (--free ...,gnn), "
             "or use --normalize / --norm-bias", level, want);
}

static int load_data(fit_job *f) {
  cli_spec *s = &f->s;
  SFHET_TRY(cli_str(s, "pixel") ? fit_pixel_load(f) : cli_load_spectra(s, cli_str(s, "sigma"), &f->ds));
  sfhet_dataset *ds = &f->ds;
  size_t nfree = 0;
  for (size_t k = 0; k < f->cfg.np; k++) nfree += f->cfg.free[k] && !f->shared[k];
  for (size_t i = 0; i < ds->m; i++)
    if (ds->n[i] <= nfree)
      SFHET_ERROR(SFHET_EDATA, "%s: %zu data points%s for %zu free parameters; need more points than "
                  "parameters", cli_str(s, "data"), ds->n[i], ds->m > 1 ? " in a spectrum" : "", nfree);
  SFHET_TRY(fit_bind_setup(f));
  SFHET_TRY(cli_normalize_spectra(&f->s, &f->ds));
  check_level(f);
  return SFHET_OK;
}

/* Column name of parameter k with its unit ("delta_meV", "gnn"); err adds "_err". */
static int fit_single_cmd(fit_job *f) {
  sfhet_fit_result *r = calloc(1, sizeof *r);
  void *ws = sfhet_fit_ws_alloc(&f->cfg);
  if (!r || !ws) {
    free(r), sfhet_fit_ws_free(&f->cfg, ws);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  sfhet_fit_data d = {f->ds.x[0], f->ds.y[0], f->ds.sigma[0], f->ds.n[0]};
  int st = fit_prepare(f);
  if (!st) st = sfhet_fit_spectrum(&f->cfg, &d, NULL, r, ws);
  fit_progress_end(f);
  if (!st) fit_warn_clip(f, r, 1);
  if (!st) fit_warn_misfit(f, &d, r, 1);
  const char *note = !st && f->model.note ? f->model.note(&f->model, r->value) : NULL;
  if (note) cli_warn(&f->s, "%s", note);
  sfhet_fit_ws_free(&f->cfg, ws);
  const char *cv = cli_str(&f->s, "curves"), *pl = cli_str(&f->s, "plot");
  if (!st && cv) st = fit_write_curves(f, r, cv);
  if (!st && pl) st = fit_plot_single(f, r, pl);
  if (!st) {
    sfhet_outfile out;
    st = cli_out_open(&f->s, &out);
    if (!st) {
      if (f->s.json) fit_write_json(f, r, out.fp);
      else fit_write_text(f, r, out.fp);
      st = sfhet_outfile_commit(&out);
    }
  }
  free(r);
  return st;
}

/* Free parameters reported per row of a sweep (shared ones too: the same value in every row). */
static int fit_sweep_cmd(fit_job *f) {
  size_t m = f->ds.m;
  sfhet_fit_result *r = calloc(m, sizeof *r);
  sfhet_fit_data *d = calloc(m, sizeof *d);
  if (!r || !d) {
    free(r), free(d);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < m; i++) d[i] = (sfhet_fit_data){f->ds.x[i], f->ds.y[i], f->ds.sigma[i], f->ds.n[i]};
  sfhet_progress pr = cli_progress(&f->s, "fit");
  int st = fit_prepare(f);
  if (!st) st = sfhet_fit_sweep(&f->cfg, d, m, f->s.threads, &pr, r);
  size_t bad = 0, stop = m;
  for (size_t i = 0; i < m; i++) {
    bad += r[i].status != SFHET_OK;
    if (r[i].stopped && (stop == m || strncmp(r[stop].reason, "stopped", 7) != 0)) stop = i;
  }
  double chi2g = NAN;
  if (stop < m) /* a budget or time limit reached is no result, even for one spectrum */
    SFHET_REPORT(st = SFHET_ENOCONV, "fit: spectrum %zu (%s = %g): %s; try better start values, fewer "
                 "free parameters or data points, or a larger --max-evals / --time-limit", stop + 1,
                 f->ds.sname, f->ds.s[stop], r[stop].reason);
  else if (bad && bad < m) {
    cli_warn(&f->s, "%zu of %zu spectra did not converge (converged = 0 in their rows): %s", bad, m,
             sfhet_last_error());
    st = SFHET_OK;
  }
  if (!st) fit_warn_clip(f, r, m);
  if (!st) fit_warn_misfit(f, d, r, m);
  if (!st && f->any_shared) st = sfhet_fit_global(&f->cfg, f->shared, d, m, r, &chi2g, f->s.threads);
  fit_progress_end(f);
  const char *cv = cli_str(&f->s, "curves"), *pl = cli_str(&f->s, "plot");
  if (!st && cv) st = fit_write_curves(f, r, cv);
  if (!st && pl) st = fit_plot_sweep(f, r, pl);
  if (!st) st = fit_write_sweep(f, r);
  free(r), free(d);
  return st;
}

static int run_fit(int argc, char **argv) {
  fit_job *f = calloc(1, sizeof *f);
  if (!f) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  cli_peek_junction(argc, argv, SFHET_JUNCTION_NIS, &f->fj.j);
  build_spec(&f->s, &f->fj.j);
  int st = cli_parse(&f->s, argc, argv);
  if (!st) st = setup_junction(f);
  if (!st) st = setup_config(f);
  if (!st) st = load_data(f);
  if (!st) st = cli_str(&f->s, "pixel") ? fit_pixel_cmd(f) : cli_spectra_sweep(&f->s) ? fit_sweep_cmd(f) : fit_single_cmd(f);
  fit_release(f);
  fit_pixel_free(f);
  sfhet_dataset_free(&f->ds);
  free(f);
  return st;
}

const cli_command cli_cmd_fit = {"fit", "fit junction models to measured spectra and sweeps", run_fit};
