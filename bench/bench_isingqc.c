/* bench_isingqc: the isingqc solver against a dense numpy implementation of the same equations
 * (bench/isingqc_baseline.py: np.linalg.eig per energy, damped fixed-point Born iteration, brentq),
 * run in the same process tree on the same parameters:
 *   1. the DOS at 10^4 energies (in-plane b, scalar and magnetic defects, Γ > 0): sfhet direct (Born
 *      solved at every energy) and the DOS model (Chebyshev panels, what junctions and fits use);
 *   2. one self-consistent gap (seed 002 Fig. 2 parameters): one Brent root of the gap function, and
 *      `isingqc gap` (all roots by a scan, with free energies);
 *   3. a 19-angle Bc(φ) curve (seed 002 Fig. 3b, defect spins along x).
 * Times are process CPU seconds (a loaded machine slows both sides alike); accuracies are the largest
 * differences between the two implementations. BENCH_QUICK=1 runs the numpy Bc curve on 7 of the angles and
 * scales it to 19. Run from the repository root: build/bench/bench_isingqc. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sfhet/constants.h"
#include "sfhet/dos.h"
#include "sfhet/isingqc.h"

#define NE 10000
#define NPHI 19

static double cpu(void) { return (double)clock() / CLOCKS_PER_SEC; }

/* Runs the baseline; returns the value of key from its key=value output (NAN if absent). */
static double baseline(const char *args, const char *key) {
  char cmd[512], line[256];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 bench/isingqc_baseline.py %s", args);
  FILE *p = popen(cmd, "r");
  double v = NAN;
  size_t kl = strlen(key);
  while (p && fgets(line, sizeof line, p))
    if (!strncmp(line, key, kl) && line[kl] == '=') v = atof(line + kl + 1);
  if (p) pclose(p);
  return v;
}

static size_t read_csv2(const char *path, double *a, double *b, size_t max) {
  FILE *f = fopen(path, "r");
  size_t n = 0;
  while (f && n < max && fscanf(f, "%lf,%lf", &a[n], &b[n]) == 2) n++;
  if (f) fclose(f);
  return n;
}

static void defaults(double *p) { sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, p); }

static void bench_dos(void) {
  static double E[NE], Nd[NE], Nm[NE], En[NE], Nn[NE];
  double p[SFHET_ISINGQC_NPARAMS];
  defaults(p);
  double v[] = {0.86, 0.03, 0.5, 0.2, 90, 0, 0.3, 0.02, 0.01, 0.03};
  memcpy(p, v, sizeof v);
  for (int i = 0; i < NE; i++) E[i] = -3.0 + 6.0 * i / (NE - 1) + 1.234e-4;
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  double t0 = cpu();
  int st = sfhet_isingqc_dos(p, E, NE, Nd, NULL, NULL, NULL, ws);
  double td = cpu() - t0;
  t0 = cpu();
  st |= sfhet_dos_find("isingqc")->eval(p, E, NE, Nm, NULL, NULL);
  double tm = cpu() - t0;
  sfhet_isingqc_ws_free(ws);
  char args[128];
  snprintf(args, sizeof args, "dos %d /tmp/bench_isingqc_dos.csv", NE);
  double tn = baseline(args, "dos_s");
  size_t n = read_csv2("/tmp/bench_isingqc_dos.csv", En, Nn, NE);
  double ed = 0, em = 0;
  for (size_t i = 0; i < n; i++) ed = fmax(ed, fabs(Nd[i] - Nn[i])), em = fmax(em, fabs(Nm[i] - Nn[i]));
  printf("1. DOS, 10^4 energies (b = 0.2 meV in plane, eta = 0.3, eta_xyz = 0.02/0.01/0.03 meV, Gamma = 0.03)\n");
  printf("   sfhet direct (Born at every energy)   %8.3f s   status %d\n", td, st);
  printf("   sfhet DOS model (Chebyshev panels)    %8.3f s\n", tm);
  if (n == NE && isfinite(tn)) {
    printf("   numpy eig per energy + fixed point    %8.3f s   max |dN| vs numpy: direct %.1e, model %.1e\n", tn,
           ed, em);
    printf("   ratio numpy/sfhet: direct %.0fx, model %.0fx\n", tn / td, tn / tm);
  } else printf("   numpy baseline unavailable (/usr/bin/python3 with numpy and scipy needed)\n");
}

typedef struct {
  double p[SFHET_ISINGQC_NPARAMS];
  double Tc0, T;
  sfhet_isingqc_ws *ws;
} gctx;

static double gfun(double d, void *vp) {
  gctx *c = vp;
  c->p[SFHET_ISINGQC_DELTA] = d;
  double g = NAN;
  sfhet_isingqc_gap_function(c->p, c->Tc0, c->T, &g, c->ws);
  return g;
}

static double brent_gap(gctx *c, double lo, double hi) {
  gsl_function F = {gfun, c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, lo, hi);
  for (int it = 0; it < 100; it++) {
    gsl_root_fsolver_iterate(s);
    if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 1e-12, 1e-11) ==
        GSL_SUCCESS)
      break;
  }
  double r = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  return r;
}

static void bench_gap(void) {
  double Tc0 = 6.2, T = 3.1, k = SFHET_KB_MEV * Tc0;
  gctx c = {.Tc0 = Tc0, .T = T, .ws = sfhet_isingqc_ws_alloc()};
  defaults(c.p);
  c.p[SFHET_ISINGQC_GAMMA] = 0.02 * k, c.p[SFHET_ISINGQC_DSO] = 20 * k, c.p[SFHET_ISINGQC_B] = 0.45 * k;
  c.p[SFHET_ISINGQC_THETA] = 90, c.p[SFHET_ISINGQC_ETA] = k;
  double t0 = cpu(), d1 = brent_gap(&c, 0.2 * 1.764 * k, 1.2 * 1.764 * k), t1 = cpu() - t0;
  sfhet_isingqc_gap_result r;
  t0 = cpu();
  int st = sfhet_isingqc_gap(c.p, Tc0, T, &r, c.ws);
  double t2 = cpu() - t0;
  sfhet_isingqc_ws_free(c.ws);
  char args[64];
  snprintf(args, sizeof args, "gap %g %g", Tc0, T);
  double tn = baseline(args, "gap_s"), dn = baseline(args, "gap_delta");
  printf("2. one self-consistent gap (Tc0 = 6.2 K, T = 0.5 Tc, dso = 20 Tc, eta = Tc, b = 0.45 Tc in plane)\n");
  printf("   sfhet one root (Brent)                %8.3f s   delta = %.10f meV\n", t1, d1);
  printf("   sfhet isingqc gap (all roots + F)     %8.3f s   delta = %.10f meV, status %d\n", t2, r.sol[0].delta, st);
  if (isfinite(tn))
    printf("   numpy (brentq)                        %8.3f s   delta = %.10f meV (rel. diff %.1e)\n"
           "   ratio numpy/sfhet: one root %.0fx, all roots %.1fx\n",
           tn, dn, fabs(dn - d1) / d1, tn / t1, tn / t2);
}

static void bench_bc(void) {
  double Tc0 = 6.2, T = 0.2 * 6.2, k = SFHET_KB_MEV * Tc0, p[SFHET_ISINGQC_NPARAMS], phi[NPHI], bc[NPHI];
  defaults(p);
  p[SFHET_ISINGQC_DSO] = 20 * k, p[SFHET_ISINGQC_ETA_X] = 0.25 * k, p[SFHET_ISINGQC_THETA] = 90;
  for (int i = 0; i < NPHI; i++) phi[i] = 180.0 * i / (NPHI - 1);
  double t0 = cpu();
  int st = sfhet_isingqc_bc_curve(p, Tc0, T, phi, NPHI, bc, 1, NULL);
  double ts = cpu() - t0;
  int quick = getenv("BENCH_QUICK") != NULL, nn = quick ? 7 : NPHI;
  char args[128];
  snprintf(args, sizeof args, "bc %g %g %d /tmp/bench_isingqc_bc.csv", Tc0, T, nn);
  double tn = baseline(args, "bc_s") * NPHI / nn, ph[NPHI], bn[NPHI];
  size_t n = read_csv2("/tmp/bench_isingqc_bc.csv", ph, bn, NPHI);
  double e = 0;
  for (size_t i = 0; i < n; i++) { /* numpy angles are a subset of ours in quick mode */
    int j = (int)lround(ph[i] / (180.0 / (NPHI - 1)));
    if (j >= 0 && j < NPHI) e = fmax(e, fabs(bn[i] - bc[j]) / bc[j]);
  }
  printf("3. Bc(phi), 19 angles (T = 0.2 Tc, dso = 20 Tc, eta_x = 0.25 Tc; bc %.6f ... %.6f meV)\n", bc[NPHI / 2], bc[0]);
  printf("   sfhet isingqc bc (1 thread)           %8.3f s   status %d\n", ts, st);
  if (isfinite(tn) && n > 0)
    printf("   numpy (brentq per angle)              %8.3f s%s   max rel. diff %.1e\n   ratio numpy/sfhet %.0fx\n",
           tn, quick ? " (7 angles, scaled)" : "", e, tn / ts);
}

int main(void) {
  gsl_set_error_handler_off();
  printf("bench_isingqc (process CPU seconds)\n");
  bench_dos();
  bench_gap();
  bench_bc();
  return 0;
}
