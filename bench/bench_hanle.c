/* Hanle curves and fits: sfhet's closed form against (a) GSL QAWF quadrature of seed 001 eq. 3 in C and
 * (b) Python baselines run by /usr/bin/python3 in this run — scipy quad with a cosine weight per field,
 * the same closed form vectorised in numpy, and an lmfit fit with that numpy model from one good start.
 * Prints times per 241-point curve or per fit, ratios, and the largest relative difference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sfhet/spin.h"

#define NB 241

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
  double L, D, tau;
} kp;

static double kern(double x, void *vp) {
  const kp *k = vp;
  double t = x * k->tau;
  return x <= 0 ? 0.0 : k->tau * exp(-k->L * k->L / (4 * k->D * t) - x) / sqrt(4 * M_PI * k->D * t);
}

/* eq. 3 by QAWF at every field; returns the largest relative difference to the closed form. */
static double qawf_curve(const double *B, const double *cf, double *out) {
  kp k = {0.8e-6, 1e-3, 1.1e-9};
  gsl_function f = {kern, &k};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000), *cw = gsl_integration_workspace_alloc(2000);
  double dmax = 0, K0 = cf[NB / 2];
  for (size_t i = 0; i < NB; i++) {
    double om = sfhet_larmor(2.0, B[i]) * k.tau, err;
    if (om == 0) {
      gsl_integration_qagiu(&f, 0, 0, 1e-10, 2000, w, &out[i], &err);
    } else {
      gsl_integration_qawo_table *t = gsl_integration_qawo_table_alloc(fabs(om), 1.0, GSL_INTEG_COSINE, 50);
      gsl_integration_qawf(&f, 0, 1e-10 * K0, 2000, w, cw, t, &out[i], &err);
      gsl_integration_qawo_table_free(t);
    }
    dmax = fmax(dmax, fabs(out[i] - cf[i]) / K0);
  }
  gsl_integration_workspace_free(w);
  gsl_integration_workspace_free(cw);
  return dmax;
}

static double python_time(const char *script) {
  FILE *p = popen(script, "r");
  double t = NAN;
  if (!p || fscanf(p, "%lf", &t) != 1) t = NAN;
  if (p) pclose(p);
  return t;
}

static const char *PY_CURVE =
    "/usr/bin/python3 -c \"\n"
    "import time, numpy as np\nfrom scipy.integrate import quad\n"
    "L,D,tau=0.8e-6,1e-3,1.1e-9; B=np.linspace(-0.6,0.6,241); w=2*9.2740100783e-24*B/1.054571817e-34\n"
    "f=lambda x: 0.0 if x<=0 else tau*np.exp(-L*L/(4*D*x*tau)-x)/np.sqrt(4*np.pi*D*x*tau)\n"
    "t0=time.perf_counter()\n"
    "r=[quad(f,0,np.inf)[0] if o==0 else quad(f,0,np.inf,weight='cos',wvar=abs(o)*tau)[0] for o in w]\n"
    "print(time.perf_counter()-t0)\n\" 2>/dev/null";

static const char *PY_NUMPY =
    "/usr/bin/python3 -c \"\n"
    "import time, numpy as np\n"
    "L,D,tau=0.8e-6,1e-3,1.1e-9; B=np.linspace(-0.6,0.6,241)\n"
    "def k(B): s=1/tau-1j*2*9.2740100783e-24*B/1.054571817e-34; return (np.exp(-L*np.sqrt(s/D))/(2*np.sqrt(D*s))).real\n"
    "k(B); n=2000; t0=time.perf_counter()\n"
    "for i in range(n): k(B)\n"
    "print((time.perf_counter()-t0)/n)\n\" 2>/dev/null";

static const char *PY_FIT =
    "/usr/bin/python3 -c \"\n"
    "import time, numpy as np, lmfit\n"
    "L=0.8e-6; B=np.linspace(-0.6,0.6,241)\n"
    "def k(B,D,tau): s=1/tau-1j*2*9.2740100783e-24*B/1.054571817e-34; return (np.exp(-L*np.sqrt(s/D))/(2*np.sqrt(D*s))).real\n"
    "def m(B,A,lnD,lntau,bg): D,tau=np.exp(lnD),np.exp(lntau); return bg+A*k(B,D,tau)/k(0.0,D,tau)\n"
    "rng=np.random.default_rng(1); y=m(B,2.0,np.log(1e-3),np.log(1.1e-9),0.3)+rng.normal(0,0.01,B.size)\n"
    "mod=lmfit.Model(m); n=20; t0=time.perf_counter()\n"
    "for i in range(n): r=mod.fit(y,B=B,A=1.5,lnD=np.log(5e-4),lntau=np.log(2e-9),bg=0.0)\n"
    "print((time.perf_counter()-t0)/n)\n\" 2>/dev/null";

static double time_fit(const double *B, const double *y, int user_start, double *lam) {
  sfhet_hanle_fit_opts o = {800.0, 2.0, user_start ? 5e-4 : 0, user_start ? 2e-9 : 0, 1, 0, 0.0, NULL};
  sfhet_hanle_fit_result r;
  int n = user_start ? 50 : 5;
  double t0 = now();
  for (int i = 0; i < n; i++) sfhet_hanle_fit(B, y, NB, &o, &r);
  *lam = r.lambda;
  return (now() - t0) / n;
}

int main(void) {
  double B[NB], cf[NB], q[NB], y[NB], p[SFHET_HANLE_NP] = {800.0, 1e-3, 1.1e-9, 2.0, 0.0};
  for (size_t i = 0; i < NB; i++) B[i] = -0.6 + 1.2 * (double)i / (NB - 1);
  int reps = 20000;
  double t0 = now();
  for (int r = 0; r < reps; r++) sfhet_hanle_eval(p, B, NB, cf);
  double tcf = (now() - t0) / reps;
  gsl_set_error_handler_off();
  t0 = now();
  double dmax = qawf_curve(B, cf, q);
  double tq = now() - t0;
  double K0 = cf[NB / 2];
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 1);
  for (size_t i = 0; i < NB; i++) y[i] = 0.3 + 2.0 * cf[i] / K0 + gsl_ran_gaussian(rng, 0.01);
  gsl_rng_free(rng);
  double lam1, lam2, tf1 = time_fit(B, y, 1, &lam1), tf2 = time_fit(B, y, 0, &lam2);
  double tpq = python_time(PY_CURVE), tpn = python_time(PY_NUMPY), tpf = python_time(PY_FIT);
  printf("Hanle curve, %d fields (L = 0.8 um, D = 1e-3 m2/s, tau = 1.1 ns):\n", NB);
  printf("  sfhet closed form:            %10.3e s per curve\n", tcf);
  printf("  GSL QAWF quadrature (C):      %10.3e s per curve   ratio %8.0f  (max rel. diff %.1e)\n", tq,
         tq / tcf, dmax);
  printf("  scipy quad, cosine weight:    %10.3e s per curve   ratio %8.0f\n", tpq, tpq / tcf);
  printf("  numpy closed form:            %10.3e s per curve   ratio %8.1f\n", tpn, tpn / tcf);
  printf("Hanle fit (amplitude, D, tau, background; 241 noisy points):\n");
  printf("  sfhet, one start:             %10.3e s per fit     (lambda_s %.4g m)\n", tf1, lam1);
  printf("  sfhet, default 20-start grid: %10.3e s per fit     (lambda_s %.4g m)\n", tf2, lam2);
  printf("  lmfit + numpy, one start:     %10.3e s per fit     ratio %8.1f (one start vs one start)\n", tpf,
         tpf / tf1);
  return 0;
}
