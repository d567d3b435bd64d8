#!/usr/bin/env bash
# Compares the DOCX importer with python-docx on the same file, in one run:
#   bench/compare_docx.sh [BUILD_DIR] [FILE.docx]
# BUILD_DIR holds jixiao_bench (default build; configure with -DJIXIAO_BENCH=ON). FILE defaults
# to a report written by bench/make_docx_fixture.py. Prints seconds per file for each reader
# (ours: BM_ReadDocx, bytes in memory → FlatDocument; python-docx: bench/peer_docx.py, bytes in
# memory → every paragraph's and every cell's text; and, as a floor, opening and reading the
# paragraphs only) and how many times faster ours is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
file=${2:-}
py=/usr/bin/python3
if [ -z "$file" ]; then
  file=$(mktemp --suffix=.docx)
  trap 'rm -f "$file"' EXIT
  "$py" "$root/bench/make_docx_fixture.py" "$file"
fi
ours=$(JIXIAO_BENCH_DOCX="$file" JIXIAO_SOURCE_DIR="$root" "$build/jixiao_bench" \
         --benchmark_filter='^BM_ReadDocx(/|$)' --benchmark_format=json 2>/dev/null |
       "$py" -c 'import json, sys
b = [x for x in json.load(sys.stdin)["benchmarks"] if x["name"].split("/")[0] == "BM_ReadDocx"][0]
if b.get("error_occurred"): sys.exit(b["error_message"])
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
print("%.6f" % (b["real_time"] * scale))')
peer=$("$py" "$root/bench/peer_docx.py" "$file" 20)
floor=$("$py" "$root/bench/peer_docx.py" --open-only "$file" 20)
echo "file:         $file ($(stat -c %s "$file") bytes)"
echo "jixiao:       ${ours} s per file"
echo "python-docx:  ${peer} s per file (open, paragraphs and cells)"
echo "              ${floor} s per file (open and paragraphs only)"
"$py" -c "print('ratio:        python-docx / jixiao = %.1fx (%.1fx for open and paragraphs only)' % ($peer / $ours, $floor / $ours))"
