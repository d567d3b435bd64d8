#!/usr/bin/env bash
# Importing documents as whole processes, jixiao against its Python peers, and how the import
# grows with its input (docs/performance.md):
#
#   bash bench/compare_import.sh [BUILD_DIR]        # default: build
#
# Part 1, peers. Each row times, RUNS times (7), a pair of whole processes on the same file
# taking turns: `jixiao import FILE -o package.json` (read, recognise, write the package JSON)
# and a python3 process reading the same file with its library and nothing more (python-docx
# reading every paragraph and every table cell through the table's XML, bench/peer_docx.py
# --once; openpyxl reading every cell, bench/peer_xlsx.py --once, with read_only=True as the
# floor). The ratio is the peer's time ÷ jixiao's, the median of the pairs' ratios. Files:
#   - the example: examples/lingling-kexie-2024.json rendered to DOCX and to XLSX by jixiao;
#   - a report of about 200 pages (bench/make_docx_fixture.py OUT 20: 2,001 paragraphs, 40
#     tables of 40 × 6 with merges);
#   - a workbook of 3 sheets × 2,001 rows × 10 columns, 60,000 cells
#     (tests/fixtures/xlsx/make_fixtures.py bench).
# The peers do less than jixiao (no recognition of the tables, no package written): a floor.
#
# Part 2, growth. jixiao import (whole process, median of RUNS) on 1×, 10× and 100× of a DOCX
# (the 10-page report repeated 1, 10, 100 times), of an XLSX (3 sheets of 190, 1,900 and 19,000
# rows), with the time of each step ×10 and what it makes per doubling (ratio^(log 2 / log 10)):
# linear growth is 2.0 per doubling.
#
# Settings (environment): RUNS (7), PYTHON (/usr/bin/python3). Temporary files are removed.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_setup "${1:-}" import-bench
runs="${RUNS:-7}"
python="${PYTHON:-/usr/bin/python3}"

echo "making the files …" >&2
"$full" render "$root/examples/lingling-kexie-2024.json" --to docx,xlsx -o "$work" --lang en \
  >/dev/null
mv "$work/lingling-kexie-2024.docx" "$work/example.docx"
mv "$work/lingling-kexie-2024.xlsx" "$work/example.xlsx"
"$python" "$here/make_docx_fixture.py" "$work/report-200p.docx" 20
"$python" "$root/tests/fixtures/xlsx/make_fixtures.py" bench "$work/cells-60k.xlsx"
for k in 1 10 100; do
  "$python" "$here/make_docx_fixture.py" "$work/grow-docx-$k.docx" "$k"
  "$python" "$root/tests/fixtures/xlsx/make_fixtures.py" bench "$work/grow-xlsx-$k.xlsx" \
    "$((190 * k))"
done

# seconds COMMAND…: the wall-clock seconds of one run (output discarded; a failure stops all).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; echo "$0: failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$end" -v b="$start" 'BEGIN { printf "%.6f\n", a - b }'
}
ours() { "$bin" import "$1" -o "$work/out.json" --lang en; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo
echo "Part 1: whole processes, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'); $runs pairs a row, medians"
echo "| file | jixiao import s | peer | peer s | peer ÷ jixiao (median of pairs) |"
echo "|---|---|---|---|---|"
peer_row() {  # FILE LABEL PEER_LABEL PEER_COMMAND…
  local file="$1" label="$2" peer_label="$3"
  shift 3
  : >"$work/a"; : >"$work/b"; : >"$work/r"
  ours "$file" >/dev/null 2>&1 && "$@" >/dev/null 2>&1  # warm the page cache
  for ((i = 0; i < runs; i++)); do
    a=$(seconds ours "$file")
    b=$(seconds "$@")
    echo "$a" >>"$work/a"; echo "$b" >>"$work/b"
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.6f\n", b / a }' >>"$work/r"
  done
  printf '| %s | %.4f | %s | %.4f | **%.1f×** |\n' "$label" "$(median <"$work/a")" "$peer_label" \
    "$(median <"$work/b")" "$(median <"$work/r")"
}
peer_row "$work/example.docx" "the example as DOCX ($(stat -c %s "$work/example.docx") bytes)" \
  "python-docx" "$python" "$here/peer_docx.py" --once "$work/example.docx"
peer_row "$work/report-200p.docx" "a 200-page report ($(stat -c %s "$work/report-200p.docx") bytes)" \
  "python-docx" "$python" "$here/peer_docx.py" --once "$work/report-200p.docx"
peer_row "$work/example.xlsx" "the example as XLSX ($(stat -c %s "$work/example.xlsx") bytes)" \
  "openpyxl" "$python" "$here/peer_xlsx.py" --once "$work/example.xlsx"
peer_row "$work/example.xlsx" "the example as XLSX" \
  "openpyxl read_only" "$python" "$here/peer_xlsx.py" --once --read-only "$work/example.xlsx"
peer_row "$work/cells-60k.xlsx" "60,000 cells ($(stat -c %s "$work/cells-60k.xlsx") bytes)" \
  "openpyxl" "$python" "$here/peer_xlsx.py" --once "$work/cells-60k.xlsx"
peer_row "$work/cells-60k.xlsx" "60,000 cells" \
  "openpyxl read_only" "$python" "$here/peer_xlsx.py" --once --read-only "$work/cells-60k.xlsx"

echo
echo "Part 2: growth of jixiao import (whole process), median of $runs"
echo "| input | 1× | 10× | 100× | ×10 → | ×100 → | per doubling |"
echo "|---|---|---|---|---|---|---|"
grow_row() {  # LABEL PREFIX
  local label="$1" prefix="$2" t=()
  for k in 1 10 100; do
    : >"$work/g"
    for ((i = 0; i < runs; i++)); do seconds ours "$work/$prefix-$k.${prefix#grow-}" >>"$work/g"; done
    t+=("$(median <"$work/g")")
  done
  "$python" - "$label" "${t[@]}" <<'PY'
import math, sys
label, a, b, c = sys.argv[1], *map(float, sys.argv[2:])
per_doubling = (c / b) ** (math.log(2) / math.log(10))
print("| %s | %.3f s | %.3f s | %.3f s | %.1f× | %.1f× | %.2f× |" % (label, a, b, c, b / a, c / a, per_doubling))
PY
}
grow_row "DOCX: the 10-page report × 1, 10, 100" grow-docx
grow_row "XLSX: 3 sheets × 190, 1,900, 19,000 rows × 10 columns" grow-xlsx
