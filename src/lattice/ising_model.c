/* Tight-binding model of monolayer NbSe2 (seed 003 App. A): parameters, bands, λ_soc. */
#include <math.h>

#include "lattice/ising_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define E SFHET_DIM_ENERGY
#define N SFHET_DIM_NONE
const sfhet_param_info sfhet_ising_params[SFHET_ISING_NPARAMS] = {
    {"eps", "ε", E, -44.5, -2000, 2000, 0, "on-site energy (Table I)"},
    {"t0", "t0", E, 26.3, -2000, 2000, 0, "1st-neighbour hopping (Table I)"},
    {"t1", "t1", E, 99.1, -2000, 2000, 0, "2nd-neighbour hopping (Table I)"},
    {"t2", "t2", E, -1.4, -2000, 2000, 0, "3rd-neighbour hopping (Table I)"},
    {"t3", "t3", E, -11.2, -2000, 2000, 0, "4th-neighbour hopping (Table I)"},
    {"t4", "t4", E, -14.6, -2000, 2000, 0, "5th-neighbour hopping (Table I)"},
    {"t5", "t5", E, 2.5, -2000, 2000, 0, "6th-neighbour hopping (Table I)"},
    {"phi0", "φ0", N, 0.6, -M_PI, M_PI, 0, "1st-neighbour SOC phase, rad (λ_soc = 3√3 t0 sin φ0)"},
    {"phi1", "φ1", N, 0, -M_PI, M_PI, 0, "2nd-neighbour SOC phase, rad"},
    {"phi2", "φ2", N, 0, -M_PI, M_PI, 0, "3rd-neighbour SOC phase, rad"},
    {"phi3", "φ3", N, 0, -M_PI, M_PI, 0, "4th-neighbour SOC phase, rad"},
    {"phi4", "φ4", N, 0, -M_PI, M_PI, 0, "5th-neighbour SOC phase, rad"},
    {"phi5", "φ5", N, 0, -M_PI, M_PI, 0, "6th-neighbour SOC phase, rad"},
    {"delta0", "Δ0", E, 0.4653, 1e-3, 50, SFHET_PARAM_LO_OPEN,
     "gap at T = 0, J = 0 fixing the coupling g (1.8 kB 3 K)"},
    {"rtol", "", N, 1e-4, 1e-8, 1e-2, 0, "relative tolerance of the adaptive BZ cubature"},
};
#undef E
#undef N

/* Terms cos(nα + mβ − s φ_i) of eqs. A1 (ξ↑; ξ↓ has −φ), with the sixth-neighbour slip corrected. */
typedef struct {
  signed char shell, n, m, s;
} ising_term;

static const ising_term terms[] = {
    {0, 2, 0, 1},   {0, 1, 1, -1},  {0, 1, -1, -1},                                  /* t0 */
    {1, 3, -1, 1},  {1, 0, 2, 1},   {1, 3, 1, -1},                                   /* t1 */
    {2, 2, 2, 1},   {2, 2, -2, 1},  {2, 4, 0, -1},                                   /* t2 */
    {3, 5, 1, 1},   {3, 4, -2, 1},  {3, 4, 2, -1}, {3, 1, -3, -1}, {3, 5, -1, -1},
    {3, 1, 3, -1},                                                                   /* t3 */
    {4, 3, -3, 1},  {4, 3, 3, 1},   {4, 6, 0, -1},                                   /* t4 */
    {5, 6, -2, 1},  {5, 0, 4, 1},   {5, 6, 2, -1},                                   /* t5 */
};
#define NTERMS (sizeof terms / sizeof terms[0])

void sfhet_ising_model_default(sfhet_ising_model *m) {
  sfhet_param_defaults(sfhet_ising_params, SFHET_ISING_NPARAMS, m->p);
}

double sfhet_ising_lambda_soc(const sfhet_ising_model *m) {
  return 3.0 * sqrt(3.0) * m->p[SFHET_ISING_T0] * sin(m->p[SFHET_ISING_PHI0]);
}

int sfhet_ising_set_lambda(sfhet_ising_model *m, double lambda) {
  double t0 = m->p[SFHET_ISING_T0], x = lambda / (3.0 * sqrt(3.0) * t0);
  if (!isfinite(lambda) || !(fabs(x) <= 1))
    SFHET_ERROR(SFHET_EINVAL, "--lambda: %g meV is not reachable with t0 = %g meV (|lambda| <= 3√3 |t0| = %g meV)",
                lambda, t0, 3.0 * sqrt(3.0) * fabs(t0));
  m->p[SFHET_ISING_PHI0] = asin(x);
  return SFHET_OK;
}

void ising_band_init(ising_band *bd, const sfhet_ising_model *m) {
  bd->eps = m->p[SFHET_ISING_EPS];
  bd->mirror = 1;
  for (int i = 0; i < 6; i++) {
    double phi = m->p[SFHET_ISING_PHI0 + i];
    bd->t[i] = m->p[SFHET_ISING_T0 + i];
    bd->cphi[i] = cos(phi);
    bd->sphi[i] = sin(phi);
    if (i > 0 && phi != 0.0) bd->mirror = 0;
  }
}

void ising_band_eb(const ising_band *bd, double kx, double ky, double *e, double *b) {
  double ca[7], sa[7], cb[5], sb[5];
  double al = 0.5 * kx, be = 0.5 * sqrt(3.0) * ky;
  ca[0] = 1, sa[0] = 0, cb[0] = 1, sb[0] = 0;
  ca[1] = cos(al), sa[1] = sin(al), cb[1] = cos(be), sb[1] = sin(be);
  for (int n = 2; n <= 6; n++) {
    ca[n] = ca[n - 1] * ca[1] - sa[n - 1] * sa[1];
    sa[n] = sa[n - 1] * ca[1] + ca[n - 1] * sa[1];
  }
  for (int n = 2; n <= 4; n++) {
    cb[n] = cb[n - 1] * cb[1] - sb[n - 1] * sb[1];
    sb[n] = sb[n - 1] * cb[1] + cb[n - 1] * sb[1];
  }
  double se = 0, sbeta = 0;
  for (size_t i = 0; i < NTERMS; i++) {
    const ising_term *q = &terms[i];
    int am = q->m < 0 ? -q->m : q->m;
    double cm = cb[am], sm = q->m < 0 ? -sb[am] : sb[am];
    double cx = ca[q->n] * cm - sa[q->n] * sm, sx = sa[q->n] * cm + ca[q->n] * sm;
    double tt = 2.0 * bd->t[(int)q->shell];
    se += tt * cx * bd->cphi[(int)q->shell];
    sbeta += tt * q->s * sx * bd->sphi[(int)q->shell];
  }
  *e = se + bd->eps;
  *b = sbeta;
}

void sfhet_ising_xi(const sfhet_ising_model *m, double kx, double ky, double *xi_up, double *xi_dn) {
  ising_band bd;
  double e, b;
  ising_band_init(&bd, m);
  ising_band_eb(&bd, kx, ky, &e, &b);
  *xi_up = e + b;
  *xi_dn = e - b;
}

int sfhet_ising_bands(const sfhet_ising_model *m, size_t n, double *kx, double *ky, double *xi_up,
                      double *xi_dn) {
  if (n < 4) SFHET_ERROR(SFHET_EINVAL, "--k: need at least 4 points along Γ–M–K–Γ, got %zu", n);
  /* Γ (0,0), M (π, π/√3), K (4π/3, 0), Γ; points evenly spaced in path length. */
  const double px[4] = {0, M_PI, 4 * M_PI / 3, 0}, py[4] = {0, M_PI / sqrt(3.0), 0, 0};
  double len[3], total = 0;
  for (int s = 0; s < 3; s++) total += len[s] = hypot(px[s + 1] - px[s], py[s + 1] - py[s]);
  for (size_t i = 0; i < n; i++) {
    double x = total * (double)i / (double)(n - 1);
    int s = 0;
    while (s < 2 && x > len[s]) x -= len[s++];
    double u = x / len[s];
    if (u > 1) u = 1;
    kx[i] = px[s] + u * (px[s + 1] - px[s]);
    ky[i] = py[s] + u * (py[s + 1] - py[s]);
    sfhet_ising_xi(m, kx[i], ky[i], &xi_up[i], &xi_dn[i]);
  }
  return SFHET_OK;
}

double ising_scale(const sfhet_ising_model *m, double kT, double floor) {
  double d0 = m->p[SFHET_ISING_DELTA0], want = kT > 0 ? fmin(d0, M_PI * kT) : d0;
  double s = d0;
  while (s > want * 1.0000001 && s > floor * d0 * 1.0000001) s *= 0.5;
  return s;
}

