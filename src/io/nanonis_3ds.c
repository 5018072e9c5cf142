/* Nanonis grid spectroscopy .3ds: an ASCII header of key=value lines (values often quoted, lists
 * separated by ';') ending with ":HEADER_END:", then per pixel (row-major, NX x NY) the parameters
 * (fixed ones such as Sweep Start/End, then experiment ones such as X (m), Y (m), Z (m)) and each
 * channel's Points values, all big-endian float32. Read as a long-format table, one row per (pixel,
 * point): ix, iy, x_m, y_m, the sweep signal (linear from Sweep Start to Sweep End), the channels and
 * the other parameters. Columns are decoded from the file buffer on first use. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_int.h"
#include "sfhet/error.h"

enum { K_IX, K_IY, K_PARAM, K_SWEEP, K_CHANNEL };

typedef struct {
  const unsigned char *data; /* first pixel */
  size_t nx, ny, np, nch, points, stride; /* stride: floats per pixel */
  size_t i_start, i_end;                  /* parameter indices of Sweep Start/End */
} grid;

static double be_float(const unsigned char *b) {
  uint32_t u;
  memcpy(&u, b, sizeof u);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  u = __builtin_bswap32(u);
#endif
  float f;
  memcpy(&f, &u, sizeof f);
  return (double)f;
}

static double value_at(const grid *g, size_t pixel, size_t k) {
  return be_float(g->data + 4 * (pixel * g->stride + k));
}

/* One pixel's P values of a column; returns the NaN count. */
static size_t fill_pixel(const grid *g, size_t kind, size_t idx, size_t p, double *o) {
  size_t P = g->points, nan = 0;
  if (kind == K_CHANNEL) {
    const unsigned char *b = g->data + 4 * (p * g->stride + g->np + idx * P);
    for (size_t j = 0; j < P; j++) {
      double v = be_float(b + 4 * j);
      o[j] = v;
      nan += v != v;
    }
    return nan;
  }
  if (kind == K_SWEEP) {
    double a = value_at(g, p, g->i_start), b = value_at(g, p, g->i_end);
    for (size_t j = 0; j < P; j++) o[j] = P > 1 ? a + (b - a) * (double)j / (double)(P - 1) : a;
    return (a != a || b != b) ? P : 0;
  }
  double v = kind == K_IX ? (double)(p % g->nx) : kind == K_IY ? (double)(p / g->nx) : value_at(g, p, idx);
  for (size_t j = 0; j < P; j++) o[j] = v;
  return v != v ? P : 0;
}

static size_t fill(const sfhet_table *t, const tbl_col *c, double *out) {
  const grid *g = t->blob;
  size_t nan = 0, npx = g->nx * g->ny;
  for (size_t p = 0; p < npx; p++) nan += fill_pixel(g, c->arg[0], c->arg[1], p, out + p * g->points);
  return nan;
}

/* Strips one pair of surrounding quotes in place. */
static char *unquote(char *v) {
  size_t n = strlen(v);
  if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
    v[n - 1] = '\0';
    return v + 1;
  }
  return v;
}

/* Header lines key=value into the metadata; *end receives the offset of the binary data. */
static int read_header(sfhet_table *t, char *buf, size_t len, size_t *end) {
  static const char tag[] = ":HEADER_END:";
  char *h = memmem(buf, len, tag, sizeof tag - 1);
  if (!h) SFHET_ERROR(SFHET_EPARSE, "%s: no ':HEADER_END:' line: not a Nanonis .3ds grid", t->name);
  size_t d = (size_t)(h - buf) + sizeof tag - 1;
  if (d < len && buf[d] == '\r') d++;
  if (d < len && buf[d] == '\n') d++;
  *end = d;
  *h = '\0';
  size_t lineno = 0;
  int too_long;
  char *line;
  tbl_lines lines;
  tbl_lines_init(&lines, buf, (size_t)(h - buf), 0);
  while ((line = tbl_lines_next(&lines, &too_long)) != NULL) {
    lineno++;
    char *eq = strchr(line, '=');
    if (!eq) {
      if (*tbl_trim(line) && strcmp(tbl_trim(line), "\x1a") != 0)
        SFHET_ERROR(SFHET_EPARSE, "%s:%zu: header line without '=': '%.40s'", t->name, lineno, line);
      continue;
    }
    *eq = '\0';
    SFHET_TRY(tbl_add_meta(t, tbl_trim(line), unquote(tbl_trim(eq + 1))));
  }
  return SFHET_OK;
}

static const char *need(const sfhet_table *t, const char *key) {
  for (size_t i = 0; i < t->nmeta; i++)
    if (strcmp(t->meta[2 * i], key) == 0) return t->meta[2 * i + 1];
  return NULL;
}

static int need_size(const sfhet_table *t, const char *key, size_t *v) {
  const char *s = need(t, key);
  if (!s) SFHET_ERROR(SFHET_EPARSE, "%s: the .3ds header has no '%s' line", t->name, key);
  char *end;
  long k = strtol(s, &end, 10);
  if (end == s || *tbl_trim(end) || k < 0 || k > 100000000)
    SFHET_ERROR(SFHET_EPARSE, "%s: header '%s=%s' is not a count", t->name, key, s);
  *v = (size_t)k;
  return SFHET_OK;
}

/* "NX x NY". */
static int grid_dim(const sfhet_table *t, grid *g) {
  const char *s = need(t, "Grid dim");
  long a, b;
  if (!s) SFHET_ERROR(SFHET_EPARSE, "%s: the .3ds header has no 'Grid dim' line", t->name);
  if (sscanf(s, " %ld x %ld", &a, &b) != 2 || a < 1 || b < 1 || a > 100000 || b > 100000)
    SFHET_ERROR(SFHET_EPARSE, "%s: 'Grid dim=%s' is not 'NX x NY'", t->name, s);
  g->nx = (size_t)a, g->ny = (size_t)b;
  return SFHET_OK;
}

/* Splits a ';' list (a copy in buf) into at most max names; returns the count. */
static size_t split_list(const char *s, char *buf, size_t size, char **names, size_t max) {
  snprintf(buf, size, "%s", s ? s : "");
  size_t n = 0;
  for (char *p = buf; *p && n < max;) {
    char *semi = strchr(p, ';');
    if (semi) *semi = '\0';
    names[n++] = tbl_trim(p);
    if (!semi) break;
    p = semi + 1;
  }
  return n;
}

typedef struct {
  char pbuf[8192], cbuf[8192];
  char *param[512], *chan[512];
  size_t nparam, nchan;
} names_t;

static int find_name(char **names, size_t n, const char *want, size_t *idx) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], want) == 0) return *idx = i, 1;
  return 0;
}

/* Drops empty names (an empty Fixed or Experiment list). */
static size_t compact(char **names, size_t n) {
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (names[i][0]) names[m++] = names[i];
  return m;
}

static int layout(sfhet_table *t, grid *g, names_t *nm) {
  SFHET_TRY(grid_dim(t, g));
  SFHET_TRY(need_size(t, "Points", &g->points));
  SFHET_TRY(need_size(t, "# Parameters (4 byte)", &g->np));
  const char *fx = need(t, "Fixed parameters"), *ex = need(t, "Experiment parameters");
  char tmp[8192];
  snprintf(tmp, sizeof tmp, "%s;%s", fx ? fx : "", ex ? ex : "");
  nm->nparam = compact(nm->param, split_list(tmp, nm->pbuf, sizeof nm->pbuf, nm->param, 512));
  nm->nchan = compact(nm->chan, split_list(need(t, "Channels"), nm->cbuf, sizeof nm->cbuf, nm->chan, 512));
  g->nch = nm->nchan;
  if (nm->nparam != g->np)
    SFHET_ERROR(SFHET_EPARSE, "%s: '# Parameters (4 byte)=%zu' but 'Fixed parameters' and 'Experiment "
                "parameters' name %zu", t->name, g->np, nm->nparam);
  if (g->points < 1 || g->nch < 1) SFHET_ERROR(SFHET_EPARSE, "%s: a grid without points or channels", t->name);
  if (!find_name(nm->param, nm->nparam, "Sweep Start", &g->i_start) ||
      !find_name(nm->param, nm->nparam, "Sweep End", &g->i_end))
    SFHET_ERROR(SFHET_EPARSE, "%s: 'Fixed parameters' lacks 'Sweep Start' and 'Sweep End'", t->name);
  size_t bytes;
  if (__builtin_mul_overflow(g->nch, g->points, &g->stride) || __builtin_add_overflow(g->stride, g->np, &g->stride) ||
      __builtin_mul_overflow(g->stride, (size_t)4 * g->nx * g->ny, &bytes) || bytes > SFHET_TABLE_MAX_BINARY_BYTES)
    SFHET_ERROR(SFHET_EDATA, "%s: a grid of %zu x %zu pixels, %zu points and %zu channels is larger than the "
                "%zu MiB sfhet reads", t->name, g->nx, g->ny, g->points, g->nch,
                (size_t)SFHET_TABLE_MAX_BINARY_BYTES >> 20);
  return SFHET_OK;
}

static int check_size(const sfhet_table *t, const grid *g, size_t have) {
  size_t pix = 4 * g->stride, npx = g->nx * g->ny, want = pix * npx;
  if (have < want)
    SFHET_ERROR(SFHET_EDATA, "%s: truncated grid: %zu x %zu pixels of %zu bytes need %zu bytes after "
                ":HEADER_END:, the file has %zu (pixel %zu of %zu is incomplete: the grid was not finished)",
                t->name, g->nx, g->ny, pix, want, have, have / pix + 1, npx);
  if (have > want)
    SFHET_ERROR(SFHET_EDATA, "%s: %zu bytes after :HEADER_END:, but the header describes %zu (%zu x %zu "
                "pixels of %zu bytes)", t->name, have, want, g->nx, g->ny, pix);
  const char *es = need(t, "Experiment size (bytes)");
  if (es && strtol(es, NULL, 10) != (long)(4 * g->nch * g->points))
    SFHET_ERROR(SFHET_EPARSE, "%s: 'Experiment size (bytes)=%s' differs from 4 x %zu points x %zu channels",
                t->name, es, g->points, g->nch);
  return SFHET_OK;
}

static int add_lazy(sfhet_table *t, const char *name, const char *unit, size_t kind, size_t idx) {
  size_t c;
  SFHET_TRY(tbl_add_column(t, name, unit, NULL, &c));
  t->cols[c].fill = fill;
  t->cols[c].arg[0] = kind;
  t->cols[c].arg[1] = idx;
  return SFHET_OK;
}

static int columns(sfhet_table *t, const grid *g, const names_t *nm) {
  size_t ix = 0, iy = 0;
  int hx = find_name((char **)nm->param, nm->nparam, "X (m)", &ix);
  int hy = find_name((char **)nm->param, nm->nparam, "Y (m)", &iy);
  SFHET_TRY(add_lazy(t, "ix", NULL, K_IX, 0));
  SFHET_TRY(add_lazy(t, "iy", NULL, K_IY, 0));
  if (hx) SFHET_TRY(add_lazy(t, "x_m", "m", K_PARAM, ix));
  if (hy) SFHET_TRY(add_lazy(t, "y_m", "m", K_PARAM, iy));
  const char *sw = need(t, "Sweep Signal");
  SFHET_TRY(add_lazy(t, sw && *sw ? sw : "sweep", NULL, K_SWEEP, 0));
  for (size_t c = 0; c < nm->nchan; c++) SFHET_TRY(add_lazy(t, nm->chan[c], NULL, K_CHANNEL, c));
  for (size_t k = 0; k < nm->nparam; k++)
    if (k != g->i_start && k != g->i_end && !(hx && k == ix) && !(hy && k == iy))
      SFHET_TRY(add_lazy(t, nm->param[k], NULL, K_PARAM, k));
  return SFHET_OK;
}

int tbl_read_3ds(sfhet_table *t, char *buf, size_t len) {
  size_t data = 0;
  SFHET_TRY(read_header(t, buf, len, &data));
  grid *g = calloc(1, sizeof *g);
  names_t *nm = calloc(1, sizeof *nm);
  int st = (g && nm) ? layout(t, g, nm) : SFHET_ENOMEM;
  if (!st) st = check_size(t, g, len - data);
  if (!st) {
    g->data = (const unsigned char *)buf + data;
    t->blob = g, t->blob_free = free, g = NULL;
    const grid *gg = t->blob;
    t->nrows = gg->nx * gg->ny * gg->points;
    st = columns(t, gg, nm);
  }
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "%s: out of memory", t->name);
  free(g), free(nm);
  return st;
}
