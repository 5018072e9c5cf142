/* The public workspace of src/isingqc and the real-axis helpers shared by its files (internal). */
#ifndef SFHET_ISINGQC_QC_WS_H
#define SFHET_ISINGQC_QC_WS_H

#include "isingqc/qc_int.h"
#include "sfhet/isingqc.h"

struct sfhet_isingqc_ws {
  qc_solver sv;
};

/* Imaginary part of the energy on the real axis: Γ, or 1e-9 (|E| + Δ + b + 1 µeV) when Γ = 0. */
double qc_real_axis_im(const qc_model *m, double E);

/* DOS at one real energy E from the guess (NULL: none); st keeps the converged state. dN may be NULL. */
int qc_dos_point(qc_solver *sv, double E, const qc_c *guess, qc_scba *st, double *up, double *down,
                 double *dN);

#endif
