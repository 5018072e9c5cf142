/* Text and output safety: one-line escaping of user text, UTF-8 checks, CSV field quoting, the JSON
 * writer's non-finite policy, output sets (all files or none, duplicates refused) and the temporary
 * files a signal handler removes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sfhet/error.h"
#include "sfhet/output.h"
#include "sfhet/table.h"
#include "sfhet/text.h"
#include "testutil.h"

static void test_escape(void **s) {
  (void)s;
  char b[64];
  assert_string_equal(sfhet_text_escape(b, sizeof b, "1\n!touch x"), "1\\n!touch x");
  assert_string_equal(sfhet_text_escape(b, sizeof b, "a\tb\rc\x01\x7f"), "a\\tb\\rc\\x01\\x7f");
  assert_string_equal(sfhet_text_escape(b, sizeof b, "80\xc2\xb5" "eV"), "80\xc2\xb5" "eV"); /* UTF-8 kept */
  assert_string_equal(sfhet_text_escape(b, sizeof b, "caf\xe9"), "caf\\xe9");                /* Latin-1 byte */
  assert_string_equal(sfhet_text_escape(b, sizeof b, NULL), "");
  char small[12];
  assert_string_equal(sfhet_text_escape(small, sizeof small, "abcdefghijklmnop"), "abcdefgh...");
  assert_string_equal(sfhet_text_escape(small, sizeof small, "\n\n\n\n"), "\\n\\n\\n\\n");
  assert_string_equal(sfhet_text_escape(small, sizeof small, "\n\n\n\n\n"), "\\n\\n\\n\\n\\n"); /* fits */
  assert_string_equal(sfhet_text_escape(small, sizeof small, "\n\n\n\n\n\n"), "\\n\\n\\n\\n...");
  /* every message is one line, whatever text it quotes */
  sfhet_error(SFHET_EPARSE, __FILE__, __LINE__, "--delta: '%s' is not a number", "1\n2");
  assert_string_equal(sfhet_last_error(), "--delta: '1\\n2' is not a number");
  sfhet_clear_error();
}

static void test_utf8(void **s) {
  (void)s;
  assert_int_equal(sfhet_utf8_len("a"), 1);
  assert_int_equal(sfhet_utf8_len("\xc2\xb5"), 2);
  assert_int_equal(sfhet_utf8_len("\xe2\x82\xac"), 3);       /* € */
  assert_int_equal(sfhet_utf8_len("\xf0\x9f\x98\x80"), 4);   /* U+1F600 */
  assert_int_equal(sfhet_utf8_len("\xc0\xaf"), 0);           /* overlong '/' */
  assert_int_equal(sfhet_utf8_len("\xed\xa0\x80"), 0);       /* surrogate U+D800 */
  assert_int_equal(sfhet_utf8_len("\xf4\x90\x80\x80"), 0);   /* above U+10FFFF */
  assert_int_equal(sfhet_utf8_len("\xe2\x82"), 0);           /* truncated */
  assert_int_equal(sfhet_utf8_len("\x80"), 0);               /* lone continuation byte */
  assert_true(sfhet_utf8_valid("Δ = 0.86 meV"));
  assert_false(sfhet_utf8_valid("\xff"));
}

static char *csv_fields(const char *const *names, size_t n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  sfhet_csv_header(fp, names, n);
  fclose(fp);
  return buf;
}

/* A header with a comma, a quote or a leading '#' survives a round trip through the table reader. */
static void test_csv_quoting(void **s) {
  (void)s;
  const char *names[] = {"V,mV", "say \"G\"", "#x", "N"};
  char *h = csv_fields(names, 4);
  assert_string_equal(h, "\"V,mV\",\"say \"\"G\"\"\",\"#x\",N\n");
  size_t n = strlen(h);
  char *text = malloc(n + 16);
  snprintf(text, n + 16, "%s1,2,3,4\n", h);
  sfhet_table *t = NULL;
  assert_int_equal(sfhet_table_parse("q.csv", text, strlen(text), &t), SFHET_OK);
  assert_int_equal(sfhet_table_ncols(t), 4);
  const double *v;
  assert_int_equal(sfhet_table_get(t, "V,mV", "--x", &v), SFHET_OK);
  assert_true(v[0] == 1.0);
  assert_int_equal(sfhet_table_get(t, "say \"G\"", "--y", &v), SFHET_OK);
  assert_true(v[0] == 2.0);
  sfhet_table_free(t);
  free(text);
  free(h);
}

static char *json_doc(double v, const char *key, int *status) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  sfhet_json j;
  sfhet_json_begin(&j, fp, 0);
  sfhet_json_number(&j, key, v);
  sfhet_json_string(&j, "name", "caf\xe9 \xc2\xb5\x7f");
  *status = sfhet_json_end(&j);
  fclose(fp);
  return buf;
}

static void test_json_policy(void **s) {
  (void)s;
  int st;
  char *d = json_doc(1e300 * 1e300, "rate_meV", &st); /* an overflow is an error, not a silent null */
  assert_int_equal(st, SFHET_EFAILED);
  assert_non_null(strstr(sfhet_last_error(), "rate_meV is infinite"));
  assert_string_equal(d, "{\"rate_meV\":null,\"name\":\"caf\\ufffd \xc2\xb5\\u007f\"}\n"); /* well-formed */
  free(d);
  d = json_doc(NAN, "gamma_err", &st); /* an undefined error too (a null must be asked for) */
  assert_int_equal(st, SFHET_EFAILED);
  assert_non_null(strstr(sfhet_last_error(), "gamma_err is not a number"));
  free(d);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  sfhet_json j;
  sfhet_json_begin(&j, fp, 0);
  sfhet_json_number_or_null(&j, "barrier", NAN); /* a null the caller documents */
  assert_int_equal(sfhet_json_end(&j), SFHET_OK);
  fclose(fp);
  assert_string_equal(buf, "{\"barrier\":null}\n");
  free(buf);
}

static char dir[] = "/tmp/sfhet_out_XXXXXX";

static const char *in_dir(const char *name) {
  static char p[8][160];
  static int k;
  char *r = p[k++ % 8];
  snprintf(r, 160, "%s/%s", dir, name);
  return r;
}

static int files_in_dir(void) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "exit $(ls -A %s | wc -l)", dir);
  int st = system(cmd);
  return WEXITSTATUS(st);
}

/* Committing a JSON document that held a non-finite number writes nothing. */
static void test_commit_refuses_bad_json(void **s) {
  (void)s;
  sfhet_outfile o;
  assert_int_equal(sfhet_outfile_open(&o, in_dir("r.json")), SFHET_OK);
  sfhet_json j;
  sfhet_json_begin(&j, o.fp, 2);
  sfhet_json_number(&j, "tau_err_s", INFINITY);
  sfhet_json_end(&j);
  assert_int_equal(sfhet_outfile_commit(&o), SFHET_EFAILED);
  assert_non_null(strstr(sfhet_last_error(), "tau_err_s is infinite"));
  assert_int_equal(files_in_dir(), 0);
  /* the mark does not outlive the output: the next one on a recycled stream commits */
  assert_int_equal(sfhet_outfile_open(&o, in_dir("r.json")), SFHET_OK);
  fputs("{}\n", o.fp);
  assert_int_equal(sfhet_outfile_commit(&o), SFHET_OK);
  assert_int_equal(files_in_dir(), 1);
  unlink(in_dir("r.json"));
}

/* A table row with an infinite value (an overflow) is refused at commit; NaN (a missing value) is not. */
static void test_commit_refuses_infinite_row(void **s) {
  (void)s;
  sfhet_outfile o;
  const double bad[3] = {1.0, -INFINITY, 2.0}, gap[3] = {1.0, NAN, 2.0};
  assert_int_equal(sfhet_outfile_open(&o, in_dir("t.csv")), SFHET_OK);
  assert_int_equal(sfhet_csv_row(o.fp, gap, 3), SFHET_OK);
  assert_int_equal(sfhet_csv_row(o.fp, bad, 3), SFHET_OK); /* marked, refused when committed */
  assert_int_equal(sfhet_outfile_commit(&o), SFHET_EFAILED);
  assert_non_null(strstr(sfhet_last_error(), "column 2 of the table is infinite"));
  assert_int_equal(files_in_dir(), 0);
  assert_int_equal(sfhet_outfile_open(&o, in_dir("t.csv")), SFHET_OK);
  assert_int_equal(sfhet_csv_row(o.fp, gap, 3), SFHET_OK);
  assert_int_equal(sfhet_outfile_commit(&o), SFHET_OK);
  assert_int_equal(files_in_dir(), 1);
  unlink(in_dir("t.csv"));
}

static void write_file(sfhet_outset *set, const char *name, int commit) {
  (void)set;
  sfhet_outfile o;
  assert_int_equal(sfhet_outfile_open(&o, in_dir(name)), SFHET_OK);
  fprintf(o.fp, "%s\n", name);
  if (commit) assert_int_equal(sfhet_outfile_commit(&o), SFHET_OK);
  else sfhet_outfile_abort(&o);
}

/* Outputs of a set appear only at the set's commit, together; an abort removes every one. */
static void test_outset(void **s) {
  (void)s;
  sfhet_outset set;
  sfhet_outset_begin(&set);
  write_file(&set, "curves.csv", 1);
  write_file(&set, "plot.png", 1);
  assert_int_equal(access(in_dir("curves.csv"), F_OK), -1); /* finished, not yet visible */
  assert_int_equal(files_in_dir(), 2);                      /* two temporary files */
  sfhet_outfile o;
  assert_int_equal(sfhet_outfile_open(&o, in_dir("/nonexistent/x.csv")), SFHET_EIO); /* main -o fails */
  sfhet_outset_abort(&set);
  assert_int_equal(files_in_dir(), 0);

  sfhet_outset_begin(&set);
  write_file(&set, "curves.csv", 1);
  write_file(&set, "dropped.csv", 0);
  assert_int_equal(sfhet_outfile_open(&o, in_dir("./curves.csv")), SFHET_EUSAGE); /* same file */
  assert_non_null(strstr(sfhet_last_error(), "the same file as another output"));
  write_file(&set, "out.csv", 1);
  assert_int_equal(sfhet_outset_commit(&set), SFHET_OK);
  assert_int_equal(access(in_dir("curves.csv"), F_OK), 0);
  assert_int_equal(access(in_dir("out.csv"), F_OK), 0);
  assert_int_equal(files_in_dir(), 2);
  /* after the set, outputs commit on their own again */
  write_file(NULL, "later.csv", 1);
  assert_int_equal(access(in_dir("later.csv"), F_OK), 0);
  unlink(in_dir("curves.csv")), unlink(in_dir("out.csv")), unlink(in_dir("later.csv"));
}

/* The signal handler's cleanup removes open and finished temporary files, nothing else. */
static void test_remove_temps(void **s) {
  (void)s;
  write_file(NULL, "kept.csv", 1);
  sfhet_outset set;
  sfhet_outset_begin(&set);
  write_file(&set, "finished.csv", 1);
  sfhet_outfile o;
  assert_int_equal(sfhet_outfile_open(&o, in_dir("open.csv")), SFHET_OK);
  fputs("partial", o.fp);
  fflush(o.fp);
  assert_int_equal(files_in_dir(), 3);
  sfhet_outfile_remove_temps();
  assert_int_equal(files_in_dir(), 1);
  assert_int_equal(access(in_dir("kept.csv"), F_OK), 0);
  sfhet_outfile_abort(&o);
  sfhet_outset_abort(&set);
  unlink(in_dir("kept.csv"));
}

static int setup(void **s) {
  (void)s;
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **s) {
  (void)s;
  return rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escape),      cmocka_unit_test(test_utf8),
      cmocka_unit_test(test_csv_quoting), cmocka_unit_test(test_json_policy),
      cmocka_unit_test(test_commit_refuses_bad_json), cmocka_unit_test(test_commit_refuses_infinite_row),
      cmocka_unit_test(test_outset),
      cmocka_unit_test(test_remove_temps),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
