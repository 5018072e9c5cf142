#!/usr/bin/env bash
# fit --normalize reports honest errors (issue 14): over 40 seed pairs of SIS data divided by an
# independently noisy normal state (same bias grid), with sigma columns in both files and with none,
# the pulls of Δ and Γ have a spread within [0.7, 1.3] and a mean within 3 standard errors of zero.
SFHET=${1:?usage: cli_normalize_pulls.sh SFHET}
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
$PY -c 'import numpy' 2>/dev/null || { echo "cli_normalize_pulls: skipped (no numpy in $PY)"; exit 0; }
for c in both_sigma no_sigma; do
  line=$($PY "$(dirname "$0")/normalize_pulls.py" "$SFHET" $c 40) || { bad "$c: $line"; continue; }
  echo "$line"
  $PY - "$line" <<'PY' && ok || bad "$c: pulls not honest: $line"
import re, sys
v = [float(x) for x in re.findall(r"mean ([+-][0-9.]+) spread ([0-9.]+)", sys.argv[1]) for x in x]
ok = all(0.7 <= s <= 1.3 and abs(m) <= 3 * s / 40 ** 0.5 for m, s in (v[0:2], v[2:4]))
sys.exit(0 if ok else 1)
PY
done
finish cli_normalize_pulls
