/* Analyses of measured tunnelling data (seed 000, Figs. 1-3 and Methods): cleaning of x-y data,
 * normalisation, grouping of long-format sweeps, TAMR, spectral weight, hysteresis between sweep
 * directions, Arrhenius activation energy and the spin lifetime from broadening. */
#ifndef SFHET_ANALYSIS_H
#define SFHET_ANALYSIS_H

#include "sfhet/api.h"

#include <stddef.h>

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
  double chi2_red;           /* residual variance of ln G */
  size_t n;                  /* points used */
} sfhet_arrhenius_result;

/* Least-squares line of ln G against 1/T; errors from the residual scatter. */
int sfhet_arrhenius(const double *T, const double *G, size_t n, double Tmin, double Tmax,
                    sfhet_arrhenius_result *r);

/* Spin (quasiparticle) lifetime from broadening, seed 000 Methods: hbar/tau = sqrt(Gs^2 - G0^2).
 * Energies in meV, errors propagated to first order (0 errors allowed); tau in s. */
int sfhet_spin_lifetime(double gs, double gs_err, double g0, double g0_err, double *rate,
                        double *rate_err, double *tau, double *tau_err);

/* A measured data set: one spectrum (x, y[, sigma]) per sweep value, cleaned (ascending x, duplicates
 * averaged, non-finite rows dropped). */
typedef struct {
  size_t m;           /* spectra */
  double *s;          /* sweep value of each (NaN without a sweep column) */
  size_t *n;          /* points of each */
  double **x, **y, **sigma; /* sigma[i] NULL without a sigma column */
  sfhet_clean_info info;    /* summed over spectra */
  size_t rows;              /* data rows read */
  char xname[64], yname[64], sname[64]; /* column names as in the file */
} sfhet_dataset;

/* Reads columns xcol, ycol (and optional scol = sweep, sigcol = sigma; NULL: none) of a table file,
 * chosen by name or 1-based index, and cleans each spectrum. Empty data, a constant y column or a
 * spectrum with fewer than 3 points give SFHET_EDATA naming the file. */
int sfhet_dataset_load(const char *path, const char *xcol, const char *ycol, const char *scol,
                       const char *sigcol, sfhet_dataset *ds);

/* Dimension implied by a column name suffix that is sfhet's default unit ("B_T" field, "T_K", "V_mV",
 * "E_meV" energy, "theta_deg" angle); SFHET_DIM_NONE otherwise. */
sfhet_dim sfhet_colname_dim(const char *name);

/* Frees a data set (zeroed struct allowed). */
void sfhet_dataset_free(sfhet_dataset *ds);

SFHET_API_END

#endif
