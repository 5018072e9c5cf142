#!/usr/bin/env bash
# examples/magnet as a test: runs the macrospin examples (seed 003 Fig. 4, T*, MnBi2Te4, CrBr3) and
# compares their summaries with examples/magnet/expected (mixed tolerance).
# Usage: cli_example_magnet.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
EX="$2/../../examples/magnet/run.sh"
check "examples/magnet" 0 bash "$EX" "$SFHET" "$tmpd/example"
grep -q ' 0 mismatches' "$out" && ok || bad "examples/magnet: $(cat "$out")"
finish cli_example_magnet
