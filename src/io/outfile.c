/* Atomic output files: write to path.tmpXXXXXX beside the target, rename on commit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sfhet/error.h"
#include "sfhet/output.h"

int sfhet_outfile_open(sfhet_outfile *o, const char *path) {
  memset(o, 0, sizeof *o);
  if (!path || strcmp(path, "-") == 0) {
    o->fp = stdout;
    return SFHET_OK;
  }
  size_t n = strlen(path);
  o->path = strdup(path);
  o->tmp_path = malloc(n + 16);
  if (!o->path || !o->tmp_path) {
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  snprintf(o->tmp_path, n + 16, "%s.tmpXXXXXX", path);
  int fd = mkstemp(o->tmp_path);
  if (fd < 0) {
    int e = errno;
    free(o->tmp_path);
    o->tmp_path = NULL;
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot create output file: %s", path, strerror(e));
  }
  mode_t mask = umask(0); /* mkstemp makes 0600; give the file the mode a plain fopen would */
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  o->fp = fdopen(fd, "w");
  if (!o->fp) {
    close(fd);
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot open output file", path);
  }
  return SFHET_OK;
}

int sfhet_outfile_commit(sfhet_outfile *o) {
  if (!o->fp) return SFHET_OK;
  if (!o->path) {
    o->fp = NULL;
    if (fflush(stdout) != 0) SFHET_ERROR(SFHET_EIO, "standard output: write error");
    return SFHET_OK;
  }
  int bad = ferror(o->fp) != 0;
  bad |= fclose(o->fp) != 0;
  o->fp = NULL;
  if (bad) {
    char p[512];
    snprintf(p, sizeof p, "%s", o->path);
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: write error (nothing written)", p);
  }
  if (rename(o->tmp_path, o->path) != 0) {
    int e = errno;
    char p[512];
    snprintf(p, sizeof p, "%s", o->path);
    sfhet_outfile_abort(o);
    SFHET_ERROR(SFHET_EIO, "%s: cannot rename output into place: %s", p, strerror(e));
  }
  free(o->tmp_path);
  free(o->path);
  o->tmp_path = o->path = NULL;
  return SFHET_OK;
}

void sfhet_outfile_abort(sfhet_outfile *o) {
  if (o->fp && o->path) fclose(o->fp);
  o->fp = NULL;
  if (o->tmp_path) unlink(o->tmp_path);
  free(o->tmp_path);
  free(o->path);
  o->tmp_path = o->path = NULL;
}
