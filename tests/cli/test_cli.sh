#!/usr/bin/env bash
# End-to-end checks of the mkba command line: exit codes, one clear message, no output on failure,
# byte-identical reruns with the same seed.
set -u
MKBA=$1
DATA=$2
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"  # $work, check, pass, fail

# Bad input, the whole malformed corpus (tests/data/bad/*.yaml; messages pinned in
# tests/models/test_malformed_corpus.cpp): exit 2, a message naming the file (or, for a problem
# inside an included file, the file it includes), nothing on stdout, and no output directory.
# `mkba validate` takes them all at once (one process: under ASan each start costs ~0.4 s) and
# must refuse every one of them.
nbad=0
"$MKBA" validate "$DATA"/bad/*.yaml >"$work/validate_stdout" 2>"$work/validate_stderr"
rc=$?
check "validate of the whole corpus: exit code 2 (got $rc)" test $rc -eq 2
check "validate of the whole corpus: no file OK" test ! -s "$work/validate_stdout"
for path in "$DATA"/bad/*.yaml; do
  f=$(basename "$path" .yaml)
  inc=$(sed -n 's/^include: \[\(.*\)\]$/\1/p' "$path")
  names_file() { grep -qF "bad/$f.yaml" "$1" || { test -n "$inc" && grep -qF "bad/$inc" "$1"; }; }
  out="$work/out_$f"
  "$MKBA" run "$path" --out "$out" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  check "$f: exit code 2 (got $rc)" test $rc -eq 2
  check "$f: message names the file" names_file "$work/stderr"
  check "$f: nothing on stdout" test ! -s "$work/stdout"
  check "$f: no output written" test ! -e "$out"
  check "$f: validate names the file" names_file "$work/validate_stderr"
  nbad=$((nbad + 1))
done
check "at least 40 malformed scenarios (found $nbad)" test $nbad -ge 40
"$MKBA" run "$DATA/missing.yaml" --out "$work/missing" 2>"$work/stderr"
check "missing file: exit 2" test $? -eq 2
check "missing file: message" grep -q "cannot open the scenario file" "$work/stderr"
check "missing file: no output" test ! -e "$work/missing"
# Devices and pipes are refused at once instead of read until memory runs out (was: killed by the OOM killer).
mkfifo "$work/fifo"
for dev in /dev/zero "$work/fifo"; do
  timeout 20 "$MKBA" run "$dev" --out "$work/dev" 2>"$work/stderr"
  rc=$?
  check "$dev as scenario: exit 2 within the timeout (got $rc)" test $rc -eq 2
  check "$dev as scenario: says why" grep -q "expected a regular file" "$work/stderr"
done
timeout 20 "$MKBA" bestand /dev/zero >/dev/null 2>"$work/stderr"
check "/dev/zero as screening file: exit 2" test $? -eq 2
check "no output from device inputs" test ! -e "$work/dev"
"$MKBA" run --persons -5 2>/dev/null
check "bad flag: exit 2" test $? -eq 2
"$MKBA" frobnicate 2>/dev/null
check "unknown command: exit 2" test $? -eq 2
"$MKBA" --version | grep -q "^mkba "
check "--version" test $? -eq 0
"$MKBA" --help >/dev/null
check "--help: exit 0" test $? -eq 0

# The default scenario from another working directory; same seed, byte-identical summary. At the
# caseload's own size (the shipped simulation.persons is 32 per person) and 20 PSA iterations, to
# keep the test fast under the sanitizers.
DEFAULT_SMALL=(--persons 3150 --iterations 20)
(cd "$work" && "$MKBA" run --seed 7 "${DEFAULT_SMALL[@]}" --out a >"$work/run_a.txt")
check "default run: exit 0" test $? -eq 0
check "default run: summary.csv written" test -s "$work/a/summary.csv"
check "default run: summary.md written" test -s "$work/a/summary.md"
check "default run: prints the table" grep -q "maatschappij" "$work/run_a.txt"
"$MKBA" run --seed 7 "${DEFAULT_SMALL[@]}" --threads 1 --out "$work/b" >/dev/null
check "same seed: byte-identical summary.csv" cmp -s "$work/a/summary.csv" "$work/b/summary.csv"
"$MKBA" run --seed 8 "${DEFAULT_SMALL[@]}" --out "$work/c" >/dev/null
check "other seed: different summary.csv" bash -c "! cmp -s '$work/a/summary.csv' '$work/c/summary.csv'"
check "default run: per-kwadrant.csv written" grep -q "^nulalternatief,k1,maatschappij,euro," "$work/a/per-kwadrant.csv"
check "default run: per-kwadrant section" grep -q "^Per kwadrant" "$work/run_a.txt"
check "default run: per-kandidaat section" grep -q "^Per kandidaat" "$work/run_a.txt"
check "default run: verdelingstabel per categorie" grep -q "^Verdelingstabel per categorie" "$work/run_a.txt"
check "same seed: byte-identical per-kwadrant.csv" cmp -s "$work/a/per-kwadrant.csv" "$work/b/per-kwadrant.csv"
check "default run: plausibility section" grep -q "^Plausibiliteit" "$work/run_a.txt"
check "default run: plausibiliteit.csv written" grep -q "^intensivering - nul,baten_kosten,," "$work/a/plausibiliteit.csv"
check "default run: verdringing in the verdelingstabel" grep -q "verdringing" "$work/run_a.txt"

# mkba compare: A minus B per stakeholder.
SCEN="$DATA/../../scenarios"
"$MKBA" compare "$SCEN/beschut-vs-lks.yaml" nieuw_beschut lks_zelfde_budget --iterations 3 --out "$work/cmp" >"$work/cmp.txt"
check "compare: exit 0" test $? -eq 0
check "compare: per stakeholder" grep -q "^  gemeente" "$work/cmp.txt"
check "compare: CSV written" test -s "$work/cmp/vergelijking-nieuw_beschut-lks_zelfde_budget.csv"
"$MKBA" compare "$SCEN/beschut-vs-lks.yaml" nieuw_beschut frobnicate --out "$work/cmp2" >"$work/stdout" 2>"$work/stderr"
check "compare unknown alternative: exit 2" test $? -eq 2
check "compare unknown alternative: names the known ones" grep -q "lks_zelfde_budget" "$work/stderr"
check "compare unknown alternative: nothing written" test ! -e "$work/cmp2"
"$MKBA" validate "$DATA/minimal.yaml" | grep -q OK
check "validate OK" test $? -eq 0
"$MKBA" validate "$DATA/bad/row_sum.yaml" 2>/dev/null
check "validate bad: exit 2" test $? -eq 2
"$MKBA" validate "$DATA/net-effects.yaml" --set alternatives.gericht.transitions.0.relative_risk=1.7 >/dev/null 2>"$work/stderr"
check "validate: a fixed unsourced effect size is a warning, exit 0" test $? -eq 0
check "validate: the warning names the place (the --set that gave the value)" grep -q "warning: --set alternatives.gericht.transitions.0.relative_risk:1:1: .*relative_risk.*no source" "$work/stderr"
# An error in a --set value names the --set argument, not the file's first line.
"$MKBA" validate "$DATA/minimal.yaml" --set discounting.rate=abc >/dev/null 2>"$work/stderr"
check "validate --set bad value: exit 2" test $? -eq 2
check "validate --set bad value: located at the --set" grep -q "^--set discounting.rate:1:1: discounting.rate: expected a number" "$work/stderr"

# ZRM screening extracts: mkba synth and mkba bestand (docs/data-formats.md).
"$MKBA" synth --persons 500 --seed 3 --out "$work/s1.csv" >/dev/null
check "synth: exit 0" test $? -eq 0
check "synth: header and 500 rows" test "$(wc -l <"$work/s1.csv")" -eq 501
"$MKBA" synth --persons 500 --seed 3 --out "$work/s3.csv" >/dev/null
check "synth: same seed, byte-identical" cmp -s "$work/s1.csv" "$work/s3.csv"
"$MKBA" synth --persons 500 --seed 3 --sep ';' --out "$work/s2.csv" >/dev/null
"$MKBA" synth --out "$work/default.csv" >/dev/null
check "synth: the shipped extract is the default synth output" \
  cmp -s "$work/default.csv" "$DATA/../../scenarios/data/screening-synthetic.csv"
"$MKBA" bestand "$work/s1.csv" --out "$work/b1" >"$work/b1.txt"
check "bestand: exit 0" test $? -eq 0
for f in kwadranten afstand escalatie screening; do
  check "bestand: bestand_$f.csv written" test -s "$work/b1/bestand_$f.csv"
done
check "bestand: prints the kwadrant table" grep -q "4 ver van werk, hoog risico" "$work/b1.txt"
"$MKBA" bestand "$work/s2.csv" --out "$work/b2" >/dev/null
check "bestand: ';' extract gives the same tables" cmp -s "$work/b1/bestand_kwadranten.csv" "$work/b2/bestand_kwadranten.csv"
tail -n +2 "$work/s1.csv" | cut -d, -f1 >"$work/ids"
check "bestand: no input id in any output" bash -c "! grep -rqF -f '$work/ids' '$work/b1' '$work/b1.txt'"
"$MKBA" bestand "$DATA/../../scenarios/data/screening-synthetic.csv" --out "$work/b3" >"$work/b3.txt"
check "bestand: the shipped extract reads strictly" test $? -eq 0
# Issue 19: mkba report on the shipped scenario (whose population is that extract) hides the same
# start counts per gemeente and state as mkba bestand with its defaults (docs/report.md).
"$MKBA" report "$DATA/../../scenarios/default.yaml" --mode cohort --iterations 1 --no-tornado \
  --set rescreening=null --out "$work/rb3" >/dev/null
check "bestand and report: the same cells hidden" python3 "$(dirname "$0")/compare_bestand_report.py" \
  "$work/b3.txt" "$work/rb3" uitkering extra_begeleiding traject beschut lks regulier verhuisd ander_inkomen aow overleden
# Secondary suppression: cells recoverable from the totals print "x" (unit test: test_bestand_disclosure.cpp).
check "bestand: secondary suppression in the CSV" grep -q ',x$' "$work/b3/bestand_kwadranten.csv"
# --threshold (the same as mkba report's, so both print the same pattern; docs/report.md).
"$MKBA" bestand "$DATA/../../scenarios/data/screening-synthetic.csv" --threshold 20 --out "$work/b4" >/dev/null
check "bestand --threshold: counts under it print <20" grep -q ',<20$' "$work/b4/bestand_kwadranten.csv"
"$MKBA" bestand "$DATA/screening/bad_rows.csv" --peildatum 2020-07-01 --out "$work/bad" >/dev/null 2>"$work/stderr"
check "bestand bad file: exit 2" test $? -eq 2
check "bestand bad file: names file, row and column" grep -q "bad_rows.csv: row 2, column zrm_instrumentele_adl" "$work/stderr"
check "bestand bad file: every problem" grep -q "6 problem(s); nothing was read" "$work/stderr"
check "bestand bad file: no output written" test ! -e "$work/bad"
"$MKBA" bestand "$DATA/screening/bad_rows.csv" --peildatum 2020-07-01 --lenient --out "$work/lenient" >"$work/lenient.txt"
check "bestand --lenient: exit 0" test $? -eq 0
check "bestand --lenient: reports skipped rows" grep -q "6 van 7 rijen overgeslagen" "$work/lenient.txt"
"$MKBA" bestand "$DATA/screening/missing.csv" --out "$work/missing_s" 2>/dev/null
check "bestand missing file: exit 2" test $? -eq 2

# Resource limits: a run whose estimated memory exceeds the budget is refused before it starts.
"$MKBA" run --max-memory 10M --out "$work/mem" 2>"$work/stderr"
check "memory budget: exit 2" test $? -eq 2
check "memory budget: the estimate is in the message" grep -q "needs an estimated" "$work/stderr"
check "memory budget: nothing written" test ! -e "$work/mem"
# The tornado's memory counts too (the default scenario: about 0.10 GiB for the run, 0.27 with --tornado).
"$MKBA" run --iterations 1 --max-memory 200M --no-report --quiet --out "$work/mem" >/dev/null 2>&1
check "memory budget 200M, no tornado: exit 0" test $? -eq 0
rm -rf "$work/mem"
"$MKBA" run --iterations 1 --tornado --max-memory 200M --out "$work/mem" 2>"$work/stderr"
check "memory budget 200M with --tornado: exit 2" test $? -eq 2
check "memory budget with --tornado: named in the message" grep -q "the run with --tornado needs an estimated" "$work/stderr"
check "memory budget with --tornado: nothing written" test ! -e "$work/mem"
"$MKBA" run --max-memory lots --out "$work/mem" 2>/dev/null
check "bad --max-memory: exit 2" test $? -eq 2

# Issue 20. validate refuses what run refuses, at the same position: two changes valid alone that
# leave a negative probability together.
neg="$DATA/bad/changes_negative_together.yaml"
"$MKBA" validate "$neg" >/dev/null 2>"$work/val.err"
check "validate = run: validate exit 2" test $? -eq 2
"$MKBA" run "$neg" --out "$work/neg" >/dev/null 2>"$work/run.err"
check "validate = run: run exit 2" test $? -eq 2
check "validate = run: file:line:column in the message" grep -qF "changes_negative_together.yaml:24:9: alternatives.extra.transitions[0]" "$work/val.err"
check "validate = run: the same message" bash -c "head -1 '$work/val.err' | cmp -s - <(head -1 '$work/run.err')"
# A warning (a window from before the start) is printed by run and validate and recorded in the manifest.
"$MKBA" validate "$DATA/minimal.yaml" --set 'effects.0.window={from: 2025-07}' >/dev/null 2>"$work/warn.err"
check "warning: validate exit 0" test $? -eq 0
check "warning: validate prints it" grep -q "mkba: warning: .*the window starts before time.start" "$work/warn.err"
"$MKBA" run "$DATA/minimal.yaml" --set 'effects.0.window={from: 2025-07}' --quiet --out "$work/warn" >/dev/null 2>"$work/warn.err"
check "warning: run prints it" grep -q "mkba: warning: .*the window starts before time.start" "$work/warn.err"
check "warning: the manifest records it" python3 -c "import json,sys; w=json.load(open('$work/warn/manifest.json'))['warnings']; sys.exit(not any('the window starts before time.start' in x for x in w))"
# A successful run into an existing --out leaves no file of an earlier run; a folder that is not an
# mkba output is refused, untouched.
touch "$work/warn/stale-from-earlier-run.csv"
"$MKBA" run "$DATA/minimal.yaml" --quiet --out "$work/warn" >/dev/null 2>&1
check "rerun: exit 0" test $? -eq 0
check "rerun: the earlier run's file is gone" test ! -e "$work/warn/stale-from-earlier-run.csv"
check "rerun: no staging or old folder left" bash -c "! ls -a '$work' | grep -q 'mkba-partial\|mkba-old'"
# A second run into an --out that another process holds is refused at once (exit 2, nothing written).
if command -v flock >/dev/null; then
  flock -n "$work/.held.mkba-lock" sleep 30 &
  holder=$!
  sleep 0.5
  "$MKBA" run "$DATA/minimal.yaml" --quiet --out "$work/held" >/dev/null 2>"$work/held.err"
  rc=$?
  pkill -P $holder 2>/dev/null; kill $holder 2>/dev/null; wait $holder 2>/dev/null
  check "locked --out: exit 2 (got $rc)" test $rc -eq 2
  check "locked --out: the message says why" grep -q "another mkba process is writing this output folder" "$work/held.err"
  check "locked --out: nothing written" test ! -e "$work/held"
fi
mkdir -p "$work/own" && echo x >"$work/own/brief.txt"
"$MKBA" run "$DATA/minimal.yaml" --quiet --out "$work/own" >/dev/null 2>"$work/own.err"
check "foreign folder: exit 2" test $? -eq 2
check "foreign folder: untouched" test -f "$work/own/brief.txt"

# SIGINT stops a run and leaves no output. Only behaviour is asserted here (exit 130, nothing
# written): how fast it stops is measured in benchmarks/stop_latency.sh, never in a test, because
# a loaded CI machine makes any wall-clock limit flaky.
"$MKBA" run --iterations 100000 --no-report --quiet --out "$work/sig" >/dev/null 2>"$work/sig.err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
check "SIGINT: exit 130 (got $rc)" test $rc -eq 130
check "SIGINT: nothing written" test ! -e "$work/sig"

# ... also in the middle of one long simulation (the kernel checks between blocks of persons).
# 3 M persons: the signal goes as soon as the progress says the base case has started (the set-up
# takes about 3 s under the sanitizers, a fraction of that in a release build, where the whole run
# takes a few seconds: a fixed sleep let it finish first).
"$MKBA" run --iterations 1 --persons 3000000 --threads 1 --no-report --progress --lang nl --out "$work/sig1" >/dev/null 2>"$work/sig1.err" &
pid=$!
for _ in $(seq 600); do
  grep -q "basisrun" "$work/sig1.err" 2>/dev/null && break
  sleep 0.1
done
kill -INT $pid
wait $pid
rc=$?
check "SIGINT inside one simulation: exit 130 (got $rc)" test $rc -eq 130
check "SIGINT inside one simulation: nothing written" test ! -e "$work/sig1"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
