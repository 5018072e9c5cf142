#!/usr/bin/env bash
# End-to-end checks of `sfhet device`: contract columns, B = 0 against `sfhet didv --model isingqc`
# with b || c = lambda and the self-consistent gap of `sfhet isingqc gap`, above H_K against the
# in-plane case, per-field and TAMR files, a quick fit (keys, warning when the fields miss H_K, the same
# JSON on 1 and 2 threads), and bad input (exit 2, one line naming the option).
# Usage: cli_device.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
expect() { if grep -Eq -- "$2" "$out"; then ok; else bad "$1: $(head -c 600 "$out")"; fi; }
json() { if $PY -c "import json,sys; d=json.load(open('$out')); sys.exit(0 if ($2) else 1)" 2>/dev/null; then ok
  else bad "$1: $(head -c 400 "$out")"; fi; }
M="--Tc0 5.66K --T 1.5K --lambda 0.4meV --HK 0.35T --dso 1meV --eta 0.3meV --gamma0 0.05meV --vac 0.02mV --P 0.2"

check "device map" 0 "$SFHET" device --B 0,0.5 --V -2.5:2.5:26 $M --per-field "$tmpd/pf.csv" --tamr "$tmpd/tamr.csv"
expect "map columns" '^B_T,direction,V_mV,G$'
cp "$out" "$tmpd/map.csv"
rows=$(grep -v '^#' "$tmpd/map.csv" | tail -n +2 | wc -l)
[ "$rows" -eq 52 ] && ok || bad "52 map rows, got $rows"
grep -q '^B_T,direction,theta_m_deg,b_meV,theta_b_deg,delta_meV,peak_mV,fwhm_mV,weight_mV$' "$tmpd/pf.csv" && ok || bad "per-field header"
grep -q '^V_mV,TAMR$' "$tmpd/tamr.csv" && ok || bad "tamr header"
if grep -Eiq 'nan|inf' <(grep -v '^#' "$tmpd/map.csv"); then bad "non-finite numbers in the map"; else ok; fi

# B = 0: didv isingqc with b || c = lambda and delta from isingqc gap; B = 0.5 T > HK: b = lambda + muB B in plane
cmp_didv() { # field, b_meV, theta
  local d
  d=$("$SFHET" isingqc gap --Tc0 5.66K --T 1.5K --b "$2" --theta "$3" --dso 1 --eta 0.3 --json | $PY -c "import json,sys; print(repr(json.load(sys.stdin)['delta_meV']))")
  "$SFHET" didv --junction sis --model isingqc --delta "$d" --b "$2" --theta "$3" --dso 1 --eta 0.3 --gamma 0.05 \
    --T 1.5K --vac 0.02 --P 0.2 --V -2.5:2.5:26 | grep -v '^#' >"$tmpd/ref.csv"
  if $PY - "$tmpd/map.csv" "$tmpd/ref.csv" "$1" <<'PYEOF'; then ok; else bad "device at B = $1 T differs from didv isingqc b=$2 theta=$3"; fi
import csv, sys
m = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#')) if float(r['B_T']) == float(sys.argv[3])]
r = list(csv.DictReader(open(sys.argv[2])))
assert len(m) == len(r) == 26
sys.exit(0 if all(abs(float(a['G']) - float(b['G'])) < 1e-6 * max(1, abs(float(b['G']))) for a, b in zip(m, r)) else 1)
PYEOF
}
cmp_didv 0 0.4 0
cmp_didv 0.5 "$($PY -c 'print(repr(0.4 + 5.7883818060e-2 * 0.5))')" 90

# lambda as an equivalent field: 0.4 meV = 0.4/muB T
check "lambda in T" 0 "$SFHET" device --B 0 --V -2.5:2.5:26 --Tc0 5.66K --T 1.5K --lambda "$($PY -c 'print(0.4/5.7883818060e-2)')T" \
  --HK 0.35T --dso 1meV --eta 0.3meV --gamma0 0.05meV --vac 0.02mV --P 0.2
if $PY - "$out" "$tmpd/map.csv" <<'PYEOF'; then ok; else bad "--lambda in T differs from meV"; fi
import csv, sys
a = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#')))
b = [r for r in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith('#')) if float(r['B_T']) == 0]
sys.exit(0 if all(abs(float(x['G']) - float(y['G'])) < 1e-9 for x, y in zip(a, b)) else 1)
PYEOF

# fit: fields below H_K only -> warning; keys
"$SFHET" device --B 0,0.1,0.2 --V -2.5:2.5:26 $M | $PY -c "
import sys, random
random.seed(7)
for l in sys.stdin:
    if l.startswith('#') or l.startswith('B_T'): sys.stdout.write(l); continue
    b, d, v, g = l.strip().split(','); print(b, d, v, repr(float(g) * (1 + 0.01 * random.gauss(0, 1))), sep=',')
" >"$tmpd/low.csv"
check "fit below HK" 0 "$SFHET" device --fit --data "$tmpd/low.csv" --free lambda,gamma0 $M --json
json "fit keys" "all(k in d for k in ('lambda','lambda_err','gamma0','gamma0_err','chi2_red','converged','correlation'))"
"$SFHET" device --fit --data "$tmpd/low.csv" --free lambda,HK $M --json --max-evals 40 >"$out" 2>"$err"
grep -q 'H_K is unconstrained' "$err" && ok || bad "no H_K warning: $(cat "$err")"
# the fit does not depend on the thread count: the same JSON, byte for byte, on 1 and 2 threads
"$SFHET" device --fit --data "$tmpd/low.csv" --free lambda,eta,gamma0 $M --json --threads 1 >"$tmpd/fit1.json" 2>/dev/null
"$SFHET" device --fit --data "$tmpd/low.csv" --free lambda,eta,gamma0 $M --json --threads 2 >"$tmpd/fit2.json" 2>/dev/null
if [ -s "$tmpd/fit1.json" ] && cmp -s "$tmpd/fit1.json" "$tmpd/fit2.json"; then ok
else bad "device --fit --threads 1 and --threads 2 differ: $(diff "$tmpd/fit1.json" "$tmpd/fit2.json" | head -c 600)"; fi

# bad input: exit 2, one line naming the option
check "no B" 2 "$SFHET" device $M
expect_err "no B" '^sfhet: error: .*--B'
check "bad sweep" 2 "$SFHET" device --B 0 --sweep sideways $M
expect_err "bad sweep" '^sfhet: error: .*--sweep'
check "negative HK" 2 "$SFHET" device --B 0 --Tc0 5.66K --T 1.5K --HK -1T
expect_err "negative HK" '^sfhet: error: .*--HK'
check "lambda unit" 2 "$SFHET" device --B 0 --lambda 3furlongs
expect_err "lambda unit" '^sfhet: error: .*--lambda'
check "T above Tc0" 2 "$SFHET" device --B 0 --Tc0 5K --T 6K
expect_err "T above Tc0" '^sfhet: error: .*--T'
check "fit no data" 2 "$SFHET" device --fit --free lambda
expect_err "fit no data" '^sfhet: error: .*--data'
check "fit bad free" 2 "$SFHET" device --fit --data "$tmpd/low.csv" --free lambda,nope
expect_err "fit bad free" '^sfhet: error: .*--free'
check "fit missing file" 2 "$SFHET" device --fit --data "$tmpd/none.csv" --free lambda
expect_err "fit missing file" '^sfhet: error: '
check "help" 0 "$SFHET" device --help
expect "help names lambda" 'lambda'
finish cli_device
