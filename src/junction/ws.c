/* Junction workspace: scratch arrays that grow on demand and are reused between evaluations, an arena
 * of never-moving blocks for the spectral path, small keyed caches and the work counters. */
#include <stdlib.h>
#include <string.h>

#include "junction/ws_int.h"

sfhet_junction_ws *sfhet_junction_ws_alloc(void) {
  sfhet_junction_ws *ws = calloc(1, sizeof *ws);
  if (!ws) return NULL;
  ws->qag = gsl_integration_workspace_alloc(JUNCTION_QAG_LIMIT);
  if (!ws->qag) {
    free(ws);
    return NULL;
  }
  return ws;
}

static void cache_free(junction_cache *set) {
  for (size_t i = 0; i < JUNCTION_CACHES; i++) free(set[i].data);
}

void sfhet_junction_ws_free(sfhet_junction_ws *ws) {
  if (!ws) return;
  gsl_integration_workspace_free(ws->qag);
  junction_fft_release(ws);
  free(ws->buf[0]);
  free(ws->buf[1]);
  free(ws->sbuf);
  free(ws->qbuf);
  for (size_t b = 0; b < JUNCTION_BLOCKS; b++) free(ws->blk[b].p);
  cache_free(ws->khat);
  cache_free(ws->czt);
  free(ws->memo);
  free(ws);
}

double *junction_ws_buf(sfhet_junction_ws *ws, int which, size_t n) {
  if (n > ws->cap[which]) {
    double *b = realloc(ws->buf[which], n * sizeof *b);
    if (!b) return NULL;
    ws->buf[which] = b;
    ws->cap[which] = n;
  }
  return ws->buf[which];
}

double *junction_ws_grow(double **b, size_t *cap, size_t n) {
  if (n > *cap) {
    double *t = realloc(*b, n * sizeof *t);
    if (!t) return NULL;
    *b = t;
    *cap = n;
  }
  return *b;
}

#define ALIGN 64

void *junction_arena(sfhet_junction_ws *ws, size_t bytes) {
  bytes = (bytes + ALIGN - 1) / ALIGN * ALIGN;
  size_t largest = 0;
  for (size_t b = 0; b < JUNCTION_BLOCKS; b++) {
    junction_block *k = &ws->blk[b];
    if (!k->p) {
      size_t cap = bytes > 2 * largest ? bytes : 2 * largest;
      if (cap < ((size_t)1 << 16)) cap = (size_t)1 << 16;
      void *p = NULL;
      if (posix_memalign(&p, ALIGN, cap)) return NULL;
      k->p = p;
      k->cap = cap;
      k->used = 0;
    }
    if (k->cap - k->used >= bytes) {
      void *r = k->p + k->used;
      k->used += bytes;
      return r;
    }
    largest = k->cap > largest ? k->cap : largest;
  }
  return NULL;
}

void junction_arena_reset(sfhet_junction_ws *ws) {
  for (size_t b = 0; b < JUNCTION_BLOCKS; b++) ws->blk[b].used = 0;
}

const junction_work *junction_ws_work(const sfhet_junction_ws *ws) { return &ws->work; }

void junction_work_reset(sfhet_junction_ws *ws) { memset(&ws->work, 0, sizeof ws->work); }

junction_cache *junction_cache_slot(sfhet_junction_ws *ws, junction_cache *set, const double *key, size_t nk,
                                    int *hit) {
  junction_cache *lru = &set[0];
  ws->clock++;
  for (size_t i = 0; i < JUNCTION_CACHES; i++) {
    junction_cache *c = &set[i];
    if (c->data && memcmp(c->key, key, nk * sizeof *key) == 0) {
      c->used = ws->clock;
      *hit = 1;
      return c;
    }
    if (!c->data || c->used < lru->used) lru = c;
  }
  free(lru->data);
  memset(lru, 0, sizeof *lru);
  memcpy(lru->key, key, nk * sizeof *key);
  lru->used = ws->clock;
  *hit = 0;
  return lru;
}
