/* Transport analyses of measured curves: the BKT power law V ~ I^alpha and the Halperin-Nelson R(T)
 * (seed 001), critical-current peaks of dV/dI(I) tracked as families and their Ic(T) (seed 004), and
 * the switching fields of magnetoresistance loops (seeds 001, 004). All fits use sfhet_lsq_fit. */
#ifndef SFHET_TRANSPORT_H
#define SFHET_TRANSPORT_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/param.h"

/* ---- grouping of long-format data ----
 * NOTE from the lead: two helpers wrote sfhet_groups_make/free with the same names (link error). The
 * one grouping utility is now the one in sfhet/analysis.h (src/fit/groups.c): fields n, value[g],
 * start[g], count[g], row[start[g] .. start[g]+count[g]-1] (file order), dropped; call
 * sfhet_groups_make(key, n, 1e-9, &g). For "no group column" make one group yourself. */
#include "sfhet/analysis.h"

SFHET_API_BEGIN

/* ---- BKT ---- */

/* Result of one power-law fit V = V1 (I/I1)^alpha on a log-log scale. */
typedef struct {
  double alpha, alpha_err;
  double log_v0, log_v0_err; /* ln V at I = 1 (units of the data) */
  double Imin, Imax;         /* current window used */
  size_t n_used;
  double rms_log;            /* rms residual of ln V */
} sfhet_powerlaw;

/* Fits ln|V| = ln V0 + alpha ln|I| to the points with I, V > 0 (or both < 0 if there are none) and
 * Imin <= |I| <= Imax. Imin <= 0 and Imax <= 0 together: the automatic window, the contiguous
 * run of max(min_points, n/3) points in ln I with the smallest rms residual. */
int sfhet_powerlaw_fit(const double *I, const double *V, size_t n, double Imin, double Imax,
                       size_t min_points, sfhet_powerlaw *res);

/* The temperature where alpha(T) (sorted by T) first crosses 3 from above, by linear interpolation
 * between neighbours, with its error propagated from alpha_err. SFHET_ENOSOL if it never crosses;
 * *n_cross (may be NULL) counts the crossings. */
int sfhet_bkt_crossing(const double *T, const double *alpha, const double *alpha_err, size_t n,
                       double *T_bkt, double *T_bkt_err, size_t *n_cross);

/* Halperin-Nelson parameters: R0 [ohm], a, T_BKT [K]. */
enum { SFHET_HN_R0, SFHET_HN_A, SFHET_HN_TBKT, SFHET_HN_NP };
extern const sfhet_param_info sfhet_hn_params[SFHET_HN_NP];

/* R(T) = R0 exp(-a (T/T_BKT - 1)^(-1/2)) for T > T_BKT, 0 below (seed 001 Ext. Data 3d). */
double sfhet_hn_resistance(const double *p, double T);

/* Result of a Halperin-Nelson fit: value and error of each parameter (table order). */
typedef struct {
  double p[SFHET_HN_NP], err[SFHET_HN_NP];
  double chi2_red;
  size_t n_used;
  int converged;
} sfhet_hn_fit_result;

/* Fits R(T) on the points with Tmin <= T <= Tmax (<= 0: no limit) and R <= rfrac * max R
 * (rfrac <= 0: 1). */
int sfhet_hn_fit(const double *T, const double *R, size_t n, double Tmin, double Tmax, double rfrac,
                 sfhet_hn_fit_result *res);

/* ---- critical currents ---- */

/* Peak search settings (0 for the defaults in brackets). */
typedef struct {
  double prominence; /* minimum peak prominence in units of the noise sigma [5] */
  size_t smooth;     /* Savitzky-Golay half-window in points [auto: n/200, at least 2] */
  double zero_frac;  /* peaks with |I| < zero_frac * max|I| are zero-bias features [0.03] */
  double pair_tol;   /* relative tolerance matching |Ic+| and |Ic-| [0.1] */
} sfhet_peak_opts;

/* A critical current: peak positions on both sides (NaN where the data has no such side), with one
 * standard error each from a local Lorentzian fit (NaN where that fit failed or the data are
 * noise-free). */
typedef struct {
  double plus, minus, mean; /* Ic+ > 0, Ic- < 0, mean of |Ic+| and |Ic-| [units of I] */
  double height;            /* mean peak prominence */
  double plus_err, minus_err, mean_err;
} sfhet_ic_peak;

/* Finds the peaks of dV/dI(I) (n points in any order), refines each position by a local fit (peaks
 * that overlap jointly) and pairs them +/-; fills up to max_out (ascending |Ic|) and sets *n_out.
 * Zero peaks is not an error here. */
int sfhet_ic_peaks(const double *I, const double *dvdi, size_t n, const sfhet_peak_opts *o,
                   sfhet_ic_peak *out, size_t max_out, size_t *n_out);

/* Critical-current families tracked across group values. */
typedef struct {
  size_t n_families, n_groups;
  double *group; /* n_groups group values (ascending) */
  sfhet_ic_peak *ic; /* ic[f * n_groups + g]; mean = NaN where family f has no peak at group g */
} sfhet_ic_families;

/* Tracks peaks per group (peaks[g][0..counts[g]-1], groups ascending) into families: each family
 * continues to the peak nearest its linear extrapolation, within rel_tol (0: 0.3) of its last value;
 * a family unseen for two groups has ended. Families are numbered by ascending median Ic. */
int sfhet_ic_track(const double *group, sfhet_ic_peak *const *peaks, const size_t *counts,
                   size_t n_groups, double rel_tol, sfhet_ic_families *fam);

/* Frees families (zeroed struct allowed). */
void sfhet_ic_families_free(sfhet_ic_families *fam);

/* Critical-current model parameters: Ic0 [mA], Tc [K]. */
enum { SFHET_ICT_IC0, SFHET_ICT_TC, SFHET_ICT_NP };
extern const sfhet_param_info sfhet_ict_params[SFHET_ICT_NP];

/* Ic(T) = Ic0 [1 - (T/Tc)^2]^(3/2) for T < Tc, 0 above (seed 004). */
double sfhet_ic_of_T(double Ic0, double Tc, double T);

/* Result of an Ic(T) fit. */
typedef struct {
  double Ic0, Ic0_err, Tc, Tc_err, chi2_red;
  size_t n_used;
  int converged;
  int weighted; /* 1 if the position errors weighted the fit */
} sfhet_ict_fit_result;

/* Fits Ic(T) to n (T, Ic) points (NaN points skipped; Ic as |Ic|). With sigma (one standard error of
 * each Ic; NULL, or any NaN among the points used: unweighted, errors from the scatter) the fit is
 * weighted and its errors are scaled by sqrt(chi2_red) only when chi2_red > 1. */
int sfhet_ict_fit(const double *T, const double *Ic, const double *sigma, size_t n,
                  sfhet_ict_fit_result *res);

/* ---- magnetoresistance loops ---- */

#define SFHET_MR_MAX_SWITCH 4

/* Switching fields and hysteresis of one loop. */
typedef struct {
  size_t n_switch;                       /* switches found per branch (<= requested) */
  double B_up[SFHET_MR_MAX_SWITCH];      /* switching fields of the up sweep, in sweep order [T] */
  double B_down[SFHET_MR_MAX_SWITCH];    /* switching fields of the down sweep, in sweep order [T] */
  double Bc[SFHET_MR_MAX_SWITCH];        /* coercive fields (B_up - B_down)/2 */
  double Bshift[SFHET_MR_MAX_SWITCH];    /* loop shifts (B_up + B_down)/2 */
  double dR_max, B_at_dR_max;            /* largest |R_up - R_down| on the common field range, its B */
  double dR_signed;                      /* R_up - R_down there */
  size_t n_up, n_down;
} sfhet_mr_loop;

/* Analyses one loop: rows with dir > 0 are the up sweep, dir < 0 the down sweep (dir NULL: from the
 * sign of the field step between rows). n_switch (1..4) switches per branch, smooth points of
 * moving-average smoothing (0: 2). */
int sfhet_mr_analyse(const double *B, const double *R, const double *dir, size_t n, size_t n_switch,
                     size_t smooth, sfhet_mr_loop *res);

SFHET_API_END

#endif
