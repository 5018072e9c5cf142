/* Layout of the junction workspace (internal). */
#ifndef SFHET_JUNCTION_WS_INT_H
#define SFHET_JUNCTION_WS_INT_H

#include <gsl/gsl_integration.h>

#include "sfhet/junction.h"

#define JUNCTION_QAG_LIMIT 2000

struct sfhet_junction_ws {
  gsl_integration_workspace *qag;
  double *buf[2];
  size_t cap[2];
};

/* Scratch array number which (0 or 1) of at least n doubles, owned by the workspace (NULL when out of
 * memory); growing it invalidates earlier pointers into the same array. */
double *junction_ws_buf(sfhet_junction_ws *ws, int which, size_t n);

#endif
