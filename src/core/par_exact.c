/* Reproducible sums over ranks (sfhet/par.h): each column's terms are summed exactly as 128-bit
 * fixed-point integers with a quantum of 2^-86 of the column's largest |term| (so up to 2^40 terms
 * cannot overflow) and the exact sum is rounded once to a double. Integer addition is associative, so
 * the result is the same for any distribution of the terms over ranks and threads and any order (the
 * "long accumulator" idea of Kulisch; cf. Demmel & Nguyen, IEEE TC 64, 2060 (2015), for reproducible
 * floating-point reductions). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "core/par_hooks.h"
#include "sfhet/error.h"
#include "sfhet/par.h"

#define FIXED_BITS 86     /* |term| < 2^E is stored as term * 2^(86 - E): below 2^86 */
#define NONFINITE INT_MAX /* exponent mark of a column with a NaN or an infinite term */
#define EMPTY INT_MIN     /* exponent mark of a column whose terms are all zero */

/* Largest binary exponent of each column's terms (frexp: |t| < 2^e), marks for empty and non-finite. */
static void column_exponents(const double *terms, size_t nrows, size_t n, int *e) {
  for (size_t k = 0; k < n; k++) e[k] = EMPTY;
  for (size_t r = 0; r < nrows; r++)
    for (size_t k = 0; k < n; k++) {
      double t = terms[r * n + k];
      int ex;
      if (!isfinite(t)) e[k] = NONFINITE;
      else if (t != 0 && e[k] != NONFINITE && (frexp(t, &ex), ex > e[k])) e[k] = ex;
    }
}

int sfhet_par_sum_exact(const double *terms, size_t nrows, size_t n, double *sum) {
  int *e = malloc((n ? n : 1) * sizeof *e);
  par_i128 *acc = malloc((n ? n : 1) * sizeof *acc);
  int st = e && acc ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  if (!st) {
    column_exponents(terms, nrows, n, e);
    st = par_hook_max_int(e, n);
  }
  for (size_t k = 0; !st && k < n; k++) {
    acc[k] = 0;
    if (e[k] == EMPTY || e[k] == NONFINITE) continue;
    for (size_t r = 0; r < nrows; r++) acc[k] += (par_i128)ldexp(terms[r * n + k], FIXED_BITS - e[k]);
  }
  if (!st) st = par_hook_sum_i128(acc, n);
  for (size_t k = 0; !st && k < n; k++)
    sum[k] = e[k] == NONFINITE ? NAN : e[k] == EMPTY ? 0.0 : ldexp((double)acc[k], e[k] - FIXED_BITS);
  free(e), free(acc);
  return st;
}

int sfhet_par_min_index(size_t *i) {
  int v = *i >= (size_t)INT_MAX ? -INT_MAX : -(int)*i; /* min(i) = -max(-i) */
  SFHET_TRY(par_hook_max_int(&v, 1));
  *i = v == -INT_MAX ? (size_t)-1 : (size_t)-v;
  return SFHET_OK;
}
