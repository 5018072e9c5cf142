#!/usr/bin/env bash
# Seed 003 Fig. 3(a): f_sn^h(θ, φ) = f_sn(J) − f_sn(J = 0) at T ≈ 0, J = 0.5 H_P, λ_soc = 150 Δ0.
set -eu
. "$(dirname "$0")/common.sh"
L150=$(lambda_for 150)
J=$(awk -v h=$HP 'BEGIN{print 0.5*h}')
$SFHET ising free-energy --T 0.05 --J $J --theta 0:180:13 --phi 0:360:13 --lambda $L150 --rtol $RTOL -o $OUT/fig3a_raw.csv
F0=$($SFHET ising free-energy --T 0.05 --J 0 --theta 0 --lambda $L150 --rtol $RTOL | rows /dev/stdin | cut -d, -f3)
rows $OUT/fig3a_raw.csv | awk -F, -v f0=$F0 'BEGIN{print "theta_deg,phi_deg,fh_meV"} {if(NR>1&&$1!=p)print ""; p=$1; printf "%s,%s,%.10g\n",$1,$2,$3-f0}' > $OUT/fig3a.csv
plot <<GP
set terminal pngcairo size 800,600
set output "$OUT/fig3a.png"
set datafile separator ","
set xlabel "θ (deg)"; set ylabel "φ (deg)"; set zlabel "f_{sn}^h (meV/cell)" rotate
set title "Fig. 3(a): J = 0.5 H_P, λ_{soc} = 150 Δ_0, T = 0.05 K"
set pm3d; set view 60,30
splot "$OUT/fig3a.csv" every ::1 using 1:2:3 with pm3d notitle
GP
echo "wrote $OUT/fig3a.csv and $OUT/fig3a.png"
