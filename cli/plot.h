/* Plots through gnuplot (Debian gnuplot-nox) driven by a pipe: stacked panels of point, line and
 * error-bar series; png (pngcairo), svg or pdf (pdfcairo) chosen by the file extension. */
#ifndef SFHET_CLI_PLOT_H
#define SFHET_CLI_PLOT_H

#include <stddef.h>

typedef enum { PLOT_POINTS, PLOT_LINES, PLOT_ERRORBARS, PLOT_LINESPOINTS } plot_style;

/* One data series (err used by PLOT_ERRORBARS). */
typedef struct {
  const char *title;
  const double *x, *y, *err;
  size_t n;
  plot_style style;
} plot_series;

#define PLOT_MAX_SERIES 8

/* One panel (axes) of a figure. */
typedef struct {
  const char *title, *xlabel, *ylabel;
  plot_series s[PLOT_MAX_SERIES];
  size_t ns;
  double weight; /* relative height (0: 1) */
  int zero_line; /* draw y = 0 */
} plot_panel;

/* Writes a figure of np panels stacked vertically to path (atomically); what names the option in
 * errors. Returns SFHET_EINVAL for an unknown extension, SFHET_EIO if gnuplot fails or is missing. */
int plot_write(const char *path, const plot_panel *panels, size_t np, const char *what);

/* Adds a series to a panel (ignored beyond PLOT_MAX_SERIES). */
void plot_add(plot_panel *p, const char *title, const double *x, const double *y, const double *err,
              size_t n, plot_style style);

#endif
