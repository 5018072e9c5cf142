/* Command-line core: option specs built from the library's parameter tables, parsing, help, output.
 * No physics here. */
#ifndef SFHET_CLI_H
#define SFHET_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "sfhet/analysis.h"
#include "sfhet/junction.h"
#include "sfhet/output.h"
#include "sfhet/param.h"
#include "sfhet/sweep.h"
#include "sfhet/units.h"

#define CLI_MAX_OPTS 128
#define CLI_HELP 1000 /* cli_parse status: help was printed, exit 0 */

typedef enum {
  CLI_QTY,   /* one quantity with unit */
  CLI_RANGE, /* START:STOP:COUNT, list or single value */
  CLI_STR,   /* text (file name, column, choice) */
  CLI_FLAG,  /* no value */
  CLI_INT    /* integer */
} cli_kind;

typedef struct {
  const char *name;  /* option name without "--" */
  cli_kind kind;
  sfhet_dim dim;
  const char *def;   /* default as text (NULL: none) */
  const char *help;
  const sfhet_param_info *param; /* bounds for CLI_QTY/CLI_RANGE values, or NULL */
  const char *metavar;           /* placeholder in help (NULL: from kind/dim) */
  char defbuf[32];               /* storage for a default formatted from param */
  const char *group;             /* help heading of a group of options (NULL: the command's own) */
  const char *follows;           /* not given: takes the value of this option (e.g. "delta") */
} cli_opt;

/* A command's option table and, after parsing, the values given. */
typedef struct cli_spec cli_spec;
struct cli_spec {
  const char *command; /* e.g. "dos" or "ising gap" */
  const char *usage;   /* usage line after "sfhet " */
  const char *about;   /* paragraph for --help */
  const char *epilog;  /* paragraph after the options in --help (NULL: none) */
  cli_opt opt[CLI_MAX_OPTS];
  const char *value[CLI_MAX_OPTS];
  int given[CLI_MAX_OPTS];
  size_t n;
  int argc;
  char **argv;
  int json, quiet, threads;
  const char *output;
  const char *duplicate; /* an option declared twice (an internal error reported by cli_parse) */
  int merge_duplicates;  /* nonzero: a name declared again is skipped (the first declaration wins) */
  const char *group;     /* group given to options added from now on (cli_set_group) */
  /* Called for an unknown option name: returns a usage error with a better message, or 0. */
  int (*unknown)(const cli_spec *s, const char *name);
  const void *unknown_ctx;
};

/* A command: name, one-line summary, and its entry point (argv[0] is the command name). */
typedef struct {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} cli_command;

/* The largest --threads accepted (larger is a usage error); values above the number of cores are
 * reduced to it (cli_cores). */
#define CLI_THREADS_MAX 1024

/* Processors available to this process (OpenMP's count, >= 1). */
int cli_cores(void);

/* Starts a spec with the common options (-o/--output, --json, --quiet, --threads, --help). */
void cli_spec_init(cli_spec *s, const char *command, const char *usage, const char *about);

/* Adds an option. */
void cli_add(cli_spec *s, const char *name, cli_kind kind, sfhet_dim dim, const char *def,
             const char *help);

/* Options added from now on are listed under this heading in --help (NULL: the command's own). */
void cli_set_group(cli_spec *s, const char *group);

/* Adds one option per parameter of a table (a name declared twice is an internal error). */
void cli_add_params(cli_spec *s, const sfhet_param_info *params, size_t n);

/* Adds one option for a parameter as a range (e.g. --T 1:5:9) with its bounds. */
void cli_add_param_range(cli_spec *s, const sfhet_param_info *param);

/* Parses argv; prints help and returns CLI_HELP for --help; errors name the option. */
int cli_parse(cli_spec *s, int argc, char **argv);

/* Scans argv for --name VALUE / --name=VALUE before parsing (e.g. to pick a model); NULL if absent. */
const char *cli_peek(int argc, char **argv, const char *name);

/* Whether an option was given on the command line. */
int cli_given(const cli_spec *s, const char *name);

/* A quantity in the option's default unit (given or default), checked against its parameter bounds. */
int cli_qty(const cli_spec *s, const char *name, double *value);

/* A range of quantities (given or default), each checked against the parameter bounds. */
int cli_range(const cli_spec *s, const char *name, sfhet_range *range);

/* Text value (given or default; NULL if neither). */
const char *cli_str(const cli_spec *s, const char *name);

/* Integer value (given or default). */
int cli_int(const cli_spec *s, const char *name, long *value);

/* Flag value. */
int cli_flag(const cli_spec *s, const char *name);

/* Fills values[k] of a parameter table from the options of the same names. */
int cli_params(const cli_spec *s, const sfhet_param_info *params, size_t n, double *values);

/* Prints the command's help to fp. */
void cli_help(const cli_spec *s, FILE *fp);

/* Opens the output (-o FILE or stdout) for the command. */
int cli_out_open(const cli_spec *s, sfhet_outfile *out);

/* Writes '#' metadata: version, the command line, and each option's resolved value. */
void cli_meta(const cli_spec *s, FILE *fp);

/* Writes a CSV table (metadata, header, rows of ncol columns stored column-major: col[j][i]). */
int cli_write_table(const cli_spec *s, const char *const *names, size_t ncol, const double *const *col,
                    size_t nrow);

/* One scalar result: JSON key name[_unit] (and name_err[_unit] when err is not NaN), a number, an
 * integer or a boolean. */
typedef enum { CLI_NUM, CLI_COUNT, CLI_BOOL } cli_scalar_kind;
typedef struct {
  const char *name;
  const char *unit; /* "meV", "K", ... or "" (dimensionless) */
  double value;
  double err;       /* NAN: no error */
  cli_scalar_kind kind;
} cli_scalar;

/* The one writer of scalar results to -o or stdout: a JSON object with --json, else an aligned table
 * "name_unit  value +- err" (the JSON key, so both read alike). */
int cli_write_scalars(const cli_spec *s, const cli_scalar *v, size_t n);

/* "correlation": {"params": [names of the n fitted parameters], "matrix": n x n rows of corr} into j
 * (a non-finite entry is a documented null). */
void cli_json_correlation(sfhet_json *j, const char *const *names, size_t n, const double *corr);

/* A progress reporter that prints an ETA to stderr when it is a terminal and --quiet is absent. */
sfhet_progress cli_progress(const cli_spec *s, const char *label);

/* Prints "sfhet: warning: ..." to stderr unless --quiet. */
void cli_warn(const cli_spec *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports a usage error ("sfhet: error: ..." is printed by main); returns SFHET_EUSAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Comma list of the registered DOS models ("dynes, aniso, ..."). */
const char *cli_dos_models(void);

/* Help paragraph listing every registered model with its summary and parameter names. */
const char *cli_models_epilog(const char *command);

/* The model named by --model before parsing (the default model when absent or unknown). */
const sfhet_dos_info *cli_peek_model(int argc, char **argv);

/* Adds a DOS model's parameters as options, grouped under "parameters of model NAME"; unknown options
 * that belong to another model get a message saying so. */
void cli_add_model_options(cli_spec *s, const sfhet_dos_info *m);

/* Resolves --model after parsing (usage error naming the option when unknown). */
int cli_model(const cli_spec *s, const sfhet_dos_info **m);

/* The junction implied by --junction/--model/--model2 before parsing (to build its options); absent
 * or unknown values fall back to the given kind and the default model. */
void cli_peek_junction(int argc, char **argv, sfhet_junction_kind fallback, sfhet_junction *j);

/* Declares --junction, --model, --model2 (kind_default: "nis", "sis" or NULL for required) and every
 * parameter of junction j, grouped by electrode and model; second-electrode options of a same-model
 * SIS junction default to following the first electrode's. */
void cli_add_junction_options(cli_spec *s, const sfhet_junction *j, const char *kind_default);

/* Resolves --junction, --model and --model2 after parsing (d2 NULL: same as d1); usage errors name the
 * option. */
int cli_junction_models(const cli_spec *s, sfhet_junction_kind *kind, const sfhet_dos_info **d1,
                        const sfhet_dos_info **d2);

/* Builds the junction from the options: models, every parameter given or at its default; a
 * second-electrode parameter of a same-model SIS junction that is not given follows the first
 * electrode's (sfhet_junction_tie), unless it is named in the comma list untie (fit parameters of
 * their own). Checks each value's bounds (not the junction as a whole: see sfhet_junction_check). */
int cli_junction_setup(cli_spec *s, sfhet_junction *j, const char *untie);

/* Declares --data, --x, --y, --sweep (default sweep_default, may be NULL), --sweep-from, --x-unit,
 * --y-unit, --sweep-unit, --format and --run for cli_load_spectra. */
void cli_add_spectra_options(cli_spec *s, const char *sweep_default);

/* Loads the spectra named by those options (sigma_col: a sigma column or NULL), cleaned as
 * sfhet_dataset_read does; warns how many rows were skipped or averaged. */
int cli_load_spectra(const cli_spec *s, const char *sigma_col, sfhet_dataset *ds);

/* Same with another --data value (a normal-state file, say). */
int cli_load_spectra_from(const cli_spec *s, const char *data, const char *sigma_col, sfhet_dataset *ds);

/* Loads one normal-state spectrum from path with the same --x/--y columns, units and --format (no
 * sweep). */
int cli_load_normal_state(const cli_spec *s, const char *path, sfhet_dataset *ds);

/* --normalize FILE (divide by its interpolated G_N(V)) and --norm-bias V (by each spectrum's mean G at
 * |V| >= V), as fit and weight take them. */
int cli_normalize_spectra(const cli_spec *s, sfhet_dataset *ds);

/* Whether the spectra carry sweep values (--sweep or --sweep-from given). */
int cli_spectra_sweep(const cli_spec *s);

/* Declares --format and --run; cli_read_opts reads them. */
void cli_add_read_options(cli_spec *s);
int cli_read_opts(const cli_spec *s, sfhet_read_opts *o);

/* Commands (one file each under cli/), listed in commands.c. */
extern const cli_command *const cli_commands[];
extern const size_t cli_ncommands;

#endif
