#!/usr/bin/env bash
# Strong scaling of MPI runs (issue 19): a map fit of NSPEC spectra (default 4096, 61 biases each, Δ and
# Γ free), the global fit of the same map with gnn shared (`--shared gnn`: per-spectrum fits, then the
# joint fit whose shared normal equations are reduced across the ranks) and an `ising map` of NISING
# points (default 400), on 1, 2 and 4 ranks with one OpenMP thread
# per rank. Prints the wall time, the speed-up against the 1-rank run of the same executable (the
# baseline: what a user without MPI runs) and the efficiency T1/(p*Tp). Checks that every run's table is
# byte-identical to the 1-rank one. On a machine with fewer cores than ranks the runs are
# oversubscribed (--oversubscribe): the script says so, and efficiency then measures overhead only.
# Usage: bench/bench_scaling.sh [SFHET_EXE]   (NSPEC=512 NISING=64 for a quick run)
set -uo pipefail
SFHET=$(realpath "${1:-build/sfhet}")
NSPEC=${NSPEC:-4096}
NISING=${NISING:-400}
RANKS=${RANKS:-"1 2 4"}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
command -v mpirun >/dev/null || { echo "bench_scaling: no mpirun"; exit 0; }
"$SFHET" --version | grep -q "MPI built in" || { echo "bench_scaling: $SFHET built without MPI"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cores=$(env -u OMP_NUM_THREADS nproc) # nproc alone would honour OMP_NUM_THREADS=1
echo "bench_scaling: $cores cores; ranks $RANKS; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $RANKS; do [ "$p" -gt "$cores" ] && echo "  note: $p ranks on $cores cores are oversubscribed"; done
"$SFHET" synth --junction nis --delta 0.8 --gamma 0.05 --T 0.5 --V -3:3:61 --B 0:0.5:"$NSPEC" \
  --ddelta 50ueV --dgamma 20ueV --noise 0.01 -o "$T/map.csv" 2>/dev/null
nj=$(( NISING / 20 > 0 ? NISING / 20 : 1 ))
FIT=(fit --data "$T/map.csv" --sweep B_T --junction nis --T 0.5 --free delta,gamma --quiet)
GLOBAL=(fit --data "$T/map.csv" --sweep B_T --junction nis --T 0.5 --free delta,gamma,gnn --shared gnn --quiet)
ISING=(ising map --T 0.5:3:$nj --J 0:1:4 --theta 0:90:5 --quiet)
run() { # name ranks command...
  local name=$1 p=$2; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  mpirun -q --oversubscribe -x OMP_NUM_THREADS -np "$p" "$SFHET" "$@" -o "$T/$name.$p.csv" 2>"$T/err" ||
    { echo "  $name -np $p failed: $(head -2 "$T/err")"; return; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
for case in fit global ising; do
  case $case in
    fit) cmd=("${FIT[@]}"); what="map fit of $NSPEC spectra" ;;
    global) cmd=("${GLOBAL[@]}"); what="global fit, $NSPEC spectra" ;;
    *) cmd=("${ISING[@]}"); what="ising map of $((nj * 20)) points" ;;
  esac
  t1=""
  for p in $RANKS; do
    tp=$(run $case "$p" "${cmd[@]}")
    [ -z "$tp" ] && continue
    [ -z "$t1" ] && t1=$tp
    same=$(cmp -s <(grep -v '^# command\|^# output' "$T/$case.1.csv") <(grep -v '^# command\|^# output' "$T/$case.$p.csv") && echo identical || echo DIFFERENT)
    printf "  %-28s np=%d  %8.2f s  speed-up %5.2f  efficiency %4.2f  table %s\n" "$what" "$p" "$tp" \
      "$(echo "$t1 / $tp" | bc -l)" "$(echo "$t1 / ($p * $tp)" | bc -l)" "$same"
  done
done
