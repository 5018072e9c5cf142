#!/usr/bin/env bash
# examples/ising as a test: runs the seed 003 Fig. 3 scripts and compares their CSVs with
# examples/ising/expected (mixed tolerance). Usage: cli_example_ising.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
EX="$2/../../examples/ising/run.sh"
check "examples/ising" 0 bash "$EX" "$SFHET" "$tmpd/example"
grep -q ' 0 mismatches' "$out" && ok || bad "examples/ising: $(cat "$out")"
finish cli_example_ising
