#!/bin/bash
# Extreme junction parameters through the CLI (issue 11.3, 11.4 junction part, 11.8): the commands of
# the issue give finite, correct results or exit 1 with one error line and advice.
SFHET=$1
source "$(dirname "$0")/harness.sh"

finite() { ! grep -v '^#' "$out" | grep -Eqi 'nan|inf'; }
field() { grep -v '^#' "$out" | sed -n "${1}p" | cut -d, -f"$2"; }

# 11.3: T -> 0 (G was 0 at T = 1e-300 K; SIS at 1e-6 K was 9 % off its own dI/dV)
check "nis T=1e-300" 0 "$SFHET" didv --junction nis --delta 0.86 --gamma 0.08 --T 1e-300 --V -4
g=$(field 2 2)
awk -v g="$g" 'BEGIN{exit !(g > 1.0238 && g < 1.0240)}' && ok || bad "nis T=1e-300: G = $g, expected 1.0239"
check "sis T=1e-6" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.08 --T 1e-6 --V 1.4999:1.5001:3
awk -F, '!/^#/ && NR>0 {v[n]=$1; g[n]=$2; i[n]=$3; n++} END{d=(i[3]-i[1])/(v[3]-v[1]); r=(g[2]-d)/d; exit !(r < 1e-4 && r > -1e-4)}' "$out" && ok || bad "sis T=1e-6: G != dI/dV: $(cat "$out" | grep -v '^#')"
# 11.4: never a non-finite number with exit 0
check "zbp_sigma 1e-300" 0 "$SFHET" didv --junction nis --delta 0.86 --gamma 0.08 --T 1.5 --zbp_amp 0.1 --zbp_sigma 1e-300 --V -1:1:5
finite && ok || bad "zbp_sigma 1e-300: $(cat "$out")"
check "vac with V=1e300" 0 "$SFHET" didv --junction nis --delta 0.86 --gamma 0.08 --T 1.5 --vac 0.04 --V 1e300
finite && ok || bad "V=1e300: $(cat "$out")"
[ "$(field 2 2)" = "1" ] && ok || bad "V=1e300: G = $(field 2 2), expected the normal-state 1"
check "synth V0=1e308" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --V0 1e308 --V -1:1:5
finite && ok || bad "synth V0=1e308: $(cat "$out")"
# 11.8: a relative error > 1 is a failure with advice
check "sis gamma 1e-9" 1 "$SFHET" didv --junction sis --delta 0.86 --gamma 1e-9 --T 1.5 --V 0.5
expect_err "sis gamma 1e-9" '^sfhet: error: .*--gamma'
finish cli_junction_limits
