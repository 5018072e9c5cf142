/* The command registry: one line per command file. */
#include "cli.h"

extern const cli_command cli_cmd_dos;
extern const cli_command cli_cmd_didv;
extern const cli_command cli_cmd_fit;
extern const cli_command cli_cmd_synth;
extern const cli_command cli_cmd_tamr;
extern const cli_command cli_cmd_cut;
extern const cli_command cli_cmd_weight;
extern const cli_command cli_cmd_hysteresis;
extern const cli_command cli_cmd_arrhenius;
extern const cli_command cli_cmd_spinlife;
extern const cli_command cli_cmd_gap;
extern const cli_command cli_cmd_pairbreak;
extern const cli_command cli_cmd_inspect;
extern const cli_command cli_cmd_normalize;
extern const cli_command cli_cmd_hanle;
extern const cli_command cli_cmd_tmr;
extern const cli_command cli_cmd_bkt;
extern const cli_command cli_cmd_critcurrent;
extern const cli_command cli_cmd_mr;
extern const cli_command cli_cmd_loop;
extern const cli_command cli_cmd_ising;
extern const cli_command cli_cmd_isingqc;
extern const cli_command cli_cmd_device;

const cli_command *const cli_commands[] = {
    &cli_cmd_dos,
    &cli_cmd_didv,
    &cli_cmd_fit,
    &cli_cmd_synth,
    &cli_cmd_tamr,
    &cli_cmd_cut,
    &cli_cmd_weight,
    &cli_cmd_hysteresis,
    &cli_cmd_arrhenius,
    &cli_cmd_spinlife,
    &cli_cmd_gap,
    &cli_cmd_pairbreak,
    &cli_cmd_inspect,
    &cli_cmd_normalize,
    &cli_cmd_hanle,
    &cli_cmd_tmr,
    &cli_cmd_bkt,
    &cli_cmd_critcurrent,
    &cli_cmd_mr,
    &cli_cmd_loop,
    &cli_cmd_ising,
    &cli_cmd_isingqc,
    &cli_cmd_device,
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];
