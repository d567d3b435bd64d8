#!/usr/bin/env bash
# Renders the bundled example to PDF and keeps PNGs of five pages under docs/screenshots/: the
# cover, the first page of the report, the 基础数据表, the 自评表 and the 自评表's page with the
# 总分 and 等级 (pages found by their text, rendered by poppler's pdftoppm). Then, for every
# bundled form, the example in that form through both PDF engines, side by side as pairs:
# pdf-<form>-<page>-jixiao.png (the native writer) and pdf-<form>-<page>-libreoffice.png (our
# DOCX converted by LibreOffice; skipped where LibreOffice is absent), for the 基础数据表 and the
# first and last pages of the 自评表 (at 50 dpi).
# Usage: scripts/screenshots.sh [build/jixiao] [DPI]
set -euo pipefail
jixiao=${1:-build/jixiao}
dpi=${2:-70}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$jixiao" render examples/lingling-kexie-2024.json --to pdf -o "$work" >/dev/null
pdf="$work/lingling-kexie-2024.pdf"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
# The pages whose text holds the marker, first to last.
pages_with() {
  local marker=$1 pdf=${2:-$pdf} p n
  n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  for ((p = 1; p <= n; p++)); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -q "$marker"; then echo "$p"; fi
  done
}
# The first (or, with `last` as third word, the last) such page; the script stops when none is.
find_page() {
  local found
  found=$(pages_with "$1" "${2:-$pdf}")
  if [[ -z $found ]]; then
    echo "screenshots: no page of ${2:-$pdf} holds $1" >&2
    exit 1
  fi
  if [[ ${3:-first} == last ]]; then echo "$found" | tail -n 1; else echo "$found" | head -n 1; fi
}
mkdir -p docs/screenshots
shot() {
  local pdf=${3:-$pdf} r=${4:-$dpi}
  pdftoppm -r "$r" -png -singlefile -f "$2" -l "$2" "$pdf" "docs/screenshots/$1"
  echo "docs/screenshots/$1.png: page $2 of $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"
}
shot cover "$(find_page 单位名称：)"
shot report "$(find_page 一、基本情况)"
shot basic-data "$(find_page 基础数据表)"
shot evaluation "$(find_page 年度资金总额)"
shot evaluation-total "$(find_page 总分)"

engines=(native)
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 && engines+=(libreoffice)
for form in $(ls forms | sed -n 's/\.toml$//p'); do
  for engine in "${engines[@]}"; do
    out="$work/$form-$engine"
    "$jixiao" render examples/lingling-kexie-2024.json --form "$form" --to pdf \
      --pdf-engine "$engine" -o "$out" >/dev/null
    f="$out/lingling-kexie-2024.pdf"
    name=jixiao
    [[ $engine == libreoffice ]] && name=libreoffice
    shot "pdf-$form-basic-data-$name" "$(find_page 基础数据表 "$f")" "$f" 50
    shot "pdf-$form-evaluation-$name" "$(find_page 年度资金总额 "$f")" "$f" 50
    shot "pdf-$form-evaluation-end-$name" "$(find_page 总分 "$f" last)" "$f" 50
  done
done
