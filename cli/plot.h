/* Plots through gnuplot (Debian gnuplot-nox) driven by a pipe: stacked panels of point, line and
 * error-bar series, or pm3d colour maps; png (pngcairo), svg or pdf (pdfcairo) chosen by the file
 * extension. Axis labels that are column names ("B_T", "delta_meV", "G") are shown as quantities with
 * units ("μ0H (T)", "Δ (meV)", "G"); ranges are autoscaled with margins; the legend sits outside the
 * axes.
 *
 * API (backward compatible; newer calls marked):
 *   plot_write(path, panels, np, what)          the figure
 *   plot_write_opts(path, panels, np, what, o)  the same, with --plot-script (new)
 *   plot_label(name, buf, size)                 a column name as an axis label (new)
 *   cli_add_plot_options / cli_plot_opts        --plot FILE and --plot-script FILE of a command (new)
 *   plot_table(...)                             one panel of table columns against one column (new)
 *   plot_opts.maps                              colour-map panels (new) */
#ifndef SFHET_CLI_PLOT_H
#define SFHET_CLI_PLOT_H

#include <stddef.h>
#include <stdio.h>

typedef enum { PLOT_POINTS, PLOT_LINES, PLOT_ERRORBARS, PLOT_LINESPOINTS } plot_style;

/* One data series (err used by PLOT_ERRORBARS). */
typedef struct {
  const char *title;
  const double *x, *y, *err;
  size_t n;
  plot_style style;
} plot_series;

#define PLOT_MAX_SERIES 8

/* A colour map z(x, y) on a grid: z[j*nx + i] at (x[i], y[j]) (pm3d; non-finite z left blank). */
typedef struct {
  const double *x, *y, *z;
  size_t nx, ny;
  const char *zlabel; /* colour-bar label (a column name is translated like the axis labels) */
} plot_map;

/* One panel (axes) of a figure. */
typedef struct {
  const char *title, *xlabel, *ylabel;
  plot_series s[PLOT_MAX_SERIES];
  size_t ns;
  double weight; /* relative height (0: 1) */
  int zero_line; /* draw y = 0 */
} plot_panel;

/* Options of a figure (zero-initialise; members may be added). */
typedef struct {
  const char *script;          /* also write the gnuplot script (with its data) to this file (NULL: no) */
  const plot_map *const *maps; /* maps[i] non-NULL: panel i is that colour map (NULL: all series) */
  unsigned logy;               /* bit i set: panel i has a logarithmic y axis */
} plot_opts;

/* Writes a figure of np panels stacked vertically to path (atomically); what names the option in
 * errors. Returns SFHET_EINVAL for an unknown extension, SFHET_EIO if gnuplot fails or is missing. */
int plot_write(const char *path, const plot_panel *panels, size_t np, const char *what);

/* plot_write with options (o may be NULL). */
int plot_write_opts(const char *path, const plot_panel *panels, size_t np, const char *what, const plot_opts *o);

/* Adds a series to a panel (ignored beyond PLOT_MAX_SERIES). */
void plot_add(plot_panel *p, const char *title, const double *x, const double *y, const double *err,
              size_t n, plot_style style);

/* The axis label of a column name: "B_T" -> "μ0H (T)", "delta_meV" -> "Δ (meV)", "T_K" -> "T (K)",
 * "G_S" -> "G (S)", "G" -> "G"; text that is not a column name is copied. Returns buf. */
const char *plot_label(const char *name, char *buf, size_t size);

/* "name = v unit" of a column name and a value ("B_T", 0.5 -> "μ0H = 0.5 T"); |v| < 1e-4 shown as 0. (new) */
void plot_value_title(const char *name, double v, char *buf, size_t size);

/* Writes a gnuplot-safe quoted string to g: single quotes doubled, control characters replaced by '?'
 * (a newline would end the string and run the next line as a command). */
void plot_quoted(FILE *g, const char *s);

/* Runs gnuplot (no shell) with the script on stdin, the figure to out_fd and errors to err_fd; returns
 * gnuplot's exit status, -2 when it cannot be started, -1 when it died. */
int plot_run_gnuplot(int script_fd, int out_fd, int err_fd);

struct cli_spec;

/* Adds --plot FILE and --plot-script FILE (help: what the figure shows). */
void cli_add_plot_options(struct cli_spec *s, const char *shows);

/* The figure path (NULL without --plot) and options of a parsed spec; --plot-script without --plot
 * is a usage error. */
int cli_plot_opts(const struct cli_spec *s, const char **path, plot_opts *o);

/* One panel: columns ycols[0..ny) against column xcol (names[] are column names, also the series
 * titles when ny > 1), error bars from column errcol (< 0: none) on the first series; style of the
 * series: points with errors, else lines. Writes path with o. */
int plot_table(const char *path, const plot_opts *o, const char *title, const char *const *names,
               const double *const *cols, size_t n, size_t xcol, const size_t *ycols, size_t ny, long errcol);

/* What cli_plot_table draws from a table (zero-initialise, then set). */
typedef struct {
  const char *title;
  size_t x;                   /* x column */
  size_t y[PLOT_MAX_SERIES];  /* y columns (one series each; with key: one per key value) */
  size_t ny;
  long err;                   /* column of one-sigma errors of y[0] (-1 or unset with has_err 0: none) */
  int has_err;
  long key;                   /* with has_key: runs of equal values in this column are separate series */
  int has_key;
  int points;                 /* points (or error bars) instead of lines */
  int logy;
  const char *ylabel;         /* NULL: the name of y[0] */
} plot_table_spec;

/* With --plot: the table (column-major cols[c][row], names as written) as one panel; nothing without
 * --plot. At most PLOT_MAX_SERIES series are drawn. (new) */
int cli_plot_table(const struct cli_spec *s, const plot_table_spec *p, const char *const *names,
                   const double *const *cols, size_t n);

/* With --plot: a colour map of column z over columns x and y of a long-format table whose rows form a
 * grid (one column constant in blocks, the other repeating); nothing without --plot. (new) */
int cli_plot_map(const struct cli_spec *s, const char *title, const char *const *names, const double *const *cols,
                 size_t n, size_t x, size_t y, size_t z);

/* With --plot: colour maps of cols[3] over cols[1] (x) and cols[0] (y) of a table whose rows run over the
 * grid cols[0] (outer) × cols[1] × cols[2] (inner), one panel per value of cols[2] (at most 4), titled by
 * title_fmt with that value (a %g); names: the columns' names (name_unit: the axis labels; the part
 * before '_' names the option in the error when the grid has fewer than 2 values of x or y). Nothing without --plot. (cli/plot_panels.c) */
int cli_plot_grid_panels(const struct cli_spec *s, const double *const cols[4], size_t n, const char *const names[4],
                         const char *title_fmt);

#endif
