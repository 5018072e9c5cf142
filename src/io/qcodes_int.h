/* Internal: the QCoDeS reader's parts (qcodes.c: runs; qcodes_results.c: parameters and results). */
#ifndef SFHET_IO_QCODES_INT_H
#define SFHET_IO_QCODES_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "io/table_int.h"

/* name quoted as an SQL identifier ("a""b") into buf. */
void qc_quote(const char *name, char *buf, size_t size);

/* The parameters of run (names, units, labels) as columns, and its results table as rows. */
int qc_read_results(sfhet_table *t, sqlite3 *db, long run, const char *result_table);

#endif
