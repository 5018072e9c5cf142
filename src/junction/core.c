/* Chooses the integrator for the raw junction integrals: uniform lattices (grid.c) refined until the
 * estimated error meets the tolerance, or per-bias adaptive quadrature (adaptive.c) when an electrode is
 * BCS-like (Γ = 0) or the lattice would be unreasonably fine. */
#include <math.h>
#include <stdlib.h>

#include "junction/adaptive.h"
#include "junction/cold.h"
#include "junction/core.h"
#include "junction/grid.h"
#include "junction/spectral.h"
#include "junction/ws_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAX_NODES 4e6   /* largest lattice before falling back to adaptive quadrature */
#define MAX_REFINE 4

/* Per-bias adaptive quadrature; an estimated error above the requested accuracy is a failure (a
 * nearly singular integrand, e.g. SIS with Γ ~ 1e-9 meV, used to return G = 15 ± 26 with success). */
static int adaptive_all(const sfhet_junction *j, const double *V, size_t n, double *G, double *I,
                        double *G_err, double tol, sfhet_junction_ws *ws) {
  for (size_t i = 0; i < n; i++) {
    double v, e;
    if (G || G_err) {
      SFHET_TRY(junction_adaptive_point(j, V[i], 1, tol * 1e-2, &v, &e, ws));
      if (!(e <= tol * (fabs(v) + 1e-3)))
        SFHET_ERROR(SFHET_ENOCONV, "junction: adaptive quadrature at V = %g mV reached a relative error of %.2g "
                    "(requested %.2g): the integrand is nearly singular; try a larger --gamma or --accuracy",
                    V[i], e / (fabs(v) + 1e-3), tol);
      if (G) G[i] = v;
      if (G_err) G_err[i] = e;
    }
    if (I) SFHET_TRY(junction_adaptive_point(j, V[i], 0, tol * 1e-2, &I[i], &e, ws));
  }
  return SFHET_OK;
}

/* Lattice extent estimate: bias span plus thermal windows, in nodes of spacing h. */
static double lattice_nodes(const sfhet_junction *j, const double *V, size_t n, double h, double tol) {
  double vmin = 0.0, vmax = 0.0, W = SFHET_KB_MEV * j->T * (log(1.0 / tol) + 14.0);
  for (size_t i = 0; i < n; i++) vmin = fmin(vmin, V[i]), vmax = fmax(vmax, V[i]);
  return (vmax - vmin + 2.0 * W) / h;
}

/* G(−V) = G(V) and I(−V) = −I(V) hold exactly when the weighted DOS is particle-hole symmetric: NIS with
 * P = 0 and an even total DOS (the model's even(), NULL meaning always), SIS with identical electrodes
 * and P = 0 (E -> −E − V). */
static int symmetric_junction(const sfhet_junction *j) {
  if (j->P != 0.0) return 0;
  if (j->kind == SFHET_JUNCTION_NIS) return !j->dos1->even || j->dos1->even(j->p1);
  const sfhet_dos_info *m2 = junction_dos2(j);
  if (m2 != j->dos1) return 0;
  for (size_t k = 0; k < m2->n_params; k++)
    if (j->p1[k] != j->p2[k]) return 0;
  return 1;
}

/* Whether the biases are mirror images, V[i] = −V[n−1−i]. */
static int symmetric_biases(const double *V, size_t n) {
  double mx = 0.0;
  for (size_t i = 0; i < n; i++) mx = fmax(mx, fabs(V[i]));
  for (size_t i = 0; i < n / 2; i++)
    if (fabs(V[i] + V[n - 1 - i]) > 1e-13 * mx) return 0;
  return n >= 4;
}

static int core_any(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                    double tol, sfhet_junction_ws *ws);

int junction_core(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                  double tol, sfhet_junction_ws *ws) {
  if (!symmetric_junction(j) || !symmetric_biases(V, n)) return core_any(j, V, n, G, I, G_err, tol, ws);
  size_t h = n / 2; /* compute the upper half (with 0 when n is odd), mirror the rest */
  SFHET_TRY(core_any(j, V + h, n - h, G ? G + h : NULL, I ? I + h : NULL, G_err ? G_err + h : NULL, tol, ws));
  for (size_t i = 0; i < h; i++) {
    if (G) G[i] = G[n - 1 - i];
    if (I) I[i] = -I[n - 1 - i];
    if (G_err) G_err[i] = G_err[n - 1 - i];
  }
  return SFHET_OK;
}

/* The spectral path for uniform biases (automatic mode; NIS currents come from the lattice sums). */
static int core_spectral(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                         double tol, sfhet_junction_ws *ws) {
  if (junction_fft_mode >= 0 || n < 4 || !(G || G_err)) return SFHET_CONTINUE;
  int sis = j->kind == SFHET_JUNCTION_SIS;
  spec_out o = {G, G_err, sis ? I : NULL, NULL, NULL, 0, 0, NULL, 0};
  int st = junction_spectral(j, V, n, tol, &o, ws);
  if (st || sis || !I) return st;
  return core_any(j, V, n, NULL, I, NULL, tol, ws);
}

static int core_any(const sfhet_junction *j, const double *V, size_t n, double *G, double *I, double *G_err,
                    double tol, sfhet_junction_ws *ws) {
  if (n == 0) return SFHET_OK;
  int sp = core_spectral(j, V, n, G, I, G_err, tol, ws);
  if (sp != SFHET_CONTINUE) return sp;
  if (junction_is_cold(j, V, n, tol)) return junction_cold(j, V, n, G, I, G_err, tol, ws);
  double a = junction_strip(j), h = ws->fix_h > 0.0 ? ws->fix_h : junction_first_spacing(j, tol);
  if (!(a > 0.0) || lattice_nodes(j, V, n, h, tol) > MAX_NODES)
    return adaptive_all(j, V, n, G, I, G_err, tol, ws);
  double emax = 0.0;
  for (int k = 0; k <= MAX_REFINE; k++) {
    if (lattice_nodes(j, V, n, h, tol) > MAX_NODES) break;
    SFHET_TRY(junction_grid(j, V, n, h, G, I, G_err, &emax, ws));
    if (emax <= tol || !(G || G_err) || ws->fix_h > 0.0) {
      ws->last_h = h;
      return SFHET_OK;
    }
    h = junction_next_spacing(a, h, emax, tol);
  }
  SFHET_ERROR(SFHET_ENOCONV, "junction: estimated relative error %.2g of G exceeds the requested %.2g; "
              "try a larger --accuracy", emax, tol);
}
