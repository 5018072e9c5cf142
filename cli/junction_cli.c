/* Shared command-line handling of junction models (--junction, --model, --model2) for didv, fit, synth. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sfhet/error.h"

const char *cli_dos_models(void) {
  static char buf[256];
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sfhet_dos_count() && used < sizeof buf; i++)
    used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", sfhet_dos_get(i)->name);
  return buf;
}

static sfhet_junction_kind kind_of(const char *jk, sfhet_junction_kind fallback) {
  if (jk && strcmp(jk, "sis") == 0) return SFHET_JUNCTION_SIS;
  if (jk && strcmp(jk, "nis") == 0) return SFHET_JUNCTION_NIS;
  return fallback;
}

void cli_peek_junction(int argc, char **argv, sfhet_junction_kind fallback, sfhet_junction *j) {
  const char *m1 = cli_peek(argc, argv, "model"), *m2 = cli_peek(argc, argv, "model2");
  const sfhet_dos_info *d1 = m1 ? sfhet_dos_find(m1) : NULL, *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  if (!d1) d1 = sfhet_dos_find("dynes");
  sfhet_junction_init(j, kind_of(cli_peek(argc, argv, "junction"), fallback), d1, d2);
}

int cli_junction_models(const cli_spec *s, sfhet_junction_kind *kind, const sfhet_dos_info **d1,
                        const sfhet_dos_info **d2) {
  const char *jk = cli_str(s, "junction"), *m1 = cli_str(s, "model"), *m2 = cli_str(s, "model2");
  if (!jk) return cli_usage_error("--junction is required (nis or sis)");
  if (strcmp(jk, "nis") && strcmp(jk, "sis")) return cli_usage_error("--junction: '%s' is not nis or sis", jk);
  *kind = kind_of(jk, SFHET_JUNCTION_NIS);
  *d1 = sfhet_dos_find(m1 ? m1 : "dynes");
  *d2 = m2 ? sfhet_dos_find(m2) : NULL;
  if (!*d1) return cli_usage_error("--model: unknown model '%s' (choose one of: %s)", m1, cli_dos_models());
  if (m2 && !*d2)
    return cli_usage_error("--model2: unknown model '%s' (choose one of: %s)", m2, cli_dos_models());
  if (m2 && *kind != SFHET_JUNCTION_SIS) return cli_usage_error("--model2 needs --junction sis");
  return SFHET_OK;
}
