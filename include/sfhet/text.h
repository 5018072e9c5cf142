/* Text that sfhet echoes or writes: user text quoted safely in one-line messages, UTF-8 checks for
 * JSON, and CSV fields quoted when they need it (RFC 4180). */
#ifndef SFHET_TEXT_H
#define SFHET_TEXT_H

#include "sfhet/api.h"

#include <stddef.h>
#include <stdio.h>

SFHET_API_BEGIN

/* Copies text into buf (size >= 8) for a one-line message: control characters become \n, \r, \t or
 * \xHH, bytes that are not UTF-8 become \xHH, and text longer than size - 1 is cut with "...".
 * Returns buf (the empty string for NULL text). */
const char *sfhet_text_escape(char *buf, size_t size, const char *text);

/* Length of the valid UTF-8 sequence starting at s (1..4), or 0 if s does not start one (an invalid,
 * overlong, surrogate or truncated sequence, or the terminating NUL). */
size_t sfhet_utf8_len(const char *s);

/* Nonzero when the whole string is valid UTF-8. */
int sfhet_utf8_valid(const char *s);

/* Writes one CSV field: as is, or in double quotes with quotes doubled when it contains a comma, a
 * quote, a tab, a line break, leading or trailing spaces, or starts with '#' (a comment to readers);
 * line breaks inside become spaces (readers are line-based). */
void sfhet_csv_field(FILE *fp, const char *text);

SFHET_API_END

#endif
