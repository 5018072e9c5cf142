/* Shared helpers for the unit tests (cmocka). */
#ifndef SFHET_TESTUTIL_H
#define SFHET_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Asserts |a - b| <= atol + rtol*|b| with a message naming the quantity. */
void assert_close_msg(double a, double b, double rtol, double atol, const char *what, const char *file,
                      int line);
#define assert_close(a, b, rtol, atol) assert_close_msg((a), (b), (rtol), (atol), #a, __FILE__, __LINE__)

/* Runs the sfhet executable with a shell command line suffix; returns its exit status and captures
 * stdout and stderr (each malloc'ed, caller frees). */
int run_sfhet(const char *args, char **out, char **err);

/* Writes text to a fresh temporary file; returns its path (static buffer per call index). */
const char *write_temp(const char *text);

#endif
