#!/usr/bin/env bash
# mkba synth --series and mkba dashboard end to end: exit codes, one self-contained page (no external
# script, stylesheet or URL to load), no id in it, nothing written on failure, byte-identical reruns.
# Usage: test_dashboard_cli.sh MKBA
set -u
MKBA=$1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0; check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

"$MKBA" synth --persons 600 --seed 5 --peildatum 2024-01-01 --series 3 --months-between 4 --out "$T/ser" >/dev/null
check "synth --series exit 0" "[ $? -eq 0 ]"
check "three extracts" "[ \$(ls '$T/ser' | wc -l) -eq 3 ] && [ -s '$T/ser/screening-2024-09-01.csv' ]"
"$MKBA" dashboard "$T"/ser/*.csv --no-charts --out "$T/d" >"$T/stdout" 2>"$T/stderr"
check "dashboard exit 0" "[ $? -eq 0 ]"
check "page written" "[ -s '$T/d/dashboard.html' ]"
check "three peildata, screening and two transition tables in the data" "[ \$(grep -o '\"peildatum\"' '$T/d/dashboard.html' | wc -l) -eq 3 ] && [ \$(grep -o '\"from\"' '$T/d/dashboard.html' | wc -l) -eq 2 ] && [ \$(grep -o '\"gescreend\"' '$T/d/dashboard.html' | wc -l) -eq 3 ]"
check "nothing loaded from elsewhere" "! grep -qiE '<script[^>]* src=|<link |https?://' '$T/d/dashboard.html'"
cut -d, -f1 "$T"/ser/*.csv | grep '^syn-' | sort -u > "$T/ids"
check "no id in the page or on the console" "! grep -qF -f '$T/ids' '$T/d/dashboard.html' '$T/stdout' '$T/stderr'"
"$MKBA" dashboard "$T"/ser/*.csv --no-charts --out "$T/d2" >/dev/null
check "deterministic" "cmp -s '$T/d/dashboard.html' '$T/d2/dashboard.html'"
if [ -r /usr/share/javascript/chart.js/chart.min.js ]; then
  "$MKBA" dashboard "$T"/ser/*.csv --out "$T/c" >/dev/null
  check "Chart.js inlined" "[ $? -eq 0 ] && grep -q 'Chart.js v' '$T/c/dashboard.html'"
fi
"$MKBA" dashboard "$T/ser/screening-2024-01-01.csv" "$T/ser/screening-2024-01-01.csv" --no-charts --out "$T/bad" >/dev/null 2>"$T/err"
check "same peildatum twice: exit 2" "[ $? -eq 2 ] && grep -q 'both extracts have peildatum' '$T/err'"
check "nothing written on failure" "[ ! -e '$T/bad' ]"
"$MKBA" dashboard "$T/ser/screening-2024-01-01.csv" --chart-js "$T/none.js" --out "$T/bad2" >/dev/null 2>"$T/err"
check "missing Chart.js: exit 2, named" "[ $? -eq 2 ] && grep -q 'none.js' '$T/err' && [ ! -e '$T/bad2' ]"
# --episodes: synthetic pathways of the last extract's persons up to its peildatum (latest screening).
last="$T/ser/screening-2024-09-01.csv"
peil=$(tail -n +2 "$last" | cut -d, -f4 | sort | tail -1)
SCEN=$(dirname "$0")/../../scenarios/data/true-rates-synthetic.yaml
"$MKBA" synth-episodes --screening "$last" --scenario "$SCEN" --peildatum "$peil" --history 24 --out "$T/ep.csv" >/dev/null
check "synth-episodes exit 0" "[ $? -eq 0 ]"
"$MKBA" dashboard "$T"/ser/*.csv --episodes "$T/ep.csv" --no-charts --out "$T/e" >"$T/stdout" 2>"$T/stderr"
check "dashboard --episodes exit 0" "[ $? -eq 0 ]"
check "outcomes, months and ZRM in the data" "grep -q '\"uitkomsten\":{' '$T/e/dashboard.html' && grep -q '\"maanden\":{' '$T/e/dashboard.html' && grep -q '\"zrm\":\[' '$T/e/dashboard.html'"
check "marked descriptive, not causal" "grep -q 'beschrijvend, niet causaal' '$T/e/dashboard.html'"
check "no id with episodes" "! grep -qF -f '$T/ids' '$T/e/dashboard.html' '$T/stdout' '$T/stderr'"
"$MKBA" dashboard "$T"/ser/*.csv --episodes "$T/ep.csv" --no-charts --out "$T/e2" >/dev/null
check "deterministic with episodes" "cmp -s '$T/e/dashboard.html' '$T/e2/dashboard.html'"
# Episodes that run past the last peildatum are refused (exit 2), naming the file; nothing written.
"$MKBA" dashboard "$T/ser/screening-2024-01-01.csv" --episodes "$T/ep.csv" --no-charts --out "$T/bad3" >/dev/null 2>"$T/err"
check "episodes after the peildatum: exit 2" "[ $? -eq 2 ] && grep -q 'ep.csv' '$T/err' && [ ! -e '$T/bad3' ]"
# --realisatie: a synthetic realisatie (the default scenario's region) gives the Realisatie section.
SCEN_D=$(dirname "$0")/../../scenarios/default.yaml
"$MKBA" synth --realisatie "$SCEN_D" --from 2026-01 --until 2026-03 --out "$T/r.csv" >/dev/null
check "synth --realisatie exit 0" "[ $? -eq 0 ] && [ -s '$T/r.csv' ]"
"$MKBA" dashboard "$T"/ser/*.csv --realisatie "$T/r.csv" --no-charts --out "$T/r" >"$T/stdout" 2>"$T/stderr"
check "dashboard --realisatie exit 0" "[ $? -eq 0 ]"
check "realisatie in the data and on the page" "grep -q '\"realisatie\":{\"states\"' '$T/r/dashboard.html' && grep -q '<h2>Realisatie</h2>' '$T/r/dashboard.html' && grep -q 'tabel-samenvatting-realisatie' '$T/r/dashboard.html'"
check "something hidden in the realisatie" "grep -o '\"realisatie\":{.*' '$T/r/dashboard.html' | grep -q null"
check "no id with realisatie" "! grep -qF -f '$T/ids' '$T/r/dashboard.html' '$T/stdout' '$T/stderr'"
"$MKBA" dashboard "$T"/ser/*.csv --realisatie "$T/r.csv" --no-charts --out "$T/r2" >/dev/null
check "deterministic with realisatie" "cmp -s '$T/r/dashboard.html' '$T/r2/dashboard.html'"
# A gemeente the extracts do not have: exit 2, the file, row and column named, nothing written.
sed 's/^Wassenaar,/Atlantis,/' "$T/r.csv" > "$T/r-bad.csv"
"$MKBA" dashboard "$T"/ser/*.csv --realisatie "$T/r-bad.csv" --no-charts --out "$T/bad4" >/dev/null 2>"$T/err"
check "unknown gemeente in the realisatie: exit 2" "[ $? -eq 2 ] && grep -q 'r-bad.csv: row [0-9]*, column gemeente' '$T/err' && [ ! -e '$T/bad4' ]"
exit $fail
