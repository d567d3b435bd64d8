#!/usr/bin/env bash
# Times ReadXlsx (bench/xlsx_read_bench.cc, BM_ReadXlsx) and openpyxl (bench/peer_xlsx.py) on
# the same workbook and prints both, wall-clock and CPU, and the ratios. On a busy machine the
# CPU figures are the ones to compare.
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
print("%.6f %.6f %d" % (b["real_time"] * scale, b["cpu_time"] * scale, b["cells"]))')
read -r our_wall our_cpu our_cells <<<"$ours"
peer=$(/usr/bin/python3 "$root/bench/peer_xlsx.py" "$file" "$runs")
value() { sed -n "s/^$1=//p" <<<"$peer"; }
/usr/bin/python3 - "$file" "$our_wall" "$our_cpu" "$our_cells" "$(value cells)" \
  "$(value openpyxl_seconds)" "$(value openpyxl_cpu_seconds)" \
  "$(value openpyxl_read_only_seconds)" "$(value openpyxl_read_only_cpu_seconds)" <<'PY'
import os, sys
path = sys.argv[1]
ours, ours_cpu = float(sys.argv[2]), float(sys.argv[3])
our_cells, py_cells = sys.argv[4], sys.argv[5]
py, py_cpu, ro, ro_cpu = (float(x) for x in sys.argv[6:10])
print("file: %s (%d bytes)" % (path, os.path.getsize(path)))
print("                            wall ms    CPU ms")
print("jixiao ReadXlsx           %9.1f %9.1f   (%s grid cells)" % (ours * 1e3, ours_cpu * 1e3,
                                                                  our_cells))
print("openpyxl load_workbook    %9.1f %9.1f   (%s values)" % (py * 1e3, py_cpu * 1e3, py_cells))
print("openpyxl read_only=True   %9.1f %9.1f" % (ro * 1e3, ro_cpu * 1e3))
print("ratio openpyxl / jixiao   %8.1fx %8.1fx" % (py / ours, py_cpu / ours_cpu))
print("ratio read_only / jixiao  %8.1fx %8.1fx" % (ro / ours, ro_cpu / ours_cpu))
PY
