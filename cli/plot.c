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

#include "cli.h"
#include "sfhet/error.h"
#include "sfhet/output.h"

extern char **environ;

void plot_add(plot_panel *p, const char *title, const double *x, const double *y, const double *err,
              size_t n, plot_style style) {
  if (p->ns >= PLOT_MAX_SERIES) return;
  p->s[p->ns++] = (plot_series){title, x, y, err, n, style};
}

/* Symbols of common column bases (the quantity, as a physicist writes it). */
static const char *const symbols[][2] = {
    {"B", "μ0H"},        {"H", "μ0H"},         {"T", "T"},           {"V", "V"},         {"delta", "Δ"},   {"Delta", "Δ"},
    {"delta0", "Δ0"},    {"gamma", "Γ"},       {"Gamma", "Γ"},     {"gamma_eff", "Γ_eff"},
    {"theta", "θ"},      {"phi", "φ"},         {"tau", "τ"},       {"Ea", "E_a"},    {"Tc", "T_c"},
    {"Bc", "B_c"},       {"Bc2", "B_c2"},      {"Ic", "I_c"},      {"dG", "ΔG"},     {"dG_max", "ΔG_max"},
    {"E", "E"},          {"h", "h"},           {"mu", "μ"},        {"rate", "ħ/τ"},  {"lambda", "λ"},
    {"G_err", "σ_G"},    {"x_at_max", "field of ΔG_max"}, {"W", "W"}, {"TAMR", "TAMR"}, {"MR", "MR"},
};

/* Units as they are printed. */
static const char *const units[][2] = {
    {"ueV", "μeV"}, {"uV", "μV"}, {"uS", "μS"}, {"ohm", "Ω"}, {"deg", "°"}, {"um", "μm"}, {"us", "μs"},
    {"uA", "μA"},   {"1", ""},
};

const char *plot_label(const char *name, char *buf, size_t size) {
  snprintf(buf, size, "%s", name ? name : "");
  if (!name || !name[0] || strpbrk(name, " ()/=,")) return buf; /* already a label */
  char base[64], unit[32];
  sfhet_colname_split(name, base, sizeof base, unit, sizeof unit);
  const char *sym = base, *u = unit;
  for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
    if (strcmp(base, symbols[i][0]) == 0) sym = symbols[i][1];
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    if (strcmp(unit, units[i][0]) == 0) u = units[i][1];
  if (!unit[0] && strcmp(sym, base) == 0) return buf; /* unknown and unitless: as it is */
  if (u[0]) snprintf(buf, size, "%s (%s)", sym, u);
  else snprintf(buf, size, "%s", sym);
  return buf;
}

/* Terminal line for the extension of path, or NULL. */
static const char *terminal(const char *path, size_t np, char *buf, size_t size) {
  const char *dot = strrchr(path, '.');
  if (!dot) return NULL;
  int h = (int)(260 + 220 * np);
  if (strcasecmp(dot, ".png") == 0)
    snprintf(buf, size, "set terminal pngcairo size 1000,%d noenhanced font 'sans,10'", h);
  else if (strcasecmp(dot, ".svg") == 0)
    snprintf(buf, size, "set terminal svg size 1000,%d noenhanced font 'sans,10'", h);
  else if (strcasecmp(dot, ".pdf") == 0)
    snprintf(buf, size, "set terminal pdfcairo size 7in,%gin noenhanced font 'sans,8'", 2.0 + 1.7 * (double)np);
  else
    return NULL;
  return buf;
}

/* Writes a gnuplot-safe quoted string: single quotes doubled, control characters (a newline would
 * end the string and let the next line run as a command) replaced by '?'. */
void plot_quoted(FILE *g, const char *s) {
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

static void label_cmd(FILE *g, const char *what, const char *text) {
  char buf[160];
  fprintf(g, "set %s ", what);
  plot_quoted(g, plot_label(text, buf, sizeof buf));
  fprintf(g, "\n");
}

static int has_titles(const plot_panel *p) {
  for (size_t k = 0; k < p->ns; k++)
    if (p->s[k].title && p->s[k].title[0]) return 1;
  return 0;
}

/* Ranges of the data (error bars included) with margins of 3 % (x) and 6 % (y) of the span: no point
 * sits on the frame. */
static void range_cmds(FILE *g, const plot_panel *p, int logy) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (size_t k = 0; k < p->ns; k++) {
    const plot_series *s = &p->s[k];
    for (size_t i = 0; i < s->n; i++) {
      if (!isfinite(s->x[i]) || !isfinite(s->y[i])) continue;
      double e = s->style == PLOT_ERRORBARS && s->err && isfinite(s->err[i]) ? fabs(s->err[i]) : 0;
      x0 = fmin(x0, s->x[i]), x1 = fmax(x1, s->x[i]);
      y0 = fmin(y0, s->y[i] - e), y1 = fmax(y1, s->y[i] + e);
    }
  }
  if (!(x1 >= x0)) {
    fprintf(g, "set autoscale x\nset autoscale y\n");
    return;
  }
  double dx = x1 > x0 ? 0.03 * (x1 - x0) : fmax(fabs(x0) * 0.05, 1e-3);
  fprintf(g, "set xrange [%.10g:%.10g]\n", x0 - dx, x1 + dx);
  if (logy || !(y1 >= y0)) {
    fprintf(g, "set autoscale y\n");
    return;
  }
  double dy = y1 > y0 ? 0.06 * (y1 - y0) : fmax(fabs(y0) * 0.05, 1e-3);
  fprintf(g, "set yrange [%.10g:%.10g]\n", y0 - dy, y1 + dy);
}

/* Right margin of every panel: room for the widest legend, the same in all panels so the axes align. */
static double right_edge = 0.96;

static void series_cmds(FILE *g, const plot_panel *p, size_t i, int logy) {
  if (has_titles(p)) /* left-aligned just right of the frame: never over the data */
    fprintf(g, "set key at screen %g, graph 1 left top vertical Left reverse noautotitle\n", right_edge + 0.01);
  else
    fprintf(g, "unset key\n");
  fprintf(g, "set rmargin at screen %g\n", right_edge);
  range_cmds(g, p, logy);
  fprintf(g, p->zero_line ? "set xzeroaxis lt -1\n" : "unset xzeroaxis\n");
  fprintf(g, logy ? "set logscale y\n" : "unset logscale y\n");
  fprintf(g, "plot ");
  for (size_t k = 0; k < p->ns; k++) {
    const char *st = p->s[k].n == 1 ? "with points pt 7 ps 1.6" : style_text(p->s[k].style); /* a marked point */
    fprintf(g, "%s$d%zu_%zu %s title ", k ? ", " : "", i, k, st);
    plot_quoted(g, p->s[k].title ? p->s[k].title : "");
  }
  fprintf(g, "\n");
}

/* Whether v[0..n) is evenly spaced (a pixel grid gnuplot can draw "with image"). */
static int evenly_spaced(const double *v, size_t n) {
  if (n < 2 || !(v[1] != v[0])) return 0;
  double d = v[1] - v[0];
  for (size_t i = 1; i + 1 < n; i++)
    if (!(fabs(v[i + 1] - v[i] - d) <= 1e-6 * fabs(d))) return 0;
  return 1;
}

/* A regular grid as pixels centred on the grid points; an irregular one (jittery sweep values) as
 * pm3d quadrangles coloured by the mean of their corners (no half-cell shift either way). */
static void map_cmds(FILE *g, const plot_map *m, size_t i) {
  label_cmd(g, "cblabel", m->zlabel ? m->zlabel : "");
  fprintf(g, "unset key\nset rmargin at screen %g\nset autoscale x", right_edge < 0.84 ? right_edge : 0.84);
  fprintf(g, "\nset autoscale y\nset palette rgb 33,13,10\nset autoscale xfix\nset autoscale yfix\n");
  if (evenly_spaced(m->x, m->nx) && evenly_spaced(m->y, m->ny)) {
    fprintf(g, "plot $m%zu using 1:2:3 with image notitle\n", i);
    fprintf(g, "set autoscale y\nunset cblabel\n");
    return;
  }
  fprintf(g, "set view map\nset pm3d map corners2color mean\n");
  fprintf(g, "splot $m%zu with pm3d notitle\n", i);
  fprintf(g, "unset pm3d\nunset view\nset autoscale y\nunset cblabel\n");
}

static const plot_map *map_of(const plot_opts *o, size_t i) { return o && o->maps ? o->maps[i] : NULL; }

static void panel_cmds(FILE *g, const plot_panel *p, size_t i, double y0, double h, const plot_opts *o) {
  fprintf(g, "set origin 0,%g\nset size 1,%g\n", y0, h);
  label_cmd(g, "title", p->title ? p->title : "");
  label_cmd(g, "xlabel", p->xlabel ? p->xlabel : "");
  label_cmd(g, "ylabel", p->ylabel ? p->ylabel : "");
  if (map_of(o, i)) map_cmds(g, map_of(o, i), i);
  else series_cmds(g, p, i, o && i < 32 && (o->logy >> i) & 1u);
}

/* The grid of a map as gnuplot scans (one per y, blank line between). */
static void map_block(FILE *g, size_t panel, const plot_map *m) {
  fprintf(g, "$m%zu << EOD\n", panel);
  for (size_t j = 0; j < m->ny; j++) {
    for (size_t i = 0; i < m->nx; i++) {
      double z = m->z[j * m->nx + i];
      if (isfinite(z) && isfinite(m->x[i]) && isfinite(m->y[j])) fprintf(g, "%.10g %.10g %.10g\n", m->x[i], m->y[j], z);
      else fprintf(g, "%.10g %.10g NaN\n", m->x[i], m->y[j]);
    }
    fprintf(g, "\n");
  }
  fprintf(g, "EOD\n");
}

/* Writes the whole gnuplot program (output goes to gnuplot's standard output). */
static void write_script(FILE *g, const plot_panel *panels, size_t np, const char *term, const plot_opts *o) {
  fprintf(g, "# sfhet figure; edit and run: gnuplot THIS_FILE > figure (the terminal line sets the format)\n");
  fprintf(g, "%s\nset output\nset grid\nset encoding utf8\nset lmargin at screen 0.11\nset format x \"%%.4g\"\nset format y \"%%.4g\"\n", term);
  for (size_t i = 0; i < np; i++) {
    if (map_of(o, i)) map_block(g, i, map_of(o, i));
    else
      for (size_t k = 0; k < panels[i].ns; k++) data_block(g, i, k, &panels[i].s[k]);
  }
  double total = 0;
  right_edge = 0.96;
  for (size_t i = 0; i < np; i++) {
    total += panels[i].weight > 0 ? panels[i].weight : 1.0;
    if (!map_of(o, i) && has_titles(&panels[i])) right_edge = 0.66;
  }
  fprintf(g, "set multiplot\n");
  double top = 1.0;
  for (size_t i = 0; i < np; i++) {
    double h = (panels[i].weight > 0 ? panels[i].weight : 1.0) / total;
    top -= h;
    panel_cmds(g, &panels[i], i, top, h, o);
  }
  fprintf(g, "unset multiplot\nset output\n");
}

/* Runs gnuplot (no shell) with the script on stdin, the figure to out_fd and errors to err_fd.
 * Returns gnuplot's exit status, -2 when it cannot be started, -1 when it died. */
int plot_run_gnuplot(int script_fd, int out_fd, int err_fd) {
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
/* Copies the script to the file o->script names (atomically). */
static int keep_script(FILE *script, const char *path, const char *what) {
  sfhet_outfile out;
  SFHET_TRY(sfhet_outfile_open(&out, path));
  rewind(script);
  char buf[4096];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, script)) > 0)
    if (fwrite(buf, 1, k, out.fp) != k) {
      sfhet_outfile_abort(&out);
      SFHET_ERROR(SFHET_EIO, "%s: %s: write error", what, path);
    }
  return sfhet_outfile_commit(&out);
}

int plot_write(const char *path, const plot_panel *panels, size_t np, const char *what) {
  return plot_write_opts(path, panels, np, what, NULL);
}

int plot_write_opts(const char *path, const plot_panel *panels, size_t np, const char *what, const plot_opts *o) {
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
  write_script(script, panels, np, term, o);
  fflush(script);
  rewind(script);
  fflush(out.fp);
  int rc = plot_run_gnuplot(fileno(script), sfhet_outfile_fd(&out), fileno(errs));
  first_line(errs, msg, sizeof msg);
  if (rc == 0 && o && o->script) {
    int ks = keep_script(script, o->script, "--plot-script");
    if (ks) rc = -3;
  }
  fclose(script);
  fclose(errs);
  if (rc == -3) {
    sfhet_outfile_abort(&out);
    return SFHET_EIO;
  }
  struct stat sb;
  int empty = fstat(sfhet_outfile_fd(&out), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0;
  if (rc != 0 || empty) sfhet_outfile_abort(&out);
  if (rc == -2)
    SFHET_ERROR(SFHET_EIO, "%s: gnuplot not found (install Debian package gnuplot-nox)", what);
  if (rc != 0 || empty) SFHET_ERROR(SFHET_EIO, "%s: gnuplot failed: %s", what, msg[0] ? msg : "no output");
  return sfhet_outfile_commit(&out);
}

void cli_add_plot_options(cli_spec *s, const char *shows) {
  static char help[200];
  snprintf(help, sizeof help, "plot %s to FILE (.png, .svg or .pdf; gnuplot)", shows);
  cli_add(s, "plot", CLI_STR, SFHET_DIM_NONE, NULL, help);
  cli_add(s, "plot-script", CLI_STR, SFHET_DIM_NONE, NULL,
          "with --plot: also keep the gnuplot script (data inline) in FILE, for editing");
}

int cli_plot_opts(const cli_spec *s, const char **path, plot_opts *o) {
  memset(o, 0, sizeof *o);
  *path = cli_str(s, "plot");
  o->script = cli_str(s, "plot-script");
  if (o->script && !*path) return cli_usage_error("--plot-script: needs --plot FILE");
  if (o->script && strcmp(o->script, *path) == 0) return cli_usage_error("--plot-script: the same file as --plot");
  for (const char *c = o->script; c && *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      return cli_usage_error("--plot-script: the file name contains a control character");
  return SFHET_OK;
}

int plot_table(const char *path, const plot_opts *o, const char *title, const char *const *names,
               const double *const *cols, size_t n, size_t xcol, const size_t *ycols, size_t ny, long errcol) {
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = title, p.xlabel = names[xcol], p.ylabel = ny == 1 ? names[ycols[0]] : "", p.weight = 1.0;
  static char tt[PLOT_MAX_SERIES][96];
  for (size_t k = 0; k < ny && k < PLOT_MAX_SERIES; k++) {
    const double *e = k == 0 && errcol >= 0 ? cols[errcol] : NULL;
    plot_label(names[ycols[k]], tt[k], sizeof tt[k]);
    plot_add(&p, ny > 1 ? tt[k] : "", cols[xcol], cols[ycols[k]], e, n, e ? PLOT_ERRORBARS : PLOT_LINES);
  }
  return plot_write_opts(path, &p, 1, "--plot", o);
}

void plot_value_title(const char *name, double v, char *buf, size_t size) {
  char lab[96], base[96];
  plot_label(name, lab, sizeof lab);
  snprintf(base, sizeof base, "%s", lab);
  char *paren = strstr(base, " (");
  if (paren) {
    char unit[32];
    snprintf(unit, sizeof unit, "%s", paren + 2);
    unit[strcspn(unit, ")")] = '\0';
    *paren = '\0';
    snprintf(buf, size, "%.60s = %.4g %.20s", base, fabs(v) < 1e-4 ? 0.0 : v, unit);
  } else {
    snprintf(buf, size, "%.60s = %.4g", base, fabs(v) < 1e-4 ? 0.0 : v);
  }
}

int cli_plot_table(const cli_spec *s, const plot_table_spec *t, const char *const *names, const double *const *cols,
                   size_t n) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  if (n == 0) return cli_usage_error("--plot: nothing to plot (no rows)");
  static char titles[PLOT_MAX_SERIES][96];
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = t->title, p.xlabel = names[t->x], p.ylabel = t->ylabel ? t->ylabel : names[t->y[0]], p.weight = 1;
  for (size_t k = 0; k < t->ny; k++) {
    const double *e = k == 0 && t->has_err && t->err >= 0 ? cols[t->err] : NULL;
    plot_style st = e ? PLOT_ERRORBARS : t->points ? PLOT_POINTS : PLOT_LINES;
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (t->has_key && j < n && cols[t->key][j] == cols[t->key][i]) j++;
      if (!t->has_key) j = n;
      size_t q = p.ns;
      if (q >= PLOT_MAX_SERIES) break;
      if (t->has_key) plot_value_title(names[t->key], cols[t->key][i], titles[q], sizeof titles[q]);
      else if (t->ny > 1) plot_label(names[t->y[k]], titles[q], sizeof titles[q]);
      else titles[q][0] = '\0';
      if (t->has_key && t->ny > 1) {
        char lab[64];
        size_t len = strlen(titles[q]);
        snprintf(titles[q] + len, sizeof titles[q] - len, ": %s", plot_label(names[t->y[k]], lab, sizeof lab));
      }
      plot_add(&p, titles[q], cols[t->x] + i, cols[t->y[k]] + i, e ? e + i : NULL, j - i, st);
      i = j;
    }
  }
  po.logy = t->logy ? 1u : 0u;
  return plot_write_opts(path, &p, 1, "--plot", &po);
}

/* Rows of a long-format table as a grid with column f running fastest: the block length (0 if the
 * rows are not such a grid). */
static size_t grid_run(const double *f, size_t n) {
  size_t run = 1;
  while (run < n && f[run] != f[0]) run++;
  if (run < 2 || run >= n || n % run != 0) return 0;
  for (size_t i = run; i < n; i++)
    if (f[i] != f[i % run]) return 0;
  return run;
}

int cli_plot_map(const cli_spec *s, const char *title, const char *const *names, const double *const *cols,
                 size_t n, size_t x, size_t y, size_t z) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  size_t run = grid_run(cols[x], n);
  int xfast = run > 0;
  if (!xfast) run = grid_run(cols[y], n);
  if (n < 4 || run < 2 || n / run < 2) return cli_usage_error("--plot: the rows do not form a grid for a colour map");
  size_t fast = run, slow = n / run;
  double *gx = malloc((n + fast + slow) * sizeof *gx);
  if (!gx) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *gy = gx + fast, *gz = gy + slow;
  const double *fc = cols[xfast ? x : y], *sc = cols[xfast ? y : x];
  for (size_t i = 0; i < fast; i++) gx[i] = fc[i];
  for (size_t j = 0; j < slow; j++) { /* the slow value of a block: its mean (jittery readbacks) */
    double m = 0;
    for (size_t i = 0; i < fast; i++) m += sc[j * fast + i];
    gy[j] = m / (double)fast;
  }
  for (size_t k = 0; k < n; k++) gz[k] = cols[z][k];
  plot_map m = {gx, gy, gz, fast, slow, names[z]};
  const plot_map *maps[1] = {&m};
  po.maps = maps;
  plot_panel p;
  memset(&p, 0, sizeof p);
  p.title = title, p.xlabel = names[xfast ? x : y], p.ylabel = names[xfast ? y : x], p.weight = 1;
  int st = plot_write_opts(path, &p, 1, "--plot", &po);
  free(gx);
  return st;
}
