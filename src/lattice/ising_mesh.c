/* Adaptive, error-estimated cubature over the irreducible Brillouin-zone wedge (Genz–Malik 7/5 rule
 * with global subdivision, as in hcubature). The wedge Γ–K–M (or Γ–K–K' without mirror symmetry) is
 * cut along X–M (X = 0.55 K) into triangles with apex at a pocket centre (Γ or K), each mapped from
 * the unit square by k = P + ρ [(Q1 − P) + t (Q2 − Q1)] with ρ(s, t) piecewise linear in s and
 * ρ(1/2, t) = ρ_F(t), the mean Fermi radius along the ray (a cubic spline in t): the Fermi surfaces lie
 * near s = 1/2 for every t, so cells refine thin in s only. Jacobian |det| ρ ∂ρ/∂s. Cells are refined
 * where a
 * Lorentzian probe of width `scale` around both spin-split Fermi surfaces is least well integrated;
 * every later integrand is evaluated on the frozen nodes so that differences share their k-points. */
#include <gsl/gsl_spline.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lattice/ising_internal.h"
#include "sfhet/constants.h"
#include "sfhet/error.h"

#define MAX_CELLS 80000
#define INIT_GRID 8

typedef struct {
  double x0, x1, y0, y1; /* s and t bounds */
  int tri;
  double val, err;
  int dim;
  double e[ISING_RULE_N], b[ISING_RULE_N], jac[ISING_RULE_N];
} cell;

/* Rule nodes in [-1,1]^2 and the 7th/5th-order weights (sum 1). */
static void rule(double px[ISING_RULE_N], double py[ISING_RULE_N], double w7[ISING_RULE_N],
                 double w5[ISING_RULE_N]) {
  const double l2 = sqrt(9.0 / 70), l4 = sqrt(9.0 / 10), l5 = sqrt(9.0 / 19);
  int k = 0;
  px[k] = py[k] = 0, w7[k] = -3816.0 / 19683, w5[k] = -971.0 / 729, k++;
  const double ax[4] = {1, -1, 0, 0}, ay[4] = {0, 0, 1, -1};
  for (int i = 0; i < 4; i++)
    px[k] = l2 * ax[i], py[k] = l2 * ay[i], w7[k] = 980.0 / 6561, w5[k] = 245.0 / 486, k++;
  for (int i = 0; i < 4; i++)
    px[k] = l4 * ax[i], py[k] = l4 * ay[i], w7[k] = 1020.0 / 19683, w5[k] = 65.0 / 1458, k++;
  const double dx[4] = {1, 1, -1, -1}, dy[4] = {1, -1, 1, -1};
  for (int i = 0; i < 4; i++)
    px[k] = l4 * dx[i], py[k] = l4 * dy[i], w7[k] = 200.0 / 19683, w5[k] = 25.0 / 729, k++;
  for (int i = 0; i < 4; i++)
    px[k] = l5 * dx[i], py[k] = l5 * dy[i], w7[k] = 6859.0 / 19683 / 4, w5[k] = 0, k++;
}

#define NSPL 129

typedef struct {
  double px, py, ax, ay, bx, by; /* apex P, Q1 − P, Q2 − Q1 */
  double fac;                    /* multiplicity |det| / A_BZ */
  gsl_spline *rf;                /* ρ_F(t) */
  gsl_interp_accel *acc;
} tri_map;

#define MAX_TRI 24

typedef struct {
  ising_band bd;
  tri_map tri[MAX_TRI];
  int ntri;
  double scale;
  double px[ISING_RULE_N], py[ISING_RULE_N], w7[ISING_RULE_N], w5[ISING_RULE_N];
} mesh_ctx;

/* k at (s, t) and the Jacobian factor ρ ∂ρ/∂s. */
static double node_k(const tri_map *m, double s, double t, double *kx, double *ky) {
  double rf = gsl_spline_eval(m->rf, t, m->acc), rho, drho;
  if (s <= 0.5) rho = 2 * rf * s, drho = 2 * rf;
  else rho = rf + (1 - rf) * (2 * s - 1), drho = 2 * (1 - rf);
  *kx = m->px + rho * (m->ax + t * m->bx);
  *ky = m->py + rho * (m->ay + t * m->by);
  return rho * drho;
}

static double probe(const mesh_ctx *c, double e, double b) {
  double w2 = c->scale * c->scale, u = e + b, d = e - b;
  return w2 / (u * u + w2) + w2 / (d * d + w2);
}

/* Evaluates the rule on a cell: bands at the nodes, probe integral, error and split direction. */
static void eval_cell(const mesh_ctx *c, cell *q) {
  double hx = 0.5 * (q->x1 - q->x0), hy = 0.5 * (q->y1 - q->y0);
  const tri_map *tm = &c->tri[q->tri];
  double cx = q->x0 + hx, cy = q->y0 + hy, vol = 4 * hx * hy * tm->fac;
  double f[ISING_RULE_N], i7 = 0, i5 = 0;
  for (int j = 0; j < ISING_RULE_N; j++) {
    double s = cx + hx * c->px[j], t = cy + hy * c->py[j], kx, ky;
    q->jac[j] = node_k(tm, s, t, &kx, &ky);
    ising_band_eb(&c->bd, kx, ky, &q->e[j], &q->b[j]);
    f[j] = q->jac[j] * probe(c, q->e[j], q->b[j]);
    i7 += c->w7[j] * f[j];
    i5 += c->w5[j] * f[j];
  }
  q->val = vol * i7;
  q->err = vol * fabs(i7 - i5);
  /* fourth differences along s (nodes 1,2 vs 5,6) and t (3,4 vs 7,8) */
  double ds = fabs(f[1] + f[2] - 2 * f[0] - (f[5] + f[6] - 2 * f[0]) / 7.0);
  double dt = fabs(f[3] + f[4] - 2 * f[0] - (f[7] + f[8] - 2 * f[0]) / 7.0);
  q->dim = ds >= dt ? 0 : 1;
}

/* Max-heap of cell indices ordered by err. */
static void heap_up(int *h, const cell *c, size_t i) {
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (c[h[p]].err >= c[h[i]].err) break;
    int tmp = h[p];
    h[p] = h[i], h[i] = tmp, i = p;
  }
}

static void heap_down(int *h, const cell *c, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && c[h[l]].err > c[h[m]].err) m = l;
    if (r < n && c[h[r]].err > c[h[m]].err) m = r;
    if (m == i) return;
    int tmp = h[m];
    h[m] = h[i], h[i] = tmp, i = m;
  }
}

/* Mean Fermi radius ρ_F (units of the ray length) along the ray at t; 1/2 if ε keeps its sign. */
static double fermi_radius(const ising_band *bd, const tri_map *t, double tt) {
  double e0, e1, b, lo = 0, hi = 1;
  ising_band_eb(bd, t->px, t->py, &e0, &b);
  ising_band_eb(bd, t->px + t->ax + tt * t->bx, t->py + t->ay + tt * t->by, &e1, &b);
  if ((e0 < 0) == (e1 < 0)) return 0.5;
  for (int it = 0; it < 50; it++) {
    double mid = 0.5 * (lo + hi), em;
    ising_band_eb(bd, t->px + mid * (t->ax + tt * t->bx), t->py + mid * (t->ay + tt * t->by), &em, &b);
    if ((em < 0) == (e0 < 0)) lo = mid;
    else hi = mid;
  }
  double r = 0.5 * (lo + hi);
  return fmin(fmax(r, 0.05), 0.95);
}

static int set_tri(tri_map *t, const ising_band *bd, const double P[2], const double Q1[2],
                   const double Q2[2], double mult) {
  const double abz = 8 * M_PI * M_PI / sqrt(3.0); /* BZ area for a = 1 */
  t->px = P[0], t->py = P[1];
  t->ax = Q1[0] - P[0], t->ay = Q1[1] - P[1];
  t->bx = Q2[0] - Q1[0], t->by = Q2[1] - Q1[1];
  t->fac = mult * fabs(t->ax * t->by - t->ay * t->bx) / abz;
  double x[NSPL], y[NSPL];
  for (int i = 0; i < NSPL; i++) {
    x[i] = (double)i / (NSPL - 1);
    y[i] = fermi_radius(bd, t, x[i]);
  }
  t->rf = gsl_spline_alloc(gsl_interp_cspline, NSPL);
  t->acc = gsl_interp_accel_alloc();
  if (!t->rf || !t->acc) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory");
  gsl_spline_init(t->rf, x, y, NSPL);
  return SFHET_OK;
}

static void ctx_free(mesh_ctx *c) {
  for (int i = 0; i < c->ntri; i++) {
    gsl_spline_free(c->tri[i].rf);
    gsl_interp_accel_free(c->tri[i].acc);
  }
}

static int ctx_init(mesh_ctx *c, const sfhet_ising_model *m, double scale) {
  ising_band_init(&c->bd, m);
  const double G[2] = {0, 0}, K[2] = {4 * M_PI / 3, 0}, M[2] = {M_PI, M_PI / sqrt(3.0)};
  const double X[2] = {0.55 * K[0], 0};
  c->ntri = 0;
  c->scale = scale;
  rule(c->px, c->py, c->w7, c->w5);
  if (c->bd.mirror) { /* 1/12 wedge Γ–K–M */
    const double *tri[2][3] = {{G, X, M}, {K, X, M}};
    for (int i = 0; i < 2; i++, c->ntri++)
      SFHET_TRY(set_tri(&c->tri[i], &c->bd, tri[i][0], tri[i][1], tri[i][2], 12));
    return SFHET_OK;
  }
  /* no mirror symmetry (phases φ1..φ5 != 0; the t3 phase pattern of eq. A1 also breaks C3): the
   * whole hexagon as 6 sectors Γ–K_r–K_{r+1}, each cut into 4 triangles */
  for (int r = 0; r < 6; r++) {
    double c0 = cos(r * M_PI / 3), s0 = sin(r * M_PI / 3), c1 = cos((r + 1) * M_PI / 3),
           s1 = sin((r + 1) * M_PI / 3), R = 4 * M_PI / 3;
    double Ka[2] = {R * c0, R * s0}, Kb[2] = {R * c1, R * s1};
    double Mm[2] = {0.5 * (Ka[0] + Kb[0]), 0.5 * (Ka[1] + Kb[1])};
    double Xa[2] = {0.55 * Ka[0], 0.55 * Ka[1]}, Xb[2] = {0.55 * Kb[0], 0.55 * Kb[1]};
    const double *tri[4][3] = {{G, Xa, Mm}, {Ka, Xa, Mm}, {G, Mm, Xb}, {Kb, Mm, Xb}};
    for (int i = 0; i < 4; i++, c->ntri++)
      SFHET_TRY(set_tri(&c->tri[c->ntri], &c->bd, tri[i][0], tri[i][1], tri[i][2], 1));
  }
  return SFHET_OK;
}

/* Global adaptive refinement until Σ err <= rtol Σ val or the cell budget is spent. */
static size_t refine(const mesh_ctx *c, cell *cells, int *heap, double rtol) {
  size_t n = 0;
  double tot = 0, toterr = 0;
  for (int k = 0; k < c->ntri; k++)
    for (int i = 0; i < INIT_GRID; i++)
    for (int j = 0; j < INIT_GRID; j++) {
      cell *q = &cells[n];
      q->tri = k;
      q->x0 = (double)i / INIT_GRID, q->x1 = (double)(i + 1) / INIT_GRID;
      q->y0 = (double)j / INIT_GRID, q->y1 = (double)(j + 1) / INIT_GRID;
      eval_cell(c, q);
      tot += q->val, toterr += q->err;
      heap[n] = (int)n;
      heap_up(heap, cells, n);
      n++;
    }
  while (toterr > rtol * tot && n < MAX_CELLS) {
    int id = heap[0];
    cell old = cells[id], *a = &cells[id], *b2 = &cells[n];
    *a = old, *b2 = old;
    if (old.dim == 0) a->x1 = b2->x0 = 0.5 * (old.x0 + old.x1);
    else a->y1 = b2->y0 = 0.5 * (old.y0 + old.y1);
    eval_cell(c, a);
    eval_cell(c, b2);
    tot += a->val + b2->val - old.val;
    toterr += a->err + b2->err - old.err;
    heap_down(heap, cells, n, 0);
    heap[n] = (int)n;
    heap_up(heap, cells, n);
    n++;
  }
  return n;
}

/* Grows the node arrays to need nodes (7 arrays in one block). */
static int reserve(ising_mesh *mesh, size_t need) {
  if (need <= mesh->cap) return SFHET_OK;
  double *p = realloc(mesh->e, 7 * need * sizeof *p);
  if (!p) SFHET_ERROR(SFHET_ENOMEM, "ising: out of memory for %zu k-points", need);
  mesh->e = p, mesh->b = p + need, mesh->w = p + 2 * need, mesh->wd = p + 3 * need;
  mesh->xu2 = p + 4 * need, mesh->xd2 = p + 5 * need, mesh->k0 = p + 6 * need;
  mesh->cap = need;
  return SFHET_OK;
}

static int store(ising_mesh *mesh, const mesh_ctx *c, const cell *cells, size_t ncell, double d0) {
  size_t need = ncell * ISING_RULE_N, k = 0;
  SFHET_TRY(reserve(mesh, need));
  double inv_g = 0, d2 = d0 * d0;
  for (size_t i = 0; i < ncell; i++) {
    const cell *q = &cells[i];
    double vol = (q->x1 - q->x0) * (q->y1 - q->y0) * c->tri[q->tri].fac;
    for (int j = 0; j < ISING_RULE_N; j++, k++) {
      double jac = q->jac[j] * vol, u = q->e[j] + q->b[j], d = q->e[j] - q->b[j];
      mesh->e[k] = q->e[j], mesh->b[k] = q->b[j];
      mesh->w[k] = jac * c->w7[j];
      mesh->wd[k] = jac * (c->w7[j] - c->w5[j]);
      mesh->xu2[k] = u * u, mesh->xd2[k] = d * d;
      mesh->k0[k] = 0.25 * (1 / sqrt(u * u + d2) + 1 / sqrt(d * d + d2));
      inv_g += mesh->w[k] * mesh->k0[k];
    }
  }
  mesh->n = need;
  mesh->inv_g = inv_g;
  return SFHET_OK;
}

int ising_mesh_matches(const ising_mesh *mesh, const sfhet_ising_model *m, double scale) {
  return mesh->valid && mesh->scale == scale && mesh->rtol == m->p[SFHET_ISING_RTOL] &&
         !memcmp(mesh->key, m->p, sizeof mesh->key);
}

int ising_mesh_build(ising_mesh *mesh, const sfhet_ising_model *m, double scale) {
  double rtol = m->p[SFHET_ISING_RTOL];
  if (ising_mesh_matches(mesh, m, scale)) return SFHET_OK;
  mesh->valid = 0;
  mesh_ctx c;
  memset(&c, 0, sizeof c);
  int st0 = ctx_init(&c, m, scale);
  if (st0) {
    ctx_free(&c);
    return st0;
  }
  cell *cells = malloc(MAX_CELLS * sizeof *cells);
  int *heap = malloc(MAX_CELLS * sizeof *heap);
  int st = SFHET_OK;
  if (!cells || !heap) {
    SFHET_REPORT(SFHET_ENOMEM, "ising: out of memory for the k-mesh");
    st = SFHET_ENOMEM;
  } else {
    size_t n = refine(&c, cells, heap, rtol);
    st = store(mesh, &c, cells, n, m->p[SFHET_ISING_DELTA0]);
  }
  free(cells);
  free(heap);
  ctx_free(&c);
  if (st) return st;
  mesh->scale = scale, mesh->rtol = rtol, mesh->valid = 1;
  memcpy(mesh->key, m->p, sizeof mesh->key);
  return SFHET_OK;
}

void ising_mesh_free(ising_mesh *mesh) {
  free(mesh->e);
  memset(mesh, 0, sizeof *mesh);
}

void ising_mesh_integrate(const ising_mesh *mesh, ising_node_fn *f, const void *par, double *val,
                          double *err) {
  double s = 0, es = 0;
  for (size_t i = 0; i < mesh->n; i += ISING_RULE_N) {
    double d = 0;
    for (size_t j = i; j < i + ISING_RULE_N; j++) {
      double v = f(mesh->e[j], mesh->b[j], par);
      s += mesh->w[j] * v;
      d += mesh->wd[j] * v;
    }
    es += fabs(d);
  }
  *val = s;
  if (err) *err = es;
}
