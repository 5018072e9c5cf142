#!/usr/bin/env bash
# MPI runs (issue 19): `mpirun -np 1` and `-np 3` give byte-identical output to a single process for a
# sweep fit, a global fit (--shared), ising curves and maps and an isingqc curve; a failing point gives
# one error line, the exit status of a serial run and no output file. The single-process reference is
# $SFHET_SERIAL (a build with -DSFHET_MPI=OFF, as scripts/test.sh makes) or else this executable run
# without mpirun, which does not start MPI at all (src/par/par.c). Skipped without mpirun or MPI.
SFHET=$(realpath "$1")
if ! command -v mpirun >/dev/null 2>&1; then echo "cli_mpi: skipped (no mpirun: install openmpi-bin)"; exit 0; fi
if ! "$SFHET" --version | grep -q "MPI built in"; then echo "cli_mpi: skipped (sfhet built without MPI)"; exit 0; fi
source "$(dirname "$0")/harness.sh"
SERIAL=$(realpath "${SFHET_SERIAL:-$SFHET}")
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
# -q: no Open MPI notice when a rank exits non-zero (the one sfhet error line stays alone)
MPI=(mpirun -q --oversubscribe -x OMP_NUM_THREADS)
for v in UBSAN_OPTIONS LD_LIBRARY_PATH; do [ -n "${!v:-}" ] && MPI+=(-x "$v"); done
# A sanitizer build: no leak check under mpirun (Open MPI's plugins are unloaded at exit, so their own
# allocations show as leaks of unknown modules); the serial runs of the same commands check sfhet's.
MPI+=(-x "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
T=$tmpd

# Runs "$@" (an sfhet command line, output -o out.csv) serially and with 1 and 3 ranks, each in its own
# directory (the command line is echoed in the output), and compares stdout and the files byte by byte.
same() {
  local desc=$1; shift
  for r in serial 1 3; do
    mkdir -p "$T/$r" && cd "$T/$r" || return
    if [ $r = serial ]; then "$SERIAL" "$@" >stdout 2>stderr; else "${MPI[@]}" -np $r "$SFHET" "$@" >stdout 2>stderr; fi
    echo $? >rc
    cd - >/dev/null || return
  done
  if [ "$(cat "$T/serial/rc")" -ne 0 ]; then bad "$desc: serial run failed: $(cat "$T/serial/stderr")"; return; fi
  for r in 1 3; do
    if cmp -s "$T/serial/rc" "$T/$r/rc" && cmp -s "$T/serial/stdout" "$T/$r/stdout" &&
       cmp -s "$T/serial/out.csv" "$T/$r/out.csv"; then ok
    else bad "$desc: -np $r differs from the serial run (rc $(cat "$T/$r/rc")): $(cat "$T/$r/stderr" | head -3)"; fi
  done
  rm -rf "$T/serial" "$T/1" "$T/3"
}

"$SERIAL" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --vac 0.04 --V -4:4:61 --B 0:0.8:24 \
  --ddelta 20ueV --dgamma 40ueV --noise 0.01 -o "$T/sweep.csv" 2>/dev/null
FIT=(fit --data "$T/sweep.csv" --sweep B_T --junction sis --T 1.5 --vac 0.04 --free delta,gamma)
same "sweep fit" "${FIT[@]}" -o out.csv
same "sweep fit with --clip (flags gathered)" "${FIT[@]}" --clip 3 --curves curves.csv -o out.csv
same "global fit --shared gnn" "${FIT[@]}" --shared gnn -o out.csv
same "ising tc curve" ising tc --J 0,0.5,1 --theta 0 --delta0 3 -o out.csv # a large gap: a coarse, fast mesh
same "ising map" ising map --T 2,8 --J 0,2 --theta 0,90 --delta0 3 -o out.csv
same "isingqc tc curve" isingqc tc --Tc0 6.5 --b 0:2:5 --theta 0 -o out.csv
DEV=(--Tc0 5.66K --T 1.5K --lambda 0.4meV --HK 0.35T --dso 1meV --eta 0.3meV --gamma0 0.05meV --vac 0.02mV)
"$SERIAL" device --B 0:0.5:6 --V -2.5:2.5:26 "${DEV[@]}" 2>/dev/null | /usr/bin/python3 -c "
import random, sys
random.seed(3)
for l in sys.stdin:
    if l.startswith('#') or l.startswith('B_T'): sys.stdout.write(l); continue
    b, d, v, g = l.strip().split(','); print(b, d, v, repr(float(g) * (1 + 0.01 * random.gauss(0, 1))), sep=',')
" >"$T/dev.csv" # 1 % noise: a noise-free map fits to chi^2 ~ 1e-19, where no stopping rule means much
same "device map" device --B 0:0.5:6 --V -2.5:2.5:26 "${DEV[@]}" --per-field pf.csv -o out.csv
same "device fit" device --fit --data "$T/dev.csv" --free lambda,gamma0 "${DEV[@]/0.4meV/0.38meV}" --json -o out.csv
same "isingqc map" isingqc map --Tc0 6.5 --T 2,5 --b 0,1 --theta 0,90 -o out.csv
same "global fit --shared gnn,V0, 2 threads per rank" "${FIT[@]}" --shared gnn,V0 --threads 2 -o out.csv

# failures: the serial exit status, one error line, no output file
cd "$T" || exit 1
check "failing point on one rank (-np 3)" 2 "${MPI[@]}" -np 3 "$SFHET" ising tc --J 0.2,0.5,-1,1 --theta 0 -o never.csv
expect_err "one error line naming the point" '^sfhet: error: point 3 of 4: --J: must be >= 0'
if [ -e never.csv ] || ls never.csv.tmp* >/dev/null 2>&1; then bad "failing point: output file left"; else ok; fi
check "failed computation on every rank (-np 3)" 1 "${MPI[@]}" -np 3 "$SFHET" "${FIT[@]}" --max-evals 5 -o never.csv
expect_err "one error line, the first spectrum" '^sfhet: error: fit: spectrum 1 \(B_T = 0\): stopped: 5 model evaluations'
if [ -e never.csv ] || ls never.csv.tmp* >/dev/null 2>&1; then bad "failed fit: output file left"; else ok; fi
cd - >/dev/null || exit 1

# the library primitive across 3 ranks (tests/test_par.c)
PAR="$(dirname "$SFHET")/tests/test_par"
if [ -x "$PAR" ]; then check "test_par on 3 ranks" 0 "${MPI[@]}" -np 3 "$PAR"; fi
finish cli_mpi
