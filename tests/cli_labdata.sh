#!/usr/bin/env bash
# Real lab data in (issue 13; issue 11 items of the reader): every instrument format through inspect
# and the spectra commands, units in headers, series of files, normalize, the error cases naming file
# and place. Fixtures come from the independent generator tests/data/labdata/make_labdata.py.
# Usage: cli_labdata.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(realpath "$1")
DATA=$(realpath "$2")
source "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
D=$tmpd/ld
$PY "$DATA/labdata/make_labdata.py" "$D" || { echo "generator failed"; exit 1; }
cd "$D" || exit 1
json() { $PY -c "import json,sys; d=json.load(open('$out')); sys.exit(0 if ($1) else 1)"; }
csvcheck() { $PY -c "
import csv,sys,math
rows=[r for r in csv.DictReader(l for l in open('$out') if not l.startswith('#'))]
sys.exit(0 if ($1) else 1)"; }
expect() { local desc=$1; shift; if "$@"; then ok; else bad "$desc: $(head -c 400 "$out") $(cat "$err")"; fi; }

# ---- inspect: format, columns with units, metadata, runs/datasets (text and JSON)
check "inspect multivu" 0 "$SFHET" inspect --data ppms_rt.dat
expect "multivu format line" grep -q '^ppms_rt.dat: multivu, 161 rows, 13 columns' "$out"
expect "multivu Oe unit" grep -Eq 'Magnetic Field \(Oe\) +Oe +magnetic field' "$out"
expect "multivu title" grep -q 'TITLE = NbSe2 flake B' "$out"
check "inspect nanonis json" 0 "$SFHET" inspect --data sts_T1.50K.dat --json
expect "nanonis json" json "d['format']=='nanonis' and d['rows']==201 and d['columns'][0]['unit']=='V' and
  d['columns'][0]['dimension']=='voltage' and {'key':'Lock-in>Amplitude','value':'50.0000E-6'} in d['metadata']"
check "inspect 3ds" 0 "$SFHET" inspect --data grid.3ds --json
expect "3ds columns" json "[c['name'] for c in d['columns']][:6]==['ix','iy','x_m','y_m','Bias (V)','Current (A)']
  and d['rows']==2135"
check "inspect qcodes lists runs" 0 "$SFHET" inspect --data qcodes.db --json
expect "qcodes runs" json "d['format']=='qcodes' and [r['id'] for r in d['runs']]==[1,2,3] and d['columns']==[]"
check "inspect qcodes run" 0 "$SFHET" inspect --data qcodes.db --run 1 --json
expect "qcodes units" json "[(c['name'],c['unit']) for c in d['columns']]==[('bias','V'),('field','T'),('lockin_G','S')]"
check "inspect hdf5 lists datasets" 0 "$SFHET" inspect --data spectra.h5 --json
expect "hdf5 datasets" json "'/sweep/G' in [x['name'] for x in d['datasets']]"
check "inspect hdf5 path" 0 "$SFHET" inspect --data spectra.h5:/sweep --json
expect "hdf5 units attribute" json "[(c['name'],c['unit']) for c in d['columns']]==[('B','mT'),('G','uS'),('V','V')]"
check "inspect labber" 0 "$SFHET" inspect --data labber.hdf5
expect "labber format" grep -q '^labber.hdf5: labber, 124 rows, 3 columns' "$out"
# issue 11: min/max of an all-missing column (no nan), text columns reported, nothing half-printed
check "inspect all-missing" 0 "$SFHET" inspect --data ppms_rt.dat --json
expect "all-missing min/max null" json "[c for c in d['columns'] if c['name']=='Bridge 2 Resistance (Ohms)'][0]['min'] is None"
expect "no nan in inspect" bash -c "! grep -qi nan '$out'"
printf 'V_mV,G\n1,2\n' >"$tmpd/ok.csv"
check "inspect missing file" 2 "$SFHET" inspect --data "$tmpd/nope.csv"
expect_err "missing file named" '^sfhet: error: .*nope.csv: cannot open'
expect "nothing printed on failure" test ! -s "$out"

# ---- error cases: exit 2, one line naming file and place
check "truncated grid" 2 "$SFHET" inspect --data grid_truncated.3ds
expect_err "truncated grid named" '^sfhet: error: grid_truncated.3ds: truncated grid: .*pixel 20 of 35'
check "unknown run" 2 "$SFHET" fit --data qcodes.db --run 9 --x bias --y lockin_G --junction nis --T 1.5 --free delta
expect_err "unknown run named" "^sfhet: error: qcodes.db: no run 9 in this QCoDeS database \(runs: 1 'dIdV_vs_B'"
check "no run chosen" 2 "$SFHET" weight --data qcodes.db --x bias --y lockin_G
expect_err "run choice asked" '^sfhet: error: qcodes.db: 3 runs .*--run N or qcodes.db:N'
check "missing dataset path" 2 "$SFHET" weight --data spectra.h5:/sweep/nope --x V --y G
expect_err "dataset path named" "^sfhet: error: spectra.h5:/sweep/nope: no dataset or group '/sweep/nope'"
check "forced wrong format" 2 "$SFHET" inspect --data ppms_rt.dat --format text
expect_err "forced format error" '^sfhet: error: ppms_rt.dat:2: expected 1 columns'
check "unknown format" 2 "$SFHET" inspect --data ppms_rt.dat --format excel
expect_err "format named" "^sfhet: error: --format: unknown format 'excel'"

# ---- issue 11 reader items
printf 'V_mV,G\r-1,1.5\r0,0.5\r1,1.5\r' >"$tmpd/cr.csv"
check "CR-only line ends" 0 "$SFHET" weight --data "$tmpd/cr.csv" --json
expect "CR-only rows read" json "abs(d['W']-2.0)<1e-12"
check "/dev/zero" 2 timeout 20 "$SFHET" inspect --data /dev/zero
expect_err "/dev/zero refused" '^sfhet: error: /dev/zero: binary data \(a NUL byte at offset 0\)'
check "endless line" 2 bash -c "head -c 3000000 /dev/zero | tr '\\0' 7 | timeout 20 '$SFHET' inspect --data -"
expect_err "long line refused" '^sfhet: error: <stdin>:1: line longer than 1048576 bytes'
printf 'V_mV,G\n-1,1\n0,0x10\n1,1\n' >"$tmpd/hex.csv"
check "hex cell" 2 "$SFHET" weight --data "$tmpd/hex.csv"
expect_err "hex refused" "hex.csv:3: column 'G': '0x10' is not a finite number"

# ---- units in headers
check "bias in volts" 0 "$SFHET" weight --data sts_T1.50K.dat --x 'Bias calc (V)' --y 'LI Demod 1 X (A)' --json
expect "bias window in mV" json "abs(d['from_mV']+5)<1e-9 and abs(d['to_mV']-5)<1e-9"
check "wrong dimension" 2 "$SFHET" weight --data ppms_rt.dat --x 'Temperature (K)' --y 'Bridge 1 Resistance (Ohms)'
expect_err "wrong dimension named" "^sfhet: error: --x: column 'Temperature \(K\)' has unit 'K' \(a temperature\), but --x takes a voltage"
printf 'V,G\n-0.001,1\n0,0.5\n0.001,1\n' >"$tmpd/volts.csv"
check "x-unit supplies" 0 "$SFHET" weight --data "$tmpd/volts.csv" --x V --x-unit V --json
expect "x-unit V -> mV" json "abs(d['to_mV']-1)<1e-12"
check "tamr on a field column in Oe" 0 "$SFHET" tamr --data qcodes.db:1 --x bias --y lockin_G --sweep field --par 0T --perp 5000Oe
expect "tamr bias in mV" grep -q '^bias_mV,TAMR' "$out"
$PY -c "
print('Field (Oe),Bias (uV),G (uS)')
for B in (0, 5000, 10000):
  for v in range(-20, 21): print(B, 50*v, (2 if B == 0 else 1) + v/20, sep=',')" >"$tmpd/oe.csv"
check "sweep column in Oe" 0 "$SFHET" tamr --data "$tmpd/oe.csv" --x 'Bias (uV)' --y 'G (uS)' --sweep 'Field (Oe)' --par 0T --perp 1T
expect "Oe -> T, uV -> mV" csvcheck "len(rows)==41 and all(abs(float(r['TAMR'])-1/(2+float(r['Bias_mV'])))<1e-9 for r in rows)"
check "stdin Nanonis" 0 bash -c "'$SFHET' inspect --data - < sts_T2.50K.dat"
expect "stdin format detected" grep -q '^<stdin>: nanonis, 201 rows' "$out"
check "bkt on a PPMS R(T)" 0 "$SFHET" bkt --rt --data ppms_rt.dat --x 'Temperature (K)' --y 'Bridge 1 Resistance (Ohms)' --json
expect "T_BKT of the generator (6.1 K)" json "abs(d['T_BKT_K']-6.1)<0.05"

# ---- series of files: glob, comma list, sweep value from a header key or the file name
check "fit temperature series" 0 "$SFHET" fit --data 'sts_T*.dat' --x 'Bias calc (V)' --y 'LI Demod 1 X (A)' \
  --sweep-from 'Temperature 1 (K)' --junction nis --bind T --free delta,gamma,gnn --norm-bias 4.5mV
expect "series sweep column" grep -q '^Temperature_1_K,delta_meV' "$out"
cp "$out" "$tmpd/fit_T.csv"
expect "delta(T) of the generator" $PY -c "
import csv
t={round(float(r['T_K']),2):float(r['delta_meV']) for r in csv.DictReader(open('$D/sts_truth.csv'))}
f=[r for r in csv.DictReader(l for l in open('$tmpd/fit_T.csv') if not l.startswith('#'))]
assert len(f)==5
for r in f:
  T=float(r['Temperature_1_K']); d=float(r['delta_meV']); e=float(r['delta_err_meV'])
  assert abs(d-t[round(T,2)])<max(5*e,0.01*t[round(T,2)]), (T,d,e)"
check "gap fit of the series" 0 "$SFHET" gap --fit --data "$tmpd/fit_T.csv" --x Temperature_1_K --y delta_meV \
  --sigma delta_err_meV --json
expect "Tc of the generator (6.5 K)" json "abs(d['Tc_K']-6.5)<max(4*d['Tc_err_K'],0.05)"
check "series by file name" 0 "$SFHET" normalize --data 'sts_T1.50K.dat,sts_T2.50K.dat' --x 'Bias calc (V)' \
  --y 'LI Demod 1 X (A)' --sweep-from name:'_T(?<T>[0-9.]+)K' --norm-bias 4.5mV
expect "name-pattern sweep" csvcheck "sorted({r['T_K'] for r in rows})==['1.5','2.5'] and len(rows)==402"
check "glob without match" 2 "$SFHET" fit --data 'nothing_*.dat' --junction nis --T 1 --free delta
expect_err "glob named" "^sfhet: error: --data: no file matches 'nothing_\*.dat'"
check "several files, no sweep" 2 "$SFHET" weight --data 'sts_T*.dat' --x 'Bias calc (V)' --y 'LI Demod 1 X (A)'
expect_err "sweep-from asked" '^sfhet: error: --data: 5 files: say where each .*--sweep-from'

# ---- normalize
check "normalize by a file" 0 "$SFHET" normalize --data sts_T1.50K.dat --x 'Bias calc (V)' --y 'LI Demod 1 X (A)' \
  --by sts_T4.50K.dat
expect "normalize columns" grep -q '^Bias_calc_mV,G,G_err$' "$out"
expect "normalize G ~ 1 far out" csvcheck "abs(float(rows[0]['G'])-1)<0.02 and all(float(r['G_err'])>0 for r in rows)"
check "normalize by-sweep on a grid" 0 "$SFHET" normalize --data labber.hdf5 --x 'DC source - Voltage' \
  --y 'Lock-in - Conductance' --sweep 'Magnet - Field' --by-sweep 0.3T --grid -2:2:21
expect "by-sweep spectrum is 1" csvcheck "len(rows)==84 and all(abs(float(r['G'])-1)<1e-12 for r in rows if r['Magnet_-_Field_T']=='0.3')"
expect "by-sweep ratio" csvcheck "all(abs(float(r['G'])-1/1.3)<1e-9 for r in rows if r['Magnet_-_Field_T']=='0')"
check "normalize needs one source" 2 "$SFHET" normalize --data sts_T1.50K.dat --x 'Bias calc (V)' --y 'LI Demod 1 X (A)'
expect_err "normalize source named" '^sfhet: error: give one of --by FILE, --by-sweep VALUE or --norm-bias V'
printf 'bias (V),lockin_G (S)\n-0.001,2e-6\n0.001,2e-6\n' >"$tmpd/narrow.csv"
check "normalize out of range" 2 "$SFHET" normalize --data qcodes.db:1 --x bias --y lockin_G --sweep field --by "$tmpd/narrow.csv" --quiet
expect_err "normalize range named" '^sfhet: error: --by .*narrow.csv: V = -4 mV lies outside the data range of the normal state, \[-1, 1\] mV'
check "normalize --crop" 0 "$SFHET" normalize --data qcodes.db:1 --x bias --y lockin_G --sweep field --by "$tmpd/narrow.csv" --crop
expect "crop keeps |V| <= 1 mV" csvcheck "len(rows)>0 and all(abs(float(r['bias_mV']))<=1+1e-9 for r in rows)"
expect "crop warns" grep -q '^sfhet: warning: --by .*dropped 59 points outside' "$err"
finish cli_labdata
