#!/usr/bin/env bash
# The 128 x 128 synthetic gap map of issue 19: generates it (gen_map.py: NIS spectra, 101 biases,
# spatially varying Delta and Gamma, 1 % noise), fits every pixel with sfhet fit --pixel, writes the
# maps and images and prints the fraction of pixels whose Delta and Gamma are within 3 sigma of the
# truth, and the times. Usage: run.sh [SFHET] [N] [OUTDIR]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SFHET=$(realpath "${1:-$HERE/../../build/sfhet}")
N=${2:-128}
OUT=${3:-$HERE/out}
mkdir -p "$OUT"
t0=$(date +%s.%N)
/usr/bin/python3 "$HERE/gen_map.py" "$SFHET" "$N" "$OUT/map.csv" "$OUT/truth.csv" 0.01
t1=$(date +%s.%N)
"$SFHET" fit --data "$OUT/map.csv" --pixel x_m,y_m --junction nis --T 0.5K --free delta,gamma \
  -o "$OUT/fit.csv" --plot "$OUT/gapmap"
t2=$(date +%s.%N)
/usr/bin/python3 "$HERE/check_map.py" "$OUT/fit.csv" "$OUT/truth.csv"
echo "generate $(echo "$t1 - $t0" | bc) s, fit $(echo "$t2 - $t1" | bc) s ($N x $N pixels)"
