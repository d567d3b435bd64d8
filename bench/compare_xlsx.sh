#!/usr/bin/env bash
# Times ReadXlsx (bench/xlsx_read_bench.cc, BM_ReadXlsx) and openpyxl (bench/peer_xlsx.py) on
# the same workbook and prints both and the ratio.
#   bench/compare_xlsx.sh [FILE.xlsx]
# FILE defaults to $JIXIAO_BENCH_XLSX, else /tmp/jixiao-bench.xlsx, generated with openpyxl
# when absent. BUILD names the build directory with jixiao_bench (default build); RUNS the
# openpyxl repetitions (default 5; the best is kept).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
file=${1:-${JIXIAO_BENCH_XLSX:-/tmp/jixiao-bench.xlsx}}
runs=${RUNS:-5}
if [ ! -f "$file" ]; then
  /usr/bin/python3 "$root/tests/fixtures/xlsx/make_fixtures.py" bench "$file"
fi
if [ ! -x "$build/jixiao_bench" ]; then
  echo "no $build/jixiao_bench: configure with -DJIXIAO_BENCH=ON and build, or set BUILD" >&2
  exit 1
fi
ours=$(JIXIAO_BENCH_XLSX="$file" "$build/jixiao_bench" --benchmark_filter='^BM_ReadXlsx(/|$)' \
         --benchmark_format=json 2>/dev/null |
       /usr/bin/python3 -c '
import json, sys
b = json.load(sys.stdin)["benchmarks"][0]
if b.get("error_occurred"):
    sys.exit("BM_ReadXlsx: " + b.get("error_message", "failed"))
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
print("%.6f %d" % (b["real_time"] * scale, b["cells"]))')
read -r our_seconds our_cells <<<"$ours"
peer=$(/usr/bin/python3 "$root/bench/peer_xlsx.py" "$file" "$runs")
value() { sed -n "s/^$1=//p" <<<"$peer"; }
py_seconds=$(value openpyxl_seconds)
py_ro_seconds=$(value openpyxl_read_only_seconds)
/usr/bin/python3 - "$file" "$our_seconds" "$our_cells" "$py_seconds" "$py_ro_seconds" \
  "$(value cells)" <<'PY'
import os, sys
path, ours, our_cells, py, py_ro, py_cells = sys.argv[1:]
ours, py, py_ro = float(ours), float(py), float(py_ro)
print("file: %s (%d bytes)" % (path, os.path.getsize(path)))
print("jixiao ReadXlsx:            %8.2f ms per file (%s grid cells)" % (ours * 1e3, our_cells))
print("openpyxl load_workbook:     %8.2f ms per file (%s values)" % (py * 1e3, py_cells))
print("openpyxl read_only=True:    %8.2f ms per file" % (py_ro * 1e3))
print("ratio openpyxl / jixiao:    %8.1fx (read_only: %.1fx)" % (py / ours, py_ro / ours))
PY
