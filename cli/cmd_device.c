/* sfhet device: the NbSe2/CrBr3/NbSe2 junction chain (docs/device.md) — field sweep -> CrBr3 macrospin
 * m(B) -> exchange field b = λ m + (g/2) μB B -> isingqc electrodes with self-consistent Δ -> SIS dI/dV —
 * and, with --fit, its inverse on a measured map (cmd_device_fit.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_device.h"
#include "plot.h"
#include "sfhet/analysis.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define CONVENTION                                                                                     \
  "b is the exchange energy (spin splitting 2b, as in isingqc). --lambda takes meV or an equivalent\n"  \
  "field in T with lambda_meV = muB * lambda_T (muB = 0.05788 meV/T, i.e. g = 2). The applied in-plane\n" \
  "field adds (g/2) muB B along x (--g, default 2). The magnet starts along +c at the first field."

void device_options(cli_spec *s) {
  cli_add(s, "B", CLI_RANGE, SFHET_DIM_FIELD, NULL, "applied in-plane field points (required), e.g. 0:1T:21");
  cli_add(s, "V", CLI_RANGE, SFHET_DIM_VOLTAGE, "-3:3:321", "bias voltages");
  cli_add(s, "sweep", CLI_STR, SFHET_DIM_NONE, "up", "sweep direction(s): up (the --B order), down (reverse) or up,down");
  cli_set_group(s, "device parameters");
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++) {
    if (k == SFHET_DEVICE_LAMBDA)
      cli_add(s, "lambda", CLI_STR, SFHET_DIM_NONE, "0.1meV", sfhet_device_params[k].help);
    else cli_add_params(s, &sfhet_device_params[k], 1);
  }
  cli_set_group(s, NULL);
}

/* λ in meV, or in T converted by λ_meV = μB λ_T. */
static int read_lambda(const cli_spec *s, double *lam) {
  const char *t = cli_str(s, "lambda");
  size_t n = strlen(t);
  if (n > 0 && t[n - 1] == 'T') {
    double v;
    SFHET_TRY(sfhet_parse_quantity(t, SFHET_DIM_FIELD, "--lambda", &v));
    *lam = SFHET_MU_B_MEV * v;
  } else SFHET_TRY(sfhet_parse_quantity(t, SFHET_DIM_ENERGY, "--lambda", lam));
  return sfhet_param_check(&sfhet_device_params[SFHET_DEVICE_LAMBDA], *lam, "--lambda");
}

int device_read_params(const cli_spec *s, double *p) {
  sfhet_param_defaults(sfhet_device_params, SFHET_DEVICE_NPARAMS, p);
  for (size_t k = 0; k < SFHET_DEVICE_NPARAMS; k++)
    if (k != SFHET_DEVICE_LAMBDA) SFHET_TRY(cli_params(s, &sfhet_device_params[k], 1, &p[k]));
  SFHET_TRY(read_lambda(s, &p[SFHET_DEVICE_LAMBDA]));
  if (!(p[SFHET_DEVICE_T] < p[SFHET_DEVICE_TC0]))
    return cli_usage_error("--T: %g K is not below --Tc0 %g K (the electrodes would be normal)", p[SFHET_DEVICE_T],
                           p[SFHET_DEVICE_TC0]);
  return sfhet_device_check(p);
}

int device_read_sweep(const cli_spec *s, int *up, int *down) {
  const char *w = cli_str(s, "sweep");
  *up = !strcmp(w, "up") || !strcmp(w, "up,down");
  *down = !strcmp(w, "down") || !strcmp(w, "up,down");
  if (!*up && !*down) return cli_usage_error("--sweep: '%s' is not up, down or up,down", w);
  return SFHET_OK;
}

/* Per-field table: B_T,direction,theta_m_deg,b_meV,theta_b_deg,delta_meV,peak_mV,fwhm_mV,weight_mV. */
static int write_per_field(const char *path, const cli_spec *s, const sfhet_device_field *f, size_t nf,
                           const sfhet_device_state *st, const double *V, size_t nv, const double *G) {
  const char *names[] = {"B_T", "direction", "theta_m_deg", "b_meV", "theta_b_deg", "delta_meV",
                         "peak_mV", "fwhm_mV", "weight_mV"};
  sfhet_outfile out;
  SFHET_TRY(sfhet_outfile_open(&out, path));
  cli_meta(s, out.fp);
  int rc = sfhet_csv_header(out.fp, names, 9);
  for (size_t i = 0; i < nf && !rc; i++) {
    double row[9] = {f[i].B, f[i].dir, st[i].theta_m, st[i].b, st[i].theta_b, st[i].delta};
    rc = sfhet_device_features(V, G + i * nv, nv, &row[6], &row[7], &row[8]);
    for (size_t c = 0; c < 9 && !rc; c++) { /* an unresolved peak or width is an empty cell (docs/device.md) */
      char b[40] = "";
      if (isfinite(row[c])) sfhet_format_number(b, sizeof b, row[c]);
      fprintf(out.fp, "%s%c", b, c + 1 < 9 ? ',' : '\n');
    }
    if (!rc && ferror(out.fp)) SFHET_REPORT(rc = SFHET_EIO, "--per-field %s: write error", path);
  }
  if (rc) {
    sfhet_outfile_abort(&out);
    return rc;
  }
  return sfhet_outfile_commit(&out);
}

/* TAMR(V) = (G_first - G_last)/G_first between the first and last field of the first sweep direction
 * (seed 000: G_par at 0 T, G_perp at 1 T): V_mV,TAMR. */
static int write_tamr(const char *path, const cli_spec *s, const double *V, size_t nv, const double *G,
                      const sfhet_device_field *f, size_t nf, double **tv, double **tt, size_t *nt) {
  size_t last = 0;
  while (last + 1 < nf && f[last + 1].dir == f[0].dir) last++;
  SFHET_TRY(sfhet_tamr(V, G, nv, V, G + last * nv, nv, tv, tt, nt));
  if (!path) return SFHET_OK;
  const char *names[] = {"V_mV", "TAMR"};
  sfhet_outfile out;
  SFHET_TRY(sfhet_outfile_open(&out, path));
  cli_meta(s, out.fp);
  int rc = sfhet_csv_header(out.fp, names, 2);
  for (size_t k = 0; k < *nt && !rc; k++) rc = sfhet_csv_row(out.fp, (double[]){(*tv)[k], (*tt)[k]}, 2);
  if (rc) {
    sfhet_outfile_abort(&out);
    return rc;
  }
  return sfhet_outfile_commit(&out);
}

/* Nearest bias index to v. */
static size_t nearest(const double *V, size_t nv, double v) {
  size_t k = 0;
  for (size_t i = 1; i < nv; i++)
    if (fabs(V[i] - v) < fabs(V[k] - v)) k = i;
  return k;
}

/* Linecuts G(B) of the up sweep at 0, the peak, between, and 1.7 x the peak (seed 000 Fig. 2b), and
 * TAMR(V) (Fig. 2c). */
static int write_plot(const char *path, const sfhet_device_field *f, size_t nf, const double *V, size_t nv,
                      const double *G, const double *tv, const double *tt, size_t nt) {
  size_t nu = 0;
  while (nu < nf && f[nu].dir == f[0].dir) nu++;
  double peak, fwhm, w;
  SFHET_TRY(sfhet_device_features(V, G, nv, &peak, &fwhm, &w));
  if (!isfinite(peak)) peak = V[nv - 1] / 2;
  const double at[4] = {0.0, 0.75 * peak, peak, 1.7 * peak};
  double *buf = malloc(5 * nu * sizeof *buf);
  char title[4][48];
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  plot_panel pn[2] = {{.title = "Linecuts G(B) (up sweep)", .xlabel = "B (T)", .ylabel = "G / G_nn"},
                      {.title = "TAMR between first and last field", .xlabel = "V (mV)", .ylabel = "TAMR", .zero_line = 1}};
  for (size_t i = 0; i < nu; i++) buf[i] = f[i].B;
  for (int c = 0; c < 4; c++) {
    size_t k = nearest(V, nv, at[c]);
    for (size_t i = 0; i < nu; i++) buf[(size_t)(c + 1) * nu + i] = G[i * nv + k];
    snprintf(title[c], sizeof title[c], "V = %.3g mV", V[k]);
    plot_add(&pn[0], title[c], buf, buf + (size_t)(c + 1) * nu, NULL, nu, PLOT_LINESPOINTS);
  }
  plot_add(&pn[1], "TAMR", tv, tt, NULL, nt, PLOT_LINES);
  int rc = plot_write(path, pn, 2, "--plot");
  free(buf);
  return rc;
}

static int run_map(cli_spec *s) {
  double p[SFHET_DEVICE_NPARAMS];
  int up, down;
  SFHET_TRY(device_read_params(s, p));
  SFHET_TRY(device_read_sweep(s, &up, &down));
  sfhet_range B = {0, NULL}, V = {0, NULL};
  SFHET_TRY(cli_range(s, "B", &B));
  int rc = cli_range(s, "V", &V);
  for (size_t k = 1; k < V.n && !rc; k++)
    if (!(V.v[k] > V.v[k - 1])) rc = cli_usage_error("--V: biases must increase");
  sfhet_device_field *f = NULL;
  size_t nf = 0;
  if (!rc) rc = sfhet_device_sweep(B.v, B.n, up, down, &f, &nf);
  double *G = NULL, *cols = NULL, *tv = NULL, *tt = NULL;
  size_t nt = 0;
  sfhet_device_state *st = NULL;
  sfhet_device_ws *ws = NULL;
  if (!rc && (!(G = malloc(nf * V.n * sizeof *G)) || !(cols = malloc(4 * nf * V.n * sizeof *cols)) ||
              !(st = malloc(nf * sizeof *st)) || !(ws = sfhet_device_ws_alloc(s->threads))))
    SFHET_REPORT(rc = SFHET_ENOMEM, "out of memory");
  sfhet_progress pr = cli_progress(s, "device");
  if (!rc) sfhet_device_ws_progress(ws, &pr);
  if (!rc) rc = sfhet_device_map(p, f, nf, V.v, V.n, G, st, ws);
  if (!rc) rc = write_tamr(cli_str(s, "tamr"), s, V.v, V.n, G, f, nf, &tv, &tt, &nt);
  if (!rc && cli_str(s, "per-field")) rc = write_per_field(cli_str(s, "per-field"), s, f, nf, st, V.v, V.n, G);
  if (!rc && cli_str(s, "plot")) rc = write_plot(cli_str(s, "plot"), f, nf, V.v, V.n, G, tv, tt, nt);
  if (!rc) {
    size_t n = nf * V.n;
    for (size_t i = 0; i < nf; i++)
      for (size_t k = 0; k < V.n; k++) {
        size_t r = i * V.n + k;
        cols[r] = f[i].B, cols[n + r] = f[i].dir, cols[2 * n + r] = V.v[k], cols[3 * n + r] = G[r];
      }
    const char *names[] = {"B_T", "direction", "V_mV", "G"};
    const double *c[] = {cols, cols + n, cols + 2 * n, cols + 3 * n};
    rc = cli_write_table(s, names, 4, c, n);
  }
  sfhet_device_ws_free(ws);
  free(G), free(cols), free(st), free(f), free(tv), free(tt);
  sfhet_range_free(&B), sfhet_range_free(&V);
  return rc;
}

static int run_device(int argc, char **argv) {
  cli_spec s;
  cli_spec_init(&s, "device",
                "device --B RANGE [--V RANGE] [--Tc0 TC0 --T T --lambda L --HK HK --dso --eta --eta_x/y/z --gamma0 "
                "--vac --P --g] [--sweep up|down|up,down] [--per-field FILE] [--tamr FILE] [--plot FILE]\n"
                "       sfhet device --fit --data MAP --free LIST [same options] [--json]",
                "The NbSe2/CrBr3/NbSe2 junction (docs/device.md): for each applied in-plane field B the CrBr3\n"
                "macrospin m(B) (anisotropy field HK, nucleation field Hn, tracked along the sweep), the exchange\n"
                "energy b = lambda m + (g/2) muB B on both electrodes, their isingqc DOS (seed 002) with the\n"
                "self-consistent gap Delta(T, b) (Gamma0 is inhomogeneous broadening: in the DOS only) and the SIS\n"
                "dI/dV with thermal and lock-in smearing and spin filtering P along b. Prints B_T,direction,V_mV,G\n"
                "(direction +1 up, -1 down); --per-field adds theta_m_deg, b_meV, theta_b_deg, delta_meV, the\n"
                "coherence peak, its width at half height above 1 (fwhm_mV) and the spectral weight over --V;\n"
                "--tamr writes TAMR(V) = (G_first - G_last)/G_first (first and last field of the first sweep\n"
                "direction); --plot linecuts and TAMR.\n"
                "--fit fits a measured map for the --free parameters (docs/device.md): Jacobian columns by forward\n"
                "differences (step 1e-5 of each value) with every gap one Newton step from the current root\n"
                "(O(h^2); the same minimum and errors as --numeric-jacobian), gnn, bg0, bg1 in closed form; a\n"
                "warning when the fitted HK lies within 2 errors of an applied field (m(B) has a kink at B = HK:\n"
                "chi^2 is not quadratic there and the HK error is only indicative).\n" CONVENTION);
  device_options(&s);
  cli_add(&s, "per-field", CLI_STR, SFHET_DIM_NONE, NULL, "per-field table FILE");
  cli_add(&s, "tamr", CLI_STR, SFHET_DIM_NONE, NULL, "TAMR(V) table FILE (first vs last field)");
  cli_add(&s, "plot", CLI_STR, SFHET_DIM_NONE, NULL, "figure FILE (.png/.svg/.pdf): linecuts G(B) and TAMR(V)");
  device_fit_options(&s);
  SFHET_TRY(cli_parse(&s, argc, argv));
  if (cli_flag(&s, "fit")) return device_run_fit(&s);
  if (!cli_given(&s, "B")) return cli_usage_error("--B: the applied field points are required, e.g. --B 0:1T:21");
  return run_map(&s);
}

const cli_command cli_cmd_device = {"device", "NbSe2/CrBr3/NbSe2 device chain: map G(B, V) and its global fit", run_device};
