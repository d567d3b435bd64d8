#!/usr/bin/env bash
# Benchmark of `jixiao review` on generated JSON packages (docs/performance.md): how many
# packages a second a bureau's review reads, checks, scores, ranks and writes out (the workbook
# and its CSV), measured as the whole command's wall-clock time from start to exit.
#
#   bash bench/review.sh [JIXIAO_BINARY]        # default: build/jixiao
#
# COUNT packages (10,000) are generated once into a temporary folder by
# bench/make_review_packages.py (seeded: the same packages every run; a quarter made
# inconsistent on purpose, a third of the units with two years), then reviewed with
# `review DIR -o summary.xlsx --sample 50 --seed 7`:
#   - with --jobs = the number of cores (`nproc`): the figure against the target;
#   - with --jobs 1: the figure of one core;
#   - the same two with COUNT copies of one identical package, to tell the cost of the variety
#     (branch prediction, caches) from the cost of the work;
#   - a peer, a floor rather than a rival: a python3 script that only opens and parses every
#     package and sums its self-assessed scores (no checks, no scoring, no output), on one core.
# The rows take turns, RUNS rounds (5); each row reports the median wall time, the packages per
# second it makes, review's own figure for its reading-and-checking phase (the files read,
# checked and scored on the threads; the ranking and the writing of the workbook and CSV come
# after it, on one thread), and the CPU time (user + system) per package. The load average is
# printed before and after: other work on the same cores lowers the figures.
#
# Settings (environment): COUNT (10000), RUNS (5), JOBS (nproc), SEED (20261205), DIRTY (0.25),
# PYTHON (/usr/bin/python3). The temporary folder is removed at the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
bin="$(realpath "${1:-$root/build/jixiao}")"
count="${COUNT:-10000}"
runs="${RUNS:-5}"
jobs="${JOBS:-$(nproc)}"
seed="${SEED:-20261205}"
dirty="${DIRTY:-0.25}"
python="${PYTHON:-/usr/bin/python3}"

[[ -x "$bin" ]] || { echo "$0: $bin is not an executable" >&2; exit 2; }
"$bin" review --help >/dev/null 2>&1 || { echo "$0: $bin has no review command" >&2; exit 2; }
[[ -x "$python" ]] || { echo "$0: $python is not installed" >&2; exit 2; }

work="$(mktemp -d /tmp/jixiao-review-bench.XXXXXX)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before="$(load)"

echo "generating $count packages …" >&2
"$python" "$here/make_review_packages.py" "$work/varied" --count "$count" --seed "$seed" \
  --dirty "$dirty"
# The same number of copies of one package (the first generated).
"$python" - "$work/varied" "$work/same" "$count" <<'PY'
import os, shutil, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dst)
first = os.path.join(src, sorted(os.listdir(src))[0])
for i in range(n):
    shutil.copyfile(first, os.path.join(dst, f"p{i:06d}.json"))
PY
bytes="$(du -sb "$work/varied" | cut -f1)"

# The floor: read and parse every package, sum the self-assessed scores (the leaves' and the
# execution rate's). One process, one core.
cat >"$work/floor.py" <<'PY'
import json, os, sys
from decimal import Decimal

def scores(indicators):
    for i in indicators:
        if i.get("children"):
            yield from scores(i["children"])
        elif i.get("score"):
            yield Decimal(i["score"])

total, n = Decimal(0), 0
for dirpath, _, names in os.walk(sys.argv[1]):
    for name in sorted(names):
        if name.endswith(".json"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                p = json.load(f)
            ev = p.get("evaluation", {})
            total += sum(scores(ev.get("indicators", [])), Decimal(0))
            if ev.get("funds", {}).get("score"):
                total += Decimal(ev["funds"]["score"])
            n += 1
print(n, total)
PY

review() {
  "$bin" review "$1" -o "$work/out/summary.xlsx" --sample 50 --seed 7 --jobs "$2" --lang en
}

# The rows: what each measures, and its command.
labels=(
  "review, --jobs $jobs, varied packages"
  "review, --jobs 1, varied packages"
  "review, --jobs $jobs, $count copies of one package"
  "review, --jobs 1, $count copies of one package"
  "peer (floor): python3 json.load of every package + sum of its scores, one core"
)
row() {
  case "$1" in
    0) review "$work/varied" "$jobs" ;;
    1) review "$work/varied" 1 ;;
    2) review "$work/same" "$jobs" ;;
    3) review "$work/same" 1 ;;
    4) "$python" "$work/floor.py" "$work/varied" ;;
  esac
}

# measure K: one timed run of row K, appended to $work/row.K as "wall user sys phase" (phase:
# review's own seconds, or -).
TIMEFORMAT='%R %U %S'
measure() {
  local k="$1" label="${labels[$1]}" t phase note=""
  { time row "$k" >"$work/out.txt" 2>"$work/err.txt"; } 2>"$work/time.txt" || {
    cat "$work/err.txt" >&2
    echo "$0: $label failed" >&2
    exit 1
  }
  t="$(tail -1 "$work/time.txt")"
  # "Reviewed 10000 files (0 unreadable) in 2.54 s (3944 a second, 2 threads); wrote …"
  phase="$(sed -n 's/^Reviewed [0-9]* files ([0-9]* unreadable) in \([0-9.]*\) s.*/\1/p' "$work/out.txt")"
  if [[ "$label" == review* ]] && ! grep -q "^Reviewed $count files (0 unreadable)" "$work/out.txt"; then
    cat "$work/out.txt" >&2
    echo "$0: $label did not review $count readable files" >&2
    exit 1
  fi
  echo "$t ${phase:--}" >>"$work/row.$k"
  [[ -n "$phase" ]] && note=", review's own phase $phase s"
  echo "  $label: wall/user/sys $t s$note" >&2
}

# A first run, not measured: the files into the page cache, the binary loaded.
review "$work/varied" "$jobs" >/dev/null
# What the generated packages hold, as review sees them.
"$python" - "$work/out/summary.csv" <<'PY' >&2
import csv, collections, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
signals = collections.Counter()
names = {"errors found by check": "check_errors", "inconsistencies found by check":
         "check_inconsistencies", "indicator score rate above": "score_above_execution",
         "execution rate low": "execution_low", "execution rate above": "execution_high",
         "budget adjusted much": "budget_adjusted", "unusual change from last year": "year_jump",
         "qualitative full marks": "unevidenced_full_marks", "report dated after": "late"}
for r in rows:
    for text, key in names.items():
        if text in r["signals"]:
            signals[key] += 1
risky = sum(1 for r in rows if r["risk"] not in ("", "0"))
print(f"{len(rows)} packages, {risky} with a risk above 0; packages showing each signal: "
      + ", ".join(f"{k} {v}" for k, v in signals.most_common()))
PY

# The rows take turns, round after round, so that a spell of other work on the machine falls
# on all of them rather than on one.
for ((i = 1; i <= runs; i++)); do
  echo "round $i of $runs" >&2
  for k in "${!labels[@]}"; do measure "$k"; done
done
load_after="$(load)"

results="$work/results.tsv"
for k in "${!labels[@]}"; do
  {
    printf '%s' "${labels[$k]}"
    while read -r run; do printf '\t%s' "$run"; done <"$work/row.$k"
    echo
  } >>"$results"
done

echo
echo "jixiao review on $count generated packages ($((bytes / count)) bytes each on average)," \
  "$(nproc) cores, load average $load_before before and $load_after after," \
  "$(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs a row, medians"
"$python" - "$results" "$count" <<'PY'
import statistics, sys
count = int(sys.argv[2])
head = ["what", "wall s", "packages/s", "review's phase s (packages/s)", "CPU µs/package",
        "runs (wall s)"]
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    label, *runs = line.rstrip("\n").split("\t")
    runs = [r.split() for r in runs]
    wall = statistics.median(float(r[0]) for r in runs)
    cpu = statistics.median(float(r[1]) + float(r[2]) for r in runs)
    phases = [float(r[3]) for r in runs if r[3] != "-"]
    phase = statistics.median(phases) if phases else None
    rows.append([label, f"{wall:.2f}", f"{count / wall:,.0f}",
                 f"{phase:.2f} ({count / phase:,.0f})" if phase else "—",
                 f"{cpu / count * 1e6:,.0f}", " / ".join(r[0] for r in runs)])
widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
def line(cells): return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows: print(line(r))
PY
