#!/usr/bin/env bash
# Point-contact junctions (--junction pc) end to end: the Z = 0 closed forms through didv (G(0) = 2 for
# P = 0, 0 for P = 1 at T -> 0), the Tanaka-Kashiwaya d_xy zero-bias peak, a recovery (pull) study
# synth -> fit --free delta,P,Z,gamma over 12 noise seeds (every fit within 3 sigma, the scatter of the
# pulls matching the reported errors), sweep and global fits, the junction's name in JSON and CSV
# metadata, and bad input (exit 2, one line naming the option). Sources: tests/data/README.md,
# section "point contacts". Usage: cli_pc.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
ok_if() { if eval "$2"; then ok; else bad "$1"; fi; }
col() { grep -v '^#' "$out" | awk -F, -v v="$1" -v c="$2" 'NR>1 && $1+0==v+0 {print $c; exit}'; }

# Z = 0, T -> 0 (BTK): perfect Andreev reflection doubles the conductance; a half metal has none
check "Z=0 P=0" 0 "$SFHET" didv --junction pc --delta 1 --Z 0 --P 0 --T 10mK --V -0.5,0,0.5
ok_if "G(0) = 2 for P = 0" "awk -v g=$(col 0 2) 'BEGIN{exit !(g > 2 - 1e-9 && g < 2 + 1e-9)}'"
check "Z=0 P=1" 0 "$SFHET" didv --junction pc --delta 1 --Z 0 --P 1 --T 10mK --V -0.5,0,0.5
ok_if "G(0) = 0 for P = 1" "awk -v g=$(col 0 2) 'BEGIN{exit !(g > -1e-9 && g < 1e-9)}'"
check "Z=0 P=1 strijkers" 0 "$SFHET" didv --junction pc --delta 1 --Z 0 --P 1 --spin strijkers --T 10mK --V 0
ok_if "G(0) = 0 Strijkers" "awk -v g=$(col 0 2) 'BEGIN{exit !(g > -1e-9 && g < 1e-9)}'"
ok_if "CSV metadata names pc" "grep -qx '# junction: pc' $out"

# Tanaka-Kashiwaya d_xy (alpha = 45 deg): zero-energy Andreev bound states, a zero-bias peak
check "tk d-wave" 0 "$SFHET" didv --junction pc --model tk --pairing d --alpha 45deg --Z 3 --delta 1 \
  --gamma 0.02 --T 0.1 --V -1:1:9
g0=$(col 0 2); g5=$(col 0.5 2); gm=$(col -0.5 2)
ok_if "zero-bias peak G(0) = $g0 >> G(0.5) = $g5" "awk -v a=$g0 -v b=$g5 -v c=$gm 'BEGIN{exit !(a > 5 && a > 10*b && a > 10*c)}'"
check "tk s-wave: no peak" 0 "$SFHET" didv --junction pc --model tk --pairing s --Z 3 --delta 1 --gamma 0.02 \
  --T 0.1 --V 0
ok_if "s-wave G(0) small" "awk -v a=$(col 0 2) 'BEGIN{exit !(a < 0.1)}'"

# recovery: 20 noise seeds at an S/F contact (Delta 1.5 meV, Gamma 0.1 meV, Z 0.4, P 0.4, T 1.5 K)
truth="delta=1.5 gamma=0.1 Z=0.4 P=0.4"
: >"$tmpd/fits"
for seed in $(seq 1 20); do
  "$SFHET" synth --junction pc --delta 1.5 --gamma 0.1 --Z 0.4 --P 0.4 --T 1.5 --V -5:5:201 --noise 0.005 \
    --seed $seed -o "$tmpd/s.csv" 2>"$err" || bad "synth seed $seed: $(cat "$err")"
  check "fit seed $seed" 0 "$SFHET" fit --data "$tmpd/s.csv" --junction pc --T 1.5 --free delta,P,Z,gamma \
    --json --quiet
  tr -d ' ,"' <"$out" | awk -F: -v s=$seed '/^(delta|gamma|Z|P)(_err)?:/ && !($1 in v) {v[$1]=$2} /^junction:/ {j=$2}
    END {print s, j, v["delta"], v["delta_err"], v["gamma"], v["gamma_err"], v["Z"], v["Z_err"], v["P"], v["P_err"]}' >>"$tmpd/fits"
done
ok_if "fit JSON says junction pc" "awk '\$2 != \"pc\" {exit 1}' $tmpd/fits"
pulls=$(awk -v t="$truth" 'BEGIN {split(t, a, " "); for (i in a) {split(a[i], kv, "="); tv[kv[1]] = kv[2]}
  n[1]="delta"; n[2]="gamma"; n[3]="Z"; n[4]="P"}
  {for (k = 1; k <= 4; k++) {p = ($(2*k+1) - tv[n[k]]) / $(2*k+2); s2[k] += p*p; if (p > 3 || p < -3) far++
   if (p > 4 || p < -4) vfar++}; m++}
  END {printf "%d %d", far, vfar; for (k = 1; k <= 4; k++) printf " %s:%.3f", n[k], sqrt(s2[k]/m); print ""}' "$tmpd/fits")
echo "recovery: pulls beyond 3 and 4 sigma (of 80), rms pull per parameter: $pulls"
# 80 Gaussian pulls: P(more than 2 beyond 3 sigma) = 0.2 %; the rms of 20 pulls has a spread of ~0.16
set -- $pulls
ok_if "at most 2 of 80 pulls beyond 3 sigma, none beyond 4 ($pulls)" "[ $1 -le 2 ] && [ $2 -eq 0 ]"
ok_if "rms pulls in [0.6, 1.5] ($pulls)" "echo '$pulls' | tr ' ' '\n' | tail -n +3 | cut -d: -f2 | awk '\$1 < 0.6 || \$1 > 1.5 {exit 1}'"

# sweeps and global fits: P(B) rising with field, shared gnn
check "synth pc sweep" 0 "$SFHET" synth --junction pc --delta 1.2 --gamma 0.05 --Z 0.5 --P 0.2 --dP 0.3 --T 1.5 \
  --V -4:4:121 --B 0,0.2,0.4 --noise 0.004 -o "$tmpd/sw.csv"
check "fit pc sweep, global gnn" 0 "$SFHET" fit --data "$tmpd/sw.csv" --sweep B_T --junction pc --T 1.5 \
  --free delta,P,Z,gamma --shared gnn --quiet
ok_if "sweep columns" "grep -v '^#' $out | head -1 | grep -q '^B_T,delta_meV,delta_err_meV,.*P,P_err'"
p04=$(grep -v '^#' "$out" | awk -F, 'NR==1 {for (i=1;i<=NF;i++) if ($i=="P") c=i} NR>1 && $1+0==0.4 {print $c}')
ok_if "P(0.4 T) = $p04 near 0.5" "awk -v p=$p04 'BEGIN{exit !(p > 0.46 && p < 0.54)}'"

# the kernels are not DOS models; help lists them for junction commands
check "dos --models" 0 "$SFHET" dos --models
ok_if "dos --models lists no kernel" "! grep -qx 'btk\|tk' $out"
check "didv help lists the kernels" 0 "$SFHET" didv --help
ok_if "kernels in help" "grep -q 'Point-contact kernels' $out && grep -q '^  btk ' $out"
check "spin by number" 0 "$SFHET" didv --junction pc --spin 1 --P 0.3 --gamma 0.05 --T 1 --V 0
check "pairing by name" 0 "$SFHET" didv --junction pc --model tk --pairing chiral_p --gamma 0.05 --T 1 --V 0

# bad input: exit 2, one line naming the option
check "model not a pc model" 2 "$SFHET" didv --junction pc --model dynes --T 1
expect_err "model named" '^sfhet: error: --model: .dynes. is not a point-contact model'
check "kernel as a DOS model" 2 "$SFHET" didv --junction nis --model btk --T 1
expect_err "kernel named" '^sfhet: error: --model: .btk. is a point-contact kernel'
check "P above 1" 2 "$SFHET" didv --junction pc --P 1.5 --T 1
expect_err "P named" '^sfhet: error: --P'
check "P below -1" 2 "$SFHET" didv --junction pc --P -1.5 --T 1
expect_err "P negative named" '^sfhet: error: --P'
check "model2 with pc" 2 "$SFHET" didv --junction pc --model2 dynes --T 1
expect_err "model2 named" '^sfhet: error: --model2'
check "fit model2 with pc" 2 "$SFHET" fit --data "$tmpd/s.csv" --junction pc --model2 dynes --T 1 --free delta
expect_err "fit model2 named" '^sfhet: error: --model2'
check "unknown spin" 2 "$SFHET" didv --junction pc --spin foo --T 1
expect_err "spin named" '^sfhet: error: --spin'
check "spin 3" 2 "$SFHET" didv --junction pc --spin 3 --T 1
expect_err "spin range named" '^sfhet: error: --spin'
check "Z with nis" 2 "$SFHET" didv --junction nis --Z 1 --T 1
expect_err "Z named" '^sfhet: error: --Z is not an option here'
check "negative Z" 2 "$SFHET" synth --junction pc --Z -1 --T 1
expect_err "Z range named" '^sfhet: error: --Z'
check "unknown junction" 2 "$SFHET" didv --junction pcx --T 1
expect_err "junction named" '^sfhet: error: --junction'

# the example: a synthetic S/F contact spectrum fitted with residuals at its noise level
ex=$(dirname "$0")/../examples/pointcontact/run.sh
check "examples/pointcontact" 0 bash "$ex" "$SFHET" "$tmpd/example"
finish cli_pc
