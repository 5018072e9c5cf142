/* Output sets: the files of one command appear together or not at all. Members are temporary files
 * beside their targets; the set renames them in one pass with termination signals blocked. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io_int.h"
#include "io/outset_int.h"
#include "sfhet/error.h"

enum { MEMBER_OPEN, MEMBER_FINISHED, MEMBER_GONE };

static _Thread_local sfhet_outset *current;

/* The absolute path a file will have: realpath of an existing file, else of its directory plus its
 * name (malloc'ed; NULL when out of memory). */
static char *canonical(const char *path) {
  char *r = realpath(path, NULL);
  if (r) return r;
  char *d = strdup(path), *b = strdup(path);
  char *dir = d && b ? realpath(dirname(d), NULL) : NULL;
  size_t n = dir ? strlen(dir) + strlen(b) + 2 : 0;
  char *out = dir ? malloc(n) : (d && b ? strdup(path) : NULL);
  if (dir && out) snprintf(out, n, "%s/%s", dir, basename(b));
  free(dir), free(d), free(b);
  return out;
}

int outset_check(const sfhet_outfile *o, const char *what) {
  sfhet_outset *s = current;
  if (!s) return SFHET_OK;
  if (s->n >= SFHET_OUTSET_MAX)
    SFHET_ERROR(SFHET_EINVAL, "%s: more than %d output files", what, SFHET_OUTSET_MAX);
  char *k = canonical(o->path);
  if (!k) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int dup = 0;
  for (size_t i = 0; i < s->n && !dup; i++) dup = s->state[i] != MEMBER_GONE && strcmp(s->key[i], k) == 0;
  free(k);
  if (dup)
    SFHET_ERROR(SFHET_EUSAGE, "%s: the same file as another output of this command; give each output its "
                "own file", what);
  return SFHET_OK;
}

int outset_join(sfhet_outfile *o) {
  sfhet_outset *s = current;
  int out = !o->path; /* standard output */
  if (!s || (!out && !o->tmp_path)) return SFHET_OK; /* devices and FIFOs are written directly */
  if (s->n >= SFHET_OUTSET_MAX) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EINVAL, "more than %d outputs", SFHET_OUTSET_MAX);
  }
  size_t i = s->n++;
  s->key[i] = out ? strdup("-") : canonical(o->path);
  s->path[i] = out ? NULL : strdup(o->path);
  s->tmp[i] = out ? NULL : strdup(o->tmp_path);
  s->state[i] = MEMBER_OPEN;
  o->set = s;
  o->member = (int)i;
  if (!s->key[i] || (!out && (!s->path[i] || !s->tmp[i]))) {
    sfhet_outfile_abort(o); /* marks the member gone */
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  return SFHET_OK;
}

int outset_finish(sfhet_outfile *o) {
  sfhet_outset *s = o->set;
  s->state[o->member] = MEMBER_FINISHED;
  s->out[o->member] = o->buf; /* the set owns collected standard output now */
  s->outlen[o->member] = o->buflen;
  o->set = NULL;
  o->buf = NULL;
  free(o->tmp_path);
  free(o->path);
  o->tmp_path = o->path = NULL;
  return SFHET_OK;
}

void outset_done(sfhet_outfile *o) {
  if (o->set && o->set->state[o->member] == MEMBER_OPEN) o->set->state[o->member] = MEMBER_GONE;
  o->set = NULL;
}

void sfhet_outset_begin(sfhet_outset *set) {
  memset(set, 0, sizeof *set);
  current = set;
}

static void end_set(sfhet_outset *s) {
  for (size_t i = 0; i < s->n; i++) {
    if (s->tmp[i]) io_temp_forget(s->tmp[i]);
    free(s->key[i]), free(s->path[i]), free(s->tmp[i]), free(s->out[i]);
  }
  s->n = 0;
  if (current == s) current = NULL;
}

int sfhet_outset_commit(sfhet_outset *s) {
  sigset_t old;
  int st = SFHET_OK;
  for (size_t i = 0; i < s->n && !st; i++) /* before the renames: a closed pipe leaves no file */
    if (s->state[i] == MEMBER_FINISHED && !s->tmp[i]) st = io_write_stdout(s->out[i], s->outlen[i]);
  io_signals_block(&old); /* all renamed, or (after a signal) none: the signal waits for the end */
  for (size_t i = 0; i < s->n; i++) {
    if (s->state[i] == MEMBER_GONE || !s->tmp[i]) continue;
    if (s->state[i] == MEMBER_FINISHED && !st && rename(s->tmp[i], s->path[i]) == 0) continue;
    int e = errno;
    unlink(s->tmp[i]); /* never finished, or after a failed rename */
    if (s->state[i] == MEMBER_FINISHED && !st) {
      char p[PATH_MAX + 64];
      snprintf(p, sizeof p, "%s", s->path[i]);
      SFHET_REPORT(st = SFHET_EIO, "%s: cannot rename output into place: %s", p, strerror(e));
    }
  }
  end_set(s);
  io_signals_restore(&old);
  return st;
}

void sfhet_outset_abort(sfhet_outset *s) {
  for (size_t i = 0; i < s->n; i++)
    if (s->state[i] != MEMBER_GONE && s->tmp[i]) unlink(s->tmp[i]);
  end_set(s);
}
