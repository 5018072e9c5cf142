/* Junction integrals on uniform energy lattices. The integrands are analytic in a strip of half-width
 * a = min(Γ1, Γ2, πkT) around the real axis and decay exponentially outside the thermal window, so the
 * trapezoid rule with spacing h converges like exp(−2πa/h) (Trefethen & Weideman, SIAM Rev. 56, 385
 * (2014)); the sum over every second node (spacing 2h) gives the error estimate.
 *   NIS: G(V) = ∫ Ñ(E) k_T(E − V) dE,      I(V) = ∫ Ñ(E) [f(E − V) − f(E)] dE,   Ñ = (1+P)N↑ + (1−P)N↓
 *   SIS: I(V) = Σ_σ w_σ ∫ N1σ(E) N2σ(E+V) [f(E) − f(E+V)] dE,  w_σ = 2(1 ± P)  (1 channel if unpolarised)
 *        G(V) = Σ_σ w_σ ∫ N1σ(E) [N2σ'(E+V)(f(E) − f(E+V)) + N2σ(E+V) k_T(E+V)] dE  (dI/dV exactly)
 * with k_T = −∂f/∂E. Biases that lie on one lattice V = base + idx·h (a uniform bias grid, h dividing
 * its step) share their DOS samples; other biases get their own lattice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junction/grid_int.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define WIN_EXTRA 14.0 /* thermal window: kT (ln(1/tol) + WIN_EXTRA) */

/* ---------------------------------------------------------------- driver */

/* Relative error of the spacing-h sum from the relative difference e2 between the h and 2h sums. The
 * trapezoid error of an integrand analytic in the strip a decays like K exp(−2πa/h), so
 * err(h)/err(2h) ≈ exp(−πa/h) (the power-law factors of the coherence-peak singularities are within √2);
 * the estimate is 16 e2 exp(−πa/h) (see spectral.c; in the tests never below the true error and within a
 * factor ~14 of it). The thermal-window truncation adds ~1e-10 tol. */
static double error_estimate(double e2, double a, double h) { return 16.0 * e2 * exp(-M_PI * a / h) + 1e-15; }

/* Lattice groups: a uniform bias grid is one group (h divides its step); otherwise one per bias. */
static size_t make_groups(const double *V, size_t n, double h, long *idx, double *base) {
  if (n >= 2) {
    double d = (V[n - 1] - V[0]) / (double)(n - 1);
    int uni = d != 0.0;
    for (size_t i = 0; i < n && uni; i++) uni = fabs(V[i] - (V[0] + (double)i * d)) <= 1e-9 * fabs(d);
    if (uni) {
      long m = (long)ceil(fabs(d) / h - 1e-9);
      for (size_t i = 0; i < n; i++) idx[i] = (long)i * m * (d > 0 ? 1 : -1);
      base[0] = V[0];
      return 1;
    }
  }
  for (size_t i = 0; i < n; i++) {
    idx[i] = 0;
    base[i] = V[i];
  }
  return n;
}

/* Grid spacing actually used: the bias step divided by an integer when the grid is uniform. */
static double lattice_h(const double *V, size_t n, size_t ngroups, double h) {
  if (ngroups != 1 || n < 2) return h;
  double d = fabs(V[n - 1] - V[0]) / (double)(n - 1);
  return d / ceil(d / h - 1e-9);
}

static void init_ctx(ctx *c, const sfhet_junction *j, double h, int wantG, int wantI, double tol) {
  c->j = j;
  c->h = h;
  c->kT = SFHET_KB_MEV * j->T;
  c->W = c->kT * (log(1.0 / tol) + WIN_EXTRA);
  c->nch = junction_channels(j, c->w, c->f);
  c->wantG = wantG;
  c->wantI = wantI;
}

int junction_grid(const sfhet_junction *j, const double *V, size_t n, double h, double *G, double *I,
                  double *G_err, double *err_max, sfhet_junction_ws *ws) {
  ctx c;
  double tol = j->rel_tol > 0.0 ? j->rel_tol : 1e-4;
  int wantG = G || G_err;
  long *idx = malloc(n * (sizeof *idx + 3 * sizeof(double) + sizeof(size_t)));
  if (!idx) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *base = (double *)(idx + n), *Gh = base + n, *G2 = Gh + n;
  size_t *who = (size_t *)(G2 + n);
  size_t ngr = make_groups(V, n, h, idx, base);
  init_ctx(&c, j, lattice_h(V, n, ngr, h), wantG, I != NULL, tol);
  for (size_t i = 0; i < n; i++) who[i] = i;
  size_t per = ngr == 1 ? n : 1;
  int st = SFHET_OK;
  side_a A;
  memset(&A, 0, sizeof A);
  if (j->kind == SFHET_JUNCTION_SIS) {
    grid_sis_extent_a(&c, V, n, &A.kA, &A.nA);
    double *buf = junction_ws_buf(ws, 1, SIDE_A_SIZE * A.nA);
    st = buf ? grid_sis_side_a(&c, V, n, &A, buf) : SFHET_ENOMEM;
  }
  for (size_t g = 0; g < ngr && !st; g++) {
    const size_t *w = who + g * per;
    if (j->kind == SFHET_JUNCTION_NIS) {
      double *buf = junction_ws_buf(ws, 0, grid_nis_buf_size(&c, V, idx, w, per));
      st = buf ? grid_nis_group(&c, V, idx, w, per, base[g], Gh, G2, I, buf) : SFHET_ENOMEM;
    } else {
      long l0, imin, imax;
      size_t nB;
      if (grid_use_fft(&c, &A, V, idx, w, per)) {
        grid_group_lags(idx, w, per, &imin, &imax);
        nB = A.nA + (size_t)(imax - imin);
        double *buf = junction_ws_buf(ws, 0, SIDE_B_SIZE * nB + A.nA + 6 * (size_t)(imax - imin + 1));
        st = buf ? grid_sis_group_fft(&c, &A, idx, w, per, base[g], Gh, G2, I, buf, ws) : SFHET_ENOMEM;
        continue;
      }
      grid_sis_extent_b(&c, &A, V, idx, w, per, &l0, &nB);
      double *buf = junction_ws_buf(ws, 0, SIDE_B_SIZE * nB);
      st = buf ? grid_sis_group(&c, &A, V, idx, w, per, base[g], Gh, G2, I, buf) : SFHET_ENOMEM;
    }
  }
  double emax = 0.0;
  for (size_t i = 0; i < n && !st && wantG; i++) {
    double sc = fabs(Gh[i]) + 1e-3, e = error_estimate(fabs(Gh[i] - G2[i]) / sc, junction_strip(j), c.h) * sc;
    e += 10.0 * exp(-c.W / c.kT) * (fabs(Gh[i]) + 1.0); /* window truncation, ~1e-5 tol */
    e += 5e-2 * tol * sc; /* not resolved below 5 % of the tolerance (phases of the 2h error) */
    if (G) G[i] = Gh[i];
    if (G_err) G_err[i] = e;
    emax = fmax(emax, e / sc);
  }
  free(idx);
  if (st == SFHET_ENOMEM) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  *err_max = emax;
  return st;
}
