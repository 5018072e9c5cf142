/* sfhet fit: robust losses, the sigma clip, the evaluation budget and time limit, and the progress of
 * single and global fits on stderr. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cmd_fit.h"
#include "sfhet/error.h"

void fit_add_robust_options(cli_spec *s) {
  cli_set_group(s, "Robust fitting, limits and progress");
  cli_add(s, "loss", CLI_STR, SFHET_DIM_NONE, "linear",
          "loss of the residuals r: linear (least squares), soft_l1, huber or cauchy (as in\n"
          "                         scipy.optimize.least_squares); errors then from the robust Jacobian");
  cli_add(s, "loss-scale", CLI_QTY, SFHET_DIM_NONE, "1",
          "residual at which the loss turns robust (scipy's f_scale), in units of --sigma, or without it\n"
          "                         of the noise level estimated from the data");
  cli_add(s, "clip", CLI_QTY, SFHET_DIM_NONE, NULL,
          "iterative sigma clip: leave out points whose residual exceeds this many robust standard\n"
          "                         deviations (1.4826 MAD), refit until the set is stable (e.g. 5)");
  cli_add(s, "max-evals", CLI_INT, SFHET_DIM_NONE, "20000",
          "model evaluations per fit (starts, clip rounds and Jacobians included) before it stops (exit 1)");
  cli_add(s, "time-limit", CLI_QTY, SFHET_DIM_TIME, "300",
          "wall-clock limit per fit (per spectrum in a sweep; the global fit as one) before it stops (exit 1)");
  cli_add(s, "progress", CLI_FLAG, SFHET_DIM_NONE, NULL,
          "progress on stderr also when it is not a terminal (fits that take over a second)");
  cli_set_group(s, NULL);
}

int fit_robust_setup(fit_job *f) {
  cli_spec *s = &f->s;
  sfhet_fit_config *c = &f->cfg;
  SFHET_TRY(sfhet_lsq_loss_parse(cli_str(s, "loss"), &c->loss, "--loss"));
  double fs, tl, k = 0.0;
  long me;
  SFHET_TRY(cli_qty(s, "loss-scale", &fs));
  if (!(fs > 0) || !isfinite(fs)) return cli_usage_error("--loss-scale: must be > 0, got %g", fs);
  c->loss_scale = fs;
  if (cli_given(s, "clip")) SFHET_TRY(cli_qty(s, "clip", &k));
  if (cli_given(s, "clip") && !(k >= 1 && k <= 1e6))
    return cli_usage_error("--clip: must be 1..1e6 (robust standard deviations), got %g", k);
  c->clip = k;
  SFHET_TRY(cli_int(s, "max-evals", &me));
  if (me < 1 || me > 1000000000L) return cli_usage_error("--max-evals: must be 1..1e9, got %ld", me);
  c->max_evals = (size_t)me;
  SFHET_TRY(cli_qty(s, "time-limit", &tl));
  if (!(tl > 0) || tl > 1e7) return cli_usage_error("--time-limit: must be > 0 s and at most 1e7 s, got %g s", tl);
  c->time_limit = tl;
  return SFHET_OK;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The engine's monitor: after a second, a line every half second (a terminal: rewritten in place). */
static void monitor(size_t iter, size_t evals, double chi2, double elapsed, void *ctx) {
  fit_job *f = ctx;
  double t = now_s();
  if (elapsed < 1.0 || t - f->progress.last < (f->progress.tty ? 0.5 : 2.0)) return;
  f->progress.last = t;
  f->progress.printed = 1;
  fprintf(stderr, "%sfit: iteration %zu, %zu model evaluations, chi2 %.6g, %.1f s (limit %g s)%s",
          f->progress.tty ? "\r" : "", iter + 1, evals, chi2, elapsed, f->cfg.time_limit,
          f->progress.tty ? "   " : "\n");
  fflush(stderr);
}

int fit_prepare(fit_job *f) {
  const cli_spec *s = &f->s;
  if (f->cfg.clip > 0) {
    f->rej = calloc(f->ds.m, sizeof *f->rej);
    if (!f->rej) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    for (size_t i = 0; i < f->ds.m; i++)
      if (!(f->rej[i] = calloc(f->ds.n[i] ? f->ds.n[i] : 1, 1))) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    f->cfg.rejected = f->rej;
  }
  f->progress.tty = isatty(STDERR_FILENO);
  f->progress.on = !s->quiet && (f->progress.tty || cli_flag(s, "progress"));
  if (f->progress.on) {
    f->cfg.monitor = monitor;
    f->cfg.monitor_ctx = f;
  }
  return SFHET_OK;
}

void fit_progress_end(fit_job *f) {
  if (f->progress.printed && f->progress.tty) fputc('\n', stderr);
  f->progress.printed = 0;
}

void fit_warn_clip(const fit_job *f, const sfhet_fit_result *r, size_t m) {
  if (!(f->cfg.clip > 0)) return;
  size_t out = 0, all = 0;
  for (size_t i = 0; i < m; i++) out += r[i].n_rejected, all += f->ds.n[i];
  if (out)
    cli_warn(&f->s, "--clip %g: left out %zu of %zu points (the 'rejected' column of --curves lists them)",
             f->cfg.clip, out, all);
}

void fit_warn_misfit(const fit_job *f, const sfhet_fit_data *d, const sfhet_fit_result *r, size_t m) {
  size_t bad = 0, worst = 0;
  double wv = 0.0;
  for (size_t i = 0; i < m; i++) {
    double v = r[i].status == SFHET_OK ? sfhet_fit_misfit(&r[i], &d[i]) : 0.0;
    if (v > 4.0) bad++;
    if (v > wv) wv = v, worst = i;
  }
  if (!bad) return;
  if (m == 1)
    cli_warn(&f->s, "the model does not describe the data: chi2_red is %.3g times what the noise explains; "
             "check the fixed parameters (--T, --vac, ...) and the model", wv);
  else
    cli_warn(&f->s, "%zu of %zu spectra fit worse than their noise (worst: %s = %g, chi2_red %.3g times what "
             "the noise explains); check the fixed parameters and the model", bad, m, f->ds.sname,
             f->ds.s[worst], wv);
}

void fit_release(fit_job *f) {
  for (size_t i = 0; f->rej && i < f->ds.m; i++) free(f->rej[i]);
  free(f->rej);
  f->rej = NULL;
}
