#!/usr/bin/env bash
# Measures `jixiao serve` with wrk on loopback, on SQLite and then on PostgreSQL:
#
#   bash bench/server.sh build/jixiao                 # both engines (make bench-server)
#   bash bench/server.sh --sqlite build/jixiao        # SQLite only
#   scripts/with-postgres.sh bash bench/server.sh --postgres build/jixiao
#
# For each engine: a fresh database in a temporary folder (PostgreSQL: a new database in the
# cluster named by JIXIAO_TEST_PG_URL; without it, the PostgreSQL part runs itself again under
# scripts/with-postgres.sh, a throwaway cluster), `jixiao serve` on a free port of 127.0.0.1,
# the demo logins it prints on first start, a session of kx-clerk (区科协's 填报人) and the id of
# 区科协's FY2024 draft; 3 s of package reads to warm the server up (not measured); then wrk,
# each for DURATION seconds with --latency, on:
#
#   GET   /api/v1/packages/ID          the package JSON                 THREADS × CONNECTIONS
#   GET   /packages/ID                 the editor page                  THREADS × CONNECTIONS
#                                      (twice: as it is, and asked for as a browser asks, with
#                                      Accept-Encoding: answered as gzip)
#   POST  /api/v1/packages/ID/check    live check of an unsaved edit    THREADS × CONNECTIONS
#   PATCH /api/v1/packages/ID          saving an edit (bench/server.lua tracks the version):
#                                      SAVERS clerks at once, each a wrk thread with one
#                                      connection and a package of its own (no races); then all
#                                      on one package, 1 connection per thread and CONNECTIONS
#                                      (those race: a save made on a version just replaced
#                                      answers 409; 200/s and 409/s shown)
#
# and prints one table: requests/s, the median and 99th percentile latency, the answers that
# were not 2xx, socket errors, for one request on an idle server its time (curl, median of 5),
# and the server's CPU time (user + system) per request during the run — the figure that does
# not depend on what else the machine is doing — and, on PostgreSQL, the database server's (the
# postmaster and its backends, when the cluster is scripts/with-postgres.sh's on this machine).
# The last column adds, when it happened, how many connections a full listen queue dropped during
# the row (the machine's TcpExt ListenOverflows: each such client waits for its TCP to retry,
# which shows in p99). The server and wrk share the machine's cores, as on a single-machine
# deployment.
#
# Settings (environment): DURATION (15), THREADS (2), CONNECTIONS (32), SAVERS (8), SERVE_ARGS (more
# options for `jixiao serve`, e.g. "--threads 64"; none by default). Needs wrk, curl and
# python3. Only the servers this script started are stopped; the temporary folders and the
# PostgreSQL database it created are removed.
set -euo pipefail

engines=(sqlite postgres)
results=""
while [[ $# -gt 1 ]]; do
  case "$1" in
    --sqlite) engines=(sqlite) ;;
    --postgres) engines=(postgres) ;;
    --results) results="$2"; shift ;;
    *) echo "usage: $0 [--sqlite|--postgres] [--results FILE] JIXIAO_BINARY" >&2; exit 2 ;;
  esac
  shift
done
if [[ $# -ne 1 ]]; then
  echo "usage: $0 [--sqlite|--postgres] [--results FILE] JIXIAO_BINARY" >&2
  exit 2
fi
bin="$(realpath "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
duration="${DURATION:-15}"
threads="${THREADS:-2}"
savers="${SAVERS:-8}"
connections="${CONNECTIONS:-32}"

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done
"$bin" serve --help >/dev/null 2>&1 || { echo "$0: $bin has no serve command" >&2; exit 2; }

# The table's rows, one per line, tab-separated; shared with a run of this script under
# with-postgres.sh.
own_results=0
if [[ -z "$results" ]]; then
  results="$(mktemp /tmp/jixiao-bench-results.XXXXXX)"
  own_results=1
fi

work=""
server_pid=""
pg_db=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [[ -n "$pg_db" ]]; then
    psql "$JIXIAO_TEST_PG_URL" -qX -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
    pg_db=""
  fi
  [[ -n "$work" ]] && rm -rf "$work"
  work=""
  return "$status"
}
on_exit() {
  local status=$?
  cleanup
  if [[ $own_results -eq 1 ]]; then rm -f "$results"; fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A TCP port of 127.0.0.1 that nothing listens on.
free_port() {
  local port hex
  while :; do
    port=$((20000 + RANDOM % 40000))
    hex="$(printf '%04X' "$port")"
    grep -qs ":$hex " /proc/net/tcp /proc/net/tcp6 || break
  done
  echo "$port"
}

# json_get FILE EXPRESSION: a Python expression over `d`, the file's JSON.
json_get() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# wrk's latency ("812.00us", "1.23ms", "1.02s", "2.00m") in milliseconds.
to_ms() {
  python3 -c '
import re, sys
m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", sys.argv[1])
if not m: print("?"); sys.exit()
v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
print(f"{v:.2f}")' "$1"
}

# The time of one request on the idle server, median of 5, in ms.
single_ms() {
  local times=() i
  for i in 1 2 3 4 5; do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' "$@")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | python3 -c 'print(f"{float(input()) * 1000:.2f}")'
}

# The server's CPU time so far (user + system), in clock ticks.
server_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

# The database server's CPU time so far (the postmaster and its backends), in clock ticks; empty
# on SQLite or when the cluster is not on this machine's /tmp (its postmaster.pid not readable).
db_pid=""
db_cpu_ticks() {
  [[ -n "$db_pid" ]] || return 0
  local total=0 p t
  for p in "$db_pid" $(pgrep -P "$db_pid"); do
    t="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null)" || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}

# How often, since boot, a listening socket of this machine had to drop a connection because its
# queue of connections not yet accepted was full (TcpExt ListenOverflows in /proc/net/netstat):
# the client's TCP retries 200 ms to a second later, which shows as a stall in p99. Empty where
# the file is not readable.
listen_overflows() {
  awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 } else print $col["ListenOverflows"] }' \
    /proc/net/netstat 2>/dev/null || true
}

# run_wrk ENGINE LABEL CONNS SINGLE_MS WRK_ARGS…: one wrk run, one row of the table.
run_wrk() {
  local engine="$1" label="$2" conns="$3" single="$4"
  shift 4
  local out="$work/wrk.out"
  local cpu_before db_before overflows_before
  cpu_before="$(server_cpu_ticks)"
  db_before="$(db_cpu_ticks)"
  overflows_before="$(listen_overflows)"
  # A row may set wrk_threads (the race-free saves: one thread per clerk).
  local wt="${wrk_threads:-$threads}"
  wrk -t"$wt" -c"$conns" -d"${duration}s" --latency "$@" >"$out" 2>&1 || {
    cat "$out" >&2
    echo "$0: wrk failed" >&2
    exit 1
  }
  local cpu_after db_after total cpu db_cpu="" overflows_after
  cpu_after="$(server_cpu_ticks)"
  db_after="$(db_cpu_ticks)"
  overflows_after="$(listen_overflows)"
  total="$(awk '/requests in/ {print $1}' "$out")"
  per_request='import sys; t = int(sys.argv[3]); print(f"{(int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[4]) * 1000 / t:.2f}" if t else "?")'
  cpu="$(python3 -c "$per_request" "$cpu_before" "$cpu_after" "${total:-0}" "$(getconf CLK_TCK)")"
  if [[ -n "$db_before" ]]; then
    db_cpu="$(python3 -c "$per_request" "$db_before" "$db_after" "${total:-0}" "$(getconf CLK_TCK)")"
  fi
  local rps p50 p99 non2xx sockerr status
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  non2xx="${non2xx:-0}"
  # "Socket errors: connect 0, read 0, write 0, timeout 35" → "35 (timeout 35)".
  sockerr="$(awk '/Socket errors:/ {
    gsub(",", ""); kinds = ""
    for (i = 3; i < NF; i += 2) if ($(i + 1) > 0) kinds = kinds (kinds == "" ? "" : ", ") $i " " $(i + 1)
    print $4 + $6 + $8 + $10 " (" kinds ")"}' "$out")"
  sockerr="${sockerr:-0}"
  status="$(awk '/^BENCH_STATUS/ {print $2, $3, $4}' "$out")"
  local notes=""
  if [[ -n "$status" ]]; then
    # ok=N conflict=M other=K → answers per second of each kind.
    notes="$(python3 -c '
import sys
kv = dict(x.split("=") for x in sys.argv[1].split())
d = float(sys.argv[2])
ok, conflict, other = int(kv["ok"]), int(kv["conflict"]), int(kv["other"])
print(f"200: {ok / d:.0f}/s, 409: {conflict / d:.0f}/s, other: {other}")' \
      "$status" "$duration")"
  fi
  # Connections dropped by a full listen queue during the row (any socket of the machine).
  if [[ -n "$overflows_before" && -n "$overflows_after" ]] &&
    ((overflows_after > overflows_before)); then
    notes="${notes:+$notes; }listen queue overflowed $((overflows_after - overflows_before))×"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$label" "$wt×$((conns / wt))" \
    "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$single" "$cpu" "${db_cpu:-–}" "$notes" >>"$results"
  printf '  %-34s %10s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s  socket errors %s  server CPU %s ms/request  database CPU %s  %s\n' \
    "$label" "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$cpu" "${db_cpu:-–}" "$notes" >&2
}

bench_engine() {
  local engine="$1"
  work="$(mktemp -d /tmp/jixiao-bench.XXXXXX)"
  local url
  if [[ "$engine" == sqlite ]]; then
    url="sqlite:$work/jixiao.db"
  else
    pg_db="jixiao_bench_$$"
    psql "$JIXIAO_TEST_PG_URL" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_db" >/dev/null
    # postgresql:///postgres?host=…  →  postgresql:///jixiao_bench_N?host=…
    url="$(python3 -c '
import re, sys
url, db = sys.argv[1], sys.argv[2]
m = re.match(r"(postgres(?:ql)?://[^/?]*)(/[^?]*)?(\?.*)?$", url)
if not m: sys.exit(f"cannot name a database in {url}")
print(m.group(1) + "/" + db + (m.group(3) or ""))' "$JIXIAO_TEST_PG_URL" "$pg_db")"
    # The cluster of scripts/with-postgres.sh: its socket folder (host=…) holds data/, whose
    # postmaster.pid names the postmaster whose backends serve this benchmark.
    local host
    host="$(python3 -c 'import re, sys; m = re.search(r"[?&]host=([^&]+)", sys.argv[1]); print(m.group(1) if m else "")' "$JIXIAO_TEST_PG_URL")"
    if [[ -n "$host" && -r "$host/data/postmaster.pid" ]]; then
      db_pid="$(head -1 "$host/data/postmaster.pid")"
    fi
  fi
  local port
  port="$(free_port)"
  local base="http://127.0.0.1:$port"
  # shellcheck disable=SC2086  # SERVE_ARGS is split on purpose
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" ${SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
  server_pid=$!
  local tries=0
  until curl -sf -o /dev/null "$base/healthz"; do
    tries=$((tries + 1))
    if [[ $tries -gt 600 ]] || ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$work/serve.log" >&2
      echo "$0: the server did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  # The demo logins, printed once: "  LOGIN  PASSWORD  ROLE  ORG".
  local password
  password="$(awk '$1 == "kx-clerk" {print $2}' "$work/serve.log")"
  if [[ -z "$password" ]]; then
    cat "$work/serve.log" >&2
    echo "$0: no demo login kx-clerk in the server's output" >&2
    exit 1
  fi
  curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
    -d "{\"login\": \"kx-clerk\", \"password\": \"$password\"}" "$base/api/v1/session" >"$work/login.json"
  local csrf cookie
  csrf="$(json_get "$work/login.json" 'd["csrf"]')"
  cookie="$(awk '$6 == "jx_session" {print $7}' "$work/jar")"
  curl -sf -b "$work/jar" "$base/api/v1/packages?year=2024" >"$work/list.json"
  local id
  id="$(json_get "$work/list.json" '[p["id"] for p in d["packages"] if p["fiscal_year"] == 2024][0]')"
  local head
  head_version() {
    curl -sf -b "$work/jar" "$base/api/v1/packages/$id" >"$work/package.json"
    json_get "$work/package.json" 'd["summary"]["version"]'
  }
  echo "$engine: serving $url on port $port; package $id" >&2

  local auth=(-H "Cookie: jx_session=$cookie")
  local check_body='{"patch":[{"op":"replace","path":"/evaluation/funds/executed","value":"124.98"}]}'
  # Each request once, to fail early with the server's answer rather than a column of errors.
  local code
  for probe in "GET $base/api/v1/packages/$id" "GET $base/packages/$id"; do
    code="$(curl -s -o "$work/probe" -w '%{http_code}' "${auth[@]}" "${probe#GET }")"
    [[ "$code" == 200 ]] || { cat "$work/probe" >&2; echo "$0: $probe answered $code" >&2; exit 1; }
  done
  code="$(curl -s -o "$work/probe" -w '%{http_code}' "${auth[@]}" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' -d "$check_body" "$base/api/v1/packages/$id/check")"
  [[ "$code" == 200 ]] || { cat "$work/probe" >&2; echo "$0: check answered $code" >&2; exit 1; }

  # Warm-up, not measured: 3 s of package reads at the same concurrency open the connections
  # of the server's pool (on PostgreSQL each is a new backend that authenticates and prepares
  # its statements: a second or more of waiting for the first requests on two busy cores).
  # What the rows measure is a server in use, not one starting.
  wrk -t"$threads" -c"$connections" -d3s "${auth[@]}" "$base/api/v1/packages/$id" >/dev/null 2>&1 || true

  local one
  one="$(single_ms "${auth[@]}" "$base/api/v1/packages/$id")"
  run_wrk "$engine" "GET /api/v1/packages/ID (JSON)" "$connections" "$one" "${auth[@]}" \
    "$base/api/v1/packages/$id"
  one="$(single_ms "${auth[@]}" "$base/packages/$id")"
  run_wrk "$engine" "GET /packages/ID (editor page)" "$connections" "$one" "${auth[@]}" \
    "$base/packages/$id"
  # The same page asked for as a browser asks (Chromium's Accept-Encoding): answered as gzip,
  # ~30 KB instead of ~145 KB.
  local browser=(-H "Accept-Encoding: gzip, deflate, br, zstd")
  one="$(single_ms "${auth[@]}" "${browser[@]}" "$base/packages/$id")"
  run_wrk "$engine" "GET /packages/ID (editor page, gzip)" "$connections" "$one" "${auth[@]}" \
    "${browser[@]}" "$base/packages/$id"

  export BENCH_PATH="/api/v1/packages/$id" BENCH_COOKIE="$cookie" BENCH_CSRF="$csrf"
  unset BENCH_PATHS BENCH_VERSIONS
  one="$(single_ms "${auth[@]}" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "$check_body" "$base/api/v1/packages/$id/check")"
  BENCH_MODE=check BENCH_VERSION="$(head_version)" \
    run_wrk "$engine" "POST /api/v1/packages/ID/check" "$connections" "$one" \
    -s "$here/server.lua" "$base"

  # One save, timed alone: made on the head, with the value the Lua script would send.
  head="$(head_version)"
  local value=124.88
  [[ $((head % 2)) -eq 1 ]] && value=124.98
  one="$(curl -s -o /dev/null -w '%{time_total}' "${auth[@]}" -X PATCH -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' \
    -d "{\"base_version\": $head, \"patch\": [{\"op\": \"replace\", \"path\": \"/evaluation/funds/executed\", \"value\": \"$value\"}]}" \
    "$base/api/v1/packages/$id" | python3 -c 'print(f"{float(input()) * 1000:.2f}")')"
  # Saves that do not race: SAVERS clerks at once, each wrk thread saving its own package
  # (区科协's FY2024, and FY2025, FY2026, … packages started from it), as clerks of different
  # units do.
  local paths="/api/v1/packages/$id" versions
  versions="$(head_version)"
  local t
  for ((t = 1; t < savers; t++)); do
    curl -sf -b "$work/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
      -d "{\"fiscal_year\": $((2024 + t)), \"from\": \"last_year\"}" \
      "$base/api/v1/packages" >"$work/created.json"
    paths+=" /api/v1/packages/$(json_get "$work/created.json" 'd["id"]')"
    versions+=" $(json_get "$work/created.json" 'd["version"]')"
  done
  BENCH_MODE=save BENCH_PATHS="$paths" BENCH_VERSIONS="$versions" wrk_threads="$savers" \
    run_wrk "$engine" "PATCH /api/v1/packages/ID (a package per clerk)" "$savers" "$one" \
    -s "$here/server.lua" "$base"
  # Saves that race: every connection saves the same package, as if several people edited it at
  # once; a save made on a version someone else has just replaced answers 409.
  BENCH_MODE=save BENCH_VERSION="$(head_version)" \
    run_wrk "$engine" "PATCH /api/v1/packages/ID (one package)" "$threads" "" \
    -s "$here/server.lua" "$base"
  BENCH_MODE=save BENCH_VERSION="$(head_version)" \
    run_wrk "$engine" "PATCH /api/v1/packages/ID (one package)" "$connections" "" \
    -s "$here/server.lua" "$base"
  echo "$engine: $(head_version) versions saved" >&2
  cleanup
}

failed=0
for engine in "${engines[@]}"; do
  if [[ "$engine" == postgres && -z "${JIXIAO_TEST_PG_URL:-}" ]]; then
    if [[ -x "$root/scripts/with-postgres.sh" || -f "$root/scripts/with-postgres.sh" ]]; then
      bash "$root/scripts/with-postgres.sh" bash "$0" --postgres --results "$results" "$bin" || {
        echo "$0: the PostgreSQL part failed" >&2
        failed=1
      }
    else
      echo "$0: PostgreSQL skipped (no JIXIAO_TEST_PG_URL and no scripts/with-postgres.sh)" >&2
    fi
    continue
  fi
  bench_engine "$engine"
done

if [[ $own_results -eq 1 ]]; then
  echo
  echo "jixiao serve on 127.0.0.1, wrk ${duration}s per row, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
  python3 - "$results" <<'EOF'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
head = ["engine", "request", "threads×conns", "requests/s", "p50 ms", "p99 ms", "non-2xx",
        "socket errors", "1 request ms", "server CPU ms/request", "database CPU ms/request",
        "answers"]
widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
def line(cells): return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows: print(line(r))
EOF
  rm -f "$results"
fi
exit "$failed"
