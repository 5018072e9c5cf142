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

# units: the same spectrum with y in S (x 1e-6) and with x in V (x 1e-3; T and vac scaled with it) gives
# the same numbers as in mV and uS within 1e-6 relative (1e-6 of the error for values near zero)
check "synth for units" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --vac 0.04 \
  --V -4:4:201 --gnn 2.0 --V0 0.01 --noise 0.01 --seed 3 -o "$T/uS.csv"
python3 - "$T/uS.csv" "$T/S.csv" "$T/VS.csv" <<'PY'
import sys
rows=[l.strip().split(',') for l in open(sys.argv[1]) if not l.startswith('#')][1:]
with open(sys.argv[2],'w') as a, open(sys.argv[3],'w') as b:
    a.write('V_mV,G_S\n'); b.write('V_V,G_S\n')
    for v,g in rows:
        a.write(f'{float(v)!r},{float(g)*1e-6!r}\n'); b.write(f'{float(v)*1e-3!r},{float(g)*1e-6!r}\n')
PY
fitu() { "$SFHET" fit --junction sis --free delta,gamma,gnn,V0,bg1 --json "$@"; }
check "fit uS" 0 fitu --data "$T/uS.csv" --T 1.5 --vac 0.04 -o "$T/fu.json"
check "fit S (bg1 free)" 0 timeout 60 "$SFHET" fit --junction sis --free delta,gamma,gnn,V0,bg1 --json \
  --data "$T/S.csv" --y G_S --T 1.5 --vac 0.04 -o "$T/fs.json"
check "fit V and S" 0 timeout 60 "$SFHET" fit --junction sis --free delta,gamma,gnn,V0,bg1 --json \
  --data "$T/VS.csv" --x V_V --y G_S --T 1.5mK --vac 40nV -o "$T/fv.json"
python3 - "$T/fu.json" "$T/fs.json" "$T/fv.json" >"$T/out" 2>&1 <<'PY'
import json,sys
u,s,v=(json.load(open(f)) for f in sys.argv[1:4])
units={'delta':(1,1e-3),'gamma':(1,1e-3),'gnn':(1e-6,1e-6),'V0':(1,1e-3),'bg1':(1e-6,1e-3)}
bad=[]
for k,(su,sv) in units.items():
    for d,sc in ((s,su),(v,sv)):
        want,err=u[k]*sc,u[k+'_err']*sc
        if abs(d[k]-want) > 1e-6*max(abs(want),err) or abs(d[k+'_err']-err) > 1e-6*err: bad.append((k,d[k],want))
print(bad, u['n_evals'], s['n_evals'], v['n_evals'])
sys.exit(1 if bad or not all(d['converged'] for d in (u,s,v)) or max(s['n_evals'],v['n_evals']) > 1.5*u['n_evals']+5 else 0)
PY
expect "S and V/S fits equal the mV/uS fit within 1e-6, similar work" test $? -eq 0

# a parameter without effect is unidentifiable (it used to be P_err 0, converged true)
check "free P on a spin-degenerate junction" 1 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 \
  --vac 40uV --free delta,gamma,P --json
expect "P named as unidentifiable" one_err_line '^sfhet: error: fit: not converged: P has no effect on the model'

# limits: exit 1 and what to try, never a hang; internal excursions are no usage errors
check "nis fit at a wrong T, time limit" 1 timeout 120 "$SFHET" fit --data "$T/nis.csv" --norm-bias 1.8 \
  --junction nis --T 7.19 --free delta,gamma,V0 --time-limit 2s --progress
expect "limit: no option blamed" bash -c "! grep -q 'outside the allowed range' '$T/err'"
expect "limit: one error line saying what to try" bash -c "[ \$(grep -c '^sfhet: error:' '$T/err') -eq 1 ] && grep -q 'try' '$T/err'"
expect "--progress reports iterations off a terminal" grep -q '^fit: iteration' "$T/err"
check "evaluation budget" 1 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma --max-evals 5
expect "budget named" one_err_line '^sfhet: error: fit: stopped: .*evaluation budget.*--max-evals'
check "sweep time limit" 1 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --time-limit 1us -o "$T/never.csv"
expect "sweep limit: spectrum named" one_err_line '^sfhet: error: fit: spectrum [0-9]+ \(B_T = .*time limit'
expect "sweep limit: no table" test ! -e "$T/never.csv"
check "bad --loss" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta --loss tukey
expect "bad loss named" one_err_line "^sfhet: error: --loss: unknown loss 'tukey'"
check "bad --clip" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta --clip 0.5
expect "bad clip named" one_err_line '^sfhet: error: --clip'
check "bad --time-limit" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta --time-limit 0
expect "bad time limit named" one_err_line '^sfhet: error: --time-limit'
check "bad --max-evals" 2 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --free delta --max-evals 0
expect "bad max-evals named" one_err_line '^sfhet: error: --max-evals'
check "wrong lock-in amplitude" 0 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 1mV --free delta,gamma
expect "misfit warned" grep -q 'warning: the model does not describe the data' "$T/err"

# spikes: the clip lists exactly the spiked points, huber and the clip recover the truth
python3 - "$T/sis.csv" "$T/spiky.csv" <<'PY'
import sys
rows=[l.strip().split(',') for l in open(sys.argv[1]) if not l.startswith('#')][1:]
with open(sys.argv[2],'w') as o:
    o.write('V_mV,G\n')
    for i,(v,g) in enumerate(rows):
        o.write(f'{v},{float(g)+(0.6 if i in (20,77,150) else 0)}\n')
PY
check "fit spiky --clip" 0 "$SFHET" fit --data "$T/spiky.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma \
  --clip 5 --json --curves "$T/spiky_curves.csv"
expect "clip: 3 rejected, truth within 4 sigma" json "d['n_rejected']==3 and d['n_points']==198 and abs(d['delta']-0.86)<4*d['delta_err'] and abs(d['gamma']-0.08)<4*d['gamma_err']"
expect "clip: warning counts them" grep -q 'warning: --clip 5: left out 3 of 201 points' "$T/err"
expect "curves: rejected column marks the spikes" bash -c "grep -v '^#' '$T/spiky_curves.csv' | awk -F, 'NR==1{ok=(\$5==\"rejected\")} NR>1&&\$5==1{n++; r=r\" \"NR-2} END{exit !(ok && n==3 && r==\" 20 77 150\")}'"
check "fit spiky --loss huber" 0 "$SFHET" fit --data "$T/spiky.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma \
  --loss huber --json
expect "huber: truth within 4 sigma" json "d['loss']=='huber' and abs(d['delta']-0.86)<4*d['delta_err'] and abs(d['gamma']-0.08)<4*d['gamma_err']"
check "sweep --clip" 0 "$SFHET" fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 \
  --free delta,gamma --clip 5 --shared gnn -o "$T/clipped.csv"
expect "sweep --clip: n_rejected column" grep -q '^B_T,.*,n_points,n_rejected$' "$T/clipped.csv"
check "single fit plot" 0 "$SFHET" fit --data "$T/sis.csv" --junction sis --T 1.5 --vac 40uV --free delta,gamma --plot "$T/one.svg"
expect "svg written" grep -q '<svg' "$T/one.svg"
echo "cli_fit: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
