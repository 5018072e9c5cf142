/* Phase-diagram panels: colour maps z(x, y) of a long table whose rows run over a grid y (outer) × x ×
 * a (inner), one panel per value of a (at most 4): `ising map`, `isingqc map`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "sfhet/error.h"

int cli_plot_grid_panels(const cli_spec *s, const double *const cols[4], size_t n, const char *const names[4],
                         const char *title_fmt) {
  const char *path;
  plot_opts po;
  SFHET_TRY(cli_plot_opts(s, &path, &po));
  if (!path) return SFHET_OK;
  const double *y = cols[0], *x = cols[1], *a = cols[2], *d = cols[3];
  size_t na = 1, nx = 1;
  while (na < n && a[na] != a[0]) na++;
  while (nx * na < n && x[nx * na] != x[0]) nx++;
  size_t ny = n / (nx * na), np = na < 4 ? na : 4;
  if (nx < 2 || ny < 2)
    return cli_usage_error("--plot: the map needs at least 2 values of --%.*s and of --%.*s", /* name_unit */
                           (int)strcspn(names[1], "_"), names[1], (int)strcspn(names[0], "_"), names[0]);
  double *b = malloc((nx + ny + np * nx * ny) * sizeof *b);
  if (!b) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  double *gx = b, *gy = b + nx, *z = gy + ny;
  for (size_t j = 0; j < nx; j++) gx[j] = x[j * na];
  for (size_t t = 0; t < ny; t++) gy[t] = y[t * nx * na];
  plot_map maps[4];
  const plot_map *mp[4];
  plot_panel p[4];
  static char tt[4][64];
  memset(p, 0, sizeof p);
  for (size_t k = 0; k < np; k++) {
    for (size_t t = 0; t < ny; t++)
      for (size_t j = 0; j < nx; j++) z[k * nx * ny + t * nx + j] = d[(t * nx + j) * na + k];
    maps[k] = (plot_map){gx, gy, z + k * nx * ny, nx, ny, names[3]};
    mp[k] = &maps[k];
    snprintf(tt[k], sizeof tt[k], title_fmt, a[k]);
    p[k].title = tt[k], p[k].xlabel = names[1], p[k].ylabel = names[0], p[k].weight = 1;
  }
  po.maps = mp;
  int st = plot_write_opts(path, p, np, "--plot", &po);
  free(b);
  return st;
}
