/* STM gap maps: long-format spectra with two position columns grouped into the pixels of a grid, one
 * spectrum per pixel, in serpentine order (row 0 left to right, row 1 right to left, ...) so that each
 * spectrum's predecessor is its neighbour on the grid (the warm starts of sfhet_fit_sweep). */
#ifndef SFHET_PIXELMAP_H
#define SFHET_PIXELMAP_H

#include "sfhet/analysis.h"

SFHET_API_BEGIN

/* A pixel grid: nx columns at x[0..nx), ny rows at y[0..ny) (ascending, nm); spectrum i of the data
 * set lies at column ix[i], row iy[i]. */
typedef struct {
  size_t nx, ny;
  double *x, *y;
  size_t *ix, *iy;
} sfhet_pixel_map;

/* Groups n positions (px, py in nm) into a complete, regular grid: positions closer than a quarter of
 * the largest gap between distinct values are one column (row). pixel[r] receives the serpentine index
 * of row r (SIZE_MAX for a non-finite position). Positions that are not a grid: SFHET_EDATA naming
 * what. Free map with sfhet_pixel_map_free. */
int sfhet_pixel_grid(const double *px, const double *py, size_t n, const char *what, sfhet_pixel_map *map,
                     size_t *pixel);

/* Reads one long-format file (sp->paths[0], sp->sweep ignored) as one spectrum per pixel of the
 * positions in columns xcol, ycol (lengths; "x_m" is in m), in serpentine order; ds->s[i] = i. */
int sfhet_pixel_read(const sfhet_dataset_spec *sp, const char *xcol, const char *ycol, sfhet_dataset *ds,
                     sfhet_pixel_map *map);

/* Frees a map (a zeroed one or NULL allowed). */
void sfhet_pixel_map_free(sfhet_pixel_map *map);

SFHET_API_END

#endif
