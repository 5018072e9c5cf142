/* Tunnelling channels of a junction (internal). The spin-coherent conductance through a barrier with
 * transmission √(1 + P σ·f) (spin filter P along the unit vector f) is
 *   SIS  2 Tr[ρ1 T ρ2 T] = Σ_ch w_ch N1_ch ⋆ N2_ch,
 *        channels N↑, N↓ along f (w = 2(1 ± P)) and s·g1, s·g2 on the transverse pair of f
 *        (w = 4 √(1 − P²)), ρ = N/2 + s·σ the electrode's spin-resolved DOS;
 *   NIS  Tr[(1 + P σ·f) ρ] = (1 + P) N↑ + (1 − P) N↓ along f.
 * One channel (the total N) when no spin enters; two (collinear spins) unless both SIS electrodes
 * have a spin axis (sfhet_dos_info.spin_axis), whose spins may point anywhere: then four. */
#ifndef SFHET_JUNCTION_CHANNELS_H
#define SFHET_JUNCTION_CHANNELS_H

#include <stddef.h>

#include "sfhet/junction.h"

#define JUNCTION_MAXCH 4
#define JUNCTION_DOS_TMP 17 /* scratch doubles per node of junction_dos_channels */

/* Channel count of j, its weights w[JUNCTION_MAXCH] and the filter axis f[3] (zero: none, the spins
 * are collinear along each model's own axis). */
int junction_channels(const sfhet_junction *j, double *w, double *f);

/* Channel weights for nch channels and spin filter P. */
void junction_weights(int nch, double P, double *w);

/* One electrode's DOS per channel at the n energies x, in the frame of f (NULL or zero: the model's
 * own axis), and dN/dE unless dN is NULL (closed form, else a central difference with step `step`).
 * tmp: JUNCTION_DOS_TMP n doubles. */
int junction_dos_channels(const sfhet_dos_info *m, const double *p, int nch, const double *f, const double *x,
                          size_t n, double step, double *const *N, double *const *dN, double *tmp);

/* The same at one energy E: N[nch] and dN[nch] (dN may be NULL). */
int junction_dos_point(const sfhet_dos_info *m, const double *p, int nch, const double *f, double E, double step,
                       double *N, double *dN);

/* NIS kernel Ñ = (1 + P) N↑ + (1 − P) N↓ (N with one channel) of one energy's channels N. */
double junction_nis_weight(int nch, double P, const double *N);

/* Whether model m at p needs its channels rotated into the frame of f (a spin axis other than f). */
int junction_needs_rotation(const sfhet_dos_info *m, const double *p, const double *f);

#endif
