#!/usr/bin/env bash
# The README's first steps are a test: every `./build/cli/mkba ...` line of the "First steps" block
# runs as written, from a folder that holds the shipped scenarios (like the root of a clone), and
# exits 0. To keep it fast under the sanitizers, runs that simulate (run, report, compare) get a
# small model: --persons 300 and --iterations 3 replace the README's numbers or are added; every
# other word of the command is the README's.
set -u
MKBA=$(realpath "$1")
SRC=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$SRC/scenarios" "$work/scenarios"
fail=0
n=0
mapfile -t lines < <(awk '/^## First steps/{f=1} f&&/^```sh/{b=1; next} f&&b&&/^```/{exit} f&&b' "$SRC/README.md")
for line in "${lines[@]}"; do
  cmd=${line%%#*}                      # without the comment
  cmd=$(echo "$cmd" | sed 's/[[:space:]]*$//')
  [[ $cmd == ./build/cli/mkba* ]] || { echo "FAIL: not an mkba command in First steps: $line"; fail=$((fail + 1)); continue; }
  read -r -a words <<<"${cmd#./build/cli/mkba}"
  sub=${words[0]:-}
  if [[ $sub == run || $sub == report || $sub == compare ]]; then
    small=()
    for ((i = 0; i < ${#words[@]}; i++)); do
      case ${words[i]} in
        --persons) small+=(--persons 300); i=$((i + 1)) ;;
        --iterations) small+=(--iterations 3); i=$((i + 1)) ;;
        *) small+=("${words[i]}") ;;
      esac
    done
    [[ " ${small[*]} " == *" --persons "* ]] || small+=(--persons 300)
    [[ " ${small[*]} " == *" --iterations "* ]] || small+=(--iterations 3)
    words=("${small[@]}")
  fi
  # A word with a wildcard expands as the shell would (e.g. out/series/*.csv), in the work folder.
  expanded=()
  for w in "${words[@]}"; do
    if [[ $w == *'*'* ]]; then
      mapfile -t matches < <(cd "$work" && compgen -G "$w" | sort)
      if [ ${#matches[@]} -gt 0 ]; then expanded+=("${matches[@]}"); else expanded+=("$w"); fi
    else
      expanded+=("$w")
    fi
  done
  words=("${expanded[@]}")
  (cd "$work" && "$MKBA" "${words[@]}" >"$work/stdout" 2>"$work/stderr")
  rc=$?
  n=$((n + 1))
  if [ $rc -ne 0 ]; then
    echo "FAIL: README step exits $rc: $line"
    echo "  ran: mkba ${words[*]}"
    sed 's/^/  /' "$work/stderr" | head -5
    fail=$((fail + 1))
  fi
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n first steps found in README.md"; fail=$((fail + 1)); }
# What the first step promises: the default scenario's results under out/default/.
[ -s "$work/out/default/summary.csv" ] || { echo "FAIL: out/default/summary.csv not written"; fail=$((fail + 1)); }
echo "readme: $n first steps run, $fail failed"
test $fail -eq 0
