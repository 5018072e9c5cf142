/* sfhet error scheme: one status enum, one message table, a replaceable handler.
 * The library never prints, aborts or exits; it reports through the handler and returns the status. */
#ifndef SFHET_ERROR_H
#define SFHET_ERROR_H

#include "sfhet/api.h"

SFHET_API_BEGIN

/* X-macro: code name, value, exit class (2 usage/input, 1 computation), message. SFHET_CONTINUE is
 * no error: an iterate/test step that is not finished yet, or an optional path that does not apply. */
#define SFHET_STATUS_LIST(X)                                              \
  X(SFHET_OK, 0, 0, "success")                                            \
  X(SFHET_EINVAL, 1, 2, "invalid argument")                               \
  X(SFHET_EUNIT, 2, 2, "wrong unit or dimension")                         \
  X(SFHET_EPARSE, 3, 2, "malformed input")                                \
  X(SFHET_EIO, 4, 2, "input/output error")                                \
  X(SFHET_ERANGE, 5, 2, "value out of range")                             \
  X(SFHET_EDATA, 6, 2, "unusable data")                                   \
  X(SFHET_ENOMEM, 7, 1, "out of memory")                                  \
  X(SFHET_ENOCONV, 8, 1, "no convergence")                                \
  X(SFHET_ENOSOL, 9, 1, "no solution")                                    \
  X(SFHET_EFAILED, 10, 1, "computation failed")                           \
  X(SFHET_EUSAGE, 11, 2, "bad usage")                                     \
  X(SFHET_CONTINUE, 12, 1, "iteration not finished")

typedef enum {
#define SFHET_X_ENUM(name, value, cls, msg) name = value,
  SFHET_STATUS_LIST(SFHET_X_ENUM)
#undef SFHET_X_ENUM
} sfhet_status;

/* Signature of an error handler: status, source file and line, formatted message. */
typedef void sfhet_error_handler_t(int status, const char *file, int line, const char *msg);

/* Static message of a status code ("unknown status" for unknown codes). */
const char *sfhet_strerror(int status);

/* Exit class of a status: 0 for success, 2 for usage/input errors, 1 for computational failures. */
int sfhet_status_exit_code(int status);

/* Installs a handler (NULL restores the default, which only records the message); returns the old one. */
sfhet_error_handler_t *sfhet_set_error_handler(sfhet_error_handler_t *handler);

/* Reports an error through the current handler and records it as this thread's last error. */
void sfhet_error(int status, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* This thread's last recorded error message ("" if none). */
const char *sfhet_last_error(void);

/* This thread's last recorded status (SFHET_OK if none). */
int sfhet_last_status(void);

/* Clears this thread's last error. */
void sfhet_clear_error(void);

/* Report and return: use inside functions that return an int status. */
#define SFHET_ERROR(status, ...)                                 \
  do {                                                           \
    sfhet_error((status), __FILE__, __LINE__, __VA_ARGS__);      \
    return (status);                                             \
  } while (0)

/* Report without returning (for use before cleanup). */
#define SFHET_REPORT(status, ...) sfhet_error((status), __FILE__, __LINE__, __VA_ARGS__)

/* Propagate a non-zero status from a call. */
#define SFHET_TRY(call)              \
  do {                               \
    int sfhet_try_status_ = (call);  \
    if (sfhet_try_status_ != 0)      \
      return sfhet_try_status_;      \
  } while (0)

SFHET_API_END

#endif
