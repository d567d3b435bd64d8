#!/usr/bin/env bash
# Compares rendering the worked example to Word with python3-docxtpl filling an equivalent
# template, in one run:
#   bench/compare_render_docx.sh [BUILD_DIR] [N]
# BUILD_DIR holds jixiao_bench (default build). jixiao: BM_RenderDocx (ComposeDocument +
# WriteDocx of the prepared example, its charts native chart parts), which also writes the
# content it renders and the charts drawn as PNGs for the peer; docxtpl:
# bench/peer_render_docx.py, which builds the template once (untimed) and times N renders
# (default 20) of the same content, inserting those PNGs as pictures (it draws nothing), from
# template bytes to document bytes. Prints seconds per document (wall and CPU), the ratios, and
# for reference WriteDocx alone and the whole job (prepare, compose, write). Then both as whole
# processes (below).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
n=${2:-20}
py=/usr/bin/python3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
JIXIAO_BENCH_RENDER_DIR="$dir" JIXIAO_SOURCE_DIR="$root" "$build/jixiao_bench" \
  --benchmark_filter='^BM_(RenderDocx|WriteDocx|RenderDocxFull)(/|$)' \
  --benchmark_format=json >"$dir/ours.json" 2>/dev/null
read -r ours ours_cpu write full < <("$py" -c 'import json, sys
bs = {b["name"].split("/")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
def sec(name, key="real_time"):
    b = bs[name]
    if b.get("error_occurred"): sys.exit(b["error_message"])
    return b[key] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
print("%.6f %.6f %.6f %.6f" % (sec("BM_RenderDocx"), sec("BM_RenderDocx", "cpu_time"),
                               sec("BM_WriteDocx"), sec("BM_RenderDocxFull")))' \
  "$dir/ours.json")
read -r peer peer_cpu < <("$py" "$root/bench/peer_render_docx.py" "$dir" "$n")
echo "jixiao:   ${ours} s per document, ${ours_cpu} s CPU (ComposeDocument + WriteDocx)"
echo "          ${write} s WriteDocx alone; ${full} s prepare + compose + write"
echo "docxtpl:  ${peer} s per document, ${peer_cpu} s CPU (DocxTemplate + render + save)"
"$py" -c "print('ratio:    docxtpl / jixiao = %.1fx (CPU time: %.1fx)' % ($peer / $ours, $peer_cpu / $ours_cpu))"

# Whole processes, RUNS pairs (7) taking turns: `jixiao render` of the example to DOCX (load,
# check, prepare, compose, choose the fonts, write the native charts and the document; the light
# binary does it without handing over to jixiao-full) against python3 starting, loading the
# template and the content, rendering and saving with the charts' pictures drawn beforehand
# (peer_render_docx.py --once); the ratio is the median of the pairs' ratios.
runs=${RUNS:-7}
example="$root/examples/lingling-kexie-2024-corrected.json"
full="$build/jixiao"
: >"$dir/pairs"
for ((i = 0; i < runs; i++)); do
  a0=$EPOCHREALTIME
  "$full" render "$example" --to docx -o "$dir/whole" --lang en >/dev/null
  a1=$EPOCHREALTIME
  "$py" "$root/bench/peer_render_docx.py" --once "$dir"
  b1=$EPOCHREALTIME
  echo "$((${a1/./} - ${a0/./})) $((${b1/./} - ${a1/./}))" >>"$dir/pairs"
done
"$py" - "$dir/pairs" <<'PY'
import statistics, sys
pairs = [tuple(map(int, line.split())) for line in open(sys.argv[1])]
ours = statistics.median(a for a, _ in pairs) / 1e6
peer = statistics.median(b for _, b in pairs) / 1e6
ratio = statistics.median(b / a for a, b in pairs)
print("whole processes (%d pairs, medians): jixiao render --to docx %.4f s, docxtpl %.4f s; "
      "docxtpl / jixiao = %.1fx" % (len(pairs), ours, peer, ratio))
PY