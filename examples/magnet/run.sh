#!/usr/bin/env bash
# Reproduces seed 003 Fig. 4 (F/S/F hysteresis controlled by an Ising superconductor) with chi_s(T) from
# the lattice model, the T* crossing in the K1 window (docs/magnet.md), a MnBi2Te4 M(H) curve (seed 004:
# spin flop ~3 T, saturation ~8 T) and CrBr3 loops (seed 000 Extended Data Fig. 2) with 'sfhet loop';
# plots them with gnuplot (if installed) and compares the summaries with expected/ (numbers to 1e-6
# relative + 1e-12 absolute, ../ising/compare.py).
# Usage: examples/magnet/run.sh [SFHET_EXE] [OUTDIR]   (default OUTDIR: examples/magnet/out)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SFHET=${1:-$here/../../build/sfhet}
command -v "$SFHET" >/dev/null || { echo "sfhet not found at $SFHET (pass its path)"; exit 2; }
out=${2:-$here/out}; mkdir -p "$out"

# chi_s(T)/chi_n in plane from the Ising lattice model (Table I, lambda_soc = 77.16 meV)
"$SFHET" ising chi --T 0.05:3.3:27 --quiet -o "$out/chi.csv"

Ts=0.3,1.5,2.4,3.0
# The paper's eq. 13 uses polar angles only: --planar keeps the moments in the xz plane. fig4d is also
# run in full 3D, where the in-plane pair rotates through y without a barrier (no in-plane hysteresis).
for f in fig4a fig4b fig4c; do
  "$SFHET" loop --preset $f --planar --chi-table "$out/chi.csv" --T $Ts --H 0.3:-0.3:601 --return -o "$out/$f.csv"
  "$SFHET" loop --preset $f --planar --chi-table "$out/chi.csv" --T $Ts --H 0.3:-0.3:601 --return --json -o "$out/$f.json"
done
"$SFHET" loop --preset fig4d --planar --chi-table "$out/chi.csv" --T $Ts --H 1.2:-1.2:601 --return -o "$out/fig4d.csv"
"$SFHET" loop --preset fig4d --planar --chi-table "$out/chi.csv" --T $Ts --H 1.2:-1.2:601 --return --json -o "$out/fig4d.json"
"$SFHET" loop --preset fig4d --chi-table "$out/chi.csv" --T $Ts --H 1.2:-1.2:601 --return -o "$out/fig4d_3d.csv"

# T* (docs/magnet.md, "Reaching T*"): K1 = 1.07 chi_s(0)J^2 lies in the window 1.060-1.080 for the
# lattice chi_s at lambda = 150 Delta0 = 69.795 meV (the paper's Figs. 3-4); loops below and above T*
TS="--model fsf --K1 1.07 --K2 0.955357142857 --Ms1 1.12 --Ms2 1 --chiJ2 1 --chi-ising --lambda 69.795"
"$SFHET" loop $TS --T 1.5,2.9 --planar --H 0.3:-0.3:301 --return --quiet -o "$out/tstar.csv"
"$SFHET" loop $TS --T 1.5,2.9 --planar --H 0.3:-0.3:301 --return --quiet --json -o "$out/tstar.json"

"$SFHET" loop --preset mnbi2te4 --H 0:10:501 --equilibrium -o "$out/mnbi2te4_eq.csv"
"$SFHET" loop --preset mnbi2te4 --H -10:10:1001 --return -o "$out/mnbi2te4_loop.csv"
"$SFHET" loop --preset mnbi2te4 --H -10:10:1001 --return --json -o "$out/mnbi2te4_loop.json"
"$SFHET" loop --preset crbr3 --H 0.05:-0.05:401 --return -o "$out/crbr3_oop.csv"
"$SFHET" loop --preset crbr3 --psi 90 --H 1:-1:401 --return --report angle -o "$out/crbr3_ip.csv"

if command -v gnuplot >/dev/null; then
  gnuplot -e "outdir='$out'" "$here/plots.gp" && echo "plots in $out/*.png"
fi

bad=0 n=0
for e in "$here"/expected/*; do
  n=$((n + 1))
  /usr/bin/python3 "$here/../ising/compare.py" "$out/$(basename "$e")" "$e" || bad=$((bad + 1))
done
echo "examples/magnet: $n files, $bad mismatches; outputs in $out"
[ "$bad" -eq 0 ] && [ "$n" -gt 0 ]
