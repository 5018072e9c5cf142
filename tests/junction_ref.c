/* Lock-in reference by GSL QAWS, independent of the library's lock-in paths. */
#include "junction_ref.h"

#include <gsl/gsl_integration.h>
#include <math.h>

#include "testutil.h"

typedef struct {
  sfhet_junction j;
  sfhet_junction_ws *ws;
  double V, vac;
} lock_t;

static double g_at(double x, void *arg) {
  lock_t *l = arg;
  double v = l->V + l->vac * x, g;
  assert_int_equal(sfhet_junction_eval(&l->j, &v, 1, &g, NULL, NULL, l->ws), 0);
  return g;
}

double junction_lockin_ref(const sfhet_junction *j, double V, double vac, double epsrel) {
  lock_t l = {*j, sfhet_junction_ws_alloc(), V, vac};
  l.j.vac = 0.0;
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
  gsl_integration_qaws_table *t = gsl_integration_qaws_table_alloc(0.5, 0.5, 0, 0);
  gsl_function F = {g_at, &l};
  double r, e;
  assert_int_equal(gsl_integration_qaws(&F, -1.0, 1.0, t, 1e-12, epsrel, 1000, w, &r, &e), 0);
  gsl_integration_qaws_table_free(t);
  gsl_integration_workspace_free(w);
  sfhet_junction_ws_free(l.ws);
  return 2.0 / M_PI * r;
}
