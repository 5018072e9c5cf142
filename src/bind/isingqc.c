/* Bound quasiclassical Ising superconductor (sfhet isingqc SUBCOMMAND, seed 002): gap, tc, bc, peaks and
 * the defect-moment flop, with the CLI's option names (Tc0, T, gamma .. eta_z, soc) and result names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_int.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/thermo.h"

/* A temperature checked against the thermodynamic table's Tc0 bounds (as the CLI's --Tc0 and --T). */
static int temperature(bind_args *a, const char *name, double *v) {
  SFHET_TRY(bind_qty(a, name, SFHET_DIM_TEMPERATURE, NULL, v));
  return sfhet_param_check(sfhet_thermo_param("Tc0"), *v, name);
}

static int threads(bind_args *a, int *t) {
  long v;
  SFHET_TRY(bind_int(a, "threads", 0, 0, 1024, &v));
  *t = (int)v;
  return SFHET_OK;
}

/* The model vector of the thermodynamic commands: gamma .. eta_z (except the swept one, skip), soc;
 * delta = 0 and axis = 0 as the CLI. */
static int model(bind_args *a, size_t skip, double *p) {
  sfhet_param_defaults(sfhet_isingqc_params, SFHET_ISINGQC_NPARAMS, p);
  for (size_t k = SFHET_ISINGQC_GAMMA; k < SFHET_ISINGQC_SOC; k++)
    if (k != skip) SFHET_TRY(bind_param(a, &sfhet_isingqc_params[k], &p[k]));
  const char *soc = bind_str(a, "soc", "valley");
  if (strcmp(soc, "valley") == 0) p[SFHET_ISINGQC_SOC] = 0;
  else if (strcmp(soc, "gamma") == 0) p[SFHET_ISINGQC_SOC] = 1;
  else SFHET_ERROR(SFHET_EUSAGE, "soc: '%s' is not valley or gamma", soc);
  p[SFHET_ISINGQC_DELTA] = 0.0;
  return sfhet_isingqc_check(p);
}

/* The swept parameter k as a required array, each value checked against its bounds. */
static int swept(bind_args *a, size_t k, const double **x, size_t *n) {
  const sfhet_param_info *q = &sfhet_isingqc_params[k];
  SFHET_TRY(bind_array(a, q->name, BIND_REQUIRED | BIND_FINITE, x, n));
  char what[48];
  for (size_t i = 0; i < *n; i++) {
    snprintf(what, sizeof what, "%s[%zu]", q->name, i);
    SFHET_TRY(sfhet_param_check(q, (*x)[i], what));
  }
  return SFHET_OK;
}

static const char *kind_name(int k) {
  return k == SFHET_ISINGQC_STABLE ? "stable" : k == SFHET_ISINGQC_METASTABLE ? "metastable" : "unstable";
}

static int gap_result(const sfhet_isingqc_gap_result *g, double Tc0, double T, sfhet_bind_res *r) {
  SFHET_TRY(bind_res_scalar(r, "delta_meV", g->sol[0].delta));
  SFHET_TRY(bind_res_scalar(r, "f_sn_N0_meV2", g->sol[0].f_sn));
  SFHET_TRY(bind_res_scalar(r, "Tc0_K", Tc0));
  SFHET_TRY(bind_res_scalar(r, "T_K", T));
  double *d, *f;
  SFHET_TRY(bind_res_array(r, "solutions.delta_meV", g->n, 1, &d));
  SFHET_TRY(bind_res_array(r, "solutions.f_sn_N0_meV2", g->n, 1, &f));
  for (size_t i = 0; i < g->n; i++) {
    d[i] = g->sol[i].delta, f[i] = g->sol[i].f_sn;
    SFHET_TRY(bind_res_string(r, "kind", "%s", kind_name(g->sol[i].kind)));
  }
  return SFHET_OK;
}

static int run_gap(bind_args *a, sfhet_bind_res *r) {
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T;
  SFHET_TRY(temperature(a, "Tc0", &Tc0));
  SFHET_TRY(temperature(a, "T", &T));
  SFHET_TRY(model(a, SFHET_ISINGQC_NPARAMS, p));
  SFHET_TRY(bind_done(a));
  sfhet_isingqc_ws *ws = sfhet_isingqc_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  sfhet_isingqc_gap_result g;
  int st = sfhet_isingqc_gap(p, Tc0, T, &g, ws);
  sfhet_isingqc_ws_free(ws);
  return st ? st : gap_result(&g, Tc0, T, r);
}

const bind_fn bind_fn_isingqc_gap = {
    .name = "isingqc_gap",
    .summary = "self-consistent Delta with every root of the gap equation (sfhet isingqc gap --json)",
    .args = "Tc0, T [K] (required), gamma, dso, b [meV], theta, phi [deg], eta, eta_x, eta_y, eta_z [meV], "
            "soc (valley|gamma)",
    .run = run_gap};

/* tc (Tc over b) and bc (bc over phi at T): one curve with the energy also in tesla. */
static int run_curve(bind_args *a, sfhet_bind_res *r, int bc) {
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T = 0.0;
  size_t k = bc ? SFHET_ISINGQC_PHI : SFHET_ISINGQC_B, n;
  const double *x;
  int nt;
  SFHET_TRY(temperature(a, "Tc0", &Tc0));
  if (bc) SFHET_TRY(temperature(a, "T", &T));
  SFHET_TRY(model(a, k, p));
  SFHET_TRY(threads(a, &nt));
  SFHET_TRY(swept(a, k, &x, &n));
  SFHET_TRY(bind_done(a));
  const char *const names[2][3] = {{"b_meV", "Tc_K", "B_T"}, {"phi_deg", "bc_meV", "Bc_T"}};
  double *y, *tesla;
  SFHET_TRY(bind_res_copy(r, names[bc][0], x, n));
  SFHET_TRY(bind_res_array(r, names[bc][1], n, 1, &y));
  SFHET_TRY(bind_res_array(r, names[bc][2], n, 1, &tesla));
  if (n) SFHET_TRY(bc ? sfhet_isingqc_bc_curve(p, Tc0, T, x, n, y, nt, NULL)
                      : sfhet_isingqc_tc_curve(p, Tc0, x, n, y, nt, NULL));
  const double *energy = bc ? y : x;
  for (size_t i = 0; i < n; i++) tesla[i] = energy[i] / SFHET_MU_B_MEV;
  return SFHET_OK;
}

static int run_tc(bind_args *a, sfhet_bind_res *r) { return run_curve(a, r, 0); }

static int run_bc(bind_args *a, sfhet_bind_res *r) { return run_curve(a, r, 1); }

const bind_fn bind_fn_isingqc_tc = {
    .name = "isingqc_tc", .summary = "Tc of the second-order line over b (sfhet isingqc tc): b_meV, Tc_K, B_T",
    .args = "Tc0 [K] (required), array b [meV] (required), the model parameters of isingqc_gap but b, threads",
    .run = run_tc};

const bind_fn bind_fn_isingqc_bc = {
    .name = "isingqc_bc",
    .summary = "critical exchange energy over the azimuth phi at T (sfhet isingqc bc): phi_deg, bc_meV, Bc_T",
    .args = "Tc0, T [K] (required), array phi [deg] (required), the model parameters of isingqc_gap but phi, "
            "threads",
    .run = run_bc};

static int run_peaks(bind_args *a, sfhet_bind_res *r) {
  double p[SFHET_ISINGQC_NPARAMS], Tc0, T;
  const double *b;
  size_t n;
  int nt;
  SFHET_TRY(temperature(a, "Tc0", &Tc0));
  SFHET_TRY(temperature(a, "T", &T));
  SFHET_TRY(model(a, SFHET_ISINGQC_B, p));
  SFHET_TRY(threads(a, &nt));
  SFHET_TRY(swept(a, SFHET_ISINGQC_B, &b, &n));
  SFHET_TRY(bind_done(a));
  if (!(p[SFHET_ISINGQC_GAMMA] > 0.0))
    SFHET_ERROR(SFHET_EUSAGE, "gamma: peaks needs a Dynes broadening > 0 (sharp BCS edges make the SIS peak a "
                "delta function), e.g. gamma=0.02");
  sfhet_isingqc_peak_result *pk = n ? calloc(n, sizeof *pk) : NULL;
  if (n && !pk) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *col[3];
  const char *names[] = {"delta_meV", "peak_mV", "fwhm_mV"};
  int st = bind_res_copy(r, "b_meV", b, n);
  for (size_t c = 0; !st && c < 3; c++) st = bind_res_array(r, names[c], n, 1, &col[c]);
  if (!st && n) st = sfhet_isingqc_peaks_curve(p, Tc0, T, b, n, pk, nt, NULL);
  for (size_t i = 0; !st && i < n; i++) col[0][i] = pk[i].delta, col[1][i] = pk[i].peak, col[2][i] = pk[i].fwhm;
  free(pk);
  return st;
}

const bind_fn bind_fn_isingqc_peaks = {
    .name = "isingqc_peaks",
    .summary = "SIS coherence peak over b with the self-consistent gap (sfhet isingqc peaks): b_meV, delta_meV, "
               "peak_mV, fwhm_mV",
    .args = "Tc0, T [K] (required), array b [meV] (required), gamma > 0, the other model parameters, threads",
    .run = run_peaks};

/* The flop model and the fields B [T] (default -9:9:721 as the CLI; *own holds them then). */
static int flop_inputs(bind_args *a, sfhet_isingqc_flop *f, const double **B, size_t *n, sfhet_range *own) {
  own->n = 0, own->v = NULL;
  SFHET_TRY(temperature(a, "Tc0", &f->Tc0));
  SFHET_TRY(bind_params(a, sfhet_isingqc_flop_params, SFHET_ISINGQC_FLOP_NPARAMS, f->p));
  SFHET_TRY(sfhet_isingqc_flop_check(f));
  SFHET_TRY(bind_array(a, "B", BIND_FINITE, B, n));
  if (bind_has_array(a, "B")) return SFHET_OK;
  SFHET_TRY(sfhet_parse_range("-9:9:721", SFHET_DIM_FIELD, "B", own));
  *B = own->v, *n = own->n;
  return SFHET_OK;
}

/* The loop's rows: the up sweep in field order (direction 1), then the down sweep in its order (-1). */
static int flop_rows(const double *B, size_t n, const double *tu, const double *gu, const double *td,
                     const double *gd, sfhet_bind_res *r) {
  double *c[4];
  const char *names[] = {"B_T", "direction", "theta_deg", "gamma_eff_meV"};
  for (size_t k = 0; k < 4; k++) SFHET_TRY(bind_res_array(r, names[k], 2 * n, 1, &c[k]));
  for (size_t i = 0; i < n; i++) {
    size_t k = n - 1 - i;
    c[0][i] = B[i], c[1][i] = 1, c[2][i] = tu[i], c[3][i] = gu[i];
    c[0][n + i] = B[k], c[1][n + i] = -1, c[2][n + i] = td[k], c[3][n + i] = gd[k];
  }
  return SFHET_OK;
}

static int run_flop(bind_args *a, sfhet_bind_res *r) {
  sfhet_isingqc_flop f;
  const double *B;
  size_t n;
  double T;
  sfhet_range own;
  SFHET_TRY(temperature(a, "T", &T));
  SFHET_TRY(flop_inputs(a, &f, &B, &n, &own));
  int st = bind_done(a);
  double *buf = st || !n ? NULL : malloc(4 * n * sizeof *buf);
  if (!st && n && !buf) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  if (!st && n) st = sfhet_isingqc_flop_loop(&f, T, B, n, buf, buf + n, buf + 2 * n, buf + 3 * n);
  if (!st) st = flop_rows(B, n, buf, buf + n, buf + 2 * n, buf + 3 * n, r);
  free(buf);
  sfhet_range_free(&own);
  return st;
}

const bind_fn bind_fn_isingqc_flop = {
    .name = "isingqc_flop",
    .summary = "defect-moment flop: field sweeps up and down (sfhet isingqc flop): B_T, direction, theta_deg, "
               "gamma_eff_meV",
    .args = "Tc0, T [K] (required), array B [T] (increasing, default -9:9:721), Kd, Jd, Rd, xi0, N0, mud, gamma0, "
            "gammad",
    .run = run_flop};

static int run_flop_temps(bind_args *a, sfhet_bind_res *r) {
  sfhet_isingqc_flop f;
  const double *B;
  size_t n;
  double T = 0.0, ep = 0.0, Th, Tf, Tu;
  sfhet_range own;
  int has_T = bind_given(a, "T");
  if (has_T) SFHET_TRY(temperature(a, "T", &T));
  SFHET_TRY(flop_inputs(a, &f, &B, &n, &own));
  int st = bind_done(a);
  if (!st) st = sfhet_isingqc_flop_temps(&f, B, n, &Th, &Tf, &Tu);
  if (!st && has_T) st = sfhet_isingqc_flop_ep(&f, T, &ep);
  sfhet_range_free(&own);
  SFHET_TRY(st);
  SFHET_TRY(bind_res_scalar(r, "T_hyst_K", Th));
  SFHET_TRY(bind_res_scalar(r, "T_flop_K", Tf));
  SFHET_TRY(bind_res_scalar(r, "T_unitary_K", Tu));
  if (!has_T) return SFHET_OK;
  SFHET_TRY(bind_res_scalar(r, "T_K", T));
  return bind_res_scalar(r, "Ep_meV", ep);
}

const bind_fn bind_fn_isingqc_flop_temps = {
    .name = "isingqc_flop_temps",
    .summary = "flop temperatures T_hyst_K, T_flop_K, T_unitary_K and Ep_meV at T (sfhet isingqc flop --json)",
    .args = "Tc0 [K] (required), T [K] (for Ep), array B [T] (default -9:9:721), the flop parameters",
    .run = run_flop_temps};
