/* Internal to src/io: the temporary-file registry that signal handlers clean, and the record of a
 * stream whose content is unusable (a JSON document with a non-finite number) so that committing it
 * fails. */
#ifndef SFHET_IO_INT_H
#define SFHET_IO_INT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

/* Remembers a temporary output file (removed by sfhet_outfile_remove_temps); 0, or -1 when the fixed
 * table is full (the file is then not removed on a signal). */
int io_temp_add(const char *path);

/* Forgets a temporary file (renamed into place or removed). */
void io_temp_forget(const char *path);

/* Blocks the termination signals (HUP, INT, QUIT, TERM, PIPE, XFSZ) in the calling thread, saving the
 * old mask in old; io_signals_restore puts it back. A temporary file is created and registered, and a
 * set renamed, with them blocked. */
void io_signals_block(sigset_t *old);
void io_signals_restore(const sigset_t *old);

/* Writes buf to standard output and flushes it; SFHET_EIO (reported) on a write error. */
int io_write_stdout(const char *buf, size_t len);

/* Marks fp's content as unusable with status and message (kept per thread). */
void io_mark_bad(FILE *fp, int status, const char *msg);

/* Clears any mark of fp (a new output on this stream). */
void io_clear_bad(FILE *fp);

/* The status of fp's mark (0: none) with its message in msg; clears it. */
int io_take_bad(FILE *fp, char *msg, size_t size);

#endif
