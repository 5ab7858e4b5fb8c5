#!/usr/bin/env bash
# How fast `mkba run` stops on SIGINT: between PSA iterations and inside one long simulation.
# Measured here, never asserted in a test (tests/cli/test_cli.sh checks only exit 130 and that
# nothing is written): on a loaded machine any wall-clock limit in a test is flaky.
#   bash benchmarks/stop_latency.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
repeats=${2:-5}
mkba=$build/cli/mkba
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== $(date -u '+%F %T UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {  # label, seconds to wait before the signal, mkba arguments...
  local label=$1 wait_s=$2; shift 2
  local times=()
  for _ in $(seq "$repeats"); do
    "$mkba" "$@" --no-report --quiet --out "$work/o" >/dev/null 2>&1 &
    local pid=$!
    sleep "$wait_s"
    kill -INT "$pid"
    local start=$(date +%s%N)
    local rc=0
    wait "$pid" || rc=$?
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    [ "$rc" -eq 130 ] || echo "   warning: exit $rc, not 130"
    [ ! -e "$work/o" ] || echo "   warning: output left behind"
  done
  printf '   %-40s stop latency ms: %s (median %s)\n' "$label" "${times[*]}" \
    "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (repeats + 1) / 2 ))p")"
}
measure "between PSA iterations" 1 run --iterations 100000
measure "inside one simulation (3 M persons)" 2 run --iterations 1 --persons 3000000 --threads 1
