#!/usr/bin/env bash
# End-to-end checks of the command-line core: help, version, units, exit codes, atomic output.
# Usage: cli_foundation.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
check "--version" 0 "$SFHET" --version
grep -q '^sfhet [0-9]' "$out" || { echo "FAIL: version text"; fails=$((fails+1)); }
check "--help" 0 "$SFHET" --help
grep -q 'dos' "$out" || { echo "FAIL: help lists dos"; fails=$((fails+1)); }
check "dos --help" 0 "$SFHET" dos --help
grep -q -- '--gamma' "$out" || { echo "FAIL: dos help lists --gamma"; fails=$((fails+1)); }
check "no command" 2 "$SFHET"
check "unknown command" 2 "$SFHET" frobnicate
expect_err "unknown command message" '^sfhet: error: unknown command'
check "dos 601 rows" 0 "$SFHET" dos --model dynes --delta 860ueV --gamma 0.08meV --E -3:3:601
rows=$(grep -v '^#' "$out" | tail -n +2 | wc -l)
[ "$rows" -eq 601 ] || { echo "FAIL: expected 601 rows, got $rows"; fails=$((fails+1)); }
head -n 20 "$out" | grep -q '^E_meV,N$' || { echo "FAIL: header E_meV,N"; fails=$((fails+1)); }
check "--delta=value form" 0 "$SFHET" dos --delta=0.5 --gamma=1ueV --E 0
check "wrong dimension" 2 "$SFHET" dos --delta 3K
expect_err "wrong dimension names option" '^sfhet: error: --delta: .*temperature'
check "negative gamma" 2 "$SFHET" dos --gamma -0.1
expect_err "negative gamma names option" '^sfhet: error: --gamma'
check "nan delta" 2 "$SFHET" dos --delta nan
expect_err "nan names option" '^sfhet: error: --delta'
check "unknown option" 2 "$SFHET" dos --bogus 1
expect_err "unknown option named" "^sfhet: error: unknown option '--bogus'"
check "missing value" 2 "$SFHET" dos --delta
expect_err "missing value" '^sfhet: error: --delta needs a value'
check "bad range" 2 "$SFHET" dos --E 1:2
expect_err "bad range names option" '^sfhet: error: --E'
check "unknown model" 2 "$SFHET" dos --model nope
expect_err "unknown model" '^sfhet: error: --model'
check "twice" 2 "$SFHET" dos --delta 1 --delta 2
check "-o writes file" 0 "$SFHET" dos --E -1:1:5 -o "$tmpd/a.csv"
[ -s "$tmpd/a.csv" ] || { echo "FAIL: -o file missing"; fails=$((fails+1)); }
check "failed run leaves no file" 2 "$SFHET" dos --E 1:2 -o "$tmpd/b.csv"
[ -e "$tmpd/b.csv" ] && { echo "FAIL: partial file left"; fails=$((fails+1)); }
ls "$tmpd" | grep -q tmp && { echo "FAIL: temporary file left"; fails=$((fails+1)); }
check "unwritable output" 2 "$SFHET" dos --E 0 -o /nonexistent-dir/x.csv
expect_err "unwritable output named" '^sfhet: error: /nonexistent-dir/x.csv'
LC_NUMERIC=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 check "locale-independent" 0 "$SFHET" dos --delta 0.5 --E 0.25
grep -q '^0.25,' "$out" || { echo "FAIL: locale changed number format"; fails=$((fails+1)); }
# data files: a bad cell on line 4 is named, missing columns are named, quirks are read
printf 'V_mV,G\n1,2\n3,4\n5,abc\n' > "$tmpd/bad.csv"
check "bad cell line 4" 2 "$SFHET" weight --data "$tmpd/bad.csv"
expect_err "bad cell names file and line 4" "^sfhet: error: .*bad.csv:4: .*'abc'"
check "inspect reports a text column" 0 "$SFHET" inspect --data "$tmpd/bad.csv"
grep -Eq "^ +2 +G .*text.*line 4" "$out" || bad "inspect: column G not reported as text from line 4: $(cat "$out")"
check "missing file" 2 "$SFHET" inspect --data "$tmpd/nope.csv"
expect_err "missing file named" "nope.csv: cannot open"
printf '\xef\xbb\xbf# c\r\n"V_mV"\t"G"\r\n\r\n1\tnan\r\n2\t\r\n3\t0.5\r\n' > "$tmpd/q.tsv"
check "quirky tsv" 0 "$SFHET" inspect --data "$tmpd/q.tsv" --json
grep -q '"missing": 2' "$out" || { echo "FAIL: missing count"; cat "$out"; fails=$((fails+1)); }
printf '' > "$tmpd/empty.csv"
check "empty file" 2 "$SFHET" inspect --data "$tmpd/empty.csv"
expect_err "empty file" "empty.csv: .*empty"
finish cli_foundation
