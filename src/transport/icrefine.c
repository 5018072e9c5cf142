/* Critical-current peak positions with errors (issue 15: overlapping peaks were located with a bias of
 * several of their errors). Each cluster of peaks whose windows x ± 4w overlap is fitted jointly with
 * sum_k A_k / (1 + ((I - x_k)/w_k)^2) + b0 + b1 t + b2 t^2 (t = I - window centre) to the raw points, with
 * the robust point noise as sigma; position errors from the covariance, scaled by sqrt(chi2_red) when
 * it exceeds 1 (a peak shape that is not Lorentzian). */
#include <math.h>
#include <stdlib.h>

#include "sfhet/error.h"
#include "sfhet/lsq.h"
#include "transport/transport_int.h"

#define REFINE_MAX_CLUSTER 8
#define REFINE_HALF_WINDOW 4.0

typedef struct {
  const double *x;
  size_t n, k;   /* points, peaks */
  double centre;
} lor_ctx;

/* Parameters: 3 per peak (A, x, w), then b0, b1, b2. */
static int lor_model(const double *p, double *m, void *vc) {
  const lor_ctx *c = vc;
  const double *b = p + 3 * c->k;
  for (size_t i = 0; i < c->n; i++) {
    double t = c->x[i] - c->centre, v = b[0] + t * (b[1] + t * b[2]);
    for (size_t j = 0; j < c->k; j++) {
      double u = (c->x[i] - p[3 * j + 1]) / p[3 * j + 2];
      v += p[3 * j] / (1.0 + u * u);
    }
    m[i] = v;
  }
  return SFHET_OK;
}

static int lor_jac(const double *p, const int *want, double *jac, void *vc) {
  (void)want;
  const lor_ctx *c = vc;
  size_t np = 3 * c->k + 3;
  for (size_t i = 0; i < c->n; i++) {
    double *J = jac + i * np, t = c->x[i] - c->centre;
    for (size_t j = 0; j < c->k; j++) {
      double A = p[3 * j], w = p[3 * j + 2], u = (c->x[i] - p[3 * j + 1]) / w, d = 1.0 / (1.0 + u * u);
      J[3 * j] = d;
      J[3 * j + 1] = A * 2.0 * u * d * d / w;
      J[3 * j + 2] = A * 2.0 * u * u * d * d / w;
    }
    J[3 * c->k] = 1.0, J[3 * c->k + 1] = t, J[3 * c->k + 2] = t * t;
  }
  return SFHET_OK;
}

/* First index with xs[i] >= v (binary search). */
static size_t lower_index(const double *xs, size_t n, double v) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Start values and bounds of one cluster's parameters. */
static void cluster_start(const double *xs, const double *ys, size_t i0, size_t i1, const transport_peak *pk,
                          size_t k, double centre, sfhet_lsq_param *par) {
  double xa = xs[i0], xb = xs[i1 - 1], ya = ys[i0], yb = ys[i1 - 1];
  double slope = xb > xa ? (yb - ya) / (xb - xa) : 0.0, span = fabs(yb - ya) + 1e-300;
  for (size_t j = 0; j < k; j++) {
    double w = pk[j].w, A = pk[j].prom;
    par[3 * j] = (sfhet_lsq_param){"A", A, 0.0, 20.0 * A + span, 1, A, 0, 0};
    par[3 * j + 1] = (sfhet_lsq_param){"x", pk[j].x, pk[j].x - 2 * w, pk[j].x + 2 * w, 1, w, 0, 0};
    par[3 * j + 2] = (sfhet_lsq_param){"w", w, 0.2 * w, 5.0 * w, 1, w, 0, 0};
  }
  double b0 = ya + slope * (centre - xa);
  par[3 * k] = (sfhet_lsq_param){"b0", b0, -INFINITY, INFINITY, 1, fabs(b0) + span, 0, 0};
  par[3 * k + 1] = (sfhet_lsq_param){"b1", slope, -INFINITY, INFINITY, 1, span / (xb - xa + 1e-300), 0, 0};
  par[3 * k + 2] = (sfhet_lsq_param){"b2", 0.0, -INFINITY, INFINITY, 1, span / ((xb - xa) * (xb - xa) + 1e-300), 0, 0};
}

/* Fits one cluster pk[0..k-1]; on failure leaves x and sets err = NaN. */
static int fit_cluster(const double *xs, const double *ys, size_t n, double sigma, transport_peak *pk,
                       size_t k) {
  double a = pk[0].x - REFINE_HALF_WINDOW * pk[0].w, b = pk[k - 1].x + REFINE_HALF_WINDOW * pk[k - 1].w;
  size_t i0 = lower_index(xs, n, a), i1 = lower_index(xs, n, b);
  if (i1 < n && xs[i1] <= b) i1++;
  size_t np = 3 * k + 3;
  for (size_t j = 0; j < k; j++) pk[j].err = NAN;
  if (i1 <= i0 || i1 - i0 < np + 3) return SFHET_OK;
  double *sig = malloc((i1 - i0) * sizeof *sig);
  if (!sig) SFHET_ERROR(SFHET_ENOMEM, "critcurrent: out of memory");
  for (size_t i = 0; i < i1 - i0; i++) sig[i] = sigma;
  lor_ctx c = {xs + i0, i1 - i0, k, 0.5 * (xs[i0] + xs[i1 - 1])};
  sfhet_lsq_param par[3 * REFINE_MAX_CLUSTER + 3];
  cluster_start(xs, ys, i0, i1, pk, k, c.centre, par);
  sfhet_lsq_problem pb = {c.n, ys + i0, sig, lor_model, lor_jac, &c, 200, 0, 0, 0};
  sfhet_lsq_result r;
  int st = sfhet_lsq_fit(&pb, par, np, &r);
  if (st == SFHET_ENOMEM) {
    free(sig);
    return st;
  }
  double scale = st ? NAN : sqrt(fmax(1.0, r.chi2_red));
  for (size_t j = 0; j < k && !st; j++) {
    double e = par[3 * j + 1].err * scale;
    if (!(e > 0) || !isfinite(e)) continue;
    pk[j].x = par[3 * j + 1].value, pk[j].err = e;
  }
  sfhet_lsq_result_free(&r);
  sfhet_clear_error();
  free(sig);
  return SFHET_OK;
}

int transport_ic_refine(const double *xs, const double *ys, size_t n, double sigma, transport_peak *pk,
                        size_t m) {
  for (size_t j = 0; j < m; j++) pk[j].err = NAN;
  if (!(sigma > 0) || !isfinite(sigma)) return SFHET_OK; /* noise-free data: nothing to propagate */
  for (size_t j0 = 0; j0 < m;) {
    size_t j1 = j0 + 1;
    while (j1 < m && j1 - j0 < REFINE_MAX_CLUSTER &&
           pk[j1].x - REFINE_HALF_WINDOW * pk[j1].w < pk[j1 - 1].x + REFINE_HALF_WINDOW * pk[j1 - 1].w)
      j1++;
    SFHET_TRY(fit_cluster(xs, ys, n, sigma, pk + j0, j1 - j0));
    j0 = j1;
  }
  return SFHET_OK;
}
