# What the whole-process benchmarks share (sourced, not run): where the project and the binaries
# are, and a temporary folder removed at exit.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#   bench_setup "${1:-}" NAME      # sets root, here, bin (jixiao), full (jixiao-full), work
# BUILD_DIR defaults to build; the binaries must have been built (make build).

bench_setup() {
  here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
  root="$(dirname "$here")"
  local build="${1:-$root/build}"
  if [[ ! -x "$build/jixiao" || ! -x "$build/jixiao-full" ]]; then
    echo "$0: build $build first (make build)" >&2
    exit 2
  fi
  bin="$(realpath "$build/jixiao")"
  full="$(realpath "$build/jixiao-full")"
  work="$(mktemp -d "/tmp/jixiao-$2.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
}
