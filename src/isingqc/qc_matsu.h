/* Matsubara-axis pieces of src/isingqc (internal): the anomalous function and the gap function. */
#ifndef SFHET_ISINGQC_QC_MATSU_H
#define SFHET_ISINGQC_QC_MATSU_H

#include "isingqc/qc_int.h"

/* Linear response f'(0) = ∂f/∂Δ at Δ = 0 at Matsubara frequency omega > 0 [meV] (Δ of sv ignored). */
int qc_lin_kernel(const qc_solver *sv, double omega, double *f1);

/* f(ω) = −¼ Tr[τ2 ⟨g(iω + iΓ)⟩] of the self-consistent solution at Δ of sv; guess may be NULL. */
int qc_exact_f(qc_solver *sv, double omega, const qc_c *guess, qc_scba *st, double *f);

/* g(Δ) = ln(T/Tc0) + 2πT Σ_n [1/ω_n − f(ω_n)/Δ] at Δ = sv->m.delta (Δ = 0: the linearised equation);
 * temperatures in K. */
int qc_gap_function(qc_solver *sv, double Tc0, double T, double *g);

#endif
