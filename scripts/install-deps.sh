#!/usr/bin/env bash
# Installs the Debian packages jixiao needs to build, test, benchmark and fuzz.
# Idempotent: when everything is present it only checks (no apt-get update, no network).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  g++ clang-14 libfuzzer-14-dev libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libsimdjson-dev libtomlplusplus-dev libfmt-dev libcli11-dev libicu-dev
  libpugixml-dev libzip-dev zlib1g-dev libxlsxwriter-dev
  # Rendering: charts (cairo + pango draw SVG and PNG, libspng encodes the PNG) and glyph
  # coverage (fontconfig)
  libcairo2-dev libpango1.0-dev libspng-dev libfontconfig-dev
  # The server: SQLite and PostgreSQL (client library, and the server the tests start), HTTP,
  # argon2id passwords, random tokens, SHA-256 (libcrypto); wrk for `make bench-server`
  libsqlite3-dev libpq-dev postgresql libcpp-httplib-dev libargon2-dev libsodium-dev libssl-dev wrk
  # The allocators: jemalloc for jixiao-full (the server), mimalloc for jixiao (check, import)
  libjemalloc-dev libmimalloc-dev
  # Independent software that makes, reads and renders documents in tests (LibreOffice,
  # poppler, python-docx/openpyxl/docxtpl, Chromium for the HTML page)
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk chromium
  python3 python3-docx python3-openpyxl python3-docxtpl
  # validates the open data against the Fiscal Data Package profile (npm's datapackage)
  python3-jsonschema
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  apt_updated=1
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests (tests/web/): node, npm and playwright-core from the committed
# package-lock.json, with npm's datapackage for the Fiscal Data Package profile the open data is
# validated against (tests/open_data_validate.py). Any node that comes with npm will do (a NodeSource nodejs includes it);
# only without npm are Debian's nodejs and npm installed. playwright-core downloads no browser:
# the tests drive Debian's /usr/bin/chromium.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: installing nodejs npm"
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq; fi
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -f "$root/node_modules/playwright-core/package.json" ] ||
  [ ! -f "$root/node_modules/datapackage/lib/profiles/fiscal-data-package.json" ]; then
  echo "install-deps: npm ci (playwright-core, datapackage)"
  (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
