#!/usr/bin/env bash
# `jixiao check` over many package files as one whole process (docs/performance.md): files read,
# parsed, checked and every diagnostic printed, with the summary line.
#
#   bash bench/check_batch.sh [BUILD_DIR]        # default: build
#
# COUNT packages (10,000) are generated once by bench/make_review_packages.py (the packages of
# bench/review.sh: a quarter made inconsistent, 24 KB each), then checked with
# `jixiao check FILES… --format brief` (one line per diagnostic, written to a file) with --jobs =
# the number of cores and with --jobs 1, the rows taking turns, RUNS rounds (5), after the files
# are synced to disk and read once by an untimed run of each row. Each row gives the median wall
# time, the packages per second it makes and the CPU time per package.
# Settings (environment): COUNT (10000), RUNS (5), SEED (20261205), PYTHON (/usr/bin/python3).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_setup "${1:-}" check-batch
count="${COUNT:-10000}"
runs="${RUNS:-5}"
seed="${SEED:-20261205}"
python="${PYTHON:-/usr/bin/python3}"
jobs="$(nproc)"
echo "generating $count packages …" >&2
"$python" "$here/make_review_packages.py" "$work/p" --count "$count" --seed "$seed" >/dev/null
mapfile -t files < <(find "$work/p" -name '*.json' | sort)
# The 240 MB just written go to disk now, not while the rows are timed (the kernel's writeback
# of them took CPU from the first runs), and one run of each row, not timed, reads them all
# once: every timed run finds the files in the page cache.
sync -f "$work/p"
for j in "$jobs" 1; do
  "$bin" check "${files[@]}" --jobs "$j" --format brief --lang en >/dev/null 2>&1 || true
done

TIMEFORMAT='%R %U %S'
for ((r = 1; r <= runs; r++)); do
  for j in "$jobs" 1; do
    { time "$bin" check "${files[@]}" --jobs "$j" --format brief --lang en >"$work/out.txt" \
        2>"$work/err.txt" || [[ $? -eq 1 ]]; } 2>>"$work/t.$j"
  done
done
echo "$(tail -1 "$work/out.txt")" >&2

echo "jixiao check over ${#files[@]} packages, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs a row, medians"
echo "| what | wall s | packages/s | CPU µs/package | runs (wall s) |"
echo "|---|---|---|---|---|"
for j in "$jobs" 1; do
  sort -n "$work/t.$j" | awk -v n="${#files[@]}" -v j="$j" '
    { w[NR] = $1; c[NR] = $2 + $3; all = all (NR > 1 ? " / " : "") $1 }
    END {
      m = int((NR + 1) / 2)
      printf "| `check --jobs %d --format brief` | %.2f | %d | %.0f | %s |\n", j, w[m], n / w[m], c[m] / n * 1e6, all
    }'
done
