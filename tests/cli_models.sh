#!/usr/bin/env bash
# Every registered DOS model through every command that takes --model (options built from that model's
# table, no option declared twice, defaults that evaluate), the second electrode following the first in
# didv and synth alike, bounds from the chosen model, and the two-gap model end to end (synth -> fit).
# Usage: cli_models.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
num() { grep -v '^#' "$out" | awk -F, -v r="$1" -v c="$2" 'NR==r+1 {print $c}'; }
check "dos --models" 0 "$SFHET" dos --models
models=$(cat "$out")
[ "$(echo "$models" | wc -l)" -ge 5 ] || bad "fewer than 5 models listed"
for m in $models; do
  for cmd in dos "didv --junction sis" "fit --junction sis" "synth --junction sis"; do
    check "$cmd --model $m --help" 0 "$SFHET" $cmd --model "$m" --help
    grep -q "Model '$m'\|model '$m'" "$out" || bad "$cmd --model $m --help does not show the model's group"
  done
  check "dos --model $m defaults" 0 "$SFHET" dos --model "$m" --E -2:2:41
  grep -v '^#' "$out" | tail -n +2 | grep -qi 'nan\|inf' && bad "dos --model $m printed a non-finite value"
  check "didv --model $m defaults" 0 "$SFHET" didv --model "$m" --T 1 --V -2:2:9
  # sis with the defaults: evaluates, or (a BCS-like electrode) refuses with one line naming an option
  "$SFHET" didv --junction sis --model "$m" --model2 dynes --gamma2 0.05 --T 1 --V 0,1,2 >"$out" 2>"$err"
  rc=$?
  if [ $rc -eq 2 ]; then expect_err "didv sis --model $m defaults refused" '^sfhet: error: --'
  elif [ $rc -ne 0 ]; then bad "didv sis --model $m: exit $rc"; else ok; fi
done
# the second electrode: synth and didv agree (synth used to ignore --delta2/--gamma2)
check "didv asymmetric sis" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.08 --delta2 0.5 --gamma2 0.05 \
  --T 1.5 --V -2:2:9
g_didv=$(grep -v '^#' "$out" | tail -n +2 | cut -d, -f2 | tr '\n' ' ')
check "synth asymmetric sis" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --delta2 0.5 --gamma2 0.05 \
  --T 1.5 --V -2:2:9
g_synth=$(grep -v '^#' "$out" | tail -n +2 | cut -d, -f2 | tr '\n' ' ')
[ "$g_didv" = "$g_synth" ] || bad "synth and didv differ for the same second electrode: '$g_synth' vs '$g_didv'"
check "synth symmetric sis" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --V 1.72
a=$(num 1 2)
check "didv symmetric sis" 0 "$SFHET" didv --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --V 1.72
[ "$a" = "$(num 1 2)" ] || bad "synth/didv differ for a symmetric junction"
grep -q '^# delta2: follows --delta' "$out" || bad "metadata does not say delta2 follows delta"
# bounds come from the chosen model: maki's delta must be > 0 (dynes allows 0)
check "dos maki delta 0" 2 "$SFHET" dos --model maki --delta 0
expect_err "maki delta bound" '^sfhet: error: --delta: 0 meV is outside the allowed range \(0 < x'
check "didv maki delta 0" 2 "$SFHET" didv --model maki --delta 0 --T 1
expect_err "didv maki delta bound" '^sfhet: error: --delta'
check "dos dynes delta 0" 0 "$SFHET" dos --model dynes --delta 0 --E 1
check "option of another model" 2 "$SFHET" dos --model maki --l 2
expect_err "foreign option named" "^sfhet: error: --l is not an option here: the model is 'maki'.*model 'aniso'"
check "second-electrode option of another model" 2 "$SFHET" didv --junction sis --model2 zeeman --h 0.1 --T 1
expect_err "foreign option, two models" "^sfhet: error: --h is not an option here"
# the two-gap model end to end: synthetic SIS data, fit of both gaps and the weight
check "synth twogap" 0 "$SFHET" synth --junction sis --model twogap --delta 1.0 --gamma 0.03 --delta_s 0.4 \
  --gamma_s 0.03 --w 0.6 --T 1.5 --V -3.5:3.5:281 --noise 0.005 --seed 3 -o "$tmpd/tg.csv"
check "fit twogap" 0 "$SFHET" fit --data "$tmpd/tg.csv" --x V_mV --y G --junction sis --model twogap --T 1.5 \
  --gamma 0.03 --gamma_s 0.03 --free delta,delta_s,w --json
for pv in "delta 1.0" "delta_s 0.4" "w 0.6"; do
  set -- $pv
  /usr/bin/python3 -c "import json,sys; d=json.load(open('$out')); v,e=d['$1'],d['$1_err']; sys.exit(0 if e>0 and abs(v-$2)<=4*e else 1)" \
    || bad "fit twogap: $1 not recovered: $(cat "$out")"
done
check "fit twogap free delta2 (its own)" 0 "$SFHET" fit --data "$tmpd/tg.csv" --x V_mV --y G --junction sis \
  --model twogap --T 1.5 --gamma 0.03 --gamma_s 0.03 --delta_s 0.4 --w 0.6 --free delta,delta2 --json
grep -q '"delta2"' "$out" || bad "fit with a free second-electrode parameter does not report it"
finish cli_models
