/* Minimal FFT floor kernel of the SIS dI/dV curve (benchmark reference, no error control): DOS once on
 * one uniform energy grid, G(V) = Σ_k (N f)_k N'_{k+i} + N_k (N k_T − N' f)_{k+i} as two correlations
 * (4 r2c + 1 c2r), the lock-in first harmonic as a multiplication by 2 J1(ω V_ac)/(ω V_ac), biases on
 * the lattice (spacing h = bias step / m). Setup (plans, kernel) is separate from the timed run. */
#ifndef SFHET_BENCH_FLOOR_KERNEL_H
#define SFHET_BENCH_FLOOR_KERNEL_H

#include <stddef.h>

typedef struct floor_plan floor_plan;

/* Plan for n uniform biases v0 + i·step, Dynes Δ, Γ (both electrodes), temperature T [K], peak
 * lock-in vac [mV], lattice spacing step/m and thermal window W [meV]. NULL when out of memory. */
floor_plan *floor_setup(double delta, double gamma, double T, double vac, double v0, double step, size_t n,
                        int m, double W);

/* G at the n biases. */
void floor_run(floor_plan *p, double *G);

void floor_free(floor_plan *p);

#endif
