/* Temporary output files known to signal handlers, and streams marked unusable. The registry is a fixed
 * table (no allocation) whose slots are claimed under a lock and published with an atomic flag, so a
 * handler can walk it at any moment and only ever calls unlink. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "io/io_int.h"
#include "sfhet/output.h"

#define TEMP_SLOTS 32

static char temp_path[TEMP_SLOTS][PATH_MAX + 16];
static atomic_int temp_used[TEMP_SLOTS];
static pthread_mutex_t temp_lock = PTHREAD_MUTEX_INITIALIZER;

int io_temp_add(const char *path) {
  if (strlen(path) >= sizeof temp_path[0]) return -1;
  int slot = -1;
  pthread_mutex_lock(&temp_lock);
  for (int i = 0; i < TEMP_SLOTS && slot < 0; i++)
    if (!atomic_load(&temp_used[i])) {
      memcpy(temp_path[i], path, strlen(path) + 1);
      atomic_store(&temp_used[i], 1); /* published after the path is complete */
      slot = i;
    }
  pthread_mutex_unlock(&temp_lock);
  return slot < 0 ? -1 : 0;
}

void io_temp_forget(const char *path) {
  pthread_mutex_lock(&temp_lock);
  for (int i = 0; i < TEMP_SLOTS; i++)
    if (atomic_load(&temp_used[i]) && strcmp(temp_path[i], path) == 0) {
      atomic_store(&temp_used[i], 0);
      break;
    }
  pthread_mutex_unlock(&temp_lock);
}

void sfhet_outfile_remove_temps(void) {
  for (int i = 0; i < TEMP_SLOTS; i++)
    if (atomic_load(&temp_used[i])) unlink(temp_path[i]);
}

void io_signals_block(sigset_t *old) {
  static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ};
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&set, sigs[i]);
  pthread_sigmask(SIG_BLOCK, &set, old);
}

void io_signals_restore(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

typedef struct {
  FILE *fp;
  int status;
  char msg[256];
} bad_mark;

static _Thread_local bad_mark marks[4];

void io_mark_bad(FILE *fp, int status, const char *msg) {
  bad_mark *m = &marks[0];
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (marks[i].fp == fp || !marks[i].fp) {
      m = &marks[i];
      break;
    }
  if (m->fp == fp && m->status) return; /* the first problem is the one reported */
  m->fp = fp;
  m->status = status;
  snprintf(m->msg, sizeof m->msg, "%s", msg);
}

void io_clear_bad(FILE *fp) {
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (marks[i].fp == fp) marks[i].fp = NULL, marks[i].status = 0;
}

int io_take_bad(FILE *fp, char *msg, size_t size) {
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (marks[i].fp == fp && marks[i].status) {
      int st = marks[i].status;
      snprintf(msg, size, "%s", marks[i].msg);
      marks[i].fp = NULL, marks[i].status = 0;
      return st;
    }
  return 0;
}
