#!/usr/bin/env bash
# End-to-end checks of sfhet tamr, weight, hysteresis, arrhenius and spinlife on data with known answers.
# Usage: cli_analysis.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
fails=0; passes=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() {
  local desc=$1 want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $desc: exit $got, expected $want"; cat "$T/err"; fails=$((fails+1))
  else passes=$((passes+1)); fi
}
expect() {
  local desc=$1; shift
  if "$@"; then passes=$((passes+1)); else echo "FAIL: $desc"; echo "  stdout: $(head -c 600 "$T/out")"; echo "  stderr: $(cat "$T/err")"; fails=$((fails+1)); fi
}
json() { python3 -c "import json,sys; d=json.load(open('$T/out')); sys.exit(0 if ($1) else 1)"; }
one_err_line() { [ "$(wc -l <"$T/err")" -eq 1 ] && grep -Eq "$1" "$T/err"; }

# TAMR: G(0 T) = 2 + V, G(1 T) = 1 + V  ->  TAMR = 1/(2 + V); rows shuffled, B column with units
python3 - >"$T/lin.csv" <<'PY'
import random
rows=[(b,v/20,(2 if b==0 else 1)+v/20) for b in (0,0.5,1) for v in range(-20,21)]
random.seed(1); random.shuffle(rows)
print("B_T,V_mV,G"); [print(f"{b},{v},{g}") for b,v,g in rows]
PY
check "tamr" 0 "$SFHET" tamr --data "$T/lin.csv" --sweep B_T --par 0T --perp 1000mT --plot "$T/tamr.png"
expect "tamr header" grep -q '^V_mV,TAMR,G_par,G_perp' "$T/out"
expect "tamr = 1/(2+V)" python3 -c "
import csv; r=[x for x in csv.DictReader(l for l in open('$T/out') if not l.startswith('#'))]
assert len(r)==41 and all(abs(float(x['TAMR'])-1/(2+float(x['V_mV'])))<1e-10 for x in r)"
expect "tamr png" bash -c "head -c 4 '$T/tamr.png' | grep -q PNG"
check "tamr missing field" 2 "$SFHET" tamr --data "$T/lin.csv" --par 0 --perp 3
expect "tamr names --perp" one_err_line '^sfhet: error: --perp: no spectrum at B_T = 3'
check "tamr wrong unit" 2 "$SFHET" tamr --data "$T/lin.csv" --par 0 --perp 1K

# spectral weight of G = 2 + V over [-0.5, 0.7]: 2*1.2 + (0.49 - 0.25)/2 = 2.52
check "weight sweep" 0 "$SFHET" weight --data "$T/lin.csv" --sweep B_T --from -0.5 --to 0.7
expect "weight value" python3 -c "
import csv; r=[x for x in csv.DictReader(l for l in open('$T/out') if not l.startswith('#'))]
assert abs(float(r[0]['W'])-2.52)<1e-12 and abs(float(r[2]['W'])-1.32)<1e-12"
check "weight outside" 2 "$SFHET" weight --data "$T/lin.csv" --sweep B_T --from -5 --to 0.7

# hysteresis: up sweep tanh((B-0.5)/0.2), down sweep tanh((B+0.5)/0.2); amplitude a(T) = 1 - T/6
python3 - >"$T/hyst.csv" <<'PY'
import math
print("T_K,B_T,G,dir")
for T in (1.5,2.5,3.5,4.5,5.5):
    a=1-T/6
    for i in range(201): B=-2+0.02*i; print(f"{T},{B},{a*math.tanh((B-0.5)/0.2)},1")
    for i in range(1,201): B=2-0.02*i; print(f"{T},{B},{a*math.tanh((B+0.5)/0.2)},-1")
PY
grep -E '^(T_K|1.5,)' "$T/hyst.csv" >"$T/h1.csv"
check "hysteresis single" 0 "$SFHET" hysteresis --data "$T/h1.csv" --x B_T --y G --json
expect "dG_max = -2 tanh(2.5) a(1.5) at B = 0" json "abs(d['dG_max']+2*0.75*__import__('math').tanh(2.5))<1e-10 and abs(d['x_at_max'])<1e-10"
check "hysteresis by direction column" 0 "$SFHET" hysteresis --data "$T/h1.csv" --direction dir --plot "$T/h.png"
expect "hysteresis csv" grep -q '^B_T,G_up,G_down,dG' "$T/out"
check "hysteresis groups" 0 "$SFHET" hysteresis --data "$T/hyst.csv" --group T_K --threshold 0.2 --json
expect "T_vanish: 2 tanh(2.5)(1 - T/6) = 0.2" json "abs(d['T_vanish']-6*(1-0.1/__import__('math').tanh(2.5)))<1e-9"
python3 -c "print('B_T,G'); [print(f'{b/10},{b}') for b in range(10)]" >"$T/oneway.csv"
check "hysteresis one direction" 2 "$SFHET" hysteresis --data "$T/oneway.csv"
expect "one direction message" one_err_line '^sfhet: error: hysteresis: need at least 2 points in each sweep direction'

# Arrhenius: G = 3 exp(-0.72 meV / kB T) -> Ea = 0.72 meV
python3 -c "
import math; kB=8.617333262e-2
print('T_K,G0'); [print(f'{T/10},{3*math.exp(-0.72/(kB*T/10))}') for T in range(15,100,5)]" >"$T/arr.csv"
check "arrhenius" 0 "$SFHET" arrhenius --data "$T/arr.csv" --x T_K --y G0 --Tmax 6K --json
expect "Ea = 0.72 meV" json "abs(d['Ea_meV']-0.72)<1e-9 and d['n_points']==10 and 'Ea_err_meV' in d"
check "arrhenius empty window" 2 "$SFHET" arrhenius --data "$T/arr.csv" --x T_K --y G0 --Tmin 20 --Tmax 30

# spin lifetime: Gs = 120 ueV, G0 = 80 ueV -> hbar/tau = sqrt(0.0144 - 0.0064) meV
check "spinlife" 0 "$SFHET" spinlife --gamma-s 120ueV --gamma-0 80ueV --json
expect "spinlife tau" json "abs(d['rate_meV']-0.008**0.5)<1e-12 and abs(d['tau_s']-6.582119569e-13/0.008**0.5)<1e-22"
check "spinlife Gs < G0" 2 "$SFHET" spinlife --gamma-s 70ueV --gamma-0 80ueV
echo "cli_analysis: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
