/* Chebyshev-panel interpolation of N_up(E), N_down(E) on [0, emax] (E < 0 from N_↑(−E) = N_↓(E)).
 * N is analytic in the strip |Im E| < Γ, with its structure at the (possibly spin-split) gap edges.
 * Panels are graded towards the edges: width w(E) = max(Γ, d(E)/2) with d the distance to the nearest
 * edge, so a panel of width w sees the nearest singularity at least ~w away and degree 16 on 17
 * Chebyshev–Lobatto nodes converges like ρ^−16 with ρ >= 2 + √5 (Trefethen, Approximation Theory and
 * Approximation Practice, SIAM 2013, ch. 8). A panel whose last two Chebyshev coefficients exceed
 * 2e-10 in any of the spin-axis projections (one mesh serves every axis mode: the Born solutions do
 * not depend on it) is halved. Each thread keeps its last two meshes for exact reuse: a mesh is a
 * function of the parameters and emax alone (built from nothing, with a fresh solver), never of what
 * the thread computed before, so results do not depend on the thread count or the evaluation history. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "isingqc/qc_mesh.h"
#include "isingqc/qc_ws.h"
#include "sfhet/error.h"

#define TAIL_TOL 2e-10
#define MAX_PANELS 4000

static _Thread_local qc_tls *tls;
static _Atomic(qc_tls *) all_tls; /* every thread's state stays reachable (no leak reports) */

qc_tls *qc_tls_get(void) {
  if (tls) return tls;
  qc_tls *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  qc_tls *head = atomic_load(&all_tls);
  do t->next = head;
  while (!atomic_compare_exchange_weak(&all_tls, &head, t));
  return tls = t;
}

qc_solver *qc_tls_solver(qc_tls *t, const double *p) {
  qc_solver_init(&t->sv, p); /* afresh: no chord matrix or guess from the thread's earlier work */
  t->have_last = 0;
  return &t->sv;
}

/* Lobatto node j: x_j = cos(π j / n). */
static double node(int j) { return cos(M_PI * (double)j / QC_DEG); }

static void design(const double *p, double *scale, double *feat, size_t *nf) {
  double d = p[SFHET_ISINGQC_DELTA], bz = p[SFHET_ISINGQC_B] * fabs(cos(p[SFHET_ISINGQC_THETA] * M_PI / 180.0));
  *scale = p[SFHET_ISINGQC_GAMMA];
  double f[3] = {d - bz, d, d + bz};
  *nf = 0;
  for (int k = 0; k < 3; k++)
    if (f[k] >= 0.0 && (*nf == 0 || f[k] - feat[*nf - 1] > *scale)) feat[(*nf)++] = f[k];
}

static double feature_distance(const qc_mesh *m, double E) {
  double d = INFINITY;
  for (size_t k = 0; k < m->nfeat; k++) d = fmin(d, fabs(E - m->feat[k]));
  return d;
}

static int grow(qc_mesh *m, size_t need) {
  if (need <= m->cap) return SFHET_OK;
  if (need > MAX_PANELS) SFHET_ERROR(SFHET_ENOCONV, "isingqc: the DOS needs more than %d interpolation "
                                     "panels; try a larger --gamma", MAX_PANELS);
  size_t cap = m->cap ? 2 * m->cap : 64;
  while (cap < need) cap *= 2;
  qc_panel *q = realloc(m->pan, cap * sizeof *q);
  if (!q) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  m->pan = q;
  m->cap = cap;
  return SFHET_OK;
}

/* Appends unfilled panels from the current end up to emax. */
static int extend(qc_mesh *m, double emax) {
  double E = m->n ? m->pan[m->n - 1].c : 0.0;
  while (E < emax) {
    double w = fmax(m->scale, 0.5 * feature_distance(m, E)), c = E + w;
    if (emax - c < 0.3 * w) c = emax;
    SFHET_TRY(grow(m, m->n + 1));
    qc_panel *pn = &m->pan[m->n++];
    pn->a = E, pn->c = c, pn->filled = 0;
    E = c;
  }
  m->emax = emax;
  return SFHET_OK;
}

/* Chebyshev coefficients of values f at the Lobatto nodes, and of the E-derivative. */
static void coefficients(const double *f, double a, double c, double *coef, double *dcoef) {
  for (int k = 0; k <= QC_DEG; k++) {
    double s = 0.0;
    for (int j = 0; j <= QC_DEG; j++) {
      double w = (j == 0 || j == QC_DEG) ? 0.5 : 1.0;
      s += w * f[j] * cos(M_PI * (double)(j * k) / QC_DEG);
    }
    coef[k] = (2.0 / QC_DEG) * s * ((k == 0 || k == QC_DEG) ? 0.5 : 1.0);
  }
  double d[QC_DEG + 2] = {0};
  for (int k = QC_DEG; k >= 1; k--) d[k - 1] = d[k + 1] + 2.0 * k * coef[k];
  d[0] *= 0.5;
  for (int k = 0; k <= QC_DEG; k++) dcoef[k] = d[k] * 2.0 / (c - a);
}

/* Solves panel i at its nodes in decreasing node index (increasing E), each warm-started by
 * extrapolation from the nodes solved before it or from the panel below. */
static int fill(qc_mesh *m, qc_solver *sv, size_t i) {
  qc_panel *pn = &m->pan[i];
  double f[QC_AXES][2][QC_DEG + 1], ax[QC_AXES][3];
  for (int a = 0; a < QC_AXES; a++) qc_spin_axis(a, m->p[SFHET_ISINGQC_THETA], m->p[SFHET_ISINGQC_PHI], ax[a]);
  const qc_panel *lo = i > 0 ? &m->pan[i - 1] : NULL;
  for (int j = QC_DEG; j >= 0; j--) {
    double E = 0.5 * (pn->a + pn->c) + 0.5 * (pn->c - pn->a) * node(j);
    qc_c guess[16];
    const qc_c *g = NULL;
    if (j < QC_DEG) {
      double E1 = 0.5 * (pn->a + pn->c) + 0.5 * (pn->c - pn->a) * node(j + 1);
      double E2 = j + 2 <= QC_DEG ? 0.5 * (pn->a + pn->c) + 0.5 * (pn->c - pn->a) * node(j + 2) : E1;
      const qc_c *G1 = pn->G[j + 1], *G2 = j + 2 <= QC_DEG ? pn->G[j + 2] : NULL;
      for (int k = 0; k < 16; k++) guess[k] = G2 ? G1[k] + (G1[k] - G2[k]) * (E - E1) / (E1 - E2) : G1[k];
      g = guess;
    } else if (lo) {
      g = lo->G[0];
    }
    qc_scba st;
    double up, dn;
    if (j == QC_DEG && lo && lo->filled && lo->c == pn->a) { /* shared end point, solved already */
      memcpy(st.G, lo->G[0], sizeof st.G);
    } else {
      SFHET_TRY(qc_dos_point(sv, E, g, &st, &up, &dn, NULL));
      m->solves++;
    }
    memcpy(pn->G[j], st.G, sizeof st.G);
    for (int a = 0; a < QC_AXES; a++) qc_spin_dos(st.G, ax[a], &f[a][0][j], &f[a][1][j]);
  }
  for (int a = 0; a < QC_AXES; a++)
    for (int ch = 0; ch < 2; ch++) coefficients(f[a][ch], pn->a, pn->c, pn->coef[a][ch], pn->dcoef[a][ch]);
  pn->filled = 1;
  return SFHET_OK;
}

static double tail(const qc_panel *pn) {
  double t = 0.0;
  for (int a = 0; a < QC_AXES; a++)
    for (int ch = 0; ch < 2; ch++) t = fmax(t, fabs(pn->coef[a][ch][QC_DEG]) + fabs(pn->coef[a][ch][QC_DEG - 1]));
  return t;
}

/* Fills every unfilled panel, halving those whose Chebyshev tail is too large. */
static int fill_all(qc_mesh *m, qc_solver *sv) {
  for (size_t i = 0; i < m->n;) {
    if (m->pan[i].filled) {
      i++;
      continue;
    }
    SFHET_TRY(fill(m, sv, i));
    qc_panel *pn = &m->pan[i];
    if (tail(pn) <= TAIL_TOL * (1.0 + fabs(pn->coef[0][0][0]) + fabs(pn->coef[0][1][0])) ||
        pn->c - pn->a < m->scale / 64.0) {
      i++;
      continue;
    }
    SFHET_TRY(grow(m, m->n + 1));
    pn = &m->pan[i];
    memmove(pn + 2, pn + 1, (m->n - i - 1) * sizeof *pn);
    m->n++;
    double mid = 0.5 * (pn->a + pn->c);
    pn[1] = pn[0];
    pn[1].a = mid;
    pn[0].c = mid;
    pn[0].filled = pn[1].filled = 0;
  }
  return SFHET_OK;
}

/* Builds m for p from nothing (design, panels, solves): the same p gives the same mesh whatever the
 * thread computed before. */
static int build(qc_mesh *m, qc_tls *t, const double *key, double emax) {
  m->valid = 0;
  m->n = 0;
  design(key, &m->scale, m->feat, &m->nfeat);
  m->emax = 0.0;
  memcpy(m->p, key, sizeof m->p);
  qc_solver *sv = qc_tls_solver(t, key);
  int st = extend(m, emax);
  if (!st) st = fill_all(m, sv);
  if (st) {
    m->n = 0;
    return st;
  }
  m->valid = 1;
  return SFHET_OK;
}

int qc_mesh_get(qc_tls *t, const double *p, double emax, qc_mesh **mesh) {
  double key[SFHET_ISINGQC_NPARAMS];
  memcpy(key, p, sizeof key);
  key[SFHET_ISINGQC_AXIS] = 0.0;
  int mode = (int)p[SFHET_ISINGQC_AXIS];
  if (mode < 0 || mode >= QC_AXES) SFHET_ERROR(SFHET_EINVAL, "isingqc: axis mode %d unknown", mode);
  for (int k = 0; k < 2; k++) {
    qc_mesh *m = &t->mesh[k];
    if (m->valid && !memcmp(m->p, key, sizeof m->p) && m->emax >= emax) {
      t->last = k;
      m->mode = mode;
      *mesh = m;
      return SFHET_OK;
    }
  }
  /* a mesh with the same parameters but too few energies is rebuilt (its panels depend on emax);
   * otherwise the one not used last is replaced */
  int k = 1 - t->last;
  for (int h = 0; h < 2; h++)
    if (t->mesh[h].valid && !memcmp(t->mesh[h].p, key, sizeof t->mesh[h].p)) k = h;
  double need = fmax(1.25 * emax, 4.0 * (p[SFHET_ISINGQC_DELTA] + p[SFHET_ISINGQC_B]) + 1e-3);
  SFHET_TRY(build(&t->mesh[k], t, key, need));
  t->last = k;
  t->mesh[k].mode = mode;
  *mesh = &t->mesh[k];
  return SFHET_OK;
}

static double clenshaw(const double *c, double x) {
  double b1 = 0.0, b2 = 0.0;
  for (int k = QC_DEG; k >= 1; k--) {
    double b0 = c[k] + 2.0 * x * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return c[0] + x * b1 - b2;
}

void qc_mesh_eval(const qc_mesh *m, double E, double *up, double *dn, double *dup, double *ddn) {
  qc_mesh_eval_mode(m, m->mode, E, up, dn, dup, ddn);
}

/* Panel holding |E| and the Chebyshev variable t there. */
static const qc_panel *locate(const qc_mesh *m, double E, double *t) {
  double x = fabs(E);
  size_t lo = 0, hi = m->n - 1;
  while (lo < hi) { /* last panel with a <= x */
    size_t mid = (lo + hi + 1) / 2;
    if (m->pan[mid].a <= x) lo = mid;
    else hi = mid - 1;
  }
  const qc_panel *pn = &m->pan[lo];
  *t = (2.0 * x - pn->a - pn->c) / (pn->c - pn->a);
  return pn;
}

void qc_mesh_eval_mode(const qc_mesh *m, int a, double E, double *up, double *dn, double *dup, double *ddn) {
  double t;
  const qc_panel *pn = locate(m, E, &t);
  int flip = E < 0.0, cu = flip ? 1 : 0, cd = flip ? 0 : 1;
  *up = clenshaw(pn->coef[a][cu], t);
  *dn = clenshaw(pn->coef[a][cd], t);
  double s = flip ? -1.0 : 1.0;
  if (dup) *dup = s * clenshaw(pn->dcoef[a][cu], t);
  if (ddn) *ddn = s * clenshaw(pn->dcoef[a][cd], t);
}

void qc_mesh_eval_spin(const qc_mesh *m, double E, const double (*w)[QC_AXES], double *s, double *ds) {
  double t, c[2][QC_DEG + 1], dc[2][QC_DEG + 1];
  const qc_panel *pn = locate(m, E, &t);
  for (int q = 0; q < 2; q++)
    for (int k = 0; k <= QC_DEG; k++) {
      double v = 0.0, dv = 0.0;
      for (int a = 0; a < QC_AXES; a++) {
        v += w[q][a] * (pn->coef[a][0][k] - pn->coef[a][1][k]);
        dv += w[q][a] * (pn->dcoef[a][0][k] - pn->dcoef[a][1][k]);
      }
      c[q][k] = 0.5 * v, dc[q][k] = 0.5 * dv;
    }
  double sg = E < 0.0 ? -1.0 : 1.0; /* s(−E) = −s(E), so ds/dE is even */
  for (int q = 0; q < 2; q++) {
    s[q] = sg * clenshaw(c[q], t);
    if (ds) ds[q] = clenshaw(dc[q], t);
  }
}
