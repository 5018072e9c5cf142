#!/usr/bin/env bash
# Seed 003 Fig. 3(b): in-plane χ_s(T → 0)/χ_n versus Δ0/λ_soc, with eq. C8 averaged over the Fermi
# surface (ising chi --weak-soc); inset χ_s(T) for several λ_soc.
set -eu
. "$(dirname "$0")/common.sh"
echo "ratio_delta0_over_lambda,chi_par,chi_par_c8" > $OUT/fig3b.csv
for r in 0.005 0.01 0.02 0.05 0.1 0.2 0.35 0.5 0.75 1.0; do
  lam=$(awk -v r=$r 'BEGIN{print 1/r}')
  row=$($SFHET ising chi --T 0.1 --weak-soc --lambda $(lambda_for $lam) --rtol $RTOL | rows /dev/stdin)
  echo "$r,$(echo "$row" | cut -d, -f2),$(echo "$row" | cut -d, -f4)" >> $OUT/fig3b.csv
done
for lam in 2 10 150; do
  $SFHET ising chi --T 0.15:3.05:15 --lambda $(lambda_for $lam) --rtol $RTOL -o $OUT/fig3b_inset_$lam.csv
done
plot <<GP
set terminal pngcairo size 800,600
set output "$OUT/fig3b.png"
set datafile separator ","
set multiplot
set xlabel "Δ_0/λ_{soc}"; set ylabel "χ_s/χ_n (in plane, T = 0.1 K)"; set logscale x
set title "Fig. 3(b)"; set key top right
plot "$OUT/fig3b.csv" every ::1 using 1:2 with linespoints pt 7 title "lattice (eq. C6)", \
     "" every ::1 using 1:3 with lines dt 2 lw 2 title "eq. C8, Fermi-surface average"
unset logscale x; unset title
set origin 0.12,0.12; set size 0.45,0.42; set key bottom right font ",9"
set xlabel "T (K)" offset 0,0.5; set ylabel "χ_s/χ_n"
plot for [l in "2 10 150"] "$OUT/fig3b_inset_".l.".csv" every ::1 using 1:2 with lines title "λ = ".l." Δ_0"
unset multiplot
GP
echo "wrote $OUT/fig3b.csv and $OUT/fig3b.png"
