/* Internal: numpy .npy arrays (QCoDeS stores array parameters as .npy blobs). */
#ifndef SFHET_IO_NPY_H
#define SFHET_IO_NPY_H

#include <stddef.h>

/* Decodes a .npy blob of a real numeric dtype (f2 excluded; f4, f8, i1..i8, u1..u8, either byte
 * order) into *values (malloc'ed, *n elements, C order flattened). Returns 0, or -1 with a short
 * reason in why (size >= 96). */
int npy_decode(const unsigned char *blob, size_t len, double **values, size_t *n, char *why);

#endif
