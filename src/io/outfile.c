/* Output files. A regular file (or a new one) is written to path.tmpXXXXXX beside it and renamed into
 * place on commit, so a failure never leaves a partial file. A symbolic link is followed: the file it
 * points to is replaced, the link stays. Other existing targets (character devices such as /dev/null,
 * FIFOs, sockets) cannot be replaced atomically and must not be replaced at all: they are written
 * directly, and write errors (ENOSPC on /dev/full) are reported on commit. Temporary files are known to
 * sfhet_outfile_remove_temps (signals); inside an output set (outset.c) commit defers the rename. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_int.h"
#include "io/outset_int.h"
#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/par.h"

/* The path to write: path itself, or what a symbolic link points to (dangling links are refused). */
static int resolve_target(const char *path, char **target, struct stat *st, int *exists) {
  struct stat ls;
  *exists = 0;
  if (lstat(path, &ls) != 0) {
    *target = strdup(path);
    return *target ? SFHET_OK : SFHET_ENOMEM;
  }
  if (S_ISLNK(ls.st_mode)) {
    *target = realpath(path, NULL);
    if (!*target)
      SFHET_ERROR(SFHET_EIO, "%s: is a symbolic link to a missing file (%s); remove it or give the "
                  "target's path", path, strerror(errno));
    if (stat(*target, st) != 0) {
      *exists = 0;
      return SFHET_OK;
    }
  } else {
    *st = ls;
    *target = strdup(path);
    if (!*target) return SFHET_ENOMEM;
  }
  *exists = 1;
  return SFHET_OK;
}

/* Writes straight into an existing non-regular file (device, FIFO, socket). */
static int open_direct(sfhet_outfile *o, const char *path) {
  o->fp = fopen(o->path, "w");
  if (!o->fp) {
    int e = errno;
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot open for writing: %s", path, strerror(e));
  }
  return SFHET_OK;
}

/* Opens a temporary file beside the target; mode: the existing file's, else what fopen would give. */
static int open_temp(sfhet_outfile *o, const char *path, const struct stat *st, int exists) {
  size_t n = strlen(o->path);
  o->tmp_path = malloc(n + 16);
  if (!o->tmp_path) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  snprintf(o->tmp_path, n + 16, "%s.tmpXXXXXX", o->path);
  sigset_t old;
  io_signals_block(&old); /* no signal between creating the file and registering it */
  int fd = mkstemp(o->tmp_path);
  int e = errno;
  if (fd >= 0) io_temp_add(o->tmp_path);
  io_signals_restore(&old);
  if (fd < 0) {
    free(o->tmp_path);
    o->tmp_path = NULL;
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot create output file: %s", path, strerror(e));
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, exists ? (st->st_mode & 07777) : (0666 & ~mask));
  o->fp = fdopen(fd, "w");
  if (!o->fp) {
    close(fd);
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot open output file", path);
  }
  return SFHET_OK;
}

static int open_file(sfhet_outfile *o, const char *path) {
  struct stat st;
  int exists;
  SFHET_TRY(resolve_target(path, &o->path, &st, &exists));
  if (!o->path) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  if (exists && S_ISDIR(st.st_mode)) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: is a directory", path);
  }
  if (exists && !S_ISREG(st.st_mode)) {
    o->direct = 1;
    return open_direct(o, path);
  }
  int rc = outset_check(o, path); /* a second output to the same file: before anything is created */
  if (rc) {
    sfhet_outfile_abort(o);
    return rc;
  }
  return open_temp(o, path, &st, exists);
}

/* Standard output is collected in memory and written on commit: a failed command prints nothing. */
static int open_stdout(sfhet_outfile *o) {
  o->fp = open_memstream(&o->buf, &o->buflen);
  if (!o->fp) SFHET_ERROR(SFHET_ENOMEM, "standard output: out of memory");
  return SFHET_OK;
}

int sfhet_outfile_open(sfhet_outfile *o, const char *path) {
  memset(o, 0, sizeof *o);
  if (!sfhet_par_is_root()) path = "/dev/null"; /* under MPI only rank 0 writes (sfhet/par.h) */
  if (!path || strcmp(path, "-") == 0) SFHET_TRY(open_stdout(o));
  else SFHET_TRY(open_file(o, path));
  io_clear_bad(o->fp);
  return outset_join(o);
}

int sfhet_outfile_fd(const sfhet_outfile *o) { return o->fp ? fileno(o->fp) : -1; }

/* A stream marked unusable (a JSON document with a non-finite number): its error, after aborting. */
static int refuse_bad(sfhet_outfile *o) {
  char msg[256];
  int st = io_take_bad(o->fp, msg, sizeof msg);
  if (!st) return SFHET_OK;
  sfhet_outfile_abort(o);
  SFHET_ERROR(st, "%s", msg);
}

int io_write_stdout(const char *buf, size_t len) {
  errno = 0;
  if ((len && fwrite(buf, 1, len, stdout) != len) || fflush(stdout) != 0 || ferror(stdout))
    SFHET_ERROR(SFHET_EIO, "standard output: write error: %s", strerror(errno ? errno : EIO));
  return SFHET_OK;
}

static int commit_stdout(sfhet_outfile *o) {
  SFHET_TRY(refuse_bad(o));
  int bad = fclose(o->fp) != 0;
  o->fp = NULL;
  if (bad) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_ENOMEM, "standard output: out of memory");
  }
  if (o->set) return outset_finish(o); /* written with the rest of the set */
  int st = io_write_stdout(o->buf, o->buflen);
  free(o->buf);
  o->buf = NULL;
  return st;
}

int sfhet_outfile_commit(sfhet_outfile *o) {
  if (!o->fp) return SFHET_OK;
  if (!o->path) return commit_stdout(o);
  SFHET_TRY(refuse_bad(o));
  errno = 0;
  int bad = fflush(o->fp) != 0 || ferror(o->fp) != 0;
  int e = errno;
  bad |= fclose(o->fp) != 0;
  if (!e) e = errno;
  o->fp = NULL;
  char p[PATH_MAX + 64];
  snprintf(p, sizeof p, "%s", o->path);
  if (bad) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: write error: %s%s", p, e ? strerror(e) : "I/O error",
                o->direct ? "" : " (nothing written)");
  }
  if (!o->direct && o->set) return outset_finish(o); /* renamed with the rest of the set */
  if (!o->direct && rename(o->tmp_path, o->path) != 0) {
    e = errno;
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot rename output into place: %s", p, strerror(e));
  }
  if (o->tmp_path) io_temp_forget(o->tmp_path);
  outset_done(o);
  free(o->tmp_path);
  free(o->path);
  o->tmp_path = o->path = NULL;
  return SFHET_OK;
}

void sfhet_outfile_abort(sfhet_outfile *o) {
  if (o->fp) {
    io_clear_bad(o->fp);
    fclose(o->fp);
  }
  o->fp = NULL;
  if (o->tmp_path) {
    unlink(o->tmp_path);
    io_temp_forget(o->tmp_path);
  }
  outset_done(o);
  free(o->tmp_path);
  free(o->path);
  free(o->buf);
  o->tmp_path = o->path = o->buf = NULL;
}
