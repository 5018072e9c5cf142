/* Ising lattice model, per-k level: λ_soc, band symmetries, BdG eigenvalues against LAPACK, and the
 * gap kernel / susceptibility integrands against finite differences of the eigenvalue free energy. */
#include <complex.h>
#include <lapacke.h>
#include <math.h>

#include "lattice/ising_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/ising.h"
#include "testutil.h"

static void test_lambda(void **st) {
  (void)st;
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  assert_close(sfhet_ising_lambda_soc(&m), 77.2, 0, 0.05); /* seed 003 App. A */
  double u, d;                                              /* half splitting at K from eqs. A1–A2 */
  sfhet_ising_xi(&m, 4 * M_PI / 3, 0, &u, &d);
  assert_close(0.5 * fabs(u - d), sfhet_ising_lambda_soc(&m), 1e-12, 0);
  sfhet_ising_xi(&m, 0.3, 0.2, &u, &d); /* A3 closed form of the splitting */
  double a = 0.15, b = 0.1 * sqrt(3.0);
  assert_close(u - d, 8 * 26.3 * sin(0.6) * (cos(a) - cos(b)) * sin(a), 1e-12, 1e-12);
  /* --lambda: φ0 from λ_soc and back; out of reach (|λ| > 3√3 |t0|) is an input error */
  assert_int_equal(sfhet_ising_set_lambda(&m, 69.8), SFHET_OK);
  assert_close(sfhet_ising_lambda_soc(&m), 69.8, 1e-14, 0);
  assert_int_equal(sfhet_ising_set_lambda(&m, 3 * sqrt(3.0) * 26.3 * 1.0001), SFHET_EINVAL);
  assert_int_equal(sfhet_ising_set_lambda(&m, NAN), SFHET_EINVAL);
}

/* ε even, C3 and mirror symmetric, β odd under k -> -k (always) and C3 symmetric for Table I. */
static void test_symmetry(void **st) {
  (void)st;
  sfhet_ising_model m;
  sfhet_ising_model_default(&m);
  for (int pass = 0; pass < 2; pass++) {
    if (pass) for (int i = 1; i < 6; i++) m.p[SFHET_ISING_PHI0 + i] = 0.1 * i;
    ising_band bd;
    ising_band_init(&bd, &m);
    double kx = 0.7, ky = 0.4, e0, b0, e, b;
    ising_band_eb(&bd, kx, ky, &e0, &b0);
    ising_band_eb(&bd, -kx, -ky, &e, &b);
    assert_close(e, e0, 1e-12, 1e-12);
    assert_close(b, -b0, 1e-12, 1e-12);
    double c = cos(2 * M_PI / 3), s = sin(2 * M_PI / 3);
    ising_band_eb(&bd, c * kx - s * ky, s * kx + c * ky, &e, &b);
    assert_close(e, e0, 1e-12, 1e-12);
    if (!pass) assert_close(b, b0, 1e-12, 1e-12);
    if (!pass) {
      ising_band_eb(&bd, kx, -ky, &e, &b);
      assert_close(fabs(b), fabs(b0), 1e-12, 1e-12);
      assert_int_equal(bd.mirror, 1);
    } else assert_int_equal(bd.mirror, 0);
  }
}

/* Full 4x4 BdG of eq. C1 (basis c_k↑, c_k↓, c†_-k↑, c†_-k↓) with J(θ, φ), diagonalised by LAPACK. */
static void lapack_eig(double e, double b, double d, double J, double th, double ph, double E[4]) {
  double jx = J * sin(th) * cos(ph), jy = J * sin(th) * sin(ph), jz = J * cos(th);
  double complex H[16] = {0};
  /* particle block h(k) = diag(e+b, e-b) + J·σ */
  H[0] = e + b + jz, H[1] = jx - I * jy, H[4] = jx + I * jy, H[5] = e - b - jz;
  /* hole block −h^T(−k), h(−k) = diag(e-b, e+b) + J·σ */
  H[10] = -(e - b + jz), H[11] = -(jx + I * jy), H[14] = -(jx - I * jy), H[15] = -(e + b - jz);
  /* pairing Δ iσy and its conjugate */
  H[3] = d, H[6] = -d, H[9] = -d, H[12] = d; /* row-major: H[r*4+c] */
  double complex A[16];
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++) A[r * 4 + c] = H[r * 4 + c];
  /* symmetrise the pairing entries: (0,3)=Δ, (1,2)=−Δ and their transposes */
  A[0 * 4 + 3] = d, A[3 * 4 + 0] = d, A[1 * 4 + 2] = -d, A[2 * 4 + 1] = -d;
  A[0 * 4 + 2] = A[2 * 4 + 0] = A[1 * 4 + 3] = A[3 * 4 + 1] = 0;
  assert_int_equal(LAPACKE_zheev(LAPACK_ROW_MAJOR, 'N', 'U', 4, (lapack_complex_double *)A, 4, E), 0);
}

static void test_eig_lapack(void **st) {
  (void)st;
  const double cases[][6] = {{0.3, 0.1, 0.4653, 0.2, 0.0, 0.0}, {0.3, 0.1, 0.4653, 0.2, M_PI / 2, 0.4},
                             {-0.2, 0.5, 0.4653, 0.35, 0.7, 1.1},  {150, 40, 0.4653, 0.3, 1.2, 2.0},
                             {0.01, -0.02, 0.3, 0.5, 0.3, 0.0},    {-3, 0.0, 0.4, 0.25, 1.0, 0.5},
                             {0.4, 0.2, 0.0, 0.3, 0.9, 0.3}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const double *c = cases[i];
    double El[4], E[4], jz = c[3] * cos(c[4]), jx = c[3] * sin(c[4]);
    if (fabs(jz) < 1e-12) jz = 0;
    lapack_eig(c[0], c[1], c[2], c[3], c[4], c[5], El);
    ising_bdg_eig(c[0], c[1], c[2], jz, jx, E);
    for (int n = 0; n < 4; n++) assert_close(E[n], El[n], 0, 1e-9 * (1 + fabs(c[0]) + fabs(c[1])));
  }
}

/* Σ_n lc(E_n) via ising_k_fsn: its Δ-derivative is 2Δ·gapfn, its J-curvatures are χ. */
static double fk(double e, double b, double T, double d, double jz, double jx) {
  ising_kpar p = {T, d, 0.4653, jz, jx};
  return ising_k_fsn(e, b, &p);
}

static void test_kernel_fd(void **st) {
  (void)st;
  const double pts[][2] = {{0.1, 0.3}, {-0.4, 2.0}, {1.5, -0.2}, {0.02, 0.0}, {12, 5}};
  const double fields[][2] = {{0, 0}, {0.2, 0}, {0, 0.3}, {0.15, 0.25}, {0.4, 0.1}};
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 5; j++)
      for (int tt = 0; tt < 2; tt++) {
        double e = pts[i][0], b = pts[i][1], T = tt ? 0.15 : 0.0, d = 0.3, h = 1e-5;
        ising_kpar p = {T, d, 0.4653, fields[j][0], fields[j][1]};
        double fd = (fk(e, b, T, d + h, p.jz, p.jx) - fk(e, b, T, d - h, p.jz, p.jx)) / (2 * h);
        assert_close(2 * d * ising_k_gapfn(e, b, &p), fd, 1e-6, 1e-8);
      }
}

static void test_chi_fd(void **st) {
  (void)st;
  const double pts[][2] = {{0.1, 0.3}, {-0.4, 2.0}, {1.5, -0.2}, {0.3, 0.001}, {12, 5}};
  for (size_t i = 0; i < 5; i++)
    for (int dd = 0; dd < 2; dd++) {
      double e = pts[i][0], b = pts[i][1], T = 0.2, d = dd ? 0.4 : 0.0, h = 2e-4;
      ising_kpar p = {T, d, 0.4653, 0, 0};
      double f0 = fk(e, b, T, d, 0, 0);
      double cx = -(fk(e, b, T, d, 0, h) - 2 * f0 + fk(e, b, T, d, 0, -h)) / (h * h);
      double cz = -(fk(e, b, T, d, h, 0) - 2 * f0 + fk(e, b, T, d, -h, 0)) / (h * h);
      assert_close(ising_k_chi_par(e, b, &p), cx, 2e-4, 1e-6);
      assert_close(ising_k_chi_perp(e, b, &p), cz, 2e-4, 1e-6);
      if (!dd) { /* normal state: Van Vleck form [n_F(ε−|β|) − n_F(ε+|β|)]/|β| (2x2 perturbation theory) */
        double ab = fabs(b), nm = 1 / (1 + exp((e - ab) / T)), np = 1 / (1 + exp((e + ab) / T));
        assert_close(ising_k_chi_par(e, b, &p), (nm - np) / ab, 1e-6, 1e-9);
      }
    }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lambda),     cmocka_unit_test(test_symmetry),
      cmocka_unit_test(test_eig_lapack), cmocka_unit_test(test_kernel_fd),
      cmocka_unit_test(test_chi_fd),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
