#!/usr/bin/env bash
# Installs what mkba needs to build and test, from Debian packages only, and only what is missing.
# Non-interactive and idempotent; prints nothing when everything is already there.
# usage: setup.sh [--tests] [PACKAGE...]
set -euo pipefail

packages=(
  g++ cmake ninja-build git ca-certificates
  libeigen3-dev libboost-dev libyaml-cpp-dev catch2 libcli11-dev libfmt-dev librandom123-dev
  libxlsxwriter-dev
  nlohmann-json3-dev   # manifest.json written through a JSON library
  libjs-chart.js   # mkba dashboard inlines its chart.min.js into the page (offline, no CDN)
  libopenmpi-dev openmpi-bin
  python3
  clang libclang-rt-14-dev clang-tidy   # hardening: libFuzzer, clang-tidy (scripts/test.sh)
)
# --tests: also what only the tests need (scripts/test.sh passes it); the build and `mkba run` do
# not need these. Other arguments are extra package names.
test_packages=(
  chromium   # tests/report/render_check.py: headless render of rapport.html to PDF (ctest report.render)
  poppler-utils   # render_check.py reads the printed PDF back (pdftotext: page numbers, headings, conclusion)
  python3-openpyxl   # tests/report/check_report.py, xlsx_check.py, test_cli_ux.sh read bijlagen.xlsx back
)
for arg in "$@"; do
  case "$arg" in
    --tests) packages+=("${test_packages[@]}") ;;
    *) packages+=("$arg") ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
