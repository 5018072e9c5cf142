/* gnuplot through a pipe: inline data blocks, multiplot panels, atomic output. */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sfhet/output.h"

#include "sfhet/error.h"

extern char **environ;

void plot_add(plot_panel *p, const char *title, const double *x, const double *y, const double *err,
              size_t n, plot_style style) {
  if (p->ns >= PLOT_MAX_SERIES) return;
  p->s[p->ns++] = (plot_series){title, x, y, err, n, style};
}

/* Terminal line for the extension of path, or NULL. */
static const char *terminal(const char *path, size_t np, char *buf, size_t size) {
  const char *dot = strrchr(path, '.');
  if (!dot) return NULL;
  int h = (int)(260 + 220 * np);
  if (strcasecmp(dot, ".png") == 0)
    snprintf(buf, size, "set terminal pngcairo size 900,%d noenhanced font 'sans,10'", h);
  else if (strcasecmp(dot, ".svg") == 0)
    snprintf(buf, size, "set terminal svg size 900,%d noenhanced font 'sans,10'", h);
  else if (strcasecmp(dot, ".pdf") == 0)
    snprintf(buf, size, "set terminal pdfcairo size 7in,%gin noenhanced font 'sans,8'", 2.0 + 1.7 * (double)np);
  else
    return NULL;
  return buf;
}

/* Writes a gnuplot-safe quoted string: single quotes doubled, control characters (a newline would
 * end the string and let the next line run as a command) replaced by '?'. */
static void quoted(FILE *g, const char *s) {
  fputc('\'', g);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '\'') fputc('\'', g);
    fputc(c < 0x20 || c == 0x7f ? '?' : c, g);
  }
  fputc('\'', g);
}

static void data_block(FILE *g, size_t panel, size_t k, const plot_series *s) {
  fprintf(g, "$d%zu_%zu << EOD\n", panel, k);
  for (size_t i = 0; i < s->n; i++) {
    if (!isfinite(s->x[i]) || !isfinite(s->y[i])) {
      fprintf(g, "\n");
      continue;
    }
    fprintf(g, "%.10g %.10g", s->x[i], s->y[i]);
    if (s->style == PLOT_ERRORBARS) fprintf(g, " %.10g", s->err && isfinite(s->err[i]) ? s->err[i] : 0.0);
    fprintf(g, "\n");
  }
  fprintf(g, "EOD\n");
}

static const char *style_text(plot_style st) {
  switch (st) {
  case PLOT_LINES: return "with lines lw 2";
  case PLOT_ERRORBARS: return "with yerrorbars pt 7 ps 0.6";
  case PLOT_LINESPOINTS: return "with linespoints pt 7 ps 0.5";
  default: return "with points pt 7 ps 0.4";
  }
}

static void panel_cmds(FILE *g, const plot_panel *p, size_t i, double y0, double h) {
  fprintf(g, "set origin 0,%g\nset size 1,%g\n", y0, h);
  fprintf(g, "set title ");
  quoted(g, p->title ? p->title : "");
  fprintf(g, "\nset xlabel ");
  quoted(g, p->xlabel ? p->xlabel : "");
  fprintf(g, "\nset ylabel ");
  quoted(g, p->ylabel ? p->ylabel : "");
  fprintf(g, "\n");
  fprintf(g, p->zero_line ? "set xzeroaxis lt -1\n" : "unset xzeroaxis\n");
  fprintf(g, "plot ");
  for (size_t k = 0; k < p->ns; k++) {
    fprintf(g, "%s$d%zu_%zu %s title ", k ? ", " : "", i, k, style_text(p->s[k].style));
    quoted(g, p->s[k].title ? p->s[k].title : "");
  }
  fprintf(g, "\n");
}

/* Writes the whole gnuplot program (output goes to gnuplot's standard output). */
static void write_script(FILE *g, const plot_panel *panels, size_t np, const char *term) {
  fprintf(g, "%s\nset output\nset grid\nset key top right\nset encoding utf8\n", term);
  for (size_t i = 0; i < np; i++)
    for (size_t k = 0; k < panels[i].ns; k++) data_block(g, i, k, &panels[i].s[k]);
  double total = 0;
  for (size_t i = 0; i < np; i++) total += panels[i].weight > 0 ? panels[i].weight : 1.0;
  fprintf(g, "set multiplot\n");
  double top = 1.0;
  for (size_t i = 0; i < np; i++) {
    double h = (panels[i].weight > 0 ? panels[i].weight : 1.0) / total;
    top -= h;
    panel_cmds(g, &panels[i], i, top, h);
  }
  fprintf(g, "unset multiplot\nset output\n");
}

/* Runs gnuplot (no shell) with the script on stdin, the figure to out_fd and errors to err_fd.
 * Returns gnuplot's exit status, -2 when it cannot be started, -1 when it died. */
static int run_gnuplot(int script_fd, int out_fd, int err_fd) {
  posix_spawn_file_actions_t fa;
  if (posix_spawn_file_actions_init(&fa) != 0) return -1;
  posix_spawn_file_actions_adddup2(&fa, script_fd, 0);
  posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  char *argv[] = {"gnuplot", NULL};
  pid_t pid;
  int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -2;
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* First line of gnuplot's error output. */
static void first_line(FILE *e, char *msg, size_t size) {
  msg[0] = '\0';
  rewind(e);
  if (!fgets(msg, (int)size, e)) msg[0] = '\0';
  msg[strcspn(msg, "\n")] = '\0';
}

/* No file name reaches gnuplot: it writes to its standard output, which is the (atomic) output file.
 * Names with control characters are refused all the same (they are almost always a mistake). */
int plot_write(const char *path, const plot_panel *panels, size_t np, const char *what) {
  char term[160], msg[256];
  for (const char *c = path; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      SFHET_ERROR(SFHET_EINVAL, "%s: the file name contains a control character", what);
  if (!terminal(path, np, term, sizeof term))
    SFHET_ERROR(SFHET_EINVAL, "%s: '%s': use a .png, .svg or .pdf file name", what, path);
  FILE *script = tmpfile(), *errs = tmpfile();
  sfhet_outfile out;
  int st = script && errs ? sfhet_outfile_open(&out, path) : SFHET_EIO;
  if (st) {
    if (script) fclose(script);
    if (errs) fclose(errs);
    if (st == SFHET_EIO && !(script && errs)) SFHET_ERROR(SFHET_EIO, "%s: cannot create a temporary file", what);
    return st;
  }
  write_script(script, panels, np, term);
  fflush(script);
  rewind(script);
  fflush(out.fp);
  int rc = run_gnuplot(fileno(script), sfhet_outfile_fd(&out), fileno(errs));
  first_line(errs, msg, sizeof msg);
  fclose(script);
  fclose(errs);
  struct stat sb;
  int empty = fstat(sfhet_outfile_fd(&out), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0;
  if (rc != 0 || empty) sfhet_outfile_abort(&out);
  if (rc == -2)
    SFHET_ERROR(SFHET_EIO, "%s: gnuplot not found (install Debian package gnuplot-nox)", what);
  if (rc != 0 || empty) SFHET_ERROR(SFHET_EIO, "%s: gnuplot failed: %s", what, msg[0] ? msg : "no output");
  return sfhet_outfile_commit(&out);
}
