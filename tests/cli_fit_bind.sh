#!/usr/bin/env bash
# fit --bind T: a temperature series (one file per temperature, the temperature in the file name) fitted
# with each spectrum at its own temperature recovers the true Delta and Gamma at every T (synth truth),
# where one fixed T biases the high-temperature spectra; bad uses of --bind exit 2 naming it.
# Usage: cli_fit_bind.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
mkdir -p "$tmpd/d"
for T in 1.5 3 4.5 6; do
  check "synth T=$T" 0 "$SFHET" synth --junction sis --delta 0.86 --gamma 0.05 --T "$T" --vac 0.02 \
    --V -3:3:241 --noise 0.005 --seed 7 -o "$tmpd/d/s_${T}K.csv"
done
D=(fit --data "$tmpd/d/s_*K.csv" --sweep-from 'name:_(?<T>[0-9.]+)K' --junction sis --vac 0.02)
F=("${D[@]}" --sweep-unit K --free delta,gamma)
# every spectrum within 4 sigma of the truth, errors at the noise level
within() { /usr/bin/python3 - "$out" "$1" <<'PY'
import csv, sys
rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if not l.startswith('#'))]
h, data = rows[0], rows[1:]
ok = all(abs(float(r[h.index('delta_meV')]) - 0.86) < 4 * float(r[h.index('delta_err_meV')]) and
         abs(float(r[h.index('gamma_meV')]) - 0.05) < 4 * float(r[h.index('gamma_err_meV')]) for r in data)
print(len(data), 'ok' if ok == (sys.argv[2] == 'yes') else 'bad')
PY
}
check "bind T" 0 "$SFHET" "${F[@]}" --bind T
[ "$(within yes)" = "4 ok" ] && ok || bad "bind T: not every spectrum at the truth: $(cat "$out")"
check "fixed T" 0 "$SFHET" "${F[@]}" --T 1.5
[ "$(within no)" = "4 ok" ] && ok || bad "fixed T = 1.5 K fits the 6 K spectrum at the truth (the test cannot fail)"
check "bind T, T given too" 0 "$SFHET" "${F[@]}" --bind T --T 3
[ "$(within yes)" = "4 ok" ] && ok || bad "bind T overridden by --T"
check "bind and free" 2 "$SFHET" "${D[@]}" --sweep-unit K --bind T --free delta,gamma,T
expect_err "bind and free named" '^sfhet: error: --bind: T is also fitted'
check "bind without sweep" 2 "$SFHET" fit --data "$tmpd/d/s_3K.csv" --junction sis --T 3 --free delta --bind T
expect_err "bind without sweep named" '^sfhet: error: --bind needs --sweep'
check "bind unknown" 2 "$SFHET" "${F[@]}" --T 3 --bind Tx
expect_err "bind unknown named" '^sfhet: error: --bind'
check "bind to a field" 2 "$SFHET" "${D[@]}" --free delta,gamma --sweep-unit T --bind T
expect_err "bind dimension named" '^sfhet: error: --bind T: the sweep column .* is a magnetic field'
cp "$tmpd/d/s_3K.csv" "$tmpd/d/s_0K.csv"
check "bind to 0 K" 2 "$SFHET" "${F[@]}" --bind T
expect_err "bind out of range named" '^sfhet: error: --bind T \(sweep value 1 of T_K\)'
finish cli_fit_bind
