/* The transverse spin pair shared by every model's nch = 4 channels (sfhet/dos.h). */
#include <math.h>

#include "sfhet/dos.h"

void sfhet_spin_frame(const double *n, double *e1, double *e2) {
  double r = hypot(n[0], n[1]); /* |ẑ × n| */
  if (r < 1e-12) {
    e1[0] = 1.0, e1[1] = 0.0, e1[2] = 0.0;
  } else {
    e1[0] = -n[1] / r, e1[1] = n[0] / r, e1[2] = 0.0;
  }
  e2[0] = n[1] * e1[2] - n[2] * e1[1];
  e2[1] = n[2] * e1[0] - n[0] * e1[2];
  e2[2] = n[0] * e1[1] - n[1] * e1[0];
}
