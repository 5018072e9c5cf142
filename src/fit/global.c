/* Global fit of a sweep: shared parameters (one value for all spectra) fitted jointly with the
 * per-spectrum ones, started from the per-spectrum fits. The joint problem is block-sparse; it is solved
 * block by block (global_block.c), spread over MPI ranks when there are several. */
#include <math.h>
#include <stdio.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "fit/global_int.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"

/* Copies the global solution back into the per-spectrum results. */
static void scatter(const glob_ctx *g, const sfhet_lsq_param *par, const sfhet_lsq_result *lr,
                    const double *chi2i, sfhet_fit_result *r) {
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
    q->chi2 = chi2i[i];
    q->chi2_red = g->d[i].n > g->nl ? chi2i[i] / (double)(g->d[i].n - g->nl) : NAN;
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
  g->have_sigma = 1;
  for (size_t i = 0; i < m; i++) {
    g->ntot += d[i].n;
    g->nmax = d[i].n > g->nmax ? d[i].n : g->nmax;
    g->have_sigma &= d[i].sigma != NULL;
  }
  g->nthreads = nthreads > 0 ? nthreads : omp_get_max_threads();
  g->ws = calloc((size_t)g->nthreads, sizeof *g->ws);
  g->scale = malloc(3 * g->npg * sizeof *g->scale);
  g->open = malloc(g->npg * sizeof *g->open);
  if (!g->ws || !g->scale || !g->open) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  g->lo = g->scale + g->npg, g->hi = g->scale + 2 * g->npg;
  for (int t = 0; t < g->nthreads; t++)
    if (!(g->ws[t] = sfhet_fit_ws_alloc(c))) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  return SFHET_OK;
}

static void teardown(glob_ctx *g) {
  for (int t = 0; g->ws && t < g->nthreads; t++) sfhet_fit_ws_free(g->c, g->ws[t]);
  free(g->ws);
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

int sfhet_fit_global(const sfhet_fit_config *c, const int *shared, const sfhet_fit_data *d, size_t m,
                     sfhet_fit_result *r, double *chi2_red, int nthreads) {
  glob_ctx g;
  const sfhet_fit_data *dk;
  double *kbuf;
  int st = kept_data(d, m, c->rejected, &dk, &kbuf);
  if (st) return st;
  st = setup(&g, c, shared, dk, m, r, nthreads);
  sfhet_lsq_param *par = st ? NULL : malloc(g.npg * sizeof *par);
  double *buf = st ? NULL : malloc(2 * m * sizeof *buf);
  if (!st && (!par || !buf)) SFHET_REPORT(st = SFHET_ENOMEM, "fit: out of memory");
  sfhet_lsq_result lr;
  memset(&lr, 0, sizeof lr);
  if (!st) st = make_params(&g, r, par, buf);
  if (!st) g.noise = noise_of(&g, buf);
  if (!st) st = glob_block_fit(&g, par, &lr, buf + m);
  if (!st || st == SFHET_ENOCONV) {
    scatter(&g, par, &lr, buf + m, r);
    *chi2_red = lr.chi2_red;
  }
  if (st == SFHET_ENOCONV)
    SFHET_REPORT(st, "fit --shared: the global fit of %zu spectra did not converge (%s); try a larger "
                 "--max-evals or --time-limit, fewer shared parameters, or check the per-spectrum fits",
                 m, lr.reason);
  sfhet_lsq_result_free(&lr);
  free(par), free(buf);
  teardown(&g);
  if (kbuf) free((void *)dk), free(kbuf);
  return st;
}
