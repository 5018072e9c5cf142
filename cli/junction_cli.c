/* Shared command-line handling of DOS models and junctions (--junction, --model, --model2 and the
 * models' parameters) for dos, didv, fit and synth. Everything about a model comes from its info. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"

#define DEFAULT_MODEL "dynes"

const char *cli_dos_models(void) {
  static char buf[256];
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sfhet_dos_count() && used < sizeof buf; i++)
    used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", sfhet_dos_get(i)->name);
  return buf;
}

const sfhet_dos_info *cli_peek_model(int argc, char **argv) {
  const char *name = cli_peek(argc, argv, "model");
  const sfhet_dos_info *m = name ? sfhet_dos_find(name) : NULL;
  return m ? m : sfhet_dos_find(DEFAULT_MODEL);
}

int cli_model(const cli_spec *s, const sfhet_dos_info **m) {
  const char *name = cli_str(s, "model");
  *m = sfhet_dos_find(name ? name : DEFAULT_MODEL);
  if (!*m) return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", name, cli_dos_models());
  return SFHET_OK;
}

/* Comma list of a model's parameter names into buf. */
static void param_names(const sfhet_dos_info *m, char *buf, size_t size) {
  size_t u = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < m->n_params && u < size; k++)
    u += (size_t)snprintf(buf + u, size - u, "%s%s", k ? ", " : "", m->params[k].name);
}

/* An unknown option that is a parameter of another model (or its second-electrode form). */
static int foreign_option(const cli_spec *s, const char *name) {
  for (size_t i = 0; i < sfhet_dos_count(); i++) {
    const sfhet_dos_info *o = sfhet_dos_get(i);
    for (size_t k = 0; k < o->n_params; k++) {
      char n2[96];
      sfhet_junction_side2_name(o->params[k].name, n2, sizeof n2);
      if (strcmp(o->params[k].name, name) && strcmp(n2, name)) continue;
      const char *m1 = cli_str(s, "model"), *m2 = cli_str(s, "model2");
      char second[128] = "";
      if (m2) snprintf(second, sizeof second, ", the second electrode's '%s' (its options end in 2)", m2);
      return cli_usage_error("--%s is not an option here: the model is '%s'%s, and '%s' is a parameter of "
                             "model '%s' (see 'sfhet %s --model %s --help')", name, m1 ? m1 : DEFAULT_MODEL,
                             second, o->params[k].name, o->name, s->command, o->name);
    }
  }
  return SFHET_OK;
}

void cli_add_model_options(cli_spec *s, const sfhet_dos_info *m) {
  static char group[96];
  snprintf(group, sizeof group, "Model '%s': %s", m->name, m->summary);
  cli_set_group(s, group);
  cli_add_params(s, m->params, m->n_params);
  cli_set_group(s, NULL);
  s->unknown = foreign_option;
}

static sfhet_junction_kind kind_of(const char *jk, sfhet_junction_kind fallback) {
  if (jk && strcmp(jk, "sis") == 0) return SFHET_JUNCTION_SIS;
  if (jk && strcmp(jk, "nis") == 0) return SFHET_JUNCTION_NIS;
  return fallback;
}

void cli_peek_junction(int argc, char **argv, sfhet_junction_kind fallback, sfhet_junction *j) {
  const char *m2 = cli_peek(argc, argv, "model2");
  const sfhet_dos_info *d1 = cli_peek_model(argc, argv), *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  sfhet_junction_init(j, kind_of(cli_peek(argc, argv, "junction"), fallback), d1, d2);
}

/* Group headings of the junction's options (static: the spec keeps pointers to them). */
static const char *electrode_group(int side, const sfhet_dos_info *m) {
  static char g[2][128];
  snprintf(g[side], sizeof g[side], "%s: model '%s', %s", side ? "Second electrode (sis)" : "First electrode",
           m->name, m->summary);
  return g[side];
}

void cli_add_junction_options(cli_spec *s, const sfhet_junction *j, const char *kind_default) {
  static char mhelp[320];
  cli_add(s, "junction", CLI_STR, SFHET_DIM_NONE, kind_default, "junction type: nis or sis");
  snprintf(mhelp, sizeof mhelp, "DOS model of the (first) superconductor: %s", cli_dos_models());
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, DEFAULT_MODEL, mhelp);
  cli_add(s, "model2", CLI_STR, SFHET_DIM_NONE, NULL,
          "DOS model of the second sis electrode (default: --model, whose parameters it then follows)");
  const sfhet_dos_info *m2 = j->dos2 ? j->dos2 : j->dos1;
  size_t n1 = j->dos1->n_params, n2 = j->kind == SFHET_JUNCTION_SIS ? m2->n_params : 0;
  for (size_t k = 0; k < sfhet_junction_nparams(j); k++) {
    cli_set_group(s, k < n1 ? electrode_group(0, j->dos1) : k < n1 + n2 ? electrode_group(1, m2) : "Measurement");
    size_t before = s->n;
    cli_add_params(s, sfhet_junction_param(j, k), 1);
    int c = sfhet_junction_counterpart(j, k);
    if (c >= 0 && s->n > before) { /* follows the first electrode's option unless given */
      s->opt[before].follows = sfhet_junction_param(j, (size_t)c)->name;
      s->opt[before].def = NULL;
    }
  }
  cli_set_group(s, "Measurement");
  cli_add(s, "vac-rms", CLI_QTY, SFHET_DIM_VOLTAGE, NULL,
          "lock-in excitation as the rms value lock-ins display (sets --vac = sqrt(2) x this)");
  cli_set_group(s, NULL);
  s->unknown = foreign_option;
}

int cli_junction_models(const cli_spec *s, sfhet_junction_kind *kind, const sfhet_dos_info **d1,
                        const sfhet_dos_info **d2) {
  const char *jk = cli_str(s, "junction"), *m2 = cli_str(s, "model2");
  if (!jk) return cli_usage_error("--junction is required (nis or sis)");
  if (strcmp(jk, "nis") && strcmp(jk, "sis")) return cli_usage_error("--junction: '%s' is not nis or sis", jk);
  *kind = kind_of(jk, SFHET_JUNCTION_NIS);
  SFHET_TRY(cli_model(s, d1));
  *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  if (m2 && !*d2)
    return cli_usage_error("--model2: unknown model '%s' (choose one of: %s)", m2, cli_dos_models());
  if (m2 && *kind != SFHET_JUNCTION_SIS) return cli_usage_error("--model2 needs --junction sis");
  return SFHET_OK;
}

/* Whether name is in the comma/space list. */
static int listed(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *p = list; p && *p;) {
    p += strspn(p, ", ");
    size_t len = strcspn(p, ", ");
    if (len == n && strncmp(p, name, n) == 0) return 1;
    p += len;
  }
  return 0;
}

int cli_junction_setup(cli_spec *s, sfhet_junction *j, const char *untie) {
  sfhet_junction_kind kind;
  const sfhet_dos_info *d1, *d2;
  SFHET_TRY(cli_junction_models(s, &kind, &d1, &d2));
  sfhet_junction_init(j, kind, d1, d2);
  for (size_t k = 0; k < sfhet_junction_nparams(j); k++) {
    const sfhet_param_info *q = sfhet_junction_param(j, k);
    if (sfhet_junction_counterpart(j, k) >= 0 && !cli_given(s, q->name)) {
      if (listed(untie, q->name)) SFHET_TRY(sfhet_junction_tie(j, k, 0));
      continue;
    }
    double v;
    SFHET_TRY(cli_params(s, q, 1, &v));
    SFHET_TRY(sfhet_junction_set_index(j, k, v));
  }
  if (cli_given(s, "vac-rms")) {
    if (cli_given(s, "vac")) return cli_usage_error("--vac-rms: give either --vac (peak) or --vac-rms, not both");
    double rms;
    SFHET_TRY(cli_qty(s, "vac-rms", &rms));
    if (!(rms >= 0.0 && rms <= 1e3)) return cli_usage_error("--vac-rms: %g mV is outside 0..1000 mV", rms);
    j->vac = M_SQRT2 * rms;
  }
  return SFHET_OK;
}

const char *cli_models_epilog(const char *command) {
  static char buf[2048];
  size_t u = (size_t)snprintf(buf, sizeof buf, "Models (--model NAME; 'sfhet %s --model NAME --help' shows "
                              "that model's options):", command);
  for (size_t i = 0; i < sfhet_dos_count() && u < sizeof buf; i++) {
    const sfhet_dos_info *m = sfhet_dos_get(i);
    char names[256];
    param_names(m, names, sizeof names);
    u += (size_t)snprintf(buf + u, sizeof buf - u, "\n  %-8s %s (%s)", m->name, m->summary, names);
  }
  return buf;
}
