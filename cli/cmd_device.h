/* Shared pieces of sfhet device (cmd_device.c) and its fit mode (cmd_device_fit.c). */
#ifndef SFHET_CLI_CMD_DEVICE_H
#define SFHET_CLI_CMD_DEVICE_H

#include "cli.h"
#include "sfhet/device.h"

/* Declares --B, --V, --sweep and the device parameters. */
void device_options(cli_spec *s);
/* Reads the device parameters (λ in meV or T). */
int device_read_params(const cli_spec *s, double *p);
/* Reads --sweep. */
int device_read_sweep(const cli_spec *s, int *up, int *down);
/* Declares --fit, --data, --free, --sigma, --max-evals, --time-limit, --numeric-jacobian, --curves. */
void device_fit_options(cli_spec *s);
/* The fit mode. */
int device_run_fit(cli_spec *s);

#endif
