/* Bound forward models of tunnelling: densities of states and junction conductance (as sfhet dos and
 * sfhet didv compute them). */
#include <stdlib.h>

#include "bind/bind_int.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/junction.h"

static int run_dos(bind_args *a, sfhet_bind_res *r) {
  const char *name = bind_str(a, "model", "dynes");
  const sfhet_dos_info *m = sfhet_dos_find(name);
  if (!m) SFHET_ERROR(SFHET_EUSAGE, "model: unknown model '%s'", name);
  double p[SFHET_DOS_MAX_PARAMS];
  const double *E;
  size_t n;
  SFHET_TRY(bind_params(a, m->params, m->n_params, p));
  SFHET_TRY(bind_array(a, "E", BIND_REQUIRED | BIND_FINITE, &E, &n));
  SFHET_TRY(bind_done(a));
  SFHET_TRY(sfhet_dos_check(m, p));
  double *N, *up, *dn;
  SFHET_TRY(bind_res_array(r, "N", n, 1, &N));
  SFHET_TRY(bind_res_array(r, "N_up", n, 1, &up));
  SFHET_TRY(bind_res_array(r, "N_down", n, 1, &dn));
  SFHET_TRY(bind_res_string(r, "model", "%s", m->name));
  return n ? m->eval(p, E, n, N, up, dn) : SFHET_OK;
}

const bind_fn bind_fn_dos = {
    .name = "dos", .summary = "N(E), N_up, N_down of a DOS model (sfhet dos)",
    .args = "model (default dynes), the model's parameters, array E [meV]", .run = run_dos};

static int run_didv(bind_args *a, sfhet_bind_res *r) {
  sfhet_junction j;
  const double *V;
  size_t n;
  if (!bind_given(a, "T")) SFHET_ERROR(SFHET_EUSAGE, "T is required (the temperature)");
  SFHET_TRY(bind_junction(a, "nis", NULL, &j));
  SFHET_TRY(bind_array(a, "V", BIND_REQUIRED | BIND_FINITE, &V, &n));
  SFHET_TRY(bind_done(a));
  if (j.rel_tol == 0.0) j.rel_tol = 1e-4; /* sfhet didv's --accuracy default */
  SFHET_TRY(sfhet_junction_check(&j));
  double *G, *I, *E;
  SFHET_TRY(bind_res_array(r, "G", n, 1, &G));
  SFHET_TRY(bind_res_array(r, "I", n, 1, &I));
  SFHET_TRY(bind_res_array(r, "G_err", n, 1, &E));
  if (!n) return SFHET_OK;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  if (!ws) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  int st = sfhet_junction_eval(&j, V, n, G, I, E, ws);
  sfhet_junction_ws_free(ws);
  return st;
}

const bind_fn bind_fn_didv = {
    .name = "didv", .summary = "G = (dI/dV)/G_nn, I/G_nn [mV] and G_err of a junction (sfhet didv)",
    .args = "junction (nis|sis, default nis), model, model2, the junction's parameters (delta, gamma, "
            "delta2, ..., T required, vac, sigma_inst, zbp_amp, zbp_sigma, P), vac_rms, accuracy, array V [mV]",
    .run = run_didv};
