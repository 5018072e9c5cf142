/* Bound Ising-superconductor lattice model (sfhet ising SUBCOMMAND): every function takes the model's
 * parameters (eps, t0..t5, phi0..phi5, delta0, rtol) by name; result arrays carry the CLI's names. */
#include <stdio.h>
#include <stdlib.h>

#include "bind/bind_int.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"

/* An array argument, or the values of the CLI's default range text when absent (*own then holds them). */
static int array_or(bind_args *a, const char *name, sfhet_dim dim, const char *def, const double **x, size_t *n,
                    sfhet_range *own) {
  own->n = 0, own->v = NULL;
  SFHET_TRY(bind_array(a, name, BIND_FINITE, x, n));
  if (bind_has_array(a, name)) return SFHET_OK;
  SFHET_TRY(sfhet_parse_range(def, dim, name, own));
  *x = own->v, *n = own->n;
  return SFHET_OK;
}

/* The model's parameters, and lambda (λ_soc directly, setting φ0; exclusive with phi0) as the CLI. */
static int model(bind_args *a, sfhet_ising_model *m) {
  SFHET_TRY(bind_params(a, sfhet_ising_params, SFHET_ISING_NPARAMS, m->p));
  if (!bind_given(a, "lambda")) return SFHET_OK;
  if (bind_given(a, "phi0")) SFHET_ERROR(SFHET_EUSAGE, "lambda and phi0 exclude each other");
  double lam;
  SFHET_TRY(bind_qty(a, "lambda", SFHET_DIM_ENERGY, NULL, &lam));
  return sfhet_ising_set_lambda(m, lam);
}

static int threads(bind_args *a, int *t) {
  long v;
  SFHET_TRY(bind_int(a, "threads", 0, 0, 1024, &v));
  *t = (int)v;
  return SFHET_OK;
}

static int run_lambda(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_done(a));
  return bind_res_scalar(r, "lambda_soc_meV", sfhet_ising_lambda_soc(&m));
}

const bind_fn bind_fn_ising_lambda = {
    .name = "ising_lambda", .summary = "lambda_soc = 3 sqrt3 t0 sin phi0 (sfhet ising lambda): lambda_soc_meV",
    .args = "model parameters (eps, t0..t5, phi0..phi5, delta0, rtol) or lambda [meV] instead of phi0",
    .run = run_lambda};

static int run_bands(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  long n;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_int(a, "n", 301, 4, 1000000, &n));
  SFHET_TRY(bind_done(a));
  size_t N = (size_t)n;
  double *idx, *kx, *ky, *up, *dn;
  SFHET_TRY(bind_res_array(r, "k_index", N, 1, &idx));
  SFHET_TRY(bind_res_array(r, "kx", N, 1, &kx));
  SFHET_TRY(bind_res_array(r, "ky", N, 1, &ky));
  SFHET_TRY(bind_res_array(r, "xi_up_meV", N, 1, &up));
  SFHET_TRY(bind_res_array(r, "xi_down_meV", N, 1, &dn));
  for (size_t i = 0; i < N; i++) idx[i] = (double)i;
  return sfhet_ising_bands(&m, N, kx, ky, up, dn);
}

const bind_fn bind_fn_ising_bands = {
    .name = "ising_bands", .summary = "bands along Gamma-M-K-Gamma (sfhet ising bands)",
    .args = "model parameters, n (points, default 301)", .run = run_bands};

static const char *kind_name(int k) {
  return k == SFHET_ISING_STABLE ? "stable" : k == SFHET_ISING_METASTABLE ? "metastable" : "unstable";
}

static int gap_result(const sfhet_ising_gap_result *g, sfhet_bind_res *r) {
  const sfhet_ising_solution *b = &g->sol[0];
  const char *names[] = {"delta_meV", "delta_err_meV", "f_sn_meV", "f_sn_err_meV", "kind"};
  double v[] = {b->delta, b->delta_err, b->f_sn, b->f_err, g->Tc0, g->g, g->N0, (double)g->nodes};
  const char *keys[] = {"delta_meV", "delta_err_meV", "f_sn_meV", "f_sn_err_meV", "Tc0_K", "g_meV",
                        "N0_per_meV", "k_points"};
  for (size_t k = 0; k < 8; k++) SFHET_TRY(bind_res_scalar(r, keys[k], v[k]));
  double *col[5];
  char key[48];
  for (size_t c = 0; c < 5; c++) {
    snprintf(key, sizeof key, "solutions.%s", names[c]);
    SFHET_TRY(bind_res_array(r, key, g->n, 1, &col[c]));
  }
  for (size_t i = 0; i < g->n; i++) {
    const sfhet_ising_solution *s = &g->sol[i];
    col[0][i] = s->delta, col[1][i] = s->delta_err, col[2][i] = s->f_sn, col[3][i] = s->f_err, col[4][i] = s->kind;
    SFHET_TRY(bind_res_string(r, "kind", "%s", kind_name(s->kind)));
  }
  return SFHET_OK;
}

static int run_gap(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  double T, zero = 0;
  sfhet_ising_field f;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_qty(a, "T", SFHET_DIM_TEMPERATURE, NULL, &T));
  SFHET_TRY(bind_qty(a, "J", SFHET_DIM_ENERGY, &zero, &f.J));
  SFHET_TRY(bind_qty(a, "theta", SFHET_DIM_ANGLE, &zero, &f.theta));
  SFHET_TRY(bind_qty(a, "phi", SFHET_DIM_ANGLE, &zero, &f.phi));
  SFHET_TRY(bind_done(a));
  sfhet_ising_ws *ws = sfhet_ising_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_ising_gap_result g;
  int st = sfhet_ising_gap(&m, T, f, &g, ws);
  sfhet_ising_ws_free(ws);
  return st ? st : gap_result(&g, r);
}

const bind_fn bind_fn_ising_gap = {
    .name = "ising_gap",
    .summary = "self-consistent Delta at T and J(theta, phi) with every stationary point (sfhet ising gap --json)",
    .args = "model parameters, T [K] (required), J [meV], theta, phi [deg]", .run = run_gap};

static int run_tc(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  double th, zero = 0;
  const double *J;
  size_t n;
  int nt;
  sfhet_range own;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_qty(a, "theta", SFHET_DIM_ANGLE, &zero, &th));
  SFHET_TRY(threads(a, &nt));
  SFHET_TRY(array_or(a, "J", SFHET_DIM_ENERGY, "0:0.4:9", &J, &n, &own));
  double *Tc = NULL;
  sfhet_ising_ws *ws = NULL;
  int st = bind_done(a);
  if (!st) st = bind_res_copy(r, "J_meV", J, n);
  if (!st) st = bind_res_array(r, "Tc_K", n, 1, &Tc);
  if (!st && !(ws = sfhet_ising_ws_alloc())) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  if (!st && n) st = sfhet_ising_tc_curve(&m, th, J, n, Tc, nt, NULL, ws);
  sfhet_ising_ws_free(ws);
  sfhet_range_free(&own);
  return st;
}

const bind_fn bind_fn_ising_tc = {
    .name = "ising_tc", .summary = "Tc(J, theta) (sfhet ising tc): J_meV, Tc_K",
    .args = "model parameters, array J [meV] (default 0:0.4:9), theta [deg], threads", .run = run_tc};

static int run_chi(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  const double *T;
  size_t n;
  int nt, weak;
  sfhet_range own;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(threads(a, &nt));
  SFHET_TRY(bind_flag(a, "weak_soc", &weak));
  SFHET_TRY(array_or(a, "T", SFHET_DIM_TEMPERATURE, "0.3:3:10", &T, &n, &own));
  int st = bind_done(a);
  for (size_t i = 0; !st && i < n; i++)
    if (!(T[i] > 0)) SFHET_REPORT(st = SFHET_ERANGE, "T[%zu]: temperatures must be > 0 K, got %g", i, T[i]);
  double *cp, *cq, *c8 = NULL;
  if (!st) st = bind_res_copy(r, "T_K", T, n);
  if (!st) st = bind_res_array(r, "chi_par", n, 1, &cp);
  if (!st) st = bind_res_array(r, "chi_perp", n, 1, &cq);
  if (!st && weak) st = bind_res_array(r, "chi_par_c8", n, 1, &c8);
  if (!st && n) st = sfhet_ising_chi_curve(&m, T, n, cp, cq, c8, nt, NULL);
  sfhet_range_free(&own);
  return st;
}

const bind_fn bind_fn_ising_chi = {
    .name = "ising_chi",
    .summary = "chi_par, chi_perp of the SC state over the normal state, with weak_soc chi_par_c8 (sfhet ising chi)",
    .args = "model parameters, array T [K] (default 0.3:3:10), weak_soc, threads", .run = run_chi};

/* theta_deg, phi_deg of the map's rows (theta outer, phi inner, as the CLI writes them). */
static int fe_grid(const double *th, size_t nt, const double *ph, size_t np, sfhet_bind_res *r) {
  double *t, *p;
  SFHET_TRY(bind_res_array(r, "theta_deg", nt * np, 1, &t));
  SFHET_TRY(bind_res_array(r, "phi_deg", nt * np, 1, &p));
  for (size_t i = 0; i < nt; i++)
    for (size_t j = 0; j < np; j++) t[i * np + j] = th[i], p[i * np + j] = ph[j];
  return SFHET_OK;
}

static int run_fe(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  double T, J;
  const double *th, *ph = NULL;
  size_t nt, np = 0;
  int nth;
  sfhet_range o1, o2 = {0, NULL};
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_qty(a, "T", SFHET_DIM_TEMPERATURE, NULL, &T));
  SFHET_TRY(bind_qty(a, "J", SFHET_DIM_ENERGY, NULL, &J));
  SFHET_TRY(threads(a, &nth));
  SFHET_TRY(array_or(a, "theta", SFHET_DIM_ANGLE, "0:90:10", &th, &nt, &o1));
  int st = array_or(a, "phi", SFHET_DIM_ANGLE, "0", &ph, &np, &o2);
  if (!st) st = bind_done(a);
  if (!st) st = fe_grid(th, nt, ph, np, r);
  double *f = NULL;
  sfhet_ising_ws *ws = NULL;
  if (!st) st = bind_res_array(r, "f_sn_meV", nt * np, 1, &f);
  if (!st && !(ws = sfhet_ising_ws_alloc())) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  if (!st && nt > 0 && np > 0) st = sfhet_ising_fsn_map(&m, T, J, th, nt, ph, np, f, NULL, nth, NULL, ws);
  sfhet_ising_ws_free(ws);
  sfhet_range_free(&o1), sfhet_range_free(&o2);
  return st;
}

const bind_fn bind_fn_ising_free_energy = {
    .name = "ising_free_energy",
    .summary = "f_sn of the lowest state on a theta x phi grid (sfhet ising free-energy): theta_deg, phi_deg, f_sn_meV",
    .args = "model parameters, T [K], J [meV] (required), arrays theta (default 0:90:10), phi (default 0) [deg], "
            "threads",
    .run = run_fe};

static int run_jc(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  double T;
  const double *th;
  size_t n;
  int nt;
  sfhet_range own;
  SFHET_TRY(model(a, &m));
  SFHET_TRY(bind_qty(a, "T", SFHET_DIM_TEMPERATURE, NULL, &T));
  SFHET_TRY(threads(a, &nt));
  SFHET_TRY(array_or(a, "theta", SFHET_DIM_ANGLE, "0", &th, &n, &own));
  double *jc = NULL, *fo = NULL;
  int st = bind_done(a);
  if (!st) st = bind_res_copy(r, "theta_deg", th, n);
  if (!st) st = bind_res_array(r, "Jc_meV", n, 1, &jc);
  if (!st) st = bind_res_array(r, "first_order", n, 1, &fo);
  if (!st && n) st = sfhet_ising_jc_curve(&m, T, th, n, jc, fo, nt, NULL);
  sfhet_range_free(&own);
  return st;
}

const bind_fn bind_fn_ising_jc = {
    .name = "ising_jc", .summary = "critical exchange field J_c(theta, T) (sfhet ising jc)",
    .args = "model parameters, T [K] (required), array theta [deg] (default 0), threads", .run = run_jc};

/* The grid of the map's rows: T outer, then J, theta fastest (as sfhet ising map writes them). */
static int map_grid(const double *T, size_t nT, const double *J, size_t nJ, const double *th, size_t nt,
                    sfhet_bind_res *r) {
  size_t n = nT * nJ * nt;
  double *g[3];
  SFHET_TRY(bind_res_array(r, "T_K", n, 1, &g[0]));
  SFHET_TRY(bind_res_array(r, "J_meV", n, 1, &g[1]));
  SFHET_TRY(bind_res_array(r, "theta_deg", n, 1, &g[2]));
  for (size_t i = 0; i < n; i++) g[0][i] = T[i / (nJ * nt)], g[1][i] = J[(i / nt) % nJ], g[2][i] = th[i % nt];
  return SFHET_OK;
}

static int run_map(bind_args *a, sfhet_bind_res *r) {
  sfhet_ising_model m;
  const double *T, *J = NULL, *th = NULL;
  size_t nT, nJ = 0, nt = 0;
  int nth;
  sfhet_range o1, o2 = {0, NULL}, o3 = {0, NULL};
  SFHET_TRY(model(a, &m));
  SFHET_TRY(threads(a, &nth));
  SFHET_TRY(array_or(a, "T", SFHET_DIM_TEMPERATURE, "0.3:3:10", &T, &nT, &o1));
  int st = array_or(a, "J", SFHET_DIM_ENERGY, "0:0.4:9", &J, &nJ, &o2);
  if (!st) st = array_or(a, "theta", SFHET_DIM_ANGLE, "0,90", &th, &nt, &o3);
  if (!st) st = bind_done(a);
  if (!st && nT * nJ * nt > 1000000)
    SFHET_REPORT(st = SFHET_EUSAGE, "T, J, theta: at most 10^6 grid points, got %zu", nT * nJ * nt);
  double *d = NULL;
  if (!st) st = map_grid(T, nT, J, nJ, th, nt, r);
  if (!st) st = bind_res_array(r, "delta_meV", nT * nJ * nt, 1, &d);
  if (!st && nT > 0 && nJ > 0 && nt > 0) st = sfhet_ising_gap_map(&m, T, nT, J, nJ, th, nt, d, nth, NULL);
  sfhet_range_free(&o1), sfhet_range_free(&o2), sfhet_range_free(&o3);
  return st;
}

const bind_fn bind_fn_ising_map = {
    .name = "ising_map",
    .summary = "Delta of the lowest free energy on a T x J x theta grid (sfhet ising map): T_K, J_meV, theta_deg, "
               "delta_meV",
    .args = "model parameters, arrays T [K] (0.3:3:10), J [meV] (0:0.4:9), theta [deg] (0,90), threads",
    .run = run_map};
