/* Analyses of measured tunnelling data (seed 000, Figs. 1-3 and Methods): cleaning of x-y data,
 * normalisation, grouping of long-format sweeps, TAMR, spectral weight, hysteresis between sweep
 * directions, Arrhenius activation energy and the spin lifetime from broadening. */
#ifndef SFHET_ANALYSIS_H
#define SFHET_ANALYSIS_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/table.h"
#include "sfhet/units.h"

SFHET_API_BEGIN

/* Counts of what sfhet_xy_clean changed. */
typedef struct {
  size_t dropped; /* rows with a non-finite x, y (or sigma) */
  size_t merged;  /* rows merged into another row with the same x */
  int reordered;  /* nonzero if the input was not ascending in x */
} sfhet_clean_info;

/* Sorts rows by x, drops rows with a non-finite value, averages rows with equal x (y averaged,
 * sigma combined as sqrt(sum s^2)/k). Works in place on x, y and sigma (sigma may be NULL);
 * *n is updated. */
int sfhet_xy_clean(double *x, double *y, double *sigma, size_t *n, sfhet_clean_info *info);

/* Linear interpolation of ascending (x, y) at nq points xq; a point outside [x0, x(n-1)] gives
 * SFHET_ERANGE (what names the source). */
int sfhet_interp_linear(const double *x, const double *y, size_t n, const double *xq, size_t nq,
                        double *yq, const char *what);

/* Divides y by the mean of y over |x| >= xmin; *scale receives that mean. */
int sfhet_normalize_large_bias(const double *x, double *y, size_t n, double xmin, double *scale);

/* Divides y(x) by a normal-state curve (xn, yn) interpolated at x (ascending xn). */
int sfhet_normalize_by(const double *x, double *y, size_t n, const double *xn, const double *yn,
                       size_t nn, const char *what);

/* Rows of a long-format table grouped by the value of a sweep column (equal within rtol of the
 * column's span). Group g holds rows row[start[g] .. start[g]+count[g]-1], in file order. */
typedef struct {
  size_t n;      /* number of groups (distinct sweep values, ascending) */
  double *value; /* sweep value of each group (mean of its members) */
  size_t *start, *count, *row;
  size_t dropped; /* rows whose sweep value is not finite */
} sfhet_groups;

/* Groups n rows by s (NaN rows dropped and counted). Free with sfhet_groups_free. */
int sfhet_groups_make(const double *s, size_t n, double rtol, sfhet_groups *g);

/* Groups n rows by s with an absolute tolerance tol (in the unit of s): sorted values whose neighbours
 * differ by at most tol form one group (single linkage), so a jittery readback of one setpoint stays
 * one group; tol = 0: equal within 1e-9 of the span. */
int sfhet_groups_make_tol(const double *s, size_t n, double tol, sfhet_groups *g);

/* Sweep direction of each row of long-format data in measurement order (s: sweep value, x: bias or
 * NULL): rows are grouped with tolerance tol, consecutive rows of one group form a run (a new run also
 * starts where x returns to the run's first value), and a run's direction is the sign of the step of
 * the group value into it (else out of it). dir[i] = +1 up, -1 down, 0 for rows without a finite
 * sweep value; *both is set when the rows form a loop (both directions, few turning points); else
 * every dir is 0 (one direction, or values in no sweep order). */
int sfhet_sweep_directions(const double *s, const double *x, size_t n, double tol, int *dir, int *both);

/* Groups rows by s (tolerance tol as sfhet_groups_make_tol) with up and down sweeps apart when split
 * is set: directions from the sign of dcol (NULL: from the order of the values, x as in
 * sfhet_sweep_directions). When both directions occur, the up groups come first (ascending), then
 * the down groups (descending), and *gdir (malloc'ed, caller frees) holds +1/-1 per group; otherwise
 * *gdir is NULL and the groups are those of sfhet_groups_make_tol. */
int sfhet_groups_make_dirs(const double *s, const double *x, const double *dcol, size_t n, double tol, int split,
                           sfhet_groups *g, int **gdir);

/* Frees a grouping (zeroed struct allowed). */
void sfhet_groups_free(sfhet_groups *g);

/* Index of the group whose value is nearest v, or -1 if none lies within half the smallest spacing
 * (or within tol when there is one group). */
long sfhet_groups_find(const sfhet_groups *g, double v, double tol);

/* TAMR(V) = (G_par - G_perp)/G_par on the par grid inside the overlap of both bias ranges
 * (seed 000, main text). *V and *tamr are malloc'ed (caller frees); *m receives their length. */
int sfhet_tamr(const double *xpar, const double *gpar, size_t npar, const double *xperp,
               const double *gperp, size_t nperp, double **V, double **tamr, size_t *m);

/* Spectral weight: the integral of y dx over [a, b] (trapezoids, linear interpolation at the ends;
 * seed 000 Fig. 2d). The window must lie inside the data. */
int sfhet_spectral_weight(const double *x, const double *y, size_t n, double a, double b, double *w);

/* Hysteresis between two sweep directions on a common grid. */
typedef struct {
  size_t n;
  double *x, *up, *down, *dG; /* common grid, both branches, dG = up - down (malloc'ed) */
  double dG_max;              /* dG of largest magnitude (signed) */
  double x_at_max;            /* where it occurs */
  size_t n_up, n_down;        /* points on each branch (after cleaning) */
} sfhet_hyst;

/* Splits a trace (x = swept field, y = signal) into its up and down branches, by the sign of dir[i]
 * when dir is given, else by the sign of x[i] - x[i-1], and takes dG = y_up - y_down on the up
 * branch's grid inside the common range. */
int sfhet_hysteresis(const double *x, const double *y, const double *dir, size_t n, sfhet_hyst *h);

/* Frees the arrays of a hysteresis result. */
void sfhet_hyst_free(sfhet_hyst *h);

/* Temperature where |dG_max|(T) first falls to threshold (linear interpolation between the
 * neighbouring temperatures, T ascending); SFHET_ENOSOL if it never does. */
int sfhet_hyst_vanish(const double *T, const double *dgmax, size_t n, double threshold, double *Tv);

/* Arrhenius fit ln G = ln G_inf - Ea/(kB T) over Tmin <= T <= Tmax (seed 000 Fig. 1e). */
typedef struct {
  double Ea, Ea_err;         /* activation energy and its standard error [meV] */
  double lnG_inf, lnG_inf_err;
  double chi2_red;           /* residual variance of ln G (chi^2/dof with sigma) */
  size_t n;                  /* points used */
  size_t n_skipped;          /* points in the window skipped because T <= 0 or G <= 0 */
} sfhet_arrhenius_result;

/* Least-squares line of ln G against 1/T; errors from the residual scatter. */
int sfhet_arrhenius(const double *T, const double *G, size_t n, double Tmin, double Tmax,
                    sfhet_arrhenius_result *r);

/* The same line weighted by one-sigma errors sigma of G (sigma_lnG = sigma/G; errors not rescaled;
 * sigma NULL: sfhet_arrhenius). Rows with T <= 0 or G <= 0 are skipped and counted. */
int sfhet_arrhenius_weighted(const double *T, const double *G, const double *sigma, size_t n,
                             double Tmin, double Tmax, sfhet_arrhenius_result *r);

/* Options of the SIS model fit of the zero-bias conductance G(0, T) (seed 000 Fig. 1e). */
typedef struct {
  double Tc;      /* critical temperature [K], fixed; Δ(T) = Δ0 y(T/Tc)/y(0), weak-coupling BCS */
  double gamma;   /* Dynes broadening of both electrodes [meV] (> 0): fixed, or the start with fit_gamma */
  int fit_gamma;  /* nonzero: fit gamma too */
  double delta0;  /* start value of Δ0 [meV] (<= 0: 1.2 times the Arrhenius slope) */
} sfhet_arrhenius_sis_opts;

/* Result of the SIS model fit; *_err are one standard error. */
typedef struct {
  double delta0, delta0_err; /* [meV] */
  double gamma, gamma_err;   /* [meV] (err 0 when fixed) */
  double GN, GN_err;         /* normal-state conductance, in the unit of the data */
  double chi2_red;           /* of ln G (errors scaled by sqrt(chi2_red) without sigma) */
  sfhet_arrhenius_result line; /* the plain Arrhenius line of the same points, for comparison */
  size_t n, n_skipped;
  int converged;
} sfhet_arrhenius_sis_result;

/* Fits ln G(T) = ln G_N + ln g_SIS(V = 0; Δ(T), Γ, T) on Tmin <= T <= Tmax, with g_SIS the normalised
 * zero-bias conductance of two equal Dynes electrodes from sfhet_junction_eval (sigma: errors of G or
 * NULL). */
int sfhet_arrhenius_sis(const double *T, const double *G, const double *sigma, size_t n, double Tmin,
                        double Tmax, const sfhet_arrhenius_sis_opts *o, sfhet_arrhenius_sis_result *r);

/* Spin (quasiparticle) lifetime from broadening, seed 000 Methods: hbar/tau = sqrt(Gs^2 - G0^2).
 * Energies in meV, errors propagated to first order (0 errors allowed); tau in s. */
int sfhet_spin_lifetime(double gs, double gs_err, double g0, double g0_err, double *rate,
                        double *rate_err, double *tau, double *tau_err);

/* A measured data set: one spectrum (x, y[, sigma]) per sweep value, cleaned (ascending x, duplicates
 * averaged, non-finite rows dropped). x is in mV and the sweep value in the default unit of its
 * dimension (docs/data.md); y (and sigma) keep the numbers of the file, whose unit is yunit. */
typedef struct {
  size_t m;           /* spectra */
  double *s;          /* sweep value of each (NaN without a sweep) */
  size_t *n;          /* points of each */
  double **x, **y, **sigma; /* sigma[i] NULL without a sigma column */
  sfhet_clean_info info;    /* summed over spectra */
  size_t rows;              /* data rows read (all files) */
  char xname[64], yname[64], sname[64]; /* output column names: "V_mV", "G", "Temperature_K" */
  sfhet_dim sdim;           /* dimension of the sweep values (SFHET_DIM_NONE: plain numbers) */
  char yunit[32], sunit[16];/* unit of y as in the file ("" if none) and of the sweep values */
  size_t nfiles;            /* files read */
  int *dir;                 /* sweep direction of each spectrum (+1 up, -1 down); NULL: not split */
} sfhet_dataset;

/* What to read as a data set: one or more files (each one spectrum, or long-format rows with a sweep
 * column), their format, the columns and units, and where a file's sweep value comes from. */
typedef struct {
  const char *const *paths;  /* files (each may carry :/path or :RUN) */
  size_t npaths;
  sfhet_read_opts read;      /* format, QCoDeS run, HDF5 dataset */
  const char *x, *y;         /* bias and conductance columns (name or 1-based index) */
  const char *sweep, *sigma; /* sweep column of long-format data, sigma column (NULL: none) */
  const char *x_unit, *y_unit, *sweep_unit; /* units overriding the headers (NULL: from the headers) */
  const char *sweep_from;    /* sweep value per file: KEY (header key, else column mean), "meta:KEY",
                                "mean:COLUMN" or "name:REGEX" (first or named group of the file name) */
  int reference;             /* a normal-state reference: a constant y and 2 points are fine */
  const char *sweep_tol;     /* readbacks within this of each other are one sweep value: a number in
                                the sweep's unit or with a unit of its dimension ("2mT"); NULL: exact */
  const char *direction;     /* column whose sign is the sweep direction, "auto" (NULL: from the order
                                of the sweep values) or "none" (up and down merged) */
} sfhet_dataset_spec;

/* Reads a data set as spec says (with up and down sweeps of a loop kept apart: spectra of the up
 * sweep in ascending, then of the down sweep in descending sweep value, ds->dir set): x converted to mV, the sweep to its dimension's default unit, y in
 * the file's unit (a conductance, lock-in current or voltage, or dimensionless). Empty data, a
 * constant y column, a spectrum with fewer than 3 points or a unit of the wrong dimension give an
 * input error naming the file (and column). */
int sfhet_dataset_read(const sfhet_dataset_spec *spec, sfhet_dataset *ds);

/* Reads columns xcol, ycol (and optional scol = sweep, sigcol = sigma; NULL: none) of one table file,
 * as sfhet_dataset_read does. */
int sfhet_dataset_load(const char *path, const char *xcol, const char *ycol, const char *scol,
                       const char *sigcol, sfhet_dataset *ds);

/* Dimension implied by a column name whose unit is sfhet's default unit of it ("B_T" field, "T_K",
 * "V_mV", "Temperature_K", "Field (T)"), as the names of a data set's columns are; SFHET_DIM_NONE
 * otherwise (no unit, or another unit such as "T (mK)"). */
sfhet_dim sfhet_colname_dim(const char *name);

/* Frees a data set (zeroed struct allowed). */
void sfhet_dataset_free(sfhet_dataset *ds);

/* Normalisation of measured spectra (docs/data.md, "Normalisation"). Errors propagate to first
 * order: G = y/y_N, sigma_G^2 = (sigma/y_N)^2 + (y sigma_N/y_N^2)^2, with sigma_N interpolated as
 * sqrt((1-t)^2 s_k^2 + t^2 s_k+1^2) between normal-state points. A spectrum without sigma gets the
 * noise level of its own scatter (second differences, robust median) when estimate_sigma is set. */
typedef struct {
  int estimate_sigma; /* fill missing sigma from the scatter (else sigma stays NULL) */
  int crop;           /* drop points outside the normal-state bias range (else an error) */
} sfhet_norm_opts;

/* What a normalisation did, per data set. */
typedef struct {
  size_t cropped;     /* points dropped outside the normal-state range */
  double normal_noise;/* noise level of the normal-state spectrum (its sigma or its scatter) */
  int sigma_estimated;/* the data's sigma was estimated from their scatter */
} sfhet_norm_info;

/* Divides every spectrum of ds by the normal-state spectrum normal (its first spectrum), linearly
 * interpolated onto each spectrum's bias points; what names the source in errors. */
int sfhet_dataset_normalize(sfhet_dataset *ds, const sfhet_dataset *normal, const sfhet_norm_opts *o,
                            const char *what, sfhet_norm_info *info);

/* Divides every spectrum by its mean conductance at |V| >= vmin; scale[i] and scale_err[i] (may be
 * NULL; m values) receive each level and its standard error (a common factor of the spectrum, not
 * added to the point errors). */
int sfhet_dataset_normalize_level(sfhet_dataset *ds, double vmin, const sfhet_norm_opts *o, double *scale,
                                  double *scale_err, sfhet_norm_info *info);

/* Resamples every spectrum (and sigma) linearly onto the bias grid v[0..nv) inside its range (points
 * outside a spectrum's range are dropped from it). */
int sfhet_dataset_resample(sfhet_dataset *ds, const double *v, size_t nv);

/* A cut at bias V [mV]: g[i] = (1-t) y_k + t y_k+1 of spectrum i, t = (V - x_k)/(x_k+1 - x_k) between
 * the bias points around V, err[i] = sqrt((1-t)^2 s_k^2 + t^2 s_k+1^2) with s the sigma column or,
 * without one, the spectrum's noise level from its scatter (sfhet_noise_estimate); *from_sigma (may
 * be NULL) says which. V outside a spectrum's bias range: SFHET_ERANGE naming --at. */
int sfhet_dataset_cut(const sfhet_dataset *ds, double V, double *g, double *err, int *from_sigma);

/* Noise level of a spectrum from its scatter: median |y[i+1] - 2y[i] + y[i-1]| / (0.6745 sqrt 6)
 * (exact for white Gaussian noise on a locally linear curve); 0 for fewer than 5 points. */
double sfhet_noise_estimate(const double *y, size_t n);

SFHET_API_END

#endif
