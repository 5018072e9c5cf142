#!/usr/bin/env bash
# End-to-end checks of 'sfhet loop': models, closed forms through the CLI, JSON keys, presets, the AFM
# inversion, chi_s(T) tables and exit codes. Usage: cli_loop.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
fails=0; passes=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }
run() { # description, expected exit, args...
  local desc=$1 want=$2; shift 2
  "$SFHET" loop "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" -ne "$want" ]; then bad "$desc: exit $got, expected $want: $(cat "$tmp/err")"; else ok; fi
}
err_like() { # description, regex: one line "sfhet: error: ..." matching
  if grep -Eq "$2" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok; else bad "$1: stderr: $(cat "$tmp/err")"; fi
}
json_num() { # key -> first number after "key":
  grep -o "\"$1\": *[-0-9.eE+]*" "$tmp/out" | head -1 | sed 's/.*: *//'
}
close() { # description, got, want, tol
  if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN{d=g-w; if(d<0)d=-d; exit !(g!="" && d<=t)}'; then ok
  else bad "$1: got '$2', want $3 +- $4"; fi
}
csv_at() { # column name, H value -> that row's column
  grep -v '^#' "$tmp/out" | awk -F, -v c="$1" -v h="$2" 'NR==1{for(i=1;i<=NF;i++)if($i==c)k=i;next}
    {if(($1-h)^2<1e-18){print $k; exit}}'
}

run "help" 0 --help
grep -q -- '--HK' "$tmp/out" && grep -q -- '--preset' "$tmp/out" && ok || bad "help lists --HK and --preset"
run "sw loop" 0 --model sw --HK 1 --psi 30 --H 1.5:-1.5:31
[ "$(grep -v '^#' "$tmp/out" | head -1)" = "H_T,Mz,Mx" ] && ok || bad "header H_T,Mz,Mx"
[ "$(grep -v '^#' "$tmp/out" | tail -n +2 | wc -l)" -eq 31 ] && ok || bad "31 rows"
# astroid: h_sw(30 deg) = (cos^(2/3) + sin^(2/3))^(-3/2)
want=$(awk 'BEGIN{p=atan2(1,1)*4/6; printf "%.15f", -(cos(p)^(2/3)+sin(p)^(2/3))^(-1.5)}')
run "sw json" 0 --model sw --HK 1 --psi 30 --H 1.5:-1.5:31 --json
close "sw switching field" "$(grep -A1 '"switching_fields_T"' "$tmp/out" | tail -1 | tr -d ' ,')" "$want" 1e-8
close "sw coercive field" "$(grep -A1 '"Hc_T"' "$tmp/out" | tail -1 | tr -d ' ,')" "$want" 1e-8
run "sw barrier" 0 --model sw --HK 1 --H 0.5:-0.3:9 --barrier-at -0.3 --json
close "barrier K(1-h)^2" "$(json_num barrier)" 0.245 1e-7
run "hard axis" 0 --model sw --HK 0.5 --psi 90 --H 0.25
close "hard-axis Mx = H/HK" "$(csv_at Mx 0.25)" 0.5 1e-9
run "afm equilibrium" 0 --preset mnbi2te4 --H 0:10:21 --equilibrium
close "afm flop Mz = H/(2HE-HA)" "$(csv_at Mz 5)" 0.625 1e-8
close "afm AFM state below flop" "$(csv_at Mz 2.5)" 0 1e-10
close "afm saturated" "$(csv_at Mz 9)" 1 1e-10
run "afm json" 0 --preset mnbi2te4 --H 0 --json
close "bilayer flop field" "$(json_num bilayer_flop_T)" 3 1e-12
close "bilayer saturation" "$(json_num bilayer_sat_T)" 8 1e-12
run "afm 6 layers" 0 --model afm --layers 6 --H 0:12:25 --equilibrium
run "afm fit" 0 --model afm --flop 3T --sat 8T --flop-err 0.1 --sat-err 0.2 --json
close "fit HE" "$(json_num HE_T)" 4.5625 1e-12
close "fit HA" "$(json_num HA_T)" 1.125 1e-12
run "fsf symmetric" 0 --model fsf --K1 1.5 --K2 1.5 --Ms1 1 --Ms2 1 --chiJ2 1 --H 3:-3:61 --json
close "fsf Hc Ms = -2(K - chi J^2)" "$(grep -A1 '"switching_fields_T"' "$tmp/out" | tail -1 | tr -d ' ,')" -1 1e-8
printf '# chi table\nT_K,chi_par\n0,0.8\n2,0.9\n4,1.0\n' >"$tmp/chi.csv"
run "fsf with chi(T)" 0 --preset fig4a --T 0,2,4 --chi-table "$tmp/chi.csv" --H 0.5:-0.5:21
[ "$(grep -v '^#' "$tmp/out" | head -1)" = "T_K,H_T,Mz,Mx" ] && ok || bad "T_K column"
[ "$(grep -v '^#' "$tmp/out" | tail -n +2 | wc -l)" -eq 63 ] && ok || bad "3 x 21 rows"
# chi(T) J^2 = c(T)/c(0) = 1, 1.125, 1.25 at T = 0, 2, 4: equals (K1+K2)/2 = 1.2 at T* = 3.2
run "fsf T* json" 0 --preset fig4a --K1 1.2 --K2 1.2 --T 0,4 --chi-table "$tmp/chi.csv" --H 0.5:-0.5:11 --json
close "T* (chi = K)" "$(json_num Tstar_K)" 3.2 1e-9
run "crbr3 angle" 0 --preset crbr3 --H 0.02:-0.02:5 --report angle
[ "$(grep -v '^#' "$tmp/out" | head -1)" = "H_T,Mz,Mx,theta_deg,phi_deg" ] && ok || bad "angle columns"
close "crbr3 reversed at -20 mT" "$(csv_at theta_deg -0.02)" 180 1e-9
run "crbr3 in-plane" 0 --preset crbr3 --psi 90 --H 0.175
close "crbr3 in-plane Mx = H/HK" "$(csv_at Mx 0.175)" 0.5 1e-9
run "tilt" 0 --model sw --HK 1 --tilt 1deg --H 1.5:-1.5:31 --json
want=$(awk 'BEGIN{p=atan2(1,1)*4/180; printf "%.15f", -(cos(p)^(2/3)+sin(p)^(2/3))^(-1.5)}')
close "tilted easy-axis switching = h_sw(1 deg)" "$(grep -A1 '"switching_fields_T"' "$tmp/out" | tail -1 | tr -d ' ,')" "$want" 1e-8
run "planar in-plane fsf" 0 --model fsf --K1 0.85 --K2 0.85 --Ms1 1 --Ms2 1 --chiJ2 1 --psi 90 --planar --H 1:-1:41 --json
close "planar in-plane Hc Ms = -2(chi J^2 - K)" "$(grep -A1 '"switching_fields_T"' "$tmp/out" | tail -1 | tr -d ' ,')" -0.3 1e-8
run "T loops with barrier" 0 --preset fig4a --K1 1.5 --K2 1.4 --T 0,4 --chi-table "$tmp/chi.csv" --H 0.3:-0.3:31 --barrier-at 0 --json
[ "$(grep -c '"barrier": [0-9]' "$tmp/out")" -eq 2 ] && ok || bad "one barrier per temperature"
run "barrier without a second minimum" 0 --preset fig4a --H 0.3:-0.3:31 --barrier-at 0.3 --json
grep -q '"barrier": null' "$tmp/out" && grep -q 'warning: --barrier-at' "$tmp/err" && ok || bad "null barrier with a warning"
run "output file" 0 --model sw --H 1:-1:5 -o "$tmp/loop.csv"
[ -s "$tmp/loop.csv" ] && ok || bad "-o wrote the file"

run "negative HK" 2 --model sw --HK -1 --H 1
err_like "negative HK" '^sfhet: error: --HK'
run "empty H" 2 --model sw --H ""
err_like "empty H" '^sfhet: error: --H'
run "zero-count H" 2 --model sw --H 1:2:0
run "unknown model" 2 --model foo --H 1
err_like "unknown model" "^sfhet: error: --model: unknown model 'foo'"
run "foreign parameter" 2 --model sw --HE 3 --H 1
run "layers with sw" 2 --model sw --layers 3 --H 1
err_like "layers with sw" '^sfhet: error: --layers'
run "T without table" 2 --model fsf --T 1 --H 1
err_like "T without table" '^sfhet: error: --T'
printf 'T_K,chi_par\n0,0.8\n2,0.9\n1,1.0\n' >"$tmp/bad.csv"
run "decreasing chi table" 2 --model fsf --T 1 --chi-table "$tmp/bad.csv" --H 1
err_like "decreasing chi table" 'bad.csv:4'
run "T outside table" 2 --model fsf --T 9 --chi-table "$tmp/chi.csv" --H 1
err_like "T outside table" '^sfhet: error: --T'
run "preset/model clash" 2 --preset crbr3 --model sw --H 1
run "bad report" 2 --model sw --report foo --H 1
run "flop > sat" 2 --model afm --flop 8 --sat 3 --json
# chi_s(T) from the lattice model: chi_par(0.3 K)/chi_par(lowest T) stays ~1 (in-plane chi of an Ising
# superconductor barely drops below Tc; seed 003 Fig. 3b inset); options that exclude each other
run "chi-ising" 0 --preset fig4d --planar --T 0.3 --chi-ising --H 1.5:-1.5:301 --json
hc=$(grep -A3 '"T_K": 0.3' "$tmp/out" | grep '"chiJ2"' | sed 's/.*: *//; s/,$//')
awk -v c="$hc" 'BEGIN { exit !(c > 0.99 && c <= 1.0) }' && ok || bad "chi-ising chiJ2(0.3 K) = $hc, expected ~1"
run "chi-ising without T" 2 --model fsf --chi-ising --H 1
err_like "chi-ising without T" '^sfhet: error: --chi-ising needs --T'
run "chi-ising with table" 2 --model fsf --T 1 --chi-ising --chi-table "$tmp/chi.csv" --H 1
run "chi-ising with sw" 2 --model sw --T 1 --chi-ising --H 1

# issue 16: barriers by minimum-energy path (planar fig4d: in-plane minima, canted saddle)
run "planar barrier H = -0.1" 0 --preset fig4d --planar --H 1.2:-1.2:241 --barrier-at -0.1 --json
close "planar fig4d barrier at -0.1" "$(json_num barrier)" 0.207225 2e-6
run "planar barrier H = 0" 0 --preset fig4d --planar --H 1.2:-1.2:241 --barrier-at 0 --json
close "planar fig4d barrier at 0" "$(json_num barrier)" 0.391071 2e-6
arr() { # key -> the numbers of a JSON array, comma separated
  tr -d '\n ' <"$tmp/out" | grep -o "\"$1\":\[[^]]*\]" | sed 's/.*\[//; s/\]//'
}
# switching events are discontinuities located on the model; the continuous onset is reported apart
for n in 601 2001; do
  run "fig4d planar $n points" 0 --preset fig4d --planar --H 1.2:-1.2:$n --json
  [ "$(arr switching_fields_T | tr ',' '\n' | wc -l)" -eq 1 ] && ok || bad "$n points: one switching event, got $(arr switching_fields_T)"
  close "$n points: switching field" "$(arr switching_fields_T)" -0.350274725664 1e-9
  close "$n points: onset H Ms1 = -2(chi - K1)" "$(arr onset_fields_T)" -0.267857142857 1e-7
done
printf 'T_K,chi_par\n0.05,0.97\n3,0.9898\n' >"$tmp/chi15.csv"
run "fig4b planar, no spurious event" 0 --preset fig4b --planar --chi-table "$tmp/chi15.csv" --T 1.5 --H 0.5:-0.5:201 --json
[ -z "$(arr switching_fields_T)" ] && [ -n "$(arr onset_fields_T)" ] && ok || bad "fig4b: events $(arr switching_fields_T), onsets $(arr onset_fields_T)"
# coercive fields and jumps on the model
run "sw psi 60" 0 --model sw --psi 60 --json
close "sw Hc = sin(2 psi)/2 on the continuous branch" "$(arr Hc_T | cut -d, -f2)" 0.433012701892 1e-9
run "sw psi 89" 0 --model sw --psi 89 --json
close "sw jump at psi = 89 deg" "$(arr switching_dM | cut -d, -f1)" 0.0772998 2e-6
for chi in 0.9 1.0 1.2; do
  run "no hysteresis, chiJ2 $chi" 0 --preset fig4c --chiJ2 $chi --json
  [ "$(arr Hc_T)" = "0,0" ] && [ "$(json_num Hc_abs_T)" = "0" ] && ok || bad "chiJ2 $chi: Hc_T [$(arr Hc_T)]"
done
run "no sign change" 0 --model sw --H 1:0.1:10 --json
[ -z "$(arr Hc_T)" ] && grep -q '"Hc_abs_T": null' "$tmp/out" && ok || bad "no coercive field: Hc_T [$(arr Hc_T)]"
# issue 11.12: no spin flop for HE <= HA (spin flip at HE); never a negative saturation field
run "afm HE 0" 0 --model afm --HE 0 --json
grep -q '"bilayer_flop_T": null' "$tmp/out" && close "afm HE 0 saturation" "$(json_num bilayer_sat_T)" 0 0 || bad "afm HE 0: $(grep bilayer "$tmp/out")"
run "afm spin flip" 0 --model afm --HE 0.5 --HA 1 --H 0:1:11 --equilibrium
close "below the flip" "$(csv_at Mz 0.4)" 0 1e-9
close "above the flip" "$(csv_at Mz 0.6)" 1 1e-9
run "Tstar key always" 0 --model sw --H 1:-1:5 --json
grep -q '"Tstar_K": null' "$tmp/out" && ok || bad "Tstar_K null without a chi table"
run "lambda without chi-ising" 2 --preset fig4a --lambda 70 --H 1
err_like "lambda without chi-ising" '^sfhet: error: --lambda'
run "lambda with sw" 2 --model sw --lambda 70 --H 1
err_like "lambda with sw" '^sfhet: error: --lambda does not apply'

echo "cli_loop: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
