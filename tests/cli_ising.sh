#!/usr/bin/env bash
# End-to-end checks of `sfhet ising`: contract columns and keys, exit codes, one-line errors.
# Usage: cli_ising.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
expect() { # description, grep -E pattern on stdout
  if grep -Eq -- "$2" $out; then passes=$((passes+1)); else echo "FAIL: $1"; head -40 $out; fails=$((fails+1)); fi
}
check "lambda json" 0 "$SFHET" ising lambda --json
expect "lambda 77.16 meV" '"lambda_soc_meV": 77\.16'
check "lambda with phi0" 0 "$SFHET" ising lambda --phi0 0.3 --json
expect "lambda scales with sin phi0" '"lambda_soc_meV": 40\.3'
check "bands" 0 "$SFHET" ising bands --k GMKG:31
expect "bands header" '^k_index,kx,ky,xi_up_meV,xi_down_meV$'
rows=$(grep -v '^#' $out | tail -n +2 | wc -l)
[ "$rows" -eq 31 ] && passes=$((passes+1)) || { echo "FAIL: 31 band rows, got $rows"; fails=$((fails+1)); }
expect "bands Gamma point" '^0,0,0,464\.93'
check "bands bad path" 2 "$SFHET" ising bands --k GXY
expect_err "bands bad path message" '^sfhet: error: --k'
check "gap json" 0 "$SFHET" ising gap --T 1.5K --json --rtol 1e-3
expect "gap delta key" '"delta_meV": 0\.44'
expect "gap Tc0 key" '"Tc0_K": 3\.06'
check "gap at T = 0" 0 "$SFHET" ising gap --T 0 --json
expect "T = 0 gives delta0" '"delta_meV": 0\.4653,'
check "jc at T = 0" 0 "$SFHET" ising jc --T 0 --theta 0 --rtol 1e-3
expect "jc at T = 0: Pauli limit" '^0,0\.329[0-9]*,1$'
check "gap first-order region" 0 "$SFHET" ising gap --T 0.1 --J 0.3 --theta 0 --json --rtol 1e-3
expect "metastable normal state listed" '"kind": "metastable"'
expect "unstable solution listed" '"kind": "unstable"'
check "gap negative T" 2 "$SFHET" ising gap --T -1
expect_err "negative T named" '^sfhet: error: --T'
check "gap J wrong unit" 2 "$SFHET" ising gap --T 1 --J 3K
expect_err "J unit named" '^sfhet: error: --J'
check "gap missing T" 2 "$SFHET" ising gap
expect_err "missing T named" '^sfhet: error: --T'
check "tc" 0 "$SFHET" ising tc --J 0,0.1 --theta 90 --rtol 1e-3
expect "tc header" '^J_meV,Tc_K$'
expect "tc row" '^0,3\.06'
check "chi" 0 "$SFHET" ising chi --T 1,2.5 --rtol 1e-3
expect "chi header" '^T_K,chi_par,chi_perp$'
check "chi T=0 rejected" 2 "$SFHET" ising chi --T 0,1
expect_err "chi T=0 message" '^sfhet: error: --T'
check "free-energy" 0 "$SFHET" ising free-energy --T 1 --J 0.05 --theta 0,90 --phi 0,30 --rtol 1e-3
expect "free-energy header" '^theta_deg,phi_deg,f_sn_meV$'
rows=$(grep -v '^#' $out | tail -n +2 | wc -l)
[ "$rows" -eq 4 ] && passes=$((passes+1)) || { echo "FAIL: 4 free-energy rows, got $rows"; fails=$((fails+1)); }
check "free-energy needs J" 2 "$SFHET" ising free-energy --T 1
expect_err "free-energy J message" '^sfhet: error: --J'
check "fermi json" 0 "$SFHET" ising fermi --json
expect "fermi N0 key" '"N0_per_meV_per_spin": 0\.000967'
check "fermi surface" 0 "$SFHET" ising fermi --n 12
expect "fermi header" '^pocket,spin,kx,ky$'
rows=$(grep -v '^#' $out | tail -n +2 | wc -l)
[ "$rows" -eq 72 ] && passes=$((passes+1)) || { echo "FAIL: 72 Fermi-surface rows, got $rows"; fails=$((fails+1)); }
check "jc" 0 "$SFHET" ising jc --T 0.05 --theta 0 --rtol 1e-3
expect "jc header" '^theta_deg,Jc_meV,first_order$'
expect "jc Pauli limit, first order" '^0,0\.32[0-9]*,1$'
check "help" 0 "$SFHET" ising gap --help
expect "help lists model options" '--phi0'
expect "help lists delta0" '--delta0'
check "unknown subcommand" 2 "$SFHET" ising frobnicate
expect_err "unknown subcommand message" '^sfhet: error: ising: unknown subcommand'
check "bad model parameter" 2 "$SFHET" ising lambda --phi0 7
expect_err "phi0 bound named" '^sfhet: error: --phi0'
# issue 16.4: --lambda (λ_soc in meV) on every subcommand, reported back
check "lambda reported back" 0 "$SFHET" ising lambda --lambda 69.8meV --json
expect "lambda_soc_meV 69.8" '"lambda_soc_meV": 69\.8,?$'
for sub in bands fermi gap tc chi free-energy jc; do
  "$SFHET" ising $sub --help >$out 2>$err && grep -q -- '--lambda' $out && ok || bad "ising $sub --help lists --lambda"
done
check "lambda with phi0" 2 "$SFHET" ising gap --T 1 --lambda 70 --phi0 0.3
expect_err "lambda/phi0 message" '^sfhet: error: --lambda and --phi0'
check "lambda out of reach" 2 "$SFHET" ising lambda --lambda 200
expect_err "lambda bound message" '^sfhet: error: --lambda: 200 meV'
check "lambda wrong unit" 2 "$SFHET" ising lambda --lambda 3K
expect_err "lambda unit message" '^sfhet: error: --lambda'
# λ = 150 Δ0 through --lambda equals the φ0 route
check "gap at lambda = 150 D0" 0 "$SFHET" ising gap --T 1.5 --lambda 69.795 --json --rtol 1e-3
d1=$(grep -m1 '"delta_meV"' $out | sed 's/.*: *//; s/,//')
check "gap at phi0 for 150 D0" 0 "$SFHET" ising gap --T 1.5 --phi0 $(awk 'BEGIN{x=69.795/(3*sqrt(3)*26.3); printf "%.15g", atan2(x, sqrt(1-x*x))}') --json --rtol 1e-3
d2=$(grep -m1 '"delta_meV"' $out | sed 's/.*: *//; s/,//')
[ -n "$d1" ] && [ "$d1" = "$d2" ] && ok || bad "--lambda and --phi0 give the same Δ ($d1 vs $d2)"
# issue 16.5: --weak-soc, eq. C8 averaged over the Fermi surface; at λ = 2Δ0 it matches the lattice
check "chi weak soc" 0 "$SFHET" ising chi --lambda 0.9306 --T 0.245 --weak-soc --rtol 1e-5
expect "chi weak-soc header" '^T_K,chi_par,chi_perp,chi_par_c8$'
row=$(grep -v '^#' $out | tail -1)
awk -F, -v r="$row" 'BEGIN{split(r,a,","); d=a[2]-a[4]; exit !(d<1e-4 && d>-1e-4 && a[2]>0.3242 && a[2]<0.3243)}' && ok || bad "C8 average vs lattice at λ = 2Δ0: $row"
check "gap text output" 0 "$SFHET" ising gap --T 1.5 --rtol 1e-3
expect "gap text lines" '^delta_meV = 0\.44'
# ising map: Δ on a (T, J, θ) grid, the same numbers as ising gap point by point, any thread count
check "map" 0 "$SFHET" ising map --T 1,2.5 --J 0,0.3 --theta 0,90 --rtol 1e-3 --threads 2
expect "map header" '^T_K,J_meV,theta_deg,delta_meV$'
grep -v '^#' $out | tail -n +2 > $tmpd/map2.csv
[ "$(wc -l < $tmpd/map2.csv)" -eq 8 ] && ok || bad "map: 8 rows"
for pt in "1 0.3 0" "2.5 0.3 90" "2.5 0 0"; do
  set -- $pt
  d=$("$SFHET" ising gap --T $1 --J $2 --theta $3 --rtol 1e-3 --json | grep -m1 '"delta_meV"' | sed 's/.*: *//; s/,//')
  m=$(awk -F, -v T=$1 -v J=$2 -v a=$3 '$1==T && $2==J && $3==a {print $4}' $tmpd/map2.csv)
  awk -v x="$d" -v y="$m" 'BEGIN{d=x-y; if(d<0)d=-d; exit !(y!="" && d<=1e-11*(x<0?-x:x)+1e-15)}' && ok || bad "map at $pt: $m, gap $d"
done
check "map, one thread" 0 "$SFHET" ising map --T 1,2.5 --J 0,0.3 --theta 0,90 --rtol 1e-3 --threads 1
grep -v '^#' $out | tail -n +2 | cmp -s - $tmpd/map2.csv && ok || bad "map: 1 and 2 threads differ"
check "map negative J" 2 "$SFHET" ising map --T 1 --J -1 --theta 0
expect_err "map J message" '^sfhet: error: .*--J'
finish cli_ising
