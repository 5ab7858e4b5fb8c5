#!/usr/bin/env bash
# CI: everything .ci/run checks (docs/hardening.md), in order, stopping at the first failure:
#   1. setup (Debian packages), the normal g++ build (mkba, bench_kernel) with warnings as errors,
#      and the tests that do not run under the sanitizers (ctest labels mpi and browser);
#   2. every other test (ctest label "sanitize": all Catch2 suites and the CLI, report and
#      calibration scripts) built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan);
#      so each test runs once, in the strictest build that can run it;
#   3. the libFuzzer targets built with clang (build-fuzz): regressions, then a bounded run each;
#   4. clang-tidy (.clang-tidy) over the input readers' sources.
# Environment knobs (defaults are what CI uses):
#   MKBA_FUZZ_SECONDS   seconds per fuzz target (15); 0 skips the fuzz runs but still builds
#   MKBA_JOBS           build parallelism (2)
#   MKBA_TIDY_FILES     the sources clang-tidy checks (default: the input readers under models/src/
#                       (io/csv, screening/screening_csv, calibration/episodes_csv, scenario/load_*,
#                       scenario/yaml_reader, io/calendar, io/text_file, realisatie/realisatie_csv),
#                       and engine/src/*.cpp; "all" for every .cpp in engine/ models/ analysis/
#                       report/ cli/, clean as of 2026-11-29 but ~5 min of CPU)
#   MKBA_SKIP_HARDENING=1  only step 1, with every test in the normal build
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${MKBA_JOBS:-2}
fuzz_seconds=${MKBA_FUZZ_SECONDS:-15}
stamp() { echo "== test.sh: $* ($(date -u +%H:%M:%S), ${SECONDS}s)"; }

stamp "setup, build, tests"
bash scripts/setup.sh --tests   # --tests: chromium for the render test (report.render), python3-openpyxl for the workbook checks
cmake -S . -B build -G Ninja -DMKBA_WARNINGS_AS_ERRORS=ON
# In CI the browser test must run, not skip.
export MKBA_REQUIRE_CHROMIUM=${MKBA_REQUIRE_CHROMIUM:-1}
if [ "${MKBA_SKIP_HARDENING:-0}" = 1 ]; then
  cmake --build build -j "$jobs"
  ctest --test-dir build --output-on-failure -j2
  exit 0
fi
# The test executables are built (with the same warnings as errors) and run in build-asan; here
# only what the MPI and browser tests drive, and the benchmark driver so that it keeps compiling.
cmake --build build -j "$jobs" --target mkba bench_kernel
ctest --test-dir build --output-on-failure -j2 -L 'mpi|browser'

stamp "sanitizers (ASan + UBSan): every test labelled sanitize"
cmake -S . -B build-asan -G Ninja -DMKBA_SANITIZE=ON -DMKBA_WARNINGS_AS_ERRORS=ON \
  -DMKBA_WITH_MPI=OFF -DMKBA_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" >/dev/null  # -O1, as the ASan documentation advises
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j2 -L sanitize

stamp "fuzzing (libFuzzer, ${fuzz_seconds}s per target)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DMKBA_FUZZ=ON -DMKBA_BUILD_TESTS=OFF \
  -DMKBA_BUILD_BENCHMARKS=OFF -DMKBA_WITH_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzz_scenario fuzz_override fuzz_screening_csv fuzz_episodes_csv
if [ "$fuzz_seconds" -gt 0 ]; then
  bash scripts/fuzz.sh "$fuzz_seconds" build-fuzz
fi

stamp "clang-tidy"
# A configure-only clang build dir gives clang-tidy compile commands without g++-only flags.
CC=clang CXX=clang++ cmake -S . -B build-tidy -G Ninja -DMKBA_BUILD_TESTS=OFF \
  -DMKBA_BUILD_BENCHMARKS=OFF >/dev/null
if [ "${MKBA_TIDY_FILES:-readers}" = all ]; then
  mapfile -t sources < <(find engine models analysis report cli -name '*.cpp' | sort)
else
  # Default: every input reader and the simulation kernel (engine/). All sources pass too
  # (MKBA_TIDY_FILES=all), but at ~8 s of CPU per file that alone would take ~5 min of CI.
  read -r -a sources <<<"${MKBA_TIDY_FILES:-models/src/io/csv.cpp models/src/screening/screening_csv.cpp models/src/calibration/episodes_csv.cpp $(echo models/src/scenario/load_*.cpp) models/src/scenario/yaml_reader.cpp models/src/io/calendar.cpp models/src/io/text_file.cpp models/src/realisatie/realisatie_csv.cpp $(echo engine/src/*.cpp)}"
fi
run-clang-tidy-14 -p build-tidy -j "$jobs" -quiet "${sources[@]}" >build-tidy/clang-tidy.log 2>&1 || {
  grep -E "(warning|error):" build-tidy/clang-tidy.log | sort -u | head -n 50
  echo "clang-tidy failed; full log: build-tidy/clang-tidy.log" >&2
  exit 1
}
stamp "all passed"
