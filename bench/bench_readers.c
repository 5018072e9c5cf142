/* Reading a Nanonis grid (.3ds, 256 x 256 pixels, 201 points, 2 channels: 108 MB of big-endian
 * float32) into the long-format columns x, y, bias and both channels (13.2 M rows of float64), against
 * (a) numpy: fromfile of the same file, reshape, astype(float64), repeat/broadcast for x, y and bias,
 * run by /usr/bin/python3 in this run and timed inside Python (no interpreter start-up), and
 * (b) a minimal C floor: one fread and a byte-swapping copy loop per column. Same file, same values
 * (checksums compared). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sfhet/table.h"

enum { NX = 256, NY = 256, PTS = 201, NP = 5, NCH = 2, STRIDE = NP + NCH * PTS };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void put_be(unsigned char *p, float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  p[0] = (unsigned char)(u >> 24), p[1] = (unsigned char)(u >> 16), p[2] = (unsigned char)(u >> 8), p[3] = (unsigned char)u;
}

static size_t write_grid(const char *path) {
  FILE *f = fopen(path, "wb");
  fprintf(f, "Grid dim=\"%d x %d\"\r\nSweep Signal=\"Bias (V)\"\r\nFixed parameters=\"Sweep Start;Sweep End\"\r\n"
             "Experiment parameters=\"X (m);Y (m);Z (m)\"\r\n# Parameters (4 byte)=%d\r\nExperiment size (bytes)=%d\r\n"
             "Points=%d\r\nChannels=\"Current (A);LI Demod 1 X (A)\"\r\n:HEADER_END:\r\n",
          NX, NY, NP, 4 * NCH * PTS, PTS);
  size_t header = (size_t)ftell(f);
  unsigned char *px = malloc(4 * STRIDE);
  for (size_t p = 0; p < NX * NY; p++) {
    float par[NP] = {-5e-3f, 5e-3f, 1e-9f * (float)(p % NX), 1e-9f * (float)(p / NX), -8e-9f};
    for (int k = 0; k < NP; k++) put_be(px + 4 * k, par[k]);
    for (int j = 0; j < PTS; j++) {
      float v = -5e-3f + 1e-2f * (float)j / (PTS - 1);
      put_be(px + 4 * (NP + j), 1e-9f * v / (1e-3f + (v < 0 ? -v : v)));
      put_be(px + 4 * (NP + PTS + j), 5e-11f * (1.0f + 1e-6f * (float)p) + 1e-12f * (float)j);
    }
    fwrite(px, 4, STRIDE, f);
  }
  free(px);
  fclose(f);
  return header;
}

/* Checksum of the bias and second-channel columns. */
static double checksum(const double *bias, const double *ch2, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i += 997) s += bias[i] * 1e3 + ch2[i] * 1e11;
  return s;
}

static double sfhet_read(const char *path, double *sum) {
  static const char *cols[] = {"x_m", "y_m", "Bias (V)", "Current (A)", "LI Demod 1 X (A)"};
  const double *v[5];
  double t0 = now();
  sfhet_table *t;
  if (sfhet_table_read(path, &t)) return -1;
  for (int k = 0; k < 5; k++) {
    size_t c;
    if (sfhet_table_find(t, cols[k], "bench", &c) || sfhet_table_column(t, c, SFHET_MISSING_NAN, &v[k], NULL)) return -1;
  }
  double t1 = now();
  *sum = checksum(v[2], v[4], sfhet_table_nrows(t));
  sfhet_table_free(t);
  return t1 - t0;
}

static double be(const unsigned char *b) {
  uint32_t u = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
  float f;
  memcpy(&f, &u, 4);
  return (double)f;
}

/* The C floor: the file in one read, each long-format column filled by one loop. */
static double floor_read(const char *path, size_t header, double *sum) {
  size_t n = (size_t)NX * NY * PTS, bytes = (size_t)NX * NY * STRIDE * 4;
  double t0 = now();
  FILE *f = fopen(path, "rb");
  unsigned char *buf = malloc(header + bytes);
  if (fread(buf, 1, header + bytes, f) != header + bytes) return -1;
  fclose(f);
  const unsigned char *d = buf + header;
  double *col[5];
  for (int k = 0; k < 5; k++) col[k] = malloc(n * sizeof(double));
  for (size_t p = 0; p < (size_t)NX * NY; p++) {
    const unsigned char *q = d + 4 * STRIDE * p;
    double a = be(q), b = be(q + 4), x = be(q + 8), y = be(q + 12);
    for (size_t j = 0; j < PTS; j++) {
      size_t r = p * PTS + j;
      col[0][r] = x, col[1][r] = y, col[2][r] = a + (b - a) * (double)j / (PTS - 1);
      col[3][r] = be(q + 4 * (NP + j)), col[4][r] = be(q + 4 * (NP + PTS + j));
    }
  }
  double t1 = now();
  *sum = checksum(col[2], col[4], n);
  for (int k = 0; k < 5; k++) free(col[k]);
  free(buf);
  return t1 - t0;
}

static const char *py =
    "import numpy as np, sys, time\n"
    "path, off = sys.argv[1], int(sys.argv[2]); nx = ny = 256; pts = 201; npar = 5\n"
    "best = 1e9\n"
    "for rep in range(3):\n"
    "  t0 = time.perf_counter()\n"
    "  a = np.fromfile(path, dtype='>f4', offset=off).reshape(nx * ny, npar + 2 * pts)\n"
    "  x = np.repeat(a[:, 2].astype(np.float64), pts); y = np.repeat(a[:, 3].astype(np.float64), pts)\n"
    "  s, e = a[:, 0].astype(np.float64), a[:, 1].astype(np.float64)\n"
    "  bias = (s[:, None] + (e - s)[:, None] * (np.arange(pts) / (pts - 1))[None, :]).ravel()\n"
    "  c1 = a[:, npar:npar + pts].astype(np.float64).ravel(); c2 = a[:, npar + pts:].astype(np.float64).ravel()\n"
    "  best = min(best, time.perf_counter() - t0)\n"
    "print(best, (bias[::997] * 1e3 + c2[::997] * 1e11).sum())\n";

static double numpy_read(const char *path, size_t header, double *sum) {
  char script[] = "/tmp/sfhet_bench_3ds_XXXXXX.py";
  int fd = mkstemps(script, 3);
  FILE *f = fdopen(fd, "w");
  fputs(py, f);
  fclose(f);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s %zu 2>&1", script, path, header);
  FILE *p = popen(cmd, "r");
  double t = -1;
  if (!p || fscanf(p, "%lf %lf", &t, sum) != 2) t = -1;
  if (p) pclose(p);
  remove(script);
  return t;
}

int main(void) {
  char path[] = "/tmp/sfhet_bench_grid_XXXXXX.3ds";
  fclose(fdopen(mkstemps(path, 4), "w"));
  size_t header = write_grid(path);
  double best_s = 1e30, best_f = 1e30, s1 = 0, s2 = 0, s3 = 0;
  for (int rep = 0; rep < 3; rep++) {
    double ts = sfhet_read(path, &s1), tf = floor_read(path, header, &s2);
    if (ts > 0 && ts < best_s) best_s = ts;
    if (tf > 0 && tf < best_f) best_f = tf;
  }
  double tn = numpy_read(path, header, &s3);
  remove(path);
  int agree = s1 == s2 && (tn < 0 || (s3 - s1) * (s3 - s1) <= 1e-18 * s1 * s1);
  printf("Nanonis .3ds read: %d x %d pixels, %d points, %d channels -> %d rows x 5 float64 columns\n", NX, NY,
         PTS, NCH, NX * NY * PTS);
  printf("  sfhet_table_read + 5 columns:          %.3f s\n", best_s);
  printf("  numpy fromfile/reshape/astype/repeat:  %.3f s%s\n", tn, tn < 0 ? " (python3/numpy not available)" : "");
  printf("  C floor (fread + byte-swap loops):      %.3f s\n", best_f);
  if (tn > 0) printf("  ratio numpy/sfhet: %.2f\n", tn / best_s);
  printf("  ratio C floor/sfhet: %.2f  (checksums %s)\n", best_f / best_s, agree ? "agree" : "DIFFER");
  return agree ? 0 : 1;
}
