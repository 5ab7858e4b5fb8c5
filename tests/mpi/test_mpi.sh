#!/usr/bin/env bash
# MPI tests of `mkba run` (docs/cluster.md), registered by tests/mpi/CMakeLists.txt when
# MKBA_WITH_MPI is on. Usage: test_mpi.sh MPIEXEC MKBA SCENARIO WORKDIR CASE
#   reference        the one-process run (no MPI) every other case compares with
#   ranks N [ARGS]   mpirun -np N gives byte-identical psa.csv, summary.csv, per-kwadrant.csv and console output
#   failure          a rank that fails mid-run ends the job: non-zero exit, one message, no output
set -u
MPIEXEC=$1 MKBA=$2 SCENARIO=$3 WORK=$4 CASE=$5
shift 5
RUN_ARGS=(run "$SCENARIO" --iterations 12 --persons 2000)
# Root in CI, more ranks than cores here; no single-copy shared memory (often denied in containers).
MPI=("$MPIEXEC" --allow-run-as-root --oversubscribe --bind-to none --mca btl_vader_single_copy_mechanism none)
fail=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=1; fi
}
# The console output ends by naming the output directory (wrapped over lines); compare the rest.
console() { sed '/^Resultaten geschreven naar/,$d' "$1"; }

mkdir -p "$WORK"
case "$CASE" in
  reference)
    rm -rf "$WORK/ref"
    "$MKBA" "${RUN_ARGS[@]}" --threads 2 --out "$WORK/ref" >"$WORK/ref.txt"
    check "reference run: exit 0" test $? -eq 0
    check "reference run: psa.csv" test -s "$WORK/ref/psa.csv"
    ;;
  ranks)
    np=$1; shift
    tag="np${np}$(printf '_%s' "$@" | tr -c 'a-z0-9_\n' '_')"
    out="$WORK/$tag"
    rm -rf "$out"
    "${MPI[@]}" -np "$np" "$MKBA" "${RUN_ARGS[@]}" --out "$out" "$@" >"$WORK/$tag.txt" 2>"$WORK/$tag.err"
    rc=$?
    check "mpirun -np $np $*: exit 0 (got $rc)" test $rc -eq 0
    [ $rc -eq 0 ] || cat "$WORK/$tag.err"
    for f in psa.csv summary.csv summary.md per-kwadrant.csv; do
      check "mpirun -np $np $*: $f byte-identical to one process" cmp "$WORK/ref/$f" "$out/$f"
    done
    check "mpirun -np $np $*: console output identical (rank 0 alone prints)" \
      cmp <(console "$WORK/ref.txt") <(console "$WORK/$tag.txt")
    ;;
  failure)
    # An internal error on rank 1 (MKBA_TEST_FAIL_RANK, a test-only hook): exit 1, one message
    # naming the lowest iteration rank 1 computes (static blocks of the base case and 12 iterations:
    # rank 0 the base case and 1..5, rank 1 6..12).
    rm -rf "$WORK/fail"
    MKBA_TEST_FAIL_RANK=1 "${MPI[@]}" -x MKBA_TEST_FAIL_RANK -np 2 "$MKBA" "${RUN_ARGS[@]}" --threads 1 \
      --out "$WORK/fail" >"$WORK/fail.txt" 2>"$WORK/fail.err"
    rc=$?
    check "failing rank: exit 1 (got $rc)" test $rc -eq 1
    check "failing rank: no output directory" test ! -e "$WORK/fail"
    check "failing rank: one message naming rank and iteration" \
      test "$(grep -c '^mkba: internal error: rank 1, PSA iteration 6: test failure injected' "$WORK/fail.err")" -eq 1
    check "failing rank: nothing on stdout" test ! -s "$WORK/fail.txt"
    # An input error on rank 2 of 3 in iteration 12 (static blocks: rank 2 has 8..12): exit 2.
    rm -rf "$WORK/fail2"
    MKBA_TEST_FAIL_RANK=2 MKBA_TEST_FAIL_ITERATION=12 MKBA_TEST_FAIL_MODE=input \
      "${MPI[@]}" -x MKBA_TEST_FAIL_RANK -x MKBA_TEST_FAIL_ITERATION -x MKBA_TEST_FAIL_MODE -np 3 \
      "$MKBA" "${RUN_ARGS[@]}" --threads 1 --out "$WORK/fail2" >"$WORK/fail2.txt" 2>"$WORK/fail2.err"
    rc=$?
    check "input error on rank 2: exit 2 (got $rc)" test $rc -eq 2
    check "input error on rank 2: no output directory" test ! -e "$WORK/fail2"
    check "input error on rank 2: one message" \
      test "$(grep -c '^mkba: rank 2, PSA iteration 12: test failure injected' "$WORK/fail2.err")" -eq 1
    # A rank that dies (as if killed) mid-run: non-zero exit, no output.
    rm -rf "$WORK/fail3"
    MKBA_TEST_FAIL_RANK=1 MKBA_TEST_FAIL_MODE=exit "${MPI[@]}" -x MKBA_TEST_FAIL_RANK -x MKBA_TEST_FAIL_MODE -np 2 \
      "$MKBA" "${RUN_ARGS[@]}" --threads 1 --out "$WORK/fail3" >"$WORK/fail3.txt" 2>"$WORK/fail3.err"
    rc=$?
    check "killed rank: non-zero exit (got $rc)" test $rc -ne 0
    check "killed rank: no output directory" test ! -e "$WORK/fail3"
    # Bad input on every rank: exit 2, the scenario's message once.
    rm -rf "$WORK/bad"
    "${MPI[@]}" -np 2 "$MKBA" run "$WORK/missing.yaml" --out "$WORK/bad" >"$WORK/bad.txt" 2>"$WORK/bad.err"
    rc=$?
    check "missing scenario: exit 2 (got $rc)" test $rc -eq 2
    check "missing scenario: one message" test "$(grep -c 'cannot open the scenario file' "$WORK/bad.err")" -eq 1
    check "missing scenario: no output directory" test ! -e "$WORK/bad"
    ;;
  *)
    echo "unknown case $CASE" >&2
    exit 2
    ;;
esac
exit $fail
