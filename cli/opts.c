/* Option tables, parsing (--name VALUE, --name=VALUE, -o FILE) and generated --help. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/version.h"

int cli_usage_error(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  sfhet_error(SFHET_EUSAGE, __FILE__, __LINE__, "%s", msg);
  return SFHET_EUSAGE;
}

static int find_opt(const cli_spec *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->opt[i].name, name) == 0) return (int)i;
  return -1;
}

static void add_opt(cli_spec *s, cli_opt o) {
  if (find_opt(s, o.name) >= 0 || s->n >= CLI_MAX_OPTS) {
    if (!s->duplicate && !(s->merge_duplicates && s->n < CLI_MAX_OPTS)) s->duplicate = o.name;
    return;
  }
  cli_opt *d = &s->opt[s->n++];
  o.group = s->group;
  *d = o;
  if (o.param && !o.def) { /* default from the parameter table, in its unit */
    snprintf(d->defbuf, sizeof d->defbuf, "%g", o.param->def);
    d->def = d->defbuf;
  }
}

void cli_add(cli_spec *s, const char *name, cli_kind kind, sfhet_dim dim, const char *def,
             const char *help) {
  add_opt(s, (cli_opt){.name = name, .kind = kind, .dim = dim, .def = def, .help = help});
}

void cli_set_group(cli_spec *s, const char *group) { s->group = group; }

void cli_spec_init(cli_spec *s, const char *command, const char *usage, const char *about) {
  memset(s, 0, sizeof *s);
  s->command = command;
  s->usage = usage;
  s->about = about;
  cli_add(s, "output", CLI_STR, SFHET_DIM_NONE, NULL,
          "write the result to FILE instead of standard output (never left half-written); also -o");
  cli_add(s, "json", CLI_FLAG, SFHET_DIM_NONE, NULL, "print scalar results as one JSON object");
  cli_add(s, "quiet", CLI_FLAG, SFHET_DIM_NONE, NULL, "no progress or warnings on stderr");
  cli_add(s, "threads", CLI_INT, SFHET_DIM_NONE, "0",
          "OpenMP threads (0: all cores; more than the cores are reduced to the cores)");
  cli_add(s, "help", CLI_FLAG, SFHET_DIM_NONE, NULL, "show this help and exit");
}

void cli_add_params(cli_spec *s, const sfhet_param_info *params, size_t n) {
  for (size_t k = 0; k < n; k++) {
    const sfhet_param_info *p = &params[k];
    cli_kind kind = (p->flags & SFHET_PARAM_INTEGER) ? CLI_INT : CLI_QTY;
    add_opt(s, (cli_opt){.name = p->name, .kind = kind, .dim = p->dim, .help = p->help, .param = p});
  }
}

void cli_add_param_range(cli_spec *s, const sfhet_param_info *p) {
  add_opt(s, (cli_opt){.name = p->name, .kind = CLI_RANGE, .dim = p->dim, .help = p->help, .param = p});
}

const char *cli_peek(int argc, char **argv, const char *name) {
  size_t len = strlen(name);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, len) != 0) continue;
    if (a[2 + len] == '=') return a + 3 + len;
    if (a[2 + len] == '\0' && i + 1 < argc) return argv[i + 1];
  }
  return NULL;
}

static int store(cli_spec *s, int k, const char *val) {
  if (s->given[k])
    return cli_usage_error("--%s given twice", s->opt[k].name);
  s->given[k] = 1;
  s->value[k] = val;
  return SFHET_OK;
}

/* One argument at argv[*i]; advances *i past a separate value. */
static int parse_one(cli_spec *s, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  char name[64];
  const char *val = NULL;
  if (strcmp(a, "-o") == 0) {
    snprintf(name, sizeof name, "output");
  } else if (strcmp(a, "-h") == 0) {
    snprintf(name, sizeof name, "help");
  } else if (strncmp(a, "--", 2) == 0 && a[2]) {
    const char *eq = strchr(a, '=');
    size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
    if (len >= sizeof name) return cli_usage_error("unknown option '%s'", a);
    memcpy(name, a + 2, len);
    name[len] = '\0';
    if (eq) val = eq + 1;
  } else {
    return cli_usage_error("unexpected argument '%s' (options start with --; see 'sfhet %s --help')",
                           a, s->command);
  }
  int k = find_opt(s, name);
  if (k < 0 && s->unknown) SFHET_TRY(s->unknown(s, name));
  if (k < 0)
    return cli_usage_error("unknown option '--%s' for 'sfhet %s' (see 'sfhet %s --help')", name,
                           s->command, s->command);
  if (s->opt[k].kind == CLI_FLAG) {
    if (val) return cli_usage_error("--%s takes no value", name);
    return store(s, k, "1");
  }
  if (!val) {
    if (*i + 1 >= argc) return cli_usage_error("--%s needs a value", name);
    val = argv[++*i];
  }
  return store(s, k, val);
}

static int parse_common(cli_spec *s) {
  s->json = cli_flag(s, "json");
  s->quiet = cli_flag(s, "quiet");
  s->output = cli_str(s, "output");
  long t = 0;
  SFHET_TRY(cli_int(s, "threads", &t));
  if (t < 0 || t > CLI_THREADS_MAX)
    return cli_usage_error("--threads: must be 0..%d (0: all cores), got %ld", CLI_THREADS_MAX, t);
  s->threads = (int)t > cli_cores() ? cli_cores() : (int)t; /* more threads than cores gain nothing */
  if (s->output && !*s->output) return cli_usage_error("--output: empty file name");
  return SFHET_OK;
}

int cli_parse(cli_spec *s, int argc, char **argv) {
  s->argc = argc;
  s->argv = argv;
  if (s->duplicate)
    SFHET_ERROR(SFHET_EFAILED, "internal: option --%s of 'sfhet %s' declared twice (or more than %d options)",
                s->duplicate, s->command, CLI_MAX_OPTS);
  for (int i = 1; i < argc; i++) SFHET_TRY(parse_one(s, argc, argv, &i));
  if (cli_flag(s, "help")) {
    cli_help(s, stdout);
    return CLI_HELP;
  }
  return parse_common(s);
}

int cli_given(const cli_spec *s, const char *name) {
  int k = find_opt(s, name);
  return k >= 0 && s->given[k];
}

static const char *raw(const cli_spec *s, const char *name, int *k) {
  *k = find_opt(s, name);
  if (*k < 0) return NULL;
  return s->given[*k] ? s->value[*k] : s->opt[*k].def;
}

int cli_qty(const cli_spec *s, const char *name, double *value) {
  int k;
  const char *t = raw(s, name, &k);
  char what[72];
  snprintf(what, sizeof what, "--%s", name);
  if (k < 0) return cli_usage_error("internal: option --%s is not declared", name);
  if (!t) return cli_usage_error("--%s is required", name);
  SFHET_TRY(sfhet_parse_quantity(t, s->opt[k].dim, what, value));
  if (s->opt[k].param) SFHET_TRY(sfhet_param_check(s->opt[k].param, *value, what));
  return SFHET_OK;
}

int cli_range(const cli_spec *s, const char *name, sfhet_range *range) {
  int k;
  const char *t = raw(s, name, &k);
  char what[72];
  snprintf(what, sizeof what, "--%s", name);
  range->n = 0;
  range->v = NULL;
  if (k < 0) return cli_usage_error("internal: option --%s is not declared", name);
  if (!t) return cli_usage_error("--%s is required", name);
  SFHET_TRY(sfhet_parse_range(t, s->opt[k].dim, what, range));
  for (size_t i = 0; s->opt[k].param && i < range->n; i++) {
    int st = sfhet_param_check(s->opt[k].param, range->v[i], what);
    if (st) {
      sfhet_range_free(range);
      return st;
    }
  }
  return SFHET_OK;
}

const char *cli_str(const cli_spec *s, const char *name) {
  int k;
  return raw(s, name, &k);
}

int cli_int(const cli_spec *s, const char *name, long *value) {
  int k;
  const char *t = raw(s, name, &k);
  if (!t) return cli_usage_error("--%s is required", name);
  char what[72];
  snprintf(what, sizeof what, "--%s", name);
  double v;
  int st = sfhet_parse_quantity(t, SFHET_DIM_NONE, what, &v); /* decimal only, no units */
  if (st || v != floor(v) || fabs(v) > 1e15)
    return cli_usage_error("--%s: '%s' is not an integer", name, t);
  *value = (long)v;
  if (k >= 0 && s->opt[k].param) SFHET_TRY(sfhet_param_check(s->opt[k].param, v, what));
  return SFHET_OK;
}

int cli_flag(const cli_spec *s, const char *name) {
  int k = find_opt(s, name);
  return k >= 0 && s->given[k];
}

int cli_params(const cli_spec *s, const sfhet_param_info *params, size_t n, double *values) {
  for (size_t k = 0; k < n; k++) {
    if (params[k].flags & SFHET_PARAM_INTEGER) {
      long v;
      SFHET_TRY(cli_int(s, params[k].name, &v));
      values[k] = (double)v;
    } else {
      SFHET_TRY(cli_qty(s, params[k].name, &values[k]));
    }
  }
  return SFHET_OK;
}
