/* Synthetic measured spectra: a junction model scaled and shifted like real data, with Gaussian noise,
 * single or as a field sweep (one or both sweep directions) whose parameters follow a saturating
 * profile, optionally with a field lag between the directions (a hysteretic sweep, seed 000 Fig. 3). */
#ifndef SFHET_SYNTH_H
#define SFHET_SYNTH_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/junction.h"

SFHET_API_BEGIN

/* A synthetic field sweep: parameter k of the junction is base value + change[k]·f(B) with the profile
 * f(B) = min(|B − dir·lag| / Bsat, 1)² (the in-plane magnetisation squared of an out-of-plane magnet
 * that saturates at Bsat, lagging by lag behind the field in sweep direction dir = ±1: the shape of
 * seed 000 Fig. 2f). Parameters that follow another (sfhet_junction_tie) follow it here too. */
typedef struct {
  sfhet_junction base;                       /* parameters at f = 0 */
  double change[SFHET_JUNCTION_MAX_PARAMS];  /* change of junction parameter k at saturation (f = 1) */
  double Bsat;                               /* saturation field [T] (> 0) */
  double lag;                                /* field lag of the magnetisation [T] (>= 0) */
  double gnn, V0;                            /* data = gnn·G(V − V0) + noise */
  double noise;                              /* Gaussian noise, standard deviation in units of data */
} sfhet_synth;

/* Initialises a sweep around junction j: no changes, Bsat = 0.4 T, no lag, gnn = 1, V0 = 0, no noise. */
void sfhet_synth_init(sfhet_synth *s, const sfhet_junction *j);

/* Checks Bsat, lag, noise and the changes against the parameters' bounds (errors name the option
 * "--d<name>" of a change). */
int sfhet_synth_check(const sfhet_synth *s);

/* The profile value f at field B [T] in sweep direction dir (+1 up, −1 down, 0: no lag). */
double sfhet_synth_profile(const sfhet_synth *s, double B, int dir);

/* The junction at field B in direction dir (parameters base + change·f). */
int sfhet_synth_junction(const sfhet_synth *s, double B, int dir, sfhet_junction *out);

/* One spectrum at field B, direction dir: y[n] = gnn·G(V − V0) + noise at biases V [mV], noise drawn
 * from the GSL generator rng (a gsl_rng *, may be NULL when noise = 0); ws: a junction workspace. */
int sfhet_synth_spectrum(const sfhet_synth *s, double B, int dir, const double *V, size_t n, void *rng,
                         double *y, sfhet_junction_ws *ws);

SFHET_API_END

#endif
