#!/usr/bin/env bash
# examples/transport as a test: the commands of its README, run from that directory, against the
# expected outputs beside them (*.out; numbers to 1e-6 relative).
# Usage: cli_example_transport.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(readlink -f "$1")
. "$(dirname "$0")/harness.sh"
EX=$(readlink -f "$2/../../examples/transport")
ND="/usr/bin/python3 $(readlink -f "$(dirname "$0")")/numdiff.py"
run_example() { # expected-file command...
  local want=$1; shift
  (cd "$EX" && "$SFHET" "$@") >"$tmpd/got" 2>"$err"
  if [ $? -ne 0 ]; then bad "$want: $(cat "$err")"; return; fi
  if $ND "$tmpd/got" "$EX/$want" 1e-6 1e-9 >"$tmpd/diff"; then ok; else bad "$want: $(cat "$tmpd/diff")"; fi
}
run_example hanle_fit.out hanle --data hanle.csv --x B_T --y RNL_ohm --L 0.8um --fit-bg --json
run_example bkt_vi.out bkt --data vi.txt --x I_mA --y V_mV --group T_K
run_example bkt_rt.out bkt --rt --data rt.csv --x T_K --y R_ohm --json
run_example critcurrent.out critcurrent --data dvdi.csv --x I_mA --y dVdI_ohm --group T_K
run_example critcurrent_fit.out critcurrent --data dvdi.csv --x I_mA --y dVdI_ohm --group T_K --fit-T
run_example mr.out mr --data mr.csv --x B_T --y R_ohm --group T_K --direction direction
finish cli_example_transport
