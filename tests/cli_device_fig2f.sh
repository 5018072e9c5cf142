#!/usr/bin/env bash
# Seed 000 Fig. 2f from the device chain (docs/device.md, "Parameters"): with the example's parameters
# (lambda = 0.55 meV, eta = 4 meV, dso = 10 meV, HK = 0.35 T, Tc0 = 5.66 K, T = 1.5 K) the per-spectrum
# Dynes SIS fits of a generated map with 1 % noise give Delta(B) and Gamma(B) that rise between B = 0
# and H_K (by more than 5 sigma each) and are flat above H_K (every point within max(3 sigma, a quarter
# of the rise) of their mean). Also: the B = 0 fit sees the chain's out-of-plane gap.
# Usage: cli_device_fig2f.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
M="--Tc0 5.66K --T 1.5K --dso 10meV --vac 0.02mV --lambda 0.55meV --eta 4meV --HK 0.35T --gamma0 0.05meV"

check "device map" 0 "$SFHET" device --B 0,0.1,0.4,0.6,0.8 --V -3:3:121 $M --quiet --threads 2 \
  --per-field "$tmpd/pf.csv"
$PY - "$out" "$tmpd/map.csv" <<'PYEOF'
import random, sys
random.seed(2000)
with open(sys.argv[2], "w") as o:
    for l in open(sys.argv[1]):
        if l.startswith("#"): continue
        if l.startswith("B_T"): o.write("B_T,V_mV,G\n"); continue
        b, d, v, g = l.strip().split(","); g = float(g)
        o.write(f"{b},{v},{g * (1 + 0.01 * random.gauss(0, 1)):.10g}\n")
PYEOF
check "per-spectrum fits" 0 "$SFHET" fit --data "$tmpd/map.csv" --sweep B_T --junction sis --model dynes --T 1.5K \
  --vac 0.02mV --free delta,gamma,gnn --quiet -o "$tmpd/ps.csv"
if $PY - "$tmpd/ps.csv" "$tmpd/pf.csv" <<'PYEOF'; then ok; else bad "Fig. 2f shape (see the lines above)"; fi
import csv, sys
rd = lambda f: list(csv.DictReader(l for l in open(f) if not l.startswith("#")))
r, pf = rd(sys.argv[1]), rd(sys.argv[2])
HK, good = 0.35, True
for q in ("delta", "gamma"):
    B = [float(x["B_T"]) for x in r]
    v = [float(x[q + "_meV"]) for x in r]; e = [float(x[q + "_err_meV"]) for x in r]
    hi = [i for i, b in enumerate(B) if b > HK]
    m = sum(v[i] for i in hi) / len(hi)
    rise, srise = m - v[0], (e[0] ** 2 + max(e[i] for i in hi) ** 2) ** 0.5
    flat = all(abs(v[i] - m) <= max(3 * e[i], rise / 4) for i in hi)
    print(f"{q}: {v[0]:.4f} at 0 T, {m:.4f} above H_K, rise {1e3 * rise:.1f} +- {1e3 * srise:.1f} ueV, "
          f"flat above H_K: {flat}")
    good &= rise > 5 * srise and flat
# at B = 0 the SIS spectrum is the Dynes one of the chain's gap (b || c shifts cancel): the fit sees it
d0, dsc = float(r[0]["delta_meV"]), float(pf[0]["delta_meV"])
print(f"B = 0: fitted delta {d0:.4f}, chain delta {dsc:.4f}")
good &= abs(d0 - dsc) < 0.01 * dsc
sys.exit(0 if good else 1)
PYEOF
finish cli_device_fig2f
