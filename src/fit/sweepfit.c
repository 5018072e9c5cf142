/* Sweeps: one fit per spectrum, in fixed chunks of neighbours (warm starts), chunks in parallel (threads,
 * and MPI ranks through sfhet_sweep_map_dist: the chunks fix the warm-start chains, so the results do
 * not depend on how chunks are distributed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "sfhet/par.h"

#define CHUNK 8 /* spectra per chunk: fixed, so results do not depend on the thread count */

typedef struct {
  const sfhet_fit_config *c;
  const sfhet_fit_data *d;
  size_t m;
  sfhet_fit_result *r;
  int timed_out; /* a spectrum reached the time limit: the others are not fitted (set atomically) */
} sweep_ctx;

/* A spectrum left unfitted because another reached the time limit. */
static int skipped(const sweep_ctx *s, size_t i) {
  sfhet_fit_result *r = &s->r[i];
  memset(r, 0, sizeof *r);
  r->status = SFHET_ENOCONV;
  r->stopped = SFHET_LSQ_STOP_TIME;
  r->chi2 = r->chi2_red = NAN;
  memcpy(r->value, s->c->value, s->c->np * sizeof *r->value);
  for (size_t k = 0; k < s->c->np; k++) r->err[k] = s->c->free[k] ? NAN : 0.0;
  snprintf(r->reason, sizeof r->reason, "not fitted: another spectrum of the sweep reached the time limit");
  return SFHET_ENOCONV;
}

static int any_at_bound(const sfhet_fit_result *r) {
  for (size_t j = 0; j < r->n_free; j++)
    if (r->at_bound[r->free_idx[j]]) return 1;
  return 0;
}

/* The bound parameters of p set to spectrum i's sweep value (`fit --bind`). */
static void bind_sweep_value(const sfhet_fit_config *c, size_t i, double *p) {
  for (size_t k = 0; c->bind_value && k < c->np; k++)
    if (c->bound[k]) p[k] = c->bind_value[i];
}

/* The configuration of spectrum i: its own clip flags, no monitor (fits run in parallel). */
static sfhet_fit_config config_of(const sweep_ctx *s, size_t i) {
  sfhet_fit_config c = *s->c;
  c.monitor = NULL;
  c.rejected = s->c->rejected ? &s->c->rejected[i] : NULL;
  bind_sweep_value(s->c, i, c.value);
  return c;
}

/* Fits spectrum i warm-started from the previous result; falls back to an automatic start. */
static int fit_warm(const sweep_ctx *s, size_t i, const sfhet_fit_result *prev, void *ws) {
  sfhet_fit_config cw = config_of(s, i), cs = cw;
  cw.starts = 1;
  double start[SFHET_FIT_MAX_PARAMS];
  memcpy(start, prev->value, s->c->np * sizeof *start);
  bind_sweep_value(s->c, i, start);
  int st = sfhet_fit_spectrum(&cw, &s->d[i], start, &s->r[i], ws);
  if ((st == SFHET_OK && !any_at_bound(&s->r[i])) || s->r[i].stopped) return st;
  sfhet_fit_result t;
  int st2 = sfhet_fit_spectrum(&cs, &s->d[i], NULL, &t, ws);
  if ((st2 == SFHET_OK && st != SFHET_OK) || (st2 == st && t.chi2 < s->r[i].chi2)) {
    t.n_evals += s->r[i].n_evals;
    s->r[i] = t;
    return st2;
  }
  s->r[i].n_evals += t.n_evals;
  return st;
}

static int chunk_fn(size_t chunk, void *ctx) {
  sweep_ctx *s = ctx;
  void *ws = sfhet_fit_ws_alloc(s->c);
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  size_t a = chunk * CHUNK, b = a + CHUNK < s->m ? a + CHUNK : s->m;
  int first = SFHET_OK;
  for (size_t i = a; i < b; i++) {
    sfhet_fit_config ci = config_of(s, i);
    int late;
#pragma omp atomic read
    late = s->timed_out;
    int st = late ? skipped(s, i)
             : (i == a || s->r[i - 1].status != SFHET_OK) ? sfhet_fit_spectrum(&ci, &s->d[i], NULL, &s->r[i], ws)
                                                          : fit_warm(s, i, &s->r[i - 1], ws);
    if (s->r[i].stopped == SFHET_LSQ_STOP_TIME && !late) {
#pragma omp atomic write
      s->timed_out = 1;
    }
    s->r[i].status = st;
    if (st && !first) {
      first = st;
      sfhet_error(st, __FILE__, __LINE__, "spectrum %zu: %s", i + 1, s->r[i].reason);
    }
  }
  sfhet_fit_ws_free(s->c, ws);
  return first;
}

/* MPI: the clip flags of every spectrum in one block (chunk k's bytes from off[k]), so that a sweep
 * across ranks can gather them with the results; NULL *flat when not needed (one rank, no clip). */
typedef struct {
  unsigned char *flat, **rej;
  size_t *off;
} flat_rej;

static int flat_rej_make(const sfhet_fit_config *c, const sfhet_fit_data *d, size_t m, size_t nchunks,
                         flat_rej *f) {
  memset(f, 0, sizeof *f);
  if (!c->rejected || sfhet_par_size() < 2) return SFHET_OK;
  size_t tot = 0;
  for (size_t i = 0; i < m; i++) tot += d[i].n;
  f->flat = calloc(tot ? tot : 1, 1), f->rej = malloc(m * sizeof *f->rej);
  f->off = malloc((nchunks + 1) * sizeof *f->off);
  if (!f->flat || !f->rej || !f->off) SFHET_ERROR(SFHET_ENOMEM, "fit: out of memory");
  for (size_t i = 0, at = 0; i < m; at += d[i].n, i++) {
    if (i % CHUNK == 0) f->off[i / CHUNK] = at;
    f->rej[i] = f->flat + at;
  }
  f->off[nchunks] = tot;
  return SFHET_OK;
}

static void flat_rej_done(const sfhet_fit_config *c, const sfhet_fit_data *d, size_t m, flat_rej *f) {
  for (size_t i = 0; f->flat && i < m; i++) memcpy(c->rejected[i], f->rej[i], d[i].n);
  free(f->flat), free(f->rej), free(f->off);
}

int sfhet_fit_sweep(const sfhet_fit_config *c, const sfhet_fit_data *d, size_t m, int nthreads,
                    const sfhet_progress *progress, sfhet_fit_result *r) {
  sweep_ctx s = {c, d, m, r, 0};
  size_t nchunks = (m + CHUNK - 1) / CHUNK;
  for (size_t i = 0; i < m; i++) r[i].status = SFHET_OK;
  flat_rej f;
  sfhet_fit_config cf = *c;
  int st = flat_rej_make(c, d, m, nchunks, &f);
  if (f.flat) cf.rejected = f.rej, s.c = &cf;
  sfhet_sweep_out outs[2] = {{r, CHUNK * sizeof *r, m * sizeof *r, NULL}, {f.flat, 0, 0, f.off}};
  if (!st) st = sfhet_sweep_map_dist(nchunks, chunk_fn, &s, nthreads, progress, NULL, outs, f.flat ? 2 : 1);
  flat_rej_done(c, d, m, &f);
  if (st == SFHET_OK) return st;
  for (size_t i = 0; i < m; i++)
    if (r[i].status) return r[i].status; /* message already recorded by sfhet_sweep_map */
  return st;
}
