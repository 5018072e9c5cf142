#!/usr/bin/env bash
# End-to-end checks of sfhet gap and sfhet pairbreak: columns, known values, fits recovering synthetic
# parameters, and bad input (exit 2 naming the option or file:line).
# Usage: cli_thermo.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
expect() { # description, python expression over rows (list of dicts) or obj (JSON)
  if /usr/bin/python3 - "$out" "$2" <<'PY'
import sys, json, csv
text = open(sys.argv[1]).read()
try:
    obj = json.loads(text)
except ValueError:
    obj = None
lines = [l for l in text.splitlines() if not l.startswith('#')]
rows = list(csv.DictReader(lines)) if obj is None else []
rows = [{k: float(v) for k, v in r.items()} for r in rows]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
  then passes=$((passes+1)); else echo "FAIL: $1: $2"; head -c 600 "$out"; fails=$((fails+1)); fi
}

# --- gap ---
check "gap table" 0 "$SFHET" gap --Tc 7.2 --T 0:7.2:9
expect "gap header and rows" "len(rows) == 9 and list(rows[0]) == ['T_K', 'Delta_meV']"
expect "Delta0 = pi e^-gamma kTc" "abs(rows[0]['Delta_meV'] - 1.7638769888620456*0.08617333262*7.2) < 1e-9"
expect "Delta(Tc) = 0" "rows[-1]['Delta_meV'] == 0"
check "gap scaled" 0 "$SFHET" gap --Tc 7.2K --T 0,3.6 --delta0 1.2meV
expect "scaled Delta0" "abs(rows[0]['Delta_meV'] - 1.2) < 1e-12 and abs(rows[1]['Delta_meV']/1.2 - 1.04720883522/1.09439394093) < 1e-9"
check "gap mK units" 0 "$SFHET" gap --Tc 7200mK --T 3600mK
expect "mK" "abs(rows[0]['Delta_meV'] - 1.04720883522) < 1e-9"
check "gap no Tc" 2 "$SFHET" gap --T 1:2:3
expect_err "gap no Tc" '^sfhet: error: --Tc'
check "gap negative Tc" 2 "$SFHET" gap --Tc -1 --T 1
expect_err "gap negative Tc" '^sfhet: error: --Tc'
check "gap negative T" 2 "$SFHET" gap --Tc 7 --T -1
expect_err "gap negative T" '^sfhet: error: --T'
check "gap wrong unit" 2 "$SFHET" gap --Tc 3meV --T 1
expect_err "gap wrong unit" '^sfhet: error: --Tc: .*energy'
check "gap help" 0 "$SFHET" gap --help
grep -q -- '--delta0' "$out" || { echo "FAIL: gap help lists --delta0"; fails=$((fails+1)); }

# --- gap --fit: synthetic data from the forward model (Tc 6.8 K, Delta0 1.05 meV) plus fixed noise ---
"$SFHET" gap --Tc 6.8 --delta0 1.05 --T 0.6:6.6:25 | grep -v '^#' >"$tmpd/gap.csv"
/usr/bin/python3 - "$tmpd/gap.csv" <<'PY'
import sys, random
random.seed(7)
rows = open(sys.argv[1]).read().splitlines()
with open(sys.argv[1], 'w') as f:
    f.write('T_K,Delta_meV,err\n')
    for r in rows[1:]:
        T, D = map(float, r.split(','))
        f.write('%.6f,%.6f,0.01\n' % (T, D + random.gauss(0, 0.01)))
PY
check "gap fit" 0 "$SFHET" gap --fit --data "$tmpd/gap.csv" --x T_K --y Delta_meV --sigma err --json
expect "gap fit recovers" "abs(obj['Tc_K']-6.8) < 4*obj['Tc_err_K'] and abs(obj['delta0_meV']-1.05) < 4*obj['delta0_err_meV'] and 0 < obj['Tc_err_K'] < 0.1 and obj['converged']"
check "gap fit text" 0 "$SFHET" gap --fit --data "$tmpd/gap.csv" --x 1 --y 2
grep -q '^Tc_K' "$out" || { echo "FAIL: gap fit text output"; fails=$((fails+1)); }
printf 'T_K,Delta_meV\n1,1\n2,0.9\n' >"$tmpd/few.csv"
check "gap fit too few" 2 "$SFHET" gap --fit --data "$tmpd/few.csv" --json
expect_err "gap fit too few" '^sfhet: error: .*few.csv.*at least 3'
printf 'T_K,Delta_meV\n1,1\n0,0.9\n3,0.8\n4,0.5\n' >"$tmpd/zero.csv"
check "gap fit T=0" 2 "$SFHET" gap --fit --data "$tmpd/zero.csv" --json
expect_err "gap fit T=0 names line" '^sfhet: error: .*zero.csv:3: temperature'
check "gap fit no data" 2 "$SFHET" gap --fit --json
expect_err "gap fit no data" '^sfhet: error: --fit needs --data'
check "gap fit missing column" 2 "$SFHET" gap --fit --data "$tmpd/gap.csv" --y nope --json
expect_err "gap fit missing column" '^sfhet: error: .*--y'

# --- pairbreak ---
check "AG" 0 "$SFHET" pairbreak --Tc0 7 --alpha 0,0.3,0.531997,0.6
expect "AG values" "list(rows[0]) == ['alpha_meV','Tc_K'] and rows[0]['Tc_K'] == 7 and abs(rows[1]['Tc_K'] - 4.02667618198) < 1e-9 and 0 < rows[2]['Tc_K'] < 0.01 and rows[3]['Tc_K'] == 0"
check "Zeeman" 0 "$SFHET" pairbreak --Tc0 1 --zeeman 0.05meV,90ueV
expect "Zeeman values" "abs(rows[0]['Tc_K'] - 0.921901905791) < 1e-9 and abs(rows[1]['Tc_K'] - 0.625795007730) < 1e-9 and abs(rows[0]['B_T'] - 0.05/0.057883818060) < 1e-9"
check "orbital perp" 0 "$SFHET" pairbreak --Tc0 7 --B 0,3 --D 1e-4 --orientation perpendicular
expect "orbital perp = AG(0.3 meV)" "abs(rows[1]['Tc_K'] - 4.02667618198) < 1e-9 and abs(rows[1]['alpha_meV'] - 0.3) < 1e-12"
check "orbital parallel cm2/s" 0 "$SFHET" pairbreak --Tc0 7 --B 0:20:5 --D 1cm2/s --thickness 5nm --orientation parallel
expect "orbital parallel decreasing" "all(rows[i+1]['Tc_K'] < rows[i]['Tc_K'] for i in range(4))"
check "parallel needs thickness" 2 "$SFHET" pairbreak --Tc0 7 --B 1 --D 1e-4 --orientation parallel
expect_err "parallel needs thickness" '^sfhet: error: --thickness'
check "negative D" 2 "$SFHET" pairbreak --Tc0 7 --B 1 --D -1e-4
expect_err "negative D" '^sfhet: error: --D'
check "bad orientation" 2 "$SFHET" pairbreak --Tc0 7 --B 1 --D 1e-4 --orientation sideways
expect_err "bad orientation" '^sfhet: error: --orientation'
check "two modes" 2 "$SFHET" pairbreak --Tc0 7 --alpha 0.1 --zeeman 0.1
expect_err "two modes" '^sfhet: error: give exactly one'
check "pauli boundary" 0 "$SFHET" pairbreak --Tc0 1 --pauli-boundary --T 0,0.3,0.8,1
expect "pauli CC and orders" "abs(rows[0]['h_meV'] - 1.7638769888620456*0.08617333262/2**0.5) < 1e-12 and rows[0]['order'] == 1 and rows[1]['order'] == 1 and rows[2]['order'] == 2 and rows[3]['h_meV'] == 0"
check "pauli default T" 0 "$SFHET" pairbreak --Tc0 1 --pauli-boundary
expect "pauli 41 rows" "len(rows) == 41"
check "ising" 0 "$SFHET" pairbreak --Tc0 3 --ising-lambda 2meV --T 1,2.5
expect "ising mpmath" "abs(rows[0]['h_meV'] - 1.364418881159) < 1e-9 and abs(rows[1]['h_meV'] - 0.576788956110) < 1e-9"
check "ising needs T" 2 "$SFHET" pairbreak --Tc0 3 --ising-lambda 2
expect_err "ising needs T" '^sfhet: error: --ising-lambda needs --T'
check "ising T=0" 2 "$SFHET" pairbreak --Tc0 3 --ising-lambda 2 --T 0
expect_err "ising T=0" '^sfhet: error: --T'

# --- pairbreak fits: synthetic Tc(B) (D = 3e-5 m^2/s, Tc0 = 6.5 K) and Ising Bc2(T) (lambda 2 meV, Tc0 3 K)
"$SFHET" pairbreak --Tc0 6.5 --B 0:5:15 --D 3e-5 | grep -v '^#' >"$tmpd/tcb.csv"
"$SFHET" pairbreak --Tc0 3 --ising-lambda 2 --T 0.4:2.9:12 | grep -v '^#' >"$tmpd/is.csv"
/usr/bin/python3 - "$tmpd" <<'PY'
import sys, random, csv
random.seed(11)
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/tcb.csv')))
with open(d + '/tcb.csv', 'w') as f:
    f.write('B_T,Tc_K\n')
    for r in rows: f.write('%s,%.6f\n' % (r['B_T'], float(r['Tc_K']) + random.gauss(0, 0.01)))
rows = list(csv.DictReader(open(d + '/is.csv')))
with open(d + '/is.csv', 'w') as f:
    f.write('T_K\tB_T\n')
    for r in rows: f.write('%s\t%.6f\n' % (r['T_K'], float(r['B_T']) * (1 + random.gauss(0, 0.01))))
PY
check "orbital fit" 0 "$SFHET" pairbreak --fit orbital --data "$tmpd/tcb.csv" --json
expect "orbital fit recovers" "abs(obj['D_m2s']-3e-5) < 4*obj['D_err_m2s'] and abs(obj['Tc0_K']-6.5) < 4*obj['Tc0_err_K'] and obj['xi_GL0_nm'] > 0 and obj['xi_GL0_err_nm'] > 0"
check "ising fit" 0 "$SFHET" pairbreak --fit ising --data "$tmpd/is.csv" --json
expect "ising fit recovers" "abs(obj['lambda_meV']-2) < 4*obj['lambda_err_meV'] and abs(obj['Tc0_K']-3) < 4*obj['Tc0_err_K']"
check "ising fit Tc0 fixed" 0 "$SFHET" pairbreak --fit ising --data "$tmpd/is.csv" --Tc0 3 --json
expect "ising fit Tc0 fixed" "obj['Tc0_K'] == 3 and obj['Tc0_err_K'] == 0 and abs(obj['lambda_meV']-2) < 4*obj['lambda_err_meV']"
check "fit kind" 2 "$SFHET" pairbreak --fit magic --data "$tmpd/is.csv"
expect_err "fit kind" '^sfhet: error: --fit'
printf 'B_T,Tc_K\n0,6\n1,0\n2,4\n' >"$tmpd/bad.csv"
check "orbital fit Tc=0" 2 "$SFHET" pairbreak --fit orbital --data "$tmpd/bad.csv" --json
expect_err "orbital fit Tc=0 names line" '^sfhet: error: .*bad.csv:3: Tc'
check "fit unreadable" 2 "$SFHET" pairbreak --fit orbital --data "$tmpd/none.csv"
expect_err "fit unreadable" '^sfhet: error: .*none.csv'

finish cli_thermo
