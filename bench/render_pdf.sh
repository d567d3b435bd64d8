#!/usr/bin/env bash
# PDF pages per second: `jixiao render --to pdf` on the bundled example, RUNS times (each run
# starts LibreOffice in a fresh private profile, as every render does), pages counted by pdfinfo.
# Usage: bench/render_pdf.sh [build/jixiao] [RUNS]
set -euo pipefail
jixiao=${1:-build/jixiao}
runs=${2:-3}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
for ((i = 0; i < runs; i++)); do
  "$jixiao" render examples/lingling-kexie-2024.json --to pdf -o "$work" >/dev/null
done
end=$(date +%s.%N)
pages=$(pdfinfo "$work/lingling-kexie-2024.pdf" | sed -n 's/^Pages: *//p')
awk -v s="$start" -v e="$end" -v n="$runs" -v p="$pages" 'BEGIN {
  t = (e - s) / n
  printf "PDF: %d pages in %.2f s per render (LibreOffice start included): %.2f pages/s\n", p, t, p / t
}'
