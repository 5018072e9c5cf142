/* Escaping of user text in messages, UTF-8 validation, CSV field quoting. */
#include "sfhet/text.h"

#include <string.h>

size_t sfhet_utf8_len(const char *text) {
  const unsigned char *s = (const unsigned char *)text;
  unsigned c = s[0];
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t n;
  unsigned min;
  if (c >= 0xc2 && c <= 0xdf) n = 2, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef) n = 3, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4) n = 4, min = 0x10000;
  else return 0;
  unsigned cp = c & (0x7fu >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0; /* also stops at the NUL of a truncated sequence */
    cp = (cp << 6) | (s[i] & 0x3fu);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

int sfhet_utf8_valid(const char *s) {
  while (*s) {
    size_t n = sfhet_utf8_len(s);
    if (!n) return 0;
    s += n;
  }
  return 1;
}

/* The escape of byte c ("\n", "\xHH", ...) into e (>= 5 bytes); its length. */
static size_t escape_byte(unsigned char c, char *e) {
  static const char hex[] = "0123456789abcdef";
  e[0] = '\\';
  switch (c) {
    case '\n': e[1] = 'n'; return 2;
    case '\r': e[1] = 'r'; return 2;
    case '\t': e[1] = 't'; return 2;
    default: break;
  }
  e[1] = 'x';
  e[2] = hex[c >> 4];
  e[3] = hex[c & 15];
  return 4;
}

const char *sfhet_text_escape(char *buf, size_t size, const char *text) {
  if (size < 8) {
    if (size) buf[0] = '\0';
    return buf;
  }
  size_t w = 0, cap = size - 4; /* room for "..." and the NUL */
  const char *s = text ? text : "";
  while (*s) {
    char e[8];
    size_t n = sfhet_utf8_len(s), len;
    unsigned char c = (unsigned char)*s;
    int plain = n > 1 || (n == 1 && c >= 0x20 && c != 0x7f);
    if (plain) memcpy(e, s, n), len = n;
    else len = escape_byte(c, e), n = 1;
    if (w + len > cap && (w + len > size - 1 || s[n])) {
      memcpy(buf + w, "...", 4);
      return buf;
    }
    memcpy(buf + w, e, len);
    w += len;
    s += n;
  }
  buf[w] = '\0';
  return buf;
}

static int needs_quotes(const char *t) {
  size_t n = strlen(t);
  if (n == 0) return 0;
  if (t[0] == '#' || t[0] == ' ' || t[n - 1] == ' ') return 1;
  return strpbrk(t, ",\"\t\r\n") != NULL;
}

void sfhet_csv_field(FILE *fp, const char *text) {
  const char *t = text ? text : "";
  if (!needs_quotes(t)) {
    fputs(t, fp);
    return;
  }
  fputc('"', fp);
  for (; *t; t++) {
    if (*t == '"') fputc('"', fp);
    fputc(*t == '\n' || *t == '\r' ? ' ' : *t, fp);
  }
  fputc('"', fp);
}
