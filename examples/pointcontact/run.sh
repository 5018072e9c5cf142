#!/usr/bin/env bash
# Point-contact Andreev reflection example: fit the bundled synthetic "measured" Nb/Co contact spectrum
# (data.csv, made by the sfhet synth command in its header) with the BTK model with spin polarisation
# (--junction pc --model btk, Mazin ballistic form), check the residuals against the noise level, the
# parameters against the truth (within 3 sigma) and against expected.json (this script's output when it
# was written; 1e-5 relative). With matplotlib, plot.py draws OUTDIR/pointcontact.png.
# Usage: examples/pointcontact/run.sh [SFHET] [OUTDIR]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SFHET=${1:-$HERE/../../build/sfhet}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with numpy and matplotlib
"$SFHET" fit --data "$HERE/data.csv" --junction pc --model btk --T 4.2K --vac-rms 50uV \
  --free delta,P,Z,gamma,gnn,V0 --curves "$OUT/curves.csv" --json --quiet -o "$OUT/fit.json"
"$SFHET" didv --junction pc --delta 1.45meV --gamma 80ueV --Z 0.35 --P 0 --T 4.2K --vac-rms 50uV \
  --V -6:6:301 -o "$OUT/unpolarised.csv"
"$PY" - "$OUT" "$HERE" <<'PY'
import csv, json, math, sys
out, here = sys.argv[1], sys.argv[2]
got, exp = json.load(open(f"{out}/fit.json")), json.load(open(f"{here}/expected.json"))
truth = {"delta": 1.45, "gamma": 0.08, "Z": 0.35, "P": 0.42, "gnn": 0.987, "V0": 0.008}
rows = list(csv.DictReader(l for l in open(f"{out}/curves.csv") if not l.startswith("#")))
rms = math.sqrt(sum(float(r["residual"]) ** 2 for r in rows) / len(rows))
bad = 0
for k, t in truth.items():
    pull = (got[k] - t) / got[k + "_err"]
    print(f"{k:6s} = {got[k]:.5f} +- {got[k + '_err']:.5f}  (truth {t}, pull {pull:+.2f})")
    if abs(pull) > 3: print(f"  {k} is more than 3 sigma from the truth"); bad += 1
    if abs(got[k] - exp[k]) > 1e-5 * max(abs(exp[k]), 1e-3): print(f"  {k} differs from expected.json {exp[k]}"); bad += 1
print(f"residual rms {rms:.5f} against the noise 0.004 (ratio {rms / 0.004:.3f}); chi2_red {got['chi2_red']:.3g}")
if not 0.9 < rms / 0.004 < 1.1 or got["junction"] != "pc" or not got["converged"]: bad += 1
try:
    import matplotlib  # noqa: F401
    import subprocess
    subprocess.run([sys.executable, f"{here}/plot.py", out], check=True)
except ImportError:
    pass
print(f"pointcontact: {bad} mismatches; outputs in {out}")
sys.exit(1 if bad else 0)
PY
