/* Table reading: 10^6 rows x 3 columns through sfhet_table_read (+ numeric conversion of every
 * column), against the straightforward fgets/strtok/strtod loop a user would write, in the same run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sfhet/table.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void write_file(const char *path, size_t n) {
  FILE *f = fopen(path, "w");
  fprintf(f, "# synthetic sweep\nB_T,V_mV,G\n");
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%.6f,%.9g,%.12g\n", 0.001 * (double)(i / 1000), -5 + 0.01 * (double)(i % 1000),
            1.0 + 1e-3 * (double)(i % 977) / 977.0);
  fclose(f);
}

static double naive_read(const char *path, size_t *rows) {
  FILE *f = fopen(path, "r");
  char line[256];
  size_t cap = 1024, n = 0;
  double *v = malloc(3 * cap * sizeof *v), sum = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == 'B') continue;
    if (n == cap) v = realloc(v, 3 * (cap *= 2) * sizeof *v);
    char *tok = strtok(line, ",");
    for (int j = 0; j < 3 && tok; j++, tok = strtok(NULL, ",\n")) v[3 * n + (size_t)j] = strtod(tok, NULL);
    n++;
  }
  fclose(f);
  for (size_t i = 0; i < n; i++) sum += v[3 * i + 2];
  free(v);
  *rows = n;
  return sum;
}

static double sfhet_read(const char *path, size_t *rows) {
  sfhet_table *t;
  if (sfhet_table_read(path, &t)) return -1;
  double sum = 0;
  for (size_t c = 0; c < 3; c++) {
    const double *v;
    sfhet_table_column(t, c, SFHET_MISSING_ERROR, &v, NULL);
    if (c == 2)
      for (size_t i = 0; i < sfhet_table_nrows(t); i++) sum += v[i];
  }
  *rows = sfhet_table_nrows(t);
  sfhet_table_free(t);
  return sum;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
  char path[] = "/tmp/sfhet_bench_table_XXXXXX";
  int fd = mkstemp(path);
  fclose(fdopen(fd, "w"));
  write_file(path, n);
  size_t r1 = 0, r2 = 0;
  double best_s = 1e30, best_n = 1e30, s1 = 0, s2 = 0;
  for (int rep = 0; rep < 3; rep++) {
    double t0 = now();
    s1 = sfhet_read(path, &r1);
    double t1 = now();
    s2 = naive_read(path, &r2);
    double t2 = now();
    if (t1 - t0 < best_s) best_s = t1 - t0;
    if (t2 - t1 < best_n) best_n = t2 - t1;
  }
  remove(path);
  printf("table read: %zu rows x 3 columns\n", r1);
  printf("  sfhet_table_read + 3 numeric columns: %.3f s\n", best_s);
  printf("  baseline fgets/strtok/strtod loop:     %.3f s\n", best_n);
  printf("  ratio baseline/sfhet: %.2f  (checksums %s)\n", best_n / best_s,
         (r1 == r2 && s1 == s2) ? "agree" : "DIFFER");
  return (r1 == r2 && s1 == s2) ? 0 : 1;
}
