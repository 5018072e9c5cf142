#!/usr/bin/env bash
# The main job on embedded defaults (a small forward calculation until the fitting pipeline lands).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-sfhet-out}
mkdir -p "$OUT"
./build/sfhet dos --model dynes --delta 0.86meV --gamma 80ueV --E -3:3:601 -o "$OUT/dos_dynes.csv"
echo "main job: wrote $OUT/dos_dynes.csv"
