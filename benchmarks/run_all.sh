#!/usr/bin/env bash
# Runs every benchmark of benchmarks/README.md in one session and prints the figures.
#   bash benchmarks/run_all.sh [BUILD_DIR]      (default: build; needs bench_kernel and mkba built)
# The machine is shared: every figure is a median over repeats; compare CPU-time figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/benchmarks/bench_kernel
py=/usr/bin/python3   # Debian's python3 with python3-numpy
echo "== $(date -u '+%F %T UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== W, engine only (bench_kernel)"
"$bench" --repeat 7 --threads 1
"$bench" --repeat 7 --threads 2
echo "== W-PSA, engine only (K = 200)"
"$bench" --psa --repeat 7 --threads 1
"$bench" --psa --repeat 7 --threads 2
echo "== W with 3 duration bands (months in state), and the national cells with bands"
"$bench" --bands 3 --repeat 7
"$bench" --bands 3 --gemeenten 6 --segments 4 --repeat 5
echo "== W with beschut limited to 100 places (capacity / waiting-list kernel, one thread by design)"
"$bench" --capacity 100 --repeat 5
echo "== numpy peer"
"$py" "$root/benchmarks/peers/w_numpy.py" --repeat 3
"$py" "$root/benchmarks/peers/w_numpy.py" --psa --repeat 3
echo "== national scale: 400,000 persons, 120 months, 6 gemeenten x 4 segments, K = 10 (extrapolate to 1,000)"
/usr/bin/time -f "   /usr/bin/time: %e s wall, %M KiB peak RSS" \
  "$bench" --persons 400000 --gemeenten 6 --segments 4 --iterations 10 --threads 2 --repeat 1
echo "== cohort check (W): microsimulation mean over 200 iterations vs the cohort trace"
"$bench" --cohort-check 200
echo "== the command line on W (scenario file, valuation, report writing included)"
/usr/bin/time -f "   /usr/bin/time: %e s wall, %M KiB peak RSS" \
  "$build/cli/mkba" run "$root/benchmarks/scenarios/w.yaml" --threads 1 --quiet --out "$(mktemp -d)/w" | grep samenleving
/usr/bin/time -f "   /usr/bin/time: %e s wall, %M KiB peak RSS" \
  "$build/cli/mkba" run "$root/benchmarks/scenarios/w.yaml" --mode cohort --quiet --out "$(mktemp -d)/wc" | grep samenleving
echo "== the command line on W-PSA (K = 200), 1 and 2 threads"
for th in 1 2; do
  /usr/bin/time -f "   threads $th: /usr/bin/time: %e s wall, %U s user, %M KiB peak RSS" \
    "$build/cli/mkba" run "$root/benchmarks/scenarios/w-psa.yaml" --threads "$th" --quiet --out "$(mktemp -d)/wpsa" > /dev/null
done
