#!/usr/bin/env bash
# `mkba dashboard` at the scale of issue 18: a caseload of PERSONS (default 400,000) over 8
# screenings 6 months apart, with synthetic pathway episodes. Measures, never asserts (a test with a
# wall-clock limit is flaky on a shared machine):
#   - time and peak memory of `mkba dashboard` (GNU time: /usr/bin/time -v), without and with
#     --episodes;
#   - the page's size;
#   - the page in Debian's headless chromium: the wall time of `chromium --dump-dom` (the browser's
#     start included) and the page's own time from navigation start to the first complete draw
#     (`data-ready-ms`, set by the page's script).
#   bash benchmarks/dashboard_load.sh [BUILD_DIR] [PERSONS] [HISTORY_MONTHS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
persons=${2:-400000}
history=${3:-60}
mkba=$build/cli/mkba
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== $(date -u '+%F %T UTC')  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  $(git -C "$root" rev-parse --short HEAD)"

gnu_time() {  # label, command...: prints wall seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -v "$@" >"$work/stdout" 2>"$work/time" || { cat "$work/time"; exit 1; }
  printf '   %-44s wall %s  CPU %s s  peak RSS %s MB\n' "$label" \
    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")" \
    "$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time")" \
    "$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time") / 1024 ))"
}

gnu_time "synth --series 8 --persons $persons" "$mkba" synth --series 8 --persons "$persons" --seed 1 --out "$work/series"
extracts=("$work"/series/*.csv)
last=${extracts[${#extracts[@]}-1]}
peil=$(tail -n +2 "$last" | cut -d, -f4 | sort | tail -1)  # its peildatum: the latest screening
gnu_time "synth-episodes (last extract, $history months)" "$mkba" synth-episodes --screening "$last" \
  --scenario "$root/scenarios/data/true-rates-synthetic.yaml" --peildatum "$peil" --history "$history" --out "$work/episodes.csv"
echo "   episodes: $(( $(wc -l <"$work/episodes.csv") - 1 )) rows"

gnu_time "dashboard (8 extracts)" "$mkba" dashboard "${extracts[@]}" --out "$work/d1"
gnu_time "dashboard (8 extracts, --episodes)" "$mkba" dashboard "${extracts[@]}" --episodes "$work/episodes.csv" --out "$work/d2"
echo "   page: $(( $(stat -c %s "$work/d2/dashboard.html") / 1024 )) kB (with episodes), $(( $(stat -c %s "$work/d1/dashboard.html") / 1024 )) kB (without)"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "   chromium not installed: page render not measured (scripts/setup.sh --tests)"
  exit 0
fi
for page in d1 d2; do
  for _ in 1 2 3; do
    profile=$(mktemp -d -p "$work")
    start=$(date +%s%N)
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --disable-extensions --disable-dev-shm-usage \
      --user-data-dir="$profile" --dump-dom "file://$work/$page/dashboard.html" >"$work/dom" 2>/dev/null
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    ready=$(grep -o 'data-ready-ms="[0-9]*"' "$work/dom" | grep -o '[0-9]*' || echo '?')
    printf '   %-44s chromium wall %s ms, page ready after %s ms\n' "render $page" "$wall" "$ready"
  done
done
