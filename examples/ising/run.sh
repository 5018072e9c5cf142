#!/usr/bin/env bash
# Runs the four seed 003 Fig. 3 scripts and compares every CSV they write with expected/ (numbers to
# 1e-6 relative + 1e-12 absolute, compare.py). Usage: examples/ising/run.sh [SFHET] [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SFHET=${1:-$here/../../build/sfhet}
export OUT=${2:-$(mktemp -d)}
for f in fig3a fig3b fig3c fig3d; do bash "$here/$f.sh" >/dev/null; done
bad=0 n=0
for e in "$here"/expected/*.csv; do
  n=$((n + 1))
  /usr/bin/python3 "$here/compare.py" "$OUT/$(basename "$e")" "$e" || bad=$((bad + 1))
done
echo "examples/ising: $n files, $bad mismatches; outputs in $OUT"
[ "$bad" -eq 0 ] && [ "$n" -gt 0 ]
