#!/usr/bin/env bash
# examples/isingqc doubles as a test: seed 002 Table I, Figs. 2 and 3b and the flop loops against the
# expected outputs checked in beside the scripts (examples/isingqc/expected).
# Usage: cli_isingqc_examples.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
EX="$(dirname "$0")/../examples/isingqc/run.sh"
check "examples/isingqc" 0 env SFHET_NO_PLOTS=1 bash "$EX" "$SFHET" "$tmpd/example"
grep -q "all outputs match expected" "$out" && ok || bad "examples/isingqc: $(tail -5 "$out")"
finish cli_isingqc_examples
