#!/usr/bin/env bash
# fit --pixel x_m,y_m (STM gap maps): a 16 x 16 synthetic NIS map with spatially varying Delta and
# Gamma and 1 % noise (examples/gapmap/gen_map.py, from sfhet synth's known parameters) is recovered
# within 3 sigma in >= 99 % of the pixels (at most 2 misses), independently of the thread count and of
# the order of the rows; one image per parameter; bad position columns or non-grid data exit 2
# naming --pixel.
# Usage: cli_pixel.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(realpath "$1")
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
EX=$(dirname "$0")/../examples/gapmap
D=$tmpd/map.csv T=$tmpd/truth.csv
$PY "$EX/gen_map.py" "$SFHET" 16 "$D" "$T" 0.01 && ok || bad "generator failed"
F=(fit --data "$D" --pixel x_m,y_m --junction nis --T 0.5K --free delta,gamma)
check "map fit" 0 "$SFHET" "${F[@]}" --threads 2 -o "$tmpd/fit2.csv" --plot "$tmpd/img"
r=$($PY "$EX/check_map.py" "$tmpd/fit2.csv" "$T")
n=$(echo "$r" | awk '{print $4}')
[ "${n:-0}" -ge 254 ] && ok || bad "truth within 3 sigma in fewer than 254 of 256 pixels: $r"
# the errors are not inflated: the truth is not within 0.5 sigma everywhere
echo "$r" | awk '{exit !($8 > 0.5)}' && ok || bad "errors absurdly large: $r"
head -c 8 "$tmpd/img_delta.png" | od -An -c | grep -q 'P   N   G' && ok || bad "no PNG image of delta"
[ -s "$tmpd/img_gamma.png" ] && ok || bad "no image of gamma"
grep -v '^#' "$tmpd/fit2.csv" | head -1 | grep -qx \
  'x_m,y_m,delta_meV,delta_err_meV,gamma_meV,gamma_err_meV,delta_at_bound,gamma_at_bound,chi2_red,converged' \
  && ok || bad "map header: $(grep -v '^#' "$tmpd/fit2.csv" | head -1)"
[ "$(grep -vc '^#' "$tmpd/fit2.csv")" -eq 257 ] && ok || bad "map rows: not 256"
check "one thread" 0 "$SFHET" "${F[@]}" --threads 1 -o "$tmpd/fit1.csv"
cmp -s <(grep -v '^#' "$tmpd/fit1.csv") <(grep -v '^#' "$tmpd/fit2.csv") && ok || bad "map depends on --threads"
# rows shuffled: the same pixels and the same fits
$PY - "$D" "$tmpd/shuf.csv" <<'PY'
import random, sys
lines = open(sys.argv[1]).readlines()
body = lines[1:]
random.Random(5).shuffle(body)
open(sys.argv[2], "w").writelines(lines[:1] + body)
PY
check "shuffled rows" 0 "$SFHET" fit --data "$tmpd/shuf.csv" --pixel x_m,y_m --junction nis --T 0.5K \
  --free delta,gamma --threads 2 -o "$tmpd/fits.csv"
cmp -s <(grep -v '^#' "$tmpd/fits.csv") <(grep -v '^#' "$tmpd/fit2.csv") && ok || bad "map depends on the row order"
# MPI (when built in and mpirun exists): 3 ranks give the same map
if command -v mpirun >/dev/null 2>&1 && "$SFHET" --version | grep -q "MPI built in"; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  MPI=(mpirun -q --oversubscribe -x OMP_NUM_THREADS=1 -x "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
  for v in UBSAN_OPTIONS LD_LIBRARY_PATH; do [ -n "${!v:-}" ] && MPI+=(-x "$v"); done
  check "3 ranks" 0 "${MPI[@]}" -np 3 "$SFHET" "${F[@]}" --threads 1 -o "$tmpd/fitm.csv" --plot "$tmpd/mpi"
  cmp -s <(grep -v '^#' "$tmpd/fitm.csv") <(grep -v '^#' "$tmpd/fit2.csv") && ok || bad "map differs on 3 ranks"
  [ -s "$tmpd/mpi_delta.png" ] && ok || bad "no image from the 3-rank run"
else
  echo "cli_pixel: MPI part skipped (no mpirun or sfhet built without MPI)"
fi

# bad input: exit 2, one line naming --pixel
check "missing column" 2 "$SFHET" "${F[@]/y_m/z_m}"
expect_err "missing column" "^sfhet: error: --pixel: no column 'z_m'"
check "one column" 2 "$SFHET" fit --data "$D" --pixel x_m --junction nis --T 0.5K --free delta,gamma
expect_err "one column" "^sfhet: error: --pixel: give two position columns"
$PY - "$D" "$tmpd/scatter.csv" "$tmpd/holes.csv" <<'PY'
import random, sys
lines = open(sys.argv[1]).readlines()
rng = random.Random(2)
with open(sys.argv[2], "w") as f:  # random positions, 101 rows each: not a grid
    f.write(lines[0])
    for k, l in enumerate(lines[1:]):
        if k % 101 == 0:
            x, y = rng.uniform(0, 3e-8), rng.uniform(0, 3e-8)
        r = l.split(",")
        f.write("%.6g,%.6g,%s,%s" % (x, y, r[2], r[3]))
with open(sys.argv[3], "w") as f:  # a regular grid with the pixels of one row left out
    f.write(lines[0])
    f.writelines(l for l in lines[1:] if not (l.split(",")[1] == "1e-08" and l.split(",")[0] != "0"))
PY
check "scattered positions" 2 "$SFHET" fit --data "$tmpd/scatter.csv" --pixel x_m,y_m --junction nis --T 0.5K --free delta,gamma
expect_err "scattered positions" "^sfhet: error: --pixel: the positions are not an evenly spaced grid"
check "incomplete grid" 2 "$SFHET" fit --data "$tmpd/holes.csv" --pixel x_m,y_m --junction nis --T 0.5K --free delta,gamma
expect_err "incomplete grid" "^sfhet: error: --pixel: the positions are not a complete grid: 15 of the 16 x 16"
check "pixel and sweep" 2 "$SFHET" "${F[@]}" --sweep x_m
expect_err "pixel and sweep" "^sfhet: error: --pixel and --sweep"
check "plot needs a prefix" 2 "$SFHET" "${F[@]}" --plot "$tmpd/map.png"
expect_err "plot needs a prefix" "^sfhet: error: --plot: with --pixel give a PREFIX"
finish cli_pixel
