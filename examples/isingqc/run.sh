#!/usr/bin/env bash
# Reproduces seed 002 (Wickramaratne et al.) with `sfhet isingqc` and the isingqc DOS model:
#   Table I and Fig. 2: SIS dI/dV for b || c and b ⊥ c, peak shift and FWHM versus b
#     (T = 0.5 Tc, Δso = 20 Tc, η = Tc, b = 0 ... 0.67 Tc);
#   Fig. 3b: in-plane critical field versus field angle for defect spins along x, y, z
#     (T = 0.2 Tc, Δso = 20 Tc, η_i = 0.25 Tc);
#   the defect-moment flop: Γ_eff(B) loops and the temperature below which they open.
# Writes out/, compares the results with expected/ (relative 1e-5, absolute 1e-8) and, when
# matplotlib is there (and SFHET_NO_PLOTS is unset), plots out/*.png (plots.py). Exit 1 on a mismatch.
# Usage: examples/isingqc/run.sh [SFHET_EXE [OUT_DIR]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SFHET=${1:-$here/../../build/sfhet}
out=${2:-$here/out}
command -v "$SFHET" >/dev/null || { echo "sfhet not found at $SFHET (pass its path)"; exit 2; }
mkdir -p "$out"

Tc=6.2                                               # K (seed 000's junctions)
kTc=$(awk -v t=$Tc 'BEGIN{printf "%.10g", 8.617333262e-2*t}')   # kB Tc in meV
tc() { awk -v x="$1" -v k=$kTc 'BEGIN{printf "%.10g", x*k}'; }  # x Tc in meV
rows() { grep -v '^#' "$1" | tail -n +2; }
M="--dso $(tc 20) --eta $(tc 1) --gamma $(tc 0.02)"    # Γ = 0.02 Tc: a small Dynes width for the SIS peak
T2=$(awk -v t=$Tc 'BEGIN{printf "%.10g", 0.5*t}')

# ---- Fig. 2(a, b): dI/dV at b = 0, 0.225, 0.45, 0.67 Tc with the self-consistent Δ(b) in both electrodes
: >"$out/fig2_gap.csv"
echo "theta_deg,b_over_Tc,delta_meV" >"$out/fig2_gap.csv"
for th in 0 90; do
  for bt in 0 0.225 0.45 0.67; do
    d=$("$SFHET" isingqc gap --Tc0 $Tc --T $T2 $M --b $(tc $bt) --theta $th --json |
        awk -F: '/"delta_meV"/{gsub(/[ ,]/, "", $2); print $2; exit}')
    echo "$th,$bt,$d" >>"$out/fig2_gap.csv"
    "$SFHET" didv --junction sis --model isingqc $M --delta "$d" --b $(tc $bt) --theta $th --T $T2 \
      --V 0.5:2.5:1001 -o "$out/fig2_didv_th${th}_b${bt}.csv"
  done
done

# ---- Fig. 2(c) and Table I: peak position and FWHM versus b for both orientations
for th in 0 90; do
  "$SFHET" isingqc peaks --Tc0 $Tc --T $T2 $M --b 0:$(tc 0.67):6 --theta $th --threads 1 -o "$out/fig2c_th$th.csv"
done
# Table I: shifts divided by the predicted (b/Δo)² (b ∥ c) and (b/Δso)² (b ⊥ c), broadening divided by the
# pair-breaking rate η b²/(b² + Δso²); constants across b mean the proportionality holds
paste -d, <(rows "$out/fig2c_th0.csv") <(rows "$out/fig2c_th90.csv") | awk -F, -v k=$kTc '
  BEGIN { print "b_over_Tc,shift_par_over_2delta0,shift_par_per_bdelta2,dfwhm_par_mV,shift_perp_over_2delta0,shift_perp_per_bdso2,dfwhm_perp_per_rate" }
  NR == 1 { p0 = $3; w0 = $4; d0 = $2; q0 = $7; v0 = $8; next }
  { b = $1; dso = 20 * k; eta = k
    sp = ($3 - p0) / p0; sq = ($7 - q0) / q0; rate = eta * b * b / (b * b + dso * dso)
    printf "%.6f,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g\n", b / k, sp, sp / (b / d0)^2, $4 - w0, sq, sq / (b / dso)^2, ($8 - v0) / rate }' \
  >"$out/table1.csv"

# ---- Fig. 3(b): in-plane critical field versus field angle, defect spins along x, y, z
T3=$(awk -v t=$Tc 'BEGIN{printf "%.10g", 0.2*t}')
for ax in x y z; do
  "$SFHET" isingqc bc --Tc0 $Tc --T $T3 --dso $(tc 20) --theta 90 --phi 0:180:13 --eta_$ax $(tc 0.25) --threads 1 \
    -o "$out/fig3b_$ax.csv"
done

# ---- defect-moment flop: temperatures and Γ_eff loops (model of docs/isingqc.md, seed 000's Tc)
"$SFHET" isingqc flop --Tc0 $Tc --B -9:9:721 --json -o "$out/flop.json"
for T in 1.5 3.5 5.0; do "$SFHET" isingqc flop --Tc0 $Tc --T $T --B -9:9:721 -o "$out/flop_T$T.csv"; done

# ---- compare with expected/
status=0
for f in fig2_gap.csv fig2c_th0.csv fig2c_th90.csv table1.csv fig3b_x.csv fig3b_y.csv fig3b_z.csv flop.json \
         flop_T1.5.csv flop_T3.5.csv; do
  if ! /usr/bin/python3 - "$out/$f" "$here/expected/$f" <<'EOF'; then echo "MISMATCH: $f"; status=1; fi
import re, sys
def nums(path):
    text = "".join(l for l in open(path) if not l.startswith("#"))
    return [float(x) for x in re.findall(r"-?\d+\.?\d*(?:[eE][-+]?\d+)?", text)]
a, b = nums(sys.argv[1]), nums(sys.argv[2])
sys.exit(0 if len(a) == len(b) and all(abs(x - y) <= 1e-8 + 1e-5 * abs(y) for x, y in zip(a, b)) else 1)
EOF
done
if [ -z "${SFHET_NO_PLOTS:-}" ] && /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  /usr/bin/python3 "$here/plots.py" "$out" "$kTc" || echo "plots.py failed (results unaffected)"
fi
[ $status -eq 0 ] && echo "examples/isingqc: all outputs match expected/"
exit $status
