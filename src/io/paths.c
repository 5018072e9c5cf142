/* --data values: one file, or a comma list of files and glob patterns (series of files). */
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sfhet/error.h"
#include "sfhet/table.h"

typedef struct {
  char **p;
  size_t n, cap;
} list;

static int push(list *l, const char *s) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    char **q = realloc(l->p, cap * sizeof *q);
    if (!q) return SFHET_ENOMEM;
    l->p = q, l->cap = cap;
  }
  if (!(l->p[l->n] = strdup(s))) return SFHET_ENOMEM;
  l->n++;
  return SFHET_OK;
}

void sfhet_data_paths_free(char **paths, size_t n) {
  for (size_t i = 0; paths && i < n; i++) free(paths[i]);
  free(paths);
}

/* A file, or a FILE:suffix whose FILE exists. */
static int names_file(const char *s) {
  struct stat sb;
  if (strcmp(s, "-") == 0 || stat(s, &sb) == 0) return 1;
  const char *c = strrchr(s, ':');
  if (!c) return 0;
  char *pre = strndup(s, (size_t)(c - s));
  int ok = pre && stat(pre, &sb) == 0 && S_ISREG(sb.st_mode);
  free(pre);
  return ok;
}

static int expand_one(list *l, const char *item, const char *what) {
  if (!strpbrk(item, "*?[") || names_file(item)) return push(l, item) ? SFHET_ENOMEM : SFHET_OK;
  glob_t g;
  int rc = glob(item, 0, NULL, &g);
  if (rc == GLOB_NOMATCH) SFHET_ERROR(SFHET_EIO, "%s: no file matches '%s'", what, item);
  if (rc != 0) SFHET_ERROR(SFHET_EIO, "%s: cannot expand '%s'", what, item);
  int st = SFHET_OK;
  for (size_t i = 0; i < g.gl_pathc && !st; i++) st = push(l, g.gl_pathv[i]);
  globfree(&g);
  if (st) SFHET_ERROR(st, "out of memory");
  return SFHET_OK;
}

int sfhet_data_paths(const char *arg, const char *what, char ***paths, size_t *n) {
  *paths = NULL, *n = 0;
  if (!arg || !*arg) SFHET_ERROR(SFHET_EUSAGE, "%s: empty file name", what);
  list l = {0};
  int st = SFHET_OK;
  if (names_file(arg)) {
    st = push(&l, arg);
  } else {
    char *copy = strdup(arg);
    if (!copy) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    for (char *tok = copy, *comma; tok && !st; tok = comma ? comma + 1 : NULL) {
      comma = strchr(tok, ',');
      if (comma) *comma = '\0';
      if (*tok) st = expand_one(&l, tok, what);
    }
    free(copy);
  }
  if (st) {
    sfhet_data_paths_free(l.p, l.n);
    return st;
  }
  *paths = l.p, *n = l.n;
  return SFHET_OK;
}
