/* Status table, last-error record and the replaceable error handler. */
#include "sfhet/error.h"
#include "sfhet/text.h"

#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Library initialisation, once at load time and before any thread exists: GSL's default error
 * handler aborts the process, and its handler is process-global (toggling it inside calls that run in
 * parallel sweeps would race). sfhet checks every GSL status it gets, so the handler is switched off
 * here once and never touched again. A program embedding sfhet that wants GSL's aborts back can set
 * its own handler after loading (sfhet then still sees the returned statuses). */
__attribute__((constructor)) static void sfhet_library_init(void) { gsl_set_error_handler_off(); }

static _Thread_local char last_msg[1024], raw_msg[1024];
static _Thread_local int last_status;
static sfhet_error_handler_t *current_handler;

const char *sfhet_strerror(int status) {
  switch (status) {
#define SFHET_X_MSG(name, value, cls, msg) \
  case value:                              \
    return msg;
    SFHET_STATUS_LIST(SFHET_X_MSG)
#undef SFHET_X_MSG
  }
  return "unknown status";
}

int sfhet_status_exit_code(int status) {
  switch (status) {
#define SFHET_X_CLS(name, value, cls, msg) \
  case value:                              \
    return cls;
    SFHET_STATUS_LIST(SFHET_X_CLS)
#undef SFHET_X_CLS
  }
  return 1;
}

sfhet_error_handler_t *sfhet_set_error_handler(sfhet_error_handler_t *handler) {
  sfhet_error_handler_t *old = current_handler;
  current_handler = handler;
  return old;
}

/* Every message is made one line here: a newline or other control character in quoted user text
 * (an option value, a file name) is escaped, so no caller has to remember. */
void sfhet_error(int status, const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(raw_msg, sizeof raw_msg, fmt, ap);
  va_end(ap);
  sfhet_text_escape(last_msg, sizeof last_msg, raw_msg); /* one line, whatever user text it quotes */
  last_status = status;
  if (current_handler)
    current_handler(status, file, line, last_msg);
}

const char *sfhet_last_error(void) { return last_msg; }

int sfhet_last_status(void) { return last_status; }

void sfhet_clear_error(void) {
  last_msg[0] = '\0';
  last_status = SFHET_OK;
}
