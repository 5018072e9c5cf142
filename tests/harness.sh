# Shared harness of the command-line tests: source it after setting SFHET.
# Provides $tmpd (removed by finish), $out and $err (stdout/stderr of the last check), counters, and
#   ok / bad MSG            count a pass / a failure
#   check DESC EXIT CMD...  run CMD, compare its exit status
#   expect_err DESC REGEX   the last stderr is exactly one line matching REGEX
#   finish NAME             print "NAME: N passed, M failed", clean up, exit non-zero on failure
fails=0; passes=0
tmpd=$(mktemp -d)
out=$tmpd/out; err=$tmpd/err
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }
check() {
  local desc=$1 want=$2; shift 2
  "$@" >"$out" 2>"$err"; local got=$?
  if [ "$got" -ne "$want" ]; then bad "$desc: exit $got, expected $want: $(cat "$err")"; else ok; fi
}
expect_err() {
  if grep -Eq "$2" "$err" && [ "$(wc -l <"$err")" -eq 1 ]; then ok; else bad "$1: stderr was: $(cat "$err")"; fi
}
finish() {
  rm -rf "$tmpd"
  echo "$1: $passes passed, $fails failed"
  [ "$fails" -eq 0 ]
}
