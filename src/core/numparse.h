/* Internal: locale-independent number parsing (the user's LC_NUMERIC never matters). */
#ifndef SFHET_CORE_NUMPARSE_H
#define SFHET_CORE_NUMPARSE_H

/* strtod in the C locale, whatever the process locale is. */
double sfhet_strtod(const char *s, char **end);

#endif
