/* Layout of the junction workspace (internal). */
#ifndef SFHET_JUNCTION_WS_INT_H
#define SFHET_JUNCTION_WS_INT_H

#include <gsl/gsl_integration.h>

#include "sfhet/junction.h"

#define JUNCTION_QAG_LIMIT 2000

struct sfhet_junction_ws {
  gsl_integration_workspace *qag;
  double *buf;
  size_t cap;
};

/* Scratch array of at least n doubles owned by the workspace (NULL when out of memory). */
double *junction_ws_buf(sfhet_junction_ws *ws, size_t n);

#endif
