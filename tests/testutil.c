/* Test helpers: tolerant comparisons, running the CLI, temporary files. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void assert_close_msg(double a, double b, double rtol, double atol, const char *what, const char *file,
                      int line) {
  if (fabs(a - b) <= atol + rtol * fabs(b)) return;
  print_error("%s:%d: %s = %.15g, expected %.15g (rtol %g, atol %g, diff %.3g)\n", file, line, what, a,
              b, rtol, atol, a - b);
  _fail(file, line);
}

static char *slurp_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return strdup("");
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  size_t got = fread(b, 1, (size_t)n, f);
  b[got] = '\0';
  fclose(f);
  return b;
}

int run_sfhet(const char *args, char **out, char **err) {
  char o[] = "/tmp/sfhet_test_outXXXXXX", e[] = "/tmp/sfhet_test_errXXXXXX";
  int fo = mkstemp(o), fe = mkstemp(e);
  close(fo);
  close(fe);
  size_t len = strlen(args) + strlen(SFHET_EXE) + 128;
  char *cmd = malloc(len);
  snprintf(cmd, len, "%s %s >%s 2>%s", SFHET_EXE, args, o, e);
  int st = system(cmd);
  free(cmd);
  char *so = slurp_file(o), *se = slurp_file(e);
  unlink(o);
  unlink(e);
  if (out) *out = so; else free(so);
  if (err) *err = se; else free(se);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

const char *write_temp(const char *text) {
  static char paths[64][64];
  static int next;
  char *p = paths[next++ % 64];
  snprintf(p, 64, "/tmp/sfhet_test_XXXXXX");
  int fd = mkstemp(p);
  size_t n = strlen(text);
  if (write(fd, text, n) != (ssize_t)n) abort();
  close(fd);
  return p;
}
