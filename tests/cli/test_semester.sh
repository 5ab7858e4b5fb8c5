#!/usr/bin/env bash
# The semester cycle end to end (docs/semester.md): two successive semesters on synthetic
# realisatie files; the second report shows the first's forecast exactly as the first printed it,
# next to the realised values. And the malformed realisatie corpus is refused with row and column
# (exit 2, nothing written). Cohort mode, a small scenario: a few seconds.
# Usage: test_semester.sh MKBA DATA_DIR
set -u
MKBA=$1
D=$2/realisatie
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0; check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }
RUN=(--mode cohort --iterations 10 --no-xlsx --quiet)

"$MKBA" synth --realisatie "$D/semester.yaml" --from 2026-01 --until 2026-06 --seed 3 --out "$T/r1.csv" >/dev/null
check "synth realisatie H1: exit 0" "[ $? -eq 0 ] && [ -s '$T/r1.csv' ]"
"$MKBA" synth --realisatie "$D/semester.yaml" --from 2026-07 --until 2026-12 --seed 3 --out "$T/r2.csv" >/dev/null
check "synth realisatie H2: exit 0" "[ $? -eq 0 ] && [ -s '$T/r2.csv' ]"
check "no person ids in a synthetic realisatie" "! grep -qi '^id\|,id,' '$T/r1.csv'"

"$MKBA" report "$D/semester.yaml" --period 2026-H1 --realisatie "$T/r1.csv" "${RUN[@]}" --out "$T/run1" >/dev/null 2>"$T/err1"
check "report H1: exit 0" "[ $? -eq 0 ] || { cat '$T/err1'; false; }"
check "report H1: prognose.csv and stand-per-maand.csv" "[ -s '$T/run1/prognose.csv' ] && [ -s '$T/run1/stand-per-maand.csv' ]"
check "report H1: the realised months are labelled realisatie, the projected prognose" \
  "grep -q '^2026-06,realisatie,' '$T/run1/stand-per-maand.csv' && grep -q '^2026-07,prognose,' '$T/run1/stand-per-maand.csv' && ! grep -q '^2026-07,realisatie' '$T/run1/stand-per-maand.csv'"
check "report H1: the manifest holds the forecast for 2026-H2" "grep -q '\"period\": \"2026-H2\"' '$T/run1/manifest.json'"
check "report H1: realisatie listed as an input" "grep -q '\"role\": \"realisatie\"' '$T/run1/manifest.json'"

"$MKBA" report "$D/semester.yaml" --period 2026-H2 --realisatie "$T/r2.csv" --previous "$T/run1" "${RUN[@]}" --out "$T/run2" >/dev/null 2>"$T/err2"
check "report H2 with --previous: exit 0" "[ $? -eq 0 ] || { cat '$T/err2'; false; }"
check "report H2: section in rapport.html" "grep -q 'id=\"realisatie-vs-prognose\"' '$T/run2/rapport.html'"
# Why the NCW changed (issue 16 item 4): only the data changed, so every other step is 0.00.
check "report H2: ncw-verandering.csv with the four steps" \
  "head -1 '$T/run2/ncw-verandering.csv' | grep -q '^Alternatief,NCW vorig rapport,Data,Kansen,Waarden,Methode,NCW dit rapport$' && grep -q '^Meer trajecten,[-0-9.]*,[-0-9.]*,0.00,0.00,0.00,' '$T/run2/ncw-verandering.csv'"
check "report H2: the NCW change in rapport.html" "grep -q 'id=\"ncw-verandering\"' '$T/run2/rapport.html'"
check "report H1: the manifest holds the ncw_basis" "grep -q '\"ncw_basis\"' '$T/run1/manifest.json'"
check "report H1: prognose-alternatieven.csv with the projectalternatief" \
  "head -1 '$T/run1/prognose-alternatieven.csv' | grep -q '^alternatief,gemeente,status,maand,prognose$' && grep -q '^meer_trajecten,regio,uitkering,2026-07,' '$T/run1/prognose-alternatieven.csv'"
python3 - "$T/run1/prognose.csv" "$T/run2/realisatie-vs-prognose.csv" "$T/r2.csv" "$T/r1.csv" <<'PY' || fail=1
import csv, sys
prog = {(r["gemeente"], r["status"], r["maand"]): r for r in csv.DictReader(open(sys.argv[1]))}
cmp = list(csv.DictReader(open(sys.argv[2])))
stand = {}
for r in csv.DictReader(open(sys.argv[3])):
    k = (r["gemeente"], r["status"], r["maand"])
    stand[k] = stand.get(k, 0) + int(r["stand"])
ok = True
def bad(msg):
    global ok
    print("FAIL:", msg); ok = False
months = {k[2] for k in prog}
if months != {"2026-%02d" % m for m in range(7, 13)}: bad("forecast months %s" % sorted(months))
if len(cmp) != len(prog): bad("%d comparison rows for %d forecast cells" % (len(cmp), len(prog)))
if not any(r["p5"] not in ("", "x") and r["p5"] != r["p95"] for r in prog.values()): bad("no P5-P95 interval after a PSA")
for r in cmp:
    k = (r["gemeente"], r["status"], r["maand"])
    p = prog.get(k)
    if p is None: bad("comparison row %s not forecast" % (k,)); continue
    for col in ("prognose", "p5", "p95"):
        if r[col] != p[col]: bad("%s %s: %r in the comparison, %r in the first report" % (k, col, r[col], p[col]))
    n = stand.get(k, 0)
    want = str(n) if n == 0 or n >= 10 else "<10"
    if r["realisatie"] not in (want, "x"): bad("%s realised %r, the file says %d" % (k, r["realisatie"], n))
    if r["realisatie"] == want and n >= 10:
        d = round(n - float(p["prognose"]), 1) if p["prognose"] not in ("x",) and not p["prognose"].startswith("<") else None
        if d is not None and abs(float(r["verschil"]) - d) > 0.051: bad("%s difference %s, expected %.1f" % (k, r["verschil"], d))
        if p["p5"] not in ("", "x") and not p["p5"].startswith("<"):
            inside = "ja" if float(p["p5"]) <= n <= float(p["p95"]) else "nee"
            if r["binnen_p5_p95"] != inside: bad("%s inside %s, expected %s" % (k, r["binnen_p5_p95"], inside))
# Closed form (cohort): the forecast for the first projected month is the last realised stand
# times the base matrix of semester.yaml, plus the month's inflow into uitkering.
last = {}
for r in csv.DictReader(open(sys.argv[4])):
    if r["maand"] == "2026-06":
        last[(r["gemeente"], r["status"])] = last.get((r["gemeente"], r["status"]), 0) + int(r["stand"])
P = {"uitkering": {"uitkering": 0.94, "traject": 0.03, "werk": 0.02, "uitstroom": 0.01},
     "traject": {"uitkering": 0.08, "traject": 0.865, "werk": 0.05, "uitstroom": 0.005},
     "werk": {"uitkering": 0.01, "werk": 0.99}, "uitstroom": {"uitstroom": 1.0}}
inflow = {"Noordstad": 12, "Zuiddorp": 4}
pinned = 0
for g in inflow:
    for to in P:
        x = sum(last.get((g, s), 0) * P[s].get(to, 0.0) for s in P) + (inflow[g] if to == "uitkering" else 0)
        shown = prog[(g, to, "2026-07")]["prognose"]
        if shown in ("x",) or shown.startswith("<"): continue
        pinned += 1
        if abs(float(shown) - x) > 0.051: bad("%s %s 2026-07: forecast %s, closed form %.2f" % (g, to, shown, x))
if pinned < 4: bad("only %d forecast cells of 2026-07 published" % pinned)
sys.exit(0 if ok else 1)
PY

# A quarter: the short per-gemeente summary, every count at least the threshold or a symbol.
"$MKBA" synth --realisatie "$D/semester.yaml" --from 2026-07 --until 2026-09 --seed 3 --out "$T/q3.csv" >/dev/null
"$MKBA" report "$D/semester.yaml" --quarter 2026-Q3 --realisatie "$T/q3.csv" "${RUN[@]}" --out "$T/q3" >/dev/null 2>"$T/err"
check "report 2026-Q3: exit 0 and kwartaaloverzicht.csv" "[ $? -eq 0 ] && [ \$(grep -c . '$T/q3/kwartaaloverzicht.csv') -eq 4 ] && grep -q '^regio,' '$T/q3/kwartaaloverzicht.csv'"
check "report 2026-Q3: no count under the threshold" "! grep -Eq '(^|,)[1-9](,|$)' '$T/q3/kwartaaloverzicht.csv'"
check "report 2026-Q3: forecast for 2026-Q4" "grep -q '\"period\": \"2026-Q4\"' '$T/q3/manifest.json'"

# Pinned in the scenario: meta.realisatie (relative to the scenario), also checked by validate.
sed 's|^  period: 2026-H1|  period: 2026-H1\n  realisatie: r1.csv|' "$D/semester.yaml" > "$T/pinned.yaml"
"$MKBA" validate "$T/pinned.yaml" >/dev/null 2>&1
check "validate with meta.realisatie: exit 0" "[ $? -eq 0 ]"
"$MKBA" report "$T/pinned.yaml" "${RUN[@]}" --out "$T/pinned" >/dev/null 2>&1
check "meta.realisatie: the same forecast as --realisatie" "cmp -s '$T/pinned/prognose.csv' '$T/run1/prognose.csv'"
sed 's|^  period: 2026-H1|  period: 2026-H2\n  realisatie: r1.csv|' "$D/semester.yaml" > "$T/pinned-wrong.yaml"
"$MKBA" validate "$T/pinned-wrong.yaml" >/dev/null 2>"$T/err"
check "validate refuses a pinned realisatie outside meta.period" "[ $? -eq 2 ] && grep -q 'row 2, column maand' '$T/err'"

# Step 3 of the cycle: re-estimate the rates with the semester's moves (calibrate --realisatie); the
# include is run by a scenario that takes its transitions from it.
"$MKBA" calibrate --realisatie "$T/r2.csv" --scenario "$D/semester.yaml" --transitions --out "$T/rates.yaml" >/dev/null 2>"$T/err"
check "calibrate --realisatie: exit 0" "[ $? -eq 0 ] && grep -q 'Realisatie: ' '$T/rates.yaml' && grep -q '^  p_uitkering_traject: {distribution: beta' '$T/rates.yaml'"
awk '/^transitions:/{skip=1; next} skip && /^[a-z]/{skip=0} !skip' "$D/semester.yaml" |
  sed 's|^meta:|include: rates.yaml\nmeta:|' > "$T/herkalibreerd.yaml"
"$MKBA" run "$T/herkalibreerd.yaml" --mode cohort --quiet --no-report >/dev/null 2>"$T/err"
check "the recalibrated include runs: exit 0" "[ $? -eq 0 ] || { cat '$T/err'; false; }"
"$MKBA" calibrate --realisatie "$T/r2.csv" --scenario "$D/semester.yaml" --duration-bands 0,12 --out "$T/banded.yaml" >/dev/null 2>"$T/err"
check "calibrate --realisatie with duration bands: exit 2, nothing written" "[ $? -eq 2 ] && grep -q 'no months in state' '$T/err' && [ ! -e '$T/banded.yaml' ]"

"$MKBA" report "$D/semester.yaml" --previous "$T/run1" "${RUN[@]}" --out "$T/norealisatie" >/dev/null 2>"$T/err"
check "--previous without a realisatie: exit 2" "[ $? -eq 2 ] && grep -q 'realisatie' '$T/err' && [ ! -e '$T/norealisatie' ]"
"$MKBA" report "$D/semester.yaml" --period 2026-H2 --realisatie "$T/r1.csv" "${RUN[@]}" --out "$T/wrongperiod" >/dev/null 2>"$T/err"
check "H1 months in a H2 report: exit 2 with row and column" "[ $? -eq 2 ] && grep -q 'row 2, column maand: expected a month within the period 2026-H2' '$T/err'"

# The malformed corpus: every file refused with row and column, nothing written.
declare -A want=(
  [unbalanced]="row 4, column stand: expected 402"
  [move-from-empty]="row 4, column naar_uitkering: expected at most 0 persons moving out or leaving (the stand at the end of 2026-01: no row, so nobody), found 3 (moves from an empty state)"
  [outside-period]="row 3, column maand: expected a month within the period 2026-H1"
  [unknown-gemeente]="row 2, column gemeente: .*did you mean 'Noordstad'"
  [unknown-state]="row 2, column status: .*did you mean 'traject'"
  [duplicate]="row 4: duplicate of row 2"
  [person-id]="row 1, column 1: 'id' is person-level data"
  [not-a-count]="row 2, column stand: expected a number of persons"
  [missing-month]="row 3, column maand: the month 2026-02 has no rows"
  [self-move]="row 3, column naar_uitkering: expected 0 or blank"
  [unknown-column]="row 1, column 5: unknown column 'instrom' (did you mean 'instroom'?)"
)
for f in "$D"/bad/*.csv; do
  n=$(basename "$f" .csv)
  "$MKBA" report "$D/semester.yaml" --realisatie "$f" "${RUN[@]}" --out "$T/bad-$n" >/dev/null 2>"$T/err"
  rc=$?
  check "bad/$n.csv: exit 2" "[ $rc -eq 2 ]"
  check "bad/$n.csv: message '${want[$n]:-?}'" "grep -q -- \"${want[$n]:-no expectation}\" '$T/err' || { cat '$T/err'; false; }"
  check "bad/$n.csv: nothing written" "[ ! -e '$T/bad-$n' ]"
done
exit $fail
