#!/usr/bin/env bash
# End-to-end checks of sfhet synth and sfhet fit: recovery of known parameters (single, sweep, global),
# every messy-input case, output formats, plots and exit codes.
# Usage: cli_fit.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
fails=0; passes=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check() { # description, expected exit, command...
  local desc=$1 want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $desc: exit $got, expected $want"; cat "$T/err"; fails=$((fails+1))
  else passes=$((passes+1)); fi
}
expect() { # description, command that must succeed
  local desc=$1; shift
  if "$@"; then passes=$((passes+1)); else echo "FAIL: $desc"; echo "  stdout: $(head -c 600 "$T/out")"; echo "  stderr: $(cat "$T/err")"; fails=$((fails+1)); fi
}
json() { python3 -c "import json,sys; d=json.load(open('$T/out')); sys.exit(0 if ($1) else 1)"; }
one_err_line() { [ "$(wc -l <"$T/err")" -eq 1 ] && grep -Eq "$1" "$T/err"; }

# single SIS spectrum with noise: truth within 4 sigma, contract keys present
check "synth sis" 0 "$SFHET" synth --junction sis --delta 0.86meV --gamma 80ueV --T 1.5K --vac 40uV \
  --V -4:4:201 --noise 0.01 --seed 7 -o "$T/sis.csv"
check "fit sis json" 0 "$SFHET" fit --data "$T/sis.csv" --x V_mV --y G --junction sis --T 1.5 --vac 40uV \
  --free delta,gamma --json
expect "sis keys" json "all(k in d for k in ['delta','delta_err','gamma','gamma_err','chi2_red','n_points','converged','correlation','at_bound'])"
expect "sis delta within 4 sigma" json "abs(d['delta']-0.86) < 4*d['delta_err'] and d['converged'] and d['n_points']==201"
expect "sis gamma within 4 sigma" json "abs(d['gamma']-0.08) < 4*d['gamma_err']"
expect "sis chi2_red ~ noise^2" json "0.7e-4 < d['chi2_red'] < 1.3e-4"
check "fit text table" 0 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma
expect "text table lists delta" grep -q '^delta ' "$T/out"

# NIS with nuisance scale and offset, auto starts
check "synth nis" 0 "$SFHET" synth --junction nis --delta 0.5 --gamma 0.02 --T 0.3 --V -2:2:161 \
  --gnn 2.5 --V0 0.03 --noise 0.01 -o "$T/nis.csv"
check "fit nis gnn V0" 0 "$SFHET" fit --data "$T/nis.csv" --junction nis --T 0.3 --free delta,gamma,gnn,V0 --json
expect "nis recovers" json "abs(d['delta']-0.5)<4*d['delta_err'] and abs(d['gnn']-2.5)<4*d['gnn_err'] and abs(d['V0']-0.03)<4*d['V0_err']"

# messy input: descending bias, duplicates, NaN rows, comments, extra columns
python3 - "$T/sis.csv" "$T/messy.csv" <<'PY'
import sys
rows=[l.strip().split(',') for l in open(sys.argv[1]) if not l.startswith('#')][1:]
out=open(sys.argv[2],'w')
out.write('# a comment line\nidx,G,V_mV,note\n')
for i,(v,g) in enumerate(reversed(rows)):
    out.write(f'{i},{g},{v},x\n')
    if i%50==0: out.write(f'{i},{g},{v},dup\n')
out.write('999,nan,0.5,bad\n998,,0.7,bad\n')
PY
check "fit messy" 0 "$SFHET" fit --data "$T/messy.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma --json
expect "messy: warns about 2 skipped rows" grep -q "skipped 2 rows" "$T/err"
expect "messy: warns about duplicates" grep -q "averaged 5 rows" "$T/err"
expect "messy: same answer" json "abs(d['delta']-0.86) < 4*d['delta_err'] and d['n_points']==201"

# bad input -> exit 2 with one clear line
printf 'V_mV,G\n' >"$T/empty.csv"
check "empty data" 2 "$SFHET" fit --data "$T/empty.csv" --junction sis --T 1.5 --free delta
expect "empty message" one_err_line '^sfhet: error: .*empty.csv: no data rows'
printf 'V_mV,G\n-1,1\n0,1\n1,1\n2,1\n' >"$T/const.csv"
check "constant column" 2 "$SFHET" fit --data "$T/const.csv" --junction sis --T 1.5 --free delta
expect "constant message" one_err_line "^sfhet: error: .*column 'G' is constant"
printf 'V_mV,G\n-1,1\n0,0.2\n1,1.1\n' >"$T/short.csv"
check "fewer points than parameters" 2 "$SFHET" fit --data "$T/short.csv" --junction nis --T 1 --free delta,gamma,gnn,V0
expect "short message" one_err_line '^sfhet: error: .*3 data points for 4 free parameters'
check "missing file" 2 "$SFHET" fit --data "$T/nope.csv" --junction sis --T 1.5 --free delta
check "unknown column" 2 "$SFHET" fit --data "$T/sis.csv" --y Gx --junction sis --T 1.5 --free delta
expect "unknown column names --y" one_err_line '^sfhet: error: .*--y'
check "unknown free parameter" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta,bogus
expect "unknown free named" one_err_line "^sfhet: error: --free: 'bogus'"
check "missing --junction" 2 "$SFHET" fit --data "$T/sis.csv" --T 1.5 --free delta
check "missing --T" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --free delta
check "bad plot extension" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma --plot "$T/a.gif"
expect "plot extension named" one_err_line '^sfhet: error: --plot'
check "shared without sweep" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta --shared gnn

# normalisation by a normal-state file (interpolated) with a sigma column: y and sigma both divided
python3 - "$T/sis.csv" "$T/bg.csv" "$T/normal.csv" <<'PY'
import sys
rows=[l for l in open(sys.argv[1]) if not l.startswith('#')][1:]
with open(sys.argv[2],'w') as o:
    o.write('V_mV,G,sG\n')
    for l in rows:
        v,g=map(float,l.split(',')); o.write(f'{v},{3*g*(1+0.02*v*v)},{3*0.01*(1+0.02*v*v)}\n')
with open(sys.argv[3],'w') as o:
    o.write('V_mV,G\n'); [o.write(f'{-5+i*0.05},{3*(1+0.02*(-5+i*0.05)**2)}\n') for i in range(201)]
PY
check "fit --normalize --sigma" 0 "$SFHET" fit --data "$T/bg.csv" --sigma sG --normalize "$T/normal.csv" \
  --junction sis --T 1.5 --vac 40uV --free delta,gamma --json
expect "normalized fit recovers, errors from sigma" json "abs(d['delta']-0.86)<4*d['delta_err'] and not d['errors_scaled'] and 0.7<d['chi2_red']<1.3"
check "normal-state file too short" 2 "$SFHET" fit --data "$T/bg.csv" --normalize "$T/short.csv" \
  --junction sis --T 1.5 --free delta
expect "normalize range named" one_err_line '^sfhet: error: --normalize .*outside the data range'
check "fit --norm-bias" 0 "$SFHET" fit --data "$T/nis.csv" --norm-bias 1.8 --junction nis --T 0.3 --free delta,gamma,V0 --json
expect "norm-bias fit" json "abs(d['delta']-0.5)<0.01"

# sweep: CSV per contract, truth recovered, curves and plot written
check "synth sweep" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --vac 0.04 --V -4:4:121 \
  --B 0:0.8:9 --ddelta 20ueV --dgamma 40ueV --noise 0.01 --truth "$T/truth.csv" -o "$T/sweep.csv"
check "fit sweep" 0 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --curves "$T/curves.csv" --plot "$T/sweep.png" -o "$T/params.csv"
expect "sweep header" grep -q '^B_T,delta_meV,delta_err_meV,gamma_meV,gamma_err_meV,.*chi2_red' "$T/params.csv"
expect "sweep rows" test "$(grep -v '^#' "$T/params.csv" | wc -l)" -eq 10
expect "curves file" grep -q '^B_T,V_mV,G_data,G_model,residual' "$T/curves.csv"
expect "sweep plot is a PNG" bash -c "head -c 4 '$T/sweep.png' | grep -q PNG"
python3 - "$T/params.csv" "$T/truth.csv" >"$T/out" 2>"$T/err" <<'PY'
import csv,sys
rd=lambda f:[r for r in csv.DictReader(l for l in open(f) if not l.startswith('#'))]
p,t=rd(sys.argv[1]),rd(sys.argv[2])
ok=sum(abs(float(a['delta_meV'])-float(b['delta_meV']))<3*float(a['delta_err_meV']) for a,b in zip(p,t))
ok+=sum(abs(float(a['gamma_meV'])-float(b['gamma_meV']))<3*float(a['gamma_err_meV']) for a,b in zip(p,t))
print(ok); sys.exit(0 if ok>=16 and all(a['converged']=='1' for a in p) else 1)
PY
expect "sweep truth within 3 sigma (>=16/18)" test $? -eq 0
check "fit sweep global gnn" 0 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --shared gnn -o "$T/glob.csv"
expect "global gnn column equal in all rows" bash -c "grep -v '^#' '$T/glob.csv' | tail -n +2 | cut -d, -f6 | sort -u | wc -l | grep -qx 1"
check "sweep on 1 thread" 0 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --threads 1 -o "$T/params1.csv"
check "sweep on 2 threads" 0 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --threads 2 -o "$T/params2.csv"
expect "same table on 1 and 2 threads" cmp -s <(grep -v '^#' "$T/params1.csv") <(grep -v '^#' "$T/params2.csv")
# the bundled example (examples double as tests): global fit of the field sweep against its expected output
EX="$2/../../examples/fieldsweep/run.sh"
if [ -f "$EX" ]; then
  check "examples/fieldsweep" 0 bash "$EX" "$SFHET" "$T/example"
  expect "example matches expected_params.csv" grep -q '0 mismatches' "$T/out"
fi
check "single fit plot" 0 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma --plot "$T/one.svg"
expect "svg written" grep -q '<svg' "$T/one.svg"
echo "cli_fit: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
