/* Shared command-line handling of DOS models and junctions (--junction, --model, --model2 and the
 * models' parameters) for dos, didv, fit and synth. Everything about a model comes from its info. A point
 * contact (--junction pc) is an NIS junction whose electrode is a point-contact kernel (sfhet/andreev.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sfhet/andreev.h"
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

/* Comma list of the point-contact models ("btk, tk"). */
static const char *pc_models(void) {
  static char buf[128];
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sfhet_pc_model_count() && used < sizeof buf; i++)
    used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", sfhet_pc_model_get(i)->name);
  return buf;
}

static int is_pc(const char *junction) { return junction && strcmp(junction, "pc") == 0; }

const sfhet_dos_info *cli_peek_model(int argc, char **argv) {
  const char *name = cli_peek(argc, argv, "model");
  const sfhet_dos_info *m = name ? sfhet_dos_find(name) : NULL;
  return m ? m : sfhet_dos_find(DEFAULT_MODEL);
}

int cli_model(const cli_spec *s, const sfhet_dos_info **m) {
  const char *name = cli_str(s, "model");
  *m = sfhet_dos_find(name ? name : DEFAULT_MODEL);
  if (!*m && sfhet_pc_model_find(name))
    return cli_usage_error("--model: '%s' is a point-contact kernel, not a DOS model (use --junction pc; DOS "
                           "models: %s)", name, cli_dos_models());
  if (!*m) return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", name, cli_dos_models());
  return SFHET_OK;
}

/* --model of a point contact (default: the first point-contact model). */
static int pc_model(const cli_spec *s, const sfhet_dos_info **m) {
  const char *name = cli_str(s, "model");
  *m = name ? sfhet_pc_model_find(name) : sfhet_pc_model_get(0);
  if (!*m)
    return cli_usage_error("--model: '%s' is not a point-contact model (with --junction pc choose one of: %s)",
                           name, pc_models());
  return SFHET_OK;
}

/* Comma list of a model's parameter names into buf. */
static void param_names(const sfhet_dos_info *m, char *buf, size_t size) {
  size_t u = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < m->n_params && u < size; k++)
    u += (size_t)snprintf(buf + u, size - u, "%s%s", k ? ", " : "", m->params[k].name);
}

/* Registered DOS model i, then the point-contact models. */
static const sfhet_dos_info *any_model(size_t i) {
  return i < sfhet_dos_count() ? sfhet_dos_get(i) : sfhet_pc_model_get(i - sfhet_dos_count());
}

/* An unknown option that is a parameter of another model (or its second-electrode form). */
static int foreign_option(const cli_spec *s, const char *name) {
  for (size_t i = 0; i < sfhet_dos_count() + sfhet_pc_model_count(); i++) {
    const sfhet_dos_info *o = any_model(i);
    for (size_t k = 0; k < o->n_params; k++) {
      char n2[96];
      sfhet_junction_side2_name(o->params[k].name, n2, sizeof n2);
      if (strcmp(o->params[k].name, name) && strcmp(n2, name)) continue;
      const char *m1 = cli_str(s, "model"), *m2 = cli_str(s, "model2");
      char second[128] = "";
      if (m2) snprintf(second, sizeof second, ", the second electrode's '%s' (its options end in 2)", m2);
      const char *pc = sfhet_pc_kernel(o) ? "--junction pc " : "";
      return cli_usage_error("--%s is not an option here: the model is '%s'%s, and '%s' is a parameter of "
                             "%smodel '%s' (see 'sfhet %s %s--model %s --help')", name, m1 ? m1 : DEFAULT_MODEL,
                             second, o->params[k].name, *pc ? "point-contact " : "", o->name, s->command, pc,
                             o->name);
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
  if (jk && (strcmp(jk, "nis") == 0 || is_pc(jk))) return SFHET_JUNCTION_NIS;
  return fallback;
}

void cli_peek_junction(int argc, char **argv, sfhet_junction_kind fallback, sfhet_junction *j) {
  const char *m2 = cli_peek(argc, argv, "model2"), *jk = cli_peek(argc, argv, "junction");
  const sfhet_dos_info *d1 = cli_peek_model(argc, argv), *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  if (is_pc(jk)) {
    d1 = sfhet_pc_model_find(cli_peek(argc, argv, "model"));
    d1 = d1 ? d1 : sfhet_pc_model_get(0);
    d2 = NULL;
  }
  sfhet_junction_init(j, kind_of(jk, fallback), d1, d2);
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
  int pc = sfhet_pc_kernel(j->dos1) != NULL;
  cli_add(s, "junction", CLI_STR, SFHET_DIM_NONE, kind_default,
          "junction type: nis, sis or pc (point contact: G = ∫ σ(E) [-f'(E - eV)] dE with the Andreev "
          "conductance σ of --model btk|tk as the electrode; no barrier P: --P is the kernel's "
          "polarisation; docs/andreev.md)");
  if (pc)
    snprintf(mhelp, sizeof mhelp, "point-contact conductance kernel (--junction pc): %s", pc_models());
  else
    snprintf(mhelp, sizeof mhelp, "DOS model of the (first) superconductor: %s (with --junction pc: %s)",
             cli_dos_models(), pc_models());
  cli_add(s, "model", CLI_STR, SFHET_DIM_NONE, pc ? sfhet_pc_model_get(0)->name : DEFAULT_MODEL, mhelp);
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
  if (!jk) return cli_usage_error("--junction is required (nis, sis or pc)");
  if (strcmp(jk, "nis") && strcmp(jk, "sis") && !is_pc(jk))
    return cli_usage_error("--junction: '%s' is not nis, sis or pc", jk);
  *kind = kind_of(jk, SFHET_JUNCTION_NIS);
  if (is_pc(jk) && m2)
    return cli_usage_error("--model2: a point contact (--junction pc) has one superconductor; --model2 needs "
                           "--junction sis");
  *d2 = NULL;
  if (is_pc(jk)) return pc_model(s, d1);
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

/* Value of junction parameter k from its option; a point-contact kernel's variant selector also takes
 * its values' names (--spin diffusive, --pairing d). */
static int param_value(const cli_spec *s, const sfhet_junction *j, size_t k, double *v) {
  const sfhet_param_info *q = sfhet_junction_param(j, k);
  const sfhet_andreev_info *a = sfhet_pc_kernel(j->dos1);
  const char *t = a && k == a->variant ? cli_str(s, q->name) : NULL;
  for (size_t i = 0; t && i < a->n_variants; i++)
    if (strcmp(a->variants[i], t) == 0) {
      *v = (double)i;
      return SFHET_OK;
    }
  if (t && isalpha((unsigned char)t[0])) {
    char names[128];
    size_t u = 0;
    for (size_t i = 0; i < a->n_variants && u < sizeof names; i++)
      u += (size_t)snprintf(names + u, sizeof names - u, "%s%s", i ? ", " : "", a->variants[i]);
    return cli_usage_error("--%s: '%s' is not one of %s (or 0..%zu)", q->name, t, names, a->n_variants - 1);
  }
  return cli_params(s, q, 1, v);
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
    SFHET_TRY(param_value(s, j, k, &v));
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
  if (strcmp(command, "dos") == 0) return buf;
  u += (size_t)snprintf(buf + u, u < sizeof buf ? sizeof buf - u : 0, "\nPoint-contact kernels (--junction pc "
                        "--model NAME; variants by name or number):");
  for (size_t i = 0; i < sfhet_pc_model_count() && u < sizeof buf; i++) {
    const sfhet_dos_info *m = sfhet_pc_model_get(i);
    const sfhet_andreev_info *a = sfhet_pc_kernel(m);
    char names[256], vars[128];
    size_t v = 0;
    param_names(m, names, sizeof names);
    vars[0] = '\0';
    for (size_t k = 0; k < a->n_variants && v < sizeof vars; k++)
      v += (size_t)snprintf(vars + v, sizeof vars - v, "%s%s %zu", k ? ", " : "", a->variants[k], k);
    u += (size_t)snprintf(buf + u, sizeof buf - u, "\n  %-8s %s (%s; --%s: %s)", m->name, m->summary, names,
                          a->params[a->variant].name, vars);
  }
  return buf;
}
