/* libFuzzer target: the text writers on arbitrary bytes. Checks that an escaped message is one line of
 * valid UTF-8 that fits its buffer, that a JSON string is valid UTF-8 without raw control characters,
 * and that a CSV field never spans two lines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/output.h"
#include "sfhet/text.h"

static void require(int ok) {
  if (!ok) __builtin_trap();
}

/* No byte below 0x20 or DEL (except where allowed), valid UTF-8. */
static void clean_line(const char *s, int allow_newline_at_end) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (allow_newline_at_end && c == '\n' && i + 1 == n) continue;
    require(c >= 0x20 && c != 0x7f);
  }
  require(sfhet_utf8_valid(s));
}

static char *written(void (*fn)(FILE *, const char *), const char *text) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  fn(fp, text);
  fclose(fp);
  return buf;
}

static void json_string(FILE *fp, const char *text) {
  sfhet_json j;
  sfhet_json_begin(&j, fp, 0);
  sfhet_json_string(&j, text, text);
  sfhet_json_end(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > 4096) return 0;
  size_t bufsize = 8 + data[0];
  char *s = malloc(size);
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  char *b = malloc(bufsize);
  sfhet_text_escape(b, bufsize, s);
  require(strlen(b) < bufsize);
  clean_line(b, 0);
  int valid = 1;
  for (const char *p = s; *p;) {
    size_t n = sfhet_utf8_len(p);
    if (!n) {
      valid = 0;
      break;
    }
    p += n;
  }
  require(valid == sfhet_utf8_valid(s));
  char *js = written(json_string, s);
  clean_line(js, 1);
  char *csv = written(sfhet_csv_field, s);
  require(!strpbrk(csv, "\r\n"));
  free(js), free(csv), free(b), free(s);
  return 0;
}
