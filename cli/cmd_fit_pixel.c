/* sfhet fit --pixel X,Y: STM gap maps. One fit per pixel through the sweep fit (serpentine order, so
 * each warm start comes from the neighbouring pixel), a CSV map and one gnuplot image per parameter. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_fit.h"
#include "plot.h"
#include "sfhet/error.h"
#include "sfhet/par.h"
#include "sfhet/pixelmap.h"


void fit_add_pixel_option(cli_spec *s) {
  cli_add(s, "pixel", CLI_STR, SFHET_DIM_NONE, NULL,
          "X,Y: position columns of an STM gap map (long format or .3ds: x_m,y_m); one fit per pixel,\n"
          "                         CSV x_m,y_m,<p>_<unit>,<p>_err_<unit>,...,<p>_at_bound,...,chi2_red,converged;\n"
          "                         --plot PREFIX: PREFIX_<p>.png per fitted parameter (docs/fit.md)");
}

/* The two column names of --pixel ("x_m,y_m"). */
static int pixel_columns(const char *arg, char *x, char *y, size_t size) {
  const char *comma = strchr(arg, ',');
  size_t nx = comma ? (size_t)(comma - arg) : 0;
  if (!comma || nx == 0 || !comma[1] || strchr(comma + 1, ',') || nx >= size || strlen(comma + 1) >= size)
    return cli_usage_error("--pixel: give two position columns X,Y (e.g. x_m,y_m), got '%s'", arg);
  memcpy(x, arg, nx);
  x[nx] = '\0';
  snprintf(y, size, "%s", comma + 1);
  return SFHET_OK;
}

static int pixel_options_ok(const cli_spec *s) {
  if (cli_spectra_sweep(s)) return cli_usage_error("--pixel and --sweep: give one (a map or a sweep)");
  if (cli_given(s, "bind")) return cli_usage_error("--pixel: --bind needs a sweep value; not available in maps");
  if (cli_given(s, "curves")) return cli_usage_error("--pixel: --curves is not available for maps");
  if (cli_given(s, "plot-script")) return cli_usage_error("--pixel: --plot-script is not available for maps");
  if (!cli_str(s, "data")) return cli_usage_error("--data is required");
  return SFHET_OK;
}

int fit_pixel_load(fit_job *f) {
  cli_spec *s = &f->s;
  char xc[256], yc[256];
  SFHET_TRY(pixel_options_ok(s));
  SFHET_TRY(pixel_columns(cli_str(s, "pixel"), xc, yc, sizeof xc));
  char **paths = NULL;
  size_t n = 0;
  SFHET_TRY(sfhet_data_paths(cli_str(s, "data"), "--data", &paths, &n));
  sfhet_dataset_spec sp = {.paths = (const char *const *)paths, .npaths = n, .x = cli_str(s, "x"),
                           .y = cli_str(s, "y"), .sigma = cli_str(s, "sigma"), .x_unit = cli_str(s, "x-unit"),
                           .y_unit = cli_str(s, "y-unit")};
  int st = cli_read_opts(s, &sp.read);
  f->pix = calloc(1, sizeof *f->pix);
  if (!st && !f->pix) SFHET_REPORT(st = SFHET_ENOMEM, "out of memory");
  if (!st) st = sfhet_pixel_read(&sp, xc, yc, &f->ds, f->pix);
  if (!st && f->ds.info.dropped)
    cli_warn(s, "%s: skipped %zu rows with missing or non-numeric values", paths[0], f->ds.info.dropped);
  sfhet_data_paths_free(paths, n);
  return st;
}

void fit_pixel_free(fit_job *f) {
  sfhet_pixel_map_free(f->pix);
  free(f->pix);
  f->pix = NULL;
}

/* Spectrum index of each raster position (row iy, column ix at iy*nx + ix). */
static size_t *raster_order(const sfhet_pixel_map *p) {
  size_t np = p->nx * p->ny, *k = malloc(np * sizeof *k);
  for (size_t i = 0; k && i < np; i++) k[p->iy[i] * p->nx + p->ix[i]] = i;
  return k;
}

static size_t free_params(const fit_job *f, size_t *idx) {
  size_t m = 0;
  for (size_t k = 0; k < f->cfg.np; k++)
    if (f->cfg.free[k]) idx[m++] = k;
  return m;
}

/* The map table x_m,y_m,<p>_<unit>,<p>_err_<unit>,...,<p>_at_bound,...,chi2_red,converged in raster
 * order (an error is empty, NaN, only for a parameter at a bound, as in sweep tables). */
static int write_map(const fit_job *f, const sfhet_fit_result *r, const size_t *order) {
  size_t idx[SFHET_FIT_MAX_PARAMS], nk = free_params(f, idx), m = f->ds.m, ncol = 4 + 3 * nk;
  static char names[3 * SFHET_FIT_MAX_PARAMS + 4][80];
  const char *np[3 * SFHET_FIT_MAX_PARAMS + 4];
  const double *cols[3 * SFHET_FIT_MAX_PARAMS + 4];
  double *buf = malloc(ncol * m * sizeof *buf);
  if (!buf) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  snprintf(names[0], 80, "x_m"), snprintf(names[1], 80, "y_m");
  for (size_t a = 0; a < nk; a++) {
    fit_colname(f, idx[a], 0, names[2 + 2 * a], 80);
    fit_colname(f, idx[a], 1, names[3 + 2 * a], 80);
    snprintf(names[2 + 2 * nk + a], 80, "%s_at_bound", f->cfg.name[idx[a]]);
  }
  snprintf(names[2 + 3 * nk], 80, "chi2_red"), snprintf(names[3 + 3 * nk], 80, "converged");
  for (size_t c = 0; c < ncol; c++) np[c] = names[c], cols[c] = buf + c * m;
  for (size_t j = 0; j < m; j++) {
    size_t i = order[j];
    buf[j] = f->pix->x[f->pix->ix[i]] * 1e-9, buf[m + j] = f->pix->y[f->pix->iy[i]] * 1e-9;
    for (size_t a = 0; a < nk; a++) {
      buf[(2 + 2 * a) * m + j] = r[i].value[idx[a]], buf[(3 + 2 * a) * m + j] = r[i].err[idx[a]];
      buf[(2 + 2 * nk + a) * m + j] = r[i].at_bound[idx[a]];
    }
    buf[(2 + 3 * nk) * m + j] = r[i].chi2_red;
    buf[(3 + 3 * nk) * m + j] = r[i].status == SFHET_OK;
  }
  int st = cli_write_table(&f->s, np, ncol, cols, m);
  free(buf);
  return st;
}

/* The image of parameter k: pixels at their positions in nm, equal aspect, labelled colour bar. */
static void image_script(FILE *g, const fit_job *f, const sfhet_fit_result *r, const size_t *order, size_t k) {
  const sfhet_pixel_map *p = f->pix;
  double hx = (p->x[p->nx - 1] - p->x[0]) / (double)(p->nx - 1), hy = (p->y[p->ny - 1] - p->y[0]) / (double)(p->ny - 1);
  char unit[80], label[200], title[300];
  fit_colname(f, k, 0, unit, sizeof unit);
  const char *u = strchr(unit, '_');
  const char *nm = f->cfg.name[k];
  const char *sym = strncmp(nm, "delta", 5) == 0 ? "Δ" : strncmp(nm, "gamma", 5) == 0 ? "Γ" : NULL;
  snprintf(label, sizeof label, "%s%s%s%s%s", sym ? sym : nm, sym ? nm + 5 : "", u ? " (" : "", u ? u + 1 : "",
           u ? ")" : "");
  snprintf(title, sizeof title, "fitted %s, %zu x %zu pixels", label, p->nx, p->ny);
  fprintf(g, "set terminal pngcairo size 760,680 noenhanced font 'sans,11'\nset output\nset encoding utf8\n");
  fprintf(g, "$map << EOD\n");
  for (size_t j = 0; j < f->ds.m; j++) {
    size_t i = order[j];
    if (j && j % p->nx == 0) fprintf(g, "\n");
    fprintf(g, "%.9g %.9g %.9g\n", p->x[p->ix[i]], p->y[p->iy[i]], r[i].value[k]);
  }
  fprintf(g, "EOD\nset size ratio -1\nset xlabel 'x (nm)'\nset ylabel 'y (nm)'\nset cblabel ");
  plot_quoted(g, label);
  fprintf(g, "\nset title ");
  plot_quoted(g, title);
  fprintf(g, "\nset xrange [%.9g:%.9g]\nset yrange [%.9g:%.9g]\nset tics out\nset rmargin 12\n", p->x[0] - hx / 2,
          p->x[p->nx - 1] + hx / 2, p->y[0] - hy / 2, p->y[p->ny - 1] + hy / 2);
  fprintf(g, "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')\n");
  fprintf(g, "plot $map using 1:2:3 with image notitle\nset output\n");
}

/* PREFIX_<p>.png, written atomically (sfhet_outfile; gnuplot writes to its standard output). */
static int write_image(const fit_job *f, const sfhet_fit_result *r, const size_t *order, size_t k) {
  char path[1200], msg[256] = "";
  snprintf(path, sizeof path, "%s_%s.png", cli_str(&f->s, "plot"), f->cfg.name[k]);
  FILE *script = tmpfile(), *errs = tmpfile();
  sfhet_outfile out;
  int st = script && errs ? sfhet_outfile_open(&out, path) : SFHET_EIO;
  if (st) {
    if (script) fclose(script);
    if (errs) fclose(errs);
    if (!(script && errs)) SFHET_ERROR(SFHET_EIO, "--plot: cannot create a temporary file");
    return st;
  }
  image_script(script, f, r, order, k);
  fflush(script), rewind(script), fflush(out.fp);
  int rc = plot_run_gnuplot(fileno(script), sfhet_outfile_fd(&out), fileno(errs));
  rewind(errs);
  if (!fgets(msg, (int)sizeof msg, errs)) msg[0] = '\0';
  msg[strcspn(msg, "\n")] = '\0';
  fclose(script), fclose(errs);
  struct stat sb;
  int empty = fstat(sfhet_outfile_fd(&out), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0;
  if (rc != 0 || empty) sfhet_outfile_abort(&out);
  if (rc == -2) SFHET_ERROR(SFHET_EIO, "--plot: gnuplot not found (install Debian package gnuplot-nox)");
  if (rc != 0 || empty) SFHET_ERROR(SFHET_EIO, "--plot: gnuplot failed: %s", msg[0] ? msg : "no output");
  return sfhet_outfile_commit(&out);
}

static int check_prefix(const char *prefix) {
  for (const char *c = prefix; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7f)
      return cli_usage_error("--plot: the file name contains a control character");
  const char *dot = strrchr(prefix, '.'), *slash = strrchr(prefix, '/');
  if (dot && (!slash || dot > slash) && strcmp(dot, ".png") == 0)
    return cli_usage_error("--plot: with --pixel give a PREFIX (images PREFIX_<p>.png), not '%s'", prefix);
  return SFHET_OK;
}

/* Outcome of the per-pixel fits: a stopped fit (budget, time limit) fails the map; others are rows. */
static int judge(fit_job *f, const sfhet_fit_result *r, int st) {
  size_t m = f->ds.m, bad = 0, stop = m;
  for (size_t i = 0; i < m; i++) {
    bad += r[i].status != SFHET_OK;
    if (r[i].stopped && stop == m) stop = i;
  }
  if (stop < m)
    SFHET_ERROR(SFHET_ENOCONV, "fit: pixel at x = %g nm, y = %g nm: %s; try better start values, fewer free "
                "parameters, or a larger --max-evals / --time-limit", f->pix->x[f->pix->ix[stop]],
                f->pix->y[f->pix->iy[stop]], r[stop].reason);
  if (bad == m) return st ? st : SFHET_ENOCONV;
  if (bad) cli_warn(&f->s, "%zu of %zu pixels did not converge (converged = 0 in their rows)", bad, m);
  return SFHET_OK;
}

int fit_pixel_cmd(fit_job *f) {
  size_t m = f->ds.m, idx[SFHET_FIT_MAX_PARAMS], nk = free_params(f, idx);
  const char *pl = cli_str(&f->s, "plot");
  if (pl) SFHET_TRY(check_prefix(pl));
  sfhet_fit_result *r = calloc(m, sizeof *r);
  sfhet_fit_data *d = calloc(m, sizeof *d);
  size_t *order = raster_order(f->pix);
  int st = r && d && order ? SFHET_OK : SFHET_ENOMEM;
  if (st) SFHET_REPORT(st, "out of memory");
  for (size_t i = 0; i < m && !st; i++) d[i] = (sfhet_fit_data){f->ds.x[i], f->ds.y[i], f->ds.sigma[i], f->ds.n[i]};
  sfhet_progress pr = cli_progress(&f->s, "fit");
  if (!st) st = fit_prepare(f);
  if (!st) st = judge(f, r, sfhet_fit_sweep(&f->cfg, d, m, f->s.threads, &pr, r));
  fit_progress_end(f);
  if (!st) fit_warn_clip(f, r, m);
  if (!st) fit_warn_misfit(f, d, r, m);
  if (!st) st = write_map(f, r, order);
  int images = pl && sfhet_par_is_root(); /* under MPI only rank 0 writes (its outputs go to /dev/null elsewhere) */
  for (size_t a = 0; a < nk && images && !st; a++) st = write_image(f, r, order, idx[a]);
  free(r), free(d), free(order);
  return st;
}
