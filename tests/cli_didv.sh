#!/usr/bin/env bash
# End-to-end checks of `sfhet didv` and the DOS models of `sfhet dos`: output columns, physics sanity
# (normal state far away, SIS I odd), lock-in, and bad input (exit 2 naming the option).
# Usage: cli_didv.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
ok_if() { if eval "$2"; then ok; else bad "$1"; fi; } # description, shell condition
row() { grep -v '^#' $out | awk -F, -v v="$1" 'NR>1 && $1+0==v+0 {print; exit}'; }

check "nis" 0 "$SFHET" didv --junction nis --delta 0.86meV --gamma 80ueV --T 1.5K --V -5:5:401
ok_if "header" "grep -v '^#' $out | head -1 | grep -qx 'V_mV,G,I_mV,G_err'"
ok_if "401 rows" "[ \$(grep -v '^#' $out | tail -n +2 | wc -l) -eq 401 ]"
ok_if "nis G(5 mV) ~ 1" "row 5 | awk -F, '{exit !(\$2 > 1.0 && \$2 < 1.03)}'"
ok_if "nis G(0) suppressed" "row 0 | awk -F, '{exit !(\$2 > 0.05 && \$2 < 0.3)}'"
check "sis" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --V -4,-1,0,1,4
i_pos=$(row 4 | cut -d, -f3)
check "sis negative bias alone" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --V -4,-2
i_neg=$(row -4 | cut -d, -f3)
ok_if "sis I odd" "awk -v a=$i_pos -v b=$i_neg 'BEGIN{exit !(a > 0 && (a + b < 1e-9) && (a + b > -1e-9))}'"
ok_if "sis I(4 mV) below V" "row 4 | awk -F, '{exit !(\$3 > 3.5 && \$3 < 4.0)}'"
check "sis asymmetric, lock-in" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.05 --delta2 0.5meV \
  --gamma2 20ueV --T 1 --V 1.36 --vac 40uV
check "sis maki/zeeman with P" 0 "$SFHET" didv --junction sis --model maki --model2 zeeman --delta 0.86 \
  --gamma 0.01 --h 0.1 --zeta 0.02 --bso 0.05 --delta2 0.5 --gamma2 0.02 --h2 0.1 --P 0.3 --T 0.5 --V 0:3:7
check "aniso nis" 0 "$SFHET" didv --model aniso --l 2 --delta 0.86 --gamma 0.02 --T 0.5 --V 0,0.2
check "bcs nis (gamma 0)" 0 "$SFHET" didv --delta 0.86 --T 1 --V 0.5,0.9
check "accuracy option" 0 "$SFHET" didv --delta 0.86 --gamma 0.002 --T 0.05 --V -2:2:81 --accuracy 1e-6
check "dos zeeman" 0 "$SFHET" dos --model zeeman --delta 0.86 --gamma 0.02 --h 0.1 --E -2:2:5
ok_if "dos zeeman columns" "grep -v '^#' $out | head -1 | grep -qx 'E_meV,N,N_up,N_down'"
check "dos maki" 0 "$SFHET" dos --model maki --delta 1 --zeta 0.1 --E 0.5,1.5
check "dos aniso" 0 "$SFHET" dos --model aniso --l 3 --delta 1 --gamma 0.01 --E 0.5,1.5
check "help" 0 "$SFHET" didv --help
ok_if "help lists --vac" "grep -q -- '--vac' $out"

check "negative gamma" 2 "$SFHET" didv --delta 0.86 --gamma -0.1 --T 1
expect_err "negative gamma named" '^sfhet: error: --gamma'
check "T = 0" 2 "$SFHET" didv --delta 0.86 --T 0
expect_err "T named" '^sfhet: error: --T'
check "negative T" 2 "$SFHET" didv --delta 0.86 --T -1K
expect_err "negative T named" '^sfhet: error: --T'
check "nan delta" 2 "$SFHET" didv --delta nan --T 1
expect_err "nan named" '^sfhet: error: --delta'
check "inf vac" 2 "$SFHET" didv --delta 0.86 --T 1 --vac inf
expect_err "inf named" '^sfhet: error: --vac'
check "l = 4" 2 "$SFHET" didv --model aniso --l 4 --T 1
expect_err "l named" '^sfhet: error: --l'
check "l = -1" 2 "$SFHET" didv --model aniso --l -1 --T 1
expect_err "l negative named" '^sfhet: error: --l'
check "dos l = 5" 2 "$SFHET" dos --model aniso --l 5
expect_err "dos l named" '^sfhet: error: --l'
check "missing T" 2 "$SFHET" didv --delta 0.86
expect_err "missing T named" '^sfhet: error: --T'
check "bad junction" 2 "$SFHET" didv --junction xyz --T 1
expect_err "junction named" '^sfhet: error: --junction'
check "unknown model" 2 "$SFHET" didv --model nope --T 1
expect_err "model named" '^sfhet: error: --model'
check "sis BCS" 2 "$SFHET" didv --junction sis --delta 0.86 --T 1
expect_err "sis BCS names gamma" '^sfhet: error: --gamma'
check "P > 1" 2 "$SFHET" didv --delta 0.86 --T 1 --P 1.5
expect_err "P named" '^sfhet: error: --P'
check "bad accuracy" 2 "$SFHET" didv --delta 0.86 --T 1 --accuracy 0
expect_err "accuracy named" '^sfhet: error: --accuracy'
check "nan bias" 2 "$SFHET" didv --delta 0.86 --T 1 --V nan
expect_err "V named" '^sfhet: error: --V'
check "model2 with nis" 2 "$SFHET" didv --model2 dynes --T 1
expect_err "model2 named" '^sfhet: error: --model2'

finish cli_didv
