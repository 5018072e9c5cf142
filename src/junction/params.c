/* Junction parameters: one named table made of the DOS parameters of both electrodes (the second with
 * the suffix made by sfhet_junction_side2_name) followed by the measurement parameters (less the
 * barrier P where electrode 1 declares its own: a point contact's P is its kernel's polarisation).
 * Drives the CLI options and the fitter. With the same model on both sides of an SIS junction, each second-electrode
 * parameter follows (is tied to) the first electrode's until it is set itself. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "junction/junction_int.h"
#include "sfhet/error.h"

static const sfhet_param_info meas_params[JUNCTION_NMEAS] = {
    {"T", "T", SFHET_DIM_TEMPERATURE, 1.5, 0.0, 1e4, SFHET_PARAM_LO_OPEN, "temperature"},
    {"vac", "V_ac", SFHET_DIM_VOLTAGE, 0.0, 0.0, 1e3, 0,
     "lock-in excitation, PEAK amplitude (a lock-in's rms setting x sqrt 2, or give --vac-rms; 0: none)"},
    {"sigma_inst", "σ_inst", SFHET_DIM_VOLTAGE, 0.0, 0.0, 1e3, 0,
     "Gaussian instrument broadening of G, standard deviation (0: none)"},
    {"zbp_amp", "σ_ZBP", SFHET_DIM_NONE, 0.0, -1e3, 1e3, 0,
     "zero-bias-peak amplitude added to G (seed 001 eq. 1; 0: none)"},
    {"zbp_sigma", "σ", SFHET_DIM_VOLTAGE, 0.05, 0.0, 1e3, SFHET_PARAM_LO_OPEN,
     "zero-bias-peak width (Gaussian standard deviation)"},
    {"P", "P", SFHET_DIM_NONE, 0.0, -1.0, 1.0, 0,
     "barrier spin polarisation: spin-up channel weight (1+P), spin-down (1-P)"},
};

/* Side-2 tables ("delta2", ...) built once per model and kept for the life of the process. */
#define SIDE2_CACHE 32
typedef struct {
  const sfhet_dos_info *model;
  sfhet_param_info p[SFHET_DOS_MAX_PARAMS];
  char name[SFHET_DOS_MAX_PARAMS][32];
  char symbol[SFHET_DOS_MAX_PARAMS][32];
  char help[SFHET_DOS_MAX_PARAMS][160];
} side2_table;

static side2_table side2_cache[SIDE2_CACHE];
static size_t side2_used;
static pthread_mutex_t side2_lock = PTHREAD_MUTEX_INITIALIZER;

void sfhet_junction_side2_name(const char *name, char *buf, size_t size) { snprintf(buf, size, "%s2", name); }

static void side2_build(side2_table *t, const sfhet_dos_info *m) {
  for (size_t k = 0; k < m->n_params && k < SFHET_DOS_MAX_PARAMS; k++) {
    t->p[k] = m->params[k];
    sfhet_junction_side2_name(m->params[k].name, t->name[k], sizeof t->name[k]);
    sfhet_junction_side2_name(m->params[k].symbol, t->symbol[k], sizeof t->symbol[k]);
    snprintf(t->help[k], sizeof t->help[k], "%s (second electrode)", m->params[k].help);
    t->p[k].name = t->name[k];
    t->p[k].symbol = t->symbol[k];
    t->p[k].help = t->help[k];
  }
  t->model = m;
}

static const sfhet_param_info *side2_params(const sfhet_dos_info *m) {
  const sfhet_param_info *res = NULL;
  pthread_mutex_lock(&side2_lock);
  for (size_t i = 0; i < side2_used && !res; i++)
    if (side2_cache[i].model == m) res = side2_cache[i].p;
  if (!res && side2_used < SIDE2_CACHE) {
    side2_build(&side2_cache[side2_used], m);
    res = side2_cache[side2_used++].p;
  }
  pthread_mutex_unlock(&side2_lock);
  return res;
}

const sfhet_dos_info *junction_dos2(const sfhet_junction *j) { return j->dos2 ? j->dos2 : j->dos1; }

static size_t n_side2(const sfhet_junction *j) {
  return j->kind == SFHET_JUNCTION_SIS ? junction_dos2(j)->n_params : 0;
}

void sfhet_junction_init(sfhet_junction *j, sfhet_junction_kind kind, const sfhet_dos_info *dos1,
                         const sfhet_dos_info *dos2) {
  memset(j, 0, sizeof *j);
  j->kind = kind;
  j->dos1 = dos1;
  j->dos2 = dos2 ? dos2 : dos1;
  sfhet_param_defaults(dos1->params, dos1->n_params, j->p1);
  sfhet_param_defaults(j->dos2->params, j->dos2->n_params, j->p2);
  for (size_t k = 0; k < dos1->n_params && j->dos2 == dos1 && kind == SFHET_JUNCTION_SIS; k++) j->follow[k] = 1;
  j->T = meas_params[0].def;
  j->vac = meas_params[1].def;
  j->sigma_inst = meas_params[2].def;
  j->zbp_amp = meas_params[3].def;
  j->zbp_sigma = meas_params[4].def;
  j->P = meas_params[5].def;
  j->rel_tol = 0.0;
}

/* The barrier spin filter P has no effect on an NIS junction whose electrode is not spin resolved
 * (Ñ = N for every P). If that electrode declares a parameter "P" the barrier's is left out of the
 * table, and "P" means the electrode's (a point contact's polarisation). No other measurement parameter
 * is ever left out (sfhet_junction_registry_check rejects DOS models that use their names). */
#define MEAS_P 5 /* index of "P" in meas_params */

static int shadowed(const sfhet_junction *j, size_t m) {
  return m == MEAS_P && j->kind == SFHET_JUNCTION_NIS && !j->dos1->spin_resolved &&
         sfhet_param_find(j->dos1->params, j->dos1->n_params, meas_params[m].name) >= 0;
}

/* Index in meas_params of the r-th measurement parameter that is not shadowed (JUNCTION_NMEAS: none). */
static size_t meas_index(const sfhet_junction *j, size_t r) {
  for (size_t m = 0; m < JUNCTION_NMEAS; m++)
    if (!shadowed(j, m) && r-- == 0) return m;
  return JUNCTION_NMEAS;
}

static size_t n_meas(const sfhet_junction *j) {
  size_t n = 0;
  for (size_t m = 0; m < JUNCTION_NMEAS; m++) n += !shadowed(j, m);
  return n;
}

size_t sfhet_junction_nparams(const sfhet_junction *j) {
  return j->dos1->n_params + n_side2(j) + n_meas(j);
}

const sfhet_param_info *sfhet_junction_param(const sfhet_junction *j, size_t k) {
  size_t n1 = j->dos1->n_params, n2 = n_side2(j);
  if (k < n1) return &j->dos1->params[k];
  if (k < n1 + n2) {
    const sfhet_param_info *t = side2_params(junction_dos2(j));
    return t ? &t[k - n1] : NULL;
  }
  size_t m = meas_index(j, k - n1 - n2);
  return m < JUNCTION_NMEAS ? &meas_params[m] : NULL;
}

/* Address of the stored value of parameter k. */
static double *slot(sfhet_junction *j, size_t k) {
  size_t n1 = j->dos1->n_params, n2 = n_side2(j);
  if (k < n1) return &j->p1[k];
  if (k < n1 + n2) return &j->p2[k - n1];
  double *meas[JUNCTION_NMEAS] = {&j->T, &j->vac, &j->sigma_inst, &j->zbp_amp, &j->zbp_sigma, &j->P};
  size_t m = meas_index(j, k - n1 - n2);
  return m < JUNCTION_NMEAS ? meas[m] : NULL;
}

static int find(const sfhet_junction *j, const char *name) {
  size_t n = sfhet_junction_nparams(j);
  for (size_t k = 0; k < n; k++) {
    const sfhet_param_info *p = sfhet_junction_param(j, k);
    if (p && strcmp(p->name, name) == 0) return (int)k;
  }
  return -1;
}

int sfhet_junction_get(const sfhet_junction *j, const char *name, double *value) {
  int k = find(j, name);
  if (k < 0) SFHET_ERROR(SFHET_EINVAL, "unknown junction parameter '%s'", name);
  *value = *slot((sfhet_junction *)j, (size_t)k);
  return SFHET_OK;
}

int sfhet_junction_set(sfhet_junction *j, const char *name, double value) {
  int k = find(j, name);
  if (k < 0) SFHET_ERROR(SFHET_EINVAL, "unknown junction parameter '%s'", name);
  return sfhet_junction_set_index(j, (size_t)k, value);
}

int sfhet_junction_index(const sfhet_junction *j, const char *name) { return find(j, name); }

int sfhet_junction_set_index(sfhet_junction *j, size_t k, double value) {
  double *v = slot(j, k);
  if (!v) SFHET_ERROR(SFHET_EINVAL, "junction parameter index %zu out of range", k);
  *v = value;
  size_t n1 = j->dos1->n_params, n2 = n_side2(j);
  if (k < n1 && n2 && j->follow[k]) j->p2[k] = value;
  if (k >= n1 && k < n1 + n2) j->follow[k - n1] = 0;
  return SFHET_OK;
}

int sfhet_junction_counterpart(const sfhet_junction *j, size_t k) {
  size_t n1 = j->dos1->n_params, n2 = n_side2(j);
  return k >= n1 && k < n1 + n2 && junction_dos2(j) == j->dos1 ? (int)(k - n1) : -1;
}

int sfhet_junction_tied(const sfhet_junction *j, size_t k) {
  int c = sfhet_junction_counterpart(j, k);
  return c >= 0 && j->follow[c];
}

int sfhet_junction_tie(sfhet_junction *j, size_t k, int tie) {
  int c = sfhet_junction_counterpart(j, k);
  if (c < 0)
    SFHET_ERROR(SFHET_EINVAL, "only a second-electrode parameter of an SIS junction with the same model "
                "on both sides can follow the first electrode");
  j->follow[c] = tie != 0;
  if (tie) j->p2[c] = j->p1[c];
  return SFHET_OK;
}

/* Whether v passes sfhet_param_check for p (checked first so the option name is formatted only for the
 * error message: this runs at every evaluation). */
static int param_ok(const sfhet_param_info *p, double v) {
  if (!isfinite(v)) return 0;
  int below = (p->flags & SFHET_PARAM_LO_OPEN) ? !(v > p->lo) : !(v >= p->lo);
  int above = (p->flags & SFHET_PARAM_HI_OPEN) ? !(v < p->hi) : !(v <= p->hi);
  return !below && !above && (!(p->flags & SFHET_PARAM_INTEGER) || v == floor(v));
}

int sfhet_junction_check(const sfhet_junction *j) {
  char what[48];
  if (!j->dos1) SFHET_ERROR(SFHET_EINVAL, "junction without a DOS model");
  if (j->kind != SFHET_JUNCTION_NIS && j->kind != SFHET_JUNCTION_SIS)
    SFHET_ERROR(SFHET_EINVAL, "--junction: unknown junction kind");
  size_t n = sfhet_junction_nparams(j);
  for (size_t k = 0; k < n; k++) {
    const sfhet_param_info *p = sfhet_junction_param(j, k);
    if (!p) SFHET_ERROR(SFHET_EINVAL, "too many distinct DOS models");
    double v = *slot((sfhet_junction *)j, k);
    if (param_ok(p, v)) continue;
    snprintf(what, sizeof what, "--%s", p->name);
    SFHET_TRY(sfhet_param_check(p, v, what));
  }
  if (!(j->rel_tol >= 0.0 && j->rel_tol < 0.1))
    SFHET_ERROR(SFHET_ERANGE, "--accuracy: %g must be in [0, 0.1)", j->rel_tol);
  if (j->kind == SFHET_JUNCTION_SIS &&
      (j->dos1->width(j->p1) <= 0.0 || junction_dos2(j)->width(j->p2) <= 0.0))
    SFHET_ERROR(SFHET_EINVAL,
                "--gamma: an SIS junction of BCS electrodes (gamma = 0) has a divergent dI/dV at "
                "V = ±(Δ1+Δ2); give --gamma and --gamma2 > 0");
  return SFHET_OK;
}
