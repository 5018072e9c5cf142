#!/usr/bin/env bash
# Seed 003 Fig. 3(c): f_sn versus J at T ≈ 0 with SOC (λ = 150 Δ0, in-plane J) and without SOC,
# and the paramagnetic normal-state energy f_P = −½ χ_P J² (eq. 8, χ_P = 2 N(0)).
set -eu
. "$(dirname "$0")/common.sh"
L150=$(lambda_for 150)
N0=$($SFHET ising gap --T 0.05 --rtol $RTOL --json | awk -F': ' '/N0_per_meV/{gsub(",","",$2); print $2}')
echo "J_over_HP,f_soc_meV,f_nosoc_meV,f_P_meV" > $OUT/fig3c.csv
for x in 0 0.25 0.5 0.75 0.9 1.0 1.1 1.25 1.5 2 2.5 3; do
  J=$(awk -v x=$x -v h=$HP 'BEGIN{print x*h}')
  fs=$($SFHET ising free-energy --T 0.05 --J $J --theta 90 --lambda $L150 --rtol $RTOL | rows /dev/stdin | cut -d, -f3)
  fn=$($SFHET ising free-energy --T 0.05 --J $J --theta 90 --phi0 0 --rtol $RTOL | rows /dev/stdin | cut -d, -f3)
  fp=$(awk -v n=$N0 -v j=$J 'BEGIN{printf "%.10g", -n*j*j}')
  echo "$x,$fs,$fn,$fp" >> $OUT/fig3c.csv
done
plot <<GP
set terminal pngcairo size 800,600
set output "$OUT/fig3c.png"
set datafile separator ","
set xlabel "J/H_P"; set ylabel "f_{sn} (meV/cell)"; set key bottom left
set title "Fig. 3(c): T = 0.05 K"
plot "$OUT/fig3c.csv" every ::1 using 1:2 with linespoints title "SOC λ = 150 Δ_0, J in plane", \
     "" every ::1 using 1:3 with linespoints title "no SOC", \
     "" every ::1 using 1:4 with lines lc rgb "black" title "f_P"
GP
echo "wrote $OUT/fig3c.csv and $OUT/fig3c.png"
