#!/usr/bin/env bash
# CLI fuzz campaign: random and mutated command lines for every command (its options from --help,
# extreme and malformed values, units, ranges, bad data files, output paths), each run checked for
#   no signal or timeout, no sanitizer report, exit status in {0,1,2}, exactly one 'sfhet: error:' line
#   on failure (none on success), no nan/inf in any table, no file left after a failure, no temporary
#   file left at all.
# Usage: cli_fuzz.sh SFHET_EXE DATA_DIR [SECONDS [SEED]]
#   CTest runs it bounded: 40 s of cases from seed 1 (the same sequence every time). By hand, longer and
#   against the sanitizer build: bash tests/cli_fuzz.sh build-asan/sfhet tests/data 3600 7
# Environment: SFHET_FUZZ_TIMEOUT seconds per run (default 20); SFHET_FUZZ_STRICT=1 makes known findings
#   (defects in files of other owners, listed in KNOWN below) and timeouts fail too; SFHET_FUZZ_LOG=FILE
#   gets every finding with a reproduction; SFHET_FUZZ_VERBOSE=1 prints every case with its exit status.
set -u
SFHET=$(readlink -f "$1")
DATADIR=$(readlink -f "${2:-.}")
SECS=${3:-${SFHET_FUZZ_SECONDS:-40}}
SEED=${4:-${SFHET_FUZZ_SEED:-1}}
TO=${SFHET_FUZZ_TIMEOUT:-20}
STRICT=${SFHET_FUZZ_STRICT:-0}
VERBOSE=${SFHET_FUZZ_VERBOSE:-0}
LOG=${SFHET_FUZZ_LOG:-/dev/null}
. "$(dirname "$0")/harness.sh"
RANDOM=$SEED
D=$tmpd/data W=$tmpd/w
mkdir -p "$D/adir" "$W"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}

# Known findings in files this campaign's owner does not own: "command:check" -> owner and issue.
declare -A KNOWN=(
)

# ---------------------------------------------------------------- data files
make_data() {
  "$SFHET" synth --junction nis --delta 0.86 --gamma 0.05 --T 1.5 --V -3:3:61 --noise 0.01 -o "$D/spec.csv"
  "$SFHET" synth --junction nis --delta 0.86 --gamma 0.05 --T 1.5 --B 0:1:3 --V -3:3:41 --noise 0.01 \
    -o "$D/sweep.csv"
  awk 'function th(x){return (exp(2*x)-1)/(exp(2*x)+1)}
       BEGIN{print "B_T,G,dir"; for(i=0;i<=40;i++){b=-1+i/20; print b","1+0.1*th(5*(b-0.2))",1"}
       for(i=0;i<=40;i++){b=1-i/20; print b","1+0.1*th(5*(b+0.2))",-1"}}' > "$D/trace.csv"
  awk 'BEGIN{print "T_K,G0"; for(i=1;i<=30;i++){T=i; print T","exp(-11.6*2/T)}}' > "$D/arr.csv"
  awk 'BEGIN{print "T_K,I_mA,V_mV"; for(t=1;t<=4;t++) for(i=1;i<=20;i++){I=i*0.1; a=1+t; print t","I","I^a}}' \
    > "$D/vi.txt"
  awk 'BEGIN{print "T_K,I_mA,dVdI_ohm"; for(t=1;t<=3;t++) for(i=-30;i<=30;i++){I=i*0.1; ic=2-0.4*t;
       print t","I","10+50*exp(-((I-ic)^2)/0.01)+50*exp(-((I+ic)^2)/0.01)}}' > "$D/cc.csv"
  awk 'BEGIN{print "T_K,B_T,R_ohm,dir"; for(t=1;t<=2;t++){for(i=0;i<=40;i++){b=-1+i/20;
       print t","b","100+(b>0.3?5:0)",1} for(i=0;i<=40;i++){b=1-i/20; print t","b","100+(b>-0.3?5:0)",-1}}}' \
    > "$D/mr.csv"
  awk -F, 'NR % 7 == 3 {$3 = ""} {print}' OFS=, "$D/mr.csv" > "$D/gaps.csv" # missing cells
  : > "$D/empty.csv"
  printf 'V_mV,G\n' > "$D/header.csv"
  printf 'V_mV,G\r1,2\r3,4\r' > "$D/cr.csv"
  printf 'V_mV,G\n1,nan\n2,nan\n3,nan\n' > "$D/nan.csv"
  printf 'caf\xe9,G\n1,2\n2,3\n' > "$D/latin1.csv"
  printf 'B_T,V_mV,G\n0,1,1\n0,1,1\n0,1,1\n' > "$D/dup.csv"
  awk 'BEGIN{srand(3); for(i=0;i<3000;i++) printf "%c", int(rand()*256)}' > "$D/junk.bin"
  awk 'BEGIN{printf "V_mV,G\n1,"; for(i=0;i<100000;i++) printf "9"; print ""}' > "$D/longline.csv"
  awk 'BEGIN{print "B_T,G,dir"; for(i=0;i<=20;i++){b=-1+i/10; print b","(b>0.2?1e308:-1e308)",1"}
       for(i=0;i<=20;i++){b=1-i/10; print b","(b>-0.2?1e308:-1e308)",-1"}}' > "$D/huge.csv"
  if /usr/bin/python3 "$DATADIR/labdata/make_labdata.py" "$D" >/dev/null 2>&1; then
    DATA+=("${LAB[@]}") T+=("${LABT[@]}")
  else
    echo "(lab-data generator unavailable: instrument formats not fuzzed)"
  fi
}

# ---------------------------------------------------------------- templates: valid command lines
T=(
  "dos --model dynes --delta 0.86 --gamma 0.02 --E -2:2:41"
  "dos --model zeeman --delta 0.86 --gamma 0.02 --h 0.1 --E -2:2:41"
  "dos --model maki --delta 1 --zeta 0.1 --h 0.1 --bso 0.05 --E -2:2:21"
  "dos --model aniso --l 2 --delta 1 --gamma 0.01 --E -2:2:21"
  "dos --model twogap --delta 1 --delta_s 0.4 --w 0.6 --gamma 0.02 --E -2:2:21"
  "didv --junction nis --delta 0.86 --gamma 0.08 --T 1.5 --V -3:3:61"
  "didv --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --vac 0.04 --V -4:4:41"
  "fit --data @spec.csv --x V_mV --y G --junction nis --T 1.5 --free delta,gamma --json"
  "fit --data @sweep.csv --x V_mV --y G --sweep B_T --junction nis --T 1.5 --free delta,gamma --curves c.csv"
  "synth --junction nis --delta 0.86 --gamma 0.05 --T 1.5 --V -3:3:31 --noise 0.01 --truth truth.csv"
  "synth --junction sis --delta 0.86 --gamma 0.08 --T 1.5 --B 0:1:3 --V -3:3:21"
  "tamr --data @sweep.csv --x V_mV --y G --sweep B_T --par 0T --perp 1T"
  "weight --data @sweep.csv --sweep B_T --from -0.5 --to 0.7"
  "hysteresis --data @trace.csv --x B_T --y G --json"
  "arrhenius --data @arr.csv --x T_K --y G0 --json"
  "spinlife --gamma-s 120ueV --gamma-0 80ueV --json"
  "gap --Tc 7.2 --T 0:7.2:9"
  "pairbreak --Tc0 7 --alpha 0:1:5"
  "pairbreak --Tc0 7 --zeeman 0:1:5"
  "inspect --data @sweep.csv --json"
  "hanle --L 0.8um --D 1e-3 --tau 1.1ns --B -0.6:0.6:21"
  "tmr --P1 0.3 --P2 0.3 --json"
  "bkt --data @vi.txt --x I_mA --y V_mV --group T_K"
  "critcurrent --data @cc.csv --x I_mA --y dVdI_ohm --group T_K"
  "mr --data @mr.csv --x B_T --y R_ohm --group T_K"
  "loop --model sw --HK 1 --psi 30 --H 1.5:-1.5:31"
  "loop --model afm --HE 2 --HA 0.5 --H 0:10:21 --equilibrium"
  "ising lambda --json"
  "ising bands --k GMKG:11"
  "ising fermi --n 20"
  "ising gap --T 1 --rtol 0.01 --json"
  "ising chi --T 1,2 --rtol 0.01"
  "ising map --T 1,2 --J 0,0.4 --theta 0 --rtol 0.01"
  "ising tc --J 0,0.4 --rtol 0.01"
  "ising free-energy --T 1 --J 0.4 --theta 0,90 --rtol 0.01"
  "dos --model isingqc --delta 0.5 --b 0.1 --gamma 0.02 --E -1:1:11"
  "isingqc gap --Tc0 7 --T 3 --json"
  "isingqc tc --Tc0 7 --b 0:1:3 --theta 90"
  "isingqc bc --Tc0 7 --T 3 --phi 0:90:3"
  "isingqc peaks --Tc0 7 --T 3 --b 0:1:3 --gamma 0.02"
  "isingqc flop --Tc0 7 --B -9:9:21 --json"
  "isingqc flop --Tc0 7 --T 3 --B -9:9:21"
  "fit --data @spec.csv --x V_mV --y G --junction nis --T 1.5 --free delta,gamma --loss huber --clip 5 --json"
  "fit --data @spec.csv --x V_mV --y G --junction nis --T 1.5 --free delta,gamma --max-evals 50 --time-limit 2"
  "normalize --data @sweep.csv --x V_mV --y G --sweep B_T --norm-bias 2"
  "normalize --data @sweep.csv --x V_mV --y G --sweep B_T --by-sweep 1"
  "loop --preset crbr3 --H 0.05:-0.05:41 --json"
  "loop --model afm --flop 3 --sat 8 --json"
  "hysteresis --data @huge.csv --x B_T --y G"
)
# Instrument files from the lab-data generator (when its Python modules are there): inspect and read.
LAB=(ppms_rt.dat sts_T1.50K.dat grid.3ds grid_truncated.3ds qcodes.db spectra.h5 spectra.h5:/sweep
     spectra.h5:/matrix labber.hdf5)
LABT=(
  "inspect --data @ppms_rt.dat --json"
  "inspect --data @grid.3ds"
  "inspect --data @qcodes.db --run 1 --json"
  "inspect --data @spectra.h5:/sweep --json"
  "weight --data @spectra.h5:/sweep --x V --y G --sweep B"
  "normalize --data @labber.hdf5 --x 1 --y 2 --sweep 3 --by-sweep 0"
)

# Options of a command ("name kind" lines) from its --help, cached.
declare -A OPTS=()
options_of() {
  local key=$1
  [ -n "${OPTS[$key]+x}" ] && return
  # shellcheck disable=SC2086
  OPTS[$key]=$("$SFHET" $key --help 2>/dev/null |
    sed -n -e 's/^  --\([A-Za-z0-9_-]*\) \([A-Z]*\) .*\[\([^] ]*\)\].*/\1 \2:\3/p' \
           -e 't' -e 's/^  --\([A-Za-z0-9_-]*\) \([A-Z]*\) .*/\1 \2:/p')
}

# Value generators set REPLY (no $(...): a subshell would reseed RANDOM and break the fixed sequence).
NUMS=(0 1 -1 0.5 0.86 2 3 10 1500 1e-300 1e-12 1e-6 1e6 1e300 -1e308 1e308 5e-324 -0 0.01 100 7 0.3 -2.5 1e-3)
BADNUMS=(0x10 inf nan "" abc 1e400 "1 2" 1,2 . + - 1e 007 "  3  " -1e-400)
UNITS=(meV ueV "µeV" eV K mK mV uV V T mT G Oe nm um m deg rad s ns m2/s cm2/s mA A ohm furlong "%s%n")
LONG=$(printf 'y%.0s' {1..3000})
STRS=("" x V_mV G B_T T_K 1 2 3 99 0 -1 "V,mV" $'a\nb' "'" '"' '%s%s%n' "µ" $'\xff\xfe' "../x" "$LONG"
      dynes zeeman maki aniso twogap bogus nis sis pc delta gamma "delta,gamma" "delta,delta" "gamma,P" T
      none sw afm fsf mnbi2te4 fig4a GMKG:11 GXY isingqc valley huber cauchy soft_l1 linear)
DATA=(spec.csv sweep.csv trace.csv arr.csv vi.txt cc.csv mr.csv gaps.csv empty.csv header.csv cr.csv nan.csv
      latin1.csv dup.csv junk.bin longline.csv huge.csv adir)
SPECIAL=(/dev/null /nonexistent.csv /dev/zero "")
OUTS=(out.csv out.png out.svg out.pdf c.csv truth.csv - no/such/dir.csv "" . $'n\nl.csv' /dev/null)
RCOUNT=(1 2 3 11 0 -1 1.5 1000001 1e6 abc 0x3 "")
RBAD=("1:2" "::" "1:2:3:4" "," "1,,2" ":" "1:2:" "0:1:3x")
INTS=(0 1 2 3 -1 7 100 1e15 99999999999999999999 1.5 abc 0x1 "" 1e3)
GARBAGE=(-x -- stray --=1 - "" --help -o --json --quiet "--threads=0" "--threads" "--quiet=1" $'--a\nb')

pick() { local -n arr=$1; REPLY=${arr[RANDOM % ${#arr[@]}]}; }
number() { # mostly valid, often extreme; with the option's own unit ($UNIT) or another one
  if ((RANDOM % 8)); then pick NUMS; else pick BADNUMS; fi
  local v=$REPLY
  case $((RANDOM % 6)) in
    0) v+=$UNIT ;;
    1) pick UNITS; v+=$REPLY ;;
  esac
  REPLY=$v
}
range() {
  local a b c
  case $((RANDOM % 6)) in
    0) number; a=$REPLY; number; b=$REPLY; pick RCOUNT; REPLY="$a:$b:$REPLY" ;;
    1) number; a=$REPLY; number; b=$REPLY; number; REPLY="$a,$b,$REPLY" ;;
    2) number ;;
    3) pick RBAD ;;
    *) a=$((RANDOM % 7 - 3)); b=$((RANDOM % 7 - 3)); pick RCOUNT; REPLY="$a:$b:$REPLY" ;;
  esac
}
value_for() { # option name, kind
  case $1 in
    data|normalize|chi-table|by)
      if ((RANDOM % 4)); then pick DATA; REPLY=$D/$REPLY; else pick SPECIAL; fi
      return ;;
    output|curves|plot|truth) pick OUTS; return ;;
  esac
  UNIT=${2#*:}
  case ${2%%:*} in
    Q|X) number ;;
    RANGE) range ;;
    N) if ((RANDOM % 4)); then REPLY=$((RANDOM % 12)); else pick INTS; fi ;;
    *) pick STRS ;;
  esac
}

# One mutated command line into the array args (cname: the command, with its subcommand).
make_case() {
  local t=${T[RANDOM % ${#T[@]}]} m i j n k
  # shellcheck disable=SC2206
  args=(${t//@/$D/})
  cname=${args[0]}
  case $cname in ising|isingqc) cname="$cname ${args[1]}" ;; esac
  options_of "$cname"
  local -a names=() kinds=()
  while read -r n k; do [ -n "$n" ] && names+=("$n") && kinds+=("$k"); done <<< "${OPTS[$cname]}"
  local nmut=$((RANDOM % 10 < 6 ? 1 : RANDOM % 10 < 7 ? 2 : 3))
  for ((m = 0; m < nmut; m++)); do
    i=$((RANDOM % ${#names[@]}))
    n=${names[i]} k=${kinds[i]}
    case $((RANDOM % 20)) in
      0|1|2|3|4) # give an option, or a new value to it if it is on the line already
        if [ "$k" = : ]; then args+=("--$n"); continue; fi
        value_for "$n" "$k"
        for ((j = 1; j + 1 < ${#args[@]}; j++)); do [ "${args[j]}" = "--$n" ] && break; done
        if ((j + 1 < ${#args[@]})); then args[j+1]=$REPLY; else args+=("--$n" "$REPLY"); fi ;;
      5|6|7|8|9|10|11|12) # replace the value of an option already on the line
        for ((j = 1; j + 1 < ${#args[@]}; j++)); do
          if [[ ${args[j]} == --* && ${args[j+1]} != --* ]] && ((RANDOM % 2)); then
            kind_of "${args[j]#--}"
            value_for "${args[j]#--}" "$REPLY"
            args[j+1]=$REPLY
            break
          fi
        done ;;
      13|14) # drop an option and its value
        for ((j = 1; j < ${#args[@]}; j++)); do
          if [[ ${args[j]} == --* ]] && ((RANDOM % 3 == 0)); then
            if ((j + 1 < ${#args[@]})) && [[ ${args[j+1]} != --* ]]; then unset 'args[j+1]'; fi
            unset 'args[j]'
            args=("${args[@]}")
            break
          fi
        done ;;
      15) [ "$k" != : ] && value_for "$n" "$k" && args+=("--$n=$REPLY") ;;
      16) pick GARBAGE; args+=("$REPLY") ;;
      17|18) pick OUTS; args+=(-o "$REPLY") ;;
      19) # the same option twice
        if [ "$k" != : ]; then
          value_for "$n" "$k"; args+=("--$n" "$REPLY")
          value_for "$n" "$k"; args+=("--$n" "$REPLY")
        fi ;;
    esac
  done
  return 0
}
kind_of() { # the kind of option $1 of the current command (names/kinds of make_case)
  local q
  for q in "${!names[@]}"; do [ "${names[q]}" = "$1" ] && { REPLY=${kinds[q]}; return; }; done
  REPLY=Q:
}

# ---------------------------------------------------------------- checks
declare -A SEEN=()
nruns=0 nfind=0 nknown=0 nslow=0
finding() { # kind, reproduction
  local key="$cname:$1"
  printf '%s\t%s\n' "$1" "$2" >> "$LOG"
  [ -n "${SEEN[$key]+x}" ] && return
  SEEN[$key]=1
  local known=${KNOWN[$key]:-}
  if [ "$1" = timeout ] && [ "$STRICT" != 1 ]; then
    nslow=$((nslow + 1)); echo "slow ($key, not counted): $2"; return
  fi
  if [ -n "$known" ] && [ "$STRICT" != 1 ]; then
    nknown=$((nknown + 1)); echo "known ($key: $known): $2"; return
  fi
  nfind=$((nfind + 1)); bad "$key: $2"
}
# A nan/inf field of a CSV row or of a whitespace-aligned text table (not in '#' lines). A documented
# nan is allowed: the table says why in a '# nan: ...' line (transport tables) or it is the missing
# error of a fitted parameter at a bound (a '<p>_at_bound' column); inf never is.
nonfinite() {
  local nf='(^|[,[:space:]])[-+]?(nan|inf|infinity)([,[:space:]]|$)' inf='(^|[,[:space:]])[-+]?inf(inity)?([,[:space:]]|$)'
  if grep -q '^# nan: ' "$1" || grep -v '^#' "$1" | head -1 | grep -q '_at_bound'; then
    grep -v '^#' "$1" | grep -Eiq "$inf"
  else
    grep -v '^#' "$1" | grep -Eiq "$nf"
  fi
}
check_run() {
  local rc=$1 repro=$2 f nerr
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then finding timeout "$repro"; return; fi
  if [ "$rc" -gt 2 ]; then finding "exit $rc" "$repro"; fi
  if grep -Eq 'Sanitizer|runtime error:' "$tmpd/stderr"; then
    finding sanitizer "$repro ($(grep -m1 -E 'Sanitizer|runtime error:' "$tmpd/stderr"))"
  fi
  nerr=$(grep -c '^sfhet: error:' "$tmpd/stderr")
  if [ "$rc" -ne 0 ] && [ "$nerr" -ne 1 ]; then finding "error lines" "$repro ($nerr error lines)"; fi
  if [ "$rc" -eq 0 ] && [ "$nerr" -ne 0 ]; then finding "error on success" "$repro"; fi
  if [ "$rc" -le 2 ]; then
    case " ${args[*]} " in
      *" --help "*|*" -h "*) ;; # help text is no table
      *) nonfinite "$tmpd/stdout" && finding non-finite "$repro (stdout)" ;;
    esac
    for f in "$W"/* "$W"/.[!.]*; do
      [ -f "$f" ] || continue
      case $f in *.png|*.svg|*.pdf) continue ;; esac
      nonfinite "$f" && finding non-finite "$repro ($(basename "$f"))"
    done
  fi
  if [ "$rc" -ne 0 ] && [ -n "$(ls -A "$W")" ]; then finding "file left" "$repro ($(ls -A "$W" | tr '\n' ' '))"; fi
  if ls -A "$W" | grep -q '\.tmp'; then finding "temp left" "$repro"; fi
}

t_end=$((SECONDS + SECS)) # the data files (the lab-data generator: seconds) count against the budget
make_data
while [ "$SECONDS" -lt "$t_end" ]; do
  make_case
  rm -rf "$W" && mkdir "$W" && cd "$W" || exit 1
  left=$((t_end - SECONDS + 2)) # the last case may not run past the budget
  timeout -k 2 "$((left < TO ? left : TO))" "$SFHET" "${args[@]}" >"$tmpd/stdout" 2>"$tmpd/stderr" </dev/null
  rc=$?
  cd "$tmpd" || exit 1
  nruns=$((nruns + 1))
  repro="sfhet$(printf ' %q' "${args[@]}")"
  repro=${repro//$D\//DATA/}
  before=$nfind
  [ "$VERBOSE" = 1 ] && echo "[$rc] $repro  => $(head -c 150 "$tmpd/stderr" | head -1)"
  check_run "$rc" "$repro"
  [ "$nfind" -eq "$before" ] && ok
done
echo "cli_fuzz: seed $SEED, $nruns runs in ${SECS} s, $nfind findings, $nknown known (others' files), $nslow slow"
finish cli_fuzz
