/* Internal: fast, correctly rounded decimal parsing for table cells. */
#ifndef SFHET_IO_FASTNUM_H
#define SFHET_IO_FASTNUM_H

/* Like strtod in the C locale (exact fast path (Clinger) for short decimals, strtod_l otherwise), but
 * hexadecimal numbers are refused (*end == s). */
double sfhet_fast_strtod(const char *s, char **end);

#endif
