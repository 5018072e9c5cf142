/* Opening data files: path suffixes (FILE.h5:/path, FILE.db:RUN), format detection from the content,
 * bounded reading (file size, line length, NUL bytes in text) and dispatch to the format readers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "io/table_int.h"
#include "sfhet/error.h"

static const char *const format_names[SFHET_FORMAT_COUNT] = {
    "auto", "text", "multivu", "nanonis", "nanonis-3ds", "qcodes", "hdf5", "labber"};

const char *sfhet_format_name(sfhet_format f) {
  return (f >= 0 && f < SFHET_FORMAT_COUNT) ? format_names[f] : "?";
}

int sfhet_format_parse(const char *text, const char *what, sfhet_format *f) {
  static const struct {
    const char *alias;
    sfhet_format f;
  } aliases[] = {{"csv", SFHET_FORMAT_TEXT}, {"tsv", SFHET_FORMAT_TEXT}, {"ppms", SFHET_FORMAT_MULTIVU},
                 {"dat", SFHET_FORMAT_NANONIS}, {"3ds", SFHET_FORMAT_NANONIS_3DS}, {"sqlite", SFHET_FORMAT_QCODES},
                 {"h5", SFHET_FORMAT_HDF5}};
  for (int i = 0; i < SFHET_FORMAT_COUNT; i++)
    if (text && strcasecmp(text, format_names[i]) == 0) return *f = (sfhet_format)i, SFHET_OK;
  for (size_t i = 0; text && i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcasecmp(text, aliases[i].alias) == 0) return *f = aliases[i].f, SFHET_OK;
  SFHET_ERROR(SFHET_EUSAGE, "%s: unknown format '%s' (auto, text, multivu, nanonis, nanonis-3ds, qcodes, "
              "hdf5, labber)", what, text ? text : "");
}

/* The first non-blank line of a text head, copied (without line end) into line. */
static void first_line(const char *h, size_t n, char *line, size_t size) {
  size_t i = (n >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  while (i < n && (h[i] == '\r' || h[i] == '\n' || h[i] == ' ' || h[i] == '\t')) i++;
  size_t k = 0;
  while (i < n && h[i] != '\r' && h[i] != '\n' && k + 1 < size) line[k++] = h[i++];
  line[k] = '\0';
}

/* Whether a line exactly "[DATA]" (Nanonis) occurs in the head. */
static int has_data_tag(const char *h, size_t n) {
  for (size_t i = 0; i + 6 <= n; i++)
    if ((i == 0 || h[i - 1] == '\n' || h[i - 1] == '\r') && memcmp(h + i, "[DATA]", 6) == 0 &&
        (i + 6 == n || h[i + 6] == '\r' || h[i + 6] == '\n'))
      return 1;
  return 0;
}

sfhet_format tbl_detect(const char *h, size_t n) {
  if (n >= 16 && memcmp(h, "SQLite format 3", 16) == 0) return SFHET_FORMAT_QCODES;
  static const char hdf[8] = {'\211', 'H', 'D', 'F', '\r', '\n', '\032', '\n'};
  for (size_t off = 0; off + 8 <= n && off <= 2048; off = off ? 2 * off : 512)
    if (memcmp(h + off, hdf, 8) == 0) return SFHET_FORMAT_HDF5;
  char line[256];
  first_line(h, n, line, sizeof line);
  if (strncmp(line, "Grid dim=", 9) == 0) return SFHET_FORMAT_NANONIS_3DS;
  if (strncmp(line, "[Header]", 8) == 0 && tbl_trim(line + 8)[0] == '\0') return SFHET_FORMAT_MULTIVU;
  if (strchr(line, '\t') && has_data_tag(h, n)) return SFHET_FORMAT_NANONIS;
  return SFHET_FORMAT_TEXT;
}

static int is_text_format(sfhet_format f) {
  return f == SFHET_FORMAT_TEXT || f == SFHET_FORMAT_MULTIVU || f == SFHET_FORMAT_NANONIS;
}

/* Refuses NUL bytes in text; the message suggests the binary formats. */
static int check_text(const char *name, const char *buf, size_t len) {
  const char *z = memchr(buf, '\0', len);
  if (z)
    SFHET_ERROR(SFHET_EPARSE, "%s: binary data (a NUL byte at offset %zu) in a text table; a .3ds, HDF5 or "
                "SQLite file is read with its --format", name, (size_t)(z - buf));
  return SFHET_OK;
}

static int dispatch(sfhet_table *t, char *buf, size_t len) {
  t->buf = buf;
  switch (t->format) {
  case SFHET_FORMAT_MULTIVU: return tbl_read_multivu(t, buf, len);
  case SFHET_FORMAT_NANONIS: return tbl_read_nanonis(t, buf, len);
  case SFHET_FORMAT_NANONIS_3DS: return tbl_read_3ds(t, buf, len);
  case SFHET_FORMAT_TEXT: return tbl_read_text(t, buf, len);
  default:
    SFHET_ERROR(SFHET_EUSAGE, "%s: format %s is read from a file, not from memory or a stream", t->name,
                sfhet_format_name(t->format));
  }
}

/* Parses buf[0..len) (malloc'ed, NUL at len; owned by the table from here on). */
static int parse_owned(const char *name, char *buf, size_t len, sfhet_format format, sfhet_table **out) {
  *out = NULL;
  if (format == SFHET_FORMAT_AUTO) format = tbl_detect(buf, len);
  sfhet_table *t = tbl_new(name, format);
  if (!t) {
    free(buf);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  int st = is_text_format(format) ? check_text(t->name, buf, len) : SFHET_OK;
  if (st) free(buf);
  else st = dispatch(t, buf, len);
  if (st) {
    sfhet_table_free(t);
    return st;
  }
  *out = t;
  return SFHET_OK;
}

int sfhet_table_parse_format(const char *name, const char *data, size_t len, sfhet_format format,
                             sfhet_table **out) {
  *out = NULL;
  char *buf = malloc(len + 1);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  memcpy(buf, data, len);
  buf[len] = '\0';
  return parse_owned(name ? name : "<memory>", buf, len, format, out);
}

int sfhet_table_parse(const char *name, const char *text, size_t len, sfhet_table **out) {
  return sfhet_table_parse_format(name, text, len, SFHET_FORMAT_TEXT, out);
}

/* Guards a stream of unknown size: total bytes, and for text the line length and NUL bytes. */
typedef struct {
  size_t run;    /* bytes since the last line end */
  size_t line;   /* line number */
  int text;
} guard;

static int guard_chunk(guard *g, const char *name, const char *p, size_t n, size_t offset) {
  if (!g->text) return SFHET_OK;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c == '\n' || c == '\r') {
      g->line += c == '\n' || (i + 1 < n && p[i + 1] != '\n');
      g->run = 0;
      continue;
    }
    if (c == '\0')
      SFHET_ERROR(SFHET_EPARSE, "%s: binary data (a NUL byte at offset %zu) in a text table; a .3ds, HDF5 "
                  "or SQLite file is read with its --format", name, offset + i);
    if (++g->run > SFHET_TABLE_MAX_LINE)
      SFHET_ERROR(SFHET_EPARSE, "%s:%zu: line longer than %zu bytes (not a text table?)", name, g->line + 1,
                  (size_t)SFHET_TABLE_MAX_LINE);
  }
  return SFHET_OK;
}

static size_t limit_of(sfhet_format f) {
  return f == SFHET_FORMAT_NANONIS_3DS ? SFHET_TABLE_MAX_BINARY_BYTES : SFHET_TABLE_MAX_TEXT_BYTES;
}

static int too_big(const char *name, sfhet_format f) {
  SFHET_ERROR(SFHET_EDATA, "%s: larger than the %zu MiB sfhet reads as %s", name, limit_of(f) >> 20,
              sfhet_format_name(f));
}

/* Doubles a buffer's capacity unless that passes limit (then the file is too big). */
static int grow_buf(char **b, size_t *cap, size_t limit, const char *name, sfhet_format f) {
  if (*cap > limit) return too_big(name, f);
  char *nb = realloc(*b, 2 * *cap);
  if (!nb) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", name);
  *b = nb;
  *cap *= 2;
  return SFHET_OK;
}

/* Reads the rest of a stream after the head, with the limits of format f; a stream of unknown size
 * (hint 0: stdin, devices) is checked chunk by chunk, so /dev/zero or an endless line stops early. */
static int slurp(FILE *fp, const char *name, char *head, size_t nhead, sfhet_format f, size_t hint,
                 char **buf, size_t *len) {
  size_t cap = (hint > nhead ? hint : nhead) + ((size_t)1 << 16), n = nhead, limit = limit_of(f);
  char *b = malloc(cap);
  if (!b) SFHET_ERROR(SFHET_ENOMEM, "%s: out of memory", name);
  memcpy(b, head, nhead);
  guard g = {0, 0, hint == 0 && is_text_format(f)};
  int st = guard_chunk(&g, name, b, n, 0);
  while (!st) {
    if (n + 1 >= cap && (st = grow_buf(&b, &cap, limit, name, f))) break;
    size_t got = fread(b + n, 1, cap - 1 - n, fp);
    if (got == 0) break;
    st = guard_chunk(&g, name, b + n, got, n);
    n += got;
    if (!st && n > limit) st = too_big(name, f);
  }
  if (!st && ferror(fp)) SFHET_REPORT(st = SFHET_EIO, "%s: read error: %s", name, strerror(errno));
  if (st) {
    free(b);
    return st;
  }
  b[n] = '\0';
  *buf = b;
  *len = n;
  return SFHET_OK;
}

/* FILE.h5:/path or FILE.db:RUN when path itself does not exist: *file (malloc'ed) and *suffix. */
static int split_suffix(const char *path, char **file, const char **suffix) {
  struct stat sb;
  *suffix = NULL;
  if (stat(path, &sb) != 0)
    for (const char *c = strchr(path, ':'); c; c = strchr(c + 1, ':')) {
      char *pre = strndup(path, (size_t)(c - path));
      if (!pre) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
      if (stat(pre, &sb) == 0 && S_ISREG(sb.st_mode)) {
        *file = pre;
        *suffix = c + 1;
        return SFHET_OK;
      }
      free(pre);
    }
  *file = strdup(path);
  return *file ? SFHET_OK : SFHET_ENOMEM;
}

static int apply_suffix(const char *path, const char *suffix, sfhet_read_opts *o) {
  if (!suffix) return SFHET_OK;
  if (suffix[0] == '/') return o->dataset = suffix, SFHET_OK;
  char *end;
  long run = strtol(suffix, &end, 10);
  if (*suffix && *end == '\0' && run > 0) return o->run = run, SFHET_OK;
  SFHET_ERROR(SFHET_EIO, "%s: no such file, and ':%s' is neither an HDF5 path (FILE.h5:/group/dataset) "
              "nor a QCoDeS run (FILE.db:RUN)", path, suffix);
}

static int open_library_format(sfhet_table *t, const char *file, const sfhet_read_opts *o) {
  if (t->format == SFHET_FORMAT_QCODES) return tbl_read_qcodes(t, file, o);
  return tbl_read_hdf5(t, file, o);
}

/* A .3ds grid of a regular file is mapped copy-on-write instead of read (no copy of the data; the
 * header parser writes into its own pages only). */
static int map_grid(FILE *fp, const char *name, size_t size, sfhet_table **out) {
  void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fileno(fp), 0);
  if (m == MAP_FAILED) SFHET_ERROR(SFHET_EIO, "%s: cannot map: %s", name, strerror(errno));
  sfhet_table *t = tbl_new(name, SFHET_FORMAT_NANONIS_3DS);
  if (!t) {
    munmap(m, size);
    SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  }
  t->map = m, t->map_len = size;
  int st = tbl_read_3ds(t, m, size);
  if (st) sfhet_table_free(t);
  else *out = t;
  return st;
}

/* A stream (file or stdin): detect from the head, then read what the format needs. */
static int read_stream(FILE *fp, const char *name, const char *file, const sfhet_read_opts *o,
                       size_t hint, sfhet_table **out) {
  static const size_t HEAD = 1 << 16;
  char *head = malloc(HEAD);
  if (!head) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t nh = fread(head, 1, HEAD, fp);
  sfhet_format f = o->format ? o->format : tbl_detect(head, nh);
  int st = SFHET_OK;
  if (f == SFHET_FORMAT_QCODES || f == SFHET_FORMAT_HDF5 || f == SFHET_FORMAT_LABBER) {
    free(head);
    if (fp == stdin) SFHET_ERROR(SFHET_EUSAGE, "%s: %s data cannot be read from standard input", name,
                                 sfhet_format_name(f));
    sfhet_table *t = tbl_new(name, f);
    if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
    st = open_library_format(t, file, o);
    if (st) sfhet_table_free(t);
    else *out = t;
    return st;
  }
  if (hint > limit_of(f)) st = too_big(name, f);
  if (!st && f == SFHET_FORMAT_NANONIS_3DS && hint > nh && fp != stdin) {
    free(head);
    return map_grid(fp, name, hint, out);
  }
  char *buf = NULL;
  size_t len = 0;
  if (!st) st = slurp(fp, name, head, nh, f, hint, &buf, &len);
  free(head);
  if (st) return st;
  return parse_owned(name, buf, len, f, out);
}

int sfhet_table_open(const char *path, const sfhet_read_opts *opts, sfhet_table **out) {
  *out = NULL;
  sfhet_read_opts o = opts ? *opts : (sfhet_read_opts){SFHET_FORMAT_AUTO, 0, NULL, 0};
  if (strcmp(path, "-") == 0) return read_stream(stdin, "<stdin>", NULL, &o, 0, out);
  char *file = NULL;
  const char *suffix = NULL;
  SFHET_TRY(split_suffix(path, &file, &suffix));
  int st = apply_suffix(path, suffix, &o);
  struct stat sb;
  FILE *fp = NULL;
  if (!st && stat(file, &sb) == 0 && S_ISDIR(sb.st_mode))
    SFHET_REPORT(st = SFHET_EIO, "%s: is a directory, not a data file", path);
  if (!st && !(fp = fopen(file, "rb")))
    SFHET_REPORT(st = SFHET_EIO, "%s: cannot open: %s", path, strerror(errno));
  if (!st) {
    size_t hint = (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)) ? (size_t)sb.st_size : 0;
    st = read_stream(fp, path, file, &o, hint, out);
  }
  if (fp) fclose(fp);
  free(file);
  return st;
}

int sfhet_table_read(const char *path, sfhet_table **out) { return sfhet_table_open(path, NULL, out); }
