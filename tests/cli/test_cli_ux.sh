#!/usr/bin/env bash
# The command line as an analyst meets it (issue 23): help and "did you mean", progress on a
# terminal (through a pseudo-terminal) and not in a pipe, --quiet/--verbose, finite numbers only,
# validated --period/--quarter, one number style within 100 columns, psa-iteraties.csv and its
# sheet, gemeente names that collide with sheet or file names, and valid JSON in every output.
# Small runs only (a few hundred persons, a few iterations): it runs under ASan+UBSan in CI.
set -u
MKBA=$(realpath "$1")
SCEN=$(realpath "$2")   # the shipped scenarios folder
# Debian's python3 (with python3-openpyxl), as the other script tests use.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"  # $work, check, pass, fail
SMALL=(--persons 300 --iterations 3)
DEF="$SCEN/default.yaml"
# Two uncertain parameters: a tornado of four runs (the default scenario has 235 uncertain parameters).
cat >"$work/tiny.yaml" <<'EOF'
meta:
  name: tiny
time:
  start: 2026-01
  horizon_years: 2
states:
  - {id: uitkering, kind: benefit}
  - {id: werk, kind: work}
parameters:
  bijstand: {distribution: normal, mean: 1000, sd: 100, unit: euro}
  rr: {distribution: lognormal, mean: 1.5, sd: 0.2}
population:
  counts: {uitkering: 100}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {uitkering: rest, werk: 0.05}
    werk: {uitkering: 0.01, werk: rest}
alternatives:
  begeleiding:
    transitions:
      - {from: uitkering, to: werk, relative_risk: rr}
effects:
  - {name: bijstand, category: uitkeringen, type: transfer, payer: gemeente, receiver: kandidaat,
     per_month_in: [uitkering], amount: bijstand}
simulation:
  iterations: 4
EOF
# Runs a command on a pseudo-terminal (stdin, stdout, stderr); writes what the terminal showed to
# $work/tty.txt and returns the command's exit code. With SIGINT_AT=TEXT, sends Ctrl-C (SIGINT) once
# TEXT has appeared.
on_tty() {
  "$PY" - "$work/tty.txt" "$@" <<'EOF'
import os, pty, signal, sys
out, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
seen, sent = b"", False
at = os.environ.get("SIGINT_AT", "").encode()
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if at and not sent and at in seen:
        os.kill(pid, signal.SIGINT)
        sent = True
_, status = os.waitpid(pid, 0)
open(out, "wb").write(seen)
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
EOF
}

# --- help and "did you mean" ---
"$MKBA" >"$work/o" 2>"$work/e"
check "no arguments: exit 0" test $? -eq 0
check "no arguments: the help" grep -q "^Subcommands:" "$work/o"
check "no arguments: lists run" grep -q "^  run" "$work/o"
"$MKBA" rnu >"$work/o" 2>"$work/e"
check "subcommand typo: exit 2" test $? -eq 2
check "subcommand typo: did you mean run" grep -q "did you mean 'run'" "$work/e"
"$MKBA" raport >"$work/o" 2>"$work/e"
check "subcommand typo: did you mean report" grep -q "did you mean 'report'" "$work/e"
"$MKBA" run --sed 7 >"$work/o" 2>"$work/e"
check "flag typo: exit 2" test $? -eq 2
check "flag typo: did you mean --seed" grep -q "did you mean '--seed'" "$work/e"
"$MKBA" report --perod 2026-H1 >"$work/o" 2>"$work/e"
check "flag typo: did you mean --period" grep -q "did you mean '--period'" "$work/e"
for cmd in run report compare bestand synth validate calibrate synth-episodes dashboard; do
  "$MKBA" $cmd --help >"$work/o" 2>&1
  check "$cmd --help: exit 0" test $? -eq 0
  check "$cmd --help: examples" grep -q "^Examples:" "$work/o"
done
# One definition of the shared flags: run, report and compare take the same ones.
for flag in --out --seed --persons --threads --iterations --mode --set --max-memory --quiet --verbose --progress --lang; do
  for cmd in run report compare; do
    "$MKBA" $cmd --help | grep -q -- "$flag" || { echo "FAIL: $cmd --help lacks $flag"; fail=$((fail + 1)); }
  done
done
"$MKBA" report --max-memory 1K --out "$work/mem" >/dev/null 2>"$work/e"
check "report: the memory check (exit 2)" test $? -eq 2
check "report: the memory check names the budget" grep -q "memory budget" "$work/e"
"$MKBA" compare "$SCEN/beschut-vs-lks.yaml" nieuw_beschut lks_zelfde_budget --max-memory 1K >/dev/null 2>"$work/e"
check "compare: the memory check (exit 2)" test $? -eq 2

# --- numbers must be finite ---
for v in nan NaN inf -inf 1e999; do
  "$MKBA" report "${SMALL[@]}" --threshold "$v" --out "$work/nan" >/dev/null 2>"$work/e"
  check "--threshold $v: exit 2" test $? -eq 2
  check "--threshold $v: says finite" grep -q "finite" "$work/e"
  check "--threshold $v: nothing written" test ! -e "$work/nan"
done
for v in nan .nan inf .inf -.inf 1e999; do
  "$MKBA" run "${SMALL[@]}" --set "discounting.rate=$v" --out "$work/nan" >/dev/null 2>"$work/e"
  check "--set discounting.rate=$v: exit 2" test $? -eq 2
  check "--set discounting.rate=$v: nothing written" test ! -e "$work/nan"
done

# --- --period and --quarter ---
for p in 2026 2026-H3 H1-2026 2026-Q5 "2026-H1; rm" 26-H1; do
  "$MKBA" report "${SMALL[@]}" --period "$p" --out "$work/per" >/dev/null 2>"$work/e"
  check "--period '$p': exit 2" test $? -eq 2
  check "--period '$p': nothing written" test ! -e "$work/per"
done
"$MKBA" report "${SMALL[@]}" --quarter 2026-H1 --out "$work/per" >/dev/null 2>"$work/e"
check "--quarter 2026-H1: exit 2" test $? -eq 2
"$MKBA" report "${SMALL[@]}" --quarter 2026-Q3 --period 2026-H2 --out "$work/per" >/dev/null 2>"$work/e"
check "--quarter and --period: exit 2" test $? -eq 2
"$MKBA" report "${SMALL[@]}" --quarter 2026-Q3 --no-tornado --out "$work/q3" >/dev/null 2>"$work/e"
check "--quarter 2026-Q3: exit 0" test $? -eq 0
check "--quarter 2026-Q3: in the manifest" grep -q '"period": "2026-Q3"' "$work/q3/manifest.json"

# --- bestand writes where --out says ---
(cd "$work" && "$MKBA" bestand "$SCEN/data/screening-synthetic.csv" --out "$work/best" >/dev/null 2>&1)
check "bestand --out: exit 0" test $? -eq 0
check "bestand --out: written there" test -s "$work/best/bestand_kwadranten.csv"
check "bestand --out: nothing in out/" test ! -e "$work/out"

# --- progress ---
"$MKBA" run "${SMALL[@]}" --out "$work/p1" >"$work/o" 2>"$work/e"
check "not a terminal: exit 0" test $? -eq 0
check "not a terminal: stderr silent" test ! -s "$work/e"
"$MKBA" run "${SMALL[@]}" --progress --out "$work/p2" >"$work/o" 2>"$work/e"
check "--progress: the stages" bash -c "grep -q 'scenario laden' '$work/e' && grep -q 'basisrun' '$work/e' && grep -q 'PSA' '$work/e' && grep -q 'schrijven' '$work/e'"
"$MKBA" run "$work/tiny.yaml" --tornado --progress --out "$work/tiny" >"$work/o" 2>"$work/e"
check "--progress --tornado: the sensitivity stage counted" grep -q 'gevoeligheid 100% (4/4), klaar in' "$work/e"
"$MKBA" report "$work/tiny.yaml" --progress --out "$work/tinyr" >"$work/o" 2>"$work/e"
check "report --progress: the stages" bash -c "grep -q 'PSA 100% (4/4)' '$work/e' && grep -q 'schrijven' '$work/e' && ! grep -q gevoeligheid '$work/e'"
"$MKBA" compare "$work/tiny.yaml" begeleiding nul --progress >"$work/o" 2>"$work/e"
check "compare --progress: the PSA" grep -q 'PSA 100% (4/4)' "$work/e"
check "--progress: no carriage returns in a log" bash -c "! grep -q $'\r' '$work/e'"
check "--progress: the results on stdout unchanged" cmp -s "$work/p1/summary.csv" "$work/p2/summary.csv"
on_tty "$MKBA" run "${SMALL[@]}" --out "$work/p3"
check "terminal: exit 0" test $? -eq 0
check "terminal: PSA percentage" grep -aqE 'PSA +[0-9]+% \([0-9]+/3\)' "$work/tty.txt"
check "terminal: time left as h:mm:ss" grep -aqE 'nog [0-9]+:[0-5][0-9]:[0-5][0-9]' "$work/tty.txt"
check "terminal: each stage ends with its duration" grep -aqE 'schrijven, klaar in [0-9]+:[0-5][0-9]:[0-5][0-9]' "$work/tty.txt"
check "terminal: redrawn in place" grep -aq $'\r' "$work/tty.txt"
check "terminal: no raw seconds" bash -c "! grep -aqE 'nog [0-9]+ s' '$work/tty.txt'"
on_tty "$MKBA" run "${SMALL[@]}" --quiet --out "$work/p4"
check "--quiet on a terminal: no progress" bash -c "! grep -aq 'klaar in' '$work/tty.txt' && ! grep -aqE '[0-9]+% \(' '$work/tty.txt'"
"$MKBA" run "${SMALL[@]}" --verbose --out "$work/p5" >/dev/null 2>"$work/e"
check "--verbose: the settings" grep -q "PSA-iteraties, .* threads" "$work/e"
"$MKBA" run --quiet --verbose >/dev/null 2>&1
check "--quiet with --verbose: exit 2" test $? -eq 2
# Ctrl-C during the PSA: the line stops where the run stopped, nothing is written, exit 130.
SIGINT_AT="PSA " on_tty "$MKBA" run --persons 100 --iterations 100000 --no-tornado --out "$work/int"
rc=$?
check "interrupted: exit 130 (got $rc)" test $rc -eq 130
check "interrupted: says so on the progress line" grep -aqE 'PSA: onderbroken bij [0-9]+/100000' "$work/tty.txt"
check "interrupted: not shown as finished" bash -c "! grep -aq '100000/100000' '$work/tty.txt'"
check "interrupted: nothing written" test ! -e "$work/int"

# --- one number style on the console, within 100 columns ---
"$MKBA" run "$SCEN/beschut-vs-lks.yaml" "${SMALL[@]}" --out "$work/nl" >"$work/nl.txt" 2>/dev/null
check "console nl: exit 0" test $? -eq 0
check "console nl: within 100 columns" "$PY" -c "import sys; sys.exit(max(len(l) for l in open('$work/nl.txt', encoding='utf-8').read().split('\n')) > 100)"
check "console nl: no decimal points" bash -c "! grep -qE '(^|[^0-9.])[0-9]+\.[0-9]{1,2}([^0-9]|$)' '$work/nl.txt'"
check "console nl: decimal commas" grep -qE '[0-9],[0-9]{2}( |$)' "$work/nl.txt"
check "console nl: the discount rate as 2,25 %" grep -q "2,25 %" "$work/nl.txt"
"$MKBA" run "$SCEN/beschut-vs-lks.yaml" "${SMALL[@]}" --lang en --out "$work/en" >"$work/en.txt" 2>/dev/null
check "console en: within 100 columns" "$PY" -c "import sys; sys.exit(max(len(l) for l in open('$work/en.txt', encoding='utf-8').read().split('\n')) > 100)"
check "console en: no decimal commas" bash -c "! grep -qE '(^|[^0-9,])[0-9]+,[0-9]{1,2}([^0-9]|$)' '$work/en.txt'"
check "console en: the discount rate as 2.25%" grep -q "2.25%" "$work/en.txt"
"$MKBA" run "${SMALL[@]}" --out "$work/def" >"$work/def.txt" 2>/dev/null
check "console default scenario: within 100 columns" "$PY" -c "import sys; sys.exit(max(len(l) for l in open('$work/def.txt', encoding='utf-8').read().split('\n')) > 100)"

# --- psa-iteraties.csv and its sheet ---
check "psa-iteraties.csv written" test -s "$work/def/psa-iteraties.csv"
"$PY" - "$work/def" <<'EOF' || { echo "FAIL: psa-iteraties.csv content"; fail=$((fail + 1)); }
import csv, sys, openpyxl
d = sys.argv[1]
rows = list(csv.reader(open(d + "/psa-iteraties.csv")))
head, body = rows[0], rows[1:]
assert head[0] == "iteratie", head[:3]
assert [r[0] for r in body] == ["1", "2", "3"], [r[0] for r in body]
params = [h for h in head if h.startswith("parameter.")]
assert params, "no parameter columns"
assert all(len(r) == len(head) for r in body)
col = {h: i for i, h in enumerate(head)}
# Every uncertain parameter is drawn anew in each iteration.
for p in params:
    assert len({r[col[p]] for r in body}) > 1, p + " does not vary"
# The society column is the sum over the stakeholders, per alternative.
alts = sorted({h.split(".")[1] for h in head if h.startswith("ncw.")})
for a in alts:
    sh = [h for h in head if h.startswith("ncw." + a + ".") and not h.endswith(".maatschappij")]
    for r in body:
        total = sum(float(r[col[h]]) for h in sh)
        assert abs(total - float(r[col["ncw." + a + ".maatschappij"]])) < 0.02 * len(sh), (a, total)
# The same iterations as psa.csv: the mean difference from the nul equals psa.csv's mean.
psa = {(r[0], r[1]): r for r in csv.reader(open(d + "/psa.csv"))}
nul = "nulalternatief"
for a in alts:
    if a == nul:
        continue
    diffs = [float(r[col["ncw.%s.maatschappij" % a]]) - float(r[col["ncw.%s.maatschappij" % nul]]) for r in body]
    mean = sum(diffs) / len(diffs)
    row = psa[("%s - %s" % (a, nul), "maatschappij")]
    assert abs(mean - float(row[2])) <= 1e-5 * max(1.0, abs(mean)), (a, mean, row)
wb = openpyxl.load_workbook(d + "/bijlagen.xlsx", read_only=True)
ws = wb["PSA-iteraties"]
sheet = [[c for c in r] for r in ws.iter_rows(values_only=True)]
assert list(sheet[0]) == head, "sheet header differs"
assert len(sheet) == 1 + len(body)
assert abs(sheet[1][col[params[0]]] - float(body[0][col[params[0]]])) <= 1e-6 * max(1.0, abs(sheet[1][col[params[0]]]))
EOF
"$MKBA" run "${SMALL[@]}" --iterations 1 --out "$work/base" >/dev/null 2>&1
check "no PSA: no psa-iteraties.csv" test ! -e "$work/base/psa-iteraties.csv"

# --- gemeente names: sheet names (any case) and file names ---
# One gemeente (plain counts), renamed with --set; two gemeenten written out.
sed 's/^  name: tiny$/  name: tiny\n  gemeenten: [Noord]/' "$work/tiny.yaml" >"$work/one.yaml"
two_gemeenten() {  # two_gemeenten A B FILE
  sed -e "s/^  name: tiny\$/  name: tiny\n  gemeenten: [\"$1\", \"$2\"]/" \
      -e "s/^  counts: {uitkering: 100}\$/  counts:\n    \"$1\": {uitkering: 60}\n    \"$2\": {uitkering: 40}/" \
      "$work/tiny.yaml" >"$3"
}
for name in samenvatting AANNAMES psa-iteraties PSA-Iteraties "Samenvatting'" BRONNEN; do
  "$MKBA" report "$work/one.yaml" --set "meta.gemeenten.0=$name" --out "$work/g" >/dev/null 2>"$work/e"
  rc=$?
  check "gemeente '$name': exit 0 (got $rc)" test $rc -eq 0
  check "gemeente '$name': the workbook opens, every sheet once" "$PY" -c "
import openpyxl, sys
wb = openpyxl.load_workbook('$work/g/bijlagen.xlsx', read_only=True)
names = [n.lower() for n in wb.sheetnames]
sys.exit(len(names) != len(set(names)) or len(names) != 5 or names[0] != 'samenvatting' or names[-2:] != ['aannames', 'bronnen'])"
  rm -rf "$work/g"
done
"$MKBA" report "$work/one.yaml" --lang en --set "meta.gemeenten.0=summary" --out "$work/g" >/dev/null 2>"$work/e"
check "gemeente 'summary' with --lang en: exit 0" test $? -eq 0
check "gemeente 'summary' with --lang en: workbook" "$PY" -c "
import openpyxl; wb = openpyxl.load_workbook('$work/g/bijlagen.xlsx', read_only=True)
assert wb.sheetnames == ['Summary', 'summary 2', 'PSA-iteraties', 'Assumptions', 'Sources'], wb.sheetnames"
two_gemeenten Noord Zuid "$work/two.yaml"
"$MKBA" report "$work/two.yaml" --out "$work/two" >/dev/null 2>"$work/e"
check "two gemeenten: exit 0" test $? -eq 0
check "two gemeenten: both appendices" bash -c "test -s '$work/two/bijlagen/noord.md' && test -s '$work/two/bijlagen/zuid.md'"
for pair in "Noordstad:NOORDSTAD" "Noord stad:noord-stad"; do
  a=${pair%%:*}; b=${pair#*:}
  two_gemeenten "$a" "$b" "$work/clash.yaml"
  for cmd in report run; do
    "$MKBA" $cmd "$work/clash.yaml" --out "$work/c" >/dev/null 2>"$work/e"
    rc=$?
    check "$cmd, gemeenten '$a' and '$b': exit 2 (got $rc)" test $rc -eq 2
    check "$cmd, gemeenten '$a' and '$b': names both" grep -qF "'$a' and '$b'" "$work/e"
    check "$cmd, gemeenten '$a' and '$b': nothing written" test ! -e "$work/c"
  done
done

# --- mkba report --pdf without a browser: exit 2 before running, says how to get one, writes nothing ---
MKBA_CHROMIUM=/nonexistent/chromium "$MKBA" report "$DEF" "${SMALL[@]}" --pdf --out "$work/pdf" --quiet >/dev/null 2>"$work/e"
rc=$?
check "report --pdf without chromium: exit 2 (got $rc)" test $rc -eq 2
check "report --pdf without chromium: says so" grep -q "Chromium, which was not found" "$work/e"
check "report --pdf without chromium: nothing written" test ! -e "$work/pdf"

# --- every JSON the project wrote in this test is valid (no NaN or Infinity either) ---
njson=0
while IFS= read -r -d '' f; do
  "$PY" -c "
import json, sys
def bad(c): raise ValueError('not JSON: ' + c)
json.load(open(sys.argv[1], encoding='utf-8'), parse_constant=bad)" "$f" || { echo "FAIL: invalid JSON $f"; fail=$((fail + 1)); }
  njson=$((njson + 1))
done < <(find "$work" -name '*.json' -print0)
check "JSON files checked (found $njson)" test $njson -ge 5

echo "cli ux: $pass passed, $fail failed"
test $fail -eq 0
