/* Global fit of a sweep: shared parameters (one value for all spectra) fitted jointly with the
 * per-spectrum ones. The Jacobian is block-sparse; it is built densely, one spectrum at a time. */
#include <math.h>
#include <stdio.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

typedef struct {
  const sfhet_fit_config *c;
  const sfhet_fit_data *d;
  size_t m, ns, nl, npg, ntot;
  size_t S[SFHET_FIT_MAX_PARAMS], L[SFHET_FIT_MAX_PARAMS]; /* shared and local parameter indices */
  size_t *off;              /* first row of each spectrum */
  const sfhet_fit_result *base; /* fixed values per spectrum */
  void **ws;                /* one per thread */
  int nthreads;
  double *tmp;              /* 3 * ntot scratch for differences */
  double *scale;            /* npg typical sizes (finite-difference steps) */
  double *lo, *hi;          /* npg bounds */
  int *open;                /* npg open-bound flags */
} glob_ctx;

/* Full parameter vector of spectrum i from the global vector g. */
static void unpack(const glob_ctx *g, const double *pg, size_t i, double *p) {
  memcpy(p, g->base[i].value, g->c->np * sizeof *p);
  for (size_t a = 0; a < g->ns; a++) p[g->S[a]] = pg[a];
  for (size_t b = 0; b < g->nl; b++) p[g->L[b]] = pg[g->ns + i * g->nl + b];
}

static int eval_one(const glob_ctx *g, const double *p, size_t i, double *out) {
  return sfhet_fit_eval(g->c, p, g->d[i].x, g->d[i].n, out, g->ws[omp_get_thread_num()]);
}

static int glob_f(const double *pg, double *model, void *ctx) {
  const glob_ctx *g = ctx;
  int st = SFHET_OK;
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t i = 0; i < g->m; i++) {
    double p[SFHET_FIT_MAX_PARAMS];
    unpack(g, pg, i, p);
    int s = eval_one(g, p, i, model + g->off[i]);
    if (s) {
#pragma omp atomic write
      st = s;
    }
  }
  return st;
}

/* Spectrum i's model as a function of its full parameter vector (for fit_fd_column). */
typedef struct {
  const glob_ctx *g;
  size_t i;
} one_spec;

static int one_values(const double *p, double *out, void *ctx) {
  const one_spec *o = ctx;
  return eval_one(o->g, p, o->i, out);
}

/* Difference column of spectrum i for parameter index k of its full vector (global column col), with
 * the step of spectrum.c's fits (1e-3 of the parameter's size), kept inside the bounds. */
static int column(const glob_ctx *g, double *p, size_t i, size_t k, double *jac, size_t col) {
  size_t n = g->d[i].n;
  double *scr = g->tmp + 3 * g->off[i], *out = malloc(n * sizeof *out);
  if (!out) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  one_spec o = {g, i};
  double h = 1e-3 * fmax(fabs(p[k]), g->scale[col]);
  int st = fit_fd_column(one_values, &o, p, k, g->lo[col], g->hi[col], h, n, NULL, out, scr);
  for (size_t r = 0; r < n && !st; r++) jac[(g->off[i] + r) * g->npg + col] = out[r];
  free(out);
  return st;
}

/* Every wanted column by differences, spectrum by spectrum in parallel (a local parameter touches only
 * its own spectrum's rows). */
static int glob_df(const double *pg, int *want, double *jac, void *ctx) { /* an sfhet_lsq_pdfn */
  const glob_ctx *g = ctx;
  memset(jac, 0, g->ntot * g->npg * sizeof *jac);
  int st = SFHET_OK;
#pragma omp parallel for schedule(dynamic, 1) num_threads(g->nthreads)
  for (size_t i = 0; i < g->m; i++) {
    double p[SFHET_FIT_MAX_PARAMS];
    unpack(g, pg, i, p);
    int s = SFHET_OK;
    for (size_t a = 0; a < g->ns && !s; a++)
      if (want[a]) s = column(g, p, i, g->S[a], jac, a);
    for (size_t b = 0; b < g->nl && !s; b++) {
      size_t col = g->ns + i * g->nl + b;
      if (want[col]) s = column(g, p, i, g->L[b], jac, col);
    }
    if (s) {
#pragma omp atomic write
      st = s;
    }
  }
  if (!st)
    for (size_t k = 0; k < g->npg; k++) want[k] = 0;
  return st;
}

/* Copies the global solution back into the per-spectrum results. */
static void scatter(const glob_ctx *g, const sfhet_lsq_param *par, const sfhet_lsq_result *lr,
                    const double *model, sfhet_fit_result *r) {
  for (size_t i = 0; i < g->m; i++) {
    sfhet_fit_result *q = &r[i];
    for (size_t a = 0; a < g->ns; a++) {
      q->value[g->S[a]] = par[a].value;
      q->err[g->S[a]] = par[a].err;
      q->at_bound[g->S[a]] = par[a].at_bound;
    }
    for (size_t b = 0; b < g->nl; b++) {
      const sfhet_lsq_param *t = &par[g->ns + i * g->nl + b];
      q->value[g->L[b]] = t->value;
      q->err[g->L[b]] = t->err;
      q->at_bound[g->L[b]] = t->at_bound;
    }
    double chi2 = 0;
    for (size_t k = 0; k < g->d[i].n; k++) {
      double e = (model[g->off[i] + k] - g->d[i].y[k]) / (g->d[i].sigma ? g->d[i].sigma[k] : 1.0);
      chi2 += e * e;
    }
    q->chi2 = chi2;
    q->chi2_red = g->d[i].n > g->nl ? chi2 / (double)(g->d[i].n - g->nl) : NAN;
    q->converged = lr->converged;
    q->status = lr->converged ? SFHET_OK : SFHET_ENOCONV;
    q->errors_scaled = lr->errors_scaled;
    snprintf(q->reason, sizeof q->reason, "global fit: %.100s", lr->reason);
    q->n_free = 0; /* no per-spectrum correlation matrix in a global fit */
  }
}

static int setup(glob_ctx *g, const sfhet_fit_config *c, const int *shared, const sfhet_fit_data *d,
                 size_t m, const sfhet_fit_result *r, int nthreads) {
  memset(g, 0, sizeof *g);
  g->c = c, g->d = d, g->m = m, g->base = r;
  for (size_t k = 0; k < c->np; k++)
    if (c->free[k]) {
      if (shared[k]) g->S[g->ns++] = k;
      else g->L[g->nl++] = k;
    }
  if (g->ns == 0) SFHET_ERROR(SFHET_EINVAL, "--shared: no free parameter is shared");
  g->npg = g->ns + m * g->nl;
  g->off = malloc((m + 1) * sizeof *g->off);
  if (!g->off) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t i = 0; i < m; i++) g->off[i + 1] = (g->off[i] = g->ntot) + d[i].n, g->ntot += d[i].n;
  if ((double)g->ntot * (double)g->npg > 4e7)
    SFHET_ERROR(SFHET_EDATA, "--shared: %zu points x %zu parameters is too large for a global fit; "
                "fit fewer spectra or thin the bias grid", g->ntot, g->npg);
  g->nthreads = nthreads > 0 ? nthreads : omp_get_max_threads();
  g->ws = calloc((size_t)g->nthreads, sizeof *g->ws);
  g->tmp = malloc(3 * g->ntot * sizeof *g->tmp);
  g->scale = malloc(3 * g->npg * sizeof *g->scale);
  if (!g->ws || !g->tmp || !g->scale) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  g->open = malloc(g->npg * sizeof *g->open);
  if (!g->open) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  g->lo = g->scale + g->npg, g->hi = g->scale + 2 * g->npg;
  for (int t = 0; t < g->nthreads; t++)
    if (!(g->ws[t] = sfhet_fit_ws_alloc(c))) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  return SFHET_OK;
}

static void teardown(glob_ctx *g) {
  for (int t = 0; g->ws && t < g->nthreads; t++) sfhet_fit_ws_free(g->c, g->ws[t]);
  free(g->ws);
  free(g->off);
  free(g->tmp);
  free(g->scale);
  free(g->open);
}

static int cmp_d(const void *a, const void *b) {
  double p = *(const double *)a, q = *(const double *)b;
  return p < q ? -1 : p > q;
}

/* One engine parameter of configuration parameter k with start v; its scale, bounds into g. */
static sfhet_lsq_param one_param(const glob_ctx *g, size_t k, double v, size_t col) {
  const sfhet_fit_config *c = g->c;
  double sc[SFHET_FIT_MAX_PARAMS], p[SFHET_FIT_MAX_PARAMS];
  memcpy(p, g->base[0].value, c->np * sizeof *p);
  p[k] = v;
  fit_param_scales(c, &g->d[0], p, sc);
  g->scale[col] = sc[k], g->lo[col] = c->lo[k], g->hi[col] = c->hi[k];
  g->open[col] = fit_param_open(c, k);
  return (sfhet_lsq_param){c->name[k], v, c->lo[k], c->hi[k], 1, sc[k], 0, 0};
}

/* Parameters of the joint problem, started from the per-spectrum results (shared: median). */
static int make_params(const glob_ctx *g, const sfhet_fit_result *r, sfhet_lsq_param *par, double *buf) {
  for (size_t a = 0; a < g->ns; a++) {
    size_t k = g->S[a];
    for (size_t i = 0; i < g->m; i++) buf[i] = r[i].value[k];
    qsort(buf, g->m, sizeof *buf, cmp_d);
    par[a] = one_param(g, k, buf[g->m / 2], a);
  }
  for (size_t i = 0; i < g->m; i++)
    for (size_t b = 0; b < g->nl; b++) {
      size_t col = g->ns + i * g->nl + b;
      par[col] = one_param(g, g->L[b], r[i].value[g->L[b]], col);
    }
  return SFHET_OK;
}

/* Median noise level of the spectra (the loss scale without sigma). */
static double noise_of(const glob_ctx *g, double *buf) {
  for (size_t i = 0; i < g->m; i++) buf[i] = fit_noise_level(&g->d[i]);
  qsort(buf, g->m, sizeof *buf, cmp_d);
  return buf[g->m / 2] > 0 ? buf[g->m / 2] : 1.0;
}

static int concat(const glob_ctx *g, double *y, double **sigma) {
  int all = 1;
  for (size_t i = 0; i < g->m; i++) all &= g->d[i].sigma != NULL;
  *sigma = all ? malloc(g->ntot * sizeof **sigma) : NULL;
  if (all && !*sigma) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t i = 0; i < g->m; i++) {
    memcpy(y + g->off[i], g->d[i].y, g->d[i].n * sizeof *y);
    if (all) memcpy(*sigma + g->off[i], g->d[i].sigma, g->d[i].n * sizeof *y);
  }
  return SFHET_OK;
}

/* The spectra without the points their own fits' clip rejected (rej[i], c->rejected); *buf owns the copies
 * (NULL when nothing was rejected: *dk = d). */
static int kept_data(const sfhet_fit_data *d, size_t m, unsigned char *const *rej, const sfhet_fit_data **dk,
                     double **buf) {
  size_t tot = 0, any = 0;
  *dk = d, *buf = NULL;
  for (size_t i = 0; i < m; i++) {
    tot += d[i].n;
    for (size_t k = 0; rej && rej[i] && k < d[i].n; k++) any += rej[i][k];
  }
  if (!any) return SFHET_OK;
  sfhet_fit_data *out = malloc(m * sizeof *out);
  double *b = malloc(3 * tot * sizeof *b);
  if (!out || !b) {
    free(out), free(b);
    SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  }
  double *x = b, *y = b + tot, *s = b + 2 * tot;
  for (size_t i = 0; i < m; i++) {
    size_t n = 0;
    for (size_t k = 0; k < d[i].n; k++) {
      if (rej[i] && rej[i][k]) continue;
      x[n] = d[i].x[k], y[n] = d[i].y[k];
      if (d[i].sigma) s[n] = d[i].sigma[k];
      n++;
    }
    out[i] = (sfhet_fit_data){x, y, d[i].sigma ? s : NULL, n};
    x += n, y += n, s += n;
  }
  *dk = out;
  *buf = b;
  return SFHET_OK;
}

/* The joint fit: parameters, data, the engine. */
static int joint(glob_ctx *g, const sfhet_fit_result *r, sfhet_lsq_param *par, double *y, double **sigma,
                 sfhet_lsq_result *lr) {
  const sfhet_fit_config *c = g->c;
  SFHET_TRY(make_params(g, r, par, y));
  double noise = noise_of(g, y);
  SFHET_TRY(concat(g, y, sigma));
  sfhet_lsq_problem pb = {g->ntot, y, *sigma, glob_f, NULL, g, c->max_iter, c->xtol, 0, 0};
  sfhet_lsq_options o;
  fit_options(c, noise, *sigma != NULL, &o);
  o.pdf = glob_df;
  o.open = g->open;
  o.max_evals = c->max_evals;
  o.time_limit = c->time_limit;
  return sfhet_lsq_fit_opt(&pb, &o, par, g->npg, lr);
}

int sfhet_fit_global(const sfhet_fit_config *c, const int *shared, const sfhet_fit_data *d, size_t m,
                     sfhet_fit_result *r, double *chi2_red, int nthreads) {
  glob_ctx g;
  const sfhet_fit_data *dk;
  double *kbuf;
  int st = kept_data(d, m, c->rejected, &dk, &kbuf);
  if (st) return st;
  st = setup(&g, c, shared, dk, m, r, nthreads);
  sfhet_lsq_param *par = st ? NULL : malloc(g.npg * sizeof *par);
  double *y = st ? NULL : malloc((g.ntot + m) * sizeof *y), *sigma = NULL;
  if (!st && (!par || !y)) SFHET_REPORT(st = SFHET_ENOMEM, "fit: out of memory");
  sfhet_lsq_result lr;
  memset(&lr, 0, sizeof lr);
  if (!st) st = joint(&g, r, par, y, &sigma, &lr);
  if (!st || st == SFHET_ENOCONV) {
    double *pg = malloc(g.npg * sizeof *pg);
    int s2 = pg ? SFHET_OK : SFHET_ENOMEM;
    for (size_t k = 0; pg && k < g.npg; k++) pg[k] = par[k].value;
    if (!s2) s2 = glob_f(pg, g.tmp, &g);
    if (!s2) scatter(&g, par, &lr, g.tmp, r);
    if (s2) st = s2;
    *chi2_red = lr.chi2_red;
    free(pg);
  }
  sfhet_lsq_result_free(&lr);
  free(par), free(y), free(sigma);
  teardown(&g);
  if (kbuf) free((void *)dk), free(kbuf);
  return st;
}
