#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR for SECONDS each, starting from the seeds in
# fuzz/corpus/<target>/ (copied to a scratch corpus so the committed seeds stay small).
# Prints each target's executions; exits non-zero on the first finding.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for fuzzer in "$build"/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  mkdir -p "$scratch/$name"
  seeds="$root/fuzz/corpus/$name"
  echo "== $name (${seconds}s)"
  if ! "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$scratch/$name-" \
      "$scratch/$name" $( [ -d "$seeds" ] && echo "$seeds" ) >"$scratch/$name.log" 2>&1; then
    tail -n 40 "$scratch/$name.log"
    mkdir -p "$root/fuzz/findings"
    cp "$scratch/$name"-* "$root/fuzz/findings/" 2>/dev/null || true
    echo "$name: FINDING (artifact copied to fuzz/findings/)"
    status=1
    continue
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$name.log" | sed "s/^/  /"
done
exit $status
