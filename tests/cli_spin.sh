#!/usr/bin/env bash
# End-to-end checks of sfhet hanle and sfhet tmr: closed-form values, JSON keys, a fit of a noisy
# synthetic curve made with sfhet itself, and bad input. Usage: cli_spin.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
jget() { grep "\"$1\":" "$out" | head -1 | sed 's/.*: *//; s/,$//'; }
near() { # description, value, expected, relative tolerance
  if awk -v a="$2" -v b="$3" -v t="$4" 'BEGIN { d = a - b; if (d < 0) d = -d; e = b < 0 ? -b : b; exit !(a != "" && d <= t * e) }'; then ok
  else bad "$1: got '$2', expected $3 (rel tol $4)"; fi
}

check "hanle curve" 0 "$SFHET" hanle --L 0.8um --D 1e-3 --tau 1.1ns --B -0.6:0.6:241
[ "$(grep -v '^#' "$out" | head -1)" = "B_T,R_NL" ] && ok || bad "header B_T,R_NL"
[ "$(grep -v '^#' "$out" | tail -n +2 | wc -l)" -eq 241 ] && ok || bad "241 rows"
# B = 0: exp(-L/lambda) lambda/(2D) (closed form of eq. 3 at omega = 0)
r0=$(grep '^0,' "$out" | cut -d, -f2)
want=$(awk 'BEGIN { l = sqrt(1e-3 * 1.1e-9); printf "%.15g\n", exp(-0.8e-6 / l) * l / 2e-3 }')
near "R_NL(0)" "$r0" "$want" 1e-9
check "hanle --json" 0 "$SFHET" hanle --L 800nm --D 1e-3 --tau 1.1ns --B 0 --json
near "lambda_s_m" "$(jget lambda_s_m)" "$(awk 'BEGIN { printf "%.15g\n", sqrt(1.1e-12) }')" 1e-9
check "antiparallel" 0 "$SFHET" hanle --L 800nm --D 1e-3 --tau 1.1ns --B 0 --config antiparallel --R0 2
near "antiparallel sign and R0" "$(grep '^0,' "$out" | cut -d, -f2)" "$(awk -v w="$want" 'BEGIN { printf "%.15g\n", -2 * w }')" 1e-9
check "vortex form at B = 0" 0 "$SFHET" hanle --L 800nm --D 1e-3 --tau 1.1ns --B 0 --Bv 0.1T
near "vortex R_NL(0)" "$(grep '^0,' "$out" | cut -d, -f2)" "$want" 1e-9

# fit: amplitude 2 ohm (R0 = 2/K(0)), background 0.3 ohm, noise 0.01 ohm
R0=$(awk -v w="$want" 'BEGIN { printf "%.10g", 2 / w }')
"$SFHET" hanle --L 800nm --D 1e-3 --tau 1.1ns --B -0.6:0.6:241 --R0 "$R0" >"$tmpd/curve.csv"
grep -v '^#' "$tmpd/curve.csv" | awk -F, 'BEGIN { srand(42); print "B_T,RNL_ohm" }
  NR > 1 { u = rand(); v = rand(); if (u < 1e-12) u = 1e-12
           printf "%s,%.8g\n", $1, $2 + 0.3 + 0.01 * sqrt(-2 * log(u)) * cos(6.283185307 * v) }' >"$tmpd/hanle.csv"
check "hanle fit" 0 "$SFHET" hanle --data "$tmpd/hanle.csv" --x B_T --y RNL_ohm --L 800nm --fit-bg --json
near "fit D" "$(jget D_m2_s)" 1e-3 0.1
near "fit tau" "$(jget tau_s)" 1.1e-9 0.1
near "fit lambda" "$(jget lambda_s_m)" 1.0488e-6 0.05
near "fit background" "$(jget background_ohm)" 0.3 0.05
grep -q '"configuration": "parallel"' "$out" && ok || bad "configuration parallel"
grep -q '"lambda_s_err_m": [0-9]' "$out" && ok || bad "lambda_s_err_m present"
awk -F, 'NR == 1 { print $0 ",sig_ohm"; next } { print $0 ",0.01" }' "$tmpd/hanle.csv" >"$tmpd/hanle_sig.csv"
check "hanle fit --sigma" 0 "$SFHET" hanle --data "$tmpd/hanle_sig.csv" --x B_T --y RNL_ohm --sigma sig_ohm --L 800nm --fit-bg --json
near "chi2_red with the true sigma" "$(jget chi2_red)" 1 0.3
check "hanle fit readable" 0 "$SFHET" hanle --data "$tmpd/hanle.csv" --x 1 --y 2 --L 800nm --fit-bg
grep -q '^lambda_s' "$out" && ok || bad "readable fit lists lambda_s"

# seed 001 (main text): the L = 0.8 um curve changes sign at +-0.125 T; lambda_s = 1.06 um (Methods)
check "seed 001 sign change" 0 "$SFHET" hanle --L 0.8um --D 6.5e-3 --tau 0.17ns --B 0 --json
near "B_sign_change_T (seed 001: 0.125 T)" "$(jget B_sign_change_T)" 0.125 0.02
grep -q '"sign_change": true' "$out" && ok || bad "sign_change true"
check "vortex form: no sign-change key" 0 "$SFHET" hanle --L 0.8um --D 6.5e-3 --tau 0.17ns --Bv 0.1 --B 0 --json
grep -q '"sign_change": false' "$out" && ! grep -q B_sign_change_T "$out" && ok || bad "sign_change false, no B0 key"
# the example (examples/transport/hanle.csv, made with seed 001's numbers) reproduces them
ex="$(dirname "$0")/../examples/transport/hanle.csv"
check "example hanle fit" 0 "$SFHET" hanle --data "$ex" --x B_T --y RNL_ohm --L 0.8um --fit-bg --json
near "example D" "$(jget D_m2_s)" 6.5e-3 0.05
near "example tau" "$(jget tau_s)" 1.7e-10 0.05
near "example lambda_s (seed 001: 1.06 um)" "$(jget lambda_s_m)" 1.06e-6 0.03
near "example sign change (seed 001: 0.125 T)" "$(jget B_sign_change_T)" 0.125 0.03

head -4 "$tmpd/hanle.csv" >"$tmpd/short.csv"
check "too few points" 2 "$SFHET" hanle --data "$tmpd/short.csv" --L 800nm --fit-bg
expect_err "too few points message" '^sfhet: error: hanle fit: 3 data points'
check "missing file" 2 "$SFHET" hanle --data "$tmpd/nope.csv" --L 800nm
expect_err "missing file named" 'nope.csv'
check "wrong unit" 2 "$SFHET" hanle --L 3K
expect_err "wrong unit names --L" '^sfhet: error: --L'
check "bad config" 2 "$SFHET" hanle --config sideways
expect_err "bad config named" '^sfhet: error: --config'
check "negative tau" 2 "$SFHET" hanle --tau -1ns
expect_err "negative tau named" '^sfhet: error: --tau'
check "curve option in fit mode" 2 "$SFHET" hanle --data "$tmpd/hanle.csv" --L 800nm --B 0:1:3
expect_err "curve option named" '^sfhet: error: --B is for the model curve'
check "fit option without data" 2 "$SFHET" hanle --fit-bg
expect_err "fit option named" '^sfhet: error: --fit-bg needs --data'
check "hanle --help" 0 "$SFHET" hanle --help
grep -q -- '--Bv' "$out" && ok || bad "help lists --Bv"

# spin lifetime (seed 000): Gs = 120 ueV, G0 = 80 ueV
check "spinlife linear" 0 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --combine linear --json
near "linear tau = hbar/40 ueV" "$(jget tau_s)" 1.645529892e-11 1e-9
grep -q '"combine": "linear"' "$out" && ok || bad "combine key"
check "spinlife default quadrature" 0 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --json
near "quadrature rate" "$(jget rate_meV)" 0.0894427191 1e-9
check "spinlife huge error" 0 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --gamma-s-err 1e300 --json
! grep -q null "$out" && ok || bad "no JSON null from a huge error"
check "spinlife overflowing error" 2 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --gamma-s-err 1e308
expect_err "overflow named" '^sfhet: error: --gamma-s-err'
check "spinlife bad rule" 2 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --combine sum
expect_err "bad rule named" '^sfhet: error: --combine'
printf 'B_T,delta_meV,delta_err_meV,gamma_meV,gamma_err_meV,chi2_red\n0,0.86,0.001,0.080,0.002,1\n0.5,0.87,0.001,0.11,0.003,1\n1,0.87,0.001,0.120,0.003,1\n' >"$tmpd/params.csv"
check "spinlife --params" 0 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0T,1T --combine linear --json
near "rate from the table" "$(jget rate_meV)" 0.04 1e-9
near "rate error from the table" "$(jget rate_err_meV)" 0.0036055513 1e-6
check "spinlife --params mT" 0 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,1000mT --json
near "Gs at 1000 mT" "$(jget gamma_s_meV)" 0.12 1e-9
check "spinlife --params off-grid" 0 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,0.6 --json
grep -q 'using the nearest row' "$err" && ok || bad "off-grid --at warns"
check "spinlife --params far" 2 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,3T
expect_err "far --at" '^sfhet: error: --at: no row'
check "spinlife --at unit" 2 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,1K
expect_err "--at unit named" '^sfhet: error: --at'
check "spinlife --params no column" 2 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,1 --param eta
expect_err "--param named" '^sfhet: error: .*--param'
check "spinlife mixed modes" 2 "$SFHET" spinlife --params "$tmpd/params.csv" --at 0,1 --gamma-s 1
expect_err "mixed modes" '^sfhet: error: --gamma-s does not go with --params'

check "tmr" 0 "$SFHET" tmr --P1 0.3 --P2 0.3 --json
near "Julliere TMR" "$(jget TMR)" "$(awk 'BEGIN { printf "%.15g\n", 0.18 / 0.91 }')" 1e-10
check "tmr inverse" 0 "$SFHET" tmr --tmr 0.197802197802 --json
near "P from TMR" "$(jget P)" 0.3 1e-9
check "tmr inverse with P1" 0 "$SFHET" tmr --tmr 0.5 --P1 0.5 --json
near "P2 from TMR" "$(jget P2)" 0.4 1e-9
check "tmr bad P" 2 "$SFHET" tmr --P1 2 --P2 0.1
expect_err "tmr bad P named" '^sfhet: error: --P1'
check "tmr missing P2" 2 "$SFHET" tmr --P1 0.2
expect_err "tmr missing P2" '^sfhet: error: --P1 and --P2'
check "tmr impossible" 1 "$SFHET" tmr --tmr 10 --P1 0.1

finish cli_spin
