# Shared settings of the seed 003 figure scripts. SFHET: the executable; OUT: output directory.
SFHET=${SFHET:-sfhet}
OUT=${OUT:-.}
RTOL=${RTOL:-1e-3}
mkdir -p "$OUT"
D0=0.4653                                    # Δ0 (meV), 1.8 kB·3 K
HP=$(awk -v d=$D0 'BEGIN{printf "%.10g", d/sqrt(2)}')   # Pauli limit H_P = Δ0/√2
# φ0 giving λ_soc = r·Δ0 (A4: λ_soc = 3√3 t0 sin φ0, t0 = 26.3 meV)
phi0_for() { awk -v r=$1 -v d=$D0 'BEGIN{x=r*d/(3*sqrt(3)*26.3); printf "%.10g", atan2(x, sqrt(1-x*x))}'; }
rows() { grep -v '^#' "$1" | tail -n +2; }
