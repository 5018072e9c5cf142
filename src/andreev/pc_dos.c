/* Point contacts through the junction engine: each Andreev-reflection kernel σ(E) = G_NS/G_NN
 * (sfhet/andreev.h) presented as a const sfhet_dos_info, so that an NIS junction with this "electrode"
 * is the point contact, G(V) = ∫ σ(E) (−∂f/∂E)(E − eV) dE, with the engine's thermal, lock-in and
 * instrument smearing, error control and fits. σ is not spin resolved: N_up = N_down = σ/2 (the
 * kernel's polarisation P already weights the channels). The btk adapter uses the even part of the
 * kernel where the kernel is not particle-hole symmetric (Mazin's forms with Γ > 0; docs/andreev.md).
 * These adapters are not in the DOS registry. */
#include <pthread.h>
#include <string.h>

#include "andreev/andreev_int.h"
#include "sfhet/error.h"

/* One kernel workspace per thread, made on first use and freed when the thread ends: the DOS eval
 * interface carries no workspace, and the adaptive path calls eval once per energy. */
static pthread_key_t ws_key;
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;
static int ws_key_made;

static void ws_destroy(void *ws) { sfhet_andreev_ws_free(ws); }

static void ws_key_make(void) { ws_key_made = pthread_key_create(&ws_key, ws_destroy) == 0; }

/* This thread's workspace, or NULL (the kernel then uses a temporary one per call). */
static sfhet_andreev_ws *thread_ws(void) {
  pthread_once(&ws_once, ws_key_make);
  if (!ws_key_made) return NULL;
  sfhet_andreev_ws *ws = pthread_getspecific(ws_key);
  if (ws) return ws;
  ws = sfhet_andreev_ws_alloc();
  if (ws && pthread_setspecific(ws_key, ws) != 0) {
    sfhet_andreev_ws_free(ws);
    ws = NULL;
  }
  return ws;
}

#define PC_CHUNK 256 /* energies per block of the mirrored evaluation (stack buffers) */

/* The kernel's σ and (ds not NULL) dσ/dE; where the kernel is not even (sym = 0) its even part
 * [σ(E) + σ(−E)]/2, the particle-hole symmetric conductance (BTK define σ(E < 0) by symmetry). */
static int sigma_even(const sfhet_andreev_info *k, int sym, const double *p, const double *E, size_t n,
                      double *s, double *ds) {
  sfhet_andreev_ws *ws = thread_ws();
  SFHET_TRY(k->eval(p, E, n, s, ds, ws));
  double Em[PC_CHUNK], sm[PC_CHUNK], dsm[PC_CHUNK];
  for (size_t a = 0; !sym && a < n; a += PC_CHUNK) {
    size_t m = n - a < PC_CHUNK ? n - a : PC_CHUNK;
    for (size_t i = 0; i < m; i++) Em[i] = -E[a + i];
    SFHET_TRY(k->eval(p, Em, m, sm, ds ? dsm : NULL, ws));
    for (size_t i = 0; i < m; i++) {
      s[a + i] = 0.5 * (s[a + i] + sm[i]);
      if (ds) ds[a + i] = 0.5 * (ds[a + i] - dsm[i]);
    }
  }
  return SFHET_OK;
}

/* N = σ, N_up = N_down = σ/2 (each may be NULL). */
static int pc_eval(const sfhet_andreev_info *k, int sym, const double *p, const double *E, size_t n, double *N,
                   double *up, double *dn) {
  double *s = N ? N : up ? up : dn;
  if (!s) return SFHET_OK;
  SFHET_TRY(sigma_even(k, sym, p, E, n, s, NULL));
  for (size_t i = 0; i < n; i++) {
    double h = 0.5 * s[i];
    if (up) up[i] = h;
    if (dn) dn[i] = h;
  }
  return SFHET_OK;
}

/* σ and dσ/dE from the kernel's closed form, per channel (nch = 2: halves). SFHET_CONTINUE where σ has
 * sharp edges (width 0: dσ/dE diverges or jumps there). */
static int pc_eval_de(const sfhet_andreev_info *k, int sym, const double *p, const double *E, size_t n, int nch,
                      double *const *N, double *const *dN) {
  if (!(k->width(p) > 0.0)) return SFHET_CONTINUE;
  SFHET_TRY(sigma_even(k, sym, p, E, n, N[0], dN ? dN[0] : NULL));
  for (size_t i = 0; nch == 2 && i < n; i++) {
    N[0][i] *= 0.5, N[1][i] = N[0][i];
    if (dN) dN[0][i] *= 0.5, dN[1][i] = dN[0][i];
  }
  return SFHET_OK;
}

/* Fit starts: the gap from the coherence-peak energy and a small Γ = 0.1 Δ. The peak width of a point
 * contact is mostly thermal and Andreev structure, not Γ: a Dynes-like start Γ = width leads a BTK fit
 * into a valley of too large Γ and Z and too small P (measured: at 4.2 K, Δ = 1.5 meV, Z = 0.4, P = 0.4,
 * Γ = 0.1 meV every such start ended at Γ = 0.36, Z = 0.67, P = 0.24, chi2 1.5 times the noise). */
static void pc_start(size_t idelta, size_t igamma, double gap, double width, double *p) {
  (void)width;
  p[idelta] = gap;
  p[igamma] = 0.1 * gap;
}

/* ---- btk ---- */

/* Whether the kernel's σ(E) = σ(−E) exactly: unpolarised (σ_u is even), the Strijkers form (built from
 * the even A, B), or Γ = 0. Mazin's polarised σ_p with Γ > 0 is not (|1 + β ± 2iZ| with β(−E) = β(E)*:
 * a few % at Γ = 0.05 Δ, Z = 0.35), except at Z = 0 for the ballistic form (the diffusive average has
 * channel barriers Z_ch > 0); the adapter then takes its even part. */
static int btk_kernel_even(const double *p) {
  int spin = (int)p[SFHET_BTK_SPIN];
  if (p[SFHET_BTK_P] == 0.0 || spin == SFHET_BTK_STRIJKERS || p[SFHET_BTK_GAMMA] == 0.0) return 1;
  return spin == SFHET_BTK_BALLISTIC && p[SFHET_BTK_Z] == 0.0;
}

static int btk_eval(const double *p, const double *E, size_t n, double *N, double *up, double *dn) {
  return pc_eval(&sfhet_andreev_btk, btk_kernel_even(p), p, E, n, N, up, dn);
}

static int btk_de(const double *p, const double *E, size_t n, int nch, double *const *N, double *const *dN) {
  return pc_eval_de(&sfhet_andreev_btk, btk_kernel_even(p), p, E, n, nch, N, dN);
}

static double btk_width(const double *p) { return sfhet_andreev_btk.width(p); }

static size_t btk_edges(const double *p, double *E, size_t max) { return sfhet_andreev_btk.edges(p, E, max); }

/* The adapter's σ is even for every parameter value (the kernel's, or its even part). */
static int btk_even(const double *p) {
  (void)p;
  return 1;
}

/* P starts inside its range (the default 0 is its lower bound, from which the fit rarely leaves). */
static void btk_start(double gap, double width, double *p) {
  pc_start(SFHET_BTK_DELTA, SFHET_BTK_GAMMA, gap, width, p);
  p[SFHET_BTK_P] = 0.3;
}

static const char *btk_note(const double *p) {
  if (!(p[SFHET_BTK_P] > 0.0)) return NULL;
  return "P depends on the contact model (--spin ballistic|diffusive|strijkers) and correlates with Z and "
         "gamma: Woods et al., PRB 70, 054416 (2004) find ballistic fits of diffusive spectra give P within "
         "~3 % but Z larger by 0.5-0.6";
}

static const sfhet_dos_info pc_btk = {
    .name = "btk",
    .summary = "point-contact conductance sigma(E) (not a DOS): BTK with barrier Z, Dynes gamma, "
               "polarisation P",
    .reference = "Blonder, Tinkham, Klapwijk, PRB 25, 4515 (1982); Plecenik et al., PRB 49, 10016 (1994); "
                 "Mazin, Golubov, Nadgorny, J. Appl. Phys. 89, 7576 (2001); Strijkers et al., PRB 63, "
                 "104510 (2001)",
    .n_params = SFHET_BTK_NP,
    .params = andreev_btk_params,
    .spin_resolved = 0,
    .eval = btk_eval,
    .width = btk_width,
    .edges = btk_edges,
    .even = btk_even,
    .start = btk_start,
    .eval_de = btk_de,
    .fit_note = btk_note,
};

/* ---- tk ---- */

static int tk_eval(const double *p, const double *E, size_t n, double *N, double *up, double *dn) {
  return pc_eval(&sfhet_andreev_tk, 1, p, E, n, N, up, dn); /* as the kernel gives it */
}

static int tk_de(const double *p, const double *E, size_t n, int nch, double *const *N, double *const *dN) {
  return pc_eval_de(&sfhet_andreev_tk, 1, p, E, n, nch, N, dN);
}

static double tk_width(const double *p) { return sfhet_andreev_tk.width(p); }

static size_t tk_edges(const double *p, double *E, size_t max) { return sfhet_andreev_tk.edges(p, E, max); }

/* Real pair potentials (s, d, p): E -> −E conjugates Γ± and leaves every modulus in σ_R unchanged. A
 * chiral p gap's complex phase breaks that (σ(E) = σ(−E) is then not guaranteed). */
static int tk_even(const double *p) { return (int)p[SFHET_TK_PAIRING] != SFHET_TK_CHIRAL_P; }

static void tk_start(double gap, double width, double *p) { pc_start(SFHET_TK_DELTA, SFHET_TK_GAMMA, gap, width, p); }

static const sfhet_dos_info pc_tk = {
    .name = "tk",
    .summary = "point-contact conductance sigma(E) (not a DOS): Tanaka-Kashiwaya, anisotropic gap at "
               "angle alpha (zero-bias peak)",
    .reference = "Tanaka, Kashiwaya, PRL 74, 3451 (1995), eqs. 1-3; Dynes broadening as Plecenik et al., "
                 "PRB 49, 10016 (1994)",
    .n_params = SFHET_TK_NP,
    .params = andreev_tk_params,
    .spin_resolved = 0,
    .eval = tk_eval,
    .width = tk_width,
    .edges = tk_edges,
    .even = tk_even,
    .start = tk_start,
    .eval_de = tk_de,
};

/* ---- lookup ---- */

static const struct {
  const sfhet_dos_info *dos;
  const sfhet_andreev_info *kernel;
} pc_models[] = {{&pc_btk, &sfhet_andreev_btk}, {&pc_tk, &sfhet_andreev_tk}};

#define PC_NMODELS (sizeof pc_models / sizeof pc_models[0])

size_t sfhet_pc_model_count(void) { return PC_NMODELS; }

const sfhet_dos_info *sfhet_pc_model_get(size_t i) { return i < PC_NMODELS ? pc_models[i].dos : NULL; }

const sfhet_dos_info *sfhet_pc_model_find(const char *name) {
  for (size_t i = 0; name && i < PC_NMODELS; i++)
    if (strcmp(pc_models[i].dos->name, name) == 0) return pc_models[i].dos;
  return NULL;
}

const sfhet_andreev_info *sfhet_pc_kernel(const sfhet_dos_info *d) {
  for (size_t i = 0; d && i < PC_NMODELS; i++)
    if (pc_models[i].dos == d) return pc_models[i].kernel;
  return NULL;
}
