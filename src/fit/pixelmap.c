/* STM gap maps: grouping long-format rows into the pixels of a grid, in serpentine order. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/dataset_int.h"
#include "sfhet/error.h"
#include "sfhet/pixelmap.h"

void sfhet_pixel_map_free(sfhet_pixel_map *map) {
  if (!map) return;
  free(map->x), free(map->y), free(map->ix), free(map->iy);
  memset(map, 0, sizeof *map);
}

static int cmp_double(const void *a, const void *b) {
  double u = *(const double *)a, v = *(const double *)b;
  return (u > v) - (u < v);
}

/* Distinct values of v (finite ones) clustered: a gap above a quarter of the largest gap starts a new
 * cluster; *c (malloc'ed, ascending) receives the cluster means. */
static int clusters(const double *v, size_t n, double **c, size_t *nc) {
  double *s = malloc((n ? n : 1) * sizeof *s);
  if (!s) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(v[i])) s[m++] = v[i];
  qsort(s, m, sizeof *s, cmp_double);
  double gmax = 0;
  for (size_t i = 1; i < m; i++) gmax = fmax(gmax, s[i] - s[i - 1]);
  size_t k = 0, start = 0;
  for (size_t i = 1; i <= m; i++) {
    if (i < m && !(s[i] - s[i - 1] > 0.25 * gmax)) continue;
    double sum = 0;
    for (size_t j = start; j < i; j++) sum += s[j];
    s[k++] = sum / (double)(i - start); /* k <= start: overwrites only values already used */
    start = i;
  }
  *c = s, *nc = k;
  return SFHET_OK;
}

/* Whether the cluster centres are evenly spaced (steps within 20 % of their mean). */
static int regular(const double *c, size_t n) {
  if (n < 3) return 1;
  double h = (c[n - 1] - c[0]) / (double)(n - 1);
  for (size_t i = 1; i < n; i++)
    if (fabs(c[i] - c[i - 1] - h) > 0.2 * h) return 0;
  return 1;
}

/* Index of the centre nearest v (c ascending, evenly spaced). */
static size_t nearest(const double *c, size_t n, double v) {
  size_t lo = 0, hi = n;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (c[mid] <= v) lo = mid;
    else hi = mid;
  }
  return (lo + 1 < n && fabs(c[lo + 1] - v) < fabs(c[lo] - v)) ? lo + 1 : lo;
}

/* Serpentine index of grid column ix, row iy. */
static size_t serpentine(size_t ix, size_t iy, size_t nx) { return iy * nx + (iy % 2 ? nx - 1 - ix : ix); }

static int fill_order(sfhet_pixel_map *map) {
  size_t np = map->nx * map->ny;
  map->ix = malloc(np * sizeof *map->ix), map->iy = malloc(np * sizeof *map->iy);
  if (!map->ix || !map->iy) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t iy = 0; iy < map->ny; iy++)
    for (size_t ix = 0; ix < map->nx; ix++) {
      size_t k = serpentine(ix, iy, map->nx);
      map->ix[k] = ix, map->iy[k] = iy;
    }
  return SFHET_OK;
}

/* Every pixel has rows. */
static int check_grid(const sfhet_pixel_map *map, size_t n, const size_t *pixel, const char *what) {
  size_t np = map->nx * map->ny;
  unsigned char *seen = calloc(np, 1);
  if (!seen) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t r = 0; r < n; r++)
    if (pixel[r] != SIZE_MAX) seen[pixel[r]] = 1;
  size_t missing = 0, first = 0;
  for (size_t k = np; k-- > 0;)
    if (!seen[k]) missing++, first = k;
  free(seen);
  if (missing)
    SFHET_ERROR(SFHET_EDATA, "%s: the positions are not a complete grid: %zu of the %zu x %zu pixels have "
                "no data (e.g. x = %g nm, y = %g nm)", what, missing, map->nx, map->ny,
                map->x[map->ix[first]], map->y[map->iy[first]]);
  return SFHET_OK;
}

int sfhet_pixel_grid(const double *px, const double *py, size_t n, const char *what, sfhet_pixel_map *map,
                     size_t *pixel) {
  memset(map, 0, sizeof *map);
  int st = clusters(px, n, &map->x, &map->nx);
  if (!st) st = clusters(py, n, &map->y, &map->ny);
  if (!st && (map->nx < 2 || map->ny < 2))
    SFHET_REPORT(st = SFHET_EDATA, "%s: %zu x %zu distinct positions: a map needs at least 2 x 2 pixels",
                 what, map->nx, map->ny);
  if (!st && (!regular(map->x, map->nx) || !regular(map->y, map->ny)))
    SFHET_REPORT(st = SFHET_EDATA, "%s: the positions are not an evenly spaced grid (%zu distinct x, %zu "
                 "distinct y values)", what, map->nx, map->ny);
  if (!st) st = fill_order(map);
  for (size_t r = 0; r < n && !st; r++)
    pixel[r] = isfinite(px[r]) && isfinite(py[r])
                   ? serpentine(nearest(map->x, map->nx, px[r]), nearest(map->y, map->ny, py[r]), map->nx)
                   : SIZE_MAX;
  if (!st) st = check_grid(map, n, pixel, what);
  if (st) sfhet_pixel_map_free(map);
  return st;
}

/* Column col as lengths in nm; a name ending in "_m" without a unit sfhet reads is in m. */
static int position(sfhet_table *t, const char *col, const double **v, double **own) {
  sfhet_colreq rq = {col, NULL, SFHET_COL_DIM, SFHET_DIM_LENGTH, "--pixel"};
  sfhet_colinfo info;
  *own = NULL;
  SFHET_TRY(sfhet_table_column_req(t, &rq, SFHET_MISSING_NAN, v, NULL, &info));
  const char *name = sfhet_table_colname(t, info.col);
  size_t len = strlen(name);
  if (info.file_unit[0] || len < 2 || strcmp(name + len - 2, "_m") != 0) return SFHET_OK;
  size_t n = sfhet_table_nrows(t);
  *own = malloc((n ? n : 1) * sizeof **own);
  if (!*own) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) (*own)[i] = (*v)[i] * 1e9;
  *v = *own;
  return SFHET_OK;
}

/* Spectrum k from the rows whose pixel is k (row lists by counting sort). */
static int group_pixels(sfhet_dataset *ds, const ds_rows *r, const size_t *pixel, size_t np) {
  size_t *start = calloc(np + 1, sizeof *start), *rows = malloc((r->n ? r->n : 1) * sizeof *rows);
  int st = start && rows ? ds_alloc_spectra(ds, np) : SFHET_ENOMEM;
  if (st == SFHET_ENOMEM) SFHET_REPORT(st, "out of memory");
  for (size_t i = 0; i < r->n && !st; i++)
    if (pixel[i] != SIZE_MAX) start[pixel[i] + 1]++;
  for (size_t k = 0; k < np && !st; k++) start[k + 1] += start[k];
  for (size_t i = 0; i < r->n && !st; i++)
    if (pixel[i] != SIZE_MAX) rows[start[pixel[i]]++] = i;
  for (size_t k = np; k > 0 && !st; k--) start[k] = start[k - 1];
  if (start) start[0] = 0;
  for (size_t k = 0; k < np && !st; k++) {
    ds->s[k] = (double)k;
    st = ds_fill(ds, k, rows + start[k], start[k + 1] - start[k], r);
  }
  free(start), free(rows);
  return st;
}

int sfhet_pixel_read(const sfhet_dataset_spec *sp, const char *xcol, const char *ycol, sfhet_dataset *ds,
                     sfhet_pixel_map *map) {
  memset(ds, 0, sizeof *ds);
  memset(map, 0, sizeof *map);
  if (sp->npaths != 1) SFHET_ERROR(SFHET_EUSAGE, "--pixel: give one --data file (a long-format table or a .3ds grid)");
  sfhet_dataset_spec one = *sp;
  one.sweep = one.sweep_from = NULL;
  sfhet_table *t = NULL;
  SFHET_TRY(sfhet_table_open(sp->paths[0], &sp->read, &t));
  const double *px = NULL, *py = NULL;
  double *ownx = NULL, *owny = NULL;
  size_t n = sfhet_table_nrows(t), *pixel = malloc((n ? n : 1) * sizeof *pixel);
  int st = pixel ? position(t, xcol, &px, &ownx) : SFHET_ENOMEM;
  if (!st) st = position(t, ycol, &py, &owny);
  if (!st) st = sfhet_pixel_grid(px, py, n, "--pixel", map, pixel);
  ds_rows r = {0};
  if (!st) st = ds_read_file(&one, sp->paths[0], 0, &r, ds);
  if (!st && r.n != n) SFHET_REPORT(st = SFHET_EDATA, "%s: the table changed while it was read", sp->paths[0]);
  ds->nfiles = 1, ds->rows = r.n;
  if (!st) st = group_pixels(ds, &r, pixel, map->nx * map->ny);
  if (!st) snprintf(ds->sname, sizeof ds->sname, "pixel");
  if (!st) st = ds_check(ds, sp->paths[0], 0);
  ds_rows_free(&r);
  free(pixel), free(ownx), free(owny);
  sfhet_table_free(t);
  if (st) sfhet_dataset_free(ds), sfhet_pixel_map_free(map);
  return st;
}
