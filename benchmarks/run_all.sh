#!/usr/bin/env bash
# Runs every benchmark of benchmarks/README.md in one session and prints the figures, then one
# summary table (markdown) of person-months per CPU-second, wall time and peak memory.
#   bash benchmarks/run_all.sh [BUILD_DIR]      (default: build; needs bench_kernel, bench_scenario and mkba)
# The machine is shared: compare CPU-time figures (per core) rather than wall-clock.
# QUICK=1 skips the slow items (national scale, tornado at 100,000 persons). ROUNDS=N (default 3):
# how many alternating runs the ratios with a target take their best from.
# NATIONAL_K=1000 runs the national scale at K = 1,000 itself instead of extrapolating from K = 20
# (about 3 minutes on 2 idle cores). MPI_BUILD=DIR (a build with -DMKBA_WITH_MPI=ON) adds 2 ranks
# x 1 thread against 1 process x 2 threads at the national scale (K = MPI_K, default 100; mpirun's own
# start and end, about 0.35 s, are 4-5 % of it there; MPI_K=1000 measures the national scale itself).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/benchmarks/bench_kernel
scen=$build/benchmarks/bench_scenario
mkba=$build/cli/mkba
py=/usr/bin/python3   # Debian's python3 with python3-numpy
default=$root/scenarios/default.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rows=()
row() { rows+=("$1"); }

# measure CMD...: runs CMD under /usr/bin/time -v; sets M_WALL, M_CPU (user + system, s), M_RSS (KiB).
measure() {
  /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2>&1 || { cat "$tmp/out"; return 1; }
  local user sys
  M_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$tmp/time")
  user=$(awk -F': ' '/User time/ {print $2}' "$tmp/time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$tmp/time")
  M_RSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time")
  M_CPU=$(echo "$user + $sys" | bc -l)
}
# report LABEL PM WALL CPU RSS: prints a measurement and adds its row; PM = person-months of the
# run (or "-"). Sets LAST_WALL and LAST_CPU.
report() {
  local label=$1 pm=$2 wall=$3 cpu=$4 rss=$5 per_cpu="-"
  # a run too short for the clock's 10 ms has no rate
  [ "$pm" != "-" ] && [ "$(echo "$cpu > 0" | bc -l)" = 1 ] && per_cpu=$(printf "%.0f" "$(echo "$pm / $cpu / 1000000" | bc -l)")
  printf "   %s: %.2f s wall, %.2f s CPU, %s M pm per CPU-s, %.0f MiB peak\n" "$label" "$wall" "$cpu" "$per_cpu" "$(echo "$rss / 1024" | bc -l)"
  row "| $label | $per_cpu | $(printf "%.2f" "$wall") | $(printf "%.2f" "$cpu") | $(printf "%.0f" "$(echo "$rss / 1024" | bc -l)") | $(cut -d' ' -f1 /proc/loadavg) |"
  LAST_WALL=$wall LAST_CPU=$cpu
}
# timed LABEL PM CMD...: measure and report one run.
timed() {
  local label=$1 pm=$2
  shift 2
  measure "$@" || return 1
  report "$label" "$pm" "$M_WALL" "$M_CPU" "$M_RSS"
}
# alternate ROUNDS: runs the commands in the arrays cmd_a and cmd_b by turns, ROUNDS times each, and
# keeps each one's least wall and least CPU time (A_WALL, A_CPU, B_WALL, B_CPU) and its peak
# memory (A_RSS, B_RSS). For the ratios the targets name: the machine is shared, and other load
# only adds time (single runs moved such a ratio by 20 points).
alternate() {
  local r
  unset A_WALL A_CPU A_RSS B_WALL B_CPU B_RSS
  for ((r = 0; r < $1; r++)); do
    measure "${cmd_a[@]}" || return 1
    keep A
    measure "${cmd_b[@]}" || return 1
    keep B
  done
}
keep() {
  local w="${1}_WALL" c="${1}_CPU"
  if [ -z "${!w:-}" ] || [ "$(echo "$M_WALL < ${!w}" | bc -l)" = 1 ]; then declare -g "$w=$M_WALL"; fi
  if [ -z "${!c:-}" ] || [ "$(echo "$M_CPU < ${!c}" | bc -l)" = 1 ]; then declare -g "$c=$M_CPU"; fi
  declare -g "${1}_RSS=$M_RSS"
}
# bench LABEL CMD...: a driver that prints "M person-months per CPU-second" itself.
bench() {
  local label=$1
  shift
  /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2>&1
  cat "$tmp/out"
  local per_cpu wall rss
  # the best (minimum CPU time) of the repeats: the machine is shared, other load only adds time
  # (the numpy peer prints only its median)
  per_cpu=$({ grep 'CPU min' "$tmp/out" || cat "$tmp/out"; } | grep -o '[0-9.]* M person-months per CPU-second' | head -1 | cut -d' ' -f1 || true)
  wall=$(grep -o '\(wall \)\?median [0-9.]* s' "$tmp/out" | head -1 | grep -o '[0-9.]* s' | cut -d' ' -f1 || true)
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time")
  LAST_ROW="| $label | $(printf "%.0f" "$per_cpu") | $wall (median) | | $(printf "%.0f" "$(echo "$rss / 1024" | bc -l)") | $(cut -d' ' -f1 /proc/loadavg) |"
  row "$LAST_ROW"
  LAST_PER_CPU=$per_cpu
}
# person-months of mkba run on SCENARIO with PERSONS and ITERATIONS (base case + PSA iterations,
# every alternative): from bench_scenario's count of one run.
pm_of() {
  local per
  per=$("$scen" "$1" --persons "$2" --iterations 1 --repeat 1 "${@:4}" | grep -o '[0-9.]* M person-months per simulate' | cut -d' ' -f1)
  local alts=2
  echo "$per * 1000000 * $alts * ($3 + ($3 > 1))" | bc -l   # base case + K iterations (K = 1: base only)
}

echo "== $(date -u '+%F %T UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  $(git -C "$root" rev-parse --short HEAD)"
echo "== W, engine only (bench_kernel)"
bench "W, kernel, 1 thread" "$bench" --repeat 7 --threads 1
w_kernel=$LAST_PER_CPU
"$bench" --repeat 7 --threads 2
echo "== W-PSA, engine only (K = 200)"
bench "W-PSA, kernel, 1 thread" "$bench" --psa --repeat 7 --threads 1
"$bench" --psa --repeat 7 --threads 2
echo "== W with 3 duration bands (months in state), and the national cells with bands"
"$bench" --bands 3 --repeat 7
"$bench" --bands 3 --gemeenten 6 --segments 4 --repeat 5
echo "== W with beschut limited to 100 places (capacity / waiting-list kernel, one thread by design)"
"$bench" --capacity 100 --repeat 5
echo "== the default scenario's kernel path (segments x 10 duration bands, inflow, 2 alternatives), 100,000 persons"
rounds=${ROUNDS:-3}
# With and without rescreening by turns, ROUNDS times each (bench_scenario's best of 3 each time),
# keeping the best: the ratio the target names, robust to other load on the machine. W's kernel
# again in the same turns, so that the ratio to W compares bests of the same rounds.
k_rs=0 k_no=0 k_w=$w_kernel w_row=
for ((r = 0; r < rounds; r++)); do
  bench "W, kernel, 1 thread" "$bench" --repeat 7 --threads 1 > /dev/null
  unset 'rows[${#rows[@]}-1]'
  [ "$(echo "$LAST_PER_CPU > $k_w" | bc -l)" = 1 ] && k_w=$LAST_PER_CPU && w_row=${LAST_ROW/W, kernel, 1 thread/W, kernel, 1 thread, best of the rounds below}
  bench "default scenario, kernel, 1 thread, rescreening" "$scen" "$default" --persons 100000 --iterations 4 --repeat 3 > /dev/null
  unset 'rows[${#rows[@]}-1]'
  [ "$(echo "$LAST_PER_CPU > $k_rs" | bc -l)" = 1 ] && k_rs=$LAST_PER_CPU && rs_row=$LAST_ROW
  bench "default scenario, kernel, 1 thread, no rescreening" "$scen" "$default" --persons 100000 --iterations 4 --repeat 3 --set rescreening=null > /dev/null
  unset 'rows[${#rows[@]}-1]'
  [ "$(echo "$LAST_PER_CPU > $k_no" | bc -l)" = 1 ] && k_no=$LAST_PER_CPU && no_row=$LAST_ROW
done
if [ -n "${w_row:-}" ]; then row "$w_row"; fi
row "$rs_row"
row "$no_row"
echo "   best of $rounds alternating runs: with rescreening $k_rs, without $k_no, W $k_w M person-months per CPU-second"
echo "   default kernel / W kernel (1 thread): $(printf "%.2f" "$(echo "$k_rs / $k_w" | bc -l)") (target >= 0.5); rescreening costs +$(printf "%.0f" "$(echo "($k_no / $k_rs - 1) * 100" | bc -l)") % CPU (target <= 25 %)"
echo "== numpy peer"
if "$py" -c 'import numpy' 2> /dev/null; then
  bench "numpy W (peer)" "$py" "$root/benchmarks/peers/w_numpy.py" --repeat 3
  bench "numpy W-PSA (peer)" "$py" "$root/benchmarks/peers/w_numpy.py" --psa --repeat 3
else
  echo "   skipped: $py has no numpy (apt-get install python3-numpy)"
  row "| numpy W-PSA (peer) | not measured: no python3-numpy | | | | |"
fi
echo "== cohort check (W): microsimulation mean over 200 iterations vs the cohort trace"
"$bench" --cohort-check 200
echo "== mkba run, default scenario, 100,000 persons, 20 PSA iterations, 2 threads (the whole process, no report)"
cmd_a=("$mkba" run "$default" --persons 100000 --iterations 20 --threads 2 --no-report --quiet --out "$tmp/d")
cmd_b=("$mkba" run "$default" --persons 100000 --iterations 20 --threads 2 --no-report --quiet --set rescreening=null --out "$tmp/dn")
alternate "$rounds"
report "mkba run default, 100,000 persons, K = 20, 2 threads (best of $rounds)" "$(pm_of "$default" 100000 20)" "$A_WALL" "$A_CPU" "$A_RSS"
report "same, rescreening=null (best of $rounds, alternating)" "$(pm_of "$default" 100000 20 --set rescreening=null)" "$B_WALL" "$B_CPU" "$B_RSS"
echo "   rescreening costs +$(printf "%.0f" "$(echo "($A_CPU / $B_CPU - 1) * 100" | bc -l)") % CPU of the whole run (target <= 25 %)"
if [ "${QUICK:-0}" != 1 ]; then
  nk=${NATIONAL_K:-20}
  echo "== national scale: 400,000 persons at the start (inflow scaled), K = $nk, 2 threads (target at K = 1,000: 3 minutes, 4 GiB)"
  pm=$(pm_of "$default" 400000 "$nk")
  timed "mkba run default, 400,000 persons, K = $nk, 2 threads" "$pm" "$mkba" run "$default" --persons 400000 --iterations "$nk" --threads 2 --no-report --quiet --out "$tmp/n"
  if [ "$nk" -lt 1000 ]; then
    echo "   K = 1,000 extrapolated: $(printf "%.0f" "$(echo "$LAST_WALL * 1001 / ($nk + 1)" | bc -l)") s wall, $(printf "%.0f" "$(echo "$LAST_CPU * 1001 / ($nk + 1)" | bc -l)") s CPU"
    row "| national scale K = 1,000 (extrapolated from K = $nk x 1001/$((nk + 1))) | | $(printf "%.0f" "$(echo "$LAST_WALL * 1001 / ($nk + 1)" | bc -l)") | $(printf "%.0f" "$(echo "$LAST_CPU * 1001 / ($nk + 1)" | bc -l)") | | |"
  fi
  if [ -n "${MPI_BUILD:-}" ]; then
    # At K = 100: mpirun's own start (about 0.5 s on this machine, measured below) would be a fifth
    # of a K = 20 run's 2.7 s, and the target is the national run's.
    mk=${MPI_K:-100}
    echo "== national scale on MPI: 2 ranks x 1 thread against 1 process x 2 threads (K = $mk, best of $rounds, alternating)"
    pm=$(pm_of "$default" 400000 "$mk")
    cmd_a=("$mkba" run "$default" --persons 400000 --iterations "$mk" --threads 2 --no-report --quiet --out "$tmp/n2")
    cmd_b=(mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2 "$MPI_BUILD/cli/mkba" run "$default" --persons 400000
           --iterations "$mk" --threads 1 --no-report --quiet --out "$tmp/nm")
    alternate "$rounds"
    report "mkba run default, 400,000 persons, K = $mk, 2 threads" "$pm" "$A_WALL" "$A_CPU" "$A_RSS"
    report "mpirun -np 2 mkba run default, 400,000 persons, K = $mk, 1 thread each" "$pm" "$B_WALL" "$B_CPU" "$B_RSS"
    measure mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2 "$MPI_BUILD/cli/mkba" --version
    echo "   mpirun's own start and end (mkba --version on 2 ranks): $(printf "%.2f" "$M_WALL") s wall"
    echo "   2 ranks / 2 threads, wall: $(printf "%.2f" "$(echo "$B_WALL / $A_WALL" | bc -l)") (target <= 1.10; peak RSS above is the largest rank's)"
  fi
fi
echo "== tornado of the default scenario as shipped (the caseload of 3,150 as 100,800 simulated persons, 100 PSA iterations), 2 threads"
cmd_a=("$mkba" run "$default" --threads 2 --no-report --quiet --out "$tmp/s")
cmd_b=("$mkba" run "$default" --threads 2 --iterations 1 --tornado --no-report --quiet --out "$tmp/st")
alternate "$rounds"
report "mkba run default, shipped size, K = 100 (base PSA; best of $rounds, alternating)" - "$A_WALL" "$A_CPU" "$A_RSS"
report "mkba run default, shipped size, K = 1 + --tornado (best of $rounds, alternating)" - "$B_WALL" "$B_CPU" "$B_RSS"
echo "   tornado / base PSA: wall $(printf "%.2f" "$(echo "$B_WALL / $A_WALL" | bc -l)"), CPU $(printf "%.2f" "$(echo "$B_CPU / $A_CPU" | bc -l)") (target <= 2)"
echo "== small runs: W-PSA (K = 200, 3,000 persons) through the whole CLI vs the kernel alone"
pm=$(echo "3000 * 120 * 201" | bc)
timed "mkba run W-PSA, all outputs, 1 thread" "$pm" "$mkba" run "$root/benchmarks/scenarios/w-psa.yaml" --threads 1 --quiet --out "$tmp/wpsa"
timed "mkba run W-PSA, --no-report, 1 thread" "$pm" "$mkba" run "$root/benchmarks/scenarios/w-psa.yaml" --threads 1 --no-report --quiet --out "$tmp/wpsa2"
timed "mkba run W (one run), all outputs" "$(echo "3000 * 120" | bc)" "$mkba" run "$root/benchmarks/scenarios/w.yaml" --threads 1 --quiet --out "$tmp/w"

echo
echo "| workload | M person-months per CPU-second | wall (s) | CPU (s) | peak RSS (MiB) | load |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
