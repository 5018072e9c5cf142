#!/usr/bin/env bash
# A measured data set to results with sfhet commands alone (no awk, sed, cut or python): a field
# sweep in both directions with a jittery field readback (synth --sweep up,down --jitter), a lagging
# magnetisation (hysteresis) and noise, analysed by fit, tamr, weight (--normalize), cut, hysteresis
# and spinlife --params, each checked against the truth (the synth --truth parameters, or the same
# analysis of the noiseless data). Numbers are compared in bash integer arithmetic (units of 1e-9).
# Usage: cli_endtoend.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(readlink -f "$1")
. "$(dirname "$0")/harness.sh"
cd "$tmpd"

# decimal text (1.5, -2e-05, 3.1E+02) -> integer in units of 1e-9
nano() {
  local s=$1 sign= ex=0 mant int frac digits scale
  case $s in -*) sign=-; s=${s#-};; +*) s=${s#+};; esac
  case $s in *[eE]*) ex=${s#*[eE]}; mant=${s%[eE]*};; *) mant=$s;; esac
  case $ex in -*) ex=$((-10#${ex#-}));; *) ex=$((10#${ex#+}));; esac
  int=${mant%%.*}; frac=; [ "$int" != "$mant" ] && frac=${mant#*.}
  digits=$((10#${int:-0}${frac}))
  scale=$((9 - ${#frac} + ex))
  while [ $scale -gt 0 ]; do digits=$((digits * 10)); scale=$((scale - 1)); done
  while [ $scale -lt 0 ]; do digits=$((digits / 10)); scale=$((scale + 1)); done
  echo "$sign$digits"
}
abs() { local v=$1; echo "${v#-}"; }
# within DESC A B TOL: |A - B| <= TOL (decimal texts)
within() {
  local d; d=$(abs $(( $(nano "$2") - $(nano "$3") )))
  if [ "$d" -le "$(nano "$4")" ]; then ok; else bad "$1: |$2 - $3| > $4"; fi
}
# jget KEY FILE: a number of a JSON object
jget() { local l; l=$(grep "\"$1\":" "$2" | head -1); l=${l#*: }; echo "${l%,}"; }
# rows FILE: the data rows of a CSV (no '#' lines, no header)
rows() { grep -v '^#' "$1" | tail -n +2; }

J=(--junction sis --T 1.5K --vac 40uV)
PROFILE=(--delta 0.86meV --gamma 80ueV --ddelta 20ueV --dgamma 40ueV --Bsat 0.4T --lag 0.08T --B -1:1:21)
# 1. the measurement: 21 fields up, then down, 1 mT readback jitter, 1 % noise; and the same without
#    noise and jitter (the truth of the model-free analyses)
check "synth" 0 "$SFHET" synth "${J[@]}" "${PROFILE[@]}" --V -3:3:121 --sweep up,down --jitter 1mT --noise 0.01 \
  --seed 11 --truth truth.csv -o sweep.csv
check "synth clean" 0 "$SFHET" synth "${J[@]}" "${PROFILE[@]}" --V -3:3:121 --sweep up,down -o clean.csv
check "synth scaled" 0 "$SFHET" synth "${J[@]}" "${PROFILE[@]}" --V -3:3:121 --sweep up,down --jitter 1mT \
  --noise 0.02 --seed 11 --gnn 2 -o scaled.csv
check "normal state" 0 "$SFHET" synth --junction nis --delta 0.001meV --gamma 0.5meV --T 20K --gnn 2 \
  --V -4:4:161 -o normal.csv

# 2. grouping: the jittery readback needs --sweep-tol; up and down sweeps stay apart
check "jitter without --sweep-tol" 2 "$SFHET" weight --data sweep.csv --sweep B_T
expect_err "jitter message" '^sfhet: error: .*distinct points.*--sweep-tol'
check "weight" 0 "$SFHET" weight --data sweep.csv --sweep B_T --sweep-tol 5mT -o w.csv
nup=0; ndown=0
while IFS=, read -r b d w; do [ "$d" = 1 ] && nup=$((nup + 1)); [ "$d" = -1 ] && ndown=$((ndown + 1)); done < <(rows w.csv)
[ "$nup" -eq 21 ] && [ "$ndown" -eq 21 ] && ok || bad "weight: $nup up and $ndown down rows (want 21 each)"
grep -q '^B_T,direction,W$' w.csv && ok || bad "weight header"
check "weight --direction none merges" 0 "$SFHET" weight --data sweep.csv --sweep B_T --sweep-tol 5mT --direction none -o wm.csv
[ "$(rows wm.csv | wc -l)" -eq 21 ] && ok || bad "--direction none: $(rows wm.csv | wc -l) rows"
check "weight --direction column" 0 "$SFHET" weight --data sweep.csv --sweep B_T --sweep-tol 5mT --direction direction -o wd.csv
[ "$(rows wd.csv | wc -l)" -eq 42 ] && ok || bad "--direction column: $(rows wd.csv | wc -l) rows"

# 3. weight of the noisy data against the clean data (noise of W: 0.01 * 0.05 mV * sqrt(121) = 0.0055)
check "weight clean" 0 "$SFHET" weight --data clean.csv --sweep B_T -o wc.csv
paste -d, <(rows w.csv) <(rows wc.csv) >wpair.csv
bigw=0
while IFS=, read -r b d w b2 d2 w2; do
  dd=$(abs $(( $(nano "$w") - $(nano "$w2") ))); [ "$dd" -gt 30000000 ] && bigw=$((bigw + 1))
done <wpair.csv
[ "$bigw" -eq 0 ] && ok || bad "weight: $bigw spectra with |W - W_clean| > 0.03"
#    --normalize: data at twice the conductance divided by a flat normal state at 2: the same W
check "weight --normalize" 0 "$SFHET" weight --data scaled.csv --sweep B_T --sweep-tol 5mT --normalize normal.csv -o wn.csv
paste -d, <(rows wn.csv) <(rows wc.csv) >wnpair.csv
bigw=0
while IFS=, read -r b d w b2 d2 w2; do
  dd=$(abs $(( $(nano "$w") - $(nano "$w2") ))); [ "$dd" -gt 30000000 ] && bigw=$((bigw + 1))
done <wnpair.csv
[ "$bigw" -eq 0 ] && ok || bad "weight --normalize: $bigw spectra with |W - W_clean| > 0.03"

# 4. fit every spectrum: delta and gamma against the truth table (same order: up, then down)
check "fit sweep" 0 "$SFHET" fit --data sweep.csv --sweep B_T --sweep-tol 5mT "${J[@]}" --free delta,gamma \
  --quiet -o params.csv
[ "$(rows params.csv | wc -l)" -eq 42 ] && ok || bad "fit: $(rows params.csv | wc -l) rows, want 42"
paste -d, <(rows params.csv) <(rows truth.csv) >fpair.csv
far=0; n=0
while IFS=, read -r b dir d de g ge x1 x2 chi conv np tb tdir td tg; do
  n=$((n + 1))
  [ "$dir" = "$tdir" ] && ok || bad "fit field $n: direction $dir, truth $tdir"
  for pair in "$d $de $td" "$g $ge $tg"; do
    set -- $pair
    dd=$(abs $(( $(nano "$1") - $(nano "$3") ))); [ "$dd" -gt $((4 * $(nano "$2"))) ] && far=$((far + 1))
  done
  within "fit field $n matches the truth field" "$b" "$tb" 0.002
done <fpair.csv
[ "$far" -le 2 ] && ok || bad "fit: $far of $((2 * n)) parameters beyond 4 sigma of the truth"

# 5. TAMR(V) between 0 T and 1 T (up sweep) against the clean data's, at the coherence peak
check "tamr" 0 "$SFHET" tamr --data sweep.csv --sweep B_T --sweep-tol 5mT --par 0T --perp 1T -o tamr.csv
check "tamr clean" 0 "$SFHET" tamr --data clean.csv --sweep B_T --par 0T --perp 1T -o tamrc.csv
paste -d, <(rows tamr.csv) <(rows tamrc.csv) >tpair.csv
while IFS=, read -r v t a b v2 t2 a2 b2; do
  [ "$v" = 1.75 ] && within "TAMR at the peak (1.75 mV)" "$t" "$t2" 0.03
done <tpair.csv
check "tamr --branch down" 0 "$SFHET" tamr --data sweep.csv --sweep B_T --sweep-tol 5mT --par 0T --perp 1T --branch down -o tamrd.csv

# 6. cut at the coherence peak (1.75 mV), then hysteresis of the two sweeps against the clean data's
check "cut" 0 "$SFHET" cut --data sweep.csv --sweep B_T --sweep-tol 5mT --at V=1.75mV -o peak.csv
grep -q '^B_T,direction,V_mV,G,G_err$' peak.csv && ok || bad "cut header"
[ "$(rows peak.csv | wc -l)" -eq 42 ] && ok || bad "cut: $(rows peak.csv | wc -l) rows"
check "cut clean" 0 "$SFHET" cut --data clean.csv --sweep B_T --at V=1.75mV -o peakc.csv
paste -d, <(rows peak.csv) <(rows peakc.csv) >cpair.csv
pulls=0; big=0
while IFS=, read -r b d v g e b2 d2 v2 g2 e2; do
  dd=$(abs $(( $(nano "$g") - $(nano "$g2") ))); [ "$dd" -gt $((4 * $(nano "$e"))) ] && big=$((big + 1))
  [ "$dd" -gt "$(nano "$e")" ] && pulls=$((pulls + 1))
done <cpair.csv
[ "$big" -le 1 ] && ok || bad "cut: $big of 42 values beyond 4 errors of the clean value"
# about 32 % should lie beyond one error if the errors are right: accept 4..26 of 42
[ "$pulls" -ge 4 ] && [ "$pulls" -le 26 ] && ok || bad "cut errors not calibrated: $pulls of 42 beyond 1 sigma"
check "hysteresis" 0 "$SFHET" hysteresis --data peak.csv --x B_T --y G --direction direction --json -o h.json
check "hysteresis clean" 0 "$SFHET" hysteresis --data peakc.csv --x B_T --y G --direction direction --json -o hc.json
# dG(B) of a lagging magnetisation is odd in B: its largest magnitude sits at +-B*, either sign
within "|dG_max| against the clean data" "$(abs "$(jget dG_max h.json)")" "$(abs "$(jget dG_max hc.json)")" 0.05
within "|field of dG_max| against the clean data" "$(abs "$(jget x_at_max h.json)")" "$(abs "$(jget x_at_max hc.json)")" 0.11

# 7. spin lifetime from the fitted broadening at 0 T and 1 T, against the truth's
check "spinlife" 0 "$SFHET" spinlife --params params.csv --sweep B_T --sweep-tol 5mT --at 0T,1T --quiet --json -o sl.json
g0=; gs=
while IFS=, read -r b d td tg; do [ "$b" = 0 ] && g0=$tg; [ "$b" = 1 ] && gs=$tg; done < <(rows truth.csv)
check "spinlife truth" 0 "$SFHET" spinlife --gamma-s "${gs}meV" --gamma-0 "${g0}meV" --json -o slt.json
err=$(jget rate_err_meV sl.json)
within "hbar/tau against the truth (4 sigma)" "$(jget rate_meV sl.json)" "$(jget rate_meV slt.json)" \
  "$(( 4 * $(nano "$err") ))e-9"
finish cli_endtoend
