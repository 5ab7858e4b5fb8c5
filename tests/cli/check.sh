# Sourced by the CLI test scripts: a temporary work folder removed on exit, and `check NAME
# CONDITION...`, which counts passes and prints each failure (the script ends with
# `test $fail -eq 0`).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
pass=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name"; fail=$((fail + 1)); fi
}
