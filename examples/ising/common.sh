# Shared settings of the seed 003 figure scripts. SFHET: the executable; OUT: output directory.
SFHET=${SFHET:-sfhet}
OUT=${OUT:-.}
RTOL=${RTOL:-1e-3}
mkdir -p "$OUT"
D0=0.4653                                    # Δ0 (meV), 1.8 kB·3 K
HP=$(awk -v d=$D0 'BEGIN{printf "%.10g", d/sqrt(2)}')   # Pauli limit H_P = Δ0/√2
lambda_for() { awk -v r=$1 -v d=$D0 'BEGIN{printf "%.10g", r*d}'; }   # λ_soc = r·Δ0 in meV (--lambda)
rows() { grep -v '^#' "$1" | tail -n +2; }
plot() { command -v gnuplot >/dev/null && gnuplot || cat >/dev/null; }  # plots only where gnuplot exists
