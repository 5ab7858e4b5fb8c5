#!/usr/bin/env bash
# mkba synth-episodes and mkba calibrate end to end: exit codes, outputs, no id in any output,
# nothing written on failure, byte-identical reruns. Usage: test_calibrate_cli.sh MKBA DATA_DIR SCENARIO_DIR
set -u
MKBA=$1; DATA=$2; SCEN=$3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0; check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

"$MKBA" synth --persons 400 --out "$T/s.csv" >/dev/null
"$MKBA" synth-episodes --screening "$T/s.csv" --scenario "$SCEN/default.yaml" --out "$T/e.csv" --panel-out "$T/p.csv" >/dev/null
check "synth-episodes exit 0" "[ $? -eq 0 ]"
"$MKBA" synth-episodes --screening "$T/s.csv" --scenario "$SCEN/default.yaml" --out "$T/e2.csv" >/dev/null
check "synth-episodes deterministic" "cmp -s '$T/e.csv' '$T/e2.csv'"
"$MKBA" calibrate --episodes "$T/e.csv" --screening "$T/s.csv" --panel "$T/p.csv" --scenario "$SCEN/default.yaml" \
  --peildatum 2020-07-01 --by kwadrant --duration-bands 0,12 --out "$T/out/rates.yaml" >"$T/stdout" 2>"$T/stderr"
check "calibrate exit 0" "[ $? -eq 0 ]"
for f in rates.yaml rates_fit.txt rates_fit.csv rates_panel.csv; do check "$f written" "[ -s '$T/out/$f' ]"; done
check "parameters in the include" "grep -q '^  p_d0_uitkering_traject: {distribution: beta' '$T/out/rates.yaml'"
cut -d, -f1 "$T/e.csv" | tail -n +2 | sort -u | head -50 > "$T/ids"
check "no id in any output" "! grep -rqF -f '$T/ids' '$T/out' '$T/stdout' '$T/stderr'"
"$MKBA" calibrate --episodes "$DATA/episodes/overlap.csv" --screening "$T/s.csv" --states uitkering,traject,regulier \
  --out "$T/bad/rates.yaml" >/dev/null 2>"$T/err"
check "bad file exit 2" "[ $? -eq 2 ]"
check "bad file names row and column" "grep -q 'overlap.csv: row 3, column begin: expected a month after the einde of the same person.s episode in row 2' '$T/err'"
check "nothing written on failure" "[ ! -e '$T/bad' ]"
"$MKBA" calibrate --screening "$T/s.csv" --out "$T/x.yaml" >/dev/null 2>"$T/err"
check "no input: exit 2" "[ $? -eq 2 ]"
exit $fail
