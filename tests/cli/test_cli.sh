#!/usr/bin/env bash
# End-to-end checks of the mkba command line: exit codes, one clear message, no output on failure,
# byte-identical reruns with the same seed.
set -u
MKBA=$1
DATA=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
pass=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name"; fail=$((fail + 1)); fi
}

# Bad input: exit 2, a message naming the file, and no output directory.
for f in row_sum negative_probability unknown_state invalid_yaml empty unknown_key decimal_comma; do
  out="$work/out_$f"
  "$MKBA" run "$DATA/bad/$f.yaml" --out "$out" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  check "$f: exit code 2 (got $rc)" test $rc -eq 2
  check "$f: message names the file" grep -q "bad/$f.yaml" "$work/stderr"
  check "$f: no output written" test ! -e "$out"
done
"$MKBA" run "$DATA/missing.yaml" --out "$work/missing" 2>"$work/stderr"
check "missing file: exit 2" test $? -eq 2
check "missing file: message" grep -q "cannot open the scenario file" "$work/stderr"
check "missing file: no output" test ! -e "$work/missing"
"$MKBA" run --persons -5 2>/dev/null
check "bad flag: exit 2" test $? -eq 2
"$MKBA" frobnicate 2>/dev/null
check "unknown command: exit 2" test $? -eq 2
"$MKBA" --version | grep -q "^mkba "
check "--version" test $? -eq 0
"$MKBA" --help >/dev/null
check "--help: exit 0" test $? -eq 0

# The default scenario from another working directory; same seed, byte-identical summary.
(cd "$work" && "$MKBA" run --seed 7 --out a >"$work/run_a.txt")
check "default run: exit 0" test $? -eq 0
check "default run: summary.csv written" test -s "$work/a/summary.csv"
check "default run: summary.md written" test -s "$work/a/summary.md"
check "default run: prints the table" grep -q "maatschappij" "$work/run_a.txt"
"$MKBA" run --seed 7 --threads 1 --out "$work/b" >/dev/null
check "same seed: byte-identical summary.csv" cmp -s "$work/a/summary.csv" "$work/b/summary.csv"
"$MKBA" run --seed 8 --out "$work/c" >/dev/null
check "other seed: different summary.csv" bash -c "! cmp -s '$work/a/summary.csv' '$work/c/summary.csv'"
"$MKBA" validate "$DATA/minimal.yaml" | grep -q OK
check "validate OK" test $? -eq 0
"$MKBA" validate "$DATA/bad/row_sum.yaml" 2>/dev/null
check "validate bad: exit 2" test $? -eq 2

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
