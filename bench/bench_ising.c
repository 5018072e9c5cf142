/* Benchmark of the Ising lattice model (seed 003), in one run:
 * - the converged self-consistent Δ at T = 1.5 K, J = 0 (sfhet_ising_gap from a fresh workspace: mesh
 *   build, Tc0, all stationary points, error estimates) against
 *   (a) a floor kernel: 10 Brent steps of the bare gap function over the same k-mesh (k0 and ξσ given,
 *       libm tanh and sqrt, no error control, no mesh build, no Tc0) — goal: sfhet within 10x;
 *   (b) a numpy brute force (bench/ising_baseline.py: uniform grid, brentq) at equal accuracy;
 * - timings of the other lattice computations (informational).
 * Times are process CPU seconds (best of repeats), so a loaded machine affects both sides alike. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/ising.h"

static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- floor kernel: what a minimal C code does per Brent step on a given mesh ---- */
typedef struct {
  size_t n;
  const double *xu2, *xd2, *w, *k0;
  double hb; /* 1/(2 kT) */
} floor_mesh;

static double floor_gapfn(double d, void *v) {
  const floor_mesh *f = v;
  double s = 0, d2 = d * d;
  for (size_t i = 0; i < f->n; i++) {
    double au = sqrt(f->xu2[i] + d2), ad = sqrt(f->xd2[i] + d2);
    s += f->w[i] * (f->k0[i] - 0.25 * (tanh(au * f->hb) / au + tanh(ad * f->hb) / ad));
  }
  return s;
}

static double floor_solve(floor_mesh *f, double d0) {
  gsl_function F = {floor_gapfn, f};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  gsl_root_fsolver_set(s, &F, 0.5 * d0, 1.05 * d0);
  for (int it = 0; it < 10; it++) gsl_root_fsolver_iterate(s);
  double r = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  return r;
}

/* Best CPU time of reps runs of the full sfhet solve from a fresh workspace. */
static double sfhet_solve(const sfhet_ising_model *m, double T, int reps, sfhet_ising_gap_result *r) {
  double best = INFINITY;
  sfhet_ising_field f = {0, 0, 0};
  for (int k = 0; k < reps; k++) {
    sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
    double t0 = cpu();
    sfhet_ising_gap(m, T, f, r, ws);
    best = fmin(best, cpu() - t0);
    sfhet_ising_ws_free(ws);
  }
  return best;
}

/* Runs the numpy baseline; *met_s: CPU s at the first grid meeting tol (or at the finest grid). */
static int numpy_baseline(double T, double d0, double dref, double tol, double *met_s, double *met_err,
                          long *met_N) {
  char cmd[256], line[256];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 bench/ising_baseline.py %g %g %.15g %g 4096", T, d0, dref,
           tol);
  FILE *p = popen(cmd, "r");
  if (!p) return 0;
  long N, met = -1;
  double s, d, e;
  *met_s = -1;
  while (fgets(line, sizeof line, p)) {
    if (sscanf(line, "N=%ld cpu_s=%lf delta=%lf err=%lf", &N, &s, &d, &e) == 4) {
      printf("    numpy %4ld x %-4ld grid: %8.3f s CPU, |Δ − ref| = %.2e meV\n", N, N, s, e);
      *met_s = s, *met_err = e, *met_N = N;
    }
    sscanf(line, "met_N=%ld", &met);
  }
  pclose(p);
  return met > 0 ? 1 : met == 0 ? -1 : 0;
}

static void headline(void) {
  sfhet_ising_model m, mref;
  sfhet_ising_model_default(&m);
  double T = 1.5, d0 = m.p[SFHET_ISING_DELTA0], kT = T * SFHET_KB_MEV;
  sfhet_ising_gap_result r, rref;
  mref = m;
  mref.p[SFHET_ISING_RTOL] = 1e-7;
  sfhet_solve(&mref, T, 1, &rref);
  double dref = rref.sol[0].delta, ts = sfhet_solve(&m, T, 5, &r);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  const ising_mesh *mesh;
  double t0 = cpu();
  ising_ws_mesh(ws, &m, ising_scale(&m, kT, ISING_FLOOR_GAP), &mesh);
  double tmesh = cpu() - t0, tf = INFINITY, df = NAN;
  floor_mesh fm = {mesh->n, mesh->xu2, mesh->xd2, mesh->w, mesh->k0, 0.5 / kT};
  for (int k = 0; k < 5; k++) {
    t0 = cpu();
    df = floor_solve(&fm, d0);
    tf = fmin(tf, cpu() - t0);
  }
  printf("converged lattice Δ, T = 1.5 K, J = 0 (Table I, Δ0 = %.4f meV; reference Δ = %.10f meV at "
         "rtol 1e-7, %zu k-points)\n", d0, dref, rref.nodes);
  printf("  sfhet_ising_gap (fresh workspace: mesh %.1f ms of it, Tc0, all roots, errors): %.1f ms CPU, "
         "%zu k-points, Δ = %.10f ± %.1e meV (actual error %.1e)\n", 1e3 * tmesh, 1e3 * ts, r.nodes,
         r.sol[0].delta, r.sol[0].delta_err, fabs(r.sol[0].delta - dref));
  printf("  floor kernel (10 Brent steps over the same mesh, libm tanh, no error control): %.1f ms CPU, "
         "Δ = %.10f meV\n", 1e3 * tf, df);
  printf("  ratio sfhet/floor: %.2f (goal <= 10)\n", ts / tf);
  double ns, ne = NAN;
  long nN = 0;
  printf("  numpy brute force (uniform grid, brentq) until |Δ − ref| <= %.1e meV (sfhet's reported error):\n",
         r.sol[0].delta_err);
  int met = numpy_baseline(T, d0, dref, r.sol[0].delta_err, &ns, &ne, &nN);
  if (met == 1)
    printf("  ratio numpy/sfhet at equal accuracy (%ld x %ld grid): %.0fx\n", nN, nN, ns / ts);
  else if (met == -1)
    printf("  numpy did not reach that accuracy up to %ld x %ld (error %.1e meV): ratio >= %.0fx\n", nN, nN, ne,
           ns / ts);
  else
    printf("  numpy baseline unavailable (/usr/bin/python3 with numpy and scipy needed)\n");
  sfhet_ising_ws_free(ws);
}

static void others(void) {
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  double d0 = m.p[SFHET_ISING_DELTA0], hp = d0 / sqrt(2.0);
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  sfhet_ising_gap_result r;
  sfhet_ising_field f = {0.2, 45, 0};
  double t0 = cpu();
  sfhet_ising_gap(&m, 1.0, f, &r, ws);
  printf("one self-consistent Δ, T = 1 K, J = 0.2 meV at θ = 45° (all roots, Ferrari path): %.3f s; "
         "Δ = %.6f ± %.1e meV\n", cpu() - t0, r.sol[0].delta, r.sol[0].delta_err);
  double J[20], Tc[20], T[20], cp[20], cz[20];
  for (int i = 0; i < 20; i++) J[i] = 0.3 * i / 19, T[i] = 0.15 + 2.85 * i / 19;
  t0 = cpu();
  sfhet_ising_tc_curve(&m, 0, J, 20, Tc, 1, NULL, ws);
  printf("Tc(J ∥ c), 20 points, 1 thread: %.2f s\n", cpu() - t0);
  t0 = cpu();
  sfhet_ising_chi_curve(&m, T, 20, cp, cz, NULL, 1, NULL);
  printf("χ(T), 20 points, 1 thread: %.2f s\n", cpu() - t0);
  double th[19], ph[1] = {0}, fm[19];
  for (int i = 0; i < 19; i++) th[i] = 5.0 * i;
  t0 = cpu();
  sfhet_ising_fsn_map(&m, 0.3, 0.5 * hp, th, 19, ph, 1, fm, NULL, 1, NULL, ws);
  printf("free energy at 19 angles (T = 0.3 K, J = 0.5 H_P), 1 thread: %.2f s; f(90°) − f(0°) = %.3e meV\n",
         cpu() - t0, fm[18] - fm[0]);
  sfhet_ising_ws_free(ws);
}

int main(void) {
  gsl_set_error_handler_off();
  printf("bench_ising: Ising lattice model of NbSe2 (seed 003), CPU times in this run\n");
  headline();
  others();
  return 0;
}
