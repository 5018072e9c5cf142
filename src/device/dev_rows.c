/* A measured map in long format split into spectra (sfhet/device.h, sfhet_device_rows_split). */
#include <stdlib.h>
#include <string.h>

#include "sfhet/device.h"
#include "sfhet/error.h"

void sfhet_device_rows_free(sfhet_device_rows *m) {
  free(m->f), free(m->nv), free(m->V), free(m->G), free(m->sig);
  memset(m, 0, sizeof *m);
}

int sfhet_device_rows_split(const double *B, const double *dir, const double *V, const double *G, const double *sig,
                            size_t n, const char *what, sfhet_device_rows *m) {
  memset(m, 0, sizeof *m);
  m->f = malloc(n * sizeof *m->f), m->nv = calloc(n, sizeof *m->nv);
  m->V = malloc(n * sizeof *m->V), m->G = malloc(n * sizeof *m->G), m->sig = malloc(n * sizeof *m->sig);
  if (!m->f || !m->nv || !m->V || !m->G || !m->sig) SFHET_ERROR(SFHET_ENOMEM, "out of memory");
  for (size_t r = 0; r < n; r++) {
    int d = dir && dir[r] < 0 ? -1 : 1;
    if (m->nf == 0 || B[r] != m->f[m->nf - 1].B || d != m->f[m->nf - 1].dir) {
      m->f[m->nf] = (sfhet_device_field){B[r], d};
      m->V[m->nf] = V + r, m->G[m->nf] = G + r, m->sig[m->nf] = sig ? sig + r : NULL;
      m->nf++;
    }
    m->nv[m->nf - 1]++;
  }
  for (size_t i = 0; i < m->nf; i++)
    if (m->nv[i] < 3) SFHET_ERROR(SFHET_EDATA, "%s: the spectrum at B = %g T has fewer than 3 points", what, m->f[i].B);
  m->d = (sfhet_device_data){m->nf, m->f, m->nv, m->V, m->G, sig ? m->sig : NULL};
  return SFHET_OK;
}
