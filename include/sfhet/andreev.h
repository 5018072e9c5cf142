/* Andreev-reflection conductance kernels of normal-metal (or ferromagnet) / superconductor point
 * contacts: sigma(E) = G_NS(E)/G_NN at zero temperature, normalised to the normal-state conductance of
 * the same contact. A junction engine smears them thermally like an NIS junction,
 * G(V) = ∫ sigma(E) (-∂f/∂E)(E - eV) dE. Each model is one file declaring a complete const
 * sfhet_andreev_info; the registry lists them:
 *   btk - Blonder-Tinkham-Klapwijk (PRB 25, 4515 (1982)) with barrier Z, Dynes broadening E -> E + iΓ
 *         (Plecenik et al., PRB 49, 10016 (1994)) and a spin polarisation P of the current, as Mazin,
 *         Golubov, Nadgorny (J. Appl. Phys. 89, 7576 (2001)), ballistic or diffusive, or as Strijkers
 *         et al. (PRB 63, 104510 (2001));
 *   tk  - Tanaka-Kashiwaya angle-resolved conductance of an anisotropic gap (PRL 74, 3451 (1995)):
 *         s, d, p or chiral p pairing at orientation alpha, the standard source of a zero-bias peak.
 * Energies in meV, Z and P dimensionless, alpha in degrees (docs/andreev.md).
 * The point-contact junction (`--junction pc`) presents each kernel to the junction engine as an
 * electrode "DOS" (sfhet_pc_model_*): an NIS junction of that electrode is the point contact. */
#ifndef SFHET_ANDREEV_H
#define SFHET_ANDREEV_H

#include "sfhet/api.h"

#include <stddef.h>

#include "sfhet/dos.h"
#include "sfhet/param.h"

SFHET_API_BEGIN

/* Maximum number of parameters of one model. */
#define SFHET_ANDREEV_MAX_PARAMS 8

/* Caller-owned workspace (quadrature nodes of the angle and transmission averages). */
typedef struct sfhet_andreev_ws sfhet_andreev_ws;

/* Allocates a workspace (NULL on failure). */
sfhet_andreev_ws *sfhet_andreev_ws_alloc(void);

/* Frees a workspace (NULL allowed). */
void sfhet_andreev_ws_free(sfhet_andreev_ws *ws);

/* sigma(E) and, unless dsigma is NULL, dsigma/dE [1/meV] at n energies E [meV] (any order) for
 * parameters p (the model's table order). ws may be NULL (a temporary is allocated for the call). */
typedef int sfhet_andreev_eval_fn(const double *p, const double *E, size_t n, double *sigma,
                                  double *dsigma, sfhet_andreev_ws *ws);

/* Half-width [meV] of the strip around the real axis in which sigma(E) is analytic (the Dynes Γ);
 * 0 when sigma has sharp edges (Γ = 0, or a piecewise form). */
typedef double sfhet_andreev_width_fn(const double *p);

/* Energies [meV] of sigma's features (gap edges, zero-bias peak), at most max, written to E; returns
 * how many. */
typedef size_t sfhet_andreev_edges_fn(const double *p, double *E, size_t max);

/* An Andreev-reflection model. */
typedef struct {
  const char *name;      /* e.g. "btk" */
  const char *summary;   /* one line */
  const char *reference; /* papers and equations */
  size_t n_params;
  const sfhet_param_info *params;
  size_t variant;                /* index of the integer variant selector in params */
  size_t n_variants;             /* its values 0 .. n_variants - 1 */
  const char *const *variants;   /* their names */
  sfhet_andreev_eval_fn *eval;   /* required */
  sfhet_andreev_width_fn *width; /* required */
  sfhet_andreev_edges_fn *edges; /* required */
} sfhet_andreev_info;

/* Parameter indices of the btk model. */
enum { SFHET_BTK_DELTA, SFHET_BTK_GAMMA, SFHET_BTK_Z, SFHET_BTK_P, SFHET_BTK_SPIN, SFHET_BTK_NP };

/* Values of the btk spin selector. */
enum { SFHET_BTK_BALLISTIC = 0, SFHET_BTK_DIFFUSIVE = 1, SFHET_BTK_STRIJKERS = 2 };

/* Parameter indices of the tk model. */
enum { SFHET_TK_DELTA, SFHET_TK_GAMMA, SFHET_TK_Z, SFHET_TK_PAIRING, SFHET_TK_ALPHA, SFHET_TK_NP };

/* Values of the tk pairing selector: Δ(θ) = Δ, Δ cos 2(θ-α), Δ cos(θ-α), Δ e^{i(θ-α)}. */
enum { SFHET_TK_S = 0, SFHET_TK_D = 1, SFHET_TK_P = 2, SFHET_TK_CHIRAL_P = 3 };

/* Number of registered models. */
size_t sfhet_andreev_count(void);

/* Registered model i (0 <= i < count). */
const sfhet_andreev_info *sfhet_andreev_get(size_t i);

/* Model by name, or NULL. */
const sfhet_andreev_info *sfhet_andreev_find(const char *name);

/* Checks every parameter value against its bounds; errors name the option ("--Z"). */
int sfhet_andreev_check(const sfhet_andreev_info *model, const double *p);

/* Value of the variant selector for a variant name ("strijkers", "d"); errors name the option. */
int sfhet_andreev_variant(const sfhet_andreev_info *model, const char *name, double *value);

/* BTK Andreev and normal reflection probabilities A, B at energy E [meV] for gap delta, Dynes gamma
 * (complex energy E + i gamma) and barrier Z (closed form, any E). */
void sfhet_btk_ab(double E, double delta, double gamma, double Z, double *A, double *B);

/* Angle-resolved Tanaka-Kashiwaya conductance σ_S(E, θ)/σ_N(θ) of the tk model with parameters p at
 * incidence angle theta [rad] from the interface normal (|theta| < π/2). */
double sfhet_tk_sigma_angle(const double *p, double E, double theta);

/* Number of point-contact models: one sfhet_dos_info adapter per kernel (same name and parameter
 * table; eval gives N = σ, N_up = N_down = σ/2). They are not DOS models: the DOS registry
 * (sfhet_dos_find, `dos --models`) does not list them. */
size_t sfhet_pc_model_count(void);

/* Point-contact model i (0 <= i < count; "btk" first, the default), or NULL. */
const sfhet_dos_info *sfhet_pc_model_get(size_t i);

/* Point-contact model by kernel name ("btk", "tk"), or NULL. */
const sfhet_dos_info *sfhet_pc_model_find(const char *name);

/* The kernel behind a point-contact model, or NULL when d is not one (e.g. a DOS model): a junction
 * whose first electrode is a point-contact model is a point contact (its name is "pc"). */
const sfhet_andreev_info *sfhet_pc_kernel(const sfhet_dos_info *d);

SFHET_API_END

#endif
