/* Junction workspace: scratch arrays that grow on demand and are reused between evaluations. */
#include <stdlib.h>

#include "junction/ws_int.h"

sfhet_junction_ws *sfhet_junction_ws_alloc(void) {
  sfhet_junction_ws *ws = calloc(1, sizeof *ws);
  if (!ws) return NULL;
  ws->qag = gsl_integration_workspace_alloc(JUNCTION_QAG_LIMIT);
  if (!ws->qag) {
    free(ws);
    return NULL;
  }
  return ws;
}

void sfhet_junction_ws_free(sfhet_junction_ws *ws) {
  if (!ws) return;
  gsl_integration_workspace_free(ws->qag);
  junction_fft_release(ws);
  free(ws->buf[0]);
  free(ws->buf[1]);
  free(ws->sbuf);
  free(ws->qbuf);
  free(ws);
}

double *junction_ws_buf(sfhet_junction_ws *ws, int which, size_t n) {
  if (n > ws->cap[which]) {
    double *b = realloc(ws->buf[which], n * sizeof *b);
    if (!b) return NULL;
    ws->buf[which] = b;
    ws->cap[which] = n;
  }
  return ws->buf[which];
}

double *junction_ws_grow(double **b, size_t *cap, size_t n) {
  if (n > *cap) {
    double *t = realloc(*b, n * sizeof *t);
    if (!t) return NULL;
    *b = t;
    *cap = n;
  }
  return *b;
}
