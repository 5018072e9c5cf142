#!/usr/bin/env bash
# Field-sweep example (seed 000 Fig. 2): fit Delta(B), Gamma(B) of the bundled synthetic NbSe2/CrBr3/NbSe2
# SIS sweep (data.csv, made by the command in its header; truth.csv holds the true values) with a
# shared conductance scale and bias offset, compute TAMR(V) between 0 T and 1 T, and compare the fitted
# parameters with expected_params.csv (the output of this script when it was written).
# Usage: examples/fieldsweep/run.sh [SFHET] [OUTDIR]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SFHET=${1:-$HERE/../../build/sfhet}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
"$SFHET" fit --data "$HERE/data.csv" --sweep B_T --junction sis --T 1.5K --vac 40uV \
  --free delta,gamma --shared gnn,V0 --quiet --threads 2 --plot "$OUT/fit.png" -o "$OUT/params.csv"
"$SFHET" tamr --data "$HERE/data.csv" --sweep B_T --par 0T --perp 1T --plot "$OUT/tamr.png" -o "$OUT/tamr.csv"
# compare with the expected table (same fits: agreement to 1e-6 relative)
python3 - "$OUT/params.csv" "$HERE/expected_params.csv" "$HERE/truth.csv" <<'PY'
import csv, sys
rd = lambda f: list(csv.DictReader(l for l in open(f) if not l.startswith("#")))
got, exp, truth = rd(sys.argv[1]), rd(sys.argv[2]), rd(sys.argv[3])
bad = 0
for g, e, t in zip(got, exp, truth):
    for k in ("delta_meV", "gamma_meV", "gnn", "V0_mV"):
        if abs(float(g[k]) - float(e[k])) > 1e-6 * max(abs(float(e[k])), 1e-3):
            print(f"B = {g['B_T']} T: {k} = {g[k]}, expected {e[k]}"); bad += 1
    for k in ("delta_meV", "gamma_meV"):
        if abs(float(g[k]) - float(t[k])) > 4 * float(g[k.replace('_meV', '_err_meV')]):
            print(f"B = {g['B_T']} T: {k} = {g[k]} is more than 4 sigma from the truth {t[k]}"); bad += 1
print(f"fieldsweep: {len(got)} fields, {bad} mismatches; outputs in {sys.argv[1].rsplit('/', 1)[0]}")
sys.exit(1 if bad or len(got) != len(exp) else 0)
PY
