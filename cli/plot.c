/* gnuplot through a pipe: inline data blocks, multiplot panels, atomic output. */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sfhet/error.h"

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

/* Writes a gnuplot-safe quoted string (single quotes doubled). */
static void quoted(FILE *g, const char *s) {
  fputc('\'', g);
  for (; s && *s; s++) {
    if (*s == '\'') fputc('\'', g);
    fputc(*s, g);
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

/* Runs gnuplot on the script; stderr goes to errpath. */
static int run_script(const plot_panel *panels, size_t np, const char *term, const char *tmp,
                      const char *errpath) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "gnuplot 2>'%s'", errpath);
  FILE *g = popen(cmd, "w");
  if (!g) return -1;
  fprintf(g, "%s\nset output ", term);
  quoted(g, tmp);
  fprintf(g, "\nset grid\nset key top right\nset encoding utf8\n");
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
  int st = pclose(g);
  return (st != -1 && WIFEXITED(st)) ? WEXITSTATUS(st) : -1;
}

int plot_write(const char *path, const plot_panel *panels, size_t np, const char *what) {
  char term[160], tmp[4096], errpath[] = "/tmp/sfhet_gnuplot_errXXXXXX";
  if (!terminal(path, np, term, sizeof term))
    SFHET_ERROR(SFHET_EINVAL, "%s: '%s': use a .png, .svg or .pdf file name", what, path);
  snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
  int fd = mkstemp(errpath);
  if (fd < 0) SFHET_ERROR(SFHET_EIO, "%s: cannot create a temporary file", what);
  close(fd);
  int rc = run_script(panels, np, term, tmp, errpath);
  char msg[256] = "";
  FILE *e = fopen(errpath, "r");
  if (e) {
    if (!fgets(msg, sizeof msg, e)) msg[0] = '\0';
    fclose(e);
  }
  unlink(errpath);
  msg[strcspn(msg, "\n")] = '\0';
  if (rc == 127 || rc == -1) {
    unlink(tmp);
    SFHET_ERROR(SFHET_EIO, "%s: gnuplot not found (install Debian package gnuplot-nox)", what);
  }
  if (rc != 0 || access(tmp, F_OK) != 0) {
    unlink(tmp);
    SFHET_ERROR(SFHET_EIO, "%s: gnuplot failed: %s", what, msg[0] ? msg : "no output");
  }
  if (rename(tmp, path) != 0) {
    unlink(tmp);
    SFHET_ERROR(SFHET_EIO, "%s: cannot write '%s'", what, path);
  }
  return SFHET_OK;
}
