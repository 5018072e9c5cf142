#!/usr/bin/env bash
# End-to-end checks of the isingqc DOS model in dos/didv/synth/fit and of `sfhet isingqc`: contract
# columns and keys, exit codes and one-line errors, and the recovery of b and eta from noisy synthetic
# SIS spectra (5 noise seeds: every estimate within 4 sigma, the spread comparable to the errors).
# Usage: cli_isingqc.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
expect() { # description, grep -E pattern on stdout
  if grep -Eq -- "$2" "$out"; then ok; else bad "$1: $(head -c 600 "$out")"; fi
}
json() { # description, python expression on d = the JSON on stdout
  if $PY -c "import json,sys; d=json.load(open('$out')); sys.exit(0 if ($2) else 1)" 2>/dev/null; then ok
  else bad "$1: $(head -c 400 "$out")"; fi
}

# DOS model in the registry
check "dos isingqc" 0 "$SFHET" dos --model isingqc --gamma 0.03 --b 0.2 --theta 0 --E -2:2:41
expect "dos columns" '^E_meV,N,N_up,N_down$'
rows=$(grep -v '^#' "$out" | tail -n +2 | wc -l)
[ "$rows" -eq 41 ] && ok || bad "41 dos rows, got $rows"
# b || c: the Zeeman-split Dynes DOS of the zeeman model (h = b)
"$SFHET" dos --model zeeman --gamma 0.03 --h 0.2 --E -2:2:41 | grep -v '^#' >"$tmpd/zee.csv"
grep -v '^#' "$out" >"$tmpd/qc.csv"
if $PY - "$tmpd/qc.csv" "$tmpd/zee.csv" <<'EOF'; then ok; else bad "isingqc b||c differs from zeeman"; fi
import csv, sys
a = list(csv.DictReader(open(sys.argv[1]))); b = list(csv.DictReader(open(sys.argv[2])))
sys.exit(0 if all(abs(float(x[k]) - float(y[k])) < 1e-8 for x, y in zip(a, b) for k in ("N", "N_up", "N_down")) else 1)
EOF
check "dos gamma pocket (integer soc)" 0 "$SFHET" dos --model isingqc --gamma 0.05 --b 0.2 --dso 1 --soc 1 --E 0.5,1
check "dos negative rate" 2 "$SFHET" dos --model isingqc --eta_z -0.1
expect_err "negative rate named" '^sfhet: error: --eta_z'
check "dos theta out of range" 2 "$SFHET" dos --model isingqc --theta 190
expect_err "theta named" '^sfhet: error: --theta'

# junction with spin filtering along the magnet
check "didv sis isingqc P" 0 "$SFHET" didv --junction sis --model isingqc --gamma 0.03 --b 0.1 --theta 0 \
  --T 1.5 --P 0.6 --V -3:3:61
expect "didv columns" '^V_mV,G'
check "didv |P| > 1" 2 "$SFHET" didv --junction sis --model isingqc --gamma 0.03 --T 1.5 --P 1.5 --V 0:1:3
expect_err "P named" '^sfhet: error: --P'

# sfhet isingqc
check "gap json" 0 "$SFHET" isingqc gap --Tc0 7 --T 3.5 --eta 1 --json
json "gap: BCS delta(T/Tc = 0.5), Anderson" "abs(d['delta_meV'] - 1.0181197) < 1e-6 and d['solutions'][0]['kind'] == 'stable'"
check "gap text" 0 "$SFHET" isingqc gap --Tc0 7 --T 0.7 --b 0.744848 --theta 0
expect "gap first-order region: metastable superconductor listed" '^metastable: delta = 1\.06'
check "gap missing Tc0" 2 "$SFHET" isingqc gap --T 3
expect_err "Tc0 named" '^sfhet: error: --Tc0'
check "gap negative eta" 2 "$SFHET" isingqc gap --Tc0 7 --T 3 --eta -1
expect_err "eta named" '^sfhet: error: --eta'
check "gap bad soc" 2 "$SFHET" isingqc gap --Tc0 7 --T 3 --soc ring
expect_err "soc named" '^sfhet: error: --soc'
check "gap too cold to sum" 1 "$SFHET" isingqc gap --Tc0 7 --T 1e-6
expect_err "non-convergence with advice" '^sfhet: error: .*raise --T'
check "tc" 0 "$SFHET" isingqc tc --Tc0 7 --b 0,1 --theta 90
expect "tc header" '^b_meV,Tc_K,B_T$'
expect "tc clean at b = 0" '^0,7,0$'
check "bc" 0 "$SFHET" isingqc bc --Tc0 7 --T 1.4 --phi 0,90 --dso 12 --eta_x 0.15
expect "bc header" '^phi_deg,bc_meV,Bc_T$'
check "peaks" 0 "$SFHET" isingqc peaks --Tc0 7 --T 3.5 --b 0,0.2 --theta 0 --gamma 0.012 --eta 0.6
expect "peaks header" '^b_meV,delta_meV,peak_mV,fwhm_mV$'
expect "peaks: 2 delta at b = 0" '^0,1\.00[0-9]*,2\.00'
check "peaks need gamma" 2 "$SFHET" isingqc peaks --Tc0 7 --T 3.5 --b 0
expect_err "gamma named" '^sfhet: error: --gamma'
check "flop json" 0 "$SFHET" isingqc flop --Tc0 6.2 --json
json "flop temperatures" "abs(d['T_unitary_K'] - 6.2 * (1 - (0.85 / 1.5) ** 2)) < 1e-9 and 0 < d['T_hyst_K'] <= d['T_unitary_K'] + 1e-9"
check "flop loops" 0 "$SFHET" isingqc flop --Tc0 6.2 --T 1.5 --B -6:6:241
expect "flop header" '^B_T,direction,theta_deg,gamma_eff_meV$'
rows=$(grep -v '^#' "$out" | tail -n +2 | wc -l)
[ "$rows" -eq 482 ] && ok || bad "482 flop rows, got $rows"
check "flop needs T" 2 "$SFHET" isingqc flop --Tc0 6.2
expect_err "T named" '^sfhet: error: --T'
check "unknown subcommand" 2 "$SFHET" isingqc nope
expect_err "subcommand named" '^sfhet: error: isingqc: unknown subcommand'

# recovery of b and eta from noisy SIS data (in-plane b, small dso so that eta matters)
P="--junction sis --model isingqc --gamma 0.03 --dso 0.3 --theta 90 --T 1.5 --vac 0.04"
for seed in 1 2 3 4 5; do
  "$SFHET" synth $P --delta 0.86 --b 0.2 --eta 0.3 --V -3:3:201 --noise 0.005 --seed $seed -o "$tmpd/s$seed.csv"
  check "fit seed $seed" 0 "$SFHET" fit --data "$tmpd/s$seed.csv" --x V_mV --y G $P --free b,eta --json
  cp "$out" "$tmpd/f$seed.json"
  json "fit seed $seed within 4 sigma" "d['converged'] and abs(d['b'] - 0.2) < 4 * d['b_err'] and abs(d['eta'] - 0.3) < 4 * d['eta_err']"
done
if $PY - "$tmpd" <<'EOF'; then ok; else bad "spread of the estimates does not match the reported errors"; fi
import json, statistics as st, sys
d = [json.load(open(f"{sys.argv[1]}/f{s}.json")) for s in range(1, 6)]
for k in ("b", "eta"):
    spread, err = st.stdev(x[k] for x in d), st.mean(x[k + "_err"] for x in d)
    if not 0.25 < spread / err < 3.0: sys.exit(1)
EOF
# at T = Tc0 (b = 0) g(0) is zero to rounding: the normal state, not a failed root search
check "gap at T = Tc0" 0 "$SFHET" isingqc gap --Tc0 7 --T 7
grep -q "delta = 0 meV (stable)" "$out" && ok || bad "gap at T = Tc0: not the stable normal state: $(cat "$out")"
# isingqc map: Δ on a (T, b, θ) grid, the same numbers as isingqc gap point by point, any thread count
check "map" 0 "$SFHET" isingqc map --Tc0 6.5 --T 2,5 --b 0,1 --theta 0,90 --eta 1 --threads 2
expect "map header" '^T_K,b_meV,theta_deg,delta_meV,B_T$'
grep -v '^#' "$out" | tail -n +2 > "$tmpd/qmap.csv"
[ "$(wc -l < "$tmpd/qmap.csv")" -eq 8 ] && ok || bad "map: 8 rows"
for pt in "2 1 90" "5 1 90" "2 1 0" "5 0 0"; do
  set -- $pt
  d=$("$SFHET" isingqc gap --Tc0 6.5 --T $1 --b $2 --theta $3 --eta 1 --json | grep -m1 '"delta_meV"' | sed 's/.*: *//; s/,//')
  m=$(awk -F, -v T=$1 -v b=$2 -v a=$3 '$1==T && $2==b && $3==a {print $4}' "$tmpd/qmap.csv")
  awk -v x="$d" -v y="$m" 'BEGIN{d=x-y; if(d<0)d=-d; exit !(y!="" && d<=1e-11*(x<0?-x:x)+1e-15)}' && ok || bad "map at $pt: $m, gap $d"
done
awk -F, '$1==2 && $2==1 && $3==0 {exit !($4==0)} ' "$tmpd/qmap.csv" && ok || bad "map: b = 1 meV along c at 2 K is not normal (Pauli limit)"
check "map, one thread" 0 "$SFHET" isingqc map --Tc0 6.5 --T 2,5 --b 0,1 --theta 0,90 --eta 1 --threads 1
grep -v '^#' "$out" | tail -n +2 | cmp -s - "$tmpd/qmap.csv" && ok || bad "map: 1 and 2 threads differ"
check "map T = 0" 2 "$SFHET" isingqc map --Tc0 6.5 --T 0,1 --b 0 --theta 0
expect_err "map T message" '^sfhet: error: --T: temperatures must be > 0'
check "map negative b" 2 "$SFHET" isingqc map --Tc0 6.5 --T 1 --b -1 --theta 0
expect_err "map b message" '^sfhet: error: .*--b'
# just below Tc (6.00284 K at b = 2.25 meV in plane, eta = 1): a small gap with the Ginzburg-Landau law
# delta ~ sqrt(1 - T/Tc): 0.0356 meV at 6 K, 8x smaller at 6.0028 K (once a failed root search)
d1=$("$SFHET" isingqc gap --Tc0 7 --T 6 --b 2.25 --theta 90 --eta 1 --json | grep -m1 '"delta_meV"' | sed 's/.*: *//; s/,//')
d2=$("$SFHET" isingqc gap --Tc0 7 --T 6.0028 --b 2.25 --theta 90 --eta 1 --json | grep -m1 '"delta_meV"' | sed 's/.*: *//; s/,//')
awk -v a="$d1" -v b="$d2" 'BEGIN{r=a/b; exit !(a>0.03 && a<0.04 && r>7.7 && r<8.3)}' && ok || bad "gap near Tc: $d1, $d2 (GL ratio 8)"
finish cli_isingqc
