/* The inverse of the device chain: one global least-squares fit of a whole map G(B, V) for the
 * physical parameters (λ, η, Δso, H_K, Γ0, Tc0, ...) and the nuisance ones (V0, gnn, bg0, bg1) through
 * sfhet_lsq_fit_opt (errors and correlations from its covariance). Speed comes from the caches of the
 * forward model (dev_gap.c, dev_map.c) and from closed-form Jacobian columns of gnn, bg0 and bg1. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "device/dev_int.h"
#include "sfhet/error.h"

/* Relative step of the central differences: small against the errors of H_K (whose model has a
 * square-root cusp where H_K meets a field point) and large against the model's rounding (~1e-10). */
#define DEV_FD_STEP 1e-5

void sfhet_device_fit_config_init(sfhet_device_fit_config *c) {
  memset(c, 0, sizeof *c);
  sfhet_param_defaults(sfhet_device_params, SFHET_DEVICE_NPARAMS, c->p);
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++)
    c->lo[k] = sfhet_device_params[k].lo, c->hi[k] = sfhet_device_params[k].hi;
}

int sfhet_device_fit_set_free(sfhet_device_fit_config *c, const char *list, const char *what) {
  const char *s = list;
  while (*s) {
    size_t len = strcspn(s, ",");
    char name[32];
    if (len == 0 || len >= sizeof name) SFHET_ERROR(SFHET_EINVAL, "%s: empty or overlong name in '%s'", what, list);
    memcpy(name, s, len), name[len] = 0;
    int k = sfhet_param_find(sfhet_device_params, SFHET_DEVICE_NPARAMS, name);
    if (k < 0) SFHET_ERROR(SFHET_EINVAL, "%s: unknown parameter '%s'", what, name);
    if (sfhet_device_params[k].flags & SFHET_PARAM_NOFIT)
      SFHET_ERROR(SFHET_EINVAL, "%s: '%s' is not a fit parameter", what, name);
    c->free[k] = 1;
    s += len;
    if (*s == ',') s++;
  }
  return SFHET_OK;
}

int sfhet_device_covers_hk(const sfhet_device_data *d, double HK) {
  for (size_t i = 0; i < d->nf; i++)
    if (fabs(d->f[i].B) >= HK) return 1;
  return 0;
}

double sfhet_device_hk_gap_to_field(const sfhet_device_data *d, double HK) {
  double best = INFINITY;
  for (size_t i = 0; i < d->nf; i++) best = fmin(best, fabs(fabs(d->f[i].B) - HK));
  return best;
}

typedef struct {
  const sfhet_device_data *d;
  sfhet_device_ws *ws;
  sfhet_device_state *st;
  size_t *off; /* first row of each spectrum */
  size_t n;
  const double *lo, *hi; /* bounds of the fit */
  double fd_step;        /* relative step of the finite differences */
  size_t n_column_maps;  /* maps evaluated for Jacobian columns (not counted by the engine) */
  double *jac;           /* the last nonlinear columns (n x NPARAMS, as the engine's) at jac_p */
  double jac_p[SFHET_DEVICE_NPARAMS];
  int jac_have[SFHET_DEVICE_NPARAMS];
} fit_ctx;

static int fit_f(const double *p, double *model, void *ctx) {
  fit_ctx *F = ctx;
  const sfhet_device_data *d = F->d;
  SFHET_TRY(dev_map_sis(p, d->f, d->nf, d->V, d->nv, F->st, F->ws));
  for (size_t i = 0; i < d->nf; i++)
    for (size_t k = 0; k < d->nv[i]; k++)
      model[F->off[i] + k] = p[SFHET_DEVICE_GNN] * F->ws->pt[i].G[k] + p[SFHET_DEVICE_BG0] +
                             p[SFHET_DEVICE_BG1] * d->V[i][k];
  return SFHET_OK;
}

/* G_SIS of every point at p, concatenated, into g. */
static int sis_at(const double *p, double *g, fit_ctx *F) {
  const sfhet_device_data *d = F->d;
  SFHET_TRY(dev_map_sis(p, d->f, d->nf, d->V, d->nv, F->st, F->ws));
  for (size_t i = 0; i < d->nf; i++) memcpy(g + F->off[i], F->ws->pt[i].G, d->nv[i] * sizeof *g);
  F->n_column_maps++;
  return SFHET_OK;
}

/* The column of parameter k by a forward difference of G_SIS from the base g0 with step h (backward at
 * the upper bound), the gaps one Newton step from the base roots (ws->lin); SFHET_CONTINUE when p + h
 * leaves the bounds or the evaluation fails (the engine's central differences take over). The error,
 * O(h) relative with h = 1e-5 |p_k|, is far below what the fit's steps and errors resolve. */
static int sis_column(const double *p, size_t k, const double *g0, double *col, fit_ctx *F) {
  double h = F->fd_step * fabs(p[k]), q[SFHET_DEVICE_NPARAMS];
  if (!(p[k] + h < F->hi[k])) h = -h;
  if (!(h != 0.0) || !(p[k] + h > F->lo[k] && p[k] + h < F->hi[k])) return SFHET_CONTINUE;
  memcpy(q, p, sizeof q);
  q[k] = p[k] + h;
  if (sis_at(q, col, F)) {
    sfhet_clear_error();
    return SFHET_CONTINUE;
  }
  for (size_t r = 0; r < F->n; r++) col[r] = p[SFHET_DEVICE_GNN] * (col[r] - g0[r]) / h;
  return SFHET_OK;
}

/* Wanted columns already computed at exactly p (the engine asks again for the covariance) are copied. */
static void cached_columns(const double *p, int *want, double *jac, fit_ctx *F) {
  if (!F->jac || memcmp(p, F->jac_p, sizeof F->jac_p)) return;
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    if (!want[k] || !F->jac_have[k]) continue;
    for (size_t r = 0; r < F->n; r++) jac[r * SFHET_DEVICE_NPARAMS + k] = F->jac[r * SFHET_DEVICE_NPARAMS + k];
    want[k] = 0;
  }
}

/* Keeps the columns `done` at p for cached_columns. */
static void keep_columns(const double *p, const int *done, const double *jac, fit_ctx *F) {
  if (!F->jac && !(F->jac = malloc(F->n * SFHET_DEVICE_NPARAMS * sizeof *F->jac))) return;
  if (memcmp(p, F->jac_p, sizeof F->jac_p)) memset(F->jac_have, 0, sizeof F->jac_have);
  memcpy(F->jac_p, p, sizeof F->jac_p);
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    if (!done[k]) continue;
    for (size_t r = 0; r < F->n; r++) F->jac[r * SFHET_DEVICE_NPARAMS + k] = jac[r * SFHET_DEVICE_NPARAMS + k];
    F->jac_have[k] = 1;
  }
}

/* The columns of the parameters inside G_SIS (λ, η, H_K, Γ0, ...; see sis_column), base caches kept. */
static int nonlinear_columns(const double *p, int *want, double *jac, fit_ctx *F) {
  cached_columns(p, want, jac, F);
  size_t nw = 0;
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) nw += want[k] != 0;
  if (!nw) return SFHET_OK;
  const sfhet_device_data *d = F->d;
  dev_point *base = dev_points_save(F->ws);
  double *col = malloc(2 * F->n * sizeof *col), *g0 = col + F->n;
  if (!base || !col) {
    dev_points_restore(NULL, base, F->ws->npt), free(col);
    SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  }
  for (size_t i = 0; i < d->nf; i++) memcpy(g0 + F->off[i], base[i].G, d->nv[i] * sizeof *g0);
  int done[SFHET_DEVICE_NPARAMS] = {0};
  F->ws->lin = base;
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    if (!want[k] || sis_column(p, k, g0, col, F) != SFHET_OK) continue;
    for (size_t r = 0; r < F->n; r++) jac[r * SFHET_DEVICE_NPARAMS + k] = col[r];
    want[k] = 0, done[k] = 1;
  }
  F->ws->lin = NULL;
  dev_points_restore(F->ws, base, F->ws->npt);
  free(col);
  keep_columns(p, done, jac, F);
  return SFHET_OK;
}

/* The Jacobian (an sfhet_lsq_pdfn): the columns linear in the model in closed form, dG/dgnn = G_SIS,
 * dG/dbg0 = 1, dG/dbg1 = V, and the others by nonlinear_columns. */
static int fit_pdf(const double *p, int *want, double *jac, void *ctx) {
  fit_ctx *F = ctx;
  const sfhet_device_data *d = F->d;
  SFHET_TRY(dev_map_sis(p, d->f, d->nf, d->V, d->nv, F->st, F->ws));
  for (size_t i = 0; i < d->nf; i++)
    for (size_t k = 0; k < d->nv[i]; k++) {
      double *row = jac + (F->off[i] + k) * SFHET_DEVICE_NPARAMS;
      if (want[SFHET_DEVICE_GNN]) row[SFHET_DEVICE_GNN] = F->ws->pt[i].G[k];
      if (want[SFHET_DEVICE_BG0]) row[SFHET_DEVICE_BG0] = 1.0;
      if (want[SFHET_DEVICE_BG1]) row[SFHET_DEVICE_BG1] = d->V[i][k];
    }
  want[SFHET_DEVICE_GNN] = want[SFHET_DEVICE_BG0] = want[SFHET_DEVICE_BG1] = 0;
  return nonlinear_columns(p, want, jac, F);
}

int sfhet_device_model(const double *p, const sfhet_device_data *d, double *G, sfhet_device_state *st,
                       sfhet_device_ws *ws) {
  SFHET_TRY(sfhet_device_check(p));
  sfhet_device_state *s = st ? st : malloc(d->nf * sizeof *s);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  int rc = dev_map_sis(p, d->f, d->nf, d->V, d->nv, s, ws);
  for (size_t i = 0, r = 0; i < d->nf && !rc; r += d->nv[i], i++)
    for (size_t k = 0; k < d->nv[i]; k++)
      G[r + k] = p[SFHET_DEVICE_GNN] * ws->pt[i].G[k] + p[SFHET_DEVICE_BG0] + p[SFHET_DEVICE_BG1] * d->V[i][k];
  if (!st) free(s);
  return rc;
}

/* Data checks and the concatenated y and sigma. */
static int gather(const sfhet_device_data *d, fit_ctx *F, double **y, double **sigma) {
  if (d->nf == 0) SFHET_ERROR(SFHET_EDATA, "--data: no spectra");
  F->off = malloc((d->nf + 1) * sizeof *F->off);
  if (!F->off) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  size_t n = 0;
  for (size_t i = 0; i < d->nf; i++) F->off[i] = n, n += d->nv[i];
  F->off[d->nf] = n, F->n = n;
  *y = malloc(n * sizeof **y);
  *sigma = d->sigma ? malloc(n * sizeof **sigma) : NULL;
  if (!*y || (d->sigma && !*sigma)) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  for (size_t i = 0; i < d->nf; i++) {
    memcpy(*y + F->off[i], d->G[i], d->nv[i] * sizeof **y);
    if (d->sigma) memcpy(*sigma + F->off[i], d->sigma[i], d->nv[i] * sizeof **sigma);
  }
  return SFHET_OK;
}

static void copy_result(const sfhet_lsq_param *par, const sfhet_lsq_result *lr, size_t n, sfhet_device_fit_result *r) {
  memset(r, 0, sizeof *r);
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    r->value[k] = par[k].value, r->err[k] = par[k].err, r->at_bound[k] = par[k].at_bound;
    if (par[k].free) r->free_idx[r->n_free++] = k;
  }
  r->chi2 = lr->chi2, r->chi2_red = lr->chi2_red, r->n_points = n, r->n_iter = lr->n_iter;
  r->n_evals = lr->n_evals, r->converged = lr->converged, r->errors_scaled = lr->errors_scaled;
  for (size_t a = 0; lr->corr && a < r->n_free * r->n_free; a++) r->corr[a] = lr->corr[a];
  memcpy(r->reason, lr->reason, sizeof r->reason);
}

int sfhet_device_fit(const sfhet_device_fit_config *c, const sfhet_device_data *d, sfhet_device_fit_result *r,
                     sfhet_device_ws *ws) {
  SFHET_TRY(sfhet_device_check(c->p));
  fit_ctx F = {d, ws, NULL, NULL, 0, c->lo, c->hi, DEV_FD_STEP, 0, NULL, {0}, {0}};
  double *y = NULL, *sigma = NULL;
  int st = gather(d, &F, &y, &sigma);
  if (!st && !(F.st = malloc(d->nf * sizeof *F.st))) SFHET_REPORT(st = SFHET_ENOMEM, "device: out of memory");
  sfhet_lsq_param par[SFHET_DEVICE_NPARAMS];
  int open[SFHET_DEVICE_NPARAMS];
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    const sfhet_param_info *in = &sfhet_device_params[k];
    par[k] = (sfhet_lsq_param){.name = in->name, .value = c->p[k], .lo = c->lo[k], .hi = c->hi[k], .free = c->free[k]};
    open[k] = (in->flags & SFHET_PARAM_LO_OPEN ? SFHET_LSQ_LO_OPEN : 0) | (in->flags & SFHET_PARAM_HI_OPEN ? SFHET_LSQ_HI_OPEN : 0);
  }
  int nocache = ws->nocache;
  ws->nocache = c->numeric;
  sfhet_lsq_problem pb = {.n = F.n, .y = y, .sigma = sigma, .f = fit_f, .ctx = &F, .xtol = 1e-8};
  sfhet_lsq_options opt = {.pdf = c->numeric ? NULL : fit_pdf, .fd_step = F.fd_step, .open = open, .max_evals = c->max_evals,
                           .time_limit = c->time_limit, .monitor = c->monitor, .monitor_ctx = c->monitor_ctx};
  sfhet_lsq_result lr = {0};
  if (!st) {
    st = sfhet_lsq_fit_opt(&pb, &opt, par, SFHET_DEVICE_NPARAMS, &lr);
    if (st == SFHET_OK || st == SFHET_ENOCONV) copy_result(par, &lr, F.n, r), r->n_column_maps = F.n_column_maps;
  }
  ws->nocache = nocache;
  sfhet_lsq_result_free(&lr);
  free(y), free(sigma), free(F.off), free(F.st), free(F.jac);
  return st;
}
