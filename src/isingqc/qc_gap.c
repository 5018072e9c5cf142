/* Roots of the gap function (qc_matsu.c): self-consistent Δ with all stationary points and their free
 * energies, Tc(b) and the critical exchange field bc(θ, φ) of the linearised equation. Each root is
 * bracketed by a scan and refined by Brent's method (GSL). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "isingqc/qc_matsu.h"
#include "isingqc/qc_ws.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define GAP_SCAN 24
#define TC_SCAN 40
#define FE_NODES 8

/* The gap function as a function of one variable: Δ, T or b (which = 0, 1, 2). */
typedef struct {
  double p[SFHET_ISINGQC_NPARAMS];
  double Tc0, T;
  int which;
  qc_solver *sv;
  int status;
} gfn_ctx;

static double gfn(double x, void *vp) {
  gfn_ctx *c = vp;
  double p[SFHET_ISINGQC_NPARAMS], T = c->T, g = NAN;
  memcpy(p, c->p, sizeof p);
  if (c->which == 0) p[SFHET_ISINGQC_DELTA] = x;
  else if (c->which == 1) T = x;
  else p[SFHET_ISINGQC_B] = x;
  if (c->which != 0) p[SFHET_ISINGQC_DELTA] = 0.0;
  qc_solver_init_s(c->sv, p, M_PI * SFHET_KB_MEV * T);
  int st = qc_gap_function(c->sv, c->Tc0, T, &g);
  if (st && !c->status) c->status = st;
  return st ? NAN : g;
}

/* Brent root of gfn in [lo, hi] (values flo, fhi of opposite signs) to relative tolerance 1e-11. */
static int brent(gfn_ctx *c, double lo, double hi, double *x) {
  gsl_function F = {gfn, c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = gsl_root_fsolver_set(s, &F, lo, hi), it = 0;
  while (!st && it++ < 200) {
    st = gsl_root_fsolver_iterate(s);
    double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
    if (!st && gsl_root_test_interval(a, b, 1e-14, 1e-11) == GSL_SUCCESS) break;
  }
  *x = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (c->status) return c->status;
  if (st || it > 200) SFHET_ERROR(SFHET_ENOCONV, "isingqc: the gap equation's root did not converge; try "
                                  "another --T");
  return SFHET_OK;
}

static int check_temps(double Tc0, double T) {
  if (!(Tc0 > 0.0) || !isfinite(Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0 K, got %g", Tc0);
  if (!(T > 0.0) || !isfinite(T)) SFHET_ERROR(SFHET_EINVAL, "--T: must be > 0 K, got %g", T);
  return SFHET_OK;
}

static qc_solver *solver_of(sfhet_isingqc_ws *ws) { return &ws->sv; }

int sfhet_isingqc_gap_function(const double *p, double Tc0, double T, double *g, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, T));
  qc_solver_init_s(solver_of(ws), p, M_PI * SFHET_KB_MEV * T);
  return qc_gap_function(solver_of(ws), Tc0, T, g);
}

/* F_s − F_n = 2 ∫_0^Δ x g(x) dx (per N(0)) by Gauss–Legendre on `panels` panels on each side of Δ = b,
 * where g has a (thermally rounded) kink: the Zeeman-split spectrum turns gapless. */
static int free_energy(gfn_ctx *c, double delta, int nodes, int panels, double *f) {
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc((size_t)nodes);
  if (!t) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double bk[3] = {0.0, c->p[SFHET_ISINGQC_B], delta}, s = 0.0;
  if (!(bk[1] > 0.0 && bk[1] < delta)) bk[1] = 0.5 * delta;
  for (int seg = 0; seg < 2; seg++)
    for (int pnl = 0; pnl < panels; pnl++) {
      double a = bk[seg] + (bk[seg + 1] - bk[seg]) * pnl / panels,
             b = bk[seg] + (bk[seg + 1] - bk[seg]) * (pnl + 1) / panels;
      for (size_t i = 0; i < (size_t)nodes; i++) {
        double x, w;
        gsl_integration_glfixed_point(a, b, i, &x, &w, t);
        s += w * 2.0 * x * gfn(x, c);
      }
    }
  gsl_integration_glfixed_table_free(t);
  *f = s;
  return c->status;
}

int sfhet_isingqc_free_energy(const double *p, double Tc0, double T, double delta, int nodes, int panels, double *f_sn,
                              sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, T));
  if (!(delta >= 0.0) || nodes < 1 || panels < 1)
    SFHET_ERROR(SFHET_EINVAL, "isingqc free energy: need Δ >= 0, nodes >= 1, panels >= 1");
  gfn_ctx c = {.Tc0 = Tc0, .T = T, .which = 0, .sv = solver_of(ws)};
  memcpy(c.p, p, sizeof c.p);
  return free_energy(&c, delta, nodes, panels, f_sn);
}

static int by_energy(const void *a, const void *b) {
  double x = ((const sfhet_isingqc_solution *)a)->f_sn, y = ((const sfhet_isingqc_solution *)b)->f_sn;
  return (x > y) - (x < y);
}

/* Minima get STABLE (the lowest) or METASTABLE; the lowest free energy goes first. */
static void classify(sfhet_isingqc_gap_result *r) {
  qsort(r->sol, r->n, sizeof r->sol[0], by_energy);
  int first = 1;
  for (size_t i = 0; i < r->n; i++)
    if (r->sol[i].kind != SFHET_ISINGQC_UNSTABLE) {
      r->sol[i].kind = first ? SFHET_ISINGQC_STABLE : SFHET_ISINGQC_METASTABLE;
      first = 0;
    }
  for (size_t i = 0; i < r->n && !first; i++) /* the stable one first */
    if (r->sol[i].kind == SFHET_ISINGQC_STABLE && i > 0) {
      sfhet_isingqc_solution t = r->sol[i];
      memmove(r->sol + 1, r->sol, i * sizeof t);
      r->sol[0] = t;
    }
}

/* Upper end of the Δ scan: 1.2 Δ_BCS(T = 0). */
static double scan_max(double Tc0) { return 1.2 * SFHET_BCS_RATIO * SFHET_KB_MEV * Tc0; }

int sfhet_isingqc_gap_largest(const double *p, double Tc0, double T, double *delta, double *slope,
                              sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, T));
  gfn_ctx c = {.Tc0 = Tc0, .T = T, .which = 0, .sv = solver_of(ws)};
  memcpy(c.p, p, sizeof c.p);
  double dmax = scan_max(Tc0), hi = dmax, ghi = gfn(dmax, &c);
  *delta = 0.0, *slope = 0.0;
  if (c.status) return c.status;
  if (!(ghi > 0.0)) return SFHET_OK;
  for (int k = GAP_SCAN - 1; k >= 1; k--) { /* the grid of sfhet_isingqc_gap, downwards */
    double x = dmax * k / GAP_SCAN, g = gfn(x, &c);
    if (c.status) return c.status;
    if (g < 0.0) {
      SFHET_TRY(brent(&c, x, hi, delta));
      double h = 1e-6 * *delta, g1 = gfn(*delta + h, &c);
      *slope = g1 / h;
      return c.status;
    }
    hi = x;
  }
  return SFHET_OK;
}

int sfhet_isingqc_gap(const double *p, double Tc0, double T, sfhet_isingqc_gap_result *r, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, T));
  gfn_ctx c = {.Tc0 = Tc0, .T = T, .which = 0, .sv = solver_of(ws)};
  memcpy(c.p, p, sizeof c.p);
  double dmax = scan_max(Tc0), gv[GAP_SCAN + 1], x[GAP_SCAN + 1];
  for (int k = 0; k <= GAP_SCAN; k++) {
    x[k] = dmax * k / GAP_SCAN;
    gv[k] = gfn(x[k], &c);
    if (c.status) return c.status;
  }
  /* g(0) at rounding level (T = Tc, b = 0) is the marginal normal state, not a bracket of a gap */
  if (fabs(gv[0]) <= 1e-12) gv[0] = 0.0;
  r->n = 0;
  r->sol[r->n++] = (sfhet_isingqc_solution){0.0, 0.0, gv[0] >= 0.0 ? SFHET_ISINGQC_METASTABLE : SFHET_ISINGQC_UNSTABLE};
  for (int k = 0; k < GAP_SCAN && r->n < SFHET_ISINGQC_MAX_SOLUTIONS; k++) {
    if ((gv[k] < 0.0) == (gv[k + 1] < 0.0) || gv[k + 1] == 0.0) continue;
    sfhet_isingqc_solution s;
    /* the first interval starts off Δ = 0 at 1e-5 Δmax: f/Δ loses its digits to cancellation at
     * Δ ~ 1e-9 Δmax (g there is noise, seen near Tc); a root below that is a vanishing gap, no state */
    double lo = x[k] > 0.0 ? x[k] : 1e-5 * dmax;
    if (k == 0 && (gfn(lo, &c) < 0.0) == (gv[1] < 0.0)) {
      if (c.status) return c.status;
      continue;
    }
    SFHET_TRY(brent(&c, lo, x[k + 1], &s.delta));
    s.kind = gv[k] < 0.0 ? SFHET_ISINGQC_METASTABLE : SFHET_ISINGQC_UNSTABLE;
    SFHET_TRY(free_energy(&c, s.delta, FE_NODES, 3, &s.f_sn));
    r->sol[r->n++] = s;
  }
  classify(r);
  return SFHET_OK;
}

int sfhet_isingqc_tc(const double *p, double Tc0, double *Tc, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, Tc0));
  gfn_ctx c = {.Tc0 = Tc0, .which = 1, .sv = solver_of(ws)};
  memcpy(c.p, p, sizeof c.p);
  double prev = Tc0, gp = gfn(Tc0, &c);
  if (c.status) return c.status;
  if (gp <= 1e-12) return *Tc = Tc0, SFHET_OK;
  static const double low[] = {0.02, 0.015, 0.01};
  for (int k = 1; k < TC_SCAN + 3; k++) {
    double T = k < TC_SCAN ? Tc0 * (1.0 - (double)k / TC_SCAN) : Tc0 * low[k - TC_SCAN];
    double g = gfn(T, &c);
    if (c.status) return c.status;
    if (g < 0.0) return brent(&c, T, prev, Tc);
    prev = T;
  }
  *Tc = 0.0;
  return SFHET_OK;
}

int sfhet_isingqc_bc(const double *p, double Tc0, double T, double *bc, sfhet_isingqc_ws *ws) {
  SFHET_TRY(sfhet_isingqc_check(p));
  SFHET_TRY(check_temps(Tc0, T));
  gfn_ctx c = {.Tc0 = Tc0, .T = T, .which = 2, .sv = solver_of(ws)};
  memcpy(c.p, p, sizeof c.p);
  double d0 = SFHET_BCS_RATIO * SFHET_KB_MEV * Tc0, cap = 100.0 * (d0 + p[SFHET_ISINGQC_DSO]);
  double g0 = gfn(0.0, &c);
  if (c.status) return c.status;
  if (g0 >= 0.0) return *bc = 0.0, SFHET_OK;
  double prev = 0.0;
  for (double b = 0.02 * d0; b <= cap; prev = b, b *= 1.2) {
    double g = gfn(b, &c);
    if (c.status) return c.status;
    if (g >= 0.0) return brent(&c, prev, b, bc);
  }
  SFHET_ERROR(SFHET_ENOSOL, "isingqc bc: no critical exchange field below %g meV at T = %g K", cap, T);
}

/* ---- curves ---- */

typedef struct {
  const double *p, *x;
  double Tc0, T;
  double *out;
  int kind; /* 0: Tc(b), 1: bc(phi) */
} curve_ctx;

static int curve_point(size_t i, void *vp) {
  const curve_ctx *c = vp;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double p[SFHET_ISINGQC_NPARAMS];
  memcpy(p, c->p, sizeof p);
  int st;
  if (c->kind == 0) {
    p[SFHET_ISINGQC_B] = c->x[i];
    st = sfhet_isingqc_tc(p, c->Tc0, &c->out[i], ws);
  } else {
    p[SFHET_ISINGQC_PHI] = c->x[i];
    st = sfhet_isingqc_bc(p, c->Tc0, c->T, &c->out[i], ws);
  }
  sfhet_isingqc_ws_free(ws);
  return st;
}

int sfhet_isingqc_tc_curve(const double *p, double Tc0, const double *b, size_t n, double *Tc, int nthreads,
                           const sfhet_progress *progress) {
  curve_ctx c = {p, b, Tc0, 0.0, Tc, 0};
  return sfhet_sweep_map_dist(n, curve_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{Tc, sizeof *Tc, 0, NULL}}, 1);
}

int sfhet_isingqc_bc_curve(const double *p, double Tc0, double T, const double *phi, size_t n, double *bc,
                           int nthreads, const sfhet_progress *progress) {
  curve_ctx c = {p, phi, Tc0, T, bc, 1};
  return sfhet_sweep_map_dist(n, curve_point, &c, nthreads, progress, NULL, (sfhet_sweep_out[]){{bc, sizeof *bc, 0, NULL}}, 1);
}
