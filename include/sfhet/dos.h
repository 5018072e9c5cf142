/* Superconducting densities of states, normalised to the normal state. Each model is one file declaring
 * a complete const sfhet_dos_info (designated initialisers); the registry lists them. The junction
 * engine, the fitter, the CLI and the conformance tests learn everything about a model from its info:
 * never from its name or its parameter names. */
#ifndef SFHET_DOS_H
#define SFHET_DOS_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"

SFHET_API_BEGIN

/* Maximum number of parameters of one DOS model. */
#define SFHET_DOS_MAX_PARAMS 16

/* Maximum number of conformance test cases of one model. */
#define SFHET_DOS_MAX_TESTS 8

/* Evaluates N(E) at n energies E [meV] for parameter values p (in the order of the info's table).
 * N, N_up and N_down may each be NULL (N = N_up + N_down; models without spin splitting fill N_up and
 * N_down with N/2). Energies may come in any order. Returns SFHET_OK or an error status. */
typedef int sfhet_dos_eval_fn(const double *p, const double *E, size_t n, double *N, double *N_up,
                              double *N_down);

/* N and dN/dE in closed form, per tunnelling channel: nch = 1 fills N[0] = N (total), nch = 2 fills
 * N[0] = N_up, N[1] = N_down; dN (same layout) may be NULL. Models with a spin_axis also take nch = 4:
 * N_up, N_down along that axis n, then s·e1 and s·e2, the spin density s (N_up − N_down = 2 s·n) on the
 * transverse pair (e1, e2) = sfhet_spin_frame(n); for nch = 4 with dN == NULL they never return
 * SFHET_CONTINUE. Returns SFHET_OK, or SFHET_CONTINUE when these parameter values are outside the closed
 * form's domain (the caller then uses eval and a difference quotient). */
typedef int sfhet_dos_eval_de_fn(const double *p, const double *E, size_t n, int nch, double *const *N,
                                 double *const *dN);

/* dN/dp_k in closed form for the nk parameter indices k[] at n energies, per channel as above:
 * dN[ch][j * n + i] = ∂N_ch(E_i)/∂p_{k[j]}. Returns SFHET_OK, or SFHET_CONTINUE when not available for
 * these parameters (the caller differentiates numerically). */
typedef int sfhet_dos_dparam_fn(const double *p, const double *E, size_t n, int nch, const size_t *k,
                                size_t nk, double *const *dN);

/* Lab-frame unit vector n of the spin axis along which eval's N_up, N_down are taken, for models whose
 * quasiparticle spin can point off it (spin-orbit locking); the junction then forms the full spin trace.
 * Returns 0 when the spin density is exactly along n at these values (for any E), else 1. */
typedef int sfhet_dos_axis_fn(const double *p, double *n);

/* Half-width [meV] of the strip around the real energy axis in which N(E) is analytic: the smallest
 * Lorentzian (Dynes-like) broadening. 0 when N has sharp (BCS-like) edges or singular points. */
typedef double sfhet_dos_width_fn(const double *p);

/* Energies [meV] of N's features (gap edges, spin-split edges, singular points), at most max of them
 * written to E; returns how many. Grids and quadratures put nodes there. */
typedef size_t sfhet_dos_edges_fn(const double *p, double *E, size_t max);

/* Nonzero when N(E) = N(−E) holds exactly for these values (e.g. at zero exchange field). */
typedef int sfhet_dos_even_fn(const double *p);

/* Start values for a fit from estimates read off a spectrum: gap [meV] (the coherence-peak energy of
 * this electrode) and width [meV] (the peak's half width). Writes the parameters it can guess into p
 * (which holds the current values); the fitter keeps only those of free parameters not given. */
typedef void sfhet_dos_start_fn(double gap, double width, double *p);

/* A caveat for fits with these values (printed with the fit's result), or NULL. */
typedef const char *sfhet_dos_note_fn(const double *p);

/* Checks of the conformance suite (tests/test_dos_conformance.c) that apply to a test case; N -> 1 far
 * from the gap, spectral-weight conservation and NIS/SIS evaluation apply to every case. */
enum {
  SFHET_DOS_TEST_EVEN = 1u << 0, /* N(E) = N(−E) (and even(p) must say so) */
  SFHET_DOS_TEST_BCS = 1u << 1,  /* N equals the Dynes DOS with bcs_delta, bcs_gamma */
  SFHET_DOS_TEST_FIT = 1u << 2   /* an SIS fit of synthetic noisy data recovers the parameters in free */
};

/* One conformance test case: parameter values and the checks that apply. */
typedef struct {
  double p[SFHET_DOS_MAX_PARAMS];
  unsigned checks;              /* SFHET_DOS_TEST_* */
  double bcs_delta, bcs_gamma;  /* with SFHET_DOS_TEST_BCS [meV] */
  const char *free;             /* with SFHET_DOS_TEST_FIT: comma list of fitted parameters */
} sfhet_dos_test;

/* A DOS model: everything the engine, the fitter, the CLI and the tests need. */
typedef struct {
  const char *name;      /* CLI name, e.g. "dynes" */
  const char *summary;   /* one line */
  const char *reference; /* paper and equation */
  size_t n_params;
  const sfhet_param_info *params; /* names must not end in the second-electrode suffix of another
                                     model's name, nor equal a junction or fit parameter (checked by
                                     sfhet_junction_registry_check) */
  int spin_resolved;              /* nonzero if N_up != N_down in general */
  sfhet_dos_eval_fn *eval;        /* required */
  sfhet_dos_width_fn *width;      /* required */
  sfhet_dos_edges_fn *edges;      /* required */
  sfhet_dos_even_fn *even;        /* NULL: N(E) = N(−E) always */
  sfhet_dos_start_fn *start;      /* NULL: no automatic start values */
  sfhet_dos_eval_de_fn *eval_de;  /* NULL: eval and a difference quotient */
  sfhet_dos_dparam_fn *dparam;    /* NULL: numerical parameter derivatives */
  sfhet_dos_note_fn *fit_note;    /* NULL: no caveat */
  sfhet_dos_axis_fn *spin_axis;   /* NULL: spins collinear (N_up, N_down along one abstract axis) */
  size_t n_tests;
  sfhet_dos_test tests[SFHET_DOS_MAX_TESTS];
} sfhet_dos_info;

/* Number of registered DOS models. */
size_t sfhet_dos_count(void);

/* Registered model i (0 <= i < count). */
const sfhet_dos_info *sfhet_dos_get(size_t i);

/* Model by name, or NULL. */
const sfhet_dos_info *sfhet_dos_find(const char *name);

/* Dynes DOS at one energy: Re[z / (sqrt(z - delta) sqrt(z + delta))], z = E + i gamma [meV]. */
double sfhet_dynes_n(double E, double delta, double gamma);

/* The transverse pair (e1, e2) of a unit vector n [3]: e1 = ẑ × n normalised (x̂ when n ∥ ẑ) and
 * e2 = n × e1, so (e1, e2, n) is right-handed. The one rule for every model's nch = 4 channels. */
void sfhet_spin_frame(const double *n, double *e1, double *e2);

/* Checks every parameter value of a model against its bounds; errors name the option ("--delta"). */
int sfhet_dos_check(const sfhet_dos_info *model, const double *p);

SFHET_API_END

#endif
