#!/usr/bin/env bash
# Cold start of the commands that do not render (docs/performance.md): the wall-clock time of
# whole processes, start to exit, against /bin/true on the same machine in the same run.
#
#   bash bench/cold_start.sh [BUILD_DIR]        # default: build
#
# Rows (each RUNS times, 200, the rows taking turns so that a busy moment touches them all;
# the median and the 10th percentile of each, in milliseconds):
#   /bin/true; jixiao --version; jixiao check / score / import (to a file) of the worked example
#   (examples/lingling-kexie-2024-corrected.json); jixiao import of the example as DOCX (the
#   first DOCX read opens libzip); and jixiao-full check, the same check in the binary that holds
#   every command (what `jixiao` was before it was split).
# Settings (environment): RUNS (200).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_setup "${1:-}" cold-start
runs="${RUNS:-200}"
example="$root/examples/lingling-kexie-2024-corrected.json"
"$full" render "$example" --to docx -o "$work" --lang en >/dev/null
docx="$work/lingling-kexie-2024-corrected.docx"

labels=("/bin/true" "jixiao --version" "jixiao check (the example)" "jixiao score (the example)"
        "jixiao import (the example's JSON, written to a file)"
        "jixiao import (the example as DOCX, written to a file)"
        "jixiao-full check (the example)")
row() {
  case "$1" in
    0) /bin/true ;;
    1) "$bin" --version ;;
    2) "$bin" check "$example" ;;
    3) "$bin" score "$example" ;;
    4) "$bin" import "$example" -o "$work/out.json" ;;
    5) "$bin" import "$docx" -o "$work/out.json" ;;
    6) "$full" check "$example" ;;
  esac
}

for k in "${!labels[@]}"; do row "$k" >/dev/null 2>&1 || true; : >"$work/t.$k"; done  # warm up
for ((i = 0; i < runs; i++)); do
  for k in "${!labels[@]}"; do
    start=$EPOCHREALTIME  # bash's clock: no process started to read it
    row "$k" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    echo $((${end/./} - ${start/./})) >>"$work/t.$k"  # microseconds
  done
done

echo "cold start, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs a row, taking turns"
echo "| command | median ms | 10th percentile ms | median − /bin/true ms |"
echo "|---|---|---|---|"
base=""
for k in "${!labels[@]}"; do
  read -r median p10 < <(sort -n "$work/t.$k" | awk '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
    p = a[int(NR / 10) + 1]
    printf "%.2f %.2f\n", m / 1000, p / 1000 }')
  [[ -z "$base" ]] && base="$median"
  printf '| `%s` | %s | %s | %s |\n' "${labels[$k]}" "$median" "$p10" \
    "$(awk -v a="$median" -v b="$base" 'BEGIN { printf "%.2f", a - b }')"
done
