#!/usr/bin/env bash
# The shipped synthetic pathway files and the default scenario's calibrated rates are exactly what
# the commands documented in docs/calibration.md ("Shipped synthetic files") produce: rerun them in
# a scratch copy of the repository layout and compare byte for byte, so nobody edits them by hand.
# Usage: test_shipped_calibration.sh MKBA SOURCE_DIR
set -u
MKBA=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0; check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

SYNTH="mkba synth-episodes --screening scenarios/data/screening-synthetic.csv --scenario scenarios/data/true-rates-synthetic.yaml --out scenarios/data/episodes-synthetic.csv --panel-out scenarios/data/panel-synthetic.csv"
CALIBRATE="mkba calibrate --episodes scenarios/data/episodes-synthetic.csv --screening scenarios/data/screening-synthetic.csv --by kwadrant --duration-bands 0,12,36 --states uitkering,extra_begeleiding,traject,beschut,lks,regulier,verhuisd,ander_inkomen,aow,overleden --peildatum 2020-07-01 --out scenarios/calibrated/rates-default.yaml --transitions"

for cmd in "$SYNTH" "$CALIBRATE"; do
  check "documented in docs/calibration.md: $cmd" "grep -qxF '$cmd' '$SRC/docs/calibration.md'"
done

mkdir -p "$T/scenarios/data"
cp "$SRC/scenarios/data/screening-synthetic.csv" "$SRC/scenarios/data/true-rates-synthetic.yaml" "$T/scenarios/data/"
cd "$T" || exit 1
"$MKBA" ${SYNTH#mkba } >/dev/null
check "synth-episodes exit 0" "[ $? -eq 0 ]"
for f in episodes-synthetic.csv panel-synthetic.csv; do
  check "scenarios/data/$f reproduced byte for byte" "cmp '$T/scenarios/data/$f' '$SRC/scenarios/data/$f'"
done
"$MKBA" ${CALIBRATE#mkba } >/dev/null
check "calibrate exit 0" "[ $? -eq 0 ]"
for f in rates-default.yaml rates-default_fit.txt rates-default_fit.csv; do
  check "scenarios/calibrated/$f reproduced byte for byte" "cmp '$T/scenarios/calibrated/$f' '$SRC/scenarios/calibrated/$f'"
done
exit $fail
