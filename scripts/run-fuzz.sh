#!/usr/bin/env bash
# Runs the libFuzzer targets built in BUILD_DIR for SECONDS each (every fuzz_* there, or only
# the TARGETs named), starting from the seeds in fuzz/corpus/<target>/ (copied to a scratch
# corpus so the committed seeds stay small). fuzz_render also starts from the package JSON
# fuzzer's corpus, since its inputs are packages. A dictionary fuzz/<target>.dict, when there,
# is passed with -dict.
#
#   scripts/run-fuzz.sh [BUILD_DIR [SECONDS [TARGET…]]]
#   e.g. scripts/run-fuzz.sh build-fuzz 600 fuzz_render
#
# Every run has a memory limit (FUZZ_RSS_MB for the process, default 2048; FUZZ_MALLOC_MB for
# one allocation, default 1024) and a time limit per input (FUZZ_TIMEOUT seconds, default 30),
# so that unbounded work is a finding rather than a stuck machine. LeakSanitizer uses
# tests/lsan.supp (fontconfig keeps its configuration for the life of the process).
# Prints each target's executions, seconds, corpus size and peak memory; exits non-zero when
# any target had a finding (its artifact is copied to fuzz/findings/).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
shift $(($# < 2 ? $# : 2))
root=$(cd "$(dirname "$0")/.." && pwd)
rss_mb=${FUZZ_RSS_MB:-2048}
malloc_mb=${FUZZ_MALLOC_MB:-1024}
timeout_s=${FUZZ_TIMEOUT:-30}
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Seed folders of a target: its own, and those of the targets whose inputs it shares.
seed_dirs() {
  local name=$1 dir
  local dirs=("$root/fuzz/corpus/$name")
  case $name in
    fuzz_render | fuzz_pdf) dirs+=("$root/fuzz/corpus/fuzz_package_json" "$root/fuzz/corpus/fuzz_check") ;;
  esac
  for dir in "${dirs[@]}"; do
    [ -d "$dir" ] && echo "$dir"
  done
  return 0
}

if [ $# -gt 0 ]; then
  fuzzers=()
  for name in "$@"; do fuzzers+=("$build/$name"); done
else
  fuzzers=("$build"/fuzz_*)
fi

status=0
for fuzzer in "${fuzzers[@]}"; do
  [ -x "$fuzzer" ] || { [ $# -gt 0 ] && echo "$fuzzer: not built" && status=1; continue; }
  name=$(basename "$fuzzer")
  mkdir -p "$scratch/$name"
  mapfile -t seeds < <(seed_dirs "$name")
  dict=()
  [ -f "$root/fuzz/$name.dict" ] && dict=(-dict="$root/fuzz/$name.dict")
  echo "== $name (${seconds}s, rss ≤ ${rss_mb} MB, one allocation ≤ ${malloc_mb} MB)"
  start=$(date +%s)
  if ! "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
      -rss_limit_mb="$rss_mb" -malloc_limit_mb="$malloc_mb" -timeout="$timeout_s" "${dict[@]}" \
      -artifact_prefix="$scratch/$name-" "$scratch/$name" "${seeds[@]}" \
      >"$scratch/$name.log" 2>&1; then
    tail -n 40 "$scratch/$name.log"
    mkdir -p "$root/fuzz/findings"
    cp "$scratch/$name"-* "$root/fuzz/findings/" 2>/dev/null || true
    echo "$name: FINDING (artifact copied to fuzz/findings/)"
    status=1
    continue
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$name.log" | sed "s/^/  /"
  echo "  seconds: $(($(date +%s) - start))"
  echo "  corpus: $(find "$scratch/$name" -type f | wc -l) new inputs;" \
    "$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$scratch/$name.log" | tail -n 1)"
done
exit $status
