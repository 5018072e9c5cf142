/* Point-contact junctions (--junction pc): the Andreev kernels of sfhet/andreev.h as junction electrodes.
 * Checked against independent sources: the kernels' own values (the adapters must pass them through),
 * an independent quadrature of the thermal convolution G(V) = ∫ σ(E) (−∂f/∂E)(E − eV) dE written here
 * (GSL QAGP, own Fermi function), the Z = 0 closed forms (G(0) = 2 unpolarised, 0 fully polarised), the
 * Z -> ∞ limit (the NIS junction of the Dynes DOS, deviation ∝ 1/Z²), the d_xy zero-bias peak height of
 * Tanaka and Kashiwaya (docs/andreev.md (AR7)), σ(E) = σ(−E) wherever the adapters claim it, and the
 * parameter table: the kernel's P shadows the junction's barrier P. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

#include "sfhet/andreev.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/fit.h"
#include "sfhet/junction.h"
#include "testutil.h"

static const sfhet_dos_info *pc(const char *name) {
  const sfhet_dos_info *d = sfhet_pc_model_find(name);
  assert_non_null(d);
  return d;
}

/* A point contact with kernel parameters p (the model's table order) at temperature T [K]. */
static void pc_junction(sfhet_junction *j, const char *model, const double *p, double T) {
  sfhet_junction_init(j, SFHET_JUNCTION_NIS, pc(model), NULL);
  memcpy(j->p1, p, j->dos1->n_params * sizeof *p);
  j->T = T;
  j->rel_tol = 1e-7;
  assert_int_equal(sfhet_junction_check(j), SFHET_OK);
}

static double G_at(const sfhet_junction *j, double V) {
  double G;
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(j, &V, 1, &G, NULL, NULL, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
  return G;
}

static void test_lookup(void **st) {
  (void)st;
  assert_int_equal(sfhet_pc_model_count(), 2);
  assert_string_equal(sfhet_pc_model_get(0)->name, "btk");
  assert_string_equal(sfhet_pc_model_get(1)->name, "tk");
  assert_null(sfhet_pc_model_get(2));
  assert_null(sfhet_pc_model_find("dynes"));
  assert_null(sfhet_pc_model_find(NULL));
  assert_ptr_equal(sfhet_pc_kernel(pc("btk")), sfhet_andreev_find("btk"));
  assert_ptr_equal(sfhet_pc_kernel(pc("tk")), sfhet_andreev_find("tk"));
  assert_null(sfhet_pc_kernel(sfhet_dos_find("dynes")));
  for (size_t i = 0; i < sfhet_dos_count(); i++) /* not DOS models */
    assert_null(sfhet_pc_kernel(sfhet_dos_get(i)));
  assert_null(sfhet_dos_find("btk"));
  assert_null(sfhet_dos_find("tk"));
}

/* eval and eval_de give the kernel's σ and dσ/dE: N = σ, N_up = N_down = σ/2; for btk the even part
 * [σ(E) + σ(−E)]/2 (equal to σ where the kernel is even). */
static void check_passthrough(const char *model, const double *p) {
  const sfhet_dos_info *d = pc(model);
  const sfhet_andreev_info *k = sfhet_pc_kernel(d);
  double E[41], Em[41], s[41], ds[41], sm[41], dsm[41], N[41], up[41], dn[41], N1[41], dN1[41], Nc[2][41], dNc[2][41];
  for (int i = 0; i < 41; i++) E[i] = -3.0 + 0.15 * i + 1e-3, Em[i] = -E[i];
  assert_int_equal(k->eval(p, E, 41, s, ds, NULL), SFHET_OK);
  assert_int_equal(k->eval(p, Em, 41, sm, dsm, NULL), SFHET_OK);
  for (int i = 0; strcmp(model, "btk") == 0 && i < 41; i++)
    s[i] = 0.5 * (s[i] + sm[i]), ds[i] = 0.5 * (ds[i] - dsm[i]);
  assert_int_equal(d->eval(p, E, 41, N, up, dn), SFHET_OK);
  assert_int_equal(d->eval(p, E, 41, NULL, up, NULL), SFHET_OK); /* N may be NULL */
  double *o1[1] = {N1}, *d1[1] = {dN1}, *o2[2] = {Nc[0], Nc[1]}, *d2[2] = {dNc[0], dNc[1]};
  int de = d->eval_de(p, E, 41, 1, o1, d1);
  assert_int_equal(de, d->width(p) > 0 ? SFHET_OK : SFHET_CONTINUE);
  if (de == SFHET_OK) assert_int_equal(d->eval_de(p, E, 41, 2, o2, d2), SFHET_OK);
  for (int i = 0; i < 41; i++) {
    assert_close(N[i], s[i], 1e-14, 1e-15);
    assert_close(up[i], 0.5 * s[i], 1e-14, 1e-15);
    assert_close(dn[i], 0.5 * s[i], 1e-14, 1e-15);
    if (de != SFHET_OK) continue;
    assert_close(N1[i], s[i], 1e-14, 1e-15);
    assert_close(dN1[i], ds[i], 1e-12, 1e-14);
    assert_close(Nc[0][i], 0.5 * s[i], 1e-14, 1e-15);
    assert_close(Nc[1][i], 0.5 * s[i], 1e-14, 1e-15);
    assert_close(dNc[1][i], 0.5 * ds[i], 1e-12, 1e-14);
  }
  assert_int_equal(d->spin_resolved, 0);
  double e[8], ek[8];
  size_t ne = d->edges(p, e, 8);
  assert_int_equal(ne, k->edges(p, ek, 8));
  for (size_t i = 0; i < ne; i++) assert_close(e[i], ek[i], 0, 0);
  assert_close(d->width(p), k->width(p), 0, 0);
}

static void test_passthrough(void **st) {
  (void)st;
  const double b1[] = {1.1, 0.05, 0.4, 0.3, SFHET_BTK_BALLISTIC}, b2[] = {1.1, 0.05, 0.4, 0.3, SFHET_BTK_DIFFUSIVE};
  const double b3[] = {1.1, 0.05, 0.4, 0.3, SFHET_BTK_STRIJKERS}, b4[] = {1.1, 0.0, 0.4, 0.0, SFHET_BTK_BALLISTIC};
  const double t1[] = {1.0, 0.04, 2.0, SFHET_TK_D, 45.0}, t2[] = {1.0, 0.04, 1.0, SFHET_TK_CHIRAL_P, 10.0};
  check_passthrough("btk", b1);
  check_passthrough("btk", b2);
  check_passthrough("btk", b3);
  check_passthrough("btk", b4);
  check_passthrough("tk", t1);
  check_passthrough("tk", t2);
}

/* even(p) = 1 must mean σ(E) = σ(−E) to rounding; where it says 0 the asymmetry is real. The btk
 * adapter is even everywhere; its kernel is not for Mazin's forms with P, Γ > 0 (and Z > 0 ballistic). */
static double asymmetry(const sfhet_dos_info *d, const double *p) {
  double E[60], Em[60], s[60], sm[60], mx = 0.0;
  for (int i = 0; i < 60; i++) E[i] = 0.05 * (i + 1) + 1e-4, Em[i] = -E[i];
  assert_int_equal(d->eval(p, E, 60, s, NULL, NULL), SFHET_OK);
  assert_int_equal(d->eval(p, Em, 60, sm, NULL, NULL), SFHET_OK);
  for (int i = 0; i < 60; i++) mx = fmax(mx, fabs(s[i] - sm[i]));
  return mx;
}

static void test_even(void **st) {
  (void)st;
  const sfhet_dos_info *b = pc("btk"), *t = pc("tk");
  const double Ps[] = {0.0, 0.4}, Gs[] = {0.0, 0.07}, Zs[] = {0.0, 0.6};
  for (int spin = 0; spin < 3; spin++)
    for (int a = 0; a < 2; a++)
      for (int g = 0; g < 2; g++)
        for (int z = 0; z < 2; z++) {
          double p[] = {1.0, Gs[g], Zs[z], Ps[a], spin};
          assert_true(b->even(p));
          assert_true(asymmetry(b, p) < 1e-12);
          double E = 1.3, s, sm, Em = -E;
          sfhet_pc_kernel(b)->eval(p, &E, 1, &s, NULL, NULL);
          sfhet_pc_kernel(b)->eval(p, &Em, 1, &sm, NULL, NULL);
          int kernel_odd = a && g && spin != SFHET_BTK_STRIJKERS && (z || spin == SFHET_BTK_DIFFUSIVE);
          if (kernel_odd) assert_true(fabs(s - sm) > 1e-3); /* |1 + β ± 2iZ|: why the even part */
          else assert_true(fabs(s - sm) < 1e-13);
        }
  for (int pa = 0; pa < 4; pa++) {
    double p[] = {1.0, 0.05, 1.5, pa, 30.0};
    if (t->even(p)) assert_true(asymmetry(t, p) < 1e-12);
    else assert_int_equal(pa, SFHET_TK_CHIRAL_P);
  }
}

/* Independent thermal convolution: GSL QAGP over E − V in (−40kT, 40kT) with breakpoints at the
 * kernel's edges, the kernel evaluated directly (btk: its even part), −∂f/∂E written out. */
typedef struct {
  const sfhet_andreev_info *k;
  const double *p;
  double V, kT;
} conv_arg;

static double conv_integrand(double E, void *vp) {
  const conv_arg *a = vp;
  double s, sm = 0.0, Em = -E, x = (E - a->V) / (2.0 * a->kT), c = cosh(x);
  int even_part = strcmp(a->k->name, "btk") == 0;
  assert_int_equal(a->k->eval(a->p, &E, 1, &s, NULL, NULL), SFHET_OK);
  if (even_part) assert_int_equal(a->k->eval(a->p, &Em, 1, &sm, NULL, NULL), SFHET_OK);
  if (even_part) s = 0.5 * (s + sm);
  return s / (4.0 * a->kT * c * c);
}

static double convolved(const sfhet_andreev_info *k, const double *p, double V, double T) {
  conv_arg a = {k, p, V, SFHET_KB_MEV * T};
  double pts[8], e[8], w = 40.0 * a.kT, r, err;
  size_t ne = k->edges(p, e, 8), np = 0;
  pts[np++] = V - w;
  for (size_t i = 0; i < ne; i++)
    if (e[i] > V - w && e[i] < V + w) pts[np++] = e[i];
  pts[np++] = V + w;
  for (size_t i = 1; i < np; i++) /* sort */
    for (size_t m = i; m > 0 && pts[m] < pts[m - 1]; m--) {
      double tmp = pts[m];
      pts[m] = pts[m - 1], pts[m - 1] = tmp;
    }
  gsl_function f = {conv_integrand, &a};
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(4000);
  assert_int_equal(gsl_integration_qagp(&f, pts, np, 1e-12, 1e-11, 4000, ws, &r, &err), 0);
  gsl_integration_workspace_free(ws);
  return r;
}

static void check_thermal(const char *model, const double *p, double T) {
  sfhet_junction j;
  pc_junction(&j, model, p, T);
  const double V[] = {-2.1, -1.05, -0.6, 0.0, 0.31, 0.97, 1.2, 2.5};
  double G[8], Gerr[8];
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&j, V, 8, G, NULL, Gerr, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
  for (int i = 0; i < 8; i++) {
    double ref = convolved(sfhet_pc_kernel(j.dos1), p, V[i], T);
    assert_close(G[i], ref, j.rel_tol, 1e-3 * j.rel_tol); /* the requested accuracy */
    assert_true(Gerr[i] <= j.rel_tol * (fabs(G[i]) + 1e-3));
  }
}

static void test_thermal(void **st) {
  (void)st;
  gsl_set_error_handler_off();
  const double lattice[] = {1.0, 0.08, 0.45, 0.35, SFHET_BTK_BALLISTIC}; /* Γ > 0: the lattice path */
  const double diffusive[] = {1.0, 0.05, 0.3, 0.5, SFHET_BTK_DIFFUSIVE};
  const double bcs[] = {1.0, 0.0, 0.7, 0.0, SFHET_BTK_BALLISTIC};       /* Γ = 0: adaptive */
  const double strij[] = {1.0, 0.03, 0.2, 0.6, SFHET_BTK_STRIJKERS};    /* jumps at ±Δ: adaptive */
  const double dwave[] = {1.0, 0.05, 2.0, SFHET_TK_D, 45.0};           /* zero-bias peak */
  check_thermal("btk", lattice, 1.5);
  check_thermal("btk", diffusive, 2.0);
  check_thermal("btk", bcs, 1.2);
  check_thermal("btk", strij, 1.5);
  check_thermal("tk", dwave, 1.0);
}

/* Z = 0 at T -> 0: G(0) = σ(0) = 2 unpolarised (perfect Andreev reflection), 0 fully polarised. */
static void test_z0(void **st) {
  (void)st;
  sfhet_junction j;
  for (int spin = 0; spin < 3; spin += 2) { /* ballistic and Strijkers (diffusive: σ(0) = 1) */
    const double p0[] = {1.0, 0.0, 0.0, 0.0, spin}, p1[] = {1.0, 0.0, 0.0, 1.0, spin};
    pc_junction(&j, "btk", p0, 0.02);
    assert_close(G_at(&j, 0.0), 2.0, 1e-9, 0);
    pc_junction(&j, "btk", p1, 0.02);
    assert_close(G_at(&j, 0.0), 0.0, 0, 1e-9);
  }
  const double pd[] = {1.0, 0.0, 0.0, 0.0, SFHET_BTK_DIFFUSIVE};
  pc_junction(&j, "btk", pd, 0.005); /* σ_d = 1 + O(E²): 1 + 2e-7 at 5 mK */
  assert_close(G_at(&j, 0.0), 1.0, 1e-6, 0); /* Beenakker: Dorokhov average of 2T²/(2 − T)² */
}

/* Z -> ∞: the point contact becomes the NIS tunnel junction of the Dynes DOS with the same Δ, Γ, T.
 * The unpolarised deviation is c/Z² (docs/andreev.md): 5e-4 at Z = 50, so the test checks that rate
 * and the limit itself by extrapolating Z = 50 and Z = 100 in 1/Z² (Richardson), within 1e-5. */
static void test_tunnel_limit(void **st) {
  (void)st;
  sfhet_junction nis, a, b;
  sfhet_junction_init(&nis, SFHET_JUNCTION_NIS, sfhet_dos_find("dynes"), NULL);
  nis.p1[0] = 1.0, nis.p1[1] = 0.05, nis.T = 1.0, nis.rel_tol = 1e-8;
  for (int spin = 0; spin < 2; spin++) {
    const double p50[] = {1.0, 0.05, 50.0, 0.0, spin}, p100[] = {1.0, 0.05, 100.0, 0.0, spin};
    pc_junction(&a, "btk", p50, 1.0);
    pc_junction(&b, "btk", p100, 1.0);
    a.rel_tol = b.rel_tol = 1e-8;
    double V[61], g[61], g50[61], g100[61];
    for (int i = 0; i < 61; i++) V[i] = -3.0 + 0.1 * i;
    sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
    assert_int_equal(sfhet_junction_eval(&nis, V, 61, g, NULL, NULL, ws), SFHET_OK);
    assert_int_equal(sfhet_junction_eval(&a, V, 61, g50, NULL, NULL, ws), SFHET_OK);
    assert_int_equal(sfhet_junction_eval(&b, V, 61, g100, NULL, NULL, ws), SFHET_OK);
    sfhet_junction_ws_free(ws);
    for (int i = 0; i < 61; i++) {
      double lim = (1e4 * g100[i] - 2.5e3 * g50[i]) / (1e4 - 2.5e3);
      assert_close(g50[i], g[i], 0, 1e-3);
      assert_close(g100[i], g[i], 0, 2.5e-4);
      assert_close(lim, g[i], 0, 1e-5);
    }
  }
}

/* Tanaka-Kashiwaya d_xy (α = 45°): σ(0) = 4/[2 − (Z²/a) ln((a + 1)/(a − 1))], a = √(1 + Z²) at Γ = 0
 * (29.4 at Z = 3); thermal smearing at 0.3 K and Γ = 1e-3 Δ lowers it only slightly, and the peak is a
 * maximum of G. */
static void test_zero_bias_peak(void **st) {
  (void)st;
  const double Z = 3.0, aa = sqrt(1 + Z * Z), peak = 4.0 / (2.0 - Z * Z / aa * log((aa + 1) / (aa - 1)));
  const double p[] = {1.0, 0.01, Z, SFHET_TK_D, 45.0};
  sfhet_junction j;
  pc_junction(&j, "tk", p, 0.1);
  j.rel_tol = 1e-5;
  double g0 = G_at(&j, 0.0);
  assert_true(g0 > 5.0 && g0 < peak);
  assert_true(g0 > G_at(&j, 0.2) && g0 > G_at(&j, -0.2) && g0 > 5 * G_at(&j, 0.5));
  const double s[] = {1.0, 0.01, Z, SFHET_TK_S, 45.0}; /* an s-wave contact has no peak */
  pc_junction(&j, "tk", s, 0.1);
  assert_true(G_at(&j, 0.0) < 0.1);
}

/* The junction parameter table of a point contact: the kernel's P is "P" (the barrier P is left out),
 * everything else as for NIS; a DOS-model NIS junction keeps its barrier P. */
static void test_p_shadowing(void **st) {
  (void)st;
  sfhet_junction j;
  const double p[] = {1.0, 0.05, 0.5, 0.0, 0.0};
  pc_junction(&j, "btk", p, 1.5);
  size_t n = sfhet_junction_nparams(&j), nP = 0;
  assert_int_equal(n, SFHET_BTK_NP + 5); /* T, vac, sigma_inst, zbp_amp, zbp_sigma */
  for (size_t k = 0; k < n; k++) nP += strcmp(sfhet_junction_param(&j, k)->name, "P") == 0;
  assert_int_equal(nP, 1);
  assert_int_equal(sfhet_junction_index(&j, "P"), SFHET_BTK_P);
  assert_string_equal(sfhet_junction_param(&j, n - 1)->name, "zbp_sigma");
  assert_null(sfhet_junction_param(&j, n));
  assert_int_equal(sfhet_junction_set(&j, "P", 0.7), SFHET_OK);
  assert_close(j.p1[SFHET_BTK_P], 0.7, 0, 0);
  assert_close(j.P, 0.0, 0, 0);
  double v;
  assert_int_equal(sfhet_junction_get(&j, "P", &v), SFHET_OK);
  assert_close(v, 0.7, 0, 0);
  assert_int_equal(sfhet_junction_set(&j, "T", 0.8), SFHET_OK); /* later entries still addressable */
  assert_close(j.T, 0.8, 0, 0);
  assert_int_equal(sfhet_junction_set(&j, "zbp_sigma", 0.2), SFHET_OK);
  assert_close(j.zbp_sigma, 0.2, 0, 0);
  assert_int_equal(sfhet_junction_set(&j, "P", 1.5), SFHET_OK);
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  assert_non_null(strstr(sfhet_last_error(), "--P"));
  assert_int_equal(sfhet_junction_set(&j, "P", -0.5), SFHET_OK); /* the barrier's -1..1 does not apply */
  assert_int_equal(sfhet_junction_check(&j), SFHET_ERANGE);
  /* the fitter frees the kernel's P */
  sfhet_fit_junction fj;
  sfhet_fit_model m;
  memset(&fj, 0, sizeof fj);
  pc_junction(&fj.j, "btk", p, 1.5);
  assert_int_equal(sfhet_fit_junction_model(&m, &fj), SFHET_OK);
  assert_int_equal(m.np, n);
  assert_string_equal(m.info[SFHET_BTK_P].name, "P");
  assert_close(m.info[SFHET_BTK_P].hi, 1.0, 0, 0);
  assert_close(m.info[SFHET_BTK_P].lo, 0.0, 0, 0);
  /* a DOS-model junction keeps the barrier P */
  sfhet_junction_init(&j, SFHET_JUNCTION_NIS, sfhet_dos_find("zeeman"), NULL);
  assert_int_equal(sfhet_junction_nparams(&j), 3 + 6);
  assert_int_equal(sfhet_junction_set(&j, "P", -0.5), SFHET_OK);
  assert_close(j.P, -0.5, 0, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lookup),      cmocka_unit_test(test_passthrough), cmocka_unit_test(test_even),
      cmocka_unit_test(test_thermal),     cmocka_unit_test(test_z0),          cmocka_unit_test(test_tunnel_limit),
      cmocka_unit_test(test_zero_bias_peak), cmocka_unit_test(test_p_shadowing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
