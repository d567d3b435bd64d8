#!/usr/bin/env bash
# Renders the bundled example to PDF and keeps PNGs of five pages under docs/screenshots/: the
# cover, the first page of the report, the 基础数据表, the 自评表 and the 自评表's page with the
# 总分 and 等级 (pages found by their text,
# rendered by poppler's pdftoppm). Usage: scripts/screenshots.sh [build/jixiao] [DPI]
set -euo pipefail
jixiao=${1:-build/jixiao}
dpi=${2:-70}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$jixiao" render examples/lingling-kexie-2024.json --to pdf -o "$work" >/dev/null
pdf="$work/lingling-kexie-2024.pdf"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
# First page (after the cover) whose text holds the marker.
find_page() {
  local marker=$1 p
  for ((p = 2; p <= pages; p++)); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -q "$marker"; then
      echo "$p"
      return
    fi
  done
  echo "screenshots: no page holds $marker" >&2
  exit 1
}
mkdir -p docs/screenshots
shot() {
  pdftoppm -r "$dpi" -png -singlefile -f "$2" -l "$2" "$pdf" "docs/screenshots/$1"
  echo "docs/screenshots/$1.png: page $2 of $pages"
}
shot cover 1
shot report "$(find_page 一、)"
shot basic-data "$(find_page 基础数据表)"
shot evaluation "$(find_page 绩效指标)"
shot evaluation-total "$(find_page 总分)"
