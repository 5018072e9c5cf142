#!/usr/bin/env bash
# Output safety: no user text reaches gnuplot as a program (--plot injection), -o never replaces a
# device node, FIFO or symbolic link, write errors on devices are reported.
# Usage: cli_output.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(readlink -f "$1")
. "$(dirname "$0")/harness.sh"
cd "$tmpd"
"$SFHET" synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --B 0:1:3 --V -3:3:61 -o sweep.csv
# 1. a newline in a plot name would end gnuplot's string and run a '!' shell line
check "plot name with newline refused" 2 "$SFHET" tamr --data sweep.csv --x V_mV --y G --sweep B_T \
  --par 0T --perp 1T --plot $'x\n!touch PWNED\n.png'
expect_err "control character named" '^sfhet: error: --plot: .*control character'
[ -e PWNED ] && bad "injected shell command ran"
ls | grep -q '^x' && bad "stray file left by the plot"
check "plot name with quote" 0 "$SFHET" tamr --data sweep.csv --x V_mV --y G --sweep B_T --par 0T \
  --perp 1T --plot "it's \$(touch PWNED2).png" -o t.csv
[ -s "it's \$(touch PWNED2).png" ] || bad "plot with quote in its name not written"
[ -e PWNED2 ] && bad "shell expansion ran"
ls | grep -q 'tmp' && bad "temporary file left"
# 2. -o to a FIFO writes through it and leaves the FIFO in place
mkfifo pipe
timeout 20 cat pipe > fromfifo &
check "-o FIFO" 0 timeout 20 "$SFHET" dos --E 0:1:3 -o pipe
wait
[ -p pipe ] || bad "FIFO replaced by a regular file"
grep -q '^E_meV,N$' fromfifo || bad "FIFO reader got no table"
# devices only once the FIFO survived: a binary that replaces targets would replace them as root
if [ -p pipe ] && [ -c /dev/full ] && [ -w /dev/full ]; then
  check "-o /dev/full" 2 "$SFHET" dos --E 0:1:3 -o /dev/full
  expect_err "ENOSPC reported" '^sfhet: error: /dev/full: write error: No space left'
  [ -c /dev/full ] || bad "/dev/full is no longer a character device"
  check "-o /dev/null" 0 "$SFHET" dos --E 0:1:3 -o /dev/null
  [ -c /dev/null ] || bad "/dev/null is no longer a character device"
fi
# symbolic links are followed: the target is replaced, the link stays
echo old > real.csv
ln -s real.csv link.csv
check "-o symlink" 0 "$SFHET" dos --E 0:1:3 -o link.csv
[ -L link.csv ] || bad "symbolic link replaced"
grep -q '^E_meV,N$' real.csv || bad "link target not written"
ln -s missing/x dangling.csv
check "-o dangling symlink" 2 "$SFHET" dos --E 0 -o dangling.csv
expect_err "dangling link named" '^sfhet: error: dangling.csv: .*symbolic link'
mkdir adir
check "-o directory" 2 "$SFHET" dos --E 0 -o adir
expect_err "directory named" '^sfhet: error: adir: is a directory'
chmod 640 real.csv
check "existing file keeps its mode" 0 "$SFHET" dos --E 0 -o real.csv
[ "$(stat -c %a real.csv)" = 640 ] || bad "mode of an existing file changed to $(stat -c %a real.csv)"
cd /
finish cli_output
