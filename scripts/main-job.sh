#!/usr/bin/env bash
# The main job on embedded defaults: a realistic in-plane field sweep of SIS spectra of a
# NbSe2/CrBr3/NbSe2-like junction (seed 000: Delta = 0.86 meV, Gamma = 80 ueV at 0 T, both rising and
# saturating near 0.4 T as in Fig. 2f, T = 1.5 K, 40 uV lock-in, noise), generated with `sfhet synth`,
# then fitted; writes the parameter table, TAMR(V), spectral weight, spin lifetime and plots to OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-sfhet-out}
SFHET=${SFHET:-./build/sfhet}
mkdir -p "$OUT"
J=(--junction sis --T 1.5K --vac 40uV)

# 1. data: 21 fields 0..1 T, 321 biases -4..4 mV, noise 1 % of the normal-state conductance
"$SFHET" synth "${J[@]}" --delta 0.86meV --gamma 80ueV --ddelta 20ueV --dgamma 40ueV --Bsat 0.4T \
  --B 0:1:21 --V -4:4:321 --noise 0.01 --seed 2024 --truth "$OUT/truth.csv" -o "$OUT/sweep.csv"
# 2. fit every spectrum (delta, gamma free; the conductance scale gnn shared by all: global fit)
"$SFHET" fit --data "$OUT/sweep.csv" --x V_mV --y G --sweep B_T "${J[@]}" --free delta,gamma \
  --shared gnn --quiet --curves "$OUT/curves.csv" --plot "$OUT/fit_sweep.png" -o "$OUT/params.csv"
# 3. one spectrum in detail (0 T): data, model, residuals
{ echo "B_T,V_mV,G"; grep '^0,' "$OUT/sweep.csv"; } >"$OUT/spectrum_0T.csv"
"$SFHET" fit --data "$OUT/spectrum_0T.csv" "${J[@]}" --free delta,gamma --json --plot "$OUT/fit_0T.png" \
  -o "$OUT/fit_0T.json"
# 4. TAMR(V) between 0 T (magnetisation out of plane) and 1 T (in plane), spectral weight per field
"$SFHET" tamr --data "$OUT/sweep.csv" --sweep B_T --par 0T --perp 1T --plot "$OUT/tamr.png" -o "$OUT/tamr.csv"
"$SFHET" weight --data "$OUT/sweep.csv" --sweep B_T --from -4mV --to 4mV -o "$OUT/weight.csv"
# 5. spin lifetime from the fitted broadening at 0 T and 1 T (seed 000 Methods)
"$SFHET" spinlife --params "$OUT/params.csv" --sweep B_T --at 0T,1T --json -o "$OUT/spinlife.json"

# 6. the device from first principles (docs/device.md): the CrBr3 macrospin, its exchange field on
#    isingqc electrodes, the SIS map with 1 % noise (9 fields x 121 biases); fitted spectrum by spectrum
#    (Dynes SIS: Delta(B), Gamma(B) as in seed 000 Fig. 2f, device/delta_gamma.png) and globally for
#    lambda, eta, H_K, Gamma0 (truth 0.55 meV, 4 meV, 0.35 T, 0.05 meV)
mkdir -p "$OUT/device"
NF=9 NV=121 bash examples/device/run.sh "$SFHET" "$OUT/device" >"$OUT/device/run.log"

echo "main job: wrote to $OUT/"
for f in sweep.csv truth.csv params.csv curves.csv fit_sweep.png spectrum_0T.csv fit_0T.json fit_0T.png \
  tamr.csv tamr.png weight.csv spinlife.json; do
  printf '  %-16s %s\n' "$f" "$(du -h "$OUT/$f" | cut -f1)"
done
echo "fitted delta, gamma [meV] at 0 T and 1 T (truth: 0.86, 0.08 and 0.88, 0.12):"
grep -E '^(0|1),' "$OUT/params.csv" | while IFS=, read -r B D DE G GE _; do
  printf '  B = %s T: delta = %.4f +- %.4f, gamma = %.4f +- %.4f\n' "$B" "$D" "$DE" "$G" "$GE"
done
echo "device ($OUT/device/: device_fit.json, per_spectrum.csv, delta_gamma.png = seed 000 Fig. 2f):"
grep -A6 '^device fit' "$OUT/device/run.log"
