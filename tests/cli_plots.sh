#!/usr/bin/env bash
# Every --plot: the figure is produced (a PNG), --plot-script keeps a script that gnuplot runs again,
# and the option errors. With SFHET_FIGDIR=DIR the figures are also copied there (docs/figures is
# made this way: SFHET_FIGDIR=docs/figures bash tests/cli_plots.sh build/sfhet tests/data).
# Usage: cli_plots.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(readlink -f "$1")
. "$(dirname "$0")/harness.sh"
FIGDIR=${SFHET_FIGDIR:+$(mkdir -p "$SFHET_FIGDIR" && readlink -f "$SFHET_FIGDIR")}
cd "$tmpd"
command -v gnuplot >/dev/null || { echo "cli_plots: gnuplot missing, skipped"; finish cli_plots; exit $?; }

is_png() { [ -s "$1" ] && [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = "211PNG" ]; }
# plot NAME CMD...: runs CMD --plot NAME.png, checks the figure
plot() {
  local name=$1; shift
  check "$name --plot" 0 "$SFHET" "$@" --plot "$name.png" -o "$name.out"
  if is_png "$name.png"; then ok; [ -n "$FIGDIR" ] && cp "$name.png" "$FIGDIR/$name.png"
  else bad "$name: no PNG written"; fi
}

# --- data (python: fixed seeds)
"$SFHET" synth --junction sis --T 1.5K --vac 40uV --delta 0.86meV --gamma 80ueV --ddelta 20ueV \
  --dgamma 40ueV --Bsat 0.4T --lag 0.08T --B -1:1:21 --V -3:3:121 --noise 0.01 --seed 3 --sweep up,down \
  --jitter 1mT --truth truth.csv -o sweep.csv
for T in 1.6 2 2.4 2.8 3.2 3.6 4 4.4; do # a temperature sweep (Δ kept at 0.86 meV: T << Tc)
  "$SFHET" synth --junction sis --T ${T}K --delta 0.86meV --gamma 20ueV --V -3:3:121 --noise 0.002 --seed 4 \
    -o "tspec_$T.csv"
done
/usr/bin/python3 - <<'PY'
import math, random
random.seed(7)
kB = 0.08617333262
with open('arr.csv', 'w') as f:
    f.write('T_K,G,G_err\n')
    for i in range(12):
        T = 2 + 0.4 * i; G = 50 * math.exp(-0.72 / (kB * T)); e = 0.03 * G
        f.write('%g,%.6g,%.4g\n' % (T, G + random.gauss(0, e), e))
with open('gapdata.csv', 'w') as f:
    f.write('T_K,Delta_meV,err\n')
    for i in range(14):
        T = 0.5 + 0.45 * i; t = T / 7.0
        D = 1.1 * math.sqrt(max(1 - t ** 3.3, 0)) if t < 1 else 0
        f.write('%g,%.5f,0.02\n' % (T, max(D + random.gauss(0, 0.02), 0)))
with open('vi.txt', 'w') as f:
    f.write('T_K I_mA V_mV\n')
    for j in range(11):
        T = 5.0 + 0.25 * j; a = 1 + 2 * math.exp(-2 * (T - 6.3))
        for k in range(40):
            I = 10 ** (-2 + 3 * k / 39.0)
            f.write('%g %.6g %.6g\n' % (T, I, 0.5 * I ** a * (1 + 0.01 * random.gauss(0, 1))))
with open('rt.csv', 'w') as f:
    f.write('T_K,R_ohm\n')
    for k in range(80):
        T = 5.5 + 4 * k / 79.0; t = T / 6.35 - 1
        f.write('%.5f,%.5f\n' % (T, (1500 * math.exp(-1.2 / math.sqrt(t)) if t > 0 else 0) + random.gauss(0, 2)))
lor = lambda x, x0, w: 1 / (1 + ((x - x0) / w) ** 2)
with open('cc.csv', 'w') as f:
    f.write('T_K,I_mA,dVdI_ohm\n')
    for j in range(9):
        T = 2 + 0.5 * j
        for k in range(601):
            I = -3 + 6 * k / 600.0; y = 10 + 0.4 * I + 0.3 * I * I + 3 * lor(I, 0, 0.15)
            for fi, (i0, tc) in enumerate([(1.0, 6.0), (1.3, 8.0), (2.3, 9.5), (2.8, 10.8)]):
                u = 1 - (T / tc) ** 2; ic = i0 * u ** 1.5 if u > 0 else 0
                if ic > 0.3: y += (1 + 0.3 * fi) * (lor(I, ic, 0.04) + lor(I, -ic, 0.04))
            f.write('%g,%.6f,%.6f\n' % (T, I, y + 0.02 * random.gauss(0, 1)))
with open('mr.csv', 'w') as f:
    f.write('T_K,B_T,R_ohm,dir\n')
    for T, bc, dr in [(2, 0.3, 0.8), (10, 0.2, 0.5), (20, 0.08, 0.2)]:
        for b in range(2):
            for i in range(201):
                x = 1 - 2 * i / 200.0 if b == 0 else -1 + 2 * i / 200.0; sw = -bc if b == 0 else bc
                R = 100 + 5 * x * x + 0.5 * dr * math.tanh((x - sw) / 0.01)
                f.write('%g,%.5f,%.6f,%d\n' % (T, x, R + 0.005 * random.gauss(0, 1), -1 if b == 0 else 1))
# the temperature sweep in long format (for cut -> arrhenius)
with open('tsweep.csv', 'w') as f:
    f.write('T_K,V_mV,G\n')
    for T in ['1.6', '2', '2.4', '2.8', '3.2', '3.6', '4', '4.4']:
        for l in [l for l in open('tspec_%s.csv' % T) if not l.startswith('#')][1:]: f.write(T + ',' + l)
PY
"$SFHET" hanle --L 0.8um --D 1e-3 --tau 1.1ns --B -0.6:0.6:121 -o hanle_clean.csv
/usr/bin/python3 - <<'PY'
import random
random.seed(5)
rows = [l.strip().split(',') for l in open('hanle_clean.csv') if not l.startswith('#')][1:]
top = max(abs(float(r)) for b, r in rows)
with open('hanle.csv', 'w') as f:
    f.write('B_T,RNL_ohm\n')
    for b, r in rows: f.write('%s,%.6g\n' % (b, 1e4 * (float(r) + 0.02 * top * random.gauss(0, 1))))
PY

# --- one figure per command
plot gap gap --Tc 7.2K --T 0:7.2:37 --delta0 1.1meV
plot gap_fit gap --fit --data gapdata.csv --sigma err
plot pairbreak pairbreak --Tc0 7K --alpha 0:0.6meV:31
plot pairbreak_ising pairbreak --Tc0 3 --ising-lambda 2 --T 0.2:2.9:28
"$SFHET" pairbreak --Tc0 3 --ising-lambda 2 --T 0.4:2.9:12 -o is.csv
plot pairbreak_fit pairbreak --fit ising --data is.csv
plot arrhenius arrhenius --data arr.csv --sigma G_err
plot hanle hanle --L 0.8um --D 1e-3 --tau 1.1ns --B -0.6:0.6:241
plot hanle_fit hanle --data hanle.csv --x B_T --y RNL_ohm --L 0.8um --fit-bg
plot critcurrent critcurrent --Ic0 5.8mA --Tc 10.8K --T 0:10.8:55
plot critcurrent_families critcurrent --data cc.csv --x I_mA --y dVdI_ohm --group T_K
plot bkt bkt --data vi.txt --x I_mA --y V_mV --group T_K
plot bkt_rt bkt --rt --data rt.csv --x T_K --y R_ohm
plot weight weight --data sweep.csv --sweep B_T --sweep-tol 5mT
plot mr mr --data mr.csv --x B_T --y R_ohm --group T_K --direction dir
plot tmr tmr --P1 0.3 --P2 0.4
plot tmr_inverse tmr --tmr 0.2
plot loop loop --model sw --HK 1 --psi 30 --H 1.5:-1.5:61
plot ising_bands ising bands --k GMKG:61
plot ising_fermi ising fermi --n 24
plot ising_free_energy ising free-energy --T 1 --J 0.05 --theta 0:90:4 --rtol 1e-2
plot ising_tc ising tc --J 0:0.4:9 --theta 90 --rtol 1e-3
plot ising_chi ising chi --T 0.5:6:12 --rtol 1e-3
if [ -n "$FIGDIR" ]; then MAP=(--T 0.5,2,3.5,5 --J 0:0.4:5 --theta 0,90); PEAKS=(--b 0:0.4:5)  # the docs figures
  QMAP=(--T 0.5:6.5:13 --b 0:3:13 --theta 0,90)
else MAP=(--T 0.5,3 --J 0,0.4 --theta 0); PEAKS=(--b 0,0.4); QMAP=(--T 1,5 --b 0,1 --theta 90); fi # the test: cheap
plot ising_map ising map "${MAP[@]}" --rtol 1e-3
plot isingqc_gap isingqc gap --Tc0 7 --T 3
plot isingqc_tc isingqc tc --Tc0 7 --b 0:1.5:7 --theta 90
plot isingqc_bc isingqc bc --Tc0 7 --T 1.4 --phi 0:90:7 --dso 12 --eta_x 0.15
plot isingqc_map isingqc map --Tc0 7 "${QMAP[@]}" --eta 1
plot isingqc_peaks isingqc peaks --Tc0 7 --T 3.5 "${PEAKS[@]}" --theta 0 --gamma 0.012 --eta 0.6
plot isingqc_flop isingqc flop --Tc0 6.2 --T 1.5 --B -6:6:121
plot dos dos --model dynes --delta 1 --gamma 0.05
plot didv didv --junction sis --delta 0.86 --gamma 0.08 --T 1.5
plot synth synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --noise 0.01
plot synth_sweep synth --junction sis --T 1.5K --delta 0.86meV --gamma 80ueV --ddelta 20ueV --dgamma 40ueV \
  --B -1:1:21 --V -3:3:121 --sweep up,down --lag 0.08T
plot cut cut --data sweep.csv --sweep B_T --sweep-tol 5mT --at V=1.9mV
plot cut_T cut --data tsweep.csv --sweep T_K --at V=0
"$SFHET" cut --data tsweep.csv --sweep T_K --at V=0 -o g0.csv
plot arrhenius_cut arrhenius --data g0.csv --sigma G_err
plot tamr tamr --data sweep.csv --sweep B_T --sweep-tol 5mT --par 0T --perp 1T
"$SFHET" cut --data sweep.csv --sweep B_T --sweep-tol 5mT --at V=1.9mV -o peak.csv
plot hysteresis hysteresis --data peak.csv --x B_T --y G --direction direction
plot fit fit --data sweep.csv --sweep B_T --sweep-tol 5mT --junction sis --T 1.5K --vac 40uV --free delta,gamma --quiet \
  --plot-truth truth.csv --plot-script fit.gp
[ -s fit.gp ] && grep -q 'truth' fit.gp && ok || bad "fit --plot-script: no script, or no truth series in it"
# colour maps are not shifted by half a cell: pixels centred on a regular grid, corner means otherwise
"$SFHET" synth --junction sis --T 1.5K --delta 0.86meV --gamma 80ueV --B 0:0.6:7 --V -3:3:61 -o reg.csv \
  --plot reg.png --plot-script reg.gp && grep -q 'with image' reg.gp && ok || bad "regular map: not drawn as centred pixels"
"$SFHET" synth --junction sis --T 1.5K --delta 0.86meV --gamma 80ueV --B 0,0.1,0.15,0.3,0.6 --V -3:3:61 \
  -o irr.csv --plot irr.png --plot-script irr.gp && grep -q 'corners2color mean' irr.gp && ok ||
  bad "irregular map: pm3d without corner means"

# --- --plot-script: kept, and gnuplot makes the figure again from it
check "plot-script" 0 "$SFHET" gap --Tc 7.2K --T 0:7.2:9 --plot g.png --plot-script g.gp -o g.csv
[ -s g.gp ] && gnuplot g.gp >g2.png 2>/dev/null && is_png g2.png && ok || bad "script does not rerun"
grep -q "Δ (meV)" g.gp && grep -q "T (K)" g.gp && ok || bad "axis labels are not quantities with units"
check "plot-script without plot" 2 "$SFHET" gap --Tc 7.2K --T 0:7.2:9 --plot-script x.gp
expect_err "plot-script needs plot" '^sfhet: error: --plot-script: needs --plot'
[ ! -e x.gp ] && ok || bad "script written without --plot"
check "plot-script same as plot" 2 "$SFHET" gap --Tc 7.2K --T 0:7.2:9 --plot a.png --plot-script a.png
check "plot bad extension" 2 "$SFHET" tmr --P1 0.3 --P2 0.4 --plot t.gif
expect_err "extension named" '^sfhet: error: --plot: .*png'
[ ! -e t.gif ] && ok || bad "figure left after an error"
check "plot-script control character" 2 "$SFHET" gap --Tc 7 --T 1:2:3 --plot a.png --plot-script $'x\n.gp'
finish cli_plots
