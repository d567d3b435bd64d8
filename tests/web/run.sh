#!/usr/bin/env bash
# The browser tests of the web pages (tests/web/*.test.mjs, node's own test runner, driving
# Debian's /usr/bin/chromium through playwright-core). Starts `jixiao serve` on a fresh SQLite
# database and a free port, reads the demo logins it prints on first start, runs the tests
# against it and stops it. Exits with the tests' code.
#
# Usage: tests/web/run.sh            (from anywhere; JIXIAO_BIN defaults to build/jixiao)
# Environment:
#   JIXIAO_BIN=path                 the jixiao binary to serve
#   JIXIAO_REQUIRE_BROWSER=1        a missing node, chromium or playwright-core fails the run
#                                   (otherwise the run is skipped with a message, exit 0)
#   JX_SCREENSHOTS=1                write docs/screenshots/web-*.png
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
bin=${JIXIAO_BIN:-build/jixiao}
case $bin in /*) ;; *) bin="$root/$bin" ;; esac

missing() {
  if [ "${JIXIAO_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "web tests: $1 (JIXIAO_REQUIRE_BROWSER=1: failing)" >&2
    exit 1
  fi
  echo "web tests skipped: $1 (set JIXIAO_REQUIRE_BROWSER=1 to make this a failure)"
  exit 0
}
command -v node >/dev/null 2>&1 || missing "node is not installed (scripts/install-deps.sh)"
[ -x /usr/bin/chromium ] || missing "/usr/bin/chromium is not installed (scripts/install-deps.sh)"
[ -f node_modules/playwright-core/package.json ] ||
  missing "node_modules/playwright-core is missing (npm ci --no-audit --no-fund)"
if [ ! -x "$bin" ]; then
  echo "web tests: $bin is not built (make build)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-web.XXXXXX")
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid" 2>/dev/null || true; fi
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  stop_server
  if [ "${JX_KEEP_TMP:-0}" = 1 ]; then echo "web tests: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}
healthy() {
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"
}
# The server flushes its logins and its "serving" line itself (server.cc), so they can be read
# from the file while it runs. No stdbuf: its LD_PRELOAD would load a library before ASan's
# runtime, and an ASan build of the server refuses to start that way.

# Start the server; a port taken between choosing it and binding it gets a second try.
url=""
for attempt in 1 2 3; do
  port=$(free_port)
  rm -f "$work/web.db" "$work/web.db-wal" "$work/web.db-shm"
  "$bin" serve --db "sqlite:$work/web.db" --listen "127.0.0.1:$port" \
    >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 300); do  # 30 s
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    if healthy "http://127.0.0.1:$port/healthz"; then url="http://127.0.0.1:$port"; break; fi
    sleep 0.1
  done
  [ -n "$url" ] && break
  echo "web tests: the server did not come up on port $port (try $attempt); its stderr:" >&2
  sed 's/^/  /' "$work/server.err" >&2 || true
  stop_server
  # Only a port taken meanwhile is worth another try.
  grep -qiE 'address|port|bind|端口|地址' "$work/server.err" || break
done
if [ -z "$url" ]; then
  echo "web tests: could not start $bin serve" >&2
  exit 1
fi

# The demo logins, printed once on first start: "  LOGIN  PASSWORD  ROLE  ORG".
for _ in $(seq 1 100); do
  grep -q '^  [^ ]' "$work/server.out" && break
  sleep 0.1
done
if ! grep -q '^  [^ ]' "$work/server.out"; then
  echo "web tests: the server printed no demo logins on first start; its output:" >&2
  sed 's/^/  /' "$work/server.out" "$work/server.err" >&2 || true
  exit 1
fi
cp "$work/server.out" "$work/logins.txt"
echo "web tests: $bin serve at $url ($(grep -c '^  [^ ]' "$work/logins.txt") demo logins)"

status=0
JX_URL="$url" JX_LOGINS_FILE="$work/logins.txt" JX_TMP="$work" JIXIAO_BIN="$bin" \
  JX_SCREENSHOTS="${JX_SCREENSHOTS:-0}" \
  node --test --test-concurrency=1 tests/web/ || status=$?
if [ "$status" -ne 0 ]; then
  echo "web tests: failed ($status); the server's stderr:" >&2
  tail -n 40 "$work/server.err" | sed 's/^/  /' >&2 || true
fi
exit "$status"
