/* Defect-moment flop (seed 002, last part; a minimal model stated in docs/isingqc.md, "Flop"): a
 * defect moment m = (sin ϑ, 0, cos ϑ) in the plane of the c axis and the in-plane field B, with
 *   E(ϑ) = −K_d cos²ϑ − m_d μB B sin ϑ + E_pair(cos²ϑ),
 * where the z component of its exchange field breaks pairs in its puddle (Ising protection spares the
 * in-plane part). With a puddle order parameter ψ (local gap ψΔ) and Landau energy
 * E_p[(1 − ψ²)² − 1] + J_d c ψ², minimising over ψ gives
 *   E_pair(c) = J_d c − J_d² c²/(4E_p) for J_d c < 2E_p, E_p otherwise,
 * the puddle's pairing energy E_p(T) = ½ N(0) Δ(T)² π (R_d² − ξ(T)²) once scattering turns unitary,
 * ξ(T) = ξ0/√(1 − T/Tc0) < R_d (zero before), Δ(T) the weak-coupling BCS gap. At B = 0 the moment
 * flops from c to the plane when E_p > K_d; since E_pair is concave in c both orientations can be local
 * minima, and sweeping B traces hysteretic branches (local-minimum tracking on a 0.05° grid).
 * Broadening seen by tunnelling: Γ_eff = Γ0 + Γ_d cos²ϑ. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sfhet/constants.h"
#include "sfhet/error.h"
#include "sfhet/isingqc.h"
#include "sfhet/thermo.h"

#define NGRID 7200 /* ϑ grid on (−π, π] */
#define T_SCAN 60

const sfhet_param_info sfhet_isingqc_flop_params[SFHET_ISINGQC_FLOP_NPARAMS] = {
    {"Kd", "K_d", SFHET_DIM_ENERGY, 0.08, 0.0, 1e3, 0, "easy-axis (c) anisotropy energy of a defect moment"},
    {"Jd", "J_d", SFHET_DIM_ENERGY, 0.1, 0.0, 1e3, SFHET_PARAM_LO_OPEN,
     "pair-breaking energy of a c-axis moment on its puddle (Landau coupling)"},
    {"Rd", "R_d", SFHET_DIM_LENGTH, 1.5, 0.0, 1e4, SFHET_PARAM_LO_OPEN, "radius of the defect's magnetisation cloud"},
    {"xi0", "ξ0", SFHET_DIM_LENGTH, 0.85, 0.0, 1e4, SFHET_PARAM_LO_OPEN, "coherence length at T = 0 (GL scaling)"},
    {"N0", "N(0)", SFHET_DIM_NONE, 0.0189, 0.0, 1e3, SFHET_PARAM_LO_OPEN,
     "normal density of states, both spins, per meV per nm²"},
    {"mud", "m_d", SFHET_DIM_NONE, 0.6, 0.0, 1e3, 0, "defect moment in Bohr magnetons"},
    {"gamma0", "Γ0", SFHET_DIM_ENERGY, 0.05, 0.0, 1e3, 0, "broadening without defect pair breaking"},
    {"gammad", "Γ_d", SFHET_DIM_ENERGY, 0.05, 0.0, 1e3, 0, "extra broadening of c-axis defect moments"},
};

int sfhet_isingqc_flop_check(const sfhet_isingqc_flop *f) {
  if (!(f->Tc0 > 0.0) || !isfinite(f->Tc0)) SFHET_ERROR(SFHET_EINVAL, "--Tc0: must be > 0 K, got %g", f->Tc0);
  for (size_t k = 0; k < SFHET_ISINGQC_FLOP_NPARAMS; k++) {
    char what[32] = "--";
    strcat(what, sfhet_isingqc_flop_params[k].name);
    SFHET_TRY(sfhet_param_check(&sfhet_isingqc_flop_params[k], f->p[k], what));
  }
  return SFHET_OK;
}

int sfhet_isingqc_flop_ep(const sfhet_isingqc_flop *f, double T, double *ep) {
  *ep = 0.0;
  if (T >= f->Tc0) return SFHET_OK;
  double xi2 = f->p[SFHET_FLOP_XI0] * f->p[SFHET_FLOP_XI0] / (1.0 - T / f->Tc0);
  double area = M_PI * (f->p[SFHET_FLOP_RD] * f->p[SFHET_FLOP_RD] - xi2);
  if (area <= 0.0) return SFHET_OK;
  double d;
  SFHET_TRY(sfhet_bcs_gap(T, f->Tc0, 0.0, &d));
  *ep = 0.5 * f->p[SFHET_FLOP_N0] * d * d * area;
  return SFHET_OK;
}

static double e_pair(double c, double jd, double ep) { /* minimised over the puddle's ψ */
  if (ep <= 0.0) return 0.0;
  return jd * c < 2.0 * ep ? jd * c - jd * jd * c * c / (4.0 * ep) : ep;
}

/* The energy landscape at one field, evaluated lazily on the ϑ grid (cos², sin tabulated). */
typedef struct {
  const sfhet_isingqc_flop *f;
  const double *c2, *sn;
  double ep, zee;
} land;

static double energy(const land *l, int i) {
  return -l->f->p[SFHET_FLOP_KD] * l->c2[i] - l->zee * l->sn[i] + e_pair(l->c2[i], l->f->p[SFHET_FLOP_JD], l->ep);
}

/* Downhill walk on the periodic grid from index i to a local minimum. */
static int descend(const land *l, int i) {
  double e = energy(l, i);
  for (int guard = 0; guard < NGRID; guard++) {
    int lo = (i + NGRID - 1) % NGRID, hi = (i + 1) % NGRID;
    double el = energy(l, lo), eh = energy(l, hi);
    int n = el < eh ? lo : hi;
    double en = el < eh ? el : eh;
    if (!(en < e)) return i;
    i = n, e = en;
  }
  return i;
}

static int global_min(const land *l) {
  int k = 0;
  double ek = energy(l, 0);
  for (int i = 1; i < NGRID; i++) {
    double e = energy(l, i);
    if (e < ek - 1e-15) k = i, ek = e;
  }
  return k;
}

static double angle_deg(int i) { return -180.0 + 360.0 * (i + 1) / NGRID; }

/* One sweep over the fields (up: increasing) from the global minimum at the first one. */
static void sweep(land *l, const double *B, size_t n, int up, double *theta, double *gam) {
  int i = -1;
  for (size_t k = 0; k < n; k++) {
    size_t idx = up ? k : n - 1 - k;
    l->zee = l->f->p[SFHET_FLOP_MUD] * SFHET_MU_B_MEV * B[idx];
    i = i < 0 ? global_min(l) : descend(l, i);
    theta[idx] = angle_deg(i);
    gam[idx] = l->f->p[SFHET_FLOP_GAMMA0] + l->f->p[SFHET_FLOP_GAMMAD] * l->c2[i];
  }
}

static int check_fields(const double *B, size_t n) {
  if (n < 2) SFHET_ERROR(SFHET_EINVAL, "--B: a sweep needs at least 2 fields");
  for (size_t i = 0; i + 1 < n; i++)
    if (!(B[i + 1] > B[i])) SFHET_ERROR(SFHET_EINVAL, "--B: fields must increase (the down sweep is the reverse)");
  return SFHET_OK;
}

int sfhet_isingqc_flop_loop(const sfhet_isingqc_flop *f, double T, const double *B, size_t n, double *th_up,
                            double *g_up, double *th_dn, double *g_dn) {
  SFHET_TRY(sfhet_isingqc_flop_check(f));
  SFHET_TRY(check_fields(B, n));
  if (!(T > 0.0)) SFHET_ERROR(SFHET_EINVAL, "--T: must be > 0 K, got %g", T);
  land l = {.f = f};
  SFHET_TRY(sfhet_isingqc_flop_ep(f, T, &l.ep));
  double *tab = malloc(2 * NGRID * sizeof *tab);
  if (!tab) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (int i = 0; i < NGRID; i++) {
    double th = angle_deg(i) * M_PI / 180.0;
    tab[i] = cos(th) * cos(th), tab[NGRID + i] = sin(th);
  }
  l.c2 = tab, l.sn = tab + NGRID;
  sweep(&l, B, n, 1, th_up, g_up);
  sweep(&l, B, n, 0, th_dn, g_dn);
  free(tab);
  return SFHET_OK;
}

/* Largest |Γ_up − Γ_down| of the loop at T. */
static int loop_gap(const sfhet_isingqc_flop *f, double T, const double *B, size_t n, double *buf, double *gap) {
  SFHET_TRY(sfhet_isingqc_flop_loop(f, T, B, n, buf, buf + n, buf + 2 * n, buf + 3 * n));
  *gap = 0.0;
  for (size_t i = 0; i < n; i++) *gap = fmax(*gap, fabs(buf[n + i] - buf[3 * n + i]));
  return SFHET_OK;
}

int sfhet_isingqc_flop_temps(const sfhet_isingqc_flop *f, const double *B, size_t n, double *T_hyst,
                             double *T_flop, double *T_unitary) {
  SFHET_TRY(sfhet_isingqc_flop_check(f));
  SFHET_TRY(check_fields(B, n));
  double x = f->p[SFHET_FLOP_XI0] / f->p[SFHET_FLOP_RD];
  *T_unitary = x < 1.0 ? f->Tc0 * (1.0 - x * x) : 0.0;
  double *buf = malloc(4 * n * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double tol = 1e-9 * (f->p[SFHET_FLOP_GAMMAD] + 1e-12), hi = f->Tc0, g = 0.0, ep;
  int st = SFHET_OK;
  *T_hyst = 0.0, *T_flop = 0.0;
  for (int k = 1; k <= T_SCAN && !st; k++) { /* highest hysteretic T, then bisection above it */
    double T = f->Tc0 * (1.0 - (double)k / (T_SCAN + 1));
    st = loop_gap(f, T, B, n, buf, &g);
    if (!st && g > tol) {
      double lo = T;
      for (int it = 0; it < 40 && !st; it++) {
        double mid = 0.5 * (lo + hi);
        st = loop_gap(f, mid, B, n, buf, &g);
        if (g > tol) lo = mid;
        else hi = mid;
      }
      *T_hyst = lo;
      break;
    }
    hi = T;
  }
  /* E_p(T) = K_d (E_p decreases with T): bisection */
  double lo = 1e-6 * f->Tc0, up = f->Tc0;
  if (!st) st = sfhet_isingqc_flop_ep(f, lo, &ep);
  if (!st && ep > f->p[SFHET_FLOP_KD]) {
    for (int it = 0; it < 60 && !st; it++) {
      double mid = 0.5 * (lo + up);
      st = sfhet_isingqc_flop_ep(f, mid, &ep);
      if (ep > f->p[SFHET_FLOP_KD]) lo = mid;
      else up = mid;
    }
    *T_flop = lo;
  }
  free(buf);
  return st;
}
