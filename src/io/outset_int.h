/* Internal to src/io: how sfhet_outfile takes part in the thread's current output set (outset.c). */
#ifndef SFHET_OUTSET_INT_H
#define SFHET_OUTSET_INT_H

#include "sfhet/output.h"

/* SFHET_EUSAGE (reported, what names the output) when the current set already has an output to the
 * file o->path; SFHET_OK otherwise or without a set. */
int outset_check(const sfhet_outfile *o, const char *what);

/* Joins a temporary-file output to the current set (no-op without a set or for direct outputs). */
int outset_join(sfhet_outfile *o);

/* The output is complete: the set will rename it; o gives up its paths. */
int outset_finish(sfhet_outfile *o);

/* The output needs nothing more from the set (aborted, or committed outside a set). */
void outset_done(sfhet_outfile *o);

#endif
