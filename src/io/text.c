/* Text tables: lines (LF, CRLF, CR), cells (delimiters, quotes), header and rows, in one buffer with
 * cells terminated in place. Shared by the plain, MultiVu and Nanonis readers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/fastnum.h"
#include "io/table_int.h"
#include "sfhet/error.h"

typedef struct {
  char delim; /* ',', '\t', ';' or ' ' (runs of whitespace) */
  char **cells;
  size_t ncells, cap;
} splitter;

static inline int push_cell(splitter *s, char *cell) {
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

/* One cell starting at p (after padding): sets *cell, returns the separator position. */
static int one_cell(splitter *s, char *p, char **cell, char **endp, const char *name, size_t lineno) {
  int ws = s->delim == ' ';
  char *end;
  if (*p == '"') {
    int ok = 1;
    end = unquote(p, cell, &ok);
    if (!ok) SFHET_ERROR(SFHET_EPARSE, "%s:%zu: unterminated quoted field", name, lineno);
    while (!ws && is_pad(s, *end)) end++;
    if (*end != '\0' && !is_sep(s, *end))
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: text after a closing quote", name, lineno);
  } else {
    *cell = p;
    while (*p && !is_sep(s, *p)) p++;
    end = p;
    char *e = end;
    while (e > *cell && is_pad(s, e[-1])) e--; /* trailing padding of unquoted cells */
    if (e < end) *e = '\0';
  }
  *endp = end;
  return SFHET_OK;
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
    SFHET_TRY(one_cell(s, p, &cell, &end, name, lineno));
    char sep = *end;
    *end = '\0';
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

int tbl_is_missing(const char *c) {
  return c[0] == '\0' || strcasecmp(c, "nan") == 0 || strcasecmp(c, "na") == 0 ||
         strcasecmp(c, "n/a") == 0;
}

void tbl_lines_init(tbl_lines *l, char *buf, size_t len, size_t pos) {
  *l = (tbl_lines){buf, len, pos, pos < len && memchr(buf + pos, '\r', len - pos) != NULL};
}

char *tbl_lines_next(tbl_lines *l, int *too_long) {
  if (l->pos >= l->len) return NULL;
  char *start = l->buf + l->pos, *stop = l->buf + l->len;
  char *nl = memchr(start, '\n', (size_t)(stop - start));
  char *lim = nl ? nl : stop;
  char *cr = l->cr ? memchr(start, '\r', (size_t)(lim - start)) : NULL; /* CRLF, or CR-only (old Mac) */
  char *end = cr ? cr : lim;
  *too_long = (size_t)(end - start) > SFHET_TABLE_MAX_LINE;
  l->pos = (size_t)(end - l->buf) + 1 + (cr && cr + 1 == nl);
  *end = '\0';
  return start;
}

int tbl_blank_or_comment(const char *l) {
  while (*l == ' ' || *l == '\t') l++;
  return *l == '\0' || *l == '#';
}

char *tbl_trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

static int header_is_numeric(char **cells, size_t n) {
  for (size_t i = 0; i < n; i++) {
    double v;
    if (!tbl_parse_number(cells[i], &v)) return 0;
  }
  return 1;
}

static int set_names(sfhet_table *t, char **cells, size_t n, int generated) {
  for (size_t i = 0; i < n; i++) {
    char gen[24];
    snprintf(gen, sizeof gen, "col%zu", i + 1);
    SFHET_TRY(tbl_add_column(t, generated ? gen : cells[i], NULL, NULL, NULL));
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

/* Fits a row's cells to the header: a trailing empty cell is dropped; ragged rows are padded with
 * empty cells and may carry extra empty ones. */
static int fit_row(sfhet_table *t, splitter *s, char *empty, const tbl_text_opts *o, size_t lineno) {
  if (s->ncells == t->ncols + 1 && s->cells[t->ncols][0] == '\0') s->ncells--;
  if (o->ragged) {
    while (s->ncells > t->ncols && s->cells[s->ncells - 1][0] == '\0') s->ncells--;
    while (s->ncells < t->ncols)
      if (push_cell(s, empty)) return SFHET_ENOMEM;
  }
  if (s->ncells != t->ncols)
    SFHET_ERROR(SFHET_EPARSE, "%s:%zu: expected %zu columns (as in the header), found %zu", t->name,
                lineno, t->ncols, s->ncells);
  return SFHET_OK;
}

static int one_line(sfhet_table *t, splitter *s, char *line, size_t lineno, int *have_header,
                    size_t *cap, const tbl_text_opts *o) {
  static char empty[1] = "";
  if (!*have_header) s->delim = o->delim ? o->delim : detect_delim(line);
  SFHET_TRY(split_line(s, line, t->name, lineno));
  if (!*have_header) {
    *have_header = 1;
    while (o->need_header && s->ncells > 1 && s->cells[s->ncells - 1][0] == '\0') s->ncells--;
    int numeric = !o->need_header && header_is_numeric(s->cells, s->ncells);
    SFHET_TRY(set_names(t, s->cells, s->ncells, numeric));
    if (!numeric) return SFHET_OK;
  }
  SFHET_TRY(fit_row(t, s, empty, o, lineno));
  if (add_row(t, cap, s->cells, lineno)) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", t->name);
  return SFHET_OK;
}

int tbl_parse_text(sfhet_table *t, size_t len, size_t pos, size_t line0, const tbl_text_opts *o) {
  splitter s = {0};
  size_t lineno = line0, cap = 0;
  int st = SFHET_OK, have_header = 0, too_long = 0;
  char *line;
  tbl_lines lines;
  tbl_lines_init(&lines, t->buf, len, pos);
  while ((line = tbl_lines_next(&lines, &too_long)) != NULL) {
    lineno++;
    if (too_long) {
      SFHET_REPORT(st = SFHET_EPARSE, "%s:%zu: line longer than %zu bytes (not a text table?)", t->name,
                   lineno, (size_t)SFHET_TABLE_MAX_LINE);
      break;
    }
    if (o->allow_comments ? tbl_blank_or_comment(line) : line[strspn(line, " \t")] == '\0') continue;
    if ((st = one_line(t, &s, line, lineno, &have_header, &cap, o))) break;
  }
  free(s.cells);
  if (st) return st;
  if (!have_header) SFHET_ERROR(SFHET_EDATA, "%s: no header and no data (empty file)", t->name);
  return SFHET_OK;
}

int tbl_read_text(sfhet_table *t, char *buf, size_t len) {
  t->buf = buf;
  size_t pos = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  tbl_text_opts o = {0, 0, 0, 1};
  return tbl_parse_text(t, len, pos, 0, &o);
}

int tbl_header_then_table(sfhet_table *t, char *buf, size_t len, const char *tag, tbl_line_fn fn, void *ctx,
                          const tbl_text_opts *o, const char *what) {
  size_t lineno = 0;
  int too_long = 0;
  char *line;
  tbl_lines lines;
  tbl_lines_init(&lines, buf, len, len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
  while ((line = tbl_lines_next(&lines, &too_long)) != NULL) {
    lineno++;
    if (too_long)
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: line longer than %zu bytes", t->name, lineno, (size_t)SFHET_TABLE_MAX_LINE);
    if (strcmp(tbl_trim(line), tag) == 0) return tbl_parse_text(t, len, lines.pos, lineno, o);
    SFHET_TRY(fn(t, line, lineno, ctx));
  }
  SFHET_ERROR(SFHET_EPARSE, "%s: %s file without a %s line (%zu lines read)", t->name, what, tag, lineno);
}
