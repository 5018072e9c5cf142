# Seed 000 Fig. 2f from the device chain: per-spectrum Dynes-SIS fits Δ(B), Γ(B) (points with 1σ
# errors) and the chain's self-consistent gap Δ(T, b) (line), the magnet's saturation field H_K dashed.
# gnuplot -e "ps='per_spectrum.dat'; pf='per_field.dat'; hk=0.35; out='fig2f.png'" fig2f.gp
set terminal pngcairo size 900,700 font ",12"
set output out
set multiplot layout 2,1 title "Device chain → per-spectrum Dynes SIS fits (cf. seed 000 Fig. 2f)"
set lmargin 12; set grid lc rgb "#dddddd"
set arrow 1 from hk, graph 0 to hk, graph 1 nohead dt 2 lc rgb "gray40"
set label 1 "H_K" at hk, graph 0.92 offset 0.6,0 tc rgb "gray40"
set xrange [-0.03:*]; set format x ""; set ylabel "Δ (meV)"; set key bottom right
plot ps using 1:2:3 with yerrorbars pt 7 ps 1.1 lc rgb "black" title "Δ, per-spectrum fit", \
     pf using 1:6 with lines lw 2 dt 3 lc rgb "gray50" title "Δ(T, b) of the chain"
set format x "%g"; set xlabel "in-plane B (T)"; set ylabel "Γ (meV)"; set key bottom right
plot ps using 1:4:5 with yerrorbars pt 7 ps 1.1 lc rgb "red" title "Γ, per-spectrum fit"
unset multiplot
