/* Internal to sfhet fit: the job shared by cmd_fit.c (setup, fitting) and cmd_fit_out.c (output). */
#ifndef SFHET_CLI_CMD_FIT_H
#define SFHET_CLI_CMD_FIT_H

#include <stdio.h>

#include "cli.h"
#include "sfhet/analysis.h"
#include "sfhet/fit.h"
#include "sfhet/pixelmap.h"

typedef struct {
  cli_spec s;
  sfhet_fit_junction fj;
  sfhet_fit_model model;
  sfhet_fit_config cfg;
  sfhet_dataset ds;
  int shared[SFHET_FIT_MAX_PARAMS];
  int any_shared;
  unsigned char **rej;  /* with --clip: per spectrum, 1 for the points left out */
  struct {
    int on, tty, printed;
    double last;
  } progress;           /* single and global fits: iterations on stderr */
  sfhet_pixel_map *pix; /* with --pixel: the grid of the map (cmd_fit_pixel.c) */
} fit_job;

/* --loss, --loss-scale, --clip, --max-evals, --time-limit, --progress. */
void fit_add_robust_options(cli_spec *s);
/* Reads those options into f->cfg (usage errors name the option). */
int fit_robust_setup(fit_job *f);
/* After loading: the clip flags of every spectrum and the progress monitor. */
int fit_prepare(fit_job *f);
/* Ends a progress line; warns how many points the clip left out of m spectra. */
void fit_progress_end(fit_job *f);
void fit_warn_clip(const fit_job *f, const sfhet_fit_result *r, size_t m);
/* Warns when fits leave residuals far above the data's noise (the model does not describe the data). */
void fit_warn_misfit(const fit_job *f, const sfhet_fit_data *d, const sfhet_fit_result *r, size_t m);
/* Frees what fit_prepare allocated. */
void fit_release(fit_job *f);

/* --bind: the option, and after loading the data the bound parameters (usage errors name --bind). */
void fit_add_bind_option(cli_spec *s);
int fit_bind_setup(fit_job *f);
/* Whether --bind names parameter name. */
int fit_binds(const cli_spec *s, const char *name);

/* Column name of parameter k with its unit ("delta_meV", "delta_err_meV", "gnn"). */
void fit_colname(const fit_job *f, size_t k, int err, char *buf, size_t size);
/* Single-fit result as JSON or as a readable table. */
void fit_write_json(const fit_job *f, const sfhet_fit_result *r, FILE *fp);
void fit_write_text(const fit_job *f, const sfhet_fit_result *r, FILE *fp);
/* Data, model and residual of every spectrum to a CSV file. */
int fit_write_curves(const fit_job *f, const sfhet_fit_result *r, const char *path);
/* Data, model and residuals of a single fit. */
int fit_plot_single(const fit_job *f, const sfhet_fit_result *r, const char *path);
/* The sweep table (one row per sweep value) to -o or standard output. */
int fit_write_sweep(const fit_job *f, const sfhet_fit_result *r);
/* Fitted parameters versus the sweep value, and the first and last spectrum with their model. */
int fit_plot_sweep(const fit_job *f, const sfhet_fit_result *r, const char *path);

/* --pixel (STM gap maps, cmd_fit_pixel.c): the option, loading the map's spectra into f->ds and f->pix,
 * fitting every pixel with the map's outputs, and freeing f->pix. */
void fit_add_pixel_option(cli_spec *s);
int fit_pixel_load(fit_job *f);
int fit_pixel_cmd(fit_job *f);
void fit_pixel_free(fit_job *f);

#endif
