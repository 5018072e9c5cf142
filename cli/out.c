/* Output helpers: the -o file, '#' metadata, CSV tables, warnings, progress with ETA. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/text.h"
#include "sfhet/version.h"

int cli_out_open(const cli_spec *s, sfhet_outfile *out) { return sfhet_outfile_open(out, s->output); }

/* User text in '#' lines is escaped (sfhet_text_escape): a line break cannot end the comment. */
void cli_meta(const cli_spec *s, FILE *fp) {
  char b[1024];
  fprintf(fp, "# sfhet %s\n# command: sfhet", SFHET_VERSION);
  for (int i = 0; i < s->argc; i++) fprintf(fp, " %s", sfhet_text_escape(b, sizeof b, s->argv[i]));
  fputc('\n', fp);
  for (size_t i = 0; i < s->n; i++) {
    const cli_opt *o = &s->opt[i];
    if (!s->given[i] && o->follows) fprintf(fp, "# %s: follows --%s\n", o->name, o->follows);
    if (o->kind == CLI_FLAG || !(s->given[i] || o->def)) continue;
    const char *unit = sfhet_dim_unit(o->dim);
    const char *v = sfhet_text_escape(b, sizeof b, s->given[i] ? s->value[i] : o->def);
    fprintf(fp, "# %s: %s%s%s%s\n", o->name, v,
            (!s->given[i] && unit[0]) ? " " : "", s->given[i] ? "" : unit,
            s->given[i] ? "" : " (default)");
  }
}

/* Whether column j may hold NaN in row i: the documented "no error estimate" of a fitted parameter at
 * a bound (docs/fit.md): column "<p>_err..." of a table whose column "<p>_at_bound" is nonzero there. */
static int no_estimate(const char *const *names, size_t ncol, const double *const *col, size_t j, size_t i) {
  const char *e = strstr(names[j], "_err");
  if (!e) return 0;
  char want[96];
  snprintf(want, sizeof want, "%.*s_at_bound", (int)(e - names[j]), names[j]);
  for (size_t k = 0; k < ncol; k++)
    if (strcmp(names[k], want) == 0) return col[k][i] != 0.0;
  return 0;
}

/* A table with a NaN or infinity is a failed computation, not a result: refused before anything is
 * written, naming the first such cell (the one exception: no_estimate). */
static int check_finite(const char *const *names, size_t ncol, const double *const *col, size_t nrow) {
  for (size_t i = 0; i < nrow; i++)
    for (size_t j = 0; j < ncol; j++) {
      if (isfinite(col[j][i]) || (isnan(col[j][i]) && no_estimate(names, ncol, col, j, i))) continue;
      char at[96] = "";
      if (j > 0 && isfinite(col[0][i])) snprintf(at, sizeof at, " at %s = %.10g", names[0], col[0][i]);
      SFHET_ERROR(SFHET_EFAILED, "%s is %s in row %zu%s: no finite result there, nothing written (check "
                  "the parameters and the grid for a point on a divergence)", names[j],
                  isnan(col[j][i]) ? "not a number" : "infinite", i + 1, at);
    }
  return SFHET_OK;
}

int cli_write_table(const cli_spec *s, const char *const *names, size_t ncol, const double *const *col,
                    size_t nrow) {
  double row[64];
  if (ncol > sizeof row / sizeof row[0]) SFHET_ERROR(SFHET_EINVAL, "internal: %zu columns (at most 64)", ncol);
  SFHET_TRY(check_finite(names, ncol, col, nrow));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  cli_meta(s, out.fp);
  int st = sfhet_csv_header(out.fp, names, ncol);
  for (size_t i = 0; i < nrow && !st; i++) {
    for (size_t j = 0; j < ncol; j++) row[j] = col[j][i];
    st = sfhet_csv_row(out.fp, row, ncol);
  }
  if (st) {
    sfhet_outfile_abort(&out);
    SFHET_ERROR(SFHET_EIO, "%s: write error", s->output ? s->output : "standard output");
  }
  return sfhet_outfile_commit(&out);
}

/* JSON key name[_err][_unit]. */
static void scalar_key(const cli_scalar *v, int err, char *buf, size_t size) {
  snprintf(buf, size, "%s%s%s%s", v->name, err ? "_err" : "", v->unit[0] ? "_" : "", v->unit);
}

static void scalars_json(FILE *fp, const cli_scalar *v, size_t n) {
  sfhet_json j;
  char key[96];
  sfhet_json_begin(&j, fp, 2);
  for (size_t i = 0; i < n; i++) {
    scalar_key(&v[i], 0, key, sizeof key);
    if (v[i].kind == CLI_BOOL) sfhet_json_bool(&j, key, v[i].value != 0.0);
    else if (v[i].kind == CLI_COUNT) sfhet_json_int(&j, key, (long long)v[i].value);
    else sfhet_json_number(&j, key, v[i].value);
    if (v[i].kind != CLI_NUM || isnan(v[i].err)) continue;
    scalar_key(&v[i], 1, key, sizeof key);
    sfhet_json_number(&j, key, v[i].err);
  }
  sfhet_json_end(&j);
}

static void scalars_text(FILE *fp, const cli_scalar *v, size_t n) {
  char key[96];
  for (size_t i = 0; i < n; i++) {
    scalar_key(&v[i], 0, key, sizeof key);
    fprintf(fp, "%-18s ", key);
    if (v[i].kind == CLI_BOOL) fprintf(fp, "%s", v[i].value != 0.0 ? "true" : "false");
    else if (v[i].kind == CLI_COUNT) fprintf(fp, "%.0f", v[i].value);
    else fprintf(fp, "%.10g", v[i].value);
    if (v[i].kind == CLI_NUM && !isnan(v[i].err)) fprintf(fp, " +- %.3g", v[i].err);
    fputc('\n', fp);
  }
}

/* A scalar result that is not finite (an err may be NaN: "no error"): a failed computation. */
static int check_scalars(const cli_scalar *v, size_t n) {
  char key[96];
  for (size_t i = 0; i < n; i++) {
    int bad_err = v[i].kind == CLI_NUM && isinf(v[i].err);
    if (isfinite(v[i].value) && !bad_err) continue;
    scalar_key(&v[i], bad_err, key, sizeof key);
    SFHET_ERROR(SFHET_EFAILED, "%s is %s: no finite result for these inputs, nothing written", key,
                isnan(bad_err ? v[i].err : v[i].value) ? "not a number" : "infinite");
  }
  return SFHET_OK;
}

void cli_json_correlation(sfhet_json *j, const char *const *names, size_t n, const double *corr) {
  sfhet_json_object_begin(j, "correlation");
  sfhet_json_array_begin(j, "params");
  for (size_t a = 0; a < n; a++) sfhet_json_string(j, NULL, names[a]);
  sfhet_json_array_end(j);
  sfhet_json_array_begin(j, "matrix");
  for (size_t a = 0; a < n; a++) {
    sfhet_json_array_begin(j, NULL);
    for (size_t b = 0; b < n; b++) sfhet_json_number_or_null(j, NULL, corr[a * n + b]);
    sfhet_json_array_end(j);
  }
  sfhet_json_array_end(j);
  sfhet_json_object_end(j);
}

int cli_write_scalars(const cli_spec *s, const cli_scalar *v, size_t n) {
  SFHET_TRY(check_scalars(v, n));
  sfhet_outfile out;
  SFHET_TRY(cli_out_open(s, &out));
  if (s->json) scalars_json(out.fp, v, n);
  else scalars_text(out.fp, v, n);
  return sfhet_outfile_commit(&out);
}

void cli_warn(const cli_spec *s, const char *fmt, ...) {
  if (s && s->quiet) return;
  char msg[1024], line[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fprintf(stderr, "sfhet: warning: %s\n", sfhet_text_escape(line, sizeof line, msg));
}

typedef struct {
  const char *label;
  double t0, last;
} progress_state;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void print_progress(size_t done, size_t total, void *ctx) {
  progress_state *p = ctx;
  double t = now_s();
  if (done < total && t - p->last < 0.2) return;
  p->last = t;
  double el = t - p->t0, eta = done ? el * (double)(total - done) / (double)done : NAN;
  fprintf(stderr, "\r%s: %zu/%zu (%3.0f%%)  elapsed %.1f s  ETA %.1f s   ", p->label, done, total,
          100.0 * (double)done / (double)total, el, eta);
  if (done == total) fputc('\n', stderr);
  fflush(stderr);
}

sfhet_progress cli_progress(const cli_spec *s, const char *label) {
  static progress_state st;
  sfhet_progress pr = {NULL, NULL};
  if (s->quiet || (!isatty(STDERR_FILENO) && !cli_flag(s, "progress"))) return pr;
  st.label = label;
  st.t0 = st.last = now_s();
  pr.fn = print_progress;
  pr.ctx = &st;
  return pr;
}
