# Plots for examples/magnet/run.sh (gnuplot -e "outdir='...'" plots.gp)
set terminal pngcairo size 1200,900 font ",11"
set datafile separator ","
set key bottom right
# Fig. 4 (a)-(d): loops at the temperatures in the CSV (column 1 = T_K)
set output outdir."/fig4.png"
set multiplot layout 2,2 title "seed 003 Fig. 4 with sfhet loop --planar (F/S/F, eq. 13); chi_s(T) from sfhet ising chi (Table I)"
Ts = "0.3 1.5 2.4 3.0"
do for [f in "fig4a fig4b fig4c"] {
  set title f." (field out of plane)"; set xlabel "H (T)"; set ylabel "M_z / M_{sat}"
  plot for [T in Ts] outdir."/".f.".csv" every ::1 using ($1==T+0 ? $2 : 1/0):3 with lines title "T = ".T." K"
}
set title "fig4d (field in plane)"; set ylabel "M_x / M_{sat}"
plot for [T in Ts] outdir."/fig4d.csv" every ::1 using ($1==T+0 ? $2 : 1/0):4 with lines title "T = ".T." K", \
     outdir."/fig4d_3d.csv" every ::1 using ($1==0.3 ? $2 : 1/0):4 with lines dt 2 lc rgb "black" title "3D, 0.3 K"
unset multiplot
# MnBi2Te4
set output outdir."/mnbi2te4.png"
set multiplot layout 1,1
set title "MnBi2Te4 bilayer model (H_E = 4.5625 T, H_A = 1.125 T): flop 3 T, saturation 8 T (seed 004)"
set xlabel "H (T)"; set ylabel "M_z / M_{sat}"; set key top left
set arrow from 3,-1 to 3,1 nohead dt 2; set arrow from 8,-1 to 8,1 nohead dt 2
plot outdir."/mnbi2te4_loop.csv" every ::1 using 1:2 with lines title "traced loop (-10 -> 10 -> -10 T)", \
     outdir."/mnbi2te4_eq.csv" every ::1 using 1:2 with lines lw 2 title "equilibrium"
unset multiplot; unset arrow
# CrBr3
set output outdir."/crbr3.png"
set multiplot layout 1,2 title "CrBr3 macrospin (H_K = 0.35 T, H_n = 10 mT; seed 000 ED Fig. 2)"
set title "out of plane"; set xlabel "H (mT)"; set ylabel "M_z"
plot outdir."/crbr3_oop.csv" every ::1 using ($1*1000):2 with lines notitle
set title "in plane: polar angle"; set xlabel "H (T)"; set ylabel "theta (deg)"
plot outdir."/crbr3_ip.csv" every ::1 using 1:4 with lines notitle
unset multiplot
# T* crossing: K1 = 1.07 chi_s(0)J^2, lambda = 150 Delta0
set output outdir."/tstar.png"
set multiplot layout 1,1
set title "F/S/F, K1 = 1.07 {/Symbol c}_s(0)J^2 = 1.12 K2, {/Symbol l} = 150 {/Symbol D}_0: T* = 2.50 K (field out of plane)"
set xlabel "H (T)"; set ylabel "M_z / M_{sat}"; set key bottom right
plot outdir."/tstar.csv" every ::1 using ($1==1.5 ? $2 : 1/0):3 with lines lw 2 title "T = 1.5 K < T*: out of plane, Hc = 0.22 T", \
     outdir."/tstar.csv" every ::1 using ($1==2.9 ? $2 : 1/0):3 with lines lw 2 title "T = 2.9 K > T*: in plane at H = 0"
unset multiplot
