/* Table reader: the whole file in one buffer, cells null-terminated in place, numbers parsed lazily. */
#include "sfhet/table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/fastnum.h"
#include "sfhet/error.h"

struct sfhet_table {
  char *name;
  char *buf;        /* file contents, cells terminated in place */
  size_t nrows, ncols;
  char **names;     /* ncols header names */
  char *namebuf;    /* storage for generated names */
  char **cells;     /* nrows * ncols, row-major */
  size_t *lines;    /* nrows source line numbers */
  double **numeric; /* ncols cached numeric columns (NULL until asked) */
  size_t *missing;  /* ncols missing counts (valid when numeric[c] is set) */
};

typedef struct {
  char delim;       /* ',', '\t', ';' or ' ' (runs of whitespace) */
  char **cells;
  size_t ncells, cap;
} splitter;

static int push_cell(splitter *s, char *cell) {
  if (s->ncells == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    char **c = realloc(s->cells, cap * sizeof *c);
    if (!c) return SFHET_ENOMEM;
    s->cells = c;
    s->cap = cap;
  }
  s->cells[s->ncells++] = cell;
  return SFHET_OK;
}

/* Unquotes "..." with "" escapes in place; p points at the opening quote; returns end of field. */
static char *unquote(char *p, char **out_start, int *ok) {
  char *w = p, *r = p + 1;
  *out_start = p;
  for (;;) {
    if (*r == '\0') {
      *ok = 0;
      *w = '\0';
      return r;
    }
    if (*r == '"') {
      if (r[1] == '"') {
        *w++ = '"';
        r += 2;
        continue;
      }
      *w = '\0';
      return r + 1;
    }
    *w++ = *r++;
  }
}

static int is_sep(const splitter *s, char c) {
  return s->delim == ' ' ? (c == ' ' || c == '\t') : c == s->delim;
}

static int is_pad(const splitter *s, char c) {
  return (c == ' ' || c == '\t') && (s->delim == ' ' || c != s->delim);
}

/* Splits one line (already null-terminated, no line end) into cells. */
static int split_line(splitter *s, char *line, const char *name, size_t lineno) {
  s->ncells = 0;
  int ws = s->delim == ' ';
  char *p = line;
  for (;;) {
    while (is_pad(s, *p)) p++;
    if (ws && *p == '\0') break;
    char *cell, *end;
    int quoted = *p == '"';
    if (quoted) {
      int ok = 1;
      end = unquote(p, &cell, &ok);
      if (!ok) SFHET_ERROR(SFHET_EPARSE, "%s:%zu: unterminated quoted field", name, lineno);
      while (!ws && is_pad(s, *end)) end++;
      if (*end != '\0' && !is_sep(s, *end))
        SFHET_ERROR(SFHET_EPARSE, "%s:%zu: text after a closing quote", name, lineno);
    } else {
      cell = p;
      while (*p && !is_sep(s, *p)) p++;
      end = p;
    }
    char sep = *end;
    *end = '\0';
    if (!quoted) { /* trim trailing padding of unquoted cells */
      char *e = end;
      while (e > cell && is_pad(s, e[-1])) e--;
      *e = '\0';
    }
    if (push_cell(s, cell)) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", name);
    if (sep == '\0') break;
    p = end + 1;
    if (!ws && *p == '\0') { /* trailing delimiter: one more, empty cell */
      if (push_cell(s, p)) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", name);
      break;
    }
  }
  return SFHET_OK;
}

static char detect_delim(const char *line) {
  int in_q = 0;
  int comma = 0, semi = 0;
  for (const char *p = line; *p; p++) {
    if (*p == '"') in_q = !in_q;
    if (in_q) continue;
    if (*p == '\t') return '\t';
    comma += *p == ',';
    semi += *p == ';';
  }
  if (comma) return ',';
  if (semi) return ';';
  return ' ';
}

static int is_missing(const char *c) {
  return c[0] == '\0' || strcasecmp(c, "nan") == 0 || strcasecmp(c, "na") == 0;
}

static int parse_number(const char *c, double *v) {
  char *end;
  *v = sfhet_fast_strtod(c, &end);
  return end != c && *end == '\0' && isfinite(*v);
}

/* Next line: returns its start, terminates it in place, strips CR, advances *pos. */
static char *next_line(char *buf, size_t len, size_t *pos) {
  if (*pos >= len) return NULL;
  char *start = buf + *pos;
  char *nl = memchr(start, '\n', len - *pos);
  char *end = nl ? nl : buf + len;
  *pos = (size_t)(end - buf) + 1;
  if (end > start && end[-1] == '\r') end--;
  *end = '\0';
  return start;
}

static int is_blank_or_comment(const char *l) {
  while (*l == ' ' || *l == '\t' || *l == '\r') l++;
  return *l == '\0' || *l == '#';
}

static int header_is_numeric(char **cells, size_t n) {
  for (size_t i = 0; i < n; i++) {
    double v;
    if (!parse_number(cells[i], &v)) return 0;
  }
  return 1;
}

static int set_names(sfhet_table *t, char **cells, size_t n, int generated) {
  t->ncols = n;
  t->names = calloc(n, sizeof *t->names);
  t->numeric = calloc(n, sizeof *t->numeric);
  t->missing = calloc(n, sizeof *t->missing);
  if (generated) t->namebuf = malloc(n * 24);
  if (!t->names || !t->numeric || !t->missing || (generated && !t->namebuf)) return SFHET_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    if (generated) {
      t->names[i] = t->namebuf + 24 * i;
      snprintf(t->names[i], 24, "col%zu", i + 1);
    } else {
      t->names[i] = cells[i];
    }
  }
  return SFHET_OK;
}

static int add_row(sfhet_table *t, size_t *cap, char **cells, size_t lineno) {
  if (t->nrows == *cap) {
    size_t nc = *cap ? 2 * *cap : 256;
    char **c = realloc(t->cells, nc * t->ncols * sizeof *c);
    if (!c) return SFHET_ENOMEM;
    t->cells = c;
    size_t *l = realloc(t->lines, nc * sizeof *l);
    if (!l) return SFHET_ENOMEM;
    t->lines = l;
    *cap = nc;
  }
  memcpy(t->cells + t->nrows * t->ncols, cells, t->ncols * sizeof *cells);
  t->lines[t->nrows++] = lineno;
  return SFHET_OK;
}

static int parse_rows(sfhet_table *t, size_t len) {
  splitter s = {0};
  size_t pos = 0, lineno = 0, cap = 0;
  int st = SFHET_OK, have_header = 0;
  if (len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0) pos = 3;
  char *line;
  while ((line = next_line(t->buf, len, &pos)) != NULL) {
    lineno++;
    if (is_blank_or_comment(line)) continue;
    if (!have_header) s.delim = detect_delim(line);
    if ((st = split_line(&s, line, t->name, lineno))) break;
    if (!have_header) {
      have_header = 1;
      int numeric = header_is_numeric(s.cells, s.ncells);
      if ((st = set_names(t, s.cells, s.ncells, numeric))) break;
      if (!numeric) continue;
    }
    if (s.ncells == t->ncols + 1 && s.cells[t->ncols][0] == '\0') s.ncells--;
    if (s.ncells != t->ncols) {
      SFHET_REPORT(SFHET_EPARSE, "%s:%zu: expected %zu columns (as in the header), found %zu",
                   t->name, lineno, t->ncols, s.ncells);
      st = SFHET_EPARSE;
      break;
    }
    if ((st = add_row(t, &cap, s.cells, lineno))) break;
  }
  free(s.cells);
  if (st == SFHET_ENOMEM) SFHET_ERROR(st, "%s: out of memory", t->name);
  if (st) return st;
  if (!have_header) SFHET_ERROR(SFHET_EDATA, "%s: no header and no data (empty file)", t->name);
  return SFHET_OK;
}

int sfhet_table_parse(const char *name, const char *text, size_t len, sfhet_table **out) {
  *out = NULL;
  sfhet_table *t = calloc(1, sizeof *t);
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  t->name = strdup(name ? name : "<memory>");
  t->buf = malloc(len + 1);
  if (!t->name || !t->buf) {
    sfhet_table_free(t);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  memcpy(t->buf, text, len);
  t->buf[len] = '\0';
  if (memchr(t->buf, '\0', len)) {
    sfhet_table_free(t);
    SFHET_ERROR(SFHET_EPARSE, "%s: binary data (a NUL byte) in a text table", name);
  }
  int st = parse_rows(t, len);
  if (st) {
    sfhet_table_free(t);
    return st;
  }
  *out = t;
  return SFHET_OK;
}

static int slurp(FILE *f, const char *path, char **buf, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  if (!b) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", path);
  for (;;) {
    if (n == cap) {
      char *nb = realloc(b, cap *= 2);
      if (!nb) {
        free(b);
        SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", path);
      }
      b = nb;
    }
    size_t got = fread(b + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    free(b);
    SFHET_ERROR(SFHET_EIO, "%s: read error", path);
  }
  *buf = b;
  *len = n;
  return SFHET_OK;
}

int sfhet_table_read(const char *path, sfhet_table **out) {
  *out = NULL;
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) SFHET_ERROR(SFHET_EIO, "%s: cannot open: %s", path, strerror(errno));
  char *buf = NULL;
  size_t len = 0;
  int st = slurp(f, path, &buf, &len);
  if (!is_stdin) fclose(f);
  if (st) return st;
  st = sfhet_table_parse(is_stdin ? "<stdin>" : path, buf, len, out);
  free(buf);
  return st;
}

void sfhet_table_free(sfhet_table *t) {
  if (!t) return;
  if (t->numeric)
    for (size_t i = 0; i < t->ncols; i++) free(t->numeric[i]);
  free(t->numeric);
  free(t->missing);
  free(t->names);
  free(t->namebuf);
  free(t->cells);
  free(t->lines);
  free(t->buf);
  free(t->name);
  free(t);
}

size_t sfhet_table_nrows(const sfhet_table *t) { return t->nrows; }
size_t sfhet_table_ncols(const sfhet_table *t) { return t->ncols; }
const char *sfhet_table_colname(const sfhet_table *t, size_t c) { return t->names[c]; }
const char *sfhet_table_name(const sfhet_table *t) { return t->name; }
size_t sfhet_table_line(const sfhet_table *t, size_t r) { return t->lines[r]; }
const char *sfhet_table_cell(const sfhet_table *t, size_t r, size_t c) {
  return t->cells[r * t->ncols + c];
}

static void list_columns(const sfhet_table *t, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < t->ncols && used + 4 < size; i++) {
    int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", t->names[i]);
    if (w < 0) break;
    used += (size_t)w;
  }
}

int sfhet_table_find(const sfhet_table *t, const char *spec, const char *what, size_t *col) {
  for (size_t i = 0; i < t->ncols; i++)
    if (strcmp(t->names[i], spec) == 0) return *col = i, SFHET_OK;
  for (size_t i = 0; i < t->ncols; i++)
    if (strcasecmp(t->names[i], spec) == 0) return *col = i, SFHET_OK;
  char *end;
  long k = strtol(spec, &end, 10);
  if (*spec && *end == '\0') {
    if (k >= 1 && (size_t)k <= t->ncols) return *col = (size_t)k - 1, SFHET_OK;
    SFHET_ERROR(SFHET_EDATA, "%s: column %ld does not exist in %s (it has %zu columns)", what, k,
                t->name, t->ncols);
  }
  char names[512];
  list_columns(t, names, sizeof names);
  SFHET_ERROR(SFHET_EDATA, "%s: no column '%s' in %s (columns: %s)", what, spec, t->name, names);
}

static int convert_column(sfhet_table *t, size_t col, double *v, size_t *n_missing) {
  size_t miss = 0;
  for (size_t r = 0; r < t->nrows; r++) {
    const char *c = t->cells[r * t->ncols + col];
    if (parse_number(c, &v[r])) continue;
    if (is_missing(c)) {
      v[r] = NAN;
      miss++;
      continue;
    }
    SFHET_ERROR(SFHET_EPARSE, "%s:%zu: column '%s': '%s' is not a finite number", t->name,
                t->lines[r], t->names[col], c);
  }
  *n_missing = miss;
  return SFHET_OK;
}

static int first_missing_row(const sfhet_table *t, size_t col) {
  for (size_t r = 0; r < t->nrows; r++)
    if (isnan(t->numeric[col][r])) return (int)r;
  return -1;
}

int sfhet_table_column(sfhet_table *t, size_t col, sfhet_missing_policy policy,
                       const double **values, size_t *n_missing) {
  if (col >= t->ncols) SFHET_ERROR(SFHET_EINVAL, "%s: no column %zu", t->name, col + 1);
  if (!t->numeric[col]) {
    double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
    if (!v) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
    int st = convert_column(t, col, v, &t->missing[col]);
    if (st) {
      free(v);
      return st;
    }
    t->numeric[col] = v;
  }
  if (t->missing[col] && policy == SFHET_MISSING_ERROR) {
    int r = first_missing_row(t, col);
    SFHET_ERROR(SFHET_EDATA, "%s:%zu: column '%s': empty or nan cell", t->name, t->lines[r],
                t->names[col]);
  }
  if (n_missing) *n_missing = t->missing[col];
  *values = t->numeric[col];
  return SFHET_OK;
}

int sfhet_table_get(sfhet_table *t, const char *spec, const char *what, const double **values) {
  size_t col;
  SFHET_TRY(sfhet_table_find(t, spec, what, &col));
  return sfhet_table_column(t, col, SFHET_MISSING_ERROR, values, NULL);
}
