/* A sweep across MPI ranks with dynamic load balancing. Rank 0 owns the queue of point indices: its
 * OpenMP threads take one point at a time, and a dispatcher thread hands blocks of points to the other
 * ranks as they ask (guided: large blocks first, at least one point per worker thread at the end).
 * Workers send back, per block, every point's status and its bytes of the result arrays; rank 0 puts
 * them in place and finally broadcasts the complete arrays, so every rank returns what a single process
 * would have computed. Waiting ranks sleep in short naps instead of spinning (oversubscribed cores). */
#include <mpi.h>
#include <omp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "par/par_int.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

enum { TAG_RESULT = 7101, TAG_WORK = 7102, MSG_LEN = 512 };

typedef struct {
  size_t n;
  sfhet_sweep_fn *fn;
  void *ctx;
  int nthreads, nranks;
  const sfhet_progress *progress;
  int *status;
  const sfhet_sweep_out *outs;
  size_t nouts;
  pthread_mutex_t lock; /* guards everything below */
  size_t next, done, first_bad;
  int first_status;
  char first_msg[MSG_LEN];
} dist;

/* Header of a worker's message: its block [a, b), its thread count, its lowest failing point. */
typedef struct {
  uint64_t a, b, want, bad;
  char msg[MSG_LEN];
} block_head;

static size_t out_at(const sfhet_sweep_out *o, size_t n, size_t i) {
  if (o->offset) return o->offset[i];
  size_t total = o->size ? o->size : n * o->stride, at = i * o->stride;
  return at < total ? at : total;
}

static size_t block_bytes(const dist *d, size_t a, size_t b) {
  size_t s = (b - a) * sizeof(int32_t);
  for (size_t k = 0; k < d->nouts; k++) s += out_at(&d->outs[k], d->n, b) - out_at(&d->outs[k], d->n, a);
  return s;
}

/* Copies the result bytes of points [a, b) between the arrays and a message (to_msg: out of the arrays). */
static void move_block(const dist *d, size_t a, size_t b, unsigned char *msg, int to_msg) {
  for (size_t k = 0; k < d->nouts; k++) {
    const sfhet_sweep_out *o = &d->outs[k];
    size_t p = out_at(o, d->n, a), len = out_at(o, d->n, b) - p;
    if (len == 0) continue;
    unsigned char *arr = (unsigned char *)o->base + p;
    if (to_msg) memcpy(msg, arr, len);
    else memcpy(arr, msg, len);
    msg += len;
  }
}

static void nap(long ns) {
  struct timespec t = {0, ns};
  nanosleep(&t, NULL);
}

/* Waits for a request without spinning on the core. */
static void wait_gently(MPI_Request *rq) {
  int flag = 0;
  long ns = 20000;
  for (;;) {
    MPI_Test(rq, &flag, MPI_STATUS_IGNORE);
    if (flag) return;
    nap(ns);
    if (ns < 1000000) ns *= 2;
  }
}

/* Under the lock: point i finished with status st (message msg). */
static void record(dist *d, size_t i, int st, const char *msg) {
  if (d->status) d->status[i] = st;
  if (st != SFHET_OK && i < d->first_bad) {
    d->first_bad = i;
    d->first_status = st;
    snprintf(d->first_msg, MSG_LEN, "%s", msg);
  }
  d->done++;
  if (d->progress && d->progress->fn) d->progress->fn(d->done, d->n, d->progress->ctx);
}

/* Takes the next block of the queue for a rank with want threads (want 0: one point for rank 0). */
static void claim(dist *d, size_t want, size_t *a, size_t *b) {
  pthread_mutex_lock(&d->lock);
  size_t left = d->n - d->next, k = want ? left / (4 * (size_t)d->nranks) : 1;
  if (k < want) k = want;
  if (k > left) k = left;
  *a = d->next;
  *b = d->next += k;
  pthread_mutex_unlock(&d->lock);
}

/* Rank 0: a worker's finished block into place; returns the thread count it asks work for. */
static size_t take_block(dist *d, const unsigned char *msg) {
  block_head h;
  memcpy(&h, msg, sizeof h);
  const unsigned char *p = msg + sizeof h;
  pthread_mutex_lock(&d->lock);
  move_block(d, (size_t)h.a, (size_t)h.b, (unsigned char *)p + (h.b - h.a) * sizeof(int32_t), 0);
  for (size_t i = (size_t)h.a; i < (size_t)h.b; i++) {
    int32_t st;
    memcpy(&st, p + (i - h.a) * sizeof st, sizeof st);
    record(d, i, st, i == h.bad ? h.msg : "");
  }
  pthread_mutex_unlock(&d->lock);
  return (size_t)h.want;
}

/* Rank 0's dispatcher: answers every worker's request with a block until the queue is empty. */
static void *serve(void *v) {
  dist *d = v;
  int active = d->nranks - 1;
  unsigned char *buf = NULL;
  size_t cap = 0;
  long ns = 20000;
  while (active > 0) {
    int flag = 0, count = 0;
    MPI_Status ms;
    MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &flag, &ms);
    if (!flag) {
      nap(ns);
      if (ns < 1000000) ns *= 2;
      continue;
    }
    ns = 20000;
    MPI_Get_count(&ms, MPI_BYTE, &count);
    if ((size_t)count > cap) {
      free(buf);
      buf = malloc(cap = (size_t)count);
      if (!buf) MPI_Abort(MPI_COMM_WORLD, 1); /* out of memory in the middle of a collective */
    }
    MPI_Recv(buf, count, MPI_BYTE, ms.MPI_SOURCE, TAG_RESULT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    size_t want = take_block(d, buf), ab[2];
    claim(d, want, &ab[0], &ab[1]);
    uint64_t w[2] = {ab[0], ab[1]};
    MPI_Send(w, 2, MPI_UINT64_T, ms.MPI_SOURCE, TAG_WORK, MPI_COMM_WORLD);
    if (ab[0] == ab[1]) active--;
  }
  free(buf);
  return NULL;
}

/* Rank 0's own threads: one point at a time from the queue. */
static void compute_local(dist *d) {
#pragma omp parallel num_threads(d->nthreads)
  for (;;) {
    size_t a, b;
    claim(d, 0, &a, &b);
    if (a == b) break;
    int st = d->fn(a, d->ctx);
    pthread_mutex_lock(&d->lock);
    record(d, a, st, st ? sfhet_last_error() : "");
    pthread_mutex_unlock(&d->lock);
  }
}

/* A worker's block [a, b) computed on its threads into msg (header, statuses, result bytes). */
static void compute_block(dist *d, size_t a, size_t b, unsigned char *msg) {
  block_head h = {a, b, (uint64_t)d->nthreads, UINT64_MAX, ""};
  unsigned char *stp = msg + sizeof h;
#pragma omp parallel for schedule(dynamic, 1) num_threads(d->nthreads)
  for (size_t i = a; i < b; i++) {
    int32_t st = d->fn(i, d->ctx);
    memcpy(stp + (i - a) * sizeof st, &st, sizeof st);
    if (st) {
      pthread_mutex_lock(&d->lock);
      if (i < h.bad) h.bad = i, snprintf(h.msg, MSG_LEN, "%s", sfhet_last_error());
      pthread_mutex_unlock(&d->lock);
    }
  }
  memcpy(msg, &h, sizeof h);
  move_block(d, a, b, stp + (b - a) * sizeof(int32_t), 1);
}

/* A worker: asks for blocks, computes them, sends them back, until it is told to stop. */
static int work(dist *d) {
  size_t cap = sizeof(block_head), len = cap;
  unsigned char *msg = calloc(1, cap);
  block_head h = {0, 0, (uint64_t)d->nthreads, UINT64_MAX, ""};
  if (!msg) MPI_Abort(MPI_COMM_WORLD, 1);
  memcpy(msg, &h, sizeof h);
  for (;;) {
    uint64_t ab[2];
    MPI_Request rq;
    MPI_Send(msg, (int)len, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD);
    MPI_Irecv(ab, 2, MPI_UINT64_T, 0, TAG_WORK, MPI_COMM_WORLD, &rq);
    wait_gently(&rq);
    if (ab[0] >= ab[1]) break;
    len = sizeof h + block_bytes(d, (size_t)ab[0], (size_t)ab[1]);
    if (len > cap) {
      free(msg);
      if (!(msg = malloc(cap = len))) MPI_Abort(MPI_COMM_WORLD, 1);
    }
    compute_block(d, (size_t)ab[0], (size_t)ab[1], msg);
  }
  free(msg);
  return SFHET_OK;
}

/* Rank 0's results to every rank: the first failure, the statuses, the arrays. */
static int share(dist *d) {
  struct {
    uint64_t bad;
    int32_t st;
    char msg[MSG_LEN];
  } s = {d->first_bad, d->first_status, ""};
  memcpy(s.msg, d->first_msg, MSG_LEN);
  MPI_Request rq;
  MPI_Ibarrier(MPI_COMM_WORLD, &rq); /* the last points may take long: wait without spinning */
  wait_gently(&rq);
  SFHET_TRY(sfhet_par_bcast(&s, sizeof s));
  if (d->status) SFHET_TRY(sfhet_par_bcast(d->status, d->n * sizeof *d->status));
  for (size_t k = 0; k < d->nouts; k++)
    SFHET_TRY(sfhet_par_bcast(d->outs[k].base, out_at(&d->outs[k], d->n, d->n)));
  d->first_bad = (size_t)s.bad, d->first_status = s.st;
  memcpy(d->first_msg, s.msg, MSG_LEN);
  return SFHET_OK;
}

int par_sweep_map(size_t n, sfhet_sweep_fn *fn, void *ctx, int nthreads, const sfhet_progress *progress,
                  int *status, const sfhet_sweep_out *outs, size_t nouts) {
  if (n == 0) return SFHET_OK;
  dist d = {.n = n, .fn = fn, .ctx = ctx, .nthreads = nthreads > 0 ? nthreads : omp_get_max_threads(),
            .nranks = sfhet_par_size(), .progress = progress, .status = status, .outs = outs,
            .nouts = nouts, .first_bad = n};
  pthread_mutex_init(&d.lock, NULL);
  if (sfhet_par_rank() != 0) {
    d.progress = NULL;
    work(&d);
  } else if (par_threaded()) {
    pthread_t th;
    int bad = pthread_create(&th, NULL, serve, &d);
    compute_local(&d);
    if (bad) serve(&d); /* no thread: serve the workers after the own points */
    else pthread_join(th, NULL);
  } else {
    serve(&d); /* MPI without thread support: rank 0 only hands out points */
  }
  int st = share(&d);
  pthread_mutex_destroy(&d.lock);
  if (st) return st;
  if (d.first_status == SFHET_OK) return SFHET_OK;
  SFHET_ERROR(d.first_status, "point %zu of %zu: %s", d.first_bad + 1, n, d.first_msg);
}
