#!/usr/bin/env bash
# Seed 003 Fig. 3(d): Tc(J)/Tc0 for in-plane and out-of-plane J, λ_soc = 150 Δ0.
set -eu
. "$(dirname "$0")/common.sh"
L150=$(lambda_for 150)
JR="0:$(awk -v h=$HP 'BEGIN{print 4*h}'):25"
$SFHET ising tc --J $JR --theta 90 --lambda $L150 --rtol $RTOL -o $OUT/fig3d_inplane.csv
$SFHET ising tc --J $JR --theta 0 --lambda $L150 --rtol $RTOL -o $OUT/fig3d_outofplane.csv
TC0=$(rows $OUT/fig3d_inplane.csv | head -1 | cut -d, -f2)
plot <<GP
set terminal pngcairo size 800,600
set output "$OUT/fig3d.png"
set datafile separator ","
set xlabel "J/H_P"; set ylabel "T_c/T_{c0}"; set yrange [0:1.05]
set title "Fig. 3(d): λ_{soc} = 150 Δ_0 (linearised gap equation)"
plot "$OUT/fig3d_inplane.csv" every ::1 using (\$1/$HP):(\$2/$TC0) with linespoints title "in plane", \
     "$OUT/fig3d_outofplane.csv" every ::1 using (\$1/$HP):(\$2/$TC0) with linespoints title "out of plane"
GP
echo "wrote $OUT/fig3d_*.csv and $OUT/fig3d.png"
