/* One spectrum's share of a global fit: its residuals, its Jacobian columns and the normal-equation
 * blocks they give (global_int.h). Losses as in the engine (lsq_loss.c): rows are f~(r) with the
 * Jacobian d f~/dr · dr/dp for the iteration, sqrt(psi'(r)) · dr/dp for the covariance. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_int.h"
#include "fit/global_int.h"
#include "fit/lsq_int.h"
#include "sfhet/error.h"

struct glob_scratch {
  double *model, *J, *col, *fd, *wi, *we, *f; /* n, n (ns + nl), n, 3n, n, n, n */
};

glob_scratch *glob_scratch_alloc(const glob_ctx *g) {
  glob_scratch *s = calloc(1, sizeof *s);
  size_t n = g->nmax ? g->nmax : 1, np = g->ns + g->nl;
  if (s) s->model = malloc(n * (np + 8) * sizeof *s->model);
  if (!s || !s->model) {
    free(s);
    return NULL;
  }
  s->J = s->model + n, s->col = s->J + n * np, s->fd = s->col + n;
  s->wi = s->fd + 3 * n, s->we = s->wi + n, s->f = s->we + n;
  return s;
}

void glob_scratch_free(glob_scratch *s) {
  if (s) free(s->model);
  free(s);
}

void glob_unpack(const glob_ctx *g, const double *pg, size_t i, double *p) {
  memcpy(p, g->base[i].value, g->c->np * sizeof *p);
  for (size_t a = 0; a < g->ns; a++) p[g->S[a]] = pg[a];
  for (size_t b = 0; b < g->nl; b++) p[g->L[b]] = pg[g->ns + i * g->nl + b];
}

/* Whether the covariance's rows are the iteration's (the linear loss: w = 1/sigma for both). */
static int same_rows(const glob_ctx *g) { return g->c->loss == SFHET_LOSS_LINEAR; }

size_t glob_blocks_size(const glob_ctx *g) {
  size_t ns = g->ns, nl = g->nl;
  return (same_rows(g) ? 1 : 2) * (ns * ns + ns * nl + nl * nl) + ns + nl;
}

void glob_blocks_bind(const glob_ctx *g, double *mem, glob_blocks *b) {
  size_t ns = g->ns, nl = g->nl;
  memset(b, 0, sizeof *b);
  b->U = mem, b->W = b->U + ns * ns, b->V = b->W + ns * nl, b->ga = b->V + nl * nl, b->gb = b->ga + ns;
  b->Ue = b->U, b->We = b->W, b->Ve = b->V;
  if (!same_rows(g)) b->Ue = b->gb + nl, b->We = b->Ue + ns * ns, b->Ve = b->We + ns * nl;
}

typedef struct {
  const glob_ctx *g;
  size_t i;
  double *evals;
} one_spec;

static int one_values(const double *p, double *out, void *ctx) {
  one_spec *o = ctx;
  const glob_ctx *g = o->g;
  *o->evals += 1;
  return sfhet_fit_eval(g->c, p, g->d[o->i].x, g->d[o->i].n, out, g->ws[omp_get_thread_num()]);
}

/* Residuals of the model values in s->model: f~ into s->f, the row weights of the iteration and of the
 * covariance into s->wi, s->we; the sums of b. A non-finite residual is a failure. */
static int residuals(const glob_ctx *g, size_t i, glob_scratch *s, glob_blocks *b) {
  const sfhet_fit_data *d = &g->d[i];
  sfhet_lsq_loss loss = g->c->loss;
  double fs = (g->c->loss_scale > 0 ? g->c->loss_scale : 1.0) * (g->have_sigma ? 1.0 : g->noise);
  b->chi2 = b->chi2raw = b->psi2 = b->curv = b->clip = 0;
  for (size_t k = 0; k < d->n; k++) {
    double is = g->have_sigma ? 1.0 / d->sigma[k] : 1.0, r = (s->model[k] - d->y[k]) * is, w;
    if (!isfinite(r)) SFHET_ERROR(SFHET_EFAILED, "the model gave a non-finite value at data point %zu", k + 1);
    s->f[k] = lsq_loss_residual(loss, fs, r, &w);
    s->wi[k] = w * is, s->we[k] = is;
    b->chi2 += s->f[k] * s->f[k], b->chi2raw += r * r;
    if (loss == SFHET_LOSS_LINEAR) continue;
    double psi = lsq_loss_psi(loss, fs, r), cv = lsq_loss_curvature(loss, fs, r);
    b->psi2 += psi * psi, b->curv += lsq_loss_curvature_raw(loss, fs, r), b->clip += cv;
    s->we[k] = sqrt(cv) * is;
  }
  return SFHET_OK;
}

int glob_spec_chi2(const glob_ctx *g, const double *pg, size_t i, glob_scratch *s, double *chi2) {
  double p[SFHET_FIT_MAX_PARAMS], ev = 0;
  glob_blocks b;
  one_spec o = {g, i, &ev};
  glob_unpack(g, pg, i, p);
  SFHET_TRY(one_values(p, s->model, &o));
  SFHET_TRY(residuals(g, i, s, &b));
  *chi2 = b.chi2;
  return SFHET_OK;
}

/* Column j of s->J: d model / d p[k] (global column col) by central differences. */
static int column(const glob_ctx *g, one_spec *o, double *p, size_t k, size_t col, glob_scratch *s, size_t j) {
  size_t n = g->d[o->i].n, np = g->ns + g->nl;
  double h = 1e-3 * fmax(fabs(p[k]), g->scale[col]);
  SFHET_TRY(fit_fd_column(one_values, o, p, k, g->lo[col], g->hi[col], h, n, s->model, s->col, s->fd));
  for (size_t r = 0; r < n; r++) s->J[r * np + j] = s->col[r];
  return SFHET_OK;
}

/* X'Y-type sums of the weighted columns: out[a * nb + b] = sum_r w_r^2 J[r, a0 + a] J[r, b0 + b]. */
static void cross(const glob_scratch *s, size_t n, size_t np, const double *w, size_t a0, size_t na,
                  size_t b0, size_t nb, double *out) {
  for (size_t a = 0; a < na; a++)
    for (size_t c = 0; c < nb; c++) {
      double v = 0;
      for (size_t r = 0; r < n; r++) v += w[r] * w[r] * s->J[r * np + a0 + a] * s->J[r * np + b0 + c];
      out[a * nb + c] = v;
    }
}

static void fill(const glob_ctx *g, size_t n, const glob_scratch *s, glob_blocks *b) {
  size_t ns = g->ns, nl = g->nl, np = ns + nl;
  cross(s, n, np, s->wi, 0, ns, 0, ns, b->U);
  cross(s, n, np, s->wi, 0, ns, ns, nl, b->W);
  cross(s, n, np, s->wi, ns, nl, ns, nl, b->V);
  for (size_t a = 0; a < np; a++) {
    double v = 0;
    for (size_t r = 0; r < n; r++) v += s->wi[r] * s->J[r * np + a] * s->f[r];
    if (a < ns) b->ga[a] = v;
    else b->gb[a - ns] = v;
  }
  if (same_rows(g)) return; /* Ue, We, Ve alias U, W, V */
  cross(s, n, np, s->we, 0, ns, 0, ns, b->Ue);
  cross(s, n, np, s->we, 0, ns, ns, nl, b->We);
  cross(s, n, np, s->we, ns, nl, ns, nl, b->Ve);
}

int glob_spec_blocks(const glob_ctx *g, const double *pg, size_t i, glob_scratch *s, glob_blocks *b) {
  double p[SFHET_FIT_MAX_PARAMS];
  b->evals = 0;
  one_spec o = {g, i, &b->evals};
  glob_unpack(g, pg, i, p);
  SFHET_TRY(one_values(p, s->model, &o));
  SFHET_TRY(residuals(g, i, s, b));
  for (size_t a = 0; a < g->ns; a++) SFHET_TRY(column(g, &o, p, g->S[a], a, s, a));
  for (size_t c = 0; c < g->nl; c++) SFHET_TRY(column(g, &o, p, g->L[c], g->ns + i * g->nl + c, s, g->ns + c));
  fill(g, g->d[i].n, s, b);
  return SFHET_OK;
}
