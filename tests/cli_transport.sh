#!/usr/bin/env bash
# End-to-end checks of sfhet bkt, critcurrent and mr on synthetic noisy data generated here (awk,
# fixed seeds) with known parameters, and of their errors. Usage: cli_transport.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
jget() { grep "\"$1\":" "$out" | head -1 | sed 's/.*: *//; s/,$//'; }
near() { # description, value, expected, absolute tolerance
  if awk -v a="$2" -v b="$3" -v t="$4" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }'; then ok
  else bad "$1: got '$2', expected $3 (abs tol $4)"; fi
}
# gauss() in awk: Box-Muller
G='function gauss(  u, v) { u = rand(); v = rand(); if (u < 1e-12) u = 1e-12; return sqrt(-2 * log(u)) * cos(6.283185307179586 * v) }'

# --- BKT V-I: alpha(T) = 1 + 2 exp(-2 (T - 6.3)), V = 0.5 I^alpha (1 % noise); alpha = 3 at T = 6.3
awk "$G"' BEGIN { srand(1); print "T_K I_mA V_mV"
  for (T = 5.0; T <= 7.501; T += 0.25) { a = 1 + 2 * exp(-2 * (T - 6.3))
    for (k = 0; k < 60; k++) { I = 10 ^ (-2 + 3 * k / 59); printf "%g %.6g %.6g\n", T, I, 0.5 * I ^ a * (1 + 0.01 * gauss()) } } }' >"$tmpd/vi.txt"
check "bkt V-I" 0 "$SFHET" bkt --data "$tmpd/vi.txt" --x I_mA --y V_mV --group T_K
tb=$(grep '^# T_BKT_K:' "$out" | sed 's/.*: //')
near "T_BKT from alpha = 3 (linear interpolation)" "$tb" 6.3 0.03
[ "$(grep -v '^#' "$out" | head -1 | cut -d, -f1-3)" = "T_K,alpha,alpha_err" ] && ok || bad "bkt header"
a55=$(grep '^5.5,' "$out" | cut -d, -f2)
near "alpha(5.5 K)" "$a55" "$(awk 'BEGIN { printf "%.10g", 1 + 2 * exp(1.6) }')" 0.1
check "bkt --json" 0 "$SFHET" bkt --data "$tmpd/vi.txt" --x I_mA --y V_mV --group T_K --json
near "json T_BKT_K" "$(jget T_BKT_K)" 6.3 0.03
grep -q '"T_BKT_err_K": [0-9]' "$out" && ok || bad "T_BKT_err_K present"
check "bkt window" 0 "$SFHET" bkt --data "$tmpd/vi.txt" --x 2 --y 3 --group 1 --Imin 0.1mA --Imax 1mA --json
near "window T_BKT_K" "$(jget T_BKT_K)" 6.3 0.03
awk '$1 != "T_K" && $1 >= 6.6 || NR == 1' "$tmpd/vi.txt" >"$tmpd/vi_high.txt"
check "alpha never crosses 3" 1 "$SFHET" bkt --data "$tmpd/vi_high.txt" --x I_mA --y V_mV --group T_K
expect_err "never crosses message" '^sfhet: error: bkt: alpha\(T\) never crosses 3'
check "alpha-only" 0 "$SFHET" bkt --data "$tmpd/vi_high.txt" --x I_mA --y V_mV --group T_K --alpha-only
check "bkt no group" 2 "$SFHET" bkt --data "$tmpd/vi.txt" --x I_mA --y V_mV
expect_err "bkt no group" '^sfhet: error: --group'
check "bkt V-I option with --rt" 2 "$SFHET" bkt --rt --data "$tmpd/vi.txt" --group T_K
expect_err "bkt mode option" '^sfhet: error: --group is for V-I curves'
check "bkt lone Imin" 2 "$SFHET" bkt --data "$tmpd/vi.txt" --x I_mA --y V_mV --group T_K --Imin 1
head -3 "$tmpd/vi.txt" >"$tmpd/vi_short.txt"
check "bkt too few points" 2 "$SFHET" bkt --data "$tmpd/vi_short.txt" --x I_mA --y V_mV --group T_K
expect_err "too few points" 'need at least'

# --- Halperin-Nelson R(T): R0 = 1500 ohm, a = 1.2, T_BKT = 6.35 K, noise 2 ohm
awk "$G"' BEGIN { srand(2); print "T_K,R_ohm"
  for (k = 0; k < 80; k++) { T = 5.5 + 4 * k / 79; t = T / 6.35 - 1; R = t > 0 ? 1500 * exp(-1.2 / sqrt(t)) : 0
    printf "%.5f,%.5f\n", T, R + 2 * gauss() } }' >"$tmpd/rt.csv"
check "bkt --rt" 0 "$SFHET" bkt --rt --data "$tmpd/rt.csv" --x T_K --y R_ohm --json
near "HN T_BKT" "$(jget T_BKT_K)" 6.35 0.1
near "HN a" "$(jget a)" 1.2 0.3
for k in T_BKT_err_K R0_ohm R0_err_ohm a_err; do grep -q "\"$k\": [0-9]" "$out" && ok || bad "key $k"; done
head -5 "$tmpd/rt.csv" >"$tmpd/rt_short.csv"
check "rt too few points" 2 "$SFHET" bkt --rt --data "$tmpd/rt_short.csv" --x T_K --y R_ohm
expect_err "rt too few" 'need at least 6'

# --- critical currents: four families Ic_k(T) = Ic0 [1 - (T/Tc)^2]^1.5, Lorentzian peaks on a sloped
#     parabolic background with a zero-bias Andreev peak and noise (seed 004 Figs. 2d, 3)
awk "$G"' function lor(x, x0, w) { return 1 / (1 + ((x - x0) / w) ^ 2) }
  BEGIN { srand(3); split("1.0 1.3 2.3 2.8", I0, " "); split("6.0 8.0 9.5 10.8", TC, " "); print "T_K,I_mA,dVdI_ohm"
  for (T = 2; T <= 6.001; T += 0.5) for (k = 0; k < 1201; k++) { I = -3 + 6 * k / 1200
    y = 10 + 0.4 * I + 0.3 * I * I + 3 * lor(I, 0, 0.15)
    for (f = 1; f <= 4; f++) { u = 1 - (T / TC[f]) ^ 2; ic = u > 0 ? I0[f] * u ^ 1.5 : 0
      if (ic > 0.3) y += (1 + 0.3 * (f - 1)) * (lor(I, ic, 0.04) + lor(I, -ic, 0.04)) }
    printf "%g,%.6f,%.6f\n", T, I, y + 0.02 * gauss() } }' >"$tmpd/cc.csv"
check "critcurrent families" 0 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x I_mA --y dVdI_ohm --group T_K
[ "$(grep '^# families:' "$out" | sed 's/.*: //')" = 4 ] && ok || bad "4 families: $(grep families "$out")"
[ "$(grep -v '^#' "$out" | head -1)" = "T_K,family,Ic_plus_mA,Ic_minus_mA,Ic_mA,prominence,Ic_err_mA" ] && ok || bad "cc header"
awk -F, '!/^#/ && NR > 1 && $1 != "T_K" { if (!($7 > 0 && $7 < 0.005)) bad++ } END { exit bad > 0 }' "$out" && ok || bad "Ic_err_mA positive and small"
ic2=$(grep -v '^#' "$out" | awk -F, '$1 == 2 && $2 == 2 { print $5 }')
near "I_c^2 at 2 K" "$ic2" "$(awk 'BEGIN { printf "%.10g", 2.3 * (1 - (2 / 9.5) ^ 2) ^ 1.5 }')" 0.01
check "critcurrent --fit-T" 0 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x I_mA --y dVdI_ohm --group T_K --fit-T --json
near "largest family Tc" "$(jget Tc_K)" 10.8 0.2
near "largest family Ic0" "$(jget Ic0_mA)" 2.8 0.05
grep -q '"weighted": true' "$out" && ok || bad "Ic(T) fit weighted by the position errors"
check "critcurrent --family 0" 0 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x 2 --y 3 --group 1 --fit-T --json --family 0
near "family 0 Tc" "$(jget Tc_K)" 6.0 0.15
check "critcurrent --fit-T table" 0 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x 2 --y 3 --group 1 --fit-T
[ "$(grep -v '^#' "$out" | tail -n +2 | wc -l)" -eq 4 ] && ok || bad "fit table has 4 families"
check "bad family" 2 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x 2 --y 3 --group 1 --fit-T --family 7
expect_err "bad family named" '^sfhet: error: --family'
awk "$G"' BEGIN { srand(4); print "I_mA,dVdI_ohm"; for (k = 0; k < 401; k++) { I = -3 + 6 * k / 400
  printf "%.5f,%.6f\n", I, 10 + 0.3 * I * I + 0.02 * gauss() } }' >"$tmpd/flat.csv"
check "no peaks" 1 "$SFHET" critcurrent --data "$tmpd/flat.csv" --x I_mA --y dVdI_ohm
expect_err "no peaks message" 'no critical-current peaks'
check "fit-T without group" 2 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x 2 --y 3 --fit-T
check "bad column" 2 "$SFHET" critcurrent --data "$tmpd/cc.csv" --x nope --y 3
expect_err "bad column named" '^sfhet: error: .*--x'

check "Ic(T) model curve" 0 "$SFHET" critcurrent --Ic0 5.8mA --Tc 10.8K --T 0,5.4,12
near "Ic(Tc/2) = Ic0 0.75^1.5" "$(grep '^5.4,' "$out" | cut -d, -f2)" "$(awk 'BEGIN { printf "%.12g", 5.8 * 0.75 ^ 1.5 }')" 1e-9
near "Ic above Tc" "$(grep '^12,' "$out" | cut -d, -f2)" 0 0
check "no data, no model" 2 "$SFHET" critcurrent
expect_err "no data message" '^sfhet: error: --data is required'

# --- MR loops: switching at -Bc (down sweep) and +Bc (up sweep), amplitude dR, B^2 background
awk "$G"' BEGIN { srand(5); print "T_K,B_T,R_ohm,dir"; split("2 10 20", TT, " "); split("0.3 0.2 0.08", BC, " ")
  split("0.8 0.5 0.2", DR, " ")
  for (g = 1; g <= 3; g++) for (b = 0; b < 2; b++) for (i = 0; i <= 200; i++) {
    f = b == 0 ? 1 - 2 * i / 200 : -1 + 2 * i / 200; sw = b == 0 ? -BC[g] : BC[g]
    R = 100 + 5 * f * f + 0.5 * DR[g] * (exp((f - sw) / 0.01) - exp(-(f - sw) / 0.01)) / (exp((f - sw) / 0.01) + exp(-(f - sw) / 0.01))
    printf "%g,%.5f,%.6f,%d\n", TT[g], f, R + 0.005 * gauss(), b == 0 ? -1 : 1 } }' >"$tmpd/mr.csv"
check "mr loops" 0 "$SFHET" mr --data "$tmpd/mr.csv" --x B_T --y R_ohm --group T_K
[ "$(grep -v '^#' "$out" | head -1 | cut -d, -f1-2)" = "T_K,Bc_T" ] && ok || bad "mr header"
near "Bc at 2 K" "$(grep '^2,' "$out" | cut -d, -f2)" 0.3 0.012
near "Bc at 20 K" "$(grep '^20,' "$out" | cut -d, -f2)" 0.08 0.012
near "dR at 10 K" "$(grep '^10,' "$out" | awk -F, '{ print $6 }')" 0.5 0.02
check "mr --direction" 0 "$SFHET" mr --data "$tmpd/mr.csv" --x B_T --y R_ohm --group T_K --direction dir
near "Bc at 10 K with --direction" "$(grep '^10,' "$out" | cut -d, -f2)" 0.2 0.012
awk -F, 'NR == 1 || $4 == 1' "$tmpd/mr.csv" >"$tmpd/mr_up.csv"
check "mr one direction" 2 "$SFHET" mr --data "$tmpd/mr_up.csv" --x B_T --y R_ohm --group T_K --direction dir
expect_err "mr one direction" 'both sweep directions'
head -1 "$tmpd/mr.csv" >"$tmpd/mr_hdr.csv"
check "mr header-only file" 2 "$SFHET" mr --data "$tmpd/mr_hdr.csv" --x B_T --y R_ohm
expect_err "mr no rows" 'mr_hdr.csv: no data rows'
awk -F, 'NR == 1 { print "B_T,R_ohm"; next } $1 == 2 { print $2 "," 100 + 5 * $2 * $2 }' "$tmpd/mr.csv" >"$tmpd/mr_flat.csv"
check "mr loop without hysteresis" 0 "$SFHET" mr --data "$tmpd/mr_flat.csv" --x B_T --y R_ohm
grep -q '^# nan: 1 loop' "$out" && ok || bad "nan fields said so in the table"
[ "$(grep -v '^#' "$out" | tail -1 | awk -F, '{ print $NF }')" = 0 ] && ok || bad "n_switches 0"
grep -q 'warning: 0 of 1 switching' "$err" && ok || bad "warning without a group prefix: $(cat "$err")"
awk 'BEGIN { print "B_T,R_ohm"; for (i = 0; i <= 50; i++) print -1 + i / 25 "," (i % 2 ? 1e308 : -1e308)
  for (i = 0; i <= 50; i++) print 1 - i / 25 ",1e308" }' >"$tmpd/mr_huge.csv"
check "mr overflow" 2 "$SFHET" mr --data "$tmpd/mr_huge.csv" --x B_T --y R_ohm
expect_err "mr overflow message" '^sfhet: error: mr: R_up - R_down overflows'
check "mr bad switches" 2 "$SFHET" mr --data "$tmpd/mr.csv" --x B_T --y R_ohm --switches 9
expect_err "mr bad switches" '^sfhet: error: --switches'

# --- arrhenius (seed 000 Fig. 1e): G(0, T) of an SIS junction made with sfhet gap + didv (Delta0 =
#     0.86 meV, Tc = 6 K, Gamma = 80 ueV, G_N = 3.7), a G <= 0 row, and the SIS model fit
{ echo "T_K,G,sG"; for T in 1.5 2 2.5 3 3.5 4 4.5 5 5.5; do
    d=$("$SFHET" gap --Tc 6 --delta0 0.86 --T "$T" | tail -1 | cut -d, -f2)
    g=$("$SFHET" didv --junction sis --delta "$d" --gamma 80ueV --T "$T" --V 0 --accuracy 1e-10 | tail -1 | cut -d, -f2)
    awk -v T="$T" -v g="$g" 'BEGIN { printf "%s,%.12g,%.6g\n", T, 3.7 * g, 0.02 * 3.7 * g }'; done
  echo "6.5,0,0.01"; } >"$tmpd/g0.csv"
check "arrhenius skips G <= 0" 0 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --json
grep -q 'warning: arrhenius: 1 row' "$err" && ok || bad "skip warning: $(cat "$err")"
grep -q '"n_skipped": 1' "$out" && ok || bad "n_skipped 1"
ea=$(jget Ea_meV)
awk -v a="$ea" 'BEGIN { exit !(a > 0.62 && a < 0.76) }' && ok || bad "plain Ea of the SIS model ($ea) is 0.1-0.2 meV below 0.86"
check "arrhenius --sigma" 0 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --sigma sG --json
grep -q '"chi2_red"' "$out" && ok || bad "chi2_red with --sigma"
check "arrhenius --model sis" 0 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --model sis --Tc 6K --gamma 80ueV --json
near "delta0 from the SIS model" "$(jget delta0_meV)" 0.86 1e-5
near "G_N from the SIS model" "$(jget G_N)" 3.7 1e-4
grep -q '"delta0_err_meV": [0-9]' "$out" && ok || bad "delta0_err_meV"
check "arrhenius --model sis --fit-gamma" 0 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --model sis --Tc 6 --gamma 40ueV --fit-gamma --json
near "gamma from G(0, T)" "$(jget gamma_meV)" 0.08 1e-4
check "sis without --Tc" 2 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --model sis --gamma 80ueV
expect_err "sis needs --Tc" '^sfhet: error: --model sis needs --Tc'
check "--Tc without sis" 2 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --Tc 6
expect_err "--Tc needs sis" '^sfhet: error: --Tc goes with --model sis'
check "sis gamma 0" 2 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --model sis --Tc 6 --gamma 0
expect_err "gamma 0 named" '^sfhet: error: --gamma'
check "bad model" 2 "$SFHET" arrhenius --data "$tmpd/g0.csv" --x T_K --y G --model vrh
expect_err "bad model named" '^sfhet: error: --model'

finish cli_transport
