/* Closed forms shared by DOS model files (internal). */
#ifndef SFHET_DOS_COMMON_H
#define SFHET_DOS_COMMON_H

#include <stddef.h>

/* Dynes N(E) and dN/dE (dN may be NULL) from one square root, Γ > 0:
 * s = sqrt(z² − Δ²) on the retarded branch (Im s > 0), N = Re(z/s), N' = Re(−Δ²/s³), z = E + iΓ. */
void dos_dynes_nd(double E, double delta, double gamma, double *N, double *dN);

/* Dynes dN/dΔ = Re(zΔ/s³) and dN/dΓ = Im(Δ²/s³), Γ > 0. */
void dos_dynes_dparam(double E, double delta, double gamma, double *dN_ddelta, double *dN_dgamma);

/* Gap edges ±Δ, and with h != 0 the spin-split edges ±Δ ± h: {−Δ, Δ, −Δ−h, −Δ+h, Δ−h, Δ+h}. */
size_t dos_edges_split(double delta, double h, double *E, size_t max);

/* Reports and returns SFHET_ERANGE for an energy exactly on a divergence of a Γ = 0 DOS (edge names it,
 * e.g. "E = ±Δ"): no finite limit Γ -> 0+ exists there, so the user's grid must step over it or Γ > 0. */
int dos_divergence(const char *model, double E, const char *edge);

#endif
