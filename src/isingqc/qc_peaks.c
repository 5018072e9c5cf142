/* SIS coherence peak of two identical isingqc electrodes with the self-consistent Δ(T, b) (seed 002
 * Fig. 2c): G(V) = dI/dV / G_nn from the junction engine at temperature T; the peak is the maximum of
 * G above V = Δ (refined by Brent's minimiser), and FWHM the width between the two biases around it
 * where G falls to half the peak height above the normal-state level, G = 1 + (G_peak − 1)/2. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/junction.h"

#define GRID 401

typedef struct {
  sfhet_junction j;
  sfhet_junction_ws *ws;
  double level; /* subtracted from G (root finding) */
  double sign;  /* −1: minimise −G */
  int status;
} gctx;

static double gval(double V, void *vp) {
  gctx *c = vp;
  double G = NAN;
  int st = sfhet_junction_eval(&c->j, &V, 1, &G, NULL, NULL, c->ws);
  if (st && !c->status) c->status = st;
  return c->sign * (G - c->level);
}

static int maximise(gctx *c, double lo, double mid, double hi, double *V, double *G) {
  gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  if (!m) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  c->sign = -1.0, c->level = 0.0;
  gsl_function F = {gval, c};
  int st = gsl_min_fminimizer_set(m, &F, mid, lo, hi);
  for (int it = 0; !st && it < 100; it++) {
    st = gsl_min_fminimizer_iterate(m);
    if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(m), gsl_min_fminimizer_x_upper(m), 1e-9, 1e-9) ==
        GSL_SUCCESS)
      break;
  }
  *V = gsl_min_fminimizer_x_minimum(m);
  *G = -gsl_min_fminimizer_f_minimum(m);
  gsl_min_fminimizer_free(m);
  if (c->status) return c->status;
  if (st) SFHET_ERROR(SFHET_ENOCONV, "isingqc peaks: the peak position did not converge");
  return SFHET_OK;
}

static int crossing(gctx *c, double lo, double hi, double level, double *V) {
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  c->sign = 1.0, c->level = level;
  gsl_function F = {gval, c};
  int st = gsl_root_fsolver_set(s, &F, lo, hi);
  for (int it = 0; !st && it < 100; it++) {
    st = gsl_root_fsolver_iterate(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 1e-10, 1e-10) ==
        GSL_SUCCESS)
      break;
  }
  *V = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (c->status) return c->status;
  if (st) SFHET_ERROR(SFHET_ENOCONV, "isingqc peaks: the half-maximum crossing did not converge");
  return SFHET_OK;
}

/* Peak and FWHM of G for the junction in c (electrodes set); V grid from Δ to vmax. */
static int peak_of(gctx *c, double delta, double vmax, double *Vp, double *fwhm) {
  double V[GRID], G[GRID];
  for (int tries = 0; tries < 4; tries++, vmax *= 1.6) {
    for (int i = 0; i < GRID; i++) V[i] = delta + (vmax - delta) * i / (GRID - 1);
    SFHET_TRY(sfhet_junction_eval(&c->j, V, GRID, G, NULL, NULL, c->ws));
    int k = 1;
    for (int i = 1; i < GRID - 1; i++)
      if (G[i] > G[k]) k = i;
    double Gp;
    SFHET_TRY(maximise(c, V[k - 1], V[k], V[k + 1], Vp, &Gp));
    double half = 1.0 + 0.5 * (Gp - 1.0);
    if (!(Gp > 1.0)) SFHET_ERROR(SFHET_ENOSOL, "isingqc peaks: no coherence peak above the normal level");
    int lo = k, hi = k;
    while (lo > 0 && G[lo] >= half) lo--;
    while (hi < GRID - 1 && G[hi] >= half) hi++;
    if (G[hi] >= half) continue; /* outer flank beyond the grid: widen */
    if (G[lo] >= half) SFHET_ERROR(SFHET_ENOSOL, "isingqc peaks: the inner flank does not fall to half height "
                                   "above V = Δ (peak too broad)");
    double a, b;
    SFHET_TRY(crossing(c, V[lo], fmin(*Vp, V[lo + 1]), half, &a));
    SFHET_TRY(crossing(c, fmax(*Vp, V[hi - 1]), V[hi], half, &b));
    *fwhm = b - a;
    return SFHET_OK;
  }
  SFHET_ERROR(SFHET_ENOSOL, "isingqc peaks: the outer flank does not fall to half height below %g mV", vmax);
}

int sfhet_isingqc_peak(const double *p, double Tc0, double T, sfhet_isingqc_peak_result *out, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0))
    SFHET_ERROR(SFHET_EINVAL, "--gamma: peaks needs a Dynes broadening > 0 (with sharp BCS edges the SIS peak "
                "is a delta function), e.g. --gamma 0.02meV");
  sfhet_isingqc_gap_result r;
  SFHET_TRY(sfhet_isingqc_gap(p, Tc0, T, &r, ws));
  double delta = r.sol[0].delta;
  if (!(delta > 0.0))
    SFHET_ERROR(SFHET_ENOSOL, "isingqc peaks: the normal state is stable at b = %g meV, T = %g K (no gap); "
                "reduce --b or --T", p[SFHET_ISINGQC_B], T);
  gctx c = {.ws = sfhet_junction_ws_alloc()};
  if (!c.ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  const sfhet_dos_info *m = sfhet_dos_find("isingqc");
  sfhet_junction_init(&c.j, SFHET_JUNCTION_SIS, m, NULL);
  memcpy(c.j.p1, p, SFHET_ISINGQC_NPARAMS * sizeof *p);
  c.j.p1[SFHET_ISINGQC_DELTA] = delta;
  memcpy(c.j.p2, c.j.p1, sizeof c.j.p2);
  c.j.T = T;
  c.j.rel_tol = 1e-7; /* peak shifts of Table I are differences of peak positions: far below G's 1e-4 */
  double w = p[SFHET_ISINGQC_GAMMA] + SFHET_KB_MEV * T;
  int st = peak_of(&c, delta, 2.0 * delta + 2.0 * p[SFHET_ISINGQC_B] + 10.0 * w, &out->peak, &out->fwhm);
  sfhet_junction_ws_free(c.ws);
  out->delta = delta;
  return st;
}

typedef struct {
  const double *p, *b;
  double Tc0, T;
  sfhet_isingqc_peak_result *out;
} peaks_ctx;

static int peaks_point(size_t i, void *vp) {
  const peaks_ctx *c = vp;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double p[SFHET_ISINGQC_NPARAMS];
  memcpy(p, c->p, sizeof p);
  p[SFHET_ISINGQC_B] = c->b[i];
  int st = sfhet_isingqc_peak(p, c->Tc0, c->T, &c->out[i], ws);
  sfhet_isingqc_ws_free(ws);
  return st;
}

int sfhet_isingqc_peaks_curve(const double *p, double Tc0, double T, const double *b, size_t n,
                              sfhet_isingqc_peak_result *out, int nthreads, const sfhet_progress *progress) {
  peaks_ctx c = {p, b, Tc0, T, out};
  return sfhet_sweep_map_dist(n, peaks_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{out, sizeof *out, 0, NULL}}, 1);
}
