/* Junction fit fixtures shared by the fit tests (fit_fixture.h). */
#include "fit_fixture.h"

#include "sfhet/dos.h"
#include "sfhet/error.h"
#include "testutil.h"

void junction_config(sfhet_fit_junction *fj, sfhet_fit_model *m, sfhet_fit_config *c,
                            sfhet_junction_kind kind, double T, double vac) {
  sfhet_junction_init(&fj->j, kind, sfhet_dos_find("dynes"), NULL);
  sfhet_junction_set(&fj->j, "T", T);
  sfhet_junction_set(&fj->j, "vac", vac);
  assert_int_equal(sfhet_fit_junction_model(m, fj), SFHET_OK);
  sfhet_fit_config_init(c, m);
  assert_int_equal(sfhet_fit_set_free(c, "delta,gamma", "--free"), SFHET_OK);
}

void junction_spectrum(const sfhet_fit_junction *fj, double delta, double gamma, const double *x,
                              size_t n, double *y) {
  sfhet_junction j = fj->j;
  sfhet_junction_set(&j, "delta", delta);
  sfhet_junction_set(&j, "gamma", gamma);
  if (j.kind == SFHET_JUNCTION_SIS) {
    sfhet_junction_set(&j, "delta2", delta);
    sfhet_junction_set(&j, "gamma2", gamma);
  }
  sfhet_junction_ws *ws = sfhet_junction_ws_alloc();
  assert_int_equal(sfhet_junction_eval(&j, x, n, y, NULL, NULL, ws), SFHET_OK);
  sfhet_junction_ws_free(ws);
}
