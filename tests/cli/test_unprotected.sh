#!/usr/bin/env bash
# Unprotected output only on explicit request, into a folder whose name says so (issue 19,
# docs/report.md "Disclosure control"): --threshold under 1 is refused and names --onbeschermd;
# --onbeschermd (alias --unprotected) writes into <out>/intern-onbeschermd/ with a warning on
# stderr, for run, report and compare alike. The model is a hypothetical cohort of one patient
# (scenarios/examples/briggs-thr.yaml, cohort mode): at the default threshold every number is
# hidden, unprotected every number is printed. Small and fast: it runs under ASan+UBSan in CI.
set -u
MKBA=$(realpath "$1")
SCEN=$(realpath "$2")   # the shipped scenarios folder
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"  # $work, check, pass, fail
THR="$SCEN/examples/briggs-thr.yaml"
COHORT=(--mode cohort --quiet)

# --- no control without asking for it ---
for v in 0 0.5; do
  "$MKBA" run "$THR" "${COHORT[@]}" --threshold "$v" --out "$work/t$v" >/dev/null 2>"$work/e"
  check "run --threshold $v: exit 2" test $? -eq 2
  check "run --threshold $v: names --onbeschermd" grep -q -- "--onbeschermd" "$work/e"
  check "run --threshold $v: names the folder" grep -q "intern-onbeschermd" "$work/e"
  check "run --threshold $v: nothing written" test ! -e "$work/t$v"
done
"$MKBA" compare "$THR" np1 nul "${COHORT[@]}" --threshold 0 --out "$work/c0" >/dev/null 2>"$work/e"
check "compare --threshold 0: exit 2" test $? -eq 2
"$MKBA" run "$THR" "${COHORT[@]}" --onbeschermd --threshold 5 --out "$work/both" >/dev/null 2>"$work/e"
check "--onbeschermd with --threshold: exit 2" test $? -eq 2
check "--onbeschermd with --threshold: nothing written" test ! -e "$work/both"
for cmd in run report compare calibrate; do
  "$MKBA" $cmd --help | grep -q -- "--onbeschermd" || { echo "FAIL: $cmd --help lacks --onbeschermd"; fail=$((fail + 1)); }
done

# --- protected (default threshold): the one patient's numbers are hidden in every file ---
"$MKBA" run "$THR" "${COHORT[@]}" --out "$work/p" >/dev/null 2>"$work/e"
check "run protected: exit 0" test $? -eq 0
check "run protected: no warning" bash -c "! grep -q 'LET OP' '$work/e'"
check "run protected: written into --out itself" test -f "$work/p/kosteneffectiviteit.csv"
check "run protected: no intern-onbeschermd folder" test ! -e "$work/p/intern-onbeschermd"
check "run protected: the cost is hidden" grep -q "^nulalternatief,x,x," "$work/p/kosteneffectiviteit.csv"

# --- --onbeschermd: everything printed, but only into intern-onbeschermd/ ---
"$MKBA" run "$THR" "${COHORT[@]}" --onbeschermd --out "$work/u" >/dev/null 2>"$work/e"
check "run --onbeschermd: exit 0" test $? -eq 0
check "run --onbeschermd: warns on stderr" grep -q "LET OP: --onbeschermd" "$work/e"
check "run --onbeschermd: the warning names the folder" grep -q "$work/u/intern-onbeschermd" "$work/e"
check "run --onbeschermd: only the subfolder in --out" test "$(ls "$work/u")" = "intern-onbeschermd"
check "run --onbeschermd: kosteneffectiviteit.csv in the subfolder" test -f "$work/u/intern-onbeschermd/kosteneffectiviteit.csv"
check "run --onbeschermd: the cost is printed" grep -Eq "^nulalternatief,[0-9]" "$work/u/intern-onbeschermd/kosteneffectiviteit.csv"
check "run --onbeschermd: uitkomsten.csv printed" bash -c "! grep -q ',x' '$work/u/intern-onbeschermd/uitkomsten.csv'"
# Without --out: the default folder's subfolder.
(cd "$work" && "$MKBA" run "$THR" "${COHORT[@]}" --unprotected >/dev/null 2>"$work/e")
check "run --unprotected (alias) without --out: out/briggs-thr/intern-onbeschermd/" test -f "$work/out/briggs-thr/intern-onbeschermd/summary.csv"
check "run --unprotected without --out: nothing else in out/briggs-thr/" test "$(ls "$work/out/briggs-thr")" = "intern-onbeschermd"
"$MKBA" report "$THR" "${COHORT[@]}" --onbeschermd --out "$work/r" >/dev/null 2>"$work/e"
check "report --onbeschermd: rapport.html in the subfolder" test -f "$work/r/intern-onbeschermd/rapport.html"
check "report --onbeschermd: warns" grep -q "LET OP: --onbeschermd" "$work/e"
"$MKBA" compare "$THR" np1 nul "${COHORT[@]}" --onbeschermd --out "$work/c" >/dev/null 2>"$work/e"
check "compare --onbeschermd: the CSV in the subfolder" test -f "$work/c/intern-onbeschermd/vergelijking-np1-nulalternatief.csv"
check "compare --onbeschermd: only the subfolder in --out" test "$(ls "$work/c")" = "intern-onbeschermd"
"$MKBA" compare "$THR" np1 nul "${COHORT[@]}" --onbeschermd >/dev/null 2>"$work/e"
check "compare --onbeschermd without --out: warns that the console is unprotected" grep -q "LET OP: --onbeschermd" "$work/e"

echo "cli unprotected: $pass passed, $fail failed"
test $fail -eq 0
