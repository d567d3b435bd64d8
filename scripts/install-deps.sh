#!/usr/bin/env bash
# Installs the Debian packages jixiao needs to build, test, benchmark and fuzz.
# Idempotent: when everything is present it only checks (no apt-get update, no network).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  g++ clang-14 libfuzzer-14-dev libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libcli11-dev libicu-dev
  libpugixml-dev libzip-dev libxlsxwriter-dev
  # Rendering: charts (cairo + pango draw SVG and PNG) and glyph coverage (fontconfig)
  libcairo2-dev libpango1.0-dev libfontconfig-dev
  # Independent software that makes, reads and renders documents in tests (LibreOffice,
  # poppler, python-docx/openpyxl/docxtpl, Chromium for the HTML page)
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk chromium
  python3 python3-docx python3-openpyxl python3-docxtpl
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
