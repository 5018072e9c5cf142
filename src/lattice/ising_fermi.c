/* Fermi surfaces (rays from the pocket centres Γ and K) and the density of states at the Fermi level. */
#include <math.h>

#include "lattice/ising_gap.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

static double xi_spin(const ising_band *bd, int spin, double kx, double ky) {
  double e, b;
  ising_band_eb(bd, kx, ky, &e, &b);
  return spin ? e - b : e + b;
}

/* First zero of ξ_spin along the ray c + r (cos a, sin a), 0 < r <= rmax; NAN if none. */
static double ray_root(const ising_band *bd, int spin, double cx, double cy, double a, double rmax) {
  double ca = cos(a), sa = sin(a), dr = rmax / 400, f0 = xi_spin(bd, spin, cx, cy);
  for (double r = dr; r <= rmax + 1e-12; r += dr) {
    double f = xi_spin(bd, spin, cx + r * ca, cy + r * sa);
    if ((f < 0) != (f0 < 0)) {
      double lo = r - dr, hi = r;
      for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (lo + hi), fm = xi_spin(bd, spin, cx + mid * ca, cy + mid * sa);
        if ((fm < 0) == (f0 < 0)) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    }
  }
  return NAN;
}

int sfhet_ising_fermi_surface(const sfhet_ising_model *m, int pocket, int spin, size_t n, double *kx,
                              double *ky) {
  if (pocket < 0 || pocket > 2 || spin < 0 || spin > 1)
    SFHET_ERROR(SFHET_EINVAL, "ising: pocket must be 0 (Γ), 1 (K) or 2 (K'), spin 0 or 1");
  ising_band bd;
  ising_band_init(&bd, m);
  /* K = (4π/3, 0), K' = −K; rays from Γ up to |ΓK|, from K up to |KM| (half the K–K' spacing) */
  double cx = pocket == 0 ? 0 : (pocket == 1 ? 4 * M_PI / 3 : -4 * M_PI / 3), cy = 0;
  double rmax = pocket == 0 ? 4 * M_PI / 3 : 2 * M_PI / 3;
  for (size_t i = 0; i < n; i++) {
    double a = 2 * M_PI * (double)i / (double)n, r = ray_root(&bd, spin, cx, cy, a, rmax);
    kx[i] = cx + r * cos(a);
    ky[i] = cy + r * sin(a);
  }
  return SFHET_OK;
}

int sfhet_ising_dos0(const sfhet_ising_model *m, double *N0, sfhet_ising_ws *ws) {
  const ising_mesh *mesh;
  SFHET_TRY(ising_ws_mesh(ws, m, ising_scale(m, 0, ISING_FLOOR_GAP), &mesh));
  *N0 = ising_dos0(mesh, mesh->scale / M_PI);
  return SFHET_OK;
}
