#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz) for a bounded time each, from the shipped examples as seed
# corpus, after first replaying the regression inputs (tests/fuzz/regressions/<target>/).
#   bash scripts/fuzz.sh [seconds-per-target] [build-dir] [targets...]
# Defaults: 25 s, build-fuzz, all four targets. The build dir must be configured with
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DMKBA_FUZZ=ON -DMKBA_BUILD_TESTS=OFF \
#     -DMKBA_BUILD_BENCHMARKS=OFF -DMKBA_WITH_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
# (scripts/test.sh does this). The corpus grows in <build-dir>/corpus/<target> across runs; crash,
# leak and timeout inputs land in <build-dir>/artifacts/<target>/. Exit status 1 on any finding.
# Environment: MKBA_FUZZ_JOBS (parallel fuzzing processes per target, default 1); MKBA_FUZZ_TIMEOUT
# (seconds one input may take, default 10). A timeout is replayed alone before it counts: on a loaded
# machine (other builds on both cores) an input of 0.2 s can exceed 10 s of wall time, and that is
# load, not a hang. Replays that still exceed the limit are findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-25}
build=${2:-build-fuzz}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_scenario fuzz_override fuzz_screening_csv fuzz_episodes_csv)
jobs=${MKBA_FUZZ_JOBS:-1}

seed() {  # seed <target> <corpus-dir>
  local c=$2
  case $1 in
    fuzz_scenario)
      cp scenarios/*.yaml scenarios/reference/*.yaml tests/data/*.yaml tests/data/bad/*.yaml \
         tests/data/report/*.yaml "$c"/ ;;
    fuzz_override)
      printf 'discounting.rate=0.03' >"$c/rate"
      printf 'persons=100' >"$c/persons"
      printf 'meta.name=x' >"$c/name"
      printf 'transitions.matrix.werk.werk=0.5' >"$c/matrix"
      printf 'horizon.months=24' >"$c/horizon"
      # Issue 20: inputs that were accepted silently (each is refused or warned about now).
      printf 'effects.0.alternatives=[]' >"$c/alternatives-empty"
      printf 'population.counts.uitkering=100.5' >"$c/counts-fractional"
      printf 'effects.0.window={from: 2020-01, until: 2021-01}' >"$c/window-before-start"
      printf 'nulalternatief={capacity: [{state: werk, places: 5}, {state: werk, places: 9}]}' >"$c/capacity-twice"
      printf 'alternatives={a: {label: Nulalternatief}}' >"$c/label-nul"
      printf 'alternatives={a: {transitions: [{from: werk, to: werk, relative_risk: 2}]}}' >"$c/rr-self" ;;
    fuzz_screening_csv)
      cp tests/data/screening/*.csv "$c"/
      head -n 40 scenarios/data/screening-synthetic.csv >"$c/synthetic-head.csv" ;;
    fuzz_episodes_csv)
      cp tests/data/episodes/*.csv "$c"/
      head -n 40 scenarios/data/episodes-synthetic.csv >"$c/episodes-head.csv"
      head -n 40 scenarios/data/panel-synthetic.csv >"$c/panel-head.csv" ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/$t"
  [ -x "$exe" ] || { echo "fuzz: $exe not built" >&2; exit 1; }
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  seed "$t" "$corpus"
  opts=(-timeout="${MKBA_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  # Regressions: every input that once crashed must now pass (runs each file once, no fuzzing).
  reg="tests/fuzz/regressions/$t"
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
    "$exe" "${opts[@]}" "$reg"/* >"$build/$t.regressions.log" 2>&1 \
      || { echo "fuzz: $t regression failed, see $build/$t.regressions.log" >&2; status=1; continue; }
  fi
  echo "fuzz: $t for ${seconds}s"
  if [ "$jobs" -gt 1 ]; then
    par=(-jobs="$jobs" -workers="$jobs")
  else
    par=()
  fi
  if ! "$exe" "${opts[@]}" "${par[@]}" -max_total_time="$seconds" "$corpus" >"$build/$t.log" 2>&1; then
    if ! grep -q -E "ERROR: libFuzzer: (deadly signal|out-of-memory)|ERROR: AddressSanitizer|runtime error" "$build/$t.log" \
       && grep -q "ERROR: libFuzzer: timeout" "$build/$t.log"; then
      unit=$(grep -o "Test unit written to [^ ]*" "$build/$t.log" | tail -n 1 | cut -d' ' -f5)
      if [ -n "$unit" ] && "$exe" "${opts[@]}" "$unit" >"$build/$t.replay.log" 2>&1; then
        mkdir -p "$build/load-timeouts/$t" && mv "$unit" "$build/load-timeouts/$t/"
        echo "fuzz: $t: a timeout under load did not reproduce when replayed alone (kept in $build/load-timeouts/$t); not a finding"
        grep -E "stat::number_of_executed_units" "$build/$t.log" | tail -n 1 | sed "s/^/fuzz: $t: /"
        continue
      fi
    fi
    echo "fuzz: $t FOUND A PROBLEM; log: $build/$t.log, input(s): $artifacts/" >&2
    grep -m 20 -E "ERROR|SUMMARY|terminate|runtime error|Test unit written" "$build/$t.log" >&2 || true
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$build/$t.log" | tail -n 2 | sed "s/^/fuzz: $t: /"
  fi
done
exit $status
