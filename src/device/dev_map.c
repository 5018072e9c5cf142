/* The forward map of the device chain: states along the sweep, then per field point the SIS
 * conductance of two isingqc electrodes with the self-consistent Δ (junction engine), points in
 * parallel. Spectra are cached per point and reused while nothing they depend on changed (a fit's
 * Jacobian columns of gnn, bg0, bg1 cost nothing); points with the same state share one evaluation. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device/dev_int.h"
#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "sfhet/sweep.h"

sfhet_device_ws *sfhet_device_ws_alloc(int nthreads) {
  sfhet_device_ws *ws = calloc(1, sizeof *ws);
  if (!ws) return NULL;
  ws->nthreads = nthreads > 0 ? nthreads : omp_get_max_threads();
  ws->mag = sfhet_mag_ws_alloc(1);
  ws->qc = calloc((size_t)ws->nthreads, sizeof *ws->qc);
  ws->jw = calloc((size_t)ws->nthreads, sizeof *ws->jw);
  int ok = ws->mag && ws->qc && ws->jw;
  for (int t = 0; ok && t < ws->nthreads; t++) {
    ws->qc[t] = sfhet_isingqc_ws_alloc();
    ws->jw[t] = sfhet_junction_ws_alloc();
    ok = ws->qc[t] && ws->jw[t];
  }
  if (!ok) {
    sfhet_device_ws_free(ws);
    return NULL;
  }
  return ws;
}

static void free_points(sfhet_device_ws *ws) {
  for (size_t i = 0; i < ws->npt; i++) free(ws->pt[i].G), free(ws->pt[i].Vc);
  free(ws->pt);
  ws->pt = NULL, ws->npt = 0;
}

void sfhet_device_ws_free(sfhet_device_ws *ws) {
  if (!ws) return;
  for (int t = 0; ws->qc && t < ws->nthreads; t++) sfhet_isingqc_ws_free(ws->qc[t]);
  for (int t = 0; ws->jw && t < ws->nthreads; t++) sfhet_junction_ws_free(ws->jw[t]);
  free(ws->qc), free(ws->jw);
  sfhet_mag_ws_free(ws->mag);
  free_points(ws);
  free(ws);
}

void sfhet_device_ws_progress(sfhet_device_ws *ws, const sfhet_progress *progress) { ws->progress = progress; }

int dev_ws_points(sfhet_device_ws *ws, size_t nf) {
  if (ws->npt == nf) return SFHET_OK;
  free_points(ws);
  ws->pt = calloc(nf, sizeof *ws->pt);
  if (!ws->pt) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  ws->npt = nf;
  return SFHET_OK;
}

dev_point *dev_points_save(const sfhet_device_ws *ws) {
  dev_point *s = calloc(ws->npt ? ws->npt : 1, sizeof *s);
  int ok = s != NULL;
  for (size_t i = 0; ok && i < ws->npt; i++) {
    const dev_point *a = &ws->pt[i];
    s[i] = *a;
    s[i].G = s[i].Vc = NULL;
    if (!a->nv) continue;
    s[i].G = malloc(a->nv * sizeof *s[i].G), s[i].Vc = malloc(a->nv * sizeof *s[i].Vc);
    ok = s[i].G && s[i].Vc;
    if (ok) memcpy(s[i].G, a->G, a->nv * sizeof *a->G), memcpy(s[i].Vc, a->Vc, a->nv * sizeof *a->Vc);
  }
  if (!ok) dev_points_restore(NULL, s, ws->npt);
  return ok ? s : NULL;
}

void dev_points_restore(sfhet_device_ws *ws, dev_point *saved, size_t n) {
  if (!saved) return;
  for (size_t i = 0; ws && i < n && i < ws->npt; i++) { /* the saved buffers replace the current ones */
    free(ws->pt[i].G), free(ws->pt[i].Vc);
    ws->pt[i] = saved[i];
    saved[i].G = saved[i].Vc = NULL;
  }
  for (size_t i = 0; i < n; i++) free(saved[i].G), free(saved[i].Vc);
  free(saved);
}

typedef struct {
  const double *p;
  double (*ex)[3];  /* b, θ_b, φ_b */
  const long *dup;  /* earlier point with the same exchange field, or -1 */
  const double *B;  /* applied field of each point [T] */
  size_t nf, nrun;  /* points, runs of consecutive points */
  const size_t *todo; /* the points of the free-energy pass */
  sfhet_device_ws *ws;
  double *root;     /* DEV_ROOT per point: Δ, slope, check_fe, gathered from the ranks */
} gap_job;

#define DEV_ROOT 3

/* Fields per run of the gap continuation: the runs are fixed by the number of fields alone (not the
 * thread count), so every point is continued from the same neighbour however many threads there are. */
#define DEV_GAP_RUN 12

/* Point i's message prefixed by its field. */
static int point_error(int st, const gap_job *J, size_t i) {
  char msg[400];
  snprintf(msg, sizeof msg, "%s", sfhet_last_error());
  SFHET_ERROR(st, "field %zu (B = %g T): %s", i + 1, J->B[i], msg);
}

static void root_of(const dev_point *pt, double *r) { r[0] = pt->delta, r[1] = pt->slope, r[2] = pt->check_fe; }

/* The gaps of run c of consecutive fields, each continued from the previous distinct field of the run
 * (dev_gap). */
static int gap_run(size_t c, void *ctx) {
  gap_job *J = ctx;
  long nb = -1;
  for (size_t i = c * J->nf / J->nrun; i < (c + 1) * J->nf / J->nrun; i++) {
    if (J->dup[i] >= 0) continue;
    double *e = J->ex[i], q[SFHET_ISINGQC_NPARAMS], delta;
    dev_qc_params(J->p, e[0], e[1], e[2], 0.0, 0.0, q);
    int st = dev_gap(J->p, q, i, nb, &delta, J->ws, omp_get_thread_num());
    root_of(&J->ws->pt[i], J->root + DEV_ROOT * i);
    if (st) return point_error(st, J, i);
    nb = (long)i;
  }
  return SFHET_OK;
}

/* Free-energy check k of the second pass (dev_gap_check), independent of the neighbours. */
static int gap_fe(size_t k, void *ctx) {
  gap_job *J = ctx;
  size_t i = J->todo[k];
  double *e = J->ex[i], q[SFHET_ISINGQC_NPARAMS];
  dev_qc_params(J->p, e[0], e[1], e[2], 0.0, 0.0, q);
  int st = dev_gap_check(J->p, q, i, J->ws, omp_get_thread_num());
  root_of(&J->ws->pt[i], J->root + DEV_ROOT * k);
  return st ? point_error(st, J, i) : SFHET_OK;
}

/* Every rank's caches get the gathered roots of points idx[k] (idx NULL: all) from root[DEV_ROOT k]. */
static void install_roots(const gap_job *J, const size_t *idx, size_t n) {
  for (size_t k = 0; k < n; k++) {
    size_t i = idx ? idx[k] : k;
    if (J->dup[i] >= 0) continue;
    double q[SFHET_ISINGQC_NPARAMS];
    dev_qc_params(J->p, J->ex[i][0], J->ex[i][1], J->ex[i][2], 0.0, 0.0, q);
    dev_gap_install(J->p, q, i, J->root + DEV_ROOT * k, J->ws);
  }
}

/* Byte offsets of n equal blocks of `per` doubles split into nb chunks (sfhet_sweep_out). */
static size_t *chunk_offsets(size_t n, size_t nb, size_t per) {
  size_t *off = malloc((nb + 1) * sizeof *off);
  for (size_t c = 0; off && c <= nb; c++) off[c] = c * n / nb * per * sizeof(double);
  return off;
}

/* The gaps of all distinct points: runs of continued roots, then in parallel the free-energy checks
 * of those left with a metastable normal state. */
static int gaps(gap_job *J) {
  size_t nf = J->nf, nrun = J->nrun;
  J->root = calloc(DEV_ROOT * nf, sizeof *J->root);
  size_t *off = chunk_offsets(nf, nrun, DEV_ROOT), *todo = malloc(nf * sizeof *todo);
  int rc = J->root && off && todo ? SFHET_OK : SFHET_ENOMEM;
  if (rc) SFHET_REPORT(rc, "device: out of memory");
  sfhet_sweep_out out = {J->root, 0, DEV_ROOT * nf * sizeof *J->root, off};
  if (!rc) rc = sfhet_sweep_map_dist(nrun, gap_run, J, J->ws->nthreads, NULL, NULL, &out, 1);
  if (!rc) install_roots(J, NULL, nf);
  size_t nt = 0;
  for (size_t i = 0; i < nf && !rc; i++)
    if (J->dup[i] < 0 && J->ws->pt[i].check_fe) todo[nt++] = i;
  if (!rc && nt) {
    free(off);
    off = chunk_offsets(nt, nt, DEV_ROOT);
    J->todo = todo;
    sfhet_sweep_out o2 = {J->root, 0, DEV_ROOT * nt * sizeof *J->root, off};
    rc = off ? sfhet_sweep_map_dist(nt, gap_fe, J, J->ws->nthreads, NULL, NULL, &o2, 1) : SFHET_ENOMEM;
    if (!off) SFHET_REPORT(rc, "device: out of memory");
    if (!rc) install_roots(J, todo, nt);
  }
  free(off), free(todo), free(J->root);
  J->root = NULL;
  return rc;
}

/* Magnet, exchange field and angles of every point; the gap once per distinct exchange field (up and
 * down sweeps share it above H_K and wherever the magnet retraces). */
static int states(const double *p, const sfhet_device_field *f, size_t nf, sfhet_device_state *st, double (*ex)[3],
                  sfhet_device_ws *ws) {
  SFHET_TRY(sfhet_device_check(p));
  SFHET_TRY(dev_ws_points(ws, nf));
  double *m = malloc(3 * nf * sizeof *m), *B = malloc(nf * sizeof *B);
  long *dup = malloc(nf * sizeof *dup);
  double(*e)[3] = ex ? ex : malloc(nf * sizeof *e);
  int rc = m && e && dup && B ? SFHET_OK : SFHET_ENOMEM;
  if (rc) SFHET_REPORT(rc, "device: out of memory");
  if (!rc) rc = dev_magnet(p, f, nf, m, ws);
  for (size_t i = 0; i < nf && !rc; i++) {
    dev_exchange(p, f[i].B, m + 3 * i, &e[i][0], &e[i][1], &e[i][2]);
    st[i].theta_m = acos(fmax(-1.0, fmin(1.0, m[3 * i + 2]))) * 180.0 / M_PI;
    st[i].b = e[i][0], st[i].theta_b = e[i][1];
    memcpy(ws->pt[i].m, m + 3 * i, sizeof ws->pt[i].m);
    B[i] = f[i].B;
    dup[i] = -1;
    for (size_t k = 0; k < i && dup[i] < 0; k++)
      if (e[k][0] == e[i][0] && e[k][1] == e[i][1]) dup[i] = (long)k;
  }
  gap_job J = {p, e, dup, B, nf, (nf + DEV_GAP_RUN - 1) / DEV_GAP_RUN, NULL, ws, NULL};
  if (!rc) rc = gaps(&J);
  for (size_t i = 0; i < nf && !rc; i++) st[i].delta = ws->pt[dup[i] >= 0 ? dup[i] : (long)i].delta;
  free(m), free(dup), free(B);
  if (!ex) free(e);
  return rc;
}

int sfhet_device_states(const double *p, const sfhet_device_field *f, size_t nf, sfhet_device_state *st,
                        sfhet_device_ws *ws) {
  return states(p, f, nf, st, NULL, ws);
}

static void spec_key(const double *p, const double *e, double delta, const double *m, double *k) {
  const int idx[] = {SFHET_DEVICE_TC0, SFHET_DEVICE_T, SFHET_DEVICE_DSO, SFHET_DEVICE_ETA, SFHET_DEVICE_ETA_X,
                     SFHET_DEVICE_ETA_Y, SFHET_DEVICE_ETA_Z, SFHET_DEVICE_GAMMA0, SFHET_DEVICE_VAC, SFHET_DEVICE_P,
                     SFHET_DEVICE_V0};
  size_t n = 0;
  for (size_t a = 0; a < sizeof idx / sizeof idx[0]; a++) k[n++] = p[idx[a]];
  k[n++] = e[0], k[n++] = e[1], k[n++] = e[2], k[n++] = delta;
  for (int a = 0; a < 3; a++) k[n++] = p[SFHET_DEVICE_P] != 0.0 ? m[a] : 0.0;
}

static int point_alloc(dev_point *pt, size_t nv) {
  if (pt->nv == nv) return SFHET_OK;
  free(pt->G), free(pt->Vc);
  pt->G = malloc(nv * sizeof *pt->G);
  pt->Vc = malloc(nv * sizeof *pt->Vc);
  pt->nv = pt->G && pt->Vc ? nv : 0;
  if (!pt->nv) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  return SFHET_OK;
}

/* Whether the point's cache was computed on the grid V[nv]. */
static int same_grid(const dev_point *pt, const double *V, size_t nv) {
  return pt->nv == nv && !memcmp(pt->Vc, V, nv * sizeof *V);
}

typedef struct {
  const double *p;
  const double *const *V;
  const size_t *nv;
  const sfhet_device_state *st;
  const double (*ex)[3];
  long *same; /* earlier point with an identical spectrum key, or -1 */
  sfhet_device_ws *ws;
  double *all;        /* every point's spectrum at its offset, gathered from the ranks */
  const size_t *off;  /* nf + 1 byte offsets into all */
} spec_job;

/* G_SIS(V - V0) of point i into its cache (unless the cache holds it already). */
static int spec_point(size_t i, void *ctx) {
  spec_job *J = ctx;
  dev_point *pt = &J->ws->pt[i];
  double key[DEV_SPEC_KEYS];
  memset(key, 0, sizeof key);
  spec_key(J->p, J->ex[i], J->st[i].delta, pt->m, key);
  size_t nv = J->nv[i];
  const double *V = J->V[i];
  double *out = (double *)((char *)J->all + J->off[i]);
  if (!J->ws->nocache && pt->have_spec && same_grid(pt, V, nv) && !memcmp(key, pt->skey, sizeof key)) {
#pragma omp atomic
    J->ws->n_spec_reused++;
    memcpy(out, pt->G, nv * sizeof *out);
    return SFHET_OK;
  }
  if (J->same[i] >= 0) return SFHET_OK; /* filled from the earlier point afterwards */
  pt->have_spec = 0;
  SFHET_TRY(point_alloc(pt, nv));
  const sfhet_dos_info *qc = sfhet_dos_find("isingqc");
  if (!qc) SFHET_ERROR(SFHET_EFAILED, "device: DOS model isingqc missing");
  sfhet_junction j;
  sfhet_junction_init(&j, SFHET_JUNCTION_SIS, qc, NULL);
  dev_qc_params(J->p, J->ex[i][0], J->ex[i][1], J->ex[i][2], J->st[i].delta, J->p[SFHET_DEVICE_GAMMA0], j.p1);
  memcpy(j.p2, j.p1, sizeof j.p2);
  j.T = J->p[SFHET_DEVICE_T], j.vac = J->p[SFHET_DEVICE_VAC], j.P = J->p[SFHET_DEVICE_P];
  for (int k = 0; k < 3; k++) j.filter_axis[k] = pt->m[k]; /* the full spin trace, filter along m */
  double *Vs = malloc(nv * sizeof *Vs);
  if (!Vs) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  for (size_t k = 0; k < nv; k++) Vs[k] = V[k] - J->p[SFHET_DEVICE_V0];
  int st = sfhet_junction_eval(&j, Vs, nv, pt->G, NULL, NULL, J->ws->jw[omp_get_thread_num()]);
  free(Vs);
  if (st) return st;
#pragma omp atomic
  J->ws->n_spec++;
  memcpy(out, pt->G, nv * sizeof *out);
  memcpy(pt->skey, key, sizeof key);
  memcpy(pt->Vc, V, nv * sizeof *V);
  pt->have_spec = 1;
  return SFHET_OK;
}

/* Installs the gathered spectrum of point i (computed on any rank) as its cache. */
static int install(const spec_job *J, size_t i, size_t nv) {
  dev_point *pt = &J->ws->pt[i];
  SFHET_TRY(point_alloc(pt, nv));
  memcpy(pt->G, (const char *)J->all + J->off[i], nv * sizeof *pt->G);
  memcpy(pt->Vc, J->V[i], nv * sizeof *pt->Vc);
  spec_key(J->p, J->ex[i], J->st[i].delta, pt->m, pt->skey);
  pt->have_spec = 1;
  return SFHET_OK;
}

/* Every point's spectrum (spread over threads and MPI ranks, gathered so that every rank's caches hold
 * them all; points equal to an earlier one are left to the caller). */
static int spectra(const double *p, const double *const *V, const size_t *nv, const sfhet_device_state *st,
                   const double (*ex)[3], long *same, size_t nf, sfhet_device_ws *ws) {
  size_t *off = malloc((nf + 1) * sizeof *off);
  if (!off) SFHET_ERROR(SFHET_ENOMEM, "device: out of memory");
  off[0] = 0;
  for (size_t i = 0; i < nf; i++) off[i + 1] = off[i] + nv[i] * sizeof(double);
  double *all = calloc(off[nf] / sizeof(double) + 1, sizeof *all);
  int rc = all ? SFHET_OK : SFHET_ENOMEM;
  if (rc) SFHET_REPORT(rc, "device: out of memory");
  spec_job J = {p, V, nv, st, ex, same, ws, all, off};
  sfhet_sweep_out out = {all, 0, off[nf], off};
  if (!rc) rc = sfhet_sweep_map_dist(nf, spec_point, &J, ws->nthreads, ws->progress, NULL, &out, 1);
  for (size_t i = 0; i < nf && !rc; i++)
    if (same[i] < 0) rc = install(&J, i, nv[i]);
  free(all), free(off);
  return rc;
}

/* Points whose spectrum equals an earlier point's (the same state and bias grid: up and down sweeps
 * above H_K, repeated fields). */
static void find_same(const sfhet_device_state *st, const double (*ex)[3], const dev_point *pt, int filter,
                      const double *const *V, const size_t *nv, size_t nf, long *same) {
  for (size_t i = 0; i < nf; i++) {
    same[i] = -1;
    for (size_t k = 0; k < i && same[i] < 0; k++)
      if (st[k].delta == st[i].delta && !memcmp(ex[k], ex[i], sizeof ex[i]) && V[k] == V[i] && nv[k] == nv[i] &&
          (!filter || !memcmp(pt[k].m, pt[i].m, sizeof pt[i].m)))
        same[i] = (long)k;
  }
}

int dev_map_sis(const double *p, const sfhet_device_field *f, size_t nf, const double *const *V, const size_t *nv,
                sfhet_device_state *st, sfhet_device_ws *ws) {
  double(*ex)[3] = malloc(nf * sizeof *ex);
  long *same = malloc(nf * sizeof *same);
  int rc = ex && same ? SFHET_OK : SFHET_ENOMEM;
  if (rc) SFHET_REPORT(rc, "device: out of memory");
  if (!rc) rc = states(p, f, nf, st, ex, ws);
  if (!rc) {
    find_same(st, (const double(*)[3])ex, ws->pt, p[SFHET_DEVICE_P] != 0.0, V, nv, nf, same);
    rc = spectra(p, V, nv, st, (const double(*)[3])ex, same, nf, ws);
    for (size_t i = 0; i < nf && !rc; i++) {
      dev_point *a = &ws->pt[i];
      const dev_point *b = same[i] >= 0 ? &ws->pt[same[i]] : NULL;
      if (!b || (a->have_spec && same_grid(a, V[i], nv[i]) && !memcmp(a->skey, b->skey, sizeof a->skey))) continue;
      rc = point_alloc(a, nv[i]);
      if (!rc) {
        memcpy(a->G, b->G, nv[i] * sizeof *a->G), memcpy(a->Vc, V[i], nv[i] * sizeof *a->Vc);
        memcpy(a->skey, b->skey, sizeof a->skey);
      }
      a->have_spec = !rc;
    }
  }
  free(ex), free(same);
  return rc;
}

int sfhet_device_map(const double *p, const sfhet_device_field *f, size_t nf, const double *V, size_t nv,
                     double *G, sfhet_device_state *st, sfhet_device_ws *ws) {
  if (nf == 0 || nv == 0) SFHET_ERROR(SFHET_EINVAL, "device: empty map");
  sfhet_device_state *s = st ? st : malloc(nf * sizeof *s);
  const double **Vs = malloc(nf * sizeof *Vs);
  size_t *ns = malloc(nf * sizeof *ns);
  int rc = s && Vs && ns ? SFHET_OK : SFHET_ENOMEM;
  if (rc) SFHET_REPORT(rc, "device: out of memory");
  for (size_t i = 0; i < nf && !rc; i++) Vs[i] = V, ns[i] = nv;
  if (!rc) rc = dev_map_sis(p, f, nf, Vs, ns, s, ws);
  for (size_t i = 0; i < nf && !rc; i++)
    for (size_t k = 0; k < nv; k++)
      G[i * nv + k] = p[SFHET_DEVICE_GNN] * ws->pt[i].G[k] + p[SFHET_DEVICE_BG0] + p[SFHET_DEVICE_BG1] * V[k];
  if (!st) free(s);
  free(Vs), free(ns);
  return rc;
}
