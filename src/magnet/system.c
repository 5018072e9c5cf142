/* Macrospin systems: construction, energy and Euclidean gradient (seed 003 eqs. 9-13 generalised). */
#include <math.h>
#include <string.h>

#include "magnet/mag_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

int sfhet_mag_init(sfhet_mag_system *sys, size_t n) {
  if (n < 1 || n > SFHET_MAG_MAX)
    SFHET_ERROR(SFHET_ERANGE, "number of moments %zu outside 1..%d", n, SFHET_MAG_MAX);
  memset(sys, 0, sizeof *sys);
  sys->n = n;
  for (size_t i = 0; i < n; i++) {
    sys->M[i] = 1.0;
    sys->axis[i][2] = 1.0;
  }
  return SFHET_OK;
}

int sfhet_mag_add_pair(sfhet_mag_system *sys, size_t i, size_t j, double jx, double jy, double jz) {
  if (i >= sys->n || j >= sys->n || i == j)
    SFHET_ERROR(SFHET_EINVAL, "pair (%zu, %zu) invalid for %zu moments", i, j, sys->n);
  if (sys->npair >= SFHET_MAG_MAX_PAIRS)
    SFHET_ERROR(SFHET_ERANGE, "more than %d coupled pairs", SFHET_MAG_MAX_PAIRS);
  sys->pair[sys->npair++] = (sfhet_mag_pair){i, j, {jx, jy, jz}};
  return SFHET_OK;
}

static double dot3(const double *a, const double *b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

double sfhet_mag_energy(const sfhet_mag_system *sys, const double *H, const double *m) {
  double E = 0;
  for (size_t i = 0; i < sys->n; i++) {
    double ma = dot3(m + 3 * i, sys->axis[i]);
    E += -sys->K[i] * ma * ma - sys->M[i] * dot3(H, m + 3 * i);
  }
  for (size_t k = 0; k < sys->npair; k++) {
    const sfhet_mag_pair *p = &sys->pair[k];
    const double *a = m + 3 * p->i, *b = m + 3 * p->j;
    E += p->J[0] * a[0] * b[0] + p->J[1] * a[1] * b[1] + p->J[2] * a[2] * b[2];
  }
  return E;
}

double mag_energy_change(const sfhet_mag_system *sys, const double *H, const double *m,
                         const double *d, double *size) {
  double dE = 0, mag = 0;
  for (size_t i = 0; i < sys->n; i++) {
    const double *a = m + 3 * i, *di = d + 3 * i, *ax = sys->axis[i];
    double s2[3] = {2 * a[0] + di[0], 2 * a[1] + di[1], 2 * a[2] + di[2]};
    double t1 = -sys->K[i] * dot3(di, ax) * dot3(s2, ax), t2 = -sys->M[i] * dot3(H, di);
    dE += t1 + t2, mag += fabs(t1) + fabs(t2);
  }
  for (size_t k = 0; k < sys->npair; k++) { /* a'b' - ab = da (b + db) + a db */
    const sfhet_mag_pair *p = &sys->pair[k];
    const double *a = m + 3 * p->i, *b = m + 3 * p->j, *da = d + 3 * p->i, *db = d + 3 * p->j;
    for (size_t c = 0; c < 3; c++) {
      double t = p->J[c] * (da[c] * (b[c] + db[c]) + a[c] * db[c]);
      dE += t, mag += fabs(t);
    }
  }
  if (size) *size = mag;
  return dE;
}

void sfhet_mag_gradient(const sfhet_mag_system *sys, const double *H, const double *m, double *g) {
  for (size_t i = 0; i < sys->n; i++) {
    double ma = dot3(m + 3 * i, sys->axis[i]);
    for (size_t c = 0; c < 3; c++)
      g[3 * i + c] = -2.0 * sys->K[i] * ma * sys->axis[i][c] - sys->M[i] * H[c];
  }
  for (size_t k = 0; k < sys->npair; k++) {
    const sfhet_mag_pair *p = &sys->pair[k];
    for (size_t c = 0; c < 3; c++) {
      g[3 * p->i + c] += p->J[c] * m[3 * p->j + c];
      g[3 * p->j + c] += p->J[c] * m[3 * p->i + c];
    }
  }
}

double mag_scale(const sfhet_mag_system *sys, const double *H) {
  double s = 0, h = sqrt(dot3(H, H));
  for (size_t i = 0; i < sys->n; i++) s = fmax(s, fmax(2 * fabs(sys->K[i]), sys->M[i] * h));
  for (size_t k = 0; k < sys->npair; k++)
    for (size_t c = 0; c < 3; c++) s = fmax(s, fabs(sys->pair[k].J[c]));
  return s > 1e-300 ? s : 1.0;
}

double mag_max_rotation(size_t n, const double *a, const double *b) {
  double r = 0;
  for (size_t i = 0; i < n; i++) {
    double c = dot3(a + 3 * i, b + 3 * i);
    r = fmax(r, acos(fmax(-1.0, fmin(1.0, c))));
  }
  return r;
}

int mag_nucleate(const sfhet_mag_system *sys, const double *H, double *m) {
  if (!(sys->nucleation > 0)) return 0;
  int count = 0;
  for (size_t i = 0; i < sys->n; i++) {
    if (!(sys->K[i] > 0)) continue;
    const double *a = sys->axis[i];
    double ma = dot3(m + 3 * i, a), ha = dot3(H, a);
    if (ma == 0.0 || (ma > 0 ? ha : -ha) >= -sys->nucleation) continue;
    for (size_t c = 0; c < 3; c++) m[3 * i + c] -= 2.0 * ma * a[c]; /* reflect the easy-axis component */
    count++;
  }
  return count;
}

void sfhet_mag_field_dir(double psi_deg, double u[3]) {
  double psi = psi_deg * M_PI / 180.0;
  u[0] = sin(psi);
  u[1] = 0.0;
  u[2] = cos(psi);
}
