/* The command registry: one line per command file. */
#include "cli.h"

extern const cli_command cli_cmd_dos;
extern const cli_command cli_cmd_gap;
extern const cli_command cli_cmd_pairbreak;
extern const cli_command cli_cmd_inspect;

const cli_command *const cli_commands[] = {
    &cli_cmd_dos,
    &cli_cmd_gap,
    &cli_cmd_pairbreak,
    &cli_cmd_inspect,
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];
